"""Zone marks on written times: the letters or offset after a time (`EST`, `UTC+05:45`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from wizard.time import timezones, zone_names


def mark_zone(mark: str, instant: datetime) -> str | None:
    """A zone that `mark` (`CST`, `UTC+08:00`) names at `instant`: the first common zone whose
    letters then are `mark`, or one with the offset; None if there is none."""
    if mark.startswith("UTC"):
        minutes = zone_names.offset_minutes(mark) if mark != "UTC" else 0
        return None if minutes is None else zone_names.zone_for_offset(minutes, instant.date())
    for zone in zone_names.ABBREVIATIONS.get(mark.upper(), ()):
        if instant.astimezone(timezones.get_zone(zone)).tzname() == mark:
            return zone
    return None


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
