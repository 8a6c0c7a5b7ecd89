"""Time zones: IANA lookup with suggestions, DST-aware localisation, display."""

from __future__ import annotations

import calendar
import difflib
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@cache
def all_zones() -> tuple[str, ...]:
    """Every IANA zone name that tzdata knows, sorted (computed once)."""
    return tuple(sorted(z for z in available_timezones() if not z.startswith("posix/")))


def get_zone(name: str) -> ZoneInfo:
    """The zone called `name`, or ValueError with a close match in the message."""
    cleaned = name.strip()
    if cleaned.upper() in ("UTC", "Z"):
        cleaned = "UTC"
    try:
        if not cleaned or cleaned.startswith("/") or ".." in cleaned:
            raise ZoneInfoNotFoundError(cleaned)
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    lower = {z.lower(): z for z in all_zones()}
    if cleaned.lower() in lower:
        return ZoneInfo(lower[cleaned.lower()])
    close = difflib.get_close_matches(cleaned, all_zones(), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else "; use an IANA name like Europe/Berlin"
    raise ValueError(f"unknown time zone {name!r}{hint}")


def canonical_zone(name: str) -> str:
    """The IANA spelling of `name` (case fixed), or ValueError."""
    return str(get_zone(name).key)


def localize(naive: datetime, zone: str, fold: int = 0) -> datetime:
    """Attach `zone` to a wall-clock time; `fold` picks the second of a repeated hour."""
    return naive.replace(tzinfo=get_zone(zone), fold=fold)


def gap_message(naive: datetime, zone: str) -> str | None:
    """Why `naive` does not exist in `zone` (a spring-forward gap), or None."""
    aware = localize(naive, zone)
    back = aware.astimezone(UTC).astimezone(aware.tzinfo).replace(tzinfo=None)
    if back == naive.replace(tzinfo=None, fold=0):
        return None
    before = aware.replace(fold=0).utcoffset() or timedelta()
    after = aware.replace(fold=1).utcoffset() or timedelta()
    start = naive.replace(minute=0, second=0, microsecond=0)
    if before > after:
        before, after = after, before
    skipped = after - before
    end = start + skipped
    return (
        f"{naive:%H:%M} does not exist in {zone} on {naive:%Y-%m-%d}: clocks jump "
        f"from {start:%H:%M} to {end:%H:%M} (daylight saving time)"
    )


def is_ambiguous(naive: datetime, zone: str) -> bool:
    """True when `naive` happens twice in `zone` (the fall-back hour)."""
    first = localize(naive, zone, fold=0).utcoffset()
    second = localize(naive, zone, fold=1).utcoffset()
    return first != second and gap_message(naive, zone) is None


def format_offset(offset: timedelta | None) -> str:
    """`UTC+03:00` style text for an offset from UTC."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def abbreviation(aware: datetime) -> str | None:
    """The zone's letters at that moment (EAT, PDT), or None where tzdata has only digits."""
    name = aware.tzname() or ""
    if not name or name[0] in "+-" or (name == "UTC" and aware.utcoffset()):
        return None
    return name


def zone_label(aware: datetime) -> str:
    """`EAT (UTC+03:00)`, or just `UTC+04:00` for zones without letters."""
    abbr = abbreviation(aware)
    offset = format_offset(aware.utcoffset())
    if abbr == "UTC" and offset == "UTC+00:00":
        return "UTC"
    return f"{abbr} ({offset})" if abbr else offset


def format_clock(moment: datetime) -> str:
    """`12:30 PM`: a 12-hour clock without a leading zero, on every platform."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def format_date(moment: datetime) -> str:
    """`January 17, 2023`."""
    return f"{moment:%B} {moment.day}, {moment.year}"


def format_minutes(minutes: int) -> str:
    """`1 h 15 min`, `45 min`, `2 d 3 h`."""
    if minutes < 0:
        return "-" + format_minutes(-minutes)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} d"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)


ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "UTC": ("UTC",),
    "Z": ("UTC",),
    "GMT": ("Etc/GMT", "Europe/London", "Africa/Abidjan", "Europe/Dublin"),
    "PST": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana", "Asia/Manila"),
    "PDT": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "PT": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "MST": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "MDT": ("America/Denver", "America/Edmonton", "America/Boise"),
    "MT": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "CST": (
        "America/Chicago",
        "Asia/Shanghai",
        "America/Havana",
        "America/Mexico_City",
        "Asia/Taipei",
        "America/Winnipeg",
    ),
    "CDT": ("America/Chicago", "America/Havana", "America/Winnipeg"),
    "CT": ("America/Chicago", "America/Mexico_City", "America/Winnipeg"),
    "EST": ("America/New_York", "America/Toronto", "America/Cancun", "America/Panama"),
    "EDT": ("America/New_York", "America/Toronto"),
    "ET": ("America/New_York", "America/Toronto"),
    "AST": ("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh"),
    "ADT": ("America/Halifax",),
    "NST": ("America/St_Johns",),
    "NDT": ("America/St_Johns",),
    "AKST": ("America/Anchorage",),
    "AKDT": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "BST": ("Europe/London", "Asia/Dhaka"),
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "IDT": ("Asia/Jerusalem",),
    "WET": ("Europe/Lisbon", "Atlantic/Canary"),
    "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "CET": ("Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Madrid", "Europe/Rome"),
    "CEST": ("Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Madrid", "Europe/Rome"),
    "EET": ("Europe/Athens", "Europe/Kyiv", "Europe/Bucharest", "Africa/Cairo", "Europe/Helsinki"),
    "EEST": ("Europe/Athens", "Europe/Kyiv", "Europe/Bucharest", "Europe/Helsinki"),
    "MSK": ("Europe/Moscow",),
    "TRT": ("Europe/Istanbul",),
    "WAT": ("Africa/Lagos", "Africa/Kinshasa", "Africa/Luanda"),
    "CAT": ("Africa/Maputo", "Africa/Harare", "Africa/Lusaka", "Africa/Kigali"),
    "EAT": ("Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Dar_es_Salaam", "Africa/Kampala"),
    "SAST": ("Africa/Johannesburg",),
    "GST": ("Asia/Dubai",),
    "IRST": ("Asia/Tehran",),
    "AFT": ("Asia/Kabul",),
    "PKT": ("Asia/Karachi",),
    "NPT": ("Asia/Kathmandu",),
    "MMT": ("Asia/Yangon",),
    "ICT": ("Asia/Bangkok", "Asia/Ho_Chi_Minh"),
    "WIB": ("Asia/Jakarta",),
    "WITA": ("Asia/Makassar",),
    "WIT": ("Asia/Jayapura",),
    "PHT": ("Asia/Manila",),
    "SGT": ("Asia/Singapore",),
    "MYT": ("Asia/Kuala_Lumpur",),
    "HKT": ("Asia/Hong_Kong",),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul", "Asia/Pyongyang"),
    "AWST": ("Australia/Perth",),
    "ACST": ("Australia/Adelaide", "Australia/Darwin"),
    "ACDT": ("Australia/Adelaide",),
    "AEST": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"),
    "AEDT": ("Australia/Sydney", "Australia/Melbourne"),
    "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
    "CHST": ("Pacific/Guam",),
    "SST": ("Pacific/Pago_Pago",),
    "BRT": ("America/Sao_Paulo",),
    "ART": ("America/Argentina/Buenos_Aires",),
    "CLT": ("America/Santiago",),
    "CLST": ("America/Santiago",),
    "COT": ("America/Bogota",),
    "PET": ("America/Lima",),
    "VET": ("America/Caracas",),
}
"""Common abbreviation -> IANA zones it stands for, the most common meaning first."""

_LONG_NAMES: dict[str, str] = {
    "pacific": "America/Los_Angeles",
    "mountain": "America/Denver",
    "central": "America/Chicago",
    "eastern": "America/New_York",
    "atlantic": "America/Halifax",
    "newfoundland": "America/St_Johns",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "hawaii aleutian": "Pacific/Honolulu",
    "greenwich mean": "Etc/GMT",
    "coordinated universal": "UTC",
    "universal": "UTC",
    "british": "Europe/London",
    "irish": "Europe/Dublin",
    "western europe": "Europe/Lisbon",
    "central europe": "Europe/Berlin",
    "eastern europe": "Europe/Athens",
    "moscow": "Europe/Moscow",
    "west africa": "Africa/Lagos",
    "central africa": "Africa/Maputo",
    "east africa": "Africa/Nairobi",
    "south africa": "Africa/Johannesburg",
    "israel": "Asia/Jerusalem",
    "arabia": "Asia/Riyadh",
    "gulf": "Asia/Dubai",
    "pakistan": "Asia/Karachi",
    "india": "Asia/Kolkata",
    "western indonesia": "Asia/Jakarta",
    "china": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "singapore": "Asia/Singapore",
    "philippine": "Asia/Manila",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "australia western": "Australia/Perth",
    "australia central": "Australia/Adelaide",
    "australia eastern": "Australia/Sydney",
    "new zealand": "Pacific/Auckland",
    "brasilia": "America/Sao_Paulo",
    "argentina": "America/Argentina/Buenos_Aires",
}
_WORD_FORMS = {
    "african": "africa",
    "european": "europe",
    "australian": "australia",
    "indonesian": "indonesia",
    "indian": "india",
    "philippines": "philippine",
}
_FILLER_WORDS = frozenset({"standard", "daylight", "summer", "saving", "savings", "time", "zone"})
_FRACTIONAL_ZONES: dict[int, tuple[str, ...]] = {
    -570: ("Pacific/Marquesas",),
    -210: ("America/St_Johns",),
    -150: ("America/St_Johns",),
    210: ("Asia/Tehran",),
    270: ("Asia/Kabul",),
    330: ("Asia/Kolkata", "Asia/Colombo"),
    345: ("Asia/Kathmandu",),
    390: ("Asia/Yangon",),
    525: ("Australia/Eucla",),
    570: ("Australia/Darwin", "Australia/Adelaide"),
    630: ("Australia/Adelaide", "Australia/Lord_Howe"),
    765: ("Pacific/Chatham",),
    825: ("Pacific/Chatham",),
}
_OFFSET_TEXT = re.compile(
    r"(?:utc|gmt|ut)?\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?",
    re.IGNORECASE,
)
_UTC_ALIASES = frozenset(
    {"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)
_WITH_BRACKETS = re.compile(r"(?P<head>[^()]*?)\s*\((?P<inner>[^()]*)\)")


@cache
def _names_by_key() -> dict[str, str]:
    """Lower-cased zone name -> IANA spelling, for case-insensitive lookup."""
    return {zone.lower(): zone for zone in all_zones()}


@cache
def _zones_by_city() -> dict[str, str]:
    """`new york` -> America/New_York, for cities that name exactly one zone."""
    found: dict[str, list[str]] = {}
    for zone in all_zones():
        if "/" in zone:
            city = zone.rsplit("/", 1)[1].replace("_", " ").lower()
            found.setdefault(city, []).append(zone)
    return {city: zones[0] for city, zones in found.items() if len(zones) == 1}


def offset_minutes(text: str) -> int | None:
    """Minutes east of UTC in `+3`, `UTC+03:00`, `GMT-5`, `+0530`; None for anything else."""
    match = _OFFSET_TEXT.fullmatch(text.strip())
    if not match:
        return None
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if hours > 14 or minutes > 59:
        return None
    total = hours * 60 + minutes
    return -total if match["sign"] in "-\u2212" else total


def _offset_at(zone: str, on: date) -> int:
    """The zone's offset from UTC in minutes at noon on `on`."""
    noon = datetime.combine(on, time(12), tzinfo=get_zone(zone))
    return int((noon.utcoffset() or timedelta()).total_seconds() // 60)


def zone_for_offset(minutes: int, on: date | None = None) -> str | None:
    """A zone with a fixed offset: `Etc/GMT-3` for +3 h, else a real zone with it on `on`."""
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60:
        return f"Etc/GMT{-minutes // 60:+d}"
    day = on or date.today()
    preferred = _FRACTIONAL_ZONES.get(minutes, ())
    for zone in (*preferred, *canonical_zones()):
        if _offset_at(zone, day) == minutes:
            return zone
    return None


def _long_name_key(text: str) -> str:
    """`South African Standard Time` -> `south africa`, the key of _LONG_NAMES."""
    words = re.split(r"[\s\-_.]+", text.lower())
    kept = [_WORD_FORMS.get(word, word) for word in words if word]
    return " ".join(word for word in kept if word not in _FILLER_WORDS)


def lookup_zone(name: str) -> str | None:
    """The IANA spelling of a zone name in any letter case, or None."""
    cleaned = name.strip()
    if cleaned.upper() in ("UTC", "Z"):
        return "UTC"
    return _names_by_key().get(cleaned.lower())


def zone_from_text(text: str, on: date | None = None) -> str | None:
    """The IANA zone meant by an abbreviation, offset, zone name, long name or city; or None."""
    cleaned = " ".join(text.split()).strip(" ,;")
    bracketed = _WITH_BRACKETS.fullmatch(cleaned)
    if bracketed:
        return zone_from_text(bracketed["head"], on) or zone_from_text(bracketed["inner"], on)
    if not cleaned:
        return None
    minutes = offset_minutes(cleaned)
    if minutes is not None:
        return zone_for_offset(minutes, on)
    candidates = ABBREVIATIONS.get(cleaned.upper().replace(".", ""))
    if candidates:
        return candidates[0]
    found = lookup_zone(cleaned) or _LONG_NAMES.get(_long_name_key(cleaned))
    return found or _zones_by_city().get(cleaned.lower().replace("_", " ")) or _pair(cleaned)


def _pair(text: str) -> str | None:
    """The zone two abbreviations share, written as a pair like `PST/PDT` or `CET/CEST`."""
    names = text.upper().replace(".", "").split("/")
    if len(names) != 2:
        return None
    first, second = (ABBREVIATIONS.get(name.strip(), ()) for name in names)
    return next((zone for zone in first if zone in second), None)


def local_zone_name() -> str:
    """The system's IANA zone: TZ, else /etc/localtime, else /etc/timezone; UTC if unknown."""
    setting = os.environ.get("TZ")
    if setting is not None:
        name = setting.strip().removeprefix(":")
        found = _zone_from_path(Path(name)) if name.startswith("/") else lookup_zone(name)
    else:
        found = _zone_from_path(Path("/etc/localtime")) or _zone_from_etc_timezone()
    return "UTC" if found is None or found in _UTC_ALIASES else found


def _zone_from_path(path: Path) -> str | None:
    """The zone a zoneinfo file (or a link to one) stands for, from the part after `zoneinfo/`."""
    try:
        parts = path.resolve().parts
    except (OSError, RuntimeError):
        return None
    if "zoneinfo" not in parts:
        return None
    last = len(parts) - 1 - parts[::-1].index("zoneinfo")
    return lookup_zone("/".join(parts[last + 1 :]))


def _zone_from_etc_timezone() -> str | None:
    """The zone named in /etc/timezone (Debian and Ubuntu), if there is one."""
    try:
        return lookup_zone(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return None


@cache
def canonical_zones() -> tuple[str, ...]:
    """Zones tzdata lists for a country (zone.tab) plus UTC, sorted: the ones worth offering."""
    return tuple(sorted({place.zone for place in zone_places()} | {"UTC"}))


@dataclass(frozen=True)
class Place:
    """A row of tzdata's zone.tab: which country a zone serves, and tzdata's note on it."""

    zone: str
    country: str
    comment: str


@cache
def zone_places() -> tuple[Place, ...]:
    """Every (zone, country, comment) row of tzdata's zone.tab, read once; none without tzdata."""
    try:
        folder = resources.files("tzdata.zoneinfo")
        countries = _tab_rows(folder.joinpath("iso3166.tab").read_text(encoding="utf-8"))
        zones = _tab_rows(folder.joinpath("zone.tab").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError):
        return ()
    names = {fields[0]: fields[-1] for fields in countries}
    return tuple(
        Place(fields[2], names.get(fields[0], ""), fields[3] if len(fields) > 3 else "")
        for fields in zones
        if len(fields) >= 3
    )


def _tab_rows(text: str) -> list[list[str]]:
    """The tab-separated fields of each non-comment line."""
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


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
    """A wall-clock date-time read from text, and the zone the text named (IANA), if any."""

    value: datetime
    has_date: bool
    zone: str | None = None
    fold: Literal[0, 1] = 0


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
    day = _read_date(date_text, base.year, dayfirst) if date_text else base
    if day is None:
        raise ValueError(_unreadable(text, dayfirst))
    return _in_named_zone(datetime.combine(day, clock), bool(date_text), zone_text)


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


def _read_date(text: str, default_year: int, dayfirst: bool) -> date | None:
    """A calendar date in ISO, numeric (day/month order by `dayfirst`) or worded form."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(text, year, month, day)
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second = int(match[1]), int(match[2])
        year = _full_year(match[3]) if match[3] else default_year
        day, month = (first, second) if dayfirst else (second, first)
        order = "DD/MM/YYYY, day first" if dayfirst else "MM/DD/YYYY, month first"
        return _make_date(text, year, month, day, f" (dates are read as {order})")
    return _worded_date(text, default_year)


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
        name = MONTHS[month - 1].capitalize()
        raise ValueError(f"{text} is not a date: {name} {year} has {days} days{hint}")
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
