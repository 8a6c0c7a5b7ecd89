"""Reading a typed date-time for a field, relative to the incident's start."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from wizard.model import year_problem
from wizard.time import time_text, timezones
from wizard.time.timezones import ClockStyle


class EnteredTime(NamedTuple):
    """A typed time: its wall-clock value, its own zone if it named one, whether it had a
    date (a time alone borrows the incident's), and how its date was read if that needs
    saying."""

    value: datetime
    zone: str | None
    has_date: bool
    note: str = ""


def parse_entry_time(
    text: str, start: datetime | None, zone: str, dayfirst: bool = False
) -> EnteredTime:
    """Read a typed time; a time alone takes the start's date and rolls to the next day when
    it would fall before the start; a date without its year takes the year nearest the
    start (`Jan 2` after a start on December 31, 2024 is in 2025)."""
    default = start.date() if start else None
    parsed = time_text.parse_datetime(text, default_date=default, dayfirst=dayfirst)
    value = parsed.value
    if parsed.has_date and not parsed.has_year and start is not None:
        value = time_text.nearest_year(value, start)
    if problem := year_problem(value):
        raise ValueError(problem)
    own_zone = parsed.zone if parsed.zone and parsed.zone != zone else None
    if parsed.has_date or start is None:
        return EnteredTime(value, own_zone, parsed.has_date, parsed.note)
    start_at = timezones.localize(start, zone)
    value = time_text.resolve_wall_time(parsed.value, own_zone or zone, start_at)
    return EnteredTime(value, own_zone, False)


def fold_choices(
    value: datetime, zone: str, style: ClockStyle | None = None
) -> list[tuple[str, int]]:
    """For a wall-clock time that happens twice: a label for each pass and its fold."""
    choices = []
    for fold, which in ((0, "first"), (1, "second")):
        aware = timezones.localize(value, zone, fold)
        clock = timezones.format_clock(aware, style)
        choices.append((f"The {which} {clock} ({timezones.zone_label(aware)})", fold))
    return choices
