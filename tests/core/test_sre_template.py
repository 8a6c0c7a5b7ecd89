"""The sre template: its draft fields, its rubric, and SRE-style documents read by its
headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from wizard import templates
from wizard.example import example_postmortem, sre_example_postmortem
from wizard.importer import import_file, import_text, missing_words
from wizard.importer.by_template import pick
from wizard.markdown import writer
from wizard.model import Postmortem, Task
from wizard.rubric import evaluate, rubric_for

DOCS = Path(__file__).parent / "sre"
SRE = templates.builtin("sre")


def test_the_sre_template_has_the_books_sections_and_no_word_target() -> None:
    assert SRE.section_ids == (
        "summary",
        "impact",
        "root_causes",
        "trigger",
        "resolution",
        "detection",
        "action_items",
        "lessons",
        "timeline",
    )
    assert SRE.words is None
    lessons = [p.heading for p in SRE.section("lessons").parts]
    assert lessons == ["What went well", "What went wrong", "Where we got lucky"]
    assert {p.check for p in SRE.points} >= {"filled", "words", "items", "timeline_kind"}


def test_a_template_part_the_draft_has_no_field_for_is_kept_in_parts() -> None:
    pm = Postmortem(template="sre", parts={"trigger": "A \x1b[31mdeploy\r\n", "went_well": ["x"]})
    assert pm.parts == {"trigger": "A deploy\n", "went_well": ["x"]}
    assert writer.section_markdown(pm, "trigger", SRE) == "## Trigger\n\nA deploy"
    for bad in ({"Not A Name": "x"}, {f"p{n}": "x" for n in range(65)}, {"a": ["x"] * 501}):
        with pytest.raises(ValidationError):
            Postmortem(parts=bad)


def test_a_classic_draft_and_task_are_stored_as_before() -> None:
    data = example_postmortem().model_dump(mode="json", by_alias=True)
    assert "parts" not in data
    assert set(data["tasks"][-1]) == {"text", "owner", "due", "done"}  # no type, no priority
    line = writer.task_line(Task(text="Fix (owner: it", owner="Ana; due: soon"))
    assert line == r"- [ ] Fix \(owner: it (owner: Ana\; due: soon)"


def test_an_action_item_writes_its_type_priority_and_link() -> None:
    task = Task(text="Alert on waits", type="detect", priority="p1", owner="Ana", link="http://x")
    assert task.priority == "P1"
    line = "- [ ] Alert on waits (type: detect; priority: P1; owner: Ana; link: http://x)"
    assert writer.task_line(task) == line
    with pytest.raises(ValidationError):
        Task(text="x", type="rehearse")


def test_the_sre_example_meets_the_sre_rubric_and_not_the_classic_one() -> None:
    pm = sre_example_postmortem()
    assert evaluate(pm).passed
    assert not evaluate(pm, rubric_for(templates.classic())).passed
    assert all(t.type and t.priority and t.link for t in pm.tasks)


@pytest.mark.parametrize("name", ["sonnet", "checkout", "bare"])
def test_an_sre_style_document_is_read_by_its_headings(name: str) -> None:
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    result = import_text(text)
    pm = result.draft
    assert pm.template == "sre"
    assert not missing_words(text, result)
    assert pm.root_cause.strip() and pm.resolution.strip()
    for part in ("impact", "trigger", "detection"):
        assert pm.parts[part].strip()
    assert len(pm.tasks) >= 2 and all(t.type for t in pm.tasks[:2])
    found = {s for s, ok in result.found.items() if ok}
    assert {"impact", "root_causes", "trigger", "resolution", "detection"} <= found


def test_the_google_style_document_gives_every_part() -> None:
    pm = import_file(DOCS / "sonnet.md").draft
    assert pm.parts["trigger"] == "Latent bug triggered by sudden increase in traffic."
    assert len(pm.parts["went_well"]) == 2 and len(pm.parts["got_lucky"]) == 1
    assert [t.owner for t in pm.tasks] == ["jennifer", "martym", "docbrown"]
    assert [t.type for t in pm.tasks] == ["mitigate", "prevent", "process"]
    assert pm.tasks[1].link == "Bug 5554823 TODO"
    assert pm.window.start is not None and len(pm.timeline) == 8
    assert "Authors: jennifer" in pm.unsorted
    assert evaluate(pm).passed


def test_a_detail_the_draft_refuses_stays_in_the_task_text() -> None:
    pm = import_file(DOCS / "checkout.md").draft
    assert pm.tasks[2].text == "Rehearse rollbacks every quarter (type: rehearse)"
    assert pm.tasks[1].done and pm.tasks[1].due is not None
    assert "Dashboards are linked" in pm.unsorted  # under a heading that names no section


def test_a_classic_document_is_not_taken_for_an_sre_one(corpus: Path) -> None:
    ours = Path(__file__).parents[1] / "corpus"
    for path in [*sorted(corpus.glob("*.md")), *sorted(ours.glob("*.md"))]:
        assert pick(path.read_text(encoding="utf-8", errors="replace")) is None, path
    assert pick(writer.to_markdown(example_postmortem())) is None
    # Headings the classic reader knows (summary, root causes, action items, lessons
    # learned, timeline) are not enough: one section classic has no place for is needed.
    known = "# X\n\n## Summary\n\n## Impact\n\n## Root causes\n\n## Resolution\n\n"
    assert pick(known + "## Action items\n\n## Timeline\n") is None
    assert pick(known + "## Trigger\n\n## Timeline\n") is SRE


def test_a_document_read_with_the_sre_template_follows_it() -> None:
    text = (DOCS / "sonnet.md").read_text(encoding="utf-8")
    text = text.replace("## Trigger", "## Cause").replace("## Detection", "## Spotted")
    assert import_text(text).draft.template == "classic"
    pm = import_text(text, SRE).draft
    assert pm.template == "sre" and pm.parts["summary"].startswith("Shakespeare Search")
