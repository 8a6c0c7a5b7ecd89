"""Templates as data: the classic one, a team's own file, and the rubric a template makes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from wizard import templates
from wizard.drafts import DraftStore, dump, read_draft
from wizard.example import example_postmortem
from wizard.markdown import counts, writer
from wizard.model import Kind, Postmortem, Task, TimelineEntry, upgrade
from wizard.rubric import evaluate, rubric_for, sections_found
from wizard.session import Session
from wizard.templates import TemplateError
from wizard.textsafe import line_problem

SMALL = """
name = "small"
title = "A small one"

[[sections]]
id = "cause"
heading = "What Broke"
parts = [{ field = "root_cause", heading = "Cause", kind = "text" }]

[[sections]]
id = "actions"
heading = "Follow-up"
parts = [{ field = "tasks", heading = "Action Items", kind = "tasks" }]

[[points]]
id = "A1"
section = "cause"
label = "Cause said"
check = "filled"
fields = ["root_cause"]
missing = "no cause"
met = "cause given"

[[points]]
id = "A2"
section = "cause"
label = "Cause in detail"
check = "words"
fields = ["root_cause"]
min = 5
what = "cause"

[[points]]
id = "A3"
section = "actions"
label = "Three action items"
check = "items"
fields = ["tasks"]
min = 3
what = "action item"

