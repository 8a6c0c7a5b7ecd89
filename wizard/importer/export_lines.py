"""The export's shapes read back: the document cut along its headings, and each line as the
inverse of a line the writer writes.

A reading here is a candidate: wizard.importer.exported keeps it only when the writer, given
what was read, writes the same line again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from typing import TYPE_CHECKING

from wizard import templates
from wizard.importer.labels import label_name
from wizard.importer.times import UNDATED
from wizard.markdown import writer
from wizard.markdown.escape import unescape
from wizard.model import Task, TimelineEntry, Window
from wizard.time import marks, zone_names

if TYPE_CHECKING:
    from wizard.templates.template import Section, Template


class NotOurs(ValueError):
    """A part strays from the export's layout."""


LONG_DATE = r"[A-Z][a-z]+ \d{1,2}, \d{4}"


def _when(name: str) -> str:
    return rf"(?:(?P<{name}_date>{LONG_DATE}), )?(?P<{name}_clock>{writer.CLOCK})"


DURATION = re.compile(
    rf"(?:from|until) {_when('one')} (?P<one_label>{marks.LABEL}) \((?:end|start) not set\)"
    rf"|{_when('start')}(?: (?P<start_label>{marks.LABEL}))? - {_when('end')}"
    rf" (?P<end_label>{marks.LABEL}) \((?P<minutes>[^()]+)\)(?:; (?P<second>.*))?"
)
MINUTES = re.compile(r"(?:(?P<d>\d+) d)? ?(?:(?P<h>\d+) h)? ?(?:(?P<m>\d+) min)?")
INTRO = re.compile(
    rf"All times (?P<base>{marks.LABEL})(?: unless marked)?"
    rf"(?:, with (?P<second>{marks.LABEL}) in brackets)?\."
)
RESPONSE_PART = re.compile(
    rf"(?P<words>{'|'.join(writer.RESPONSE_WORDS.values())}) -?\d+ (?:d|h|min)(?: \d+ (?:h|min))*"
)


def part_headings(template: Template) -> list[str]:
    """Every `### Heading` of a template's parts."""
    return [part.heading for part in template.parts if part.heading]


@dataclass
class Layout:
    """A document cut along the export's headings; a heading renamed by hand is taken for the
    section it still names (`## Timeline of events`) when that section's own is missing."""

    text: str
    title: str
    sections: dict[str, list[str]]
    headings: dict[str, str]  # each section's heading line as written
    unsorted: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # hand-added parts, kept as unsorted text

    @classmethod
    def of(cls, text: str, template: Template | None = None) -> Layout:
        template = template or templates.classic()
        lines = [line.rstrip() for line in text.strip("\n").split("\n")]
        if not lines or not lines[0].startswith("# ") or lines[0].startswith("# #"):
            raise NotOurs("no title line")
        parts: list[tuple[str, list[str]]] = [("", [])]
        for line in lines[1:]:
            if line.startswith("## "):
                parts.append((line, []))
            else:
                parts[-1][1].append(line)
        names = _section_names([head for head, _ in parts], template)
        sections = template.section_ids
        if [name for name in names if name in sections] != list(sections):
            raise NotOurs("not the template's sections in order")
        layout = cls(text, lines[0][2:], {}, {})
        for name, (head, body) in zip(names, parts, strict=True):
            if name is not None and name in sections:
                layout.sections[name], layout.headings[name] = body, head
            elif name == writer.UNSORTED_HEADING:
                layout.unsorted += body
            elif head or any(body):
                layout.extra.append(paragraphs([head.removeprefix("## "), "", *body]))
        return layout


_LABELLED = {
    "summary": "summary",
    "timeline": "timeline",
    "rcr": "root_cause",
    "measures": "measures",
}


def _section_names(heads: list[str], template: Template) -> list[str | None]:
    """The section each `##` heading stands for: its own heading, else (for a classic section
    whose own heading is missing) the only other heading that names it."""
    own = {f"## {heading}": s for s, heading in template.headings.items()}
    own[f"## {writer.UNSORTED_HEADING}"] = writer.UNSORTED_HEADING
    names: list[str | None] = [own.get(head) for head in heads]
    if template.name != templates.CLASSIC:
        return names
    for section in set(template.section_ids) - set(names):
        named = [
            i
            for i, head in enumerate(heads)
            if names[i] is None and _LABELLED.get(label_name(head[3:]) or "") == section
        ]
        if len(named) == 1:
            names[named[0]] = section
    return names


