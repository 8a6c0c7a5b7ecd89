"""The incident window of a written postmortem, and its timeline dated from it.

The window comes from the first of: outage markers in the timeline (`<START OF OUTAGE>`), the
start and end the summary states, the summary's start plus a stated length (`a 2-hour
outage`), the summary's start and the timeline's last entry, or the timeline's first and last
entries. Times written without a date sit on times.UNDATED and the result says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from pydantic import ValidationError

from wizard.importer import times
from wizard.model import Kind, TimelineEntry, Window, first_error
from wizard.time import timezones

_NOT_MORE_THAN_A_TIME = re.compile(
    r"\b(?:from|to|on|at|the|and|until|till|through|between|start(?:ing|ed|s)?|end(?:ing|ed|s)?"
    r"|lasting|lasted|for|of|a|an|about|approximately|around|total|in|it|was|were|date|time|utc"
    r"|gmt|hours?|minutes?|mins?|hrs?|h|min|outage|incident|downtime|occurred|happened|began"
    r"|persisted|took|place|we|our|experienced|\d+)\b|[^\w]",
    re.IGNORECASE,
)
_MARK_START = re.compile(r"\bstart of (?:the )?outage\b", re.IGNORECASE)
_MARK_END = re.compile(r"\bend of (?:the )?outage\b", re.IGNORECASE)

Span = tuple[datetime | None, datetime | None]


@dataclass
class Timing:
    """The window and entries, with what the author should check and what was only a time."""

    window: Window
    entries: list[TimelineEntry]
    dated: bool
    notes: list[str] = field(default_factory=list)
    unsorted: list[str] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)
    unmet: list[tuple[str, str]] = field(default_factory=list)


def find_timing(
    *,
    stated: list[str],
    summary: list[str],
    title: str,
    opening: list[str],
    pieces: list[times.Piece],
    timeline_zone: str | None,
    unknown_zone: str | None = None,
    noted_day: date | None = None,
    page_day: tuple[date, bool] | None = None,
    around: Sequence[TimelineEntry] = (),
) -> Timing:
    """The window from the summary's duration lines (`stated`), its other text, the title and
    the opening, helped by the timeline `pieces`; the entries dated from its start.

    A stated end before the start, or a zone pmwizard does not know (in the duration, else
    `unknown_zone` from the timeline), leaves the end unset, with a note and the line kept.
    `around` are entries read already, context for guessing the pieces' kinds."""
    day, has_year, day_from = _day(stated, summary, title, opening, pieces, noted_day, page_day)
    texts, stamps = _window_stamps((stated, summary, opening), day)
    stamps = _spans("\n".join(texts), stamps)
    timing = Timing(Window(), [], dated=False)
    strange = next((z for text in stated if (z := times.unknown_zone(text))), unknown_zone)
    notes = timing.notes if strange is None else []
    zone = _zone(stamps, stated + summary + opening, pieces, timeline_zone, notes)
    start, end = _stated(stamps, zone)
    problem = _end_problem(stamps, zone) if texts is stated else None
    if end is None and _past_the_calendar(stamps, zone):
        problem = "the end falls after the last day pmwizard can hold (December 31, 9999)"
    timing.entries = times.entries_from(pieces, start, zone, day or times.UNDATED, around)
    (start, end), source = _completed((start, end), timing.entries, zone, stated, summary + opening)
    refused = _refuse_end(timing, problem, strange, zone)
    end = None if refused else end
    _sort_stated(stated, stamps, timing, keep=refused)
    # Undated when a time was read (the window's or an entry's alone) and no year with it.
    timed = start is not None or any(entry.time for entry in timing.entries)
    timing.dated = not timed or has_year or any(s.has_year for s in stamps)
    notes = _guesses(start, end, zone, source, day_from if day else "", timing.dated)
    timing.notes.extend(notes)
    if not timing.dated:
        timing.notes.append(
            "no date is given: the times have no day until you set the real date"
            if day is None
            else "no year is given: the times have no date until you set the real one"
        )
    timing.window = _window(start, end, zone, timing.notes)
    return timing


def _window_stamps(
    sources: tuple[list[str], ...], day: date | None
) -> tuple[list[str], list[times.Stamp]]:
    """The first of `sources` that holds a time, and its times."""
    for texts in sources:
        stamps = times.find_stamps("\n".join(texts), day)
        if stamps:
            return texts, stamps
    return [], []


