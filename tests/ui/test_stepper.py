"""The stepper's marks: done, started or untouched, for the sections and the review."""

from __future__ import annotations

from wizard.example import example_postmortem
from wizard.model import Postmortem
from wizard.rubric import evaluate, sections_found
from wizard.ui.widgets.stepper import step_state


def states(pm: Postmortem) -> dict[str, str]:
    report, found = evaluate(pm), sections_found(pm)
    steps = ("summary", "timeline", "root_cause", "measures", "review")
    return {step: step_state(report, found, step) for step in steps}


def test_a_title_alone_starts_no_step() -> None:
    assert set(states(Postmortem(title="Checkout outage")).values()) == {"empty"}


def test_a_started_section_starts_the_review_and_a_finished_draft_completes_it() -> None:
    started = states(Postmortem(root_cause="The pool was too small."))
    assert (started["root_cause"], started["review"]) == ("started", "started")
    assert states(example_postmortem())["review"] == "done"
