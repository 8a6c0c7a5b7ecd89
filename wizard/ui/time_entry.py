"""Reading a typed date-time for a field, relative to the incident's start."""

from __future__ import annotations

from datetime import datetime, timedelta

from wizard import timezones


def parse_entry_time(text: str, start: datetime | None, zone: str) -> tuple[datetime, str | None]:
    """(wall-clock time, its own zone or None); a time alone takes the start's date and
    rolls to the next day when it would fall before the start."""
    parsed = timezones.parse_datetime(text, default_date=start.date() if start else None)
    value = parsed.value
    if not parsed.has_date and start is not None and value < start:
        value += timedelta(days=1)
    own_zone = parsed.zone if parsed.zone and parsed.zone != zone else None
    return value, own_zone
