"""pmwizard's own Markdown export, read back exactly.

The exporter (wizard.markdown.writer) writes a fixed layout: a title, the four sections in order,
`**Label:** answer` lines, an `All times ...` line and `- time - text` entries, `###` parts
and task lines. A document laid out so is read line by line with no guessing, so answers keep
their text whatever it holds: labels, times, percentages, section names, Markdown. A document
that strays from the layout anywhere is left to the general reader (read_export gives None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone

from wizard.importer.result import ImportResult
from wizard.importer.times import UNDATED
from wizard.markdown import counts, writer
from wizard.model import Impact, Postmortem, Task, TimelineEntry, Window
from wizard.time import marks, timezones, zone_names
from wizard.time.timezones import ClockStyle
from wizard.timeline import infer_kind


class NotOurs(ValueError):
    """The document strays from the export's layout."""


_CLOCK = r"\d{1,2}:\d{2} [AP]M|\d{2}:\d{2}"
_LONG_DATE = r"[A-Z][a-z]+ \d{1,2}, \d{4}"
_LABEL = r"UTC(?:[+-]\d{2}:\d{2})?|[A-Za-z]+ \(UTC[+-]\d{2}:\d{2}\)"
_DURATION = re.compile(
    rf"from (?:(?P<open_date>{_LONG_DATE}), )?(?P<open_clock>{_CLOCK}) "
    rf"(?P<open_label>{_LABEL}) \(end not set\)"
    rf"|(?:(?P<start_date>{_LONG_DATE}), )?(?P<start_clock>{_CLOCK})"
    rf"(?: (?P<start_label>{_LABEL}))?"
    rf" - (?:(?P<end_date>{_LONG_DATE}), )?(?P<end_clock>{_CLOCK}) (?P<end_label>{_LABEL})"
    r" \((?P<minutes>[^()]+)\)(?:; (?P<second>.*))?"
)
_MINUTES = re.compile(r"(?:(?P<d>\d+) d)? ?(?:(?P<h>\d+) h)? ?(?:(?P<m>\d+) min)?")
_LABEL_PARTS = re.compile(r"(?:(?P<abbr>[A-Za-z]+) \()?(?P<offset>UTC(?:[+-]\d{2}:\d{2})?)\)?")
_INTRO = re.compile(
    rf"All times (?P<base>{_LABEL})(?: unless marked)?(?:, with (?P<second>\S+) in brackets)?\."
)
_SUMMARY_LINE = re.compile(r"\*\*(?P<label>[^*]+):\*\* (?P<value>.+)")
_FIELDS = {label: name for name, label in writer.SUMMARY_LABELS.items()}
_PARTS = {
    "root_cause": ("Root Cause", "Resolution"),
    "measures": ("Improvements", "Tasks"),
}


def read_export(text: str) -> ImportResult | None:
    """The draft a pmwizard export holds, or None when `text` is not laid out as one."""
    try:
        return _Export(text).result()
    except (ValueError, ArithmeticError):  # NotOurs, a value the draft refuses, a year 10000
        return None


def _sections(text: str) -> tuple[str, dict[str, list[str]]]:
    """The title line's text and each section's lines, checked against the layout."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    if not lines or not lines[0].startswith("# ") or lines[0].startswith("# #"):
        raise NotOurs("no title line")
    headings = [f"## {writer.HEADINGS[s]}" for s in writer.SECTIONS]
    where = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if [lines[i] for i in where] != headings or any(lines[1 : where[0]]):
        raise NotOurs("not the four sections")
    ends = [*where[1:], len(lines)]
    parts = {s: lines[i + 1 : end] for s, i, end in zip(writer.SECTIONS, where, ends, strict=True)}
    return lines[0][2:], parts


def _subparts(section: str, lines: list[str]) -> dict[str, list[str]]:
    """The lines under each `###` heading of a section, in the export's order."""
    names = _PARTS[section]
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("#"):
            name = line.removeprefix("### ")
            if name not in names or name in found or (found and names.index(name) == 0):
                raise NotOurs(f"heading {line!r}")
            current = found.setdefault(name, [])
        elif current is not None:
            current.append(line)
        elif line:
            raise NotOurs("text before the first part")
    return found


def _paragraphs(lines: list[str]) -> str:
    """Escaped lines back as author text: lines of a paragraph, paragraphs apart."""
    text = "\n".join(writer.unescape(line) for line in lines)
    return re.sub(r"\n{2,}", "\n\n", text).strip("\n")


def _clock(text: str) -> tuple[int, int]:
    """Hour and minute of a written clock: `1:45 PM` (12-hour) or `13:45` (24-hour)."""
    clock, _, half = text.partition(" ")
    hour, minute = (int(part) for part in clock.split(":"))
    if minute >= 60 or not (1 <= hour <= 12 if half else hour <= 23):
        raise NotOurs(f"clock {text}")
    return (hour % 12 + (12 if half == "PM" else 0), minute) if half else (hour, minute)


