"""The sre template's export is the postmortem too: `check` judges it as the draft was
judged, and import gives the template's parts back exactly."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_export_contract import checked
from test_roundtrip import ANY_TEXT, SETTINGS, drafts, norm

from wizard.example import sre_example_postmortem
from wizard.importer import import_text
from wizard.markdown import writer
from wizard.model import Postmortem, Task

LINKS = st.one_of(st.none(), ANY_TEXT, st.just("https://x.example/1"))


@st.composite
def sre_drafts(draw: st.DrawFn) -> Postmortem:
    """A random draft of the sre template: the classic strategy's times and timeline, its
    own parts, and action items with and without a type, a priority and a link."""
    pm: Postmortem = draw(drafts())
    tasks = [
        task.revised(
            type=draw(st.sampled_from([None, "prevent", "mitigate", "detect", "process"])),
            priority=draw(st.sampled_from([None, "P0", "P1", "P2", "P3"])),
            link=draw(LINKS),
        )
        for task in pm.tasks
    ]
    lists = st.lists(ANY_TEXT, max_size=3)
    return pm.revised(
        template="sre",
        service="",
        impact={},
        root_cause_summary="",
        improvements=[],
        tasks=[t.model_dump() for t in tasks],
        parts={
            "summary": draw(ANY_TEXT),
            "impact": draw(ANY_TEXT),
            "trigger": draw(ANY_TEXT),
            "detection": draw(ANY_TEXT),
            "went_well": draw(lists),
            "went_wrong": draw(lists),
            "got_lucky": draw(lists),
        },
    )


def kept(pm: Postmortem) -> dict[str, Any]:
    """What the sre export writes of a draft besides its times: the parts' text (whitespace
    aside, blank items and blank text left out) and the action items with their details."""
    parts = {
        name: [norm(i) for i in value if i.strip()] if isinstance(value, list) else norm(value)
        for name, value in pm.parts.items()
    }
    return {
        "parts": {name: value for name, value in parts.items() if value},
        "tasks": [
            (norm(t.text), norm(t.owner), t.due, t.done, t.type, t.priority, norm(t.link))
            for t in pm.tasks
            if t.text.strip()
        ],
        "root_cause": norm(pm.root_cause),
        "resolution": norm(pm.resolution),
    }


@SETTINGS
@given(sre_drafts())
def test_check_judges_the_sre_export_as_the_draft(pm: Postmortem) -> None:
    of_draft, of_file = checked(pm)
    assert of_file == of_draft


@SETTINGS
@given(sre_drafts())
def test_import_gives_the_sre_parts_back(pm: Postmortem) -> None:
    got = import_text(writer.to_markdown(pm)).draft
    assert got.template == "sre"
    assert kept(got) == kept(pm)


def test_the_sre_example_reads_back_exactly() -> None:
    pm = sre_example_postmortem()
    assert import_text(writer.to_markdown(pm)).draft == pm


def test_an_action_items_details_read_back_with_text_that_looks_like_them() -> None:
    task = Task(
        text="Fix (owner: x; link: y", owner="Ana; due: 2020-01-01", type="detect", link="a; b"
    )
    pm = sre_example_postmortem().revised(tasks=[task.model_dump()])
    assert import_text(writer.to_markdown(pm)).draft.tasks == [task]


def test_a_task_owner_that_looks_like_details_reads_back_with_or_without_details() -> None:
    for owner in ("; due: 2001-01-01", "; type: x", "a (link: b", "\\", "a\\\\"):
        for details in ({"type": "detect"}, {"link": "x; y"}, {}):
            task = Task(text="Fix it", owner=owner, **details)
            pm = sre_example_postmortem().revised(tasks=[task.model_dump()])
            assert import_text(writer.to_markdown(pm)).draft.tasks == [task], owner
