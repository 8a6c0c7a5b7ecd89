"""Naming a zone: abbreviations, offsets, long names and cities to IANA zones; the system's
zone; the zones tzdata lists by country."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from wizard.time.timezones import all_zones, canonical_zone, get_zone

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


def plain_letters(text: str) -> str:
    """`text` lower-cased without accents, as zone names are written: `São Paulo` -> `sao paulo`,
    `Zürich` -> `zurich`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
    city = plain_letters(cleaned).replace("_", " ")
    return found or _zones_by_city().get(city) or _pair(cleaned)


def zone_in_field(text: str, on: date | None = None) -> str:
    """The IANA zone a zone field means: an IANA name in any case, else an abbreviation,
    offset, long name or city (`IST`, `+05:30`, `kolkata`); ValueError naming the text."""
    try:
        return canonical_zone(text)
    except ValueError:
        found = zone_from_text(text, on)
        if found is None:
            raise
        return found


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
    return tuple(sorted({fields[2] for fields in _zone_tab()} | {"UTC"}))


@dataclass(frozen=True)
class Place:
    """A row of tzdata's zone.tab: which country a zone serves, and tzdata's note on it."""

    zone: str
    country: str
    comment: str


@cache
def zone_places() -> tuple[Place, ...]:
    """Every (zone, country, comment) row of tzdata's zone.tab, read once; none without tzdata."""
    zones = _zone_tab()
    if not zones:
        return ()
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return ()
    names = {fields[0]: fields[-1] for fields in _tab_rows(text)}
    return tuple(
        Place(fields[2], names.get(fields[0], ""), fields[3] if len(fields) > 3 else "")
        for fields in zones
    )


@cache
def _zone_tab() -> tuple[list[str], ...]:
    """The rows of tzdata's zone.tab (country, coordinates, zone, comment), read once."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return ()
    return tuple(fields for fields in _tab_rows(text) if len(fields) >= 3)


def _tab_rows(text: str) -> list[list[str]]:
    """The tab-separated fields of each non-comment line."""
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