def _style(clock: str) -> ClockStyle:
    return "12h" if clock.endswith("M") else "24h"


def _wall(day: date, clock: str) -> datetime:
    hour, minute = _clock(clock)
    return datetime(day.year, day.month, day.day, hour, minute)


def _long_date(text: str | None) -> date | None:
    return datetime.strptime(text, "%B %d, %Y").date() if text else None


def _offset(label: str) -> timedelta:
    """The offset a zone label (`EAT (UTC+03:00)`, `UTC+05:45`, `UTC`) gives."""
    match = _LABEL_PARTS.fullmatch(label)
    minutes = zone_names.offset_minutes(match["offset"]) if match else None
    if match is None or (minutes is None and match["offset"] != "UTC"):
        raise NotOurs(f"zone {label}")
    return timedelta(minutes=minutes or 0)


def _at(wall: datetime, label: str) -> datetime:
    return wall.replace(tzinfo=dt_timezone(_offset(label)))


def _zone_of(label: str, moment: datetime) -> str:
    """The IANA zone a label names at `moment`: one using its letters and offset, else one
    with the offset."""
    match = _LABEL_PARTS.fullmatch(label)
    offset = _offset(label)
    letters = match["abbr"] if match else None
    for zone in zone_names.ABBREVIATIONS.get((letters or "").upper(), ()):
        local = moment.astimezone(timezones.get_zone(zone))
        if local.tzname() == letters and local.utcoffset() == offset:
            return zone
    minutes = int(offset.total_seconds() // 60)
    return zone_names.zone_for_offset(minutes, moment.date()) or "UTC"


def _minutes(text: str) -> int:
    match = _MINUTES.fullmatch(text)
    if match is None or not text:
        raise NotOurs(f"length {text}")
    days, hours, minutes = (int(match[k] or 0) for k in ("d", "h", "m"))
    return days * 1440 + hours * 60 + minutes


@dataclass
class _Export:
    """The reading of one document in the export's layout."""

    text: str
    consumed: list[str] = field(default_factory=list)
    window: Window = field(default_factory=Window)
    day: date | None = None
    second_zone: str | None = None
    second_mark: str | None = None  # the intro's `with CST in brackets`
    second_span: str | None = None  # the Duration's tail after `; `
    brackets: list[tuple[datetime, str]] = field(default_factory=list)
    clocks: set[ClockStyle] = field(default_factory=set)  # how the times are written

    @property
    def clock(self) -> ClockStyle | None:
        """The document's clock: every time is written the same way (the exporter's rule)."""
        if len(self.clocks) > 1:
            raise NotOurs("12-hour and 24-hour times together")
        return next(iter(self.clocks), None)

    def result(self) -> ImportResult:
        """The draft, with the counts and what was read as structure."""
        title, parts = _sections(self.text)
        fields = self.summary(parts["summary"])
        timeline = self.timeline(parts["timeline"])
        self.second_zone = self.find_second_zone()
        root = {k: _paragraphs(v) for k, v in _subparts("root_cause", parts["root_cause"]).items()}
        improvements, tasks = self.measures(parts["measures"])
        percent = fields.get("percent")
        draft = Postmortem(
            title=writer.unescape(title),
            service=fields.get("service", ""),
            window=self.window,
            second_zone=self.second_zone,
            clock=self.clock,
            impact=Impact(
                down=fields.get("down", ""),
                experience=fields.get("experience", ""),
                percent=float(percent.removesuffix("%")) if percent else None,
            ),
            root_cause_summary=fields.get("root_cause", ""),
            timeline=timeline,
            root_cause=root.get("Root Cause", ""),
            resolution=root.get("Resolution", ""),
            improvements=improvements,
            tasks=tasks,
        )
        self.consumed += [writer.HEADINGS[s] for s in writer.SECTIONS]
        self.consumed += [name for names in _PARTS.values() for name in names]
        return ImportResult(
            draft,
            found=dict.fromkeys(writer.SECTIONS, True),  # each heading is there
            words={
                s: counts.count_words("\n".join([writer.HEADINGS[s], *parts[s]]))
                for s in writer.SECTIONS
            },
            total=counts.count_words(self.text),
            dated=self.window.dated,
            consumed=tuple(self.consumed),
        )

    # -- summary

    def summary(self, lines: list[str]) -> dict[str, str]:
        """The summary's answers by field; the duration sets the window."""
        fields: dict[str, str] = {}
        order = list(_FIELDS)
        last = -1
        for line in filter(None, lines):
            match = _SUMMARY_LINE.fullmatch(line)
            if match is None or match["label"] not in _FIELDS:
                raise NotOurs(f"summary line {line!r}")
            if order.index(match["label"]) <= last:
                raise NotOurs("summary lines out of order")
            last = order.index(match["label"])
            name, value = _FIELDS[match["label"]], match["value"]
            self.consumed.append(f"{match['label']}:")
            if name == "duration":
                self.window, self.day, self.second_span = _window(value)
                written = _DURATION.fullmatch(value)
                if written is not None:
                    clocks = (written[k] for k in ("open_clock", "start_clock", "end_clock"))
                    self.clocks.update(_style(c) for c in clocks if c)
                self.consumed.append(value)
            elif name == "response" and not _response_shaped(value):
                raise NotOurs(f"response {value!r}")
            elif name in ("response", "percent"):
                self.consumed.append(value)
                fields[name] = value
            else:
                fields[name] = writer.unescape(value)
        return fields

    # -- timeline

    def timeline(self, lines: list[str]) -> list[TimelineEntry]:
        """The entries, timed by the intro's zone label unless marked with their own."""
        lines = [line for line in lines if line]
        base = None
        if lines and (intro := _INTRO.fullmatch(lines[0])):
            base = intro["base"]
            self.consumed.append(lines.pop(0))
            self.second_mark = intro["second"]
        if not all(line.startswith("- ") for line in lines):
            raise NotOurs("timeline text that is no entry")
        if base is not None and self.window.start is None:
            self.window = Window(zone=self.zone_from_entries(lines, base))
        return [self.entry(line[2:], base) for line in lines]

    def zone_from_entries(self, lines: list[str], base: str) -> str:
        """The incident's zone when no duration gives it: the intro's, at the first time."""
        for line in lines:
            when = writer.ENTRY_WHEN.match(line[2:])
            if when and when["mark"] is None:
                return _zone_of(base, self.moment(when, base)[0])
        return _zone_of(base, datetime.combine(UNDATED, datetime.min.time(), UTC))

    def entry(self, line: str, base: str | None) -> TimelineEntry:
        """One `- time - text` line (or `- text` without a time)."""
        when = writer.ENTRY_WHEN.match(line)
        text = writer.unescape(line[when.end() if when else 0 :])
        kind, method = infer_kind(text)
        entry = TimelineEntry(kind=kind, text=text, detected_by=method)
        if when is None:
            return entry
        if base is None:
            raise NotOurs("a time without the intro's zone")
        self.consumed.append(when.group(0))
        self.clocks.add(_style(when["clock"]))
        moment, zone = self.moment(when, base)
        if when["other"] is not None:
            self.brackets.append((moment, when["other"]))
        home = moment.astimezone(timezones.get_zone(self.window.zone))
        own = None if zone == self.window.zone or _marked_as(home, when["mark"]) else zone
        local = moment.astimezone(timezones.get_zone(own or self.window.zone))
        return entry.revised(time=local.replace(tzinfo=None, fold=0), zone=own, fold=local.fold)

    def moment(self, when: re.Match[str], base: str) -> tuple[datetime, str]:
        """The instant an entry's time stands for, and the zone it was written in."""
        day = self.day
        if when["month"]:
            year = int(when["year"]) if when["year"] else (day.year if day else None)
            if year is None:
                raise NotOurs("a day without its year")
            day = datetime.strptime(f"{when['month']} {when['day']} {year}", "%b %d %Y").date()
        if day is None:
            raise NotOurs("a time without its day")
        found = self.moment_on(day, when, base)
        start = self.window.start_at
        if not when["month"] and not self.window.dated and start and found[0] < start:
            found = self.moment_on(day + timedelta(days=1), when, base)  # past midnight
        return found

    def moment_on(self, day: date, when: re.Match[str], base: str) -> tuple[datetime, str]:
        """The instant of an entry's clock on `day`, and the zone it was written in."""
        wall = _wall(day, when["clock"])
        if when["mark"] is None:
            return _at(wall, base), self.window.zone
        read = marks.read_mark(when["mark"], wall)
        if read is None:
            raise NotOurs(f"zone {when['mark']}")
        return read

    # -- the second zone

    def find_second_zone(self) -> str | None:
        """The zone the intro names for the brackets: the first that gives every bracket, and
        the Duration's tail, as the exporter would write them; NotOurs when none does."""
        if self.second_mark is None:
            if self.brackets or self.second_span is not None:
                raise NotOurs("a second zone's times without the intro naming it")
            return None
        start = self.window.start_at or (self.brackets[0][0] if self.brackets else None)
        if start is None:
            raise NotOurs("a second zone without a time to read it at")
        for zone in _candidates(self.second_mark, start):
            if self.fits(zone, start):
                return zone
        raise NotOurs(f"second zone {self.second_mark}")

    def fits(self, zone: str, start: datetime) -> bool:
        """True when `zone` as the second zone gives the intro's mark, every entry's bracket
        and the Duration's tail exactly as written."""
        tz = timezones.get_zone(zone)
        if marks.zone_mark(start.astimezone(tz)) != self.second_mark:
            return False
        if any(writer.second_time_text(m, zone, self.clock) != text for m, text in self.brackets):
            return False
        if self.second_span is None:
            return True
        written = writer.duration_text(self.window, zone, self.clock) or ""
        return written.partition("; ")[2] == self.second_span

    # -- measures

    def measures(self, lines: list[str]) -> tuple[list[str], list[Task]]:
        """Improvements (`- text`) and tasks (`- [ ] text (owner: name; due: date)`)."""
        parts = _subparts("measures", lines)
        items = [line for line in parts.get("Improvements", []) if line]
        if not all(line.startswith("- ") for line in items):
            raise NotOurs("an improvement that is no list item")
        tasks = [self.task(line) for line in parts.get("Tasks", []) if line]
        return [writer.unescape(line[2:]) for line in items], tasks

    def task(self, line: str) -> Task:
        match = writer.TASK_LINE.fullmatch(line)
        if match is None:
            raise NotOurs(f"task line {line!r}")
        due = match["due"] or match["due_only"]
        self.consumed += [f"owner: {match['owner']}"] if match["owner"] else []
        self.consumed += [f"due: {due}"] if due else []
        return Task(
            text=writer.unescape(match["text"]),
            owner=writer.unescape(match["owner"]) if match["owner"] else None,
            due=date.fromisoformat(due) if due else None,
            done=match["done"] == "x",
        )


def _marked_as(moment: datetime, mark: str | None) -> bool:
    """True when `moment`, in the window's zone, would be written with `mark` (after a DST
    change there, say): the entry needs no zone of its own."""
    return mark == marks.zone_mark(moment)


def _window(value: str) -> tuple[Window, date, str | None]:
    """The window a `**Duration:**` answer gives, its start's day as written and the span in
    the second zone after `; ` (checked once that zone is known); its length must agree with
    its ends."""
    match = _DURATION.fullmatch(value)
    if match is None:
        raise NotOurs(f"duration {value!r}")
    if match["open_clock"]:
        day = _long_date(match["open_date"])
        start = _at(_wall(day or UNDATED, match["open_clock"]), match["open_label"])
        zone = _zone_of(match["open_label"], start)
        return Window(start=start, zone=zone, dated=day is not None), start.date(), None
    day = _long_date(match["start_date"])
    start_label = match["start_label"] or match["end_label"]
    start = _at(_wall(day or UNDATED, match["start_clock"]), start_label)
    end = start + timedelta(minutes=_minutes(match["minutes"]))
    written_end = end.astimezone(dt_timezone(_offset(match["end_label"])))
    end_day = _long_date(match["end_date"]) or written_end.date()
    if written_end.replace(tzinfo=None) != _wall(end_day, match["end_clock"]):
        raise NotOurs("the length does not match the ends")
    zone = _zone_of(start_label, start)
    window = Window(start=start, end=end, zone=zone, dated=day is not None)
    return window, start.date(), match["second"]


def _candidates(mark: str, instant: datetime) -> list[str]:
    """Zones a second zone's mark may name at `instant`, the likeliest first: those using its
    letters, or for an offset the usual one and then every zone with that offset then."""
    if not mark.startswith("UTC"):
        return list(zone_names.ABBREVIATIONS.get(mark.upper(), ()))
    usual = marks.mark_zone(mark, instant)
    offset = _offset(mark)
    same = [
        zone
        for zone in zone_names.canonical_zones()
        if instant.astimezone(timezones.get_zone(zone)).utcoffset() == offset
    ]
    return [usual, *same] if usual else same


_RESPONSE_PART = re.compile(r"(?P<words>detected after|escalated after|resolved after) (?P<n>.+)")


def _response_shaped(value: str) -> bool:
    """True when a `**Response:**` answer is what the exporter writes (`detected after 2 min,
    resolved after 1 h 15 min`): the figures come from the timeline's kinds, which the export
    does not hold, so only the shape is checked; other words send the document elsewhere."""
    order = list(writer.RESPONSE_WORDS.values())
    last = -1
    for part in value.split(", "):
        match = _RESPONSE_PART.fullmatch(part)
        if match is None or order.index(match["words"]) <= last:
            return False
        last = order.index(match["words"])
        figure = match["n"]
        minutes = _minutes(figure.removeprefix("-"))
        if timezones.format_minutes(-minutes if figure.startswith("-") else minutes) != figure:
            return False
    return True
