"""The postmortem as Markdown: the document's layout and the escaping of author text."""

from __future__ import annotations

import re
from datetime import datetime

from wizard.model import Postmortem, Task, TimelineEntry, Window
from wizard.time import timezones
from wizard.time.marks import zone_mark
from wizard.time.timezones import ClockStyle
from wizard.timeline import metrics

SECTIONS = ("summary", "timeline", "root_cause", "measures")
HEADINGS = {
    "summary": "Issue Summary",
    "timeline": "Timeline",
    "root_cause": "Root Cause and Resolution",
    "measures": "Corrective and Preventative Measures",
}

_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
# A backslash before punctuation (or ending the line, where it would make a hard break).
_PUNCT_AFTER_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|\Z)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# What makes a line start a block: a heading, quote, fence, table, setext underline, an
# ordered list's number; `* + -` before a space (a list item) or in a thematic break (`***`,
# `- - -`, `--` as an underline); `[` of a link reference definition (`[id]: url`), of a
# checkbox (`[ ]`), or whose label this line does not close (it could close on the next).
_LINE_START = re.compile(
    r"^(?:[#>=_|~`:]|\d+(?=[.)])|[*+\-](?=\s|$)|(?:\*[ \t]*){3,}$|(?:-[ \t]*)+$"
    r"|\[(?!(?:\\.|[^\\\[\]])*\](?!:))|\[[ xX]\](?=\s|$))"
)


