"""The postmortem models: what is refused, what is allowed, and the words used to refuse it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from wizard.drafts import dump
from wizard.example import example_postmortem
from wizard.model import (
    Impact,
    Kind,
    Postmortem,
    Task,
    TimelineEntry,
    Window,
    describe_errors,
    first_error,
)

LA = "America/Los_Angeles"


def refusal(build: object) -> str:
    """The one-line message a person would see for the ValidationError `build()` raises."""
    with pytest.raises(ValidationError) as caught:
        build()  # type: ignore[operator]
    return first_error(caught.value)


# --- impossible values are refused, in a person's words ------------------------------------


def test_end_before_start_names_both_times() -> None:
    message = refusal(
        lambda: Window(
            start=datetime(2023, 1, 17, 14, 0),
            end=datetime(2023, 1, 17, 13, 45),
            zone="Africa/Nairobi",
        )
    )
    assert message.startswith("end 13:45 is before start 14:00")


def test_end_before_start_inside_a_postmortem_names_the_field() -> None:
    message = refusal(
        lambda: Postmortem.model_validate(
            {"window": {"start": "2023-01-17T14:00", "end": "2023-01-17T13:45"}}
        )
    )
    assert message.startswith("window: end 13:45 is before start 14:00")


def test_end_on_another_day_shows_the_dates() -> None:
    message = refusal(
        lambda: Window(start=datetime(2023, 1, 17, 14, 0), end=datetime(2023, 1, 16, 15, 0))
    )
    assert message.startswith("end 2023-01-16 15:00 is before start 2023-01-17 14:00")


def test_end_equal_to_start_is_refused() -> None:
    at = datetime(2023, 1, 17, 14, 0)
    assert refusal(lambda: Window(start=at, end=at)).startswith("end 14:00 is the same as start")


@pytest.mark.parametrize("percent", [250, "250%", -1, 100.5])
def test_percent_outside_0_to_100_is_refused(percent: object) -> None:
    message = refusal(lambda: Impact(percent=percent))
    assert message.startswith("percent: ")
    assert "is not a share of users: give 0 to 100" in message
    if percent in (250, "250%"):
        assert message == "percent: 250% is not a share of users: give 0 to 100"


@pytest.mark.parametrize("percent", ["many", True, float("nan")])
def test_percent_that_is_not_a_number_is_refused(percent: object) -> None:
    assert "give 0 to 100" in refusal(lambda: Impact(percent=percent))


@pytest.mark.parametrize(("given", "kept"), [("62%", 62.0), (" 12.5 % ", 12.5), (0, 0), ("", None)])
def test_percent_accepts_the_ways_people_write_it(given: object, kept: float | None) -> None:
    assert Impact(percent=given).percent == kept


def test_unknown_zone_is_refused_with_a_suggestion() -> None:
    message = refusal(lambda: Window(zone="Europe/Berln"))
    assert message.startswith("zone: ")
    assert "'Europe/Berln'" in message
    assert "Europe/Berlin" in message.split("'Europe/Berln'", 1)[1]


def test_zone_spelling_is_made_canonical() -> None:
    assert Window(zone="africa/nairobi").zone == "Africa/Nairobi"


def test_unknown_zone_of_a_timeline_entry_is_refused() -> None:
    assert refusal(lambda: TimelineEntry(zone="Mars/Olympus")).startswith("zone: ")


@pytest.mark.parametrize("text", ["2023-02-30 12:00", "2023-02-30T12:00", "yesterday noon"])
def test_impossible_date_string_is_refused(text: str) -> None:
    message = refusal(lambda: Window(start=text))
    assert message == f"start: {text!r} is not a date and time like 2023-01-17 12:30"


def test_impossible_due_date_is_refused() -> None:
    assert refusal(lambda: Task(text="x", due="2023-13-01")).startswith("due: ")


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"titel": "typo"}, "titel"),
        ({"window": {"begin": "2023-01-17T12:00"}}, "window.begin"),
        ({"timeline": [{"text": "x", "severity": 1}]}, "timeline.0.severity"),
    ],
)
def test_unknown_keys_are_refused(data: dict[str, object], path: str) -> None:
    message = refusal(lambda: Postmortem.model_validate(data))
    assert message == f"{path}: is not a field pmwizard knows"


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        TimelineEntry(kind="panic")
    assert describe_errors(caught.value)[0][0] == "kind"


def test_future_schema_is_refused_by_the_model() -> None:
    assert refusal(lambda: Postmortem.model_validate({"schema": 4})).startswith("schema")


def test_every_error_is_described() -> None:
    with pytest.raises(ValidationError) as caught:
        Postmortem.model_validate({"impact": {"percent": 300}, "titel": "x"})
    paths = [path for path, _ in describe_errors(caught.value)]
    assert sorted(paths) == ["impact.percent", "titel"]


# --- unfinished is not invalid -------------------------------------------------------------


def test_an_empty_postmortem_is_allowed() -> None:
    pm = Postmortem()
    assert pm.title == "" and pm.timeline == [] and pm.window.minutes is None


def test_an_unfinished_postmortem_is_allowed() -> None:
    pm = Postmortem.model_validate(
        {
            "title": "Half written",
            "window": {"start": "2023-01-17T12:30", "zone": "Africa/Nairobi"},
            "timeline": [{"text": "something happened"}, {"time": "2023-01-17T12:40"}],
            "tasks": [{"text": ""}],
        }
    )
    assert pm.window.end is None
    assert pm.window.minutes is None
    assert pm.window.start_at == datetime(2023, 1, 17, 12, 30, tzinfo=timezone(timedelta(hours=3)))


# --- time: DST-correct durations, gaps, aware inputs ---------------------------------------


@pytest.mark.parametrize(
    ("start", "start_fold", "end", "end_fold", "minutes"),
    [
        # March 12, 2023: 02:00 PST jumps to 03:00 PDT.
        (datetime(2023, 3, 12, 1, 30), 0, datetime(2023, 3, 12, 3, 30), 0, 60),
        (datetime(2023, 3, 11, 23, 0), 0, datetime(2023, 3, 12, 4, 0), 0, 240),
        # November 5, 2023: 02:00 PDT falls back to 01:00 PST; 01:30 happens twice.
        (datetime(2023, 11, 5, 1, 30), 0, datetime(2023, 11, 5, 1, 30), 1, 60),
        (datetime(2023, 11, 5, 0, 30), 0, datetime(2023, 11, 5, 2, 30), 0, 180),
        (datetime(2023, 11, 5, 1, 45), 0, datetime(2023, 11, 5, 1, 15), 1, 30),
        (datetime(2023, 11, 5, 1, 30), 1, datetime(2023, 11, 5, 2, 0), 0, 30),
    ],
)
def test_minutes_across_dst_changes_in_los_angeles(
    start: datetime, start_fold: int, end: datetime, end_fold: int, minutes: int
) -> None:
    window = Window(start=start, end=end, zone=LA, start_fold=start_fold, end_fold=end_fold)
    assert window.minutes == minutes


def test_the_second_of_two_equal_wall_clock_times_is_after_the_first() -> None:
    message = refusal(
        lambda: Window(
            start=datetime(2023, 11, 5, 1, 15),
            start_fold=1,
            end=datetime(2023, 11, 5, 1, 45),
            zone=LA,
        )
    )
    assert message.startswith("end 01:45 PDT (UTC-07:00) is before start 01:15 PST (UTC-08:00)")


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_time_in_the_spring_forward_gap_is_refused(field: str) -> None:
    times = {"start": datetime(2023, 3, 12, 1, 0), "end": datetime(2023, 3, 12, 4, 0)}
    times[field] = datetime(2023, 3, 12, 2, 30)
    message = refusal(lambda: Window(zone=LA, **times))
    assert message.startswith(f"{field} 02:30 does not exist in {LA} on 2023-03-12")
    assert "02:00" in message and "03:00" in message


def test_a_timeline_entry_in_the_gap_is_refused_with_its_number() -> None:
    message = refusal(
        lambda: Postmortem(
            window=Window(zone=LA),
            timeline=[
                TimelineEntry(time=datetime(2023, 3, 12, 1, 0), text="fine"),
                TimelineEntry(time=datetime(2023, 3, 12, 2, 15), text="never happened"),
            ],
        )
    )
    assert "timeline entry 2: 02:15 does not exist" in message


def test_aware_inputs_are_converted_to_the_windows_zone() -> None:
    window = Window(
        start=datetime(2023, 1, 17, 9, 30, tzinfo=UTC),
        end="2023-01-17T10:45:00Z",
        zone="Africa/Nairobi",
    )
    assert window.start == datetime(2023, 1, 17, 12, 30)
    assert window.end == datetime(2023, 1, 17, 13, 45)
    assert window.start is not None and window.start.tzinfo is None
    assert window.minutes == 75


def test_aware_inputs_in_the_repeated_hour_keep_their_fold() -> None:
    window = Window(
        start=datetime(2023, 11, 5, 8, 30, tzinfo=UTC),  # 01:30 PDT
        end=datetime(2023, 11, 5, 9, 30, tzinfo=UTC),  # 01:30 PST
        zone=LA,
    )
    assert (window.start, window.start_fold) == (datetime(2023, 11, 5, 1, 30), 0)
    assert (window.end, window.end_fold) == (datetime(2023, 11, 5, 1, 30), 1)
    assert window.minutes == 60
    assert window.end_at is not None
    assert window.end_at.astimezone(UTC) == datetime(2023, 11, 5, 9, 30, tzinfo=UTC)


def test_times_are_kept_to_the_minute() -> None:
    window = Window(start=datetime(2023, 1, 17, 12, 30, 59, 999), zone="UTC")
    assert window.start == datetime(2023, 1, 17, 12, 30)


def test_timeline_is_sorted_by_instant_across_zones() -> None:
    pm = Postmortem(
        window=Window(zone="Africa/Nairobi"),
        timeline=[
            TimelineEntry(time=datetime(2023, 1, 17, 13, 0), text="third"),
            TimelineEntry(text="no time"),
            TimelineEntry(time=datetime(2023, 1, 17, 9, 10), zone="UTC", text="second"),
            TimelineEntry(time=datetime(2023, 1, 17, 12, 0), text="first"),
        ],
    )
    assert [e.text for e in pm.sorted_timeline()] == ["first", "second", "third", "no time"]


def test_timeline_order_follows_the_fold_and_the_zone_as_they_change() -> None:
    repeated = datetime(2023, 11, 5, 1, 30)  # 01:30 happens twice in Los Angeles that night
    pm = Postmortem(
        window=Window(zone="America/Los_Angeles"),
        timeline=[
            TimelineEntry(time=repeated, fold=1, text="second 01:30"),
            TimelineEntry(time=datetime(2023, 11, 5, 1, 45), text="first 01:45"),
        ],
    )
    assert [e.text for e in pm.sorted_timeline()] == ["first 01:45", "second 01:30"]
    refolded = pm.revised(timeline=[e.model_copy(update={"fold": 0}) for e in pm.timeline])
    assert [e.text for e in refolded.sorted_timeline()] == ["second 01:30", "first 01:45"]
    moved = pm.revised(window=Window(zone="UTC"))
    assert [e.text for e in moved.sorted_timeline()] == ["second 01:30", "first 01:45"]


# --- revised() validates, JSON round trips --------------------------------------------------


def test_revised_applies_changes() -> None:
    pm = Postmortem(title="old").revised(title="new", service="Checkout API")
    assert (pm.title, pm.service) == ("new", "Checkout API")


def test_revised_validates() -> None:
    window = Window(start=datetime(2023, 1, 17, 12, 30), zone="Africa/Nairobi")
    message = refusal(lambda: window.revised(end=datetime(2023, 1, 17, 12, 0)))
    assert message.startswith("end 12:00 is before start 12:30")
    assert refusal(lambda: Impact().revised(percent=101)).startswith("percent: 101%")
    assert refusal(lambda: Postmortem().revised(bogus=1)) == "bogus: is not a field pmwizard knows"


def test_revised_keeps_the_original_untouched() -> None:
    pm = Postmortem(title="old")
    pm.revised(title="new")
    assert pm.title == "old"


def test_revised_cleans_text() -> None:
    assert Postmortem().revised(title="a\x1b[31mb").title == "ab"


def test_json_round_trip_of_the_example_is_exact() -> None:
    pm = example_postmortem()
    assert Postmortem.model_validate_json(dump(pm)) == pm


def test_json_round_trip_keeps_folds_zones_and_tasks() -> None:
    pm = Postmortem(
        title="Fall back",
        window=Window(
            start=datetime(2023, 11, 5, 1, 30),
            end=datetime(2023, 11, 5, 1, 30),
            end_fold=1,
            zone=LA,
        ),
        impact=Impact(percent=12.5),
        timeline=[
            TimelineEntry(
                time=datetime(2023, 11, 5, 1, 40), fold=1, kind=Kind.RESOLUTION, text="done"
            ),
            TimelineEntry(time=datetime(2023, 11, 5, 9, 0), zone="UTC", text="elsewhere"),
        ],
        tasks=[Task(text="t", owner="o", due=date(2023, 12, 1), done=True)],
    )
    again = Postmortem.model_validate_json(dump(pm))
    assert again == pm
    assert again.window.minutes == 60
    assert again.timeline[0].fold == 1


def test_dump_starts_with_the_schema_version() -> None:
    assert dump(Postmortem()).startswith('{\n  "schema": 3,')


# --- text is cleaned of control characters and terminal escapes ----------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("red \x1b[31mtext\x1b[0m", "red text"),
        ("title \x1b]0;owned\x07here", "title here"),
        ("link \x1b]8;;http://x\x1b\\x\x1b]8;;\x1b\\", "link x"),
        ("bell\x07 nul\x00 del\x7f c1\x9b", "bell nul del c1"),
        ("windows\r\nline\rends", "windows\nline\nends"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("unicode: é ü 東京 — ✓", "unicode: é ü 東京 — ✓"),
    ],
)
def test_control_characters_and_escapes_are_removed(typed: str, kept: str) -> None:
    pm = Postmortem(
        title=typed,
        impact=Impact(down=typed),
        timeline=[TimelineEntry(text=typed)],
        improvements=[typed],
        tasks=[Task(text=typed, owner=typed)],
    )
    assert pm.title == kept
    assert pm.impact.down == kept
    assert pm.timeline[0].text == kept
    assert pm.improvements == [kept]
    assert (pm.tasks[0].text, pm.tasks[0].owner) == (kept, kept)


def test_text_from_json_is_cleaned_too() -> None:
    pm = Postmortem.model_validate_json('{"schema": 3, "root_cause": "a\\u001b[2Jb"}')
    assert pm.root_cause == "ab"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, 0, 0),
        datetime(1969, 12, 31, 23, 59),
        datetime(2101, 1, 1),
        datetime(9999, 12, 31, 23, 59),
    ],
)
@pytest.mark.parametrize("field", ["start", "end"])
def test_a_window_outside_1970_to_2100_is_refused_at_its_field(
    moment: datetime, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Window(**{field: moment}, zone="America/New_York")
    message = first_error(caught.value)
    assert message.startswith(f"{field} {moment.date().isoformat()}")
    assert "give a year from 1970 to 2100" in message


def test_a_window_outside_1970_to_2100_given_with_an_offset_is_refused() -> None:
    with pytest.raises(ValidationError, match="give a year from 1970 to 2100"):
        Window(start=datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))), zone="UTC")


@pytest.mark.parametrize("moment", [datetime(1, 1, 1, 12, 0), datetime(2200, 5, 1, 9, 0)])
def test_a_timeline_entry_outside_1970_to_2100_is_refused(moment: datetime) -> None:
    with pytest.raises(ValidationError, match="give a year from 1970 to 2100"):
        TimelineEntry(time=moment, text="x")


def test_the_first_and_last_minutes_of_the_range_are_taken() -> None:
    window = Window(start=datetime(1970, 1, 1, 0, 0), end=datetime(2100, 12, 31, 23, 59))
    assert window.minutes is not None
    assert TimelineEntry(time=datetime(2100, 12, 31, 23, 59)).time is not None
