"""The postmortem as Markdown: the document's layout, line by line.

This module is the one definition of the export's layout; `wizard.importer.exported` reads
it back by parsing each part loosely and keeping a reading only when writing it here gives
the same text. The layout:

    # Title
    ## Issue Summary        `**Label:** answer` lines (SUMMARY_LABELS order)
    ## Timeline             `All times <zone>.`, then `- <time> - **<Kind>:** text` entries
    ## Root Cause and Resolution      `### Root Cause`, `### Resolution`, paragraphs
    ## Corrective and Preventative Measures   `### Improvements`, `### Tasks` lists
    ## Unsorted             (only while the draft holds unsorted text) paragraphs
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wizard import templates
from wizard.markdown.escape import escape_block, escape_inline
from wizard.model import (
    DETECTION_LABELS,
    KIND_LABELS,
    Detection,
    Kind,
    Postmortem,
    Task,
    TimelineEntry,
    Window,
)
from wizard.time import timezones
from wizard.time.marks import LABEL, own_mark, zone_label, zone_mark
from wizard.time.timezones import ClockStyle
from wizard.timeline import metrics

if TYPE_CHECKING:
    from wizard.templates.template import Part, Section, Template


def __getattr__(name: str) -> Any:
    """The classic template's layout, read when first used (not at start-up): `CLASSIC`,
    `SECTIONS` (its section ids in order), `HEADINGS` (id -> heading) and `SUMMARY_LABELS`
    (the summary's `**Label:**` lines by name, in the order they are written)."""
    if name not in ("CLASSIC", "SECTIONS", "HEADINGS", "SUMMARY_LABELS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    template = templates.classic()
    if name == "SECTIONS":
        return template.section_ids
    if name == "HEADINGS":
        return template.headings
    if name == "SUMMARY_LABELS":
        return {line.name: line.label for line in template.section("summary").lines}
    return template


UNSORTED_HEADING = "Unsorted"
"""The closing part that holds the draft's unsorted text, so that no word is left out."""

_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def clock_text(moment: datetime, clock: ClockStyle | None = None) -> str:
    """A time of day as the document writes it (`12:30 PM`, or `12:30` on the draft's 24-hour
    `clock`): every clock goes through here."""
    return timezones.format_clock(moment, clock)


CLOCK = r"\d{1,2}:\d{2}(?: [AP]M)?"
"""What clock_text writes (a 24-hour clock too)."""


# --- the duration ---------------------------------------------------------------------------


def _day_and_clock(moment: datetime, dated: bool, clock: ClockStyle | None) -> str:
    """`January 17, 2023, 12:30 PM`, or the clock alone for a window without dates."""
    time = clock_text(moment, clock)
    return f"{timezones.format_date(moment)}, {time}" if dated else time


def duration_text(
    window: Window, second_zone: str | None = None, clock: ClockStyle | None = None
) -> str | None:
    """`January 17, 2023, 12:30 PM - 1:45 PM EAT (UTC+03:00) (1 h 15 min)`, or None;
    with `second_zone`, the same span there follows (`; 9:30 AM - 10:45 AM UTC`); times on
    the draft's `clock`."""
    main = _main_duration(window, clock)
    start, end = window.start_at, window.end_at
    if main is None or not second_zone or second_zone == window.zone or not (start and end):
        return main
    zone = timezones.get_zone(second_zone)
    other_start, other_end = start.astimezone(zone), end.astimezone(zone)
    dated = other_start.date() != start.date() or other_end.date() != other_start.date()
    first, last = (_clock_in(m, dated, clock) for m in (other_start, other_end))
    return f"{main}; {first} - {last} {zone_label(other_end, second_zone)}"


def _clock_in(moment: datetime, dated: bool, clock: ClockStyle | None) -> str:
    time = clock_text(moment, clock)
    return f"{moment:%b} {moment.day}, {time}" if dated else time


def _main_duration(window: Window, clock: ClockStyle | None) -> str | None:
    start, end, zone = window.start_at, window.end_at, window.zone
    if start is None and end is None:
        return None
    if start is None or end is None:
        moment = start or end
        assert moment is not None
        when = f"{_day_and_clock(moment, window.dated, clock)} {zone_label(moment, zone)}"
        return f"from {when} (end not set)" if start else f"until {when} (start not set)"
    same_label = zone_label(start, zone) == zone_label(end, zone)
    head = _day_and_clock(start, window.dated, clock)
    head = head if same_label else f"{head} {zone_label(start, zone)}"
    same_day = start.date() == end.date() or not window.dated
    tail = clock_text(end, clock) if same_day else _day_and_clock(end, True, clock)
    minutes = timezones.format_minutes(window.minutes or 0)
    return f"{head} - {tail} {zone_label(end, zone)} ({minutes})"


# --- the timeline ---------------------------------------------------------------------------


def spans_days(pm: Postmortem) -> bool:
    """Whether timeline times need their day: the entries and the start fall on several
    known dates, or there is no start to take the date from."""
    if not pm.window.dated:
        return False
    days = {e.time.date() for e in pm.timeline if e.time and e.text.strip()}
    if pm.window.start is None:
        return bool(days)
    return len(days | {pm.window.start.date()}) > 1


def entry_time_text(
    entry: TimelineEntry, pm: Postmortem, with_date: bool, base_label: str | None = None
) -> str:
    """The time of a timeline entry as a reader expects it (`12:32 PM`, `Jan 18, 1:05 AM`).

    The year follows the day when it is not the start's (or there is no start). The zone is
    added when the entry has its own zone, or when its offset differs from `base_label` (the
    label the timeline's intro gives), as after a DST change.
    """
    moment = entry.at(pm.window.zone)
    if moment is None:
        return ""
    text = clock_text(moment, pm.clock)
    if with_date:
        start = pm.window.start
        year = f" {moment.year}," if start is None or start.year != moment.year else ""
        text = f"{moment:%b} {moment.day},{year} {text}"
    if entry.zone and entry.zone != pm.window.zone:
        home = zone_mark(moment.astimezone(timezones.get_zone(pm.window.zone)))
        text += f" {own_mark(moment, entry.zone, taken=home)}"
    elif _marked(entry, pm, base_label):
        text += f" {zone_mark(moment)}"
    if pm.second_zone and pm.second_zone != pm.window.zone:
        text += f" ({second_time_text(moment, pm.second_zone, pm.clock)})"
    return text


def _marked(entry: TimelineEntry, pm: Postmortem, base: str | None) -> bool:
    """Whether an entry's time carries a zone: its own, or the incident's after an offset
    change (DST) since `base`, the label of the timeline's intro."""
    moment = entry.at(pm.window.zone)
    if moment is None:
        return False
    if entry.zone and entry.zone != pm.window.zone:
        return True
    return base is not None and zone_label(moment, pm.window.zone) != base


def second_time_text(moment: datetime, zone: str, clock: ClockStyle | None = None) -> str:
    """`moment` in the second zone, as an entry's bracket holds it (`9:32 AM UTC`), its day
    added when that differs (`Jan 18, 1:05 AM UTC`); the intro names the zone in full."""
    other = moment.astimezone(timezones.get_zone(zone))
    mark = timezones.abbreviation(other) or timezones.format_offset(other.utcoffset())
    return f"{_clock_in(other, other.date() != moment.date(), clock)} {mark}"


ENTRY_WHEN = re.compile(
    r"(?:(?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2}), (?:(?P<year>\d{4}), )?)?"
    rf"(?P<clock>{CLOCK})(?: (?P<mark>{LABEL}))?(?: \((?P<other>[^()]*)\))? - "
)
"""The time that starts an exported timeline entry, up to the dash before its text."""

ENTRY_LABELS = {**KIND_LABELS, Kind.OTHER: "Note"}
"""The label before an entry's text, naming its kind (`**Escalation:**`)."""
METHOD_LABELS = {method: label[0].lower() + label[1:] for method, label in DETECTION_LABELS.items()}
"""How a detection was noticed, as its label says it (`**Detection (monitoring alert):**`)."""
KIND_LABEL = re.compile(r"\*\*(?P<kind>[^*()\n]+?)(?: \((?P<method>[^*()\n]+)\))?:\*\* ")
"""The label that starts an exported entry's text."""


def kind_label(kind: Kind, detected_by: Detection | None) -> str:
    """`**Detection (monitoring alert):**`, `**Escalation:**`, `**Note:**` (any other)."""
    method = f" ({METHOD_LABELS[detected_by]})" if kind is Kind.DETECTION and detected_by else ""
    return f"**{ENTRY_LABELS[kind]}{method}:**"


_LABEL_AT_START = re.compile(
    r"(?P<bold>\*\*)?(?P<kind>[A-Z][a-z]+(?: [a-z]+)?)(?: \((?P<method>[a-z][a-z ]*)\))?"
    r":(?(bold)\*\*)(?: |$)"
)
_KINDS = {label: kind for kind, label in ENTRY_LABELS.items()}
_METHODS = {label: method for method, label in METHOD_LABELS.items()}


def read_kind_label(text: str) -> tuple[Kind, Detection | None, str] | None:
    """The kind (and how it was detected) that a label starting `text` names, with or without
    its bold (`**Detection (monitoring alert):** `, `Escalation: `), and the label; None
    when `text` starts with no label kind_label writes."""
    match = _LABEL_AT_START.match(text)
    if match is None or (kind := _KINDS.get(match["kind"])) is None:
        return None
    method = _METHODS.get(match["method"] or "")
    if match["method"] and (method is None or kind is not Kind.DETECTION):
        return None
    return kind, method, match.group(0)


def entry_line(entry: TimelineEntry, when: str) -> str:
    """`- 12:32 PM - **Detection (monitoring alert):** text`; `- **Note:** text` untimed."""
    text = f"{kind_label(entry.kind, entry.detected_by)} {escape_inline(entry.text)}"
    return f"- {when} - {text}" if when else f"- {text}"


def timeline_base(pm: Postmortem) -> datetime | None:
    """The moment the timeline's intro names the zone at: the start, else the first time."""
    zone = pm.window.zone
    entries = [e for e in pm.sorted_timeline() if e.text.strip()]
    first = next((e.at(zone) for e in entries if e.time), None)
    return pm.window.start_at or (first.astimezone(timezones.get_zone(zone)) if first else None)


def intro_text(pm: Postmortem, marked: bool) -> str | None:
    """`All times EAT (UTC+03:00).`, `unless marked`, and the second zone's brackets."""
    start = timeline_base(pm)
    if start is None:
        return None
    intro = f"All times {zone_label(start, pm.window.zone)}{' unless marked' if marked else ''}"
    second = pm.second_zone
    if second and second != pm.window.zone:
        intro += f", with {zone_label(start.astimezone(timezones.get_zone(second)), second)}"
        intro += " in brackets"
    return f"{intro}."


def _timeline(pm: Postmortem) -> list[str | None]:
    entries = [e for e in pm.sorted_timeline() if e.text.strip()]
    start = timeline_base(pm)
    base = zone_label(start, pm.window.zone) if start else None
    with_date = spans_days(pm)
    lines = [
        entry_line(e, entry_time_text(e, pm, with_date=with_date, base_label=base)) for e in entries
    ]
    marked = any(_marked(e, pm, base) for e in entries)
    return [intro_text(pm, marked), "\n".join(lines) or None]


# --- the summary ----------------------------------------------------------------------------

RESPONSE_WORDS = {
    "time_to_detect_minutes": "detected after",
    "time_to_escalate_minutes": "escalated after",
    "time_to_resolve_minutes": "resolved after",
}


def response_text(pm: Postmortem) -> str | None:
    """`detected after 2 min, escalated after 28 min, resolved after 1 h 15 min`."""
    found = metrics(pm)
    known = [
        f"{words} {timezones.format_minutes(minutes)}"
        for key, words in RESPONSE_WORDS.items()
        if (minutes := found[key]) is not None
    ]
    return ", ".join(known) or None


def share_text(percent: float) -> str:
    """`62%`, `12.5%`: short, and every digit kept when short would round it."""
    short = f"{percent:g}"
    return f"{short if float(short) == percent else repr(percent)}%"


SUMMARY_LINE = re.compile(r"\*\*(?P<label>[^*]+):\*\* (?P<value>.+)")


def summary_values(pm: Postmortem) -> dict[str, str | None]:
    """Each summary line's answer as written (escaped where typed), None when left out."""
    percent = pm.impact.percent
    texts = {
        "service": pm.service,
        "down": pm.impact.down,
        "experience": pm.impact.experience,
        "root_cause": pm.root_cause_summary,
    }
    return {
        "duration": duration_text(pm.window, pm.second_zone, pm.clock),
        "response": response_text(pm),
        **{name: escape_inline(text) if text.strip() else None for name, text in texts.items()},
        "percent": share_text(percent) if percent is not None else None,
    }


def _summary(pm: Postmortem, section: Section) -> list[str | None]:
    """The `**Label:** answer` lines, then the section's parts (a template's free text)."""
    values = summary_values(pm)
    return [
        *(
            f"**{line.label}:** {value}" if (value := values[line.name]) else None
            for line in section.lines
        ),
        *_parts(pm, section),
    ]


_TASK_GUARD = re.compile(r"\((?=(?:type|priority|owner|due|link): )|;(?= \w+: )")
"""What a task's text, owner or link may not hold unescaped: it would read as the line's
details (any of them, whether the task has an action item's type, priority or link or not)."""


def task_line(task: Task) -> str:
    """`- [ ] text (owner: name; due: 2023-01-24)`; an action item's details around them:
    `(type: prevent; priority: P1; owner: name; due: 2023-01-24; link: URL)`."""
    guard = _TASK_GUARD
    extra = [
        f"{name}: {getattr(task, name)}" for name in ("type", "priority") if getattr(task, name)
    ]
    if task.owner and task.owner.strip():
        extra.append(f"owner: {escape_inline(task.owner, guard)}")
    if task.due:
        extra.append(f"due: {task.due.isoformat()}")
    if task.link:
        extra.append(f"link: {escape_inline(task.link, guard)}")
    suffix = f" ({'; '.join(extra)})" if extra else ""
    return f"- [{'x' if task.done else ' '}] {escape_inline(task.text, guard)}{suffix}"


def _part_body(pm: Postmortem, part: Part) -> str | None:
    """A part's text: paragraphs, `- item` lines or task lines; None when it is empty."""
    value = part.value(pm)
    if part.kind == "text":
        return escape_block(value) or None
    if part.kind == "list":
        return "\n".join(f"- {escape_inline(i)}" for i in value if i.strip()) or None
    return "\n".join(task_line(t) for t in value if t.text.strip()) or None


def _parts(pm: Postmortem, section: Section) -> list[str | None]:
    """`### Heading` and its body for every part that holds anything."""
    blocks: list[str | None] = []
    for part in section.parts:
        body = _part_body(pm, part)
        blocks += [f"### {part.heading}" if body and part.heading else None, body]
    return blocks


_BUILDERS = {
    "summary": _summary,
    "timeline": lambda pm, section: _timeline(pm),
    "parts": _parts,
}


def section_markdown(pm: Postmortem, section: str, template: Template | None = None) -> str:
    """One section of the exported document, heading included."""
    spec = (template or templates.classic()).section(section)
    blocks = [f"## {spec.heading}", *_BUILDERS[spec.layout](pm, spec)]
    return "\n\n".join(block for block in blocks if block)


def unsorted_markdown(pm: Postmortem) -> str | None:
    """The closing part that keeps the draft's unsorted text, or None when there is none."""
    text = escape_block(pm.unsorted)
    return f"## {UNSORTED_HEADING}\n\n{text}" if text else None


def title_markdown(pm: Postmortem) -> str:
    """The document's first line (a trailing `#` run is escaped: it would close the heading)."""
    title = _CLOSING_HASHES.sub(r"\1\\\2", escape_inline(pm.title))
    return f"# {title or 'Postmortem'}"


def to_markdown(pm: Postmortem, template: Template | None = None) -> str:
    """The whole postmortem as GitHub-friendly Markdown, laid out by `template` (by default
    the one it follows)."""
    template = template or templates.of(pm)
    parts = [title_markdown(pm), *(section_markdown(pm, s, template) for s in template.section_ids)]
    parts.append(unsorted_markdown(pm) or "")
    return "\n\n".join(filter(None, parts)) + "\n"