def _escape_line(line: str) -> str:
    line = _PUNCT_AFTER_BACKSLASH.sub(r"\\\\", line.strip())
    line = line.replace("<", "\\<")
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group(0).isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def escape_block(text: str) -> str:
    """Author text as Markdown paragraphs that cannot become headings, HTML, code or lists."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        "\n".join(_escape_line(line) for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def escape_inline(text: str) -> str:
    """Author text for one line (a bullet, a label): newlines become spaces."""
    return _escape_line(" ".join(text.split()))


def unescape(text: str) -> str:
    """Author text back from an escaped line: every backslash escape undone."""
    return _ESCAPED.sub(r"\1", text)


def _escape_first_mark(text: str) -> str:
    """`text` with a backslash before its first punctuation mark (`12\\:30 PM - ...`)."""
    match = re.search(r"[!-/:-@\[-`{-~]", text)
    return text if match is None else f"{text[: match.start()]}\\{text[match.start() :]}"


def duration_text(
    window: Window, second_zone: str | None = None, clock: ClockStyle | None = None
) -> str | None:
    """`January 17, 2023, 12:30 PM - 1:45 PM EAT (UTC+03:00) (1 h 15 min)`, or None;
    with `second_zone`, the same span there follows (`; 9:30 AM - 10:45 AM UTC`); times on
    the `clock` given (12-hour unless `24h`)."""
    main = _main_duration(window, clock)
    if main is None or not second_zone or second_zone == window.zone:
        return main
    start, end = window.start_at, window.end_at
    if start is None or end is None:
        return main
    zone = timezones.get_zone(second_zone)
    other_start, other_end = start.astimezone(zone), end.astimezone(zone)
    dated = other_start.date() != start.date() or other_end.date() != other_start.date()
    first, last = (_clock_in(m, dated, clock) for m in (other_start, other_end))
    return f"{main}; {first} - {last} {timezones.zone_label(other_end)}"


def _clock_in(moment: datetime, dated: bool, clock: ClockStyle | None) -> str:
    time = timezones.format_clock(moment, clock)
    return f"{moment:%b} {moment.day}, {time}" if dated else time


def _main_duration(window: Window, clock: ClockStyle | None) -> str | None:
    start, end = window.start_at, window.end_at
    if start is None:
        return None
    start_day = f"{timezones.format_date(start)}, {timezones.format_clock(start, clock)}"
    if not window.dated:
        start_day = timezones.format_clock(start, clock)
    if end is None:
        return f"from {start_day} {timezones.zone_label(start)} (end not set)"
    same_label = timezones.zone_label(start) == timezones.zone_label(end)
    head = start_day if same_label else f"{start_day} {timezones.zone_label(start)}"
    if start.date() == end.date() or not window.dated:
        tail = timezones.format_clock(end, clock)
    else:
        tail = f"{timezones.format_date(end)}, {timezones.format_clock(end, clock)}"
    minutes = window.minutes or 0
    return f"{head} - {tail} {timezones.zone_label(end)} ({timezones.format_minutes(minutes)})"


def spans_days(pm: Postmortem) -> bool:
    """Whether timeline times need their day: the entries and the start fall on several
    known dates, or there is no start to take the date from."""
    if not pm.window.dated:
        return False
    days = {e.time.date() for e in pm.timeline if e.time}
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
    text = timezones.format_clock(moment, pm.clock)
    if with_date:
        start = pm.window.start
        year = f" {moment.year}," if start is None or start.year != moment.year else ""
        text = f"{moment:%b} {moment.day},{year} {text}"
    if _marked(entry, moment, pm, base_label):
        text += f" {zone_mark(moment)}"
    if pm.second_zone and pm.second_zone != pm.window.zone:
        text += f" ({second_time_text(moment, pm.second_zone, pm.clock)})"
    return text


def second_time_text(moment: datetime, zone: str, clock: ClockStyle | None = None) -> str:
    """`moment` in the second zone, as an entry's bracket holds it (`9:32 AM UTC`), its day
    added when that differs (`Jan 18, 1:05 AM UTC`)."""
    other = moment.astimezone(timezones.get_zone(zone))
    return f"{_clock_in(other, other.date() != moment.date(), clock)} {zone_mark(other)}"


def _marked(entry: TimelineEntry, moment: datetime, pm: Postmortem, base: str | None) -> bool:
    if entry.zone and entry.zone != pm.window.zone:
        return True
    return base is not None and timezones.zone_label(moment) != base


ENTRY_WHEN = re.compile(
    r"(?:(?P<month>[A-Z][a-z]{2}) (?P<day>\d{1,2}), (?:(?P<year>\d{4}), )?)?"
    r"(?P<clock>\d{1,2}:\d{2} [AP]M|\d{2}:\d{2})(?: (?P<mark>UTC[+-]\d{2}:\d{2}|[A-Za-z]+))?"
    r"(?: \((?P<other>[^()]*)\))? - "
)
"""The time that starts an exported timeline entry, up to the dash before its text."""


def _entry_line(when: str, text: str) -> str:
    """`- 12:32 PM - text`; an entry without a time whose text starts like one is escaped."""
    if when:
        return f"- {when} - {text}"
    return f"- {_escape_first_mark(text) if ENTRY_WHEN.match(text) else text}"


_OWNER_OR_DUE = re.compile(r"\((?=owner: |due: )")
TASK_LINE = re.compile(
    r"- \[(?P<done>[ x])\] (?P<text>(?:\\.|(?!\((?:owner|due): )[^\\])*?)"
    r"(?: \((?:owner: (?P<owner>(?:\\.|(?!; due: |\((?:owner|due): )[^\\])+?)"
    r"(?:; due: (?P<due>\d{4}-\d{2}-\d{2}))?|due: (?P<due_only>\d{4}-\d{2}-\d{2}))\))?"
)
"""An exported task line: `- [ ] text (owner: name; due: 2023-01-24)`. The text and owner
hold no unescaped `(owner: `, `(due: ` or (the owner) `; due: `: the exporter escapes them."""


def _task_part(text: str) -> str:
    """A task's text or owner for its line: `(owner: ` and `; due: ` in it are escaped, so
    only the line's own details read as such."""
    escaped = _OWNER_OR_DUE.sub(r"\\(", escape_inline(text))
    return escaped.replace("; due: ", "\\; due: ")


def _task_line(task: Task) -> str:
    extra = []
    if task.owner and task.owner.strip():
        extra.append(f"owner: {_task_part(task.owner)}")
    if task.due:
        extra.append(f"due: {task.due.isoformat()}")
    suffix = f" ({'; '.join(extra)})" if extra else ""
    return f"- [{'x' if task.done else ' '}] {_task_part(task.text)}{suffix}"


RESPONSE_WORDS = {
    "time_to_detect_minutes": "detected after",
    "time_to_escalate_minutes": "escalated after",
    "time_to_resolve_minutes": "resolved after",
}


