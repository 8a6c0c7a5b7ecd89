"""Find a time zone by name, city, country, abbreviation or UTC offset, as a person types."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from wizard.time import timezones, zone_names

_PARTIAL_OFFSET = re.compile(
    r"(?:utc|gmt|ut)?\s*(?P<sign>[+\-\u2212])\s*"
    r"(?:(?P<hours>\d{1,2}):(?P<minutes>\d{0,2})|(?P<digits>\d{0,4}))",
    re.IGNORECASE,
)
_NAMED, _SAME_LETTERS, _CITY, _CITY_START, _NAME_START, _WORD_START, _ANYWHERE = range(7)
Rank = tuple[int, int]


@dataclass(frozen=True)
class ZoneRow:
    """One zone as the picker shows it on a given date: `Africa/Nairobi  EAT  UTC+03:00`."""

    zone: str
    abbreviation: str
    offset: str
    minutes: int
    label: str


@dataclass(frozen=True)
class _Entry:
    """A row plus the lower-case text a query is matched against."""

    row: ZoneRow
    name: str
    city: str
    words: str
    canonical: bool


def search_zones(query: str, on: date | None = None, recent: Sequence[str] = ()) -> list[ZoneRow]:
    """Zones matching `query` on `on` (today by default), best first, recently used ones first;
    letter case and accents do not matter (`são paulo`, `ZÜRICH`)."""
    index = zone_index(on or date.today())
    text = " ".join(zone_names.plain_letters(query).replace("_", " ").split())
    if not text:
        ranked = [((0, 0), entry) for entry in index]
    elif (prefix := _offset_prefix(text)) is not None:
        ranked = _by_offset(index, prefix)
    else:
        ranked = _by_text(index, text, on or date.today())
    ranked.sort(key=lambda pair: (pair[0], not pair[1].canonical, pair[1].row.zone))
    return _recent_first([entry.row for _, entry in ranked], recent)


@lru_cache(maxsize=8)
def zone_index(on: date) -> tuple[_Entry, ...]:
    """Every zone's row and search text on `on`, built once per date."""
    zones = timezones.all_zones()
    width = max(len(zone) for zone in zones)
    rows = [_row(zone, on) for zone in zones]
    letters = max(len(row.abbreviation) for row in rows)
    places = _places()
    canonical = set(zone_names.canonical_zones())
    return tuple(
        _entry(_labelled(row, width, letters), places.get(row.zone, ""), row.zone in canonical)
        for row in rows
    )


def _row(zone: str, on: date) -> ZoneRow:
    """The zone's abbreviation and offset at noon on `on` (label filled in later)."""
    noon = datetime.combine(on, time(12), tzinfo=timezones.get_zone(zone))
    offset = noon.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    abbreviation = timezones.abbreviation(noon) or ""
    return ZoneRow(zone, abbreviation, timezones.format_offset(offset), minutes, "")


def _labelled(row: ZoneRow, width: int, letters: int) -> ZoneRow:
    label = f"{row.zone:<{width}}  {row.abbreviation:<{letters}}  {row.offset}"
    return ZoneRow(row.zone, row.abbreviation, row.offset, row.minutes, label)


def _entry(row: ZoneRow, place: str, canonical: bool) -> _Entry:
    name = row.zone.lower().replace("_", " ")
    city = name.rsplit("/", 1)[-1]
    words = f"{name} {name.replace('/', ' ')} {row.abbreviation.lower()} {place}"
    return _Entry(row, name, city, words, canonical)


def _places() -> dict[str, str]:
    """Zone -> lower-case country names and tzdata's notes (`united states pacific`)."""
    found: dict[str, str] = {}
    for place in zone_names.zone_places():
        text = zone_names.plain_letters(f"{place.country} {place.comment}")
        found[place.zone] = f"{found.get(place.zone, '')} {text}".strip()
    return found


def _offset_prefix(text: str) -> str | None:
    """`UTC+05:3` for `+053`, `UTC+03:` for `utc+3`, `UTC-` for `-`; None for other text."""
    match = _PARTIAL_OFFSET.fullmatch(text)
    if not match:
        return None
    sign = "-" if match["sign"] in "-\u2212" else "+"
    if match["hours"]:
        hours, minutes = match["hours"], match["minutes"]
    else:
        hours, minutes = _hours_minutes(match["digits"])
    if not hours:
        return f"UTC{sign}"
    if int(hours) == 0 and not minutes.strip("0"):
        sign = "+"
    return f"UTC{sign}{int(hours):02d}:{minutes}"


def _hours_minutes(digits: str) -> tuple[str, str]:
    """Split `5`, `53`, `053`, `530`, `0530` into hours and the minutes typed so far."""
    if len(digits) < 2 or (len(digits) == 2 and int(digits) <= 14):
        return digits, ""
    cut = 2 if len(digits) == 4 or digits[0] == "0" else 1
    return digits[:cut], digits[cut:]


def _by_offset(index: Iterable[_Entry], prefix: str) -> list[tuple[Rank, _Entry]]:
    """Zones whose offset starts with `prefix`, whole hours first."""
    return [
        ((0, entry.row.minutes % 60), entry)
        for entry in index
        if entry.row.offset.startswith(prefix)
    ]


def _by_text(index: Iterable[_Entry], text: str, on: date) -> list[tuple[Rank, _Entry]]:
    """Zones named by the text (abbreviation, long name) or containing all its words."""
    named = _named_zones(text, on)
    letters = text.upper()
    tokens = text.replace("/", " ").split()
    found = []
    for entry in index:
        if entry.row.zone in named:
            found.append(((_NAMED, named[entry.row.zone]), entry))
        elif entry.row.abbreviation.upper() == letters:
            found.append(((_SAME_LETTERS, 0), entry))
        elif all(token in entry.words for token in tokens):
            found.append(((_text_rank(entry, text, tokens), 0), entry))
    return found


def _named_zones(text: str, on: date) -> dict[str, int]:
    """Zones the text stands for as an abbreviation or long name, with their order."""
    candidates = zone_names.ABBREVIATIONS.get(text.upper().replace(".", ""), ())
    named = zone_names.zone_from_text(text, on)
    zones = [*candidates, *([named] if named and named not in candidates else [])]
    return {zone: position for position, zone in enumerate(zones)}


def _text_rank(entry: _Entry, text: str, tokens: Sequence[str]) -> int:
    """How well `text` fits the entry: the city itself, its start, the name's start, a word."""
    if entry.city == text:
        return _CITY
    if entry.city.startswith(text):
        return _CITY_START
    if entry.name.startswith(text):
        return _NAME_START
    if all(f" {token}" in f" {entry.words}" for token in tokens):
        return _WORD_START
    return _ANYWHERE


def _recent_first(rows: list[ZoneRow], recent: Sequence[str]) -> list[ZoneRow]:
    """The rows with those named in `recent` moved to the front, in `recent`'s order."""
    order = {zone: position for position, zone in enumerate(dict.fromkeys(recent))}
    if not order:
        return rows
    return sorted(rows, key=lambda row: order.get(row.zone, len(order)))