def _guesses(
    start: datetime | None,
    end: datetime | None,
    zone: str,
    source: str,
    day_from: str,
    dated: bool,
) -> list[str]:
    """What the window rests on that a reader should confirm: a date from the title or the
    opening, a window taken from the timeline, a zone with summer time read from a word.
    Without a year (`dated` False) no year is named: the one the times sit on stands in."""
    if start is None:
        return []
    found = []
    if day_from in ("title", "opening text", "timeline"):
        day = start.date().isoformat() if dated else f"{start:%B} {start.day}"
        found.append(f"the date {day} was taken from the {day_from}")
    if source != "stated":
        first, last = _shown(start, dated), _shown(end, dated)
        span = f"{first} to {last}" if end else f"from {first}"
        found.append(f"the incident window ({span}) was taken from the {source}")
    if zone not in ("UTC", "Etc/UTC") and "/" in zone and _has_summer_time(zone):
        label = timezones.abbreviation(timezones.localize(start, zone)) or zone
        found.append(f"the times were read as {zone} ({label} on that date)")
    return found


def _shown(moment: datetime | None, dated: bool) -> str:
    """`2024-03-05 10:02`, or `10:02` when the day is only a stand-in."""
    return moment.strftime("%Y-%m-%d %H:%M" if dated else "%H:%M") if moment else ""


def _has_summer_time(zone: str) -> bool:
    """True when `zone` changes its offset during the year (PST/PDT, CET/CEST ...)."""
    winter, summer = datetime(2021, 1, 15), datetime(2021, 7, 15)
    tz = timezones.get_zone(zone)
    return tz.utcoffset(winter) != tz.utcoffset(summer)


def _day(
    stated: list[str],
    summary: list[str],
    title: str,
    opening: list[str],
    pieces: list[times.Piece],
    noted_day: date | None = None,
    page_day: tuple[date, bool] | None = None,
) -> tuple[date | None, bool, str]:
    """The incident's day, preferring one written with its year; whether it has one; and
    where it was found (`summary`, `title`, `opening text` or `timeline`)."""
    sources = [("title", title)] + [("summary", t) for t in (*stated, *summary)]
    sources += [("opening text", t) for t in opening]
    days = [(*found, where) for where, text in sources if (found := times.find_date(text))]
    days += [(noted_day, True, "timeline's date note")] if noted_day else []
    days += [
        (p.stamp.value.date(), p.stamp.has_year, "timeline")
        for p in pieces
        if p.stamp and p.stamp.has_date
    ]
    days += [(*page_day, "page's own stamp")] if page_day else []
    chosen = next((d for d in days if d[1]), days[0] if days else None)
    return chosen if chosen else (None, False, "")


def _zone(
    stamps: list[times.Stamp],
    texts: list[str],
    pieces: list[times.Piece],
    timeline_zone: str | None,
    notes: list[str],
) -> str:
    """The window's zone, else one named near it, else the timeline's, else UTC with a note."""
    named = [s.zone for s in stamps if s.zone]
    named += [s.zone for s in times.find_stamps("\n".join(texts)) if s.zone]
    if timeline_zone:
        named.append(timeline_zone)
    entry_zones = [p.stamp.zone for p in pieces if p.stamp and p.stamp.zone]
    if entry_zones:
        named.append(max(set(entry_zones), key=entry_zones.count))
    if named:
        return named[0]
    if stamps or any(p.stamp for p in pieces):
        notes.append("no time zone is given: UTC is assumed until you set the real one")
    return "UTC"


_SPAN_JOIN = re.compile(r"\s*(?:to|until|till|through|and|-|–|—)\s*", re.IGNORECASE)


_FROM = re.compile(
    r"\b(?:from|between)\s+(?:(?:around|about|approximately|roughly|approx\.)\s+)?$", re.IGNORECASE
)
_FROM_IN = re.compile(r"\sfrom\s", re.IGNORECASE)
"""`2019-07-10 from 16:35`: a date written before its span's first time."""
_START_CUE = re.compile(
    r"\b(?:start(?:ed|ing|s)?|began|begun|beginning|since|onset)\b[^.;]{0,40}$", re.IGNORECASE
)
_END_CUE = re.compile(
    r"\b(?:resolved|restored|recovered|ended|fixed|mitigated|until|till)\b[^.;]{0,15}$",
    re.IGNORECASE,
)


