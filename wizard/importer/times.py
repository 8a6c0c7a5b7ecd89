"""Times as people write them in postmortems, and timeline entries cut and dated from text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from wizard.model import TimelineEntry, year_problem
from wizard.time import time_text, timezones, zone_names

UNDATED = date(2000, 1, 1)
"""The placeholder day for times written without a date (the import says so in its notes)."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[-/–.]\d{{1,2}}[-/–.](?:\d{{4}}|\d{{2}})\b"
    rf"|(?:{_WEEKDAY})?(?:(?:the\s+)?{_ORDINAL}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s*{_ORDINAL}\b)"
    rf"(?:,?\s+\d{{4}}\b)?|\d{{4}}\s+{_MONTH}\s+{_ORDINAL}\b)"
)
_CLOCK = (
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b\.?"
    r"|\d{1,2}\s*[ap]\.?\s?m\b\.?|midnight|noon)"
)
_ZONE = (
    r"(?-i:(?:\(\s*)?(?:(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[A-Z]{1,5}(?:/[A-Z]{2,5})?"
    r"|(?:[A-Z][a-z]+\s+){1,3}Time|(?:Pacific|Mountain|Central|Eastern)(?=\s*(?:[.,;:)\]]|$|\s"
    r"(?:on|to|until|and|-)\s)))(?:\s*\(\s*(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\s*\))?"
    r"(?:\s*\))?)"
)
_MOMENT = (
    rf"(?:(?P<date>{_DATE})(?:,?\s*(?:at\s+|@\s*)?|\s*[-–/]\s*|,?\s+from\s+))?"
    rf"(?P<clock>{_CLOCK})(?P<zone>\s*{_ZONE})?"
    rf"(?:,?\s+(?:on\s+)?(?P<after>{_DATE}|(?:19|20)\d{{2}}\b))?"
)
MOMENT = re.compile(rf"(?<![\w:.]){_MOMENT}(?![\w:])", re.IGNORECASE)
DATE_ONLY = re.compile(rf"(?<![\w:.])(?P<date>{_DATE})(?![\w:])", re.IGNORECASE)
_CASED_ZONE = re.compile(_ZONE)
_AMPM = re.compile(r"[ap]\.?\s?m\b", re.IGNORECASE)
_DOTTED_CLOCK = re.compile(r"^(\d{1,2})\.(\d{2})")
_TWELVE_HOUR = re.compile(r"(?:0?[1-9]|1[0-2]):\d{2}")
_ZERO_HOUR_AMPM = re.compile(r"^(0?0:\d{2})\s*a\.?\s?m\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    """A time as written in a document: its wall-clock value, and whether it had a date or zone."""

    written: str
    value: datetime
    has_date: bool
    zone: str | None
    has_ampm: bool
    has_year: bool = False
    """The date's year was written (`2024-03-05 10:02`, or a heading `### March 5, 2024` above
    a time alone); not `Mar 5 10:02`, whose year is the incident's."""


def _zone_part(text: str | None) -> str:
    """The zone text of a match when it really names a zone (`PST`, not `TASK`), else ''."""
    if not text or not text.strip():
        return ""
    cased = _CASED_ZONE.fullmatch(text.strip())
    if cased is None:
        return ""
    candidate = text.strip()
    if zone_names.zone_from_text(candidate):
        return candidate
    first = candidate.strip("()").split("/")[0]
    return first if zone_names.zone_from_text(first) else ""


def _clean_clock(text: str) -> str:
    """A clock in the form the shared parser reads: `8.25 PM` -> `8:25 PM`, `00:25AM` -> `00:25`."""
    text = _DOTTED_CLOCK.sub(r"\1:\2", text.strip())
    return _ZERO_HOUR_AMPM.sub(r"\1", text)


def stamp_from(
    match: re.Match[str],
    *,
    ampm: str = "",
    zone: str = "",
    day: date | None = None,
    dayfirst: bool = False,
) -> Stamp | None:
    """Read one MOMENT match through time_text.parse_datetime; `ampm`, `zone`, `day` fill gaps;
    `dayfirst` orders numeric dates as the author set (a document's are read month first)."""
    clock = _clean_clock(match["clock"])
    has_ampm = bool(_AMPM.search(clock))
    if not has_ampm and ampm and _TWELVE_HOUR.fullmatch(clock):
        clock = f"{clock} {ampm}"
    own_zone = _zone_part(match["zone"])
    date_text = (match["date"] or "").replace("–", "-")
    after = (match["after"] or "").replace("–", "-")
    if after and after.isdecimal() and len(after) == 4:
        date_text = f"{date_text} {after}" if date_text else ""
    elif after and not date_text:
        date_text = after
    text = " ".join(part for part in (date_text, clock, own_zone or zone) if part)
    parsed = _parsed(text, day or UNDATED, dayfirst)
    if parsed is None:
        return None
    end = match.end("zone") if own_zone else match.end("clock")
    if after:
        end = match.end("after")
    written = match.string[match.start() : end]
    year = parsed.has_date and time_text.year_written(date_text)
    return Stamp(written, parsed.value, parsed.has_date, parsed.zone, has_ampm or bool(ampm), year)