def response_text(pm: Postmortem) -> str | None:
    """`**Response:** detected after 2 min, escalated after 28 min, resolved after 1 h 15 min`."""
    found = metrics(pm)
    known = [
        f"{words} {timezones.format_minutes(minutes)}"
        for key, words in RESPONSE_WORDS.items()
        if (minutes := found[key]) is not None
    ]
    return f"**Response:** {', '.join(known)}" if known else None


def _labelled(label: str, value: str) -> str | None:
    return f"**{label}:** {escape_inline(value)}" if value.strip() else None


def _share(percent: float) -> str:
    """`62`, `12.5`: short, and every digit kept when short would round it."""
    short = f"{percent:g}"
    return short if float(short) == percent else repr(percent)


SUMMARY_LABELS = {
    "duration": "Duration",
    "response": "Response",
    "service": "Service affected",
    "down": "What was down or slow",
    "experience": "What users experienced",
    "percent": "Users affected",
    "root_cause": "Root cause",
}
"""The summary's `**Label:**` lines, in the order they are written."""


def _summary(pm: Postmortem) -> list[str | None]:
    percent = pm.impact.percent
    label = SUMMARY_LABELS
    return [
        f"**{label['duration']}:** {duration}"
        if (duration := duration_text(pm.window, pm.second_zone, pm.clock))
        else None,
        response_text(pm),
        _labelled(label["service"], pm.service),
        _labelled(label["down"], pm.impact.down),
        _labelled(label["experience"], pm.impact.experience),
        f"**{label['percent']}:** {_share(percent)}%" if percent is not None else None,
        _labelled(label["root_cause"], pm.root_cause_summary),
    ]


def _timeline(pm: Postmortem) -> list[str | None]:
    entries = [e for e in pm.sorted_timeline() if e.text.strip()]
    zone = pm.window.zone
    start = pm.window.start_at or next((e.at(zone) for e in entries if e.time), None)
    base = timezones.zone_label(start) if start else None
    lines = []
    with_date = spans_days(pm)
    for entry in entries:
        when = entry_time_text(entry, pm, with_date=with_date, base_label=base)
        lines.append(_entry_line(when, escape_inline(entry.text)))
    marked = any(
        (moment := e.at(zone)) is not None and _marked(e, moment, pm, base) for e in entries
    )
    intro = f"All times {base}{' unless marked' if marked else ''}" if base else None
    if intro and pm.second_zone and pm.second_zone != zone and start is not None:
        other = start.astimezone(timezones.get_zone(pm.second_zone))
        intro += f", with {zone_mark(other)} in brackets"
    intro = f"{intro}." if intro else None
    return [intro, "\n".join(lines) or None]


def _root_cause(pm: Postmortem) -> list[str | None]:
    return [
        "### Root Cause" if pm.root_cause.strip() else None,
        escape_block(pm.root_cause) or None,
        "### Resolution" if pm.resolution.strip() else None,
        escape_block(pm.resolution) or None,
    ]


def _measures(pm: Postmortem) -> list[str | None]:
    improvements = [f"- {escape_inline(i)}" for i in pm.improvements if i.strip()]
    tasks = [_task_line(t) for t in pm.tasks if t.text.strip()]
    return [
        "### Improvements" if improvements else None,
        "\n".join(improvements) or None,
        "### Tasks" if tasks else None,
        "\n".join(tasks) or None,
    ]


_BUILDERS = {
    "summary": _summary,
    "timeline": _timeline,
    "root_cause": _root_cause,
    "measures": _measures,
}


def section_markdown(pm: Postmortem, section: str) -> str:
    """One section of the exported document, heading included."""
    blocks = [f"## {HEADINGS[section]}", *_BUILDERS[section](pm)]
    return "\n\n".join(block for block in blocks if block)


def title_markdown(pm: Postmortem) -> str:
    """The document's first line (a trailing `#` run is escaped: it would close the heading)."""
    title = _CLOSING_HASHES.sub(r"\1\\\2", escape_inline(pm.title))
    return f"# {title or 'Postmortem'}"


def to_markdown(pm: Postmortem) -> str:
    """The whole postmortem as GitHub-friendly Markdown."""
    parts = [title_markdown(pm), *(section_markdown(pm, s) for s in SECTIONS)]
    return "\n\n".join(parts) + "\n"
