"""Timeline entries: pasted lines and tables, their dates and kinds, metrics and warnings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from wizard import timeline
from wizard.importer.times import UNDATED
from wizard.model import Detection, Kind, Postmortem, TimelineEntry, Window

NAIROBI = "Africa/Nairobi"
START = datetime(2023, 1, 17, 12, 30)


# --- pasted entries -------------------------------------------------------------------------


def test_pasted_lines_take_the_start_date_and_kinds() -> None:
    text = (
        "12:32 PM - Pagers alerted teams\n"
        "12:40 PM - Checked the API dashboards\n"
        "1:05 PM - Escalated to the DB team\n"
        "1:45 PM - Rolled back; service restored"
    )
    entries = timeline.parse_entries(text, START, NAIROBI)
    assert [e.time for e in entries] == [
        datetime(2023, 1, 17, 12, 32),
        datetime(2023, 1, 17, 12, 40),
        datetime(2023, 1, 17, 13, 5),
        datetime(2023, 1, 17, 13, 45),
    ]
    assert [e.kind for e in entries] == [
        Kind.DETECTION,
        Kind.INVESTIGATION,
        Kind.ESCALATION,
        Kind.RESOLUTION,
    ]
    assert entries[0].text == "Pagers alerted teams"
    assert entries[0].detected_by is Detection.MONITORING
    assert all(e.zone is None for e in entries)


@pytest.mark.parametrize(
    "text",
    [
        "- **12:32** - Pagers alerted teams\n- **13:05** - Escalated to the DB team",
        "1. 12:32: Pagers alerted teams\n2. 13:05: Escalated to the DB team",
        "12:32 PM: Pagers alerted teams\n\n1:05 PM: Escalated to the DB team",
        "12:32 - Pagers alerted teams. 13:05 - Escalated to the DB team.",
        "| Time | Event |\n| --- | --- |\n| 12:32 | Pagers alerted teams |\n"
        "| 13:05 | Escalated to the DB team |",
        "**12:32 EAT:** Pagers alerted teams\n\n**1:05 PM EAT:** Escalated to the DB team",
    ],
    ids=["bullets", "numbered", "paragraphs", "one-paragraph", "table", "bold-times"],
)
def test_every_way_of_writing_a_timeline(text: str) -> None:
    entries = timeline.parse_entries(text, START, NAIROBI)
    assert [(e.time, e.text.rstrip(".")) for e in entries] == [
        (datetime(2023, 1, 17, 12, 32), "Pagers alerted teams"),
        (datetime(2023, 1, 17, 13, 5), "Escalated to the DB team"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "12:32 - Pagers alerted teams\n- checked the dashboards\n13:05 - Escalated\n13:20 - Fixed",
        "12:32 - Pagers alerted teams\n* checked the dashboards\n  and the logs\n"
        "13:05 - Escalated\n13:20 - Fixed",
        "12:32 - Pagers alerted teams\n1. checked the dashboards\n13:05 - Escalated\n"
        "2023-01-17 13:20 - Fixed",
    ],
    ids=["bullet", "bullet-wrapped", "numbered"],
)
def test_a_timed_line_after_a_pasted_list_item_is_an_entry_of_its_own(text: str) -> None:
    # Markdown would take the lines after a list item as more of its text.
    entries = timeline.parse_entries(text, START, NAIROBI)
    assert [e.time.strftime("%H:%M") if e.time else None for e in entries] == [
        "12:32",
        None,
        "13:05",
        "13:20",
    ]
    assert entries[1].text.startswith("checked the dashboards")
    assert [e.text for e in entries[2:]] == ["Escalated", "Fixed"]


def test_times_past_midnight_roll_to_the_next_day() -> None:
    start = datetime(2023, 1, 17, 23, 40)
    entries = timeline.parse_entries("23:50 - alert fired\n00:10 - rolled back", start, "UTC")
    assert [e.time for e in entries] == [
        datetime(2023, 1, 17, 23, 50),
        datetime(2023, 1, 18, 0, 10),
    ]


def test_a_first_time_after_midnight_rolls_past_the_start() -> None:
    start = datetime(2023, 1, 17, 23, 0)
    entries = timeline.parse_entries("00:30 - alert fired", start, "UTC")
    assert entries[0].time == datetime(2023, 1, 18, 0, 30)


def test_a_time_shortly_before_the_start_stays_on_its_day() -> None:
    entries = timeline.parse_entries("12:05 PM - emails about slow pages", START, NAIROBI)
    assert entries[0].time == datetime(2023, 1, 17, 12, 5)


def test_a_date_in_the_line_wins() -> None:
    entries = timeline.parse_entries("Jan 18, 2023, 1:05 AM - rolled back", START, NAIROBI)
    assert entries[0].time == datetime(2023, 1, 18, 1, 5)


def test_a_date_without_a_year_takes_the_year_nearest_the_incident() -> None:
    """One rule for pasted lines, typed entry times and imports (see the CLI tests)."""
    from wizard.ui.time_entry import parse_entry_time

    new_year = datetime(2024, 12, 31, 23, 40)
    pasted = timeline.parse_entries("Jan 2 01:10 - Fixed\nDec 31 23:55 - Alert", new_year, "UTC")
    assert [e.time for e in pasted] == [datetime(2025, 1, 2, 1, 10), datetime(2024, 12, 31, 23, 55)]
    assert parse_entry_time("Jan 2 01:10", new_year, "UTC").value == datetime(2025, 1, 2, 1, 10)
    assert parse_entry_time("Jan 2 2024 01:10", new_year, "UTC").value.year == 2024
    before = datetime(2025, 1, 2, 0, 30)
    assert parse_entry_time("Dec 31 23:50", before, "UTC").value == datetime(2024, 12, 31, 23, 50)


def test_an_entry_zone_is_kept_and_wins() -> None:
    entries = timeline.parse_entries("1:30 AM PST - customer reported errors", START, NAIROBI)
    entry = entries[0]
    assert entry.zone == "America/Los_Angeles"
    assert entry.time is not None and entry.time.hour == 1 and entry.time.minute == 30
    moment = entry.at(NAIROBI)
    assert moment is not None and moment.utcoffset() is not None
    assert moment.utcoffset().total_seconds() == -8 * 3600  # type: ignore[union-attr]


def test_without_a_start_times_sit_on_the_placeholder_day() -> None:
    entries = timeline.parse_entries("20:25 - outage begins\n20:40 - alert fired", None, "UTC")
    assert [e.time for e in entries] == [
        datetime.combine(UNDATED, datetime.min.time()).replace(hour=20, minute=25),
        datetime.combine(UNDATED, datetime.min.time()).replace(hour=20, minute=40),
    ]


def test_lines_without_a_time_are_kept() -> None:
    entries = timeline.parse_entries("Detection: users complained\nsecond line", START, "UTC")
    assert [e.time for e in entries] == [None]
    assert entries[0].text == "Detection: users complained second line"


# --- metrics and warnings -------------------------------------------------------------------


def _pm(
    *entries: tuple[int, int, Kind], start: datetime = START, end: datetime | None = None
) -> Postmortem:
    timed = [
        TimelineEntry(time=start.replace(hour=h, minute=m), kind=k, text=f"{k.value} entry")
        for h, m, k in entries
    ]
    window = Window(start=start, end=end or start.replace(hour=14, minute=0), zone=NAIROBI)
    return Postmortem(window=window, timeline=timed)


def test_metrics_from_the_start() -> None:
    pm = _pm((12, 35, Kind.DETECTION), (12, 58, Kind.ESCALATION), (13, 40, Kind.RESOLUTION))
    assert timeline.metrics(pm) == {
        "time_to_detect_minutes": 5,
        "time_to_escalate_minutes": 28,
        "time_to_resolve_minutes": 70,
    }


def test_metrics_are_null_where_unknown() -> None:
    assert timeline.metrics(Postmortem()) == {
        "time_to_detect_minutes": None,
        "time_to_escalate_minutes": None,
        "time_to_resolve_minutes": None,
    }
    pm = _pm((12, 35, Kind.INVESTIGATION))
    assert timeline.metrics(pm)["time_to_detect_minutes"] is None
    assert timeline.metrics(pm)["time_to_resolve_minutes"] == 90  # the window's end


def test_metrics_count_real_minutes_across_a_dst_change() -> None:
    start = datetime(2023, 3, 12, 1, 30)
    pm = Postmortem(
        window=Window(start=start, end=datetime(2023, 3, 12, 3, 45), zone="America/New_York"),
        timeline=[TimelineEntry(time=datetime(2023, 3, 12, 3, 30), kind=Kind.RESOLUTION, text="x")],
    )
    assert timeline.metrics(pm)["time_to_resolve_minutes"] == 60


def test_warnings() -> None:
    pm = _pm(
        (12, 20, Kind.DETECTION),
        (12, 40, Kind.INVESTIGATION),
        (12, 40, Kind.ESCALATION),
        (14, 30, Kind.OTHER),
        end=START.replace(hour=14, minute=0),
    )
    found = timeline.warnings(pm)
    assert "entry 1 (12:20 PM) is before the incident start (12:30 PM)" in found
    assert "entry 4 (2:30 PM) is after the incident end (2:00 PM)" in found
    assert "entries 2 and 3 are both at 12:40 PM" in found


def test_a_resolution_before_the_detection_is_flagged() -> None:
    pm = _pm((12, 50, Kind.RESOLUTION), (13, 10, Kind.DETECTION))
    assert timeline.warnings(pm) == [
        "the resolution (entry 1, 12:50 PM) comes before the detection (entry 2, 1:10 PM)"
    ]


def test_a_tidy_timeline_has_no_warnings() -> None:
    pm = _pm((12, 35, Kind.DETECTION), (13, 40, Kind.RESOLUTION))
    assert timeline.warnings(pm) == []


def test_pasted_entries_sort_into_time_order() -> None:
    entries = timeline.parse_entries("13:05 - escalated\n12:32 - alert fired", START, NAIROBI)
    pm = Postmortem(window=Window(start=START, zone=NAIROBI), timeline=entries)
    assert [e.text for e in pm.sorted_timeline()] == ["alert fired", "escalated"]


def test_pasted_dates_follow_the_day_month_order() -> None:
    text = "05/06/2023 12:32 - Alert fired\n17/01/2023 13:00 - Rolled back"
    month_first = timeline.parse_entries(text, START, NAIROBI)
    day_first = timeline.parse_entries(text, START, NAIROBI, dayfirst=True)
    assert [e.time.date() for e in month_first] == [date(2023, 5, 6), date(2023, 1, 17)]
    assert [e.time.date() for e in day_first] == [date(2023, 6, 5), date(2023, 1, 17)]


# --- the cost of a long paste -----------------------------------------------------------------

_STORY = (
    "Alert fired for checkout errors",  # one detection, the others told apart from it
    "Checked the dashboards for the checkout service",
    "Alert fired again for the checkout errors",
    "Looked at 12:30 in the logs",  # a time in an entry's words
)


def _long_paste(lines: int) -> str:
    return "\n".join(
        f"{(i // 60) % 24:02d}:{i % 60:02d} - {_STORY[i % len(_STORY)]} {i}" for i in range(lines)
    )


def _calls_to_paste(lines: int) -> int:
    """Python calls made reading a paste of `lines` lines as the timeline screen does: the
    entries with their kinds, the lines joined by mistake, the hints on the points unmet."""
    import cProfile
    import pstats

    from wizard.kinds import reads_like

    text = _long_paste(lines)
    timeline.parse_entries(text, START, NAIROBI)  # the rules are read once, outside the count
    profile = cProfile.Profile()
    profile.enable()
    entries = timeline.parse_entries(text, START, NAIROBI)
    timeline.joined_time_lines(text, entries)
    reads_like(tuple(e.text for e in entries), Kind.MISLEADING)
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


def test_a_paste_three_times_as_long_costs_about_three_times_as_much() -> None:
    """Reading a paste grows with its length, never with its square: a paste of thousands of
    lines takes seconds, not minutes."""
    small, large = _calls_to_paste(200), _calls_to_paste(600)
    assert large < 3.5 * small, (small, large)