@lru_cache(maxsize=4096)
def _parsed(text: str, day: date, dayfirst: bool = False) -> time_text.ParsedTime | None:
    """time_text.parse_datetime, remembered: the same times are read by several rules."""
    try:
        return time_text.parse_datetime(text, default_date=day, dayfirst=dayfirst)
    except (ValueError, OverflowError):  # OverflowError: an offset past year 1 or 9999
        return None


def find_stamps(text: str, day: date | None = None) -> list[Stamp]:
    """Every clock time in `text`, in order. A time without AM/PM or zone takes the next one's
    (`3:31 to 6:02 pm EET`) unless that would put it after the next time (`9:30 to 5 PM`)."""
    matches = list(MOMENT.finditer(text))
    stamps: list[Stamp] = []
    previous_day = day
    for index, (match, ampm, zone) in enumerate(_with_next(matches)):
        stamp = stamp_from(match, zone=zone, day=previous_day)
        if stamp is not None and ampm and not stamp.has_ampm:
            stamp = _with_ampm(stamp, match, ampm, zone, previous_day, matches[index + 1])
        if stamp is not None:
            stamps.append(stamp)
            previous_day = stamp.value.date() if stamp.has_date else previous_day
    return stamps


def _with_next(matches: list[re.Match[str]]) -> list[tuple[re.Match[str], str, str]]:
    """Each match with the AM/PM and the zone of the first later match that writes one."""
    found: list[tuple[re.Match[str], str, str]] = []
    ampm, zone = "", ""
    for match in reversed(matches):
        found.append((match, ampm, zone))
        written = _AMPM.search(match["clock"])
        ampm = written.group(0) if written else ampm
        zone = _zone_part(match["zone"]) or zone
    return found[::-1]


def _with_ampm(
    stamp: Stamp, match: re.Match[str], ampm: str, zone: str, day: date | None, after: re.Match[str]
) -> Stamp:
    """`stamp` read with the AM/PM of a later time, if it then still comes before the next."""
    guessed = stamp_from(match, ampm=ampm, zone=zone, day=day)
    following = stamp_from(after, zone=zone, day=day)
    if guessed is None or following is None or following.has_date != guessed.has_date:
        return guessed or stamp
    if following.has_ampm and guessed.value.time() > following.value.time():
        return stamp
    return guessed


def find_date(text: str) -> tuple[date, bool] | None:
    """The first calendar date written in `text` (`July 1st 2022`, `02-20-2017`), and whether
    its year was written (a missing year reads as the placeholder year of UNDATED)."""
    for match in DATE_ONLY.finditer(text):
        written = match["date"].replace("–", "-")
        parsed = _parsed(f"{written} 00:00", UNDATED)
        if parsed is not None and parsed.has_date:
            return parsed.value.date(), time_text.year_written(written)
    return None


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TENS = {"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40}
_NUMBER_WORDS = {**dict(zip(_ONES, range(11), strict=True)), **_TENS, "fifty": 50, "a": 1, "an": 1}
_NUMBER_WORDS["forty-five"] = 45
_AMOUNT = r"(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_AMOUNT += r"|fifteen|twenty|thirty|forty-five|forty|fifty)"
DURATION = re.compile(
    rf"\b(?:{_AMOUNT}\s*-?\s*(?:hours?|hrs?|h)\b(?:\s*(?:,|and)?\s*{_AMOUNT}\s*-?\s*"
    rf"(?:minutes?|mins?|min|m)\b)?|{_AMOUNT.replace('(', '(?P<m>', 1)}\s*-?\s*"
    rf"(?:minutes?|mins?|min)\b|(?P<half>half an hour))",
    re.IGNORECASE,
)


def _amount(text: str | None) -> float:
    if not text:
        return 0
    word = text.lower()
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


_LENGTH_BEFORE = re.compile(
    r"(?:\bfor|\blasting|\blasted|\btook|\bof|\bpersisted|\bover|\boutage|\bdowntime|\()"
    r"\W*(?:[\w-]+\W+){0,3}$",
    re.IGNORECASE,
)
_LENGTH_AFTER = re.compile(
    r"^\W{0,3}(?:long\s+)?(?:outage|downtime|incident|disruption|of (?:downtime|outage)"
    r"|from the start|\))",
    re.IGNORECASE,
)


_BOUND = re.compile(r"\b(?:up to|at most|less than|within)\s+$", re.IGNORECASE)
"""`for up to three hours`: a bound, not how long the outage lasted."""