def _spans(text: str, stamps: list[times.Stamp]) -> list[times.Stamp]:
    """The times that open and close the incident as the text writes them: a span `from 7:50
    PM PDT to 10:42 PM PDT` (first opening to last closing), else a start and an end named by
    their words (`started ... at 00:03 UTC and resolved by 01:00`), else a span written
    `01:07-01:08`; all of `stamps` when the text says none of these."""
    placed = _placed(text, stamps)
    if placed is None:
        return stamps
    spans = [
        (
            first,
            second,
            bool(_FROM.search(text[max(0, at - 30) : at]) or _FROM_IN.search(first.written)),
        )
        for (first, at, after), (second, _, _) in pairwise(placed)
        if _SPAN_JOIN.fullmatch(text[after : text.find(second.written, after)])
    ]
    chosen = [s for s in spans if s[2]]
    if chosen:
        return [chosen[0][0], chosen[-1][1]]
    starts = [s for s, at, _ in placed if _START_CUE.search(text[max(0, at - 60) : at])]
    ends = [s for s, at, _ in placed if _END_CUE.search(text[max(0, at - 30) : at])]
    if starts and ends and stamps.index(starts[0]) < stamps.index(ends[-1]):
        return [starts[0], ends[-1]]
    return [spans[0][0], spans[-1][1]] if spans else stamps


def _placed(text: str, stamps: list[times.Stamp]) -> list[tuple[times.Stamp, int, int]] | None:
    """Each stamp with where it starts and ends in `text`, in order; None if one is missing."""
    placed, position = [], 0
    for stamp in stamps:
        at = text.find(stamp.written, position)
        if at < 0:
            return None
        position = at + len(stamp.written)
        placed.append((stamp, at, position))
    return placed


def _stated(stamps: list[times.Stamp], zone: str) -> Span:
    """Start at the first time the summary gives, end at its last; past midnight if earlier."""
    if not stamps:
        return None, None
    start = _wall(stamps[0], zone)
    end = _wall(stamps[-1], zone) if len(stamps) > 1 else None
    if end is not None and end <= start:
        end = _next_day(end) if not stamps[-1].has_date else None
    return start, end


def _next_day(moment: datetime) -> datetime | None:
    """The same time a day later; None past December 31, 9999."""
    return _later(moment, 24 * 60)


def _later(moment: datetime, minutes: float) -> datetime | None:
    """`moment` plus `minutes`; None past December 31, 9999."""
    try:
        return moment + timedelta(minutes=minutes)
    except OverflowError:
        return None


def _past_the_calendar(stamps: list[times.Stamp], zone: str) -> bool:
    """True when the stated end rolls past midnight of the calendar's last day."""
    if len(stamps) < 2 or stamps[-1].has_date:
        return False
    end = _wall(stamps[-1], zone)
    return end <= _wall(stamps[0], zone) and _next_day(end) is None


def _refuse_end(timing: Timing, problem: str | None, strange: str | None, zone: str) -> bool:
    """Note why the stated end cannot be kept (a zone pmwizard does not know, an end before
    the start) and leave S1 unmet; False when there is nothing to refuse."""
    if strange is not None:
        problem = f"the time zone {strange} is not one pmwizard knows"
        timing.notes.append(f"{problem}: the times are read as {zone}; set the zone and the end")
    elif problem is not None:
        timing.notes.append(f"{problem}: the end is left unset")
    else:
        return False
    timing.unmet.append(("S1", problem))
    return True


def _end_problem(stamps: list[times.Stamp], zone: str) -> str | None:
    """`the end 12:30 PM is before the start 1:45 PM` when the duration's dated end comes
    first (in other text, two dates in either order are no window)."""
    if len(stamps) < 2 or not stamps[-1].has_date:
        return None
    start, end = _wall(stamps[0], zone), _wall(stamps[-1], zone)
    if end > start:
        return None
    same_day = start.date() == end.date()
    start_text, end_text = (
        timezones.format_clock(t)
        if same_day
        else f"{timezones.format_date(t)}, {timezones.format_clock(t)}"
        for t in (start, end)
    )
    word = "the same as" if end == start else "before"
    return f"the end {end_text} is {word} the start {start_text}"


