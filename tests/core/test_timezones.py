"""Zones from text, the one date-time parser, timeline times, DST gaps, folds and durations."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from wizard.model import Window
from wizard.time import timezones, zone_names
from wizard.time.time_text import (
    ParsedTime,
    clock_style,
    parse_date,
    parse_datetime,
    resolve_wall_time,
)
from wizard.time.zone_names import zone_from_text

DAY = date(2023, 1, 17)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("EAT", "Africa/Nairobi"),
        ("CST", "America/Chicago"),
        ("IST", "Asia/Kolkata"),
        ("GMT", "Etc/GMT"),
        ("UTC", "UTC"),
        ("Z", "UTC"),
        ("GMT+1", "Etc/GMT-1"),
        ("UTC+03:00", "Etc/GMT-3"),
        ("UTC-05", "Etc/GMT+5"),
        ("GMT-5", "Etc/GMT+5"),
        ("+3", "Etc/GMT-3"),
        ("UTC+0", "UTC"),
        ("+0530", "Asia/Kolkata"),
        ("+05:45", "Asia/Kathmandu"),
        ("-03:30", "America/St_Johns"),
        ("Africa/Nairobi", "Africa/Nairobi"),
        ("africa/nairobi", "Africa/Nairobi"),
        ("South African Standard Time", "Africa/Johannesburg"),
        ("West African Time", "Africa/Lagos"),
        ("Pacific Time", "America/Los_Angeles"),
        ("Central European Summer Time", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("EAT (UTC+03:00)", "Africa/Nairobi"),
        ("UTC+04:00", "Etc/GMT-4"),
        ("PST/PDT", "America/Los_Angeles"),
        ("cet / cest", "Europe/Berlin"),
    ],
)
def test_zone_from_text(text: str, zone: str) -> None:
    assert zone_from_text(text, DAY) == zone


@pytest.mark.parametrize("text", ["", "foo", "UTC+15", "+03:75", "PM", "PST/CEST", "Foo/Bar"])
def test_zone_from_text_refuses(text: str) -> None:
    assert zone_from_text(text, DAY) is None


def test_every_abbreviation_names_real_zones() -> None:
    for abbreviation, zones in zone_names.ABBREVIATIONS.items():
        assert zones, abbreviation
        for zone in zones:
            assert timezones.canonical_zone(zone) == zone


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("2023-01-17 12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("2023-01-17T12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("12:30 PM", False, ParsedTime(datetime(2023, 1, 17, 12, 30), False)),
        ("12:30pm", False, ParsedTime(datetime(2023, 1, 17, 12, 30), False)),
        ("12:30 am", False, ParsedTime(datetime(2023, 1, 17, 0, 30), False)),
        ("7.25 PM", False, ParsedTime(datetime(2023, 1, 17, 19, 25), False)),
        ("7 p.m.", False, ParsedTime(datetime(2023, 1, 17, 19, 0), False)),
        ("Jan 17 2023 12:30pm", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("January 17, 2023 12:30 PM", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("January 18, 2023, 1:05 AM", False, ParsedTime(datetime(2023, 1, 18, 1, 5), True)),
        ("17 January 2023 12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("Tue, 17th of Jan 2023 12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("17/01/2023 12:30", True, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("01/17/2023 12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True)),
        ("05/06/2023 12:30", True, ParsedTime(datetime(2023, 6, 5, 12, 30), True)),
        ("05/06/2023 12:30", False, ParsedTime(datetime(2023, 5, 6, 12, 30), True)),
        ("17.01.2023 19.30", True, ParsedTime(datetime(2023, 1, 17, 19, 30), True)),
        ("Feb 3 09:15", False, ParsedTime(datetime(2023, 2, 3, 9, 15), True)),
        ("12:30 PM on Jan 18 2023", False, ParsedTime(datetime(2023, 1, 18, 12, 30), True)),
        ("12:30", False, ParsedTime(datetime(2023, 1, 17, 12, 30), False)),
        ("12:30:45", False, ParsedTime(datetime(2023, 1, 17, 12, 30, 45), False)),
        ("noon", False, ParsedTime(datetime(2023, 1, 17, 12, 0), False)),
        ("12 noon", False, ParsedTime(datetime(2023, 1, 17, 12, 0), False)),
        ("midnight", False, ParsedTime(datetime(2023, 1, 17, 0, 0), False)),
        (
            "1:30 AM PST",
            False,
            ParsedTime(datetime(2023, 1, 17, 1, 30), False, "America/Los_Angeles"),
        ),
        ("15:00 UTC", False, ParsedTime(datetime(2023, 1, 17, 15, 0), False, "UTC")),
        ("10:00 GMT+1", False, ParsedTime(datetime(2023, 1, 17, 10, 0), False, "Etc/GMT-1")),
        (
            "2023-01-17T12:30:00+03:00",
            False,
            ParsedTime(datetime(2023, 1, 17, 12, 30), True, "Etc/GMT-3"),
        ),
        ("2023-01-17T12:30Z", False, ParsedTime(datetime(2023, 1, 17, 12, 30), True, "UTC")),
        (
            "January 17, 2023, 12:30 PM EAT (UTC+03:00)",
            False,
            ParsedTime(datetime(2023, 1, 17, 12, 30), True, "Africa/Nairobi"),
        ),
    ],
)
def test_parse_datetime_reads(text: str, dayfirst: bool, expected: ParsedTime) -> None:
    assert parse_datetime(text, default_date=DAY, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "dayfirst", "message"),
    [
        ("13:75", False, "13:75 is not a time: minutes run 00 to 59"),
        ("25:00", False, "25:00 is not a time: hours run 00 to 23"),
        ("13:00 PM", False, "13:00 PM is not a time: with AM or PM the hour runs 1 to 12"),
        ("2023-02-30 12:00", False, "2023-02-30 is not a date: February 2023 has 28 days"),
        ("2024-02-30 12:00", False, "2024-02-30 is not a date: February 2024 has 29 days"),
        ("2023-13-01 12:00", False, "2023-13-01 is not a date: there is no month 13"),
        ("17/13/2023 12:30", False, "there is no month 17 (dates are read as MM/DD/YYYY"),
        ("13/17/2023 12:30", True, "there is no month 17 (dates are read as DD/MM/YYYY"),
        ("foo", False, "cannot read 'foo' as a date and time; try 2023-01-17 12:30"),
        ("", False, "give a date and time, like 2023-01-17 12:30"),
        ("2023-01-17", False, "2023-01-17 has no time of day; add one, like 2023-01-17 12:30"),
        ("Smarch 17 12:30", False, "cannot read 'Smarch 17 12:30' as a date and time"),
        ("12:30 XYZ", False, "unknown time zone 'XYZ'"),
        ("12:30 PTS", False, "unknown time zone 'PTS': did you mean"),
    ],
)
def test_parse_datetime_refuses_in_words(text: str, dayfirst: bool, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_datetime(text, default_date=DAY, dayfirst=dayfirst)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected", "note"),
    [
        ("14/03/2025 23:40", False, datetime(2025, 3, 14, 23, 40), "read 14/03/2025 as March 14"),
        ("03/14/2025 23:40", True, datetime(2025, 3, 14, 23, 40), "read 03/14/2025 as March 14"),
        ("17/01/2023 12:30", False, datetime(2023, 1, 17, 12, 30), "there is no month 17"),
        ("05/06/2023 12:30", True, datetime(2023, 6, 5, 12, 30), ""),
    ],
)
def test_a_date_with_only_one_reading_is_read_so_and_says_it(
    text: str, dayfirst: bool, expected: datetime, note: str
) -> None:
    parsed = parse_datetime(text, default_date=DAY, dayfirst=dayfirst)
    assert parsed.value == expected
    assert note in parsed.note and bool(parsed.note) == bool(note)


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("2025-04-04", False, date(2025, 4, 4)),
        ("Apr 4", False, date(2023, 4, 4)),
        ("Apr 4 2025", False, date(2025, 4, 4)),
        ("4 April", False, date(2023, 4, 4)),
        ("April 4th, 2025", False, date(2025, 4, 4)),
        ("04/05", False, date(2023, 4, 5)),
        ("04/05", True, date(2023, 5, 4)),
        ("28/04", False, date(2023, 4, 28)),
        ("04/28/25", False, date(2025, 4, 28)),
    ],
)
def test_parse_date_takes_the_forms_people_write(text: str, dayfirst: bool, expected: date) -> None:
    assert parse_date(text, default_year=2023, dayfirst=dayfirst).value == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "give a date, like 2025-04-04 or Apr 4"),
        ("soon", "cannot read 'soon' as a date; try 2025-04-28, Apr 28 or 04/28"),
        ("2025-02-30", "2025-02-30 is not a date: February 2025 has 28 days"),
        ("13/13", "there is no month 13"),
    ],
)
def test_parse_date_refuses_in_words(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_date(text, default_year=2025)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("23:40", "24h"),
        ("2023-01-17 09:05", "24h"),
        ("00:15", "24h"),
        ("11:40 PM", "12h"),
        ("Jan 17 2023 12:30pm", "12h"),
        ("9:30", None),
        ("12:30", None),
        ("noon", None),
        ("12:30 - alert\n13:05 - fixed", "24h"),
    ],
)
def test_clock_style_is_read_from_the_first_time_that_shows_it(text: str, style: str) -> None:
    assert clock_style(text) == style


def test_format_clock_writes_either_style() -> None:
    moment = datetime(2023, 1, 17, 23, 40)
    assert timezones.format_clock(moment) == "11:40 PM"
    assert timezones.format_clock(moment, "24h") == "23:40"
    assert timezones.format_clock(moment.replace(hour=9, minute=5), "24h") == "09:05"


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("2023-03-12 02:30 PST", "America/Los_Angeles"),
        ("2023-03-26 02:30 CET", "Europe/Berlin"),
    ],
)
def test_a_time_in_the_spring_forward_gap_is_refused(text: str, zone: str) -> None:
    with pytest.raises(ValueError, match=f"02:30 does not exist in {zone}.*02:00 to 03:00"):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("naive", "zone"),
    [
        (datetime(2023, 3, 12, 2, 30), "America/Los_Angeles"),
        (datetime(2023, 3, 26, 2, 30), "Europe/Berlin"),
    ],
)
def test_gap_message_names_the_gap(naive: datetime, zone: str) -> None:
    message = timezones.gap_message(naive, zone)
    assert message is not None
    assert "clocks jump from 02:00 to 03:00" in message
    assert not timezones.is_ambiguous(naive, zone)


@pytest.mark.parametrize(
    ("naive", "zone", "first", "second"),
    [
        (datetime(2023, 11, 5, 1, 30), "America/Los_Angeles", "PDT", "PST"),
        (datetime(2023, 10, 29, 2, 30), "Europe/Berlin", "CEST", "CET"),
    ],
)
def test_fall_back_hour_is_ambiguous(naive: datetime, zone: str, first: str, second: str) -> None:
    assert timezones.is_ambiguous(naive, zone)
    assert timezones.gap_message(naive, zone) is None
    assert timezones.localize(naive, zone, fold=0).tzname() == first
    assert timezones.localize(naive, zone, fold=1).tzname() == second


@pytest.mark.parametrize(
    ("text", "fold"),
    [
        ("2023-11-05 1:30 AM PDT", 0),
        ("2023-11-05 1:30 AM PST", 1),
        ("2023-10-29 02:30 CEST", 0),
        ("2023-10-29 02:30 CET", 1),
    ],
)
def test_the_abbreviation_picks_the_pass_of_a_repeated_hour(text: str, fold: int) -> None:
    assert parse_datetime(text).fold == fold


@pytest.mark.parametrize(
    ("start", "end", "zone", "minutes"),
    [
        ("2023-03-12T01:30", "2023-03-12T03:30", "America/Los_Angeles", 60),
        ("2023-11-05T00:30", "2023-11-05T02:30", "America/Los_Angeles", 180),
        ("2023-03-26T01:30", "2023-03-26T03:30", "Europe/Berlin", 60),
        ("2023-10-29T01:30", "2023-10-29T03:30", "Europe/Berlin", 180),
        ("2023-01-17T12:30", "2023-01-17T13:45", "Africa/Nairobi", 75),
    ],
)
def test_durations_across_a_change_are_real_minutes(
    start: str, end: str, zone: str, minutes: int
) -> None:
    window = Window(start=start, end=end, zone=zone)
    assert window.minutes == minutes


def test_duration_between_the_two_passes_of_the_repeated_hour() -> None:
    window = Window(
        start="2023-11-05T01:10", end="2023-11-05T01:20", end_fold=1, zone="America/Los_Angeles"
    )
    assert window.minutes == 70


@pytest.mark.parametrize(
    ("clock", "start", "expected"),
    [
        (time(12, 32), datetime(2023, 1, 17, 12, 30), datetime(2023, 1, 17, 12, 32)),
        (time(12, 30), datetime(2023, 1, 17, 12, 30), datetime(2023, 1, 17, 12, 30)),
        (time(0, 10), datetime(2023, 1, 17, 23, 0), datetime(2023, 1, 18, 0, 10)),
        (time(9, 0), datetime(2023, 1, 17, 12, 30), datetime(2023, 1, 18, 9, 0)),
    ],
)
def test_a_time_alone_takes_the_start_date_or_the_next(
    clock: time, start: datetime, expected: datetime
) -> None:
    assert resolve_wall_time(clock, "Africa/Nairobi", start) == expected


def test_a_time_alone_in_another_zone_compares_real_moments() -> None:
    start = timezones.localize(datetime(2023, 1, 17, 23, 0), "Africa/Nairobi")
    assert resolve_wall_time(time(21, 30), "UTC", start) == datetime(2023, 1, 17, 21, 30)
    assert resolve_wall_time(time(19, 30), "UTC", start) == datetime(2023, 1, 18, 19, 30)


def test_a_parsed_time_alone_resolves_against_the_start() -> None:
    parsed = parse_datetime("12:10 AM", default_date=DAY)
    assert not parsed.has_date
    start = datetime(2023, 1, 17, 23, 50)
    assert resolve_wall_time(parsed.value, "Africa/Nairobi", start) == datetime(2023, 1, 18, 0, 10)


def test_a_time_alone_without_a_start_asks_for_a_date() -> None:
    with pytest.raises(ValueError, match="give a date too"):
        resolve_wall_time(time(12, 30), "UTC", None)


def test_a_zone_field_takes_iana_names_then_abbreviations_cities_and_offsets() -> None:
    from wizard.time.zone_names import zone_in_field

    assert zone_in_field("europe/berlin") == "Europe/Berlin"
    assert zone_in_field("IST") == "Asia/Kolkata"
    assert zone_in_field("kathmandu") == "Asia/Kathmandu"
    assert zone_in_field("+05:45", DAY) == "Asia/Kathmandu"
    with pytest.raises(ValueError, match="unknown time zone 'Atlantis'"):
        zone_in_field("Atlantis")