def find_minutes(text: str, anywhere: bool = False) -> int | None:
    """A stated length in minutes (`1 hour and 40 minutes`, `a 2-hour outage`); unless
    `anywhere`, only one said of the outage (`lasting ...`, `... of downtime`, `(50 minutes)`)."""
    for match in DURATION.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _BOUND.search(before):
            continue
        said = _LENGTH_BEFORE.search(before)
        if anywhere or said or _LENGTH_AFTER.match(text[match.end() : match.end() + 30]):
            return _length(match)
    return None


def _length(match: re.Match[str]) -> int:
    if match["half"]:
        return 30
    if match["m"]:
        return round(_amount(match["m"]))
    return round(_amount(match[1]) * 60 + _amount(match[2]))


# --- entries from lines -------------------------------------------------------------------

_SEPARATOR = r"\s*(?:[-–—]+>?|:-|:|,|\||[)\]]|=>)\s*|\s+"
ENTRY_START = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.!?]\s))(?:[^\w\n]|:[a-z0-9_+\-]+:)*?(?:(?:at|by|around|about|approx\.?|approximately)"
    rf"\s+|[~±]\s*)?(?P<when>{_MOMENT})(?P<sep>{_SEPARATOR}|$)",
    re.IGNORECASE,
)
_ZONE_NOTE = re.compile(
    r"^\W*(?:all\s+)?times?\s+(?:are\s+|is\s+)?(?:(?:shown|given|listed)\s+)?(?:in\s+)?"
    r"(?P<zone>.+?)(?:\s+unless\s+marked)?[\s.:;]*$",
    re.IGNORECASE,
)
_JUNK = " \t\n\\-–—:|*>•·"


def zone_note(text: str) -> str | None:
    """The zone of a line like `All times in CET.` or `(all times East Africa Time)`, or None."""
    match = _ZONE_NOTE.match(text.strip().strip("()"))
    if not match:
        return None
    named = match["zone"]
    for candidate in (named, named.split("(")[0], *re.findall(r"\(([^()]*)\)", named)):
        for part in (candidate, candidate.split("/")[0]):
            if zone := zone_names.zone_from_text(part.strip(" ()")):
                return zone
    return None


_DAY_NOTE = re.compile(
    rf"^\W*(?:unless (?:otherwise )?(?:noted|stated|mentioned|specified),?\s+)?(?:all\s+)?"
    rf"(?:the\s+)?(?:events?|times?|entries|timestamps)\b[^.:]{{0,40}}?\b(?:on|of)\s+"
    rf"(?P<date>{_DATE})[\s.:;]*$",
    re.IGNORECASE,
)


def day_note(text: str) -> date | None:
    """The date of a line like `Unless otherwise noted all events happened on 2019-10-21`."""
    match = _DAY_NOTE.match(text.strip())
    found = find_date(match["date"]) if match else None
    return found[0] if found and found[1] else None


_LETTERS = re.compile(r"[A-Z]{3,5}")


def unknown_zone(text: str) -> str | None:
    """Capitals written as a time's zone (`1:45 PM XYZT`) that name no zone pmwizard knows."""
    for match in MOMENT.finditer(text):
        written = (match["zone"] or "").strip(" ()")
        if _LETTERS.fullmatch(written) and not _zone_part(match["zone"]):
            return written
    return None


def unknown_note_zone(text: str) -> str | None:
    """The capitals of a line like `All times XYZT.` when they name no zone pmwizard knows."""
    note = _ZONE_NOTE.match(text.strip().strip("()"))
    named = note["zone"].strip(" ().") if note else ""
    return named if _LETTERS.fullmatch(named) and zone_note(text) is None else None


@dataclass
class Piece:
    """A stretch of timeline text: the time it starts with (if any), as written, and the text."""

    stamp: Stamp | None
    text: str
    lead: str = ""


_LEAD_SEPARATOR = re.compile(_SEPARATOR)


def split_timed(text: str, dayfirst: bool = False) -> list[Piece]:
    """Cut text into entries at each time that starts a line or a sentence."""
    starts = [(m, stamp) for m in ENTRY_START.finditer(text) if (stamp := _stamp_at(m, dayfirst))]
    head = text[: starts[0][0].start()] if starts else text
    pieces = [Piece(None, _tidy(head))] if head.strip(_JUNK) else []
    for index, (match, stamp) in enumerate(starts):
        end = starts[index + 1][0].start() if index + 1 < len(starts) else len(text)
        body = match.start("when") + len(stamp.written)
        separator = _LEAD_SEPARATOR.match(text, body, end)
        if separator:
            body = separator.end()
        pieces.append(Piece(stamp, _tidy(text[body:end]), text[match.start() : body].strip()))
    return pieces


