"""Zone marks on written times: the letters or offset after a time (`EST`, `UTC+05:45`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from datetime import timezone as dt_timezone
from functools import cache

from wizard.time import timezones, zone_names


def zone_mark(moment: datetime) -> str:
    """The zone a time is marked with (an entry's own, the second zone's): its letters (`EST`)
    when they read back as the same offset (see read_mark), else the offset (`UTC+01:00` for
    Dublin's IST, `UTC+08:00` for China's CST)."""
    letters = timezones.abbreviation(moment)
    if letters:
        back = read_mark(letters, moment.replace(tzinfo=None))
        if back is not None and back[0].utcoffset() == moment.utcoffset():
            return letters
    return timezones.format_offset(moment.utcoffset())


def read_mark(mark: str, wall: datetime) -> tuple[datetime, str] | None:
    """The moment a wall-clock time marked `mark` (`EST`, `UTC+05:45`) stands for, and a zone
    for it: an offset as written, letters as the first common zone that uses them then."""
    minutes = zone_names.offset_minutes(mark) if mark.startswith("UTC") else None
    if minutes is not None:
        zone = zone_names.zone_for_offset(minutes, wall.date()) or "UTC"
        return wall.replace(tzinfo=dt_timezone(timedelta(minutes=minutes)), fold=0), zone
    for zone in zone_names.ABBREVIATIONS.get(mark.upper(), ()):
        for fold in (0, 1):
            moment = timezones.localize(wall, zone, fold)
            if not timezones.gap_message(wall, zone) and moment.tzname() == mark:
                return moment, zone
    return None


# --- zones named for readers ---------------------------------------------------------------

_OFFSET = r"UTC[+-]\d{2}:\d{2}"
_PLACE = r"[A-Za-z][\w'./+-]*(?: [\w'./+-]+)*"
LABEL = rf"(?:{_OFFSET}|[A-Za-z]+(?: \((?:{_PLACE}, )?{_OFFSET}\))?|{_PLACE} time \({_OFFSET}\))"
"""A zone as the document names it (see zone_label): `EST`, `UTC`, `UTC+05:45`,
`EAT (UTC+03:00)`, `CET (Paris, UTC+01:00)`, `Sao Paulo time (UTC-03:00)`."""
_LABEL_PARTS = re.compile(
    rf"(?P<offset>{_OFFSET})"
    rf"|(?P<letters>[A-Za-z]+)(?: \((?:(?P<named>{_PLACE}), )?(?P<with>{_OFFSET})\))?"
    rf"|(?P<place>{_PLACE}) time \((?P<at>{_OFFSET})\)"
)


def _place_key(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ").casefold()


@cache
def _listed_places() -> dict[str, str]:
    """`sao paulo` -> America/Sao_Paulo for the zones tzdata lists for a country (read from
    zone.tab alone, without walking every zone)."""
    found: dict[str, str] = {}
    for zone in zone_names.canonical_zones():
        found.setdefault(_place_key(zone), zone)
    return found


@cache
def _all_places() -> dict[str, str]:
    """The same for every zone, the zones tzdata lists for a country taking a name first."""
    found = dict(_listed_places())
    for zone in timezones.all_zones():
        found.setdefault(_place_key(zone), zone)
    return found


def _place_zone(key: str) -> str | None:
    """The zone a place (casefolded, spaces for underscores) names; the listed zones answer
    first, so every zone is walked only for a place none of them has."""
    return _listed_places().get(key) or _all_places().get(key)


def place_name(zone: str) -> str | None:
    """The place a zone is named after, as a reader writes it (`Sao Paulo`), or its IANA name
    where that place names another zone; None for UTC and the zones that are only an offset."""
    if zone == "UTC" or re.fullmatch(r"Etc/GMT[+-]\d+", zone):
        return None
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    return place if _place_zone(place.casefold()) == zone else zone


def zone_of_place(text: str) -> str | None:
    """The zone a place name (`Sao Paulo`) or an IANA name stands for, or None."""
    return zone_names.lookup_zone(text) or _place_zone(text.replace("_", " ").casefold())


def names_a_zone(label: str) -> bool:
    """Whether a label's offset, letters or place name a zone pmwizard knows."""
    match = _LABEL_PARTS.fullmatch(label)
    if match is None:
        return False
    if match["offset"]:
        return zone_names.offset_minutes(match["offset"]) is not None
    place = match["named"] or match["place"]
    if place is not None:
        return zone_of_place(place) is not None
    return match["letters"].upper() in zone_names.ABBREVIATIONS


def read_label(label: str, wall: datetime) -> tuple[datetime, str] | None:
    """The moment a wall-clock time followed by `label` stands for, and the zone the label
    names; None when the label names no zone, or one that is not at that offset then."""
    match = _LABEL_PARTS.fullmatch(label)
    if match is None:
        return None
    if match["offset"] or (match["letters"] and not match["with"]):
        return read_mark(label, wall)
    offset = zone_names.offset_minutes(match["with"] or match["at"])
    if offset is None:
        return None
    moment = wall.replace(tzinfo=dt_timezone(timedelta(minutes=offset)), fold=0)
    letters, place = match["letters"], match["named"] or match["place"]
    if place is not None:
        zones: tuple[str, ...] = tuple(filter(None, [zone_of_place(place)]))
    else:
        zones = zone_names.ABBREVIATIONS.get(letters.upper(), ())
    for zone in zones:
        local = moment.astimezone(timezones.get_zone(zone))
        if local.utcoffset() == moment.utcoffset() and (
            letters is None or local.tzname() == letters
        ):
            return moment, zone
    return None


def _reads_as(label: str, moment: datetime, zone: str) -> bool:
    back = read_label(label, moment.replace(tzinfo=None))
    # Instants compared in UTC: `==` across zones is never true for a time in a repeated hour.
    return (
        back is not None and back[1] == zone and back[0].astimezone(UTC) == moment.astimezone(UTC)
    )


def zone_label(moment: datetime, zone: str) -> str:
    """The zone of `moment` (aware, in `zone`) named for readers, so that it reads back as
    `zone`: `UTC`; its letters and offset (`EAT (UTC+03:00)`), with the place when the
    letters name another zone first (`CET (Paris, UTC+01:00)`); the place where tzdata has
    no letters (`Sao Paulo time (UTC-03:00)`); the offset alone for an offset zone."""
    offset = timezones.format_offset(moment.utcoffset())
    letters = timezones.abbreviation(moment)
    place = place_name(zone)
    if letters:
        labels = ["UTC"] if letters == "UTC" and offset == "UTC+00:00" else []
        labels += [f"{letters} ({offset})", *([f"{letters} ({place}, {offset})"] if place else [])]
    else:
        labels = [f"{place} time ({offset})"] if place else [offset]
    return next((label for label in labels if _reads_as(label, moment, zone)), labels[-1])


def own_mark(moment: datetime, zone: str, taken: str) -> str:
    """The mark of a time in a zone of its own (`EST`, else the zone named for readers), so
    that it reads back as `zone`; never `taken`, the mark the incident's zone would give."""
    letters = timezones.abbreviation(moment)
    if letters and letters != taken and _reads_as(letters, moment, zone):
        return letters
    return zone_label(moment, zone)