def subparts(section: Section, lines: list[str]) -> dict[str, list[str]]:
    """The lines under each `###` heading of a section, in the export's order (those before
    the first, under the heading "", when the first part goes without one)."""
    names = [part.heading for part in section.parts]
    found: dict[str, list[str]] = {}
    current: list[str] | None = found.setdefault("", []) if "" in names else None
    for line in lines:
        if line.startswith("#"):
            name = line.removeprefix("### ")
            if (
                name not in names
                or not name
                or name in found
                or names.index(name) == 0 < len(found)
            ):
                raise NotOurs(f"heading {line!r}")
            current = found.setdefault(name, [])
        elif current is not None:
            current.append(line)
        elif line:
            raise NotOurs("text before the first part")
    return found


def paragraphs(lines: list[str]) -> str:
    """Escaped lines back as author text: lines of a paragraph, paragraphs apart."""
    text = "\n".join(unescape(line) for line in lines)
    return re.sub(r"\n{2,}", "\n\n", text).strip("\n")


def wall(day: date, clock: str) -> datetime:
    """The wall-clock time of `clock` (`12:30 PM`, `13:05`) on `day`."""
    hour, minute = (int(n) for n in clock.split(" ")[0].split(":"))
    if clock.endswith("M"):
        if not 1 <= hour <= 12:
            raise NotOurs(f"clock {clock}")
        hour = hour % 12 + (12 if clock.endswith("PM") else 0)
    if hour > 23 or minute > 59:
        raise NotOurs(f"clock {clock}")
    return datetime(day.year, day.month, day.day, hour, minute)


def long_date(text: str | None) -> date | None:
    return datetime.strptime(text, "%B %d, %Y").date() if text else None


def at_label(label: str, wall: datetime) -> tuple[datetime, str]:
    """The instant a wall-clock time with a zone label stands for, and the zone named."""
    read = marks.read_label(label, wall)
    if read is None:
        raise NotOurs(f"zone {label}")
    return read


def minutes(text: str) -> int:
    match = MINUTES.fullmatch(text)
    if match is None or not text:
        raise NotOurs(f"length {text}")
    days, hours, minutes = (int(match[k] or 0) for k in ("d", "h", "m"))
    return days * 1440 + hours * 60 + minutes


def window_of(value: str) -> Window:
    """The window a `**Duration:**` answer gives (the second zone's span is checked later)."""
    match = DURATION.fullmatch(value)
    if match is None:
        raise NotOurs(f"duration {value!r}")
    if match["one_clock"]:
        day = long_date(match["one_date"])
        moment, zone = at_label(match["one_label"], wall(day or UNDATED, match["one_clock"]))
        if value.startswith("from"):
            return Window(start=moment, zone=zone, dated=day is not None)
        return Window(end=moment, zone=zone, dated=day is not None)
    day = long_date(match["start_date"])
    label = match["start_label"] or match["end_label"]
    start, zone = at_label(label, wall(day or UNDATED, match["start_clock"]))
    end = start + timedelta(minutes=minutes(match["minutes"]))
    return Window(start=start, end=end, zone=zone, dated=day is not None)


_SPAN = re.compile(
    rf"(?:[A-Z][a-z]{{2}} \d{{1,2}}, )?{writer.CLOCK} - (?:[A-Z][a-z]{{2}} \d{{1,2}}, )?"
    rf"{writer.CLOCK} (?P<label>{marks.LABEL})"
)


def second_zone_of(value: str, window: Window) -> str | None:
    """The second zone a `**Duration:**` answer names after `; ` (its end's zone there)."""
    match = DURATION.fullmatch(value)
    span = _SPAN.fullmatch(match["second"]) if match and match["second"] else None
    if span is None or window.end_at is None:
        return None
    return zone_at(span["label"], window.end_at)


