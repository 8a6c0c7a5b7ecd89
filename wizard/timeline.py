"""Timeline entries: incident metrics and warnings, pasted entries (kinds: wizard.kinds)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import pairwise

from wizard.model import Kind, Postmortem, TimelineEntry
from wizard.time import timezones


def parse_entries(
    text: str,
    start: datetime | None,
    zone: str,
    around: Sequence[TimelineEntry] = (),
    dayfirst: bool = False,
) -> list[TimelineEntry]:
    """Entries from pasted lines (`12:32 PM - Pagers alerted teams`) or a Markdown table.

    A time alone takes its date from `start` (the incident start, wall-clock in `zone`) or the
    entry before it: the day that puts it nearest, so `00:10` after `23:50` is the next day.
    A zone written with the time (`1:30 AM PST`) goes into the entry's `zone`. Kinds and
    detection methods are guessed from the wording and each entry's place (wizard.kinds)
    among them and `around`, the entries already in the timeline, whose kinds stay as they are.
    `dayfirst` orders numeric dates (`05/06/2023`) as the author set.
    """
    from wizard import importer

    return importer.parse_entries(text, start, zone, around, dayfirst)


_TIME_LIKE = re.compile(r"\s*(?:[-*+]\s+)?(\d{1,2}:\d{2})(?!\d)")
_CLOCKS = re.compile(r"(?=(\d?\d:\d\d))")
"""Every `h:mm` and `hh:mm` in a text, overlapping: `12:30` holds both `12:30` and `2:30`."""


def joined_time_lines(text: str, entries: Sequence[TimelineEntry]) -> list[str]:
    """Pasted lines that begin like a time (`25:61 - ...`) yet were not read as one: each
    was joined to the entry above it, as a line without a time is. Only the entries holding
    a line's time are searched for it, so a long paste costs little more than its length."""
    holding: dict[str, list[str]] = {}
    for entry in entries:
        words = " ".join(entry.text.split())
        for clock in dict.fromkeys(_CLOCKS.findall(words)):
            holding.setdefault(clock, []).append(words)
    found = []
    for line in text.splitlines():
        if (match := _TIME_LIKE.match(line)) and match[1] in holding:
            words = " ".join(line.split())
            if any(words in held for held in holding[match[1]]):
                found.append(line.strip())
    return found


# --- metrics and warnings ------------------------------------------------------------------


def _moments(pm: Postmortem) -> Iterator[tuple[int, TimelineEntry, datetime]]:
    """(number as exported, entry, aware moment) for every timed entry with text."""
    written = [e for e in pm.sorted_timeline() if e.text.strip()]
    for number, entry in enumerate(written, 1):
        moment = entry.at(pm.window.zone)
        if moment is not None:
            yield number, entry, moment.astimezone(UTC)


def _minutes(later: datetime | None, earlier: datetime | None) -> int | None:
    if later is None or earlier is None:
        return None
    return int((later - earlier).total_seconds() // 60)


def metrics(pm: Postmortem) -> dict[str, int | None]:
    """Minutes from the incident start to the first detection, first escalation and the fix."""
    start = pm.window.start_at
    start = start.astimezone(UTC) if start else None
    timed = list(_moments(pm))

    def first(kind: Kind) -> datetime | None:
        return min((m for _, e, m in timed if e.kind is kind), default=None)

    resolved = max((m for _, e, m in timed if e.kind is Kind.RESOLUTION), default=None)
    if resolved is None and pm.window.end_at is not None:
        resolved = pm.window.end_at.astimezone(UTC)
    return {
        "time_to_detect_minutes": _minutes(first(Kind.DETECTION), start),
        "time_to_escalate_minutes": _minutes(first(Kind.ESCALATION), start),
        "time_to_resolve_minutes": _minutes(resolved, start),
    }


def _clock_in(pm: Postmortem) -> Callable[[datetime], str]:
    """How the warnings write a moment: in the incident's zone, on the draft's clock."""
    zone = timezones.get_zone(pm.window.zone)
    return lambda moment: timezones.format_clock(moment.astimezone(zone), pm.clock)


def warnings(pm: Postmortem) -> list[str]:
    """What looks wrong in the timeline's times; warnings, never errors."""
    clock = _clock_in(pm)
    start, end = pm.window.start_at, pm.window.end_at
    timed = list(_moments(pm))
    found: list[str] = []
    for number, _, moment in timed:
        if start is not None and moment < start:
            found.append(
                f"entry {number} ({clock(moment)}) is before the incident start ({clock(start)})"
            )
        if end is not None and moment > end:
            found.append(
                f"entry {number} ({clock(moment)}) is after the incident end ({clock(end)})"
            )
    found.extend(_order_warnings(timed, clock))
    return found


def _order_warnings(
    timed: list[tuple[int, TimelineEntry, datetime]], clock: Callable[[datetime], str]
) -> list[str]:
    found = []
    detections = [(n, m) for n, e, m in timed if e.kind is Kind.DETECTION]
    resolutions = [(n, m) for n, e, m in timed if e.kind is Kind.RESOLUTION]
    if detections and resolutions:
        detected, fixed = min(detections, key=_second), min(resolutions, key=_second)
        if fixed[1] < detected[1]:
            found.append(
                f"the resolution (entry {fixed[0]}, {clock(fixed[1])}) comes before the "
                f"detection (entry {detected[0]}, {clock(detected[1])})"
            )
    for (n1, _, m1), (n2, _, m2) in pairwise(timed):
        if m1 == m2:
            found.append(f"entries {n1} and {n2} are both at {clock(m1)}")
    return found


def _second(item: tuple[int, datetime]) -> datetime:
    return item[1]
