"""Reading a typed date-time for a field, relative to the incident's start."""

from __future__ import annotations

from datetime import datetime

from wizard import timezones


def parse_entry_time(
    text: str, start: datetime | None, zone: str
) -> tuple[datetime, str | None]:
    """(wall-clock time, its own zone or None); a time alone takes the start's date and
    rolls to the next day when it would fall before the start."""
    parsed = timezones.parse_datetime(text, default_date=start.date() if start else None)
    own_zone = parsed.zone if parsed.zone and parsed.zone != zone else None
    if parsed.has_date or start is None:
        return parsed.value, own_zone
    start_at = timezones.localize(start, zone)
    return timezones.resolve_wall_time(parsed.value, own_zone or zone, start_at), own_zone