def unknown_zones(match: re.Match[str]) -> list[str]:
    """The zone labels a duration or intro holds that name no zone pmwizard knows."""
    labels = (v for v in match.groupdict().values() if v and re.fullmatch(marks.LABEL, v))
    return [label for label in labels if not marks.names_a_zone(label)]


def zone_at(label: str, instant: datetime) -> str:
    """The zone a label names at `instant`, written in that zone's wall-clock time."""
    offset = re.search(r"UTC[+-]\d{2}:\d{2}", label)
    minutes = (zone_names.offset_minutes(offset.group()) or 0) if offset else 0
    wall = instant.astimezone(dt_timezone(timedelta(minutes=minutes))).replace(tzinfo=None)
    return at_label(label, wall)[1]


TASK_KEYS = ("type", "priority", "owner", "due", "link")
"""The details a task line may end with, in the order the writer writes them."""


def task_of(line: str) -> Task:
    """A task line, its details found where writing the task again gives the same line."""
    match = re.fullmatch(r"- \[(?P<done>[ x])\] (?P<rest>.*)", line)
    if match is None:
        raise NotOurs(f"task line {line!r}")
    rest = match["rest"]
    cuts = [m.start() for m in re.finditer(rf" \((?={_KEY}: )", rest)]
    for cut in [*cuts, len(rest)]:
        details = task_details(rest[cut:])
        if details is None:
            continue
        try:
            done = match["done"] == "x"
            task = Task.model_validate({"text": unescape(rest[:cut]), "done": done, **details})
        except ValueError:
            continue
        if writer.task_line(task) == line:
            return task
    raise NotOurs(f"task line {line!r}")


_KEY = f"(?:{'|'.join(TASK_KEYS)})"


_DETAIL_CUT = re.compile(rf"\\.|; (?={_KEY}: )")
r"""A backslash escape, skipped whole (so in `a\\; link: x` the `;` cuts), or a cut."""


def _detail_pieces(body: str) -> list[str]:
    """A task's details split at each `; key: ` that no backslash escapes."""
    pieces, start = [], 0
    for cut in _DETAIL_CUT.finditer(body):
        if not cut.group().startswith("\\"):
            pieces.append(body[start : cut.start()])
            start = cut.end()
    return [*pieces, body[start:]]


def task_details(text: str) -> dict[str, str] | None:
    """The details a task line's ending holds (`` none, ` (owner: name; due: date)`), by
    name, owner and link unescaped; None when it is not such an ending."""
    if not text:
        return {}
    body = re.fullmatch(r" \((?P<body>.*)\)", text)
    if body is None:
        return None
    found: dict[str, str] = {}
    for piece in _detail_pieces(body["body"]):
        key, _, value = piece.partition(": ")
        if key not in TASK_KEYS or key in found:
            return None
        found[key] = unescape(value) if key in ("owner", "link") else value
    return found


def labelled(entry: TimelineEntry) -> tuple[TimelineEntry, str]:
    """An entry whose text starts with a kind's label (`Escalation:`, with or without bold)
    given that kind, the label taken off; and the label ('' when there is none)."""
    read = writer.read_kind_label(entry.text)
    if read is None:
        return entry, ""
    kind, method, label = read
    rest = entry.text[len(label) :].strip()
    if not rest:
        return entry, ""
    return entry.revised(kind=kind, detected_by=method, text=rest, guessed=False), label


def shaped(name: str, match: re.Match[str]) -> bool:
    """False for a response or a share not shaped as the writer writes them."""
    value = match["value"]
    if name == "response":
        return response_shaped(value)
    return name != "percent" or re.fullmatch(r"\d+(?:\.\d+)?(?:e-?\d+)?%", value) is not None


def response_shaped(value: str) -> bool:
    """True when a `**Response:**` answer has the writer's shape (`detected after 2 min,
    resolved after 1 h 15 min`): its figures come from the timeline's kinds, so only the
    shape can be checked."""
    order = list(writer.RESPONSE_WORDS.values())
    last = -1
    for part in value.split(", "):
        match = RESPONSE_PART.fullmatch(part)
        if match is None or order.index(match["words"]) <= last:
            return False
        last = order.index(match["words"])
    return True
