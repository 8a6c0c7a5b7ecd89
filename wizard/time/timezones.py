"""Time zones: IANA names, DST-aware localisation, display of times, offsets and spans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

ClockStyle = Literal["12h", "24h"]
"""How times of day are written: `11:40 PM` or `23:40`."""


@cache
def all_zones() -> tuple[str, ...]:
    """Every IANA zone name that tzdata knows, sorted (computed once)."""
    return tuple(sorted(z for z in available_timezones() if not z.startswith("posix/")))


@lru_cache(maxsize=512)
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
    import difflib  # only for a name that is none

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


def format_clock(moment: datetime, clock: ClockStyle | None = None) -> str:
    """`12:30 PM` (a 12-hour clock without a leading zero, the default) or `12:30` (`24h`)."""
    if clock == "24h":
        return f"{moment.hour:02d}:{moment.minute:02d}"
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
