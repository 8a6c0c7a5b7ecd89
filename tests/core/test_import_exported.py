"""pmwizard's own export read back by its layout, and bad values in a document noted."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from wizard.checking import review
from wizard.example import example_postmortem
from wizard.importer import import_text, missing_words, read_written
from wizard.importer.exported import read_export
from wizard.markdown import html as html_export
from wizard.markdown import writer
from wizard.model import Impact, Kind, Postmortem, Task, TimelineEntry, Window

NAIROBI = Window(
    start=datetime(2023, 1, 17, 12, 30), end=datetime(2023, 1, 17, 13, 45), zone="Africa/Nairobi"
)


def instants(pm: Postmortem) -> list[tuple[datetime | None, str]]:
    zone = pm.window.zone
    return [
        (moment.astimezone(UTC) if (moment := e.at(zone)) else None, e.text)
        for e in pm.sorted_timeline()
    ]


def round_trip(pm: Postmortem) -> Postmortem:
    text = writer.to_markdown(pm)
    result = read_export(text, read_written)
    assert result is not None, text
    assert not result.notes and not missing_words(text, result)
    return result.draft


def test_the_example_comes_back_field_for_field() -> None:
    pm = example_postmortem()
    back = round_trip(pm)
    assert back.model_dump(exclude={"timeline"}) == pm.model_dump(exclude={"timeline"})
    assert [(e.time, e.zone, e.fold, e.text) for e in back.timeline] == [
        (e.time, e.zone, e.fold, e.text) for e in pm.sorted_timeline()
    ]


@pytest.mark.parametrize("second_zone", [None, "UTC", "America/New_York"])
def test_a_24_hour_export_comes_back_field_for_field(second_zone: str | None) -> None:
    pm = example_postmortem().revised(clock="24h", second_zone=second_zone)
    back = round_trip(pm)
    assert back.clock == "24h"
    assert back.model_dump(exclude={"timeline"}) == pm.model_dump(exclude={"timeline"})
    assert instants(back) == instants(pm)
    assert writer.to_markdown(back) == writer.to_markdown(pm)


def test_a_24_hour_time_edited_into_a_12_hour_export_still_reads() -> None:
    text = writer.to_markdown(example_postmortem()).replace("- 12:36 PM - ", "- 12:36 - ")
    back = import_text(text).draft
    assert back.clock == "12h"  # the document's own clock, the duration's
    assert instants(back) == instants(example_postmortem())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("root_cause", "Root cause: the pool.\nTodo: graphs.\n### Tasks\n- [ ] not a task"),
        ("root_cause", "It was *not* the `pool`, see [the runbook](https://wiki.example/rb)."),
        ("resolution", "At 12:40 PM we rolled back.\n\n<!-- note -->\n\n&amp; restarted C:\\"),
        ("root_cause_summary", "A bad deploy hit 40% of hosts (Timeline: none)."),
        ("service", "## Timeline"),
        ("title", "Issue Summary #"),
    ],
)
def test_answers_keep_what_the_general_reader_would_take_as_structure(
    field: str, value: str
) -> None:
    back = round_trip(Postmortem(**{field: value}))
    assert getattr(back, field) == value
    assert back.impact.percent is None and not back.tasks and not back.timeline


def test_tasks_keep_text_that_reads_like_an_owner_or_a_due_date() -> None:
    tasks = [
        Task(text="Add alerts (owner: Ann)"),
        Task(text="Pin it", owner="Ann; due: 2023-01-01"),
        Task(text="Ship (due: 2023-01-01)", due=date(2024, 1, 2), done=True),
        Task(text="Patch", owner="Ann (SRE) \\"),
    ]
    assert round_trip(Postmortem(tasks=tasks)).tasks == tasks


def test_an_entry_without_a_time_keeps_text_that_starts_like_one() -> None:
    pm = Postmortem(window=NAIROBI, timeline=[TimelineEntry(text="12:30 PM - the first page")])
    assert "- **Note:** 12:30 PM - the first page" in writer.to_markdown(pm)
    assert "<li><strong>Note:</strong> 12:30 PM - the first page</li>" in html_export.to_html(pm)
    assert round_trip(pm).timeline[0].text == "12:30 PM - the first page"


def test_entries_in_a_repeated_hour_keep_their_order() -> None:
    window = Window(
        start=datetime(2023, 11, 5, 0, 30),
        end=datetime(2023, 11, 5, 1, 50),
        end_fold=1,
        zone="America/New_York",
    )
    entries = [
        TimelineEntry(time=datetime(2023, 11, 5, 1, 30), fold=fold, text=f"pass {fold}")
        for fold in (0, 1)
    ]
    pm = Postmortem(window=window, timeline=entries)
    assert "- 1:30 AM EST - **Note:** pass 1" in writer.to_markdown(pm)
    back = round_trip(pm)
    assert back.window.minutes == pm.window.minutes
    assert instants(back) == instants(pm)


def test_letters_that_read_back_as_another_zone_are_written_with_their_offset() -> None:
    dublin = Window(start=datetime(2023, 7, 1, 10), end=datetime(2023, 7, 1, 12), zone="UTC")
    entries = [
        TimelineEntry(time=datetime(2023, 7, 1, 11), zone="Europe/Dublin", text="Irish time"),
        TimelineEntry(time=datetime(2023, 7, 1, 16), zone="Asia/Kolkata", text="Indian time"),
    ]
    pm = Postmortem(window=dublin, timeline=entries)
    text = writer.to_markdown(pm)
    assert "- 11:00 AM IST (UTC+01:00) - **Note:** Irish time" in text
    assert "- 4:00 PM IST - **Note:** Indian time" in text
    back = round_trip(pm)
    assert instants(back) == instants(pm)
    assert [e.zone for e in back.timeline] == ["Europe/Dublin", "Asia/Kolkata"]


def test_a_timeline_without_a_window_writes_its_year() -> None:
    pm = Postmortem(timeline=[TimelineEntry(time=datetime(2028, 3, 5, 12, 32), text="Alert.")])
    assert "- Mar 5, 2028, 12:32 PM - **Note:** Alert." in writer.to_markdown(pm)
    assert instants(round_trip(pm)) == instants(pm)


@pytest.mark.parametrize(("percent", "written"), [(62, "62"), (12.5, "12.5"), (100 / 3, None)])
def test_the_share_of_users_keeps_every_digit(percent: float, written: str | None) -> None:
    pm = Postmortem(impact=Impact(percent=percent))
    if written is not None:
        assert f"**Users affected:** {written}%" in writer.to_markdown(pm)
    assert round_trip(pm).impact.percent == percent


def test_a_backslash_ending_a_line_stays_text() -> None:
    pm = Postmortem(resolution="Copied it to C:\\\nand restarted.")
    assert "Copied it to C:\\\\\nand restarted." in writer.to_markdown(pm)
    assert "<br" not in html_export.to_html(pm)


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace("## Timeline", "A line of my own.\n\n## Timeline"),
        lambda text: text.replace("### Tasks", "### Owners"),
        lambda text: text.replace("(1 h 15 min)", "(2 h)"),
        lambda text: text.replace("**Users affected:** 62%", "**Users affected:** many"),
    ],
    ids=["paragraph", "heading", "length", "share"],
)
def test_an_edited_part_is_read_by_the_general_reader_and_the_rest_exactly(edit: Any) -> None:
    pm = example_postmortem()
    text = edit(writer.to_markdown(pm))
    result = import_text(text)
    assert result.draft.title == pm.title
    assert all(result.found.values())
    assert result.draft.timeline == pm.sorted_timeline()  # kinds and detection kept
    assert not missing_words(text, result)


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("(1 h 15 min)", "(1 h 15 min); paging was delayed by the holiday rota", "holiday rota"),
        ("- 12:32 PM - ", "- 12:32 PM (approx, per Slack) - ", "per Slack"),
        ("resolved after 1 h 15 min", "resolved after 1 h 15 min, but nobody paged the DB", "DB"),
    ],
    ids=["duration-tail", "entry-bracket", "response"],
)
def test_hand_added_text_is_kept_and_the_kinds_too(old: str, new: str, kept: str) -> None:
    text = example_with(old, new)
    result = import_text(text)
    assert kept in result.draft.model_dump_json()
    assert not missing_words(text, result)
    entries = example_postmortem().timeline  # all but an edited one come back exactly
    assert sum(e in result.draft.timeline for e in entries) >= len(entries) - (old[0] == "-")


def test_the_exporters_own_response_and_second_zone_are_read_exactly() -> None:
    pm = example_postmortem().revised(second_zone="UTC")
    text = writer.to_markdown(pm)
    assert "; 9:30 AM - 10:45 AM UTC" in text and "**Response:** detected after" in text
    back = round_trip(pm)
    assert instants(back) == instants(pm) and back.second_zone == "UTC"


def test_an_undated_window_over_midnight_keeps_entries_after_midnight() -> None:
    window = Window(
        start=datetime(2000, 1, 1, 22, 30), end=datetime(2000, 1, 2, 1, 45), dated=False
    )
    entries = [
        TimelineEntry(time=datetime(2000, 1, 1, 22, 32), text="Paged."),
        TimelineEntry(time=datetime(2000, 1, 2, 0, 32), text="Rolled back."),
    ]
    pm = Postmortem(window=window, timeline=entries)
    back = round_trip(pm)
    assert not back.window.dated
    assert instants(back) == instants(pm)


@pytest.mark.parametrize("month", [1, 7])
@pytest.mark.parametrize(
    "zone", ["Asia/Shanghai", "Asia/Manila", "Asia/Jerusalem", "America/Havana", "Europe/London"]
)
def test_the_second_zone_keeps_its_offset(zone: str, month: int) -> None:
    start, end = datetime(2023, month, 17, 12, 30), datetime(2023, month, 17, 13, 45)
    pm = Postmortem(
        window=Window(start=start, end=end),
        second_zone=zone,
        timeline=[TimelineEntry(time=datetime(2023, month, 17, 12, 32), text="Alert fired.")],
    )
    back = round_trip(pm)
    assert back.second_zone == zone
    assert writer.section_markdown(back, "timeline") == writer.section_markdown(pm, "timeline")


def test_an_owner_followed_by_a_hand_written_due_date_is_not_swallowed() -> None:
    text = example_with("(owner: Dana)", "(owner: Dana; due: Jan 24)")
    task = next(t for t in import_text(text).draft.tasks if t.done)
    assert (task.text, task.owner, task.due) == (
        "Refund duplicate charges",
        "Dana",
        date(2023, 1, 24),
    )


# --- bad values in a document -------------------------------------------------------------


def example_with(old: str, new: str) -> str:
    text = writer.to_markdown(example_postmortem())
    assert old in text
    return text.replace(old, new)


def test_an_end_before_the_start_is_noted_and_kept() -> None:
    text = example_with(
        "January 17, 2023, 12:30 PM - 1:45 PM EAT (UTC+03:00) (1 h 15 min)",
        "January 17, 2023, 1:45 PM - January 17, 2023, 12:30 PM EAT (UTC+03:00)",
    )
    result = import_text(text)
    problem = "the end 12:30 PM is before the start 1:45 PM"
    assert result.draft.window.end is None
    assert any(problem in note for note in result.notes)
    assert dict(result.unmet) == {"S1": problem}
    assert "1:45 PM - January 17, 2023, 12:30 PM" in result.draft.unsorted


def test_a_share_over_100_is_noted_and_kept() -> None:
    result = import_text(example_with("**Users affected:** 62%", "**Users affected:** 250%"))
    problem = "250% is not a share of users: give 0 to 100"
    assert result.draft.impact.percent is None
    assert problem in result.notes and dict(result.unmet) == {"S4": problem}
    assert "Users affected: 250%" in result.draft.unsorted


def test_an_unknown_zone_is_named_and_the_window_left_open() -> None:
    result = import_text(example_with("EAT (UTC+03:00)", "XYZT"))
    assert result.draft.window.end is None
    assert any("XYZT" in note for note in result.notes)
    assert not any("no time zone is given" in note for note in result.notes)
    assert "XYZT" in dict(result.unmet)["S1"]
    assert "All times XYZT." in result.draft.unsorted
    assert all(e.text != "All times XYZT." for e in result.draft.timeline)


def test_check_shows_why_a_point_is_unmet(tmp_path: Path) -> None:
    path = tmp_path / "share.md"
    path.write_text(example_with("**Users affected:** 62%", "**Users affected:** 250%"))
    report, _ = review(path)
    s4 = next(r for r in report.results if r.id == "S4")
    assert not s4.met and "250%" in s4.why


def test_a_share_in_prose_is_not_noted() -> None:
    summary = "Traffic grew 250% in an hour; 40% of users saw errors."
    result = import_text(f"# Outage\n\n## Issue Summary\n\n{summary}\n")
    assert result.draft.impact.percent == 40 and not result.unmet


def test_a_good_export_has_no_notes() -> None:
    pm = Postmortem(window=NAIROBI, impact=Impact(percent=12.5))
    result = import_text(writer.to_markdown(pm))
    assert not result.notes and not result.unmet and result.draft.impact.percent == 12.5


def test_a_written_postmortem_keeps_inline_markup_in_root_cause_and_measures() -> None:
    cause = (
        "The `max_connections` setting was *halved*; see [the runbook](https://wiki.example/rb)."
    )
    text = (
        "# Outage\n\n## Root Cause\n\n"
        f"{cause}\n\n"
        "## Corrective and Preventative Measures\n\n- Alert on `pool_wait` **early**\n"
    )
    assert read_export(text, read_written) is None
    result = import_text(text)
    assert result.draft.root_cause == cause
    assert [t.text for t in result.draft.tasks] == ["Alert on `pool_wait` **early**"]
    assert not missing_words(text, result)


# --- a document edited by hand: the edited part read like any document, the rest exactly -------

SAO_PAULO = example_postmortem().revised(
    window=Window(
        start=datetime(2023, 1, 17, 12, 30),
        end=datetime(2023, 1, 17, 13, 45),
        zone="America/Sao_Paulo",
    ),
    second_zone="Europe/Paris",
)


def edited(old: str, new: str, pm: Postmortem = SAO_PAULO) -> tuple[str, Any]:
    text = writer.to_markdown(pm)
    assert old in text, text
    text = text.replace(old, new)
    result = import_text(text)
    assert not missing_words(text, result)
    return text, result


def test_the_zone_is_named_for_readers_and_read_back_to_its_name() -> None:
    text = writer.to_markdown(SAO_PAULO)
    assert "12:30 PM - 1:45 PM Sao Paulo time (UTC-03:00) (1 h 15 min)" in text
    assert "All times Sao Paulo time (UTC-03:00), with CET (Paris, UTC+01:00) in brackets." in text
    back = round_trip(SAO_PAULO)
    assert (back.window.zone, back.second_zone) == ("America/Sao_Paulo", "Europe/Paris")


def test_a_broken_kind_label_is_noted_and_its_words_kept() -> None:
    _, result = edited("**Detection (monitoring alert):**", "**Detecton (monitoring alert):**")
    assert any("**Detecton (monitoring alert):**" in note for note in result.notes)
    first = result.draft.sorted_timeline()[0]
    assert "Detecton" in first.text and "monitoring alert fired" in first.text
    assert result.draft.sorted_timeline()[1:] == SAO_PAULO.sorted_timeline()[1:]


def test_an_unknown_zone_name_is_noted_and_the_times_kept() -> None:
    old = "All times Sao Paulo time (UTC-03:00)"
    _, result = edited(old, "All times Mars time (UTC-03:00)")
    assert any("Mars time (UTC-03:00) is not one pmwizard knows" in n for n in result.notes)
    assert len([n for n in result.notes if "Mars" in n]) == 1
    assert result.draft.window == SAO_PAULO.window  # the summary was not edited
    assert len(result.draft.timeline) == len(SAO_PAULO.timeline)


def test_a_line_added_to_the_timeline_keeps_every_other_entry_exactly() -> None:
    _, result = edited("- 1:24 PM", "- 1:20 PM - Called the vendor's support line.\n- 1:24 PM")
    added = [e for e in result.draft.timeline if "vendor" in e.text]
    assert [e.time for e in added] == [datetime(2023, 1, 17, 13, 20)]
    assert all(e in result.draft.timeline for e in SAO_PAULO.timeline)
    assert (result.draft.window.zone, result.draft.second_zone) == (
        "America/Sao_Paulo",
        "Europe/Paris",
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "### Resolution\n\n",
            "### Resolution\n\nA line of my own.\n\n### Notes\n\n",
            "resolution",
        ),
        ("**Users affected:** 62%", "**Users affected:** about 62% of shoppers", "impact"),
        (
            "- [x] Refund duplicate charges (owner: Dana)",
            "- [x] Refund charges (Dana, Friday)",
            "tasks",
        ),
        ("## Timeline\n", "## Timeline of events\n", "title"),
    ],
    ids=["root-cause", "summary-line", "task", "heading"],
)
def test_an_edited_part_leaves_the_rest_exact(old: str, new: str, field: str) -> None:
    _, result = edited(old, new)
    back = result.draft
    assert back.timeline == SAO_PAULO.sorted_timeline()
    assert (back.window, back.second_zone) == (SAO_PAULO.window, SAO_PAULO.second_zone)
    untouched = {"title", "root_cause_summary", "improvements", field}
    for name in untouched - {field}:
        assert getattr(back, name) == getattr(SAO_PAULO, name)
    assert all(result.found.values())


def test_a_part_added_by_hand_is_kept_unsorted() -> None:
    _, result = edited(
        "## Corrective and Preventative Measures",
        "## Lessons learned\n\nPools need alerts.\n\n## Corrective and Preventative Measures",
    )
    assert "Lessons learned\n\nPools need alerts." in result.draft.unsorted
    assert result.draft.timeline == SAO_PAULO.sorted_timeline()
    assert result.draft.tasks == SAO_PAULO.tasks


def test_the_unsorted_part_comes_back_as_unsorted_text() -> None:
    pm = SAO_PAULO.revised(unsorted="Notes from the call.\n\n# Not a heading")
    text = writer.to_markdown(pm)
    assert text.endswith("## Unsorted\n\nNotes from the call.\n\n\\# Not a heading\n")
    assert round_trip(pm).unsorted == pm.unsorted


def test_a_line_added_by_hand_is_guessed_with_the_exported_kinds_around_it() -> None:
    line = "- 12:40 PM - An engineer noticed checkout errors in the service logs.\n- 12:44 PM"
    _, result = edited("- 12:44 PM", line)
    added = next(e for e in result.draft.timeline if "noticed" in e.text)
    assert added.kind is Kind.INVESTIGATION  # the exported detection is the one
    assert [e.kind for e in result.draft.sorted_timeline() if e is not added] == [
        e.kind for e in SAO_PAULO.sorted_timeline()
    ]
