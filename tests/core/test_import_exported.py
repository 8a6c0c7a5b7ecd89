"""pmwizard's own export read back by its layout, and bad values in a document noted."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wizard.checking import review
from wizard.example import example_postmortem
from wizard.importer import import_text, missing_words
from wizard.importer.exported import read_export
from wizard.markdown import html as html_export
from wizard.markdown import writer
from wizard.model import Impact, Postmortem, Task, TimelineEntry, Window

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
    result = read_export(text)
    assert result is not None, text
    assert not missing_words(text, result)
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


def test_a_document_mixing_12_and_24_hour_times_is_not_read_as_an_export() -> None:
    text = writer.to_markdown(example_postmortem())
    assert read_export(text.replace("- 12:36 PM - ", "- 12:36 - ")) is None


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


def test_an_entry_without_a_time_that_starts_like_one_is_escaped() -> None:
    pm = Postmortem(window=NAIROBI, timeline=[TimelineEntry(text="12:30 PM - the first page")])
    assert "- 12\\:30 PM - the first page" in writer.to_markdown(pm)
    assert "<li>12:30 PM - the first page</li>" in html_export.to_html(pm)
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
    assert "- 1:30 AM EST - pass 1" in writer.to_markdown(pm)
    back = round_trip(pm)
    assert back.window.minutes == pm.window.minutes
    assert instants(back) == instants(pm)


def test_letters_that_read_back_as_another_zone_are_written_as_an_offset() -> None:
    dublin = Window(start=datetime(2023, 7, 1, 10), end=datetime(2023, 7, 1, 12), zone="UTC")
    entries = [
        TimelineEntry(time=datetime(2023, 7, 1, 11), zone="Europe/Dublin", text="Irish time"),
        TimelineEntry(time=datetime(2023, 7, 1, 16), zone="Asia/Kolkata", text="Indian time"),
    ]
    pm = Postmortem(window=dublin, timeline=entries)
    text = writer.to_markdown(pm)
    assert "- 11:00 AM UTC+01:00 - Irish time" in text
    assert "- 4:00 PM IST - Indian time" in text
    assert instants(round_trip(pm)) == instants(pm)


def test_a_timeline_without_a_window_writes_its_year() -> None:
    pm = Postmortem(timeline=[TimelineEntry(time=datetime(2028, 3, 5, 12, 32), text="Alert.")])
    assert "- Mar 5, 2028, 12:32 PM - Alert." in writer.to_markdown(pm)
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
def test_an_edited_export_is_left_to_the_general_reader(edit: Any) -> None:
    text = edit(writer.to_markdown(example_postmortem()))
    assert read_export(text) is None
    result = import_text(text)
    assert result.draft.title == example_postmortem().title
    assert all(result.found.values())


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("(1 h 15 min)", "(1 h 15 min); paging was delayed by the holiday rota", "holiday rota"),
        ("- 12:32 PM - ", "- 12:32 PM (approx, per Slack) - ", "per Slack"),
        ("resolved after 1 h 15 min", "resolved after 1 h 15 min, but nobody paged the DB", "DB"),
    ],
    ids=["duration-tail", "entry-bracket", "response"],
)
def test_hand_added_text_sends_the_export_to_the_general_reader(
    old: str, new: str, kept: str
) -> None:
    text = example_with(old, new)
    assert read_export(text) is None
    result = import_text(text)
    assert kept in result.draft.model_dump_json()
    assert not missing_words(text, result)


def test_the_exporters_own_response_and_second_zone_are_read_exactly() -> None:
    pm = example_postmortem().revised(second_zone="UTC")
    text = writer.to_markdown(pm)
    assert "; 9:30 AM - 10:45 AM UTC" in text and "**Response:** detected after" in text
    assert read_export(text) is not None
    assert instants(round_trip(pm)) == instants(pm)


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
    assert back.second_zone is not None
    for moment in (pm.window.start_at, pm.timeline[0].at("UTC")):
        assert moment is not None
        offsets = (moment.astimezone(ZoneInfo(z)).utcoffset() for z in (zone, back.second_zone))
        assert next(offsets) == next(offsets)
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
    assert read_export(text) is None
    result = import_text(text)
    assert result.draft.root_cause == cause
    assert [t.text for t in result.draft.tasks] == ["Alert on `pool_wait` **early**"]
    assert not missing_words(text, result)