[[points]]
id = "A4"
section = "actions"
label = "An escalation in the timeline"
check = "timeline_kind"
kind = "escalation"
missing = "no escalation"
met = "escalated"
"""


def test_the_classic_template_holds_the_classic_layout() -> None:
    classic = templates.classic()
    assert classic.section_ids == ("summary", "timeline", "root_cause", "measures")
    assert classic.headings["measures"] == "Corrective and Preventative Measures"
    assert [p.id for p in classic.points][:2] == ["S1", "S2"]
    assert classic.field_sections["window"] == ("summary", "timeline")
    assert classic.field_points["impact.percent"] == ("S4",)
    assert classic.section_ids == writer.SECTIONS


def test_a_template_writes_its_sections_and_judges_its_points() -> None:
    small = templates.parse(SMALL, "small.toml")
    pm = Postmortem(
        title="Disk full",
        root_cause="The log volume filled up overnight.",
        tasks=[Task(text="Rotate logs"), Task(text="Alert on disk")],
    )
    markdown = writer.to_markdown(pm, small)
    assert markdown == (
        "# Disk full\n\n## What Broke\n\n### Cause\n\nThe log volume filled up overnight.\n\n"
        "## Follow-up\n\n### Action Items\n\n- [ ] Rotate logs\n- [ ] Alert on disk\n"
    )
    report = evaluate(pm, rubric_for(small))
    verdicts = {r.id: (r.met, r.why) for r in report.results}
    assert verdicts == {
        "A1": (True, "cause given"),
        "A2": (True, "cause: 6 words"),
        "A3": (False, "list at least 3 action items (have 2)"),
        "A4": (False, "no escalation"),
    }
    assert list(report.as_json()["sections"]) == ["cause", "actions"]
    assert sections_found(pm, small) == {"cause": True, "actions": True}
    assert report.words == counts.section_words(pm, small)

    entry = TimelineEntry(time=datetime(2024, 1, 2, 3, 4), kind=Kind.ESCALATION, text="Paged.")
    later = evaluate(pm.revised(timeline=[entry.model_dump()]), rubric_for(small))
    assert [r.why for r in later.results if r.id == "A4"] == ["escalated (1)"]


def test_a_session_recounts_the_sections_of_its_template(tmp_path: Path) -> None:
    small = templates.parse(SMALL, "small.toml")
    session = Session(DraftStore(tmp_path), None, Postmortem(), rubric=rubric_for(small))
    session.edit("root_cause", "one two three four five six")
    assert session.words == {"cause": 9, "actions": 1}
    assert session.first_incomplete() == "actions"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('heading = "What Broke"', "heading = 3"), "line 7, sections[1].heading: "),
        (('check = "words"', 'check = "wordz"'), "line 28, points[2].check: "),
        (("min = 5", "min = -1"), "line 30, points[2].min: "),
        (('fields = ["root_cause"]\nmin', 'fields = ["nope"]\nmin'), "points[2].fields[1]: "),
        (('kind = "escalation"\n', ""), "line 42, points[4]: a 'timeline_kind' point needs kind"),
        (("title = ", "titel = "), "line 3, titel: Extra inputs are not permitted"),
        (('[[points]]\nid = "A1"', '[[points]\nid = "A1"'), "not valid TOML"),
    ],
)
def test_a_broken_template_says_where_in_one_line(change: tuple[str, str], expected: str) -> None:
    with pytest.raises(TemplateError) as caught:
        templates.parse(SMALL.replace(*change, 1), "team.toml")
    message = str(caught.value)
    assert message.startswith("team.toml: ")
    assert expected in message
    assert "\n" not in message


def test_point_sections_must_exist() -> None:
    with pytest.raises(TemplateError, match="point A1 names section 'nowhere'"):
        templates.parse(SMALL.replace('section = "cause"', 'section = "nowhere"', 1), "t.toml")


# --- drafts remember their template -----------------------------------------------------------


def _older(version: int) -> dict[str, object]:
    """The example draft as pmwizard wrote it at an older schema."""
    data = json.loads(dump(example_postmortem()))
    del data["template"]
    data["schema"] = version
    if version == 1:
        del data["clock"]
    return data


@pytest.mark.parametrize("version", [1, 2])
def test_drafts_of_schema_1_and_2_read_as_classic(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_older(version)), encoding="utf-8")
    pm = read_draft(path)
    assert (pm.schema_version, pm.template) == (3, "classic")
    assert pm.title == example_postmortem().title
    assert pm.clock == (None if version == 1 else "12h")
    assert upgrade(_older(version))["template"] == "classic"


def test_a_draft_says_its_template_and_keeps_it(tmp_path: Path) -> None:
    assert json.loads(dump(Postmortem()))["template"] == "classic"
    store = DraftStore(tmp_path)
    store.save("team", Postmortem(template="team_format", title="Ours"))
    assert store.load("team").template == "team_format"
    with pytest.raises(ValidationError, match="is not a template name"):
        Postmortem(template="../etc")


def test_a_draft_whose_template_file_is_gone_opens_read_only(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    path = store.save("team", Postmortem(template="team_format", title="Ours", root_cause="x"))
    before = path.read_bytes()
    session = Session(store, "team", store.load("team"))
    assert session.read_only
    assert str(tmp_path / "templates" / "team_format.toml") in (session.read_only_reason or "")
    session.edit("root_cause", "changed")
    assert not session.save(force=True)
    assert path.read_bytes() == before


def test_a_draft_follows_its_own_template_from_the_folder(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "small.toml").write_text(SMALL, encoding="utf-8")
    store = DraftStore(tmp_path)
    pm = Postmortem(template="small", title="Ours", root_cause="The disk filled up.")
    store.save("ours", pm)
    session = Session(store, "ours", store.load("ours"))
    assert not session.read_only
    assert [r.id for r in session.report().results] == ["A1", "A2", "A3", "A4"]
    [info] = store.info()
    assert info.summary is not None and info.summary.met == 1


def test_the_readme_template_example_is_a_template() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(
        b.split("```", 1)[0] for b in readme.split("```toml\n")[1:] if b.startswith("name = ")
    )
    ours = templates.parse(block, "README")
    assert (ours.name, ours.section_ids, [p.id for p in ours.points]) == (
        "ours",
        ("cause",),
        ["A1", "A2"],
    )


@pytest.mark.parametrize("name", templates.BUILTIN)
def test_a_builtin_template_is_read_as_validating_it_makes_it(name: str) -> None:
    """Built-in templates are read without validating them: this is their check (their
    import patterns compiled too)."""
    valid = templates.valid_builtin(name)
    read = templates.builtin(name)
    assert read == valid
    assert read.model_dump(exclude_unset=True) == valid.model_dump(exclude_unset=True)
    assert read.model_dump() == valid.model_dump()
    assert valid.aliases.headings


def test_a_team_templates_broken_pattern_is_refused_with_its_text() -> None:
    text = templates.builtin_text("classic").replace(
        "[aliases.labels]", '[aliases.labels]\nx = ["(oops"]', 1
    )
    with pytest.raises(TemplateError, match=r"'\(oops' is not a regular expression"):
        templates.parse(text, "team.toml")


# --- a template's texts are one line of plain text --------------------------------------------

CONTROL, BREAK, BIDI = "a control character", "a line break", "a bidirectional control"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('title = "A small one"', r'title = "A\u001b[2J one"'),
            f"line 3, title: holds {CONTROL} (U+001B)",
        ),
        (
            ('heading = "What Broke"', r'heading = "What\nBroke"'),
            f"line 7, sections[1].heading: holds {BREAK} (U+000A)",
        ),
        (
            ('heading = "What Broke"', r'heading = "What\u0085Broke"'),
            f"line 7, sections[1].heading: holds {BREAK} (U+0085)",
        ),
        (
            ('heading = "What Broke"', r'heading = "What \u202eBroke"'),
            f"line 7, sections[1].heading: holds {BIDI} (U+202E)",
        ),
        (
            ('heading = "What Broke"', r'heading = "What \u2067Broke"'),
            f"line 7, sections[1].heading: holds {BIDI} (U+2067)",
        ),
        (
            ('heading = "What Broke"', r'heading = "What\tBroke"'),
            f"line 7, sections[1].heading: holds {CONTROL} (U+0009)",
        ),
        (
            ('heading = "Cause"', r'heading = "Cause\u009b2J"'),
            f"line 8, sections[1].parts[1].heading: holds {CONTROL} (U+009B)",
        ),
        (
            ('heading = "Follow-up"', 'heading = "Follow-up"\nshort = "F\\u0007"'),
            f"line 13, sections[2].short: holds {CONTROL} (U+0007)",
        ),
        (
            ('label = "Cause said"', r'label = "Cause\u2028said"'),
            f"line 18, points[1].label: holds {BREAK} (U+2028)",
        ),
        (
            ('missing = "no cause"', r'missing = "no\u007fcause"'),
            f"line 21, points[1].missing: holds {CONTROL} (U+007F)",
        ),
        (
            ('met = "cause given"', r'met = "\u2066cause given"'),
            f"line 22, points[1].met: holds {BIDI} (U+2066)",
        ),
        (
            ('what = "cause"', r'what = "cause\r"'),
            f"line 31, points[2].what: holds {BREAK} (U+000D)",
        ),
    ],
)
def test_a_templates_text_with_a_control_or_a_line_break_is_refused(
    change: tuple[str, str], expected: str
) -> None:
    text = SMALL.replace(*change, 1)
    assert text != SMALL
    with pytest.raises(TemplateError) as caught:
        templates.parse(text, "team.toml")
    message = str(caught.value)
    assert message.startswith(f"team.toml: {expected}: a template's text is shown and written")
    assert "\n" not in message and line_problem(message) is None


@pytest.mark.parametrize(
    ("label", "where"), [("Duration", "lines[1]"), ("Users affected", "lines[6]")]
)
def test_a_summary_lines_label_is_one_line_too_and_said_at_its_line(label: str, where: str) -> None:
    text = templates.builtin_text("classic").replace(
        f'label = "{label}"', f'label = "{label}\\u001b]0;PWNED\\u0007"', 1
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "PWNED" in row)
    with pytest.raises(TemplateError) as caught:
        templates.parse(text, "team.toml")
    assert str(caught.value).startswith(
        f"team.toml: line {line}, sections[1].{where}.label: holds a control character (U+001B)"
    )


def test_plain_text_of_any_script_stays_a_templates_text() -> None:
    text = SMALL.replace(
        'heading = "What Broke"',
        'heading = "Qu\u2019est-ce qui a cass\u00e9 \u2014 \u05de\u05d4 \u05e0\u05e9\u05d1\u05e8 '
        '\U0001f525"',
        1,
    )
    assert templates.parse(text, "team.toml").sections[0].heading.endswith("\U0001f525")