def _completed(
    span: Span, entries: list[TimelineEntry], zone: str, stated: list[str], texts: list[str]
) -> tuple[Span, str]:
    """The window and where it came from: outage markers in the timeline win; else the
    stated start, or the timeline's start when the text states how long the outage lasted
    (the author's length wins over the kinds guessed for the entries) or when the timeline
    reaches a resolution; an open end from a stated length, else the timeline's last
    entry."""
    marked = _marked_window(entries, zone)
    if marked is not None:
        return marked, "timeline's outage markers"
    start, end = span
    source = "stated"
    if start is None:
        first, _ = times.window_from_entries(entries, zone)
        end = _end_from_length(first, stated, texts, entries) if first else None
        start = first if end else None
    if start is None:
        (start, end), source = _timeline_window(entries, zone), "timeline"
    if start is not None and end is None:
        end = _end_from_length(start, stated, texts, entries) or _last_after(entries, zone, start)
    return (start, end), source


def _marked_window(entries: list[TimelineEntry], zone: str) -> Span | None:
    """`<START OF OUTAGE>` ... `<END OF OUTAGE>` entries, when both are there in order."""
    began = [_entry_wall(e, zone) for e in entries if e.time and _MARK_START.search(e.text)]
    ended = [_entry_wall(e, zone) for e in entries if e.time and _MARK_END.search(e.text)]
    return (began[0], ended[-1]) if began and ended and ended[-1] > began[0] else None


def _timeline_window(entries: list[TimelineEntry], zone: str) -> Span:
    """The timeline's first timed entry to its last resolution entry; nothing when no timed
    entry says the incident was resolved (a window is never made up from stray times)."""
    resolved = [e for e in entries if e.time and e.kind == Kind.RESOLUTION]
    first, _ = times.window_from_entries(entries, zone)
    if first is None or not resolved:
        return None, None
    end = max(_entry_wall(e, zone) for e in resolved)
    return first, end if end > first else None


def _end_from_length(
    start: datetime, stated: list[str], texts: list[str], entries: list[TimelineEntry]
) -> datetime | None:
    """The start plus a length the text states (`lasting 2 hours`, `Duration: 45 minutes`)."""
    untimed = [e.text for e in entries if e.time is None]
    lengths = [times.find_minutes(t, anywhere=True) for t in stated]
    lengths += [times.find_minutes(t) for t in (*texts, *untimed)]
    minutes = next((m for m in lengths if m), None)
    return _later(start, minutes) if minutes else None


def _last_after(entries: list[TimelineEntry], zone: str, start: datetime) -> datetime | None:
    """The timeline's last entry, when it comes after `start`."""
    _, last = times.window_from_entries(entries, zone)
    return last if last is not None and last > start else None


def _sort_stated(
    stated: list[str], stamps: list[times.Stamp], timing: Timing, keep: bool = False
) -> None:
    """A duration line that says more than the window keeps its words (unsorted), as does
    every one when the window could not hold what they say (`keep`)."""
    if keep:
        timing.unsorted.extend(stated)
        return
    for text in stated:
        rest = text
        for stamp in stamps:
            rest = rest.replace(stamp.written, " ")
        rest = times.DURATION.sub(" ", times.DATE_ONLY.sub(" ", rest))
        if _NOT_MORE_THAN_A_TIME.sub("", rest).strip():
            timing.unsorted.append(text)
        else:
            timing.consumed.append(text)


def _window(start: datetime | None, end: datetime | None, zone: str, notes: list[str]) -> Window:
    """The window, or as much of it as is valid (a note says what was dropped)."""
    for first, last in ((start, end), (start, None), (None, None)):
        try:
            return Window(start=first, end=last, zone=zone)
        except ValidationError as error:
            notes.append(f"the incident window was not kept: {first_error(error)}")
        except OverflowError:  # a zone's offset past year 1 or 9999
            notes.append("the incident window was not kept: it is too near year 1 or 9999")
    return Window()


def _wall(stamp: times.Stamp, zone: str) -> datetime:
    """The stamp's wall-clock time in `zone`."""
    return times.wall_clock(stamp.value, stamp.zone or zone, zone)


def _entry_wall(entry: TimelineEntry, zone: str) -> datetime:
    assert entry.time is not None
    return times.wall_clock(entry.time, entry.zone or zone, zone)
