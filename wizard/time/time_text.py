"""Reading a date and time the way people write them, in a zone or with one named."""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from wizard.time.timezones import (
    ClockStyle,
    all_zones,
    gap_message,
    get_zone,
    is_ambiguous,
    localize,
)
from wizard.time.zone_names import ABBREVIATIONS, zone_from_text

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_FILLER = frozenset({"on", "the", "of", "at", "t", "@"})
_TIME_OF_DAY = re.compile(
    r"""
    (?<![\w:.+\-\u2212])
    (?:
        (?:12\s*)?(?P<word>noon|midnight)\b
      | (?P<hour>\d{1,2})
        (?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?
        (?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?
    )
    (?![\d:.])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?")
_EXAMPLE = "2023-01-17 12:30"


@dataclass(frozen=True)
class ParsedTime:
    """A wall-clock date-time read from text, and the zone the text named (IANA), if any;
    `note` says how a date with only one possible reading was read against the day/month
    order (it does not change which time it is)."""

    value: datetime
    has_date: bool
    zone: str | None = None
    fold: Literal[0, 1] = 0
    note: str = field(default="", compare=False)
    has_year: bool = field(default=False, compare=False)
    """The date was written with its year (`Jan 17 2023`), not only day and month."""


@dataclass(frozen=True)
class ParsedDate:
    """A calendar date read from text, and how it was read when that needs saying."""

    value: date
    note: str = ""


def parse_datetime(
    text: str, *, default_date: date | None = None, dayfirst: bool = False
) -> ParsedTime:
    """Read what people type for a date and time (`Jan 17 2023 12:30pm PST`), or ValueError."""
    cleaned = " ".join(re.sub(r"(?<=\d)T(?=\d)", " ", text).split())
    base = default_date or date.today()
    match = _last_time_of_day(cleaned)
    if match is None:
        raise ValueError(_no_time(cleaned, base.year, dayfirst))
    clock = _clock(match)
    date_text = cleaned[: match.start()].strip(" ,@")
    zone_text = cleaned[match.end() :].strip(" ,")
    if not date_text and zone_text and zone_from_text(zone_text) is None:
        if not re.search(r"\d", zone_text):
            raise ValueError(_unknown_zone(zone_text))
        date_text, zone_text = zone_text, ""
    day = _read_date(date_text, base.year, dayfirst) if date_text else ParsedDate(base)
    if day is None:
        raise ValueError(_unreadable(text, dayfirst))
    parsed = _in_named_zone(datetime.combine(day.value, clock), bool(date_text), zone_text)
    year = bool(date_text) and year_written(date_text)
    return ParsedTime(parsed.value, parsed.has_date, parsed.zone, parsed.fold, day.note, year)


_YEAR_WRITTEN = re.compile(r"\d{4}|\d[-/.]\d{1,2}[-/.]\d{2}\b")


def year_written(date_text: str) -> bool:
    """True when a written date carries its year (`2022`, `02-20-17`), not only day and month."""
    return bool(_YEAR_WRITTEN.search(date_text))


def nearest_year(value: datetime, anchor: datetime) -> datetime:
    """`value`, a date written without its year, in the year that puts it nearest `anchor`
    (the incident's dates): `Jan 2` after `Dec 31 2024` is in 2025, `Dec 31` before
    `Jan 2 2025` in 2024. The one rule for every yearless date read against a known one."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(value.replace(year=year))
        except ValueError:  # February 29 in a common year, or past the calendar's ends
            continue
    return min(candidates, key=lambda c: abs(c - anchor), default=value)


def parse_date(text: str, *, default_year: int, dayfirst: bool = False) -> ParsedDate:
    """Read a date as people write it (`2025-04-04`, `Apr 4`, `4 April 2025`, `04/04`); a date
    without a year takes `default_year`. ValueError says what is wrong, with examples."""
    cleaned = " ".join(text.split()).strip(" ,")
    if not cleaned:
        raise ValueError("give a date, like 2025-04-04 or Apr 4")
    found = _read_date(cleaned, default_year, dayfirst)
    if found is None:
        order = "04/28" if not dayfirst else "28/04"
        raise ValueError(f"cannot read {cleaned!r} as a date; try 2025-04-28, Apr 28 or {order}")
    return found


def _in_named_zone(value: datetime, has_date: bool, zone_text: str) -> ParsedTime:
    """The parsed time with the zone `zone_text` names; ValueError for an unknown zone or a gap."""
    if not zone_text:
        return ParsedTime(value, has_date)
    zone = zone_from_text(zone_text, value.date())
    if zone is None:
        raise ValueError(_unknown_zone(zone_text))
    if has_date and (gap := gap_message(value, zone)):
        raise ValueError(gap)
    return ParsedTime(value, has_date, zone, _fold_named(value, zone, zone_text))


def clock_style(text: str) -> ClockStyle | None:
    """The clock the first time in `text` is written in, when it shows: `11:40 PM` is 12-hour;
    `23:40`, `00:15` or `09:05` (no AM/PM, an hour past 12 or a leading zero) is 24-hour;
    `9:30` or `12:30` alone could be either (None)."""
    for match in _TIME_OF_DAY.finditer(text):
        if match["ampm"]:
            return "12h"
        hour = match["hour"]
        if hour and match["minute"] and (int(hour) > 12 or hour.startswith("0")):
            return "24h"
    return None


def _last_time_of_day(text: str) -> re.Match[str] | None:
    """The last stretch of `text` that reads as a clock time (a minute, AM/PM or noon)."""
    found = None
    for match in _TIME_OF_DAY.finditer(text):
        if match["minute"] or match["ampm"] or match["word"]:
            found = match
    return found


def _clock(match: re.Match[str]) -> time:
    """The time of day in a _TIME_OF_DAY match, or ValueError saying what is wrong."""
    if match["word"]:
        return time(12) if match["word"].lower() == "noon" else time(0)
    shown = match.group(0).strip()
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    second = int(match["second"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"{shown} is not a time: with AM or PM the hour runs 1 to 12")
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    elif hour > 23:
        raise ValueError(f"{shown} is not a time: hours run 00 to 23")
    if minute > 59 or second > 59:
        unit = "minutes" if minute > 59 else "seconds"
        raise ValueError(f"{shown} is not a time: {unit} run 00 to 59")
    return time(hour, minute, second)


def _read_date(text: str, default_year: int, dayfirst: bool) -> ParsedDate | None:
    """A calendar date in ISO, numeric (day/month order by `dayfirst`) or worded form; None
    when the text is no date at all."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return ParsedDate(_make_date(text, year, month, day))
    if match := _NUMERIC_DATE.fullmatch(text):
        year = _full_year(match[3]) if match[3] else default_year
        return _numeric_date(text, int(match[1]), int(match[2]), year, dayfirst)
    found = _worded_date(text, default_year)
    return ParsedDate(found) if found else None


def _numeric_date(text: str, first: int, second: int, year: int, dayfirst: bool) -> ParsedDate:
    """`05/06/2023` in the day/month order set; when only the other order gives a real date
    (`14/03/2025` read month first), that one, with a note saying so."""
    day, month = (first, second) if dayfirst else (second, first)
    order = "DD/MM/YYYY, day first" if dayfirst else "MM/DD/YYYY, month first"
    try:
        return ParsedDate(_make_date(text, year, month, day, f" (dates are read as {order})"))
    except ValueError:
        if not (1 <= day <= 12 and _exists(year, day, month)):
            raise
    read = date(year, day, month)
    return ParsedDate(read, f"read {text} as {_long_date(read)}: there is no month {month}")


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _month_name(month: int) -> str:
    return MONTHS[month - 1].capitalize()


def _long_date(day: date) -> str:
    """`March 14, 2025`."""
    return f"{_month_name(day.month)} {day.day}, {day.year}"


def _worded_date(text: str, default_year: int) -> date | None:
    """`Jan 17 2023`, `Tuesday, 17th of January 2023`; None when it is no date at all."""
    month = day = year = None
    for token in re.findall(r"[^\W\d_]+\.?|\d+", re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)):
        word = token.lower().rstrip(".")
        if word.isdigit() and len(word) == 4 and year is None:
            year = int(word)
        elif word.isdigit() and len(word) <= 2 and day is None:
            day = int(word)
        elif month is None and (number := _month_number(word)):
            month = number
        elif not (word in _DATE_FILLER or _is_weekday(word)):
            return None
    if month is None or day is None:
        return None
    return _make_date(text, year or default_year, month, day)


def _month_number(word: str) -> int | None:
    """1-12 for a month name or its first three or more letters (`sept`)."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(MONTHS, 1) if name.startswith(word)), None)


def _is_weekday(word: str) -> bool:
    return len(word) >= 3 and any(name.startswith(word) for name in _WEEKDAYS)


def _full_year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _make_date(text: str, year: int, month: int, day: int, hint: str = "") -> date:
    """The date, or ValueError naming the month or day that does not exist."""
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a date: there is no month {month}{hint}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{text} is not a date: {_month_name(month)} {year} has {days} days{hint}")
    return date(year, month, day)


def _fold_named(value: datetime, zone: str, zone_text: str) -> Literal[0, 1]:
    """1 when the text's abbreviation names the second pass of a repeated hour (PST, CET)."""
    if not is_ambiguous(value, zone):
        return 0
    second = localize(value, zone, fold=1).tzname() or ""
    return 1 if zone_text.strip().upper().startswith(second.upper()) else 0


def _unreadable(text: str, dayfirst: bool) -> str:
    """The message for text that is no date-time at all, with an example to copy."""
    if not text.strip():
        return f"give a date and time, like {_EXAMPLE}"
    example = f"{_EXAMPLE} or {'17/01/2023' if dayfirst else '01/17/2023'} 12:30"
    return f"cannot read {text.strip()!r} as a date and time; try {example}"


def _no_time(text: str, year: int, dayfirst: bool) -> str:
    """The message for text without a time of day: a date alone, or nothing readable."""
    if text and _read_date(text, year, dayfirst) is not None:
        return f"{text} has no time of day; add one, like {text} 12:30"
    return _unreadable(text, dayfirst)


def _unknown_zone(zone_text: str) -> str:
    """The message for a zone that names nothing known, with a close match when one exists."""
    known = [*ABBREVIATIONS, *all_zones()]
    close = difflib.get_close_matches(zone_text, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "try PST, UTC+03:00 or Africa/Nairobi"
    return f"unknown time zone {zone_text!r}: {hint}"


def resolve_wall_time(clock: time | datetime, zone: str, start: datetime | None) -> datetime:
    """A time alone as a wall-clock in `zone` on the start's day, or the next if before it."""
    if start is None:
        raise ValueError(f"a time alone needs the incident start; give a date too: {_EXAMPLE}")
    if isinstance(clock, datetime):
        clock = clock.time()
    start_at = start if start.tzinfo else localize(start, zone)
    local_start = start_at.astimezone(get_zone(zone))
    value = datetime.combine(local_start.date(), clock)
    if localize(value, zone).astimezone(UTC) < start_at.astimezone(UTC):
        value += timedelta(days=1)
    return value