def _stamp_at(match: re.Match[str], dayfirst: bool) -> Stamp | None:
    inner = MOMENT.fullmatch(match["when"])
    return stamp_from(inner, dayfirst=dayfirst) if inner else None


def _tidy(text: str) -> str:
    """Entry text on one line, without the separators and stray markup around it."""
    return " ".join(text.split()).strip(_JUNK)


# --- dates for times written alone ---------------------------------------------------------


def _aware(value: datetime, zone: str) -> datetime:
    return timezones.localize(value, zone).astimezone(UTC)


def place(
    stamp: Stamp, reference: datetime | None, zone: str, first: bool, day: date = UNDATED
) -> datetime:
    """The wall-clock moment of `stamp`: its own date (without its year, in the year nearest
    `reference`, else `day`); else the day that puts it nearest to `reference` (the start, or
    the entry before, which later entries never go back from); else `day`."""
    if stamp.has_date:
        if stamp.has_year:
            return stamp.value
        anchor = reference or datetime.combine(day, stamp.value.time())
        return time_text.nearest_year(stamp.value, anchor)
    if reference is None:
        return datetime.combine(day, stamp.value.time())
    own = stamp.zone or zone
    ref = _aware(reference, zone)
    offsets = (-1, 0, 1) if first else (0, 1)
    candidates = [
        datetime.combine(near, stamp.value.time())
        for d in offsets
        if (near := _days_after(reference.date(), d)) is not None
    ]
    if not first:
        return min(candidates, key=lambda c: _forward_distance(_aware(c, own), ref))
    return min(candidates, key=lambda c: abs(_aware(c, own) - ref))


def _days_after(day: date, days: int) -> date | None:
    """`day` moved by `days`; None past the calendar's ends (years 1 and 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _forward_distance(moment: datetime, reference: datetime) -> timedelta:
    """How far `moment` is from `reference`: a small step back counts as near (out of
    order), a longer one as twice as far as it is (a timeline mostly moves forward)."""
    gap = moment - reference
    if gap >= timedelta():
        return gap
    return -gap if gap >= timedelta(hours=-6) else -2 * gap


def entries_from(
    pieces: Iterable[Piece],
    start: datetime | None,
    zone: str,
    day: date = UNDATED,
    around: Sequence[TimelineEntry] = (),
) -> list[TimelineEntry]:
    """Timeline entries for `pieces`, dated from `start` (else `day`) and each other, their
    kinds guessed from the words and the place of each in the timeline, `around` included
    (entries already written, whose kinds stay as they are). An entry that starts with a
    kind's label (`**Escalation:**`, `Detection (customer report):`) has that kind: kept, and
    context for the others; its text keeps the label (the reader takes it off)."""
    entries: list[TimelineEntry] = []
    reference, first = start, True
    for piece in pieces:
        stamp = piece.stamp
        if stamp is None:
            entries.append(make_entry(piece.text))
            continue
        own_zone = stamp.zone if stamp.zone and stamp.zone != zone else None
        when = place(stamp, reference, zone, first, day)
        if year_problem(when) or timezones.gap_message(when, own_zone or zone):
            entries.append(make_entry(f"{stamp.written} {piece.text}".strip()))
            continue
        reference, first = wall_clock(when, own_zone or zone, zone), False
        entries.append(make_entry(piece.text, when, own_zone))
    from wizard.importer.export_lines import labelled
    from wizard.kinds import guess_entries

    given = [labelled(entry) for entry in entries]
    named = [
        entry.revised(kind=e.kind, detected_by=e.detected_by)
        for entry, (e, _) in zip(entries, given, strict=True)
    ]
    keep = [True] * len(around) + [bool(label) for _, label in given]
    return guess_entries([*around, *named], zone, keep)[len(around) :]


def wall_clock(value: datetime, source: str, target: str) -> datetime:
    """A wall-clock time in zone `source` as the wall-clock time in zone `target`."""
    moment = timezones.localize(value, source).astimezone(timezones.get_zone(target))
    return moment.replace(tzinfo=None)


def make_entry(text: str, when: datetime | None = None, zone: str | None = None) -> TimelineEntry:
    """An entry without a kind yet: entries_from guesses the kinds of the whole timeline."""
    return TimelineEntry(time=when, zone=zone, text=text)


def window_from_entries(
    entries: list[TimelineEntry], zone: str
) -> tuple[datetime | None, datetime | None]:
    """The first and last timed entries' wall-clock times in `zone` (None where missing)."""
    moments = [moment.astimezone(UTC) for e in entries if (moment := e.at(zone)) is not None]
    if not moments:
        return None, None
    local = timezones.get_zone(zone)
    return (
        min(moments).astimezone(local).replace(tzinfo=None),
        max(moments).astimezone(local).replace(tzinfo=None),
    )
