"""pmwizard's own Markdown export, read back exactly, part by part.

The writer (wizard.markdown.writer) defines the layout. Each part of a document laid out so
(the summary, each timeline entry, the root cause, the measures, the unsorted part) is parsed
by its shape and kept only when writing what was read gives the same text back. A part that
does not (edited by hand) is read by the general reader instead, so its words are kept and
the rest still reads exactly. A document without a title and the four section headings in
order is left to the general reader whole (read_export gives None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from wizard import templates
from wizard.importer import export_lines as shapes
from wizard.importer.result import ImportResult, unsorted_text
from wizard.markdown import counts, writer
from wizard.markdown.escape import unescape
from wizard.model import TASK_DETAILS, Impact, Postmortem, TimelineEntry, Window
from wizard.rubric import sections_found
from wizard.time import marks, timezones
from wizard.time.timezones import ClockStyle

if TYPE_CHECKING:
    from wizard.templates.template import Part, Template

General = Callable[[str, Sequence[TimelineEntry]], ImportResult]
"""The general reader: any written postmortem to a draft, guessing its entries' kinds with
the given entries (read exactly, kinds kept) as context."""


class _Astray(ValueError):
    """A part of a document in a template's layout, other than classic, was edited by hand:
    such a document is read whole by the template's headings instead."""


def read_export(
    text: str, general: General, template: Template | None = None
) -> ImportResult | None:
    """The draft a pmwizard export laid out by `template` (by default classic) holds, parts
    of a classic one edited by hand read by `general`; None when `text` has not the export's
    title and the template's sections, or (for another template) strays from its layout."""
    try:
        layout = shapes.Layout.of(text, template)
    except shapes.NotOurs:
        return None
    try:
        return _Reading(layout, general, template or templates.classic()).result()
    except _Astray:
        return None


@dataclass
class _Reading:
    """The reading of one document in the export's layout."""

    layout: shapes.Layout
    general: General
    template: Template
    fields: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, list[str]] = field(default_factory=dict)  # lines for the general reader
    found: dict[str, bool] = field(default_factory=dict)  # of sections read by it whole
    consumed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmet: list[tuple[str, str]] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    written: dict[str, tuple[str, str]] = field(default_factory=dict)  # summary: name -> line
    intro: str | None = None
    entries: list[tuple[str, TimelineEntry]] = field(default_factory=list)
    day: date | None = None
    unknown: list[str] = field(default_factory=list)  # zone labels naming no zone
    clock: ClockStyle | None = None  # how the first time read was written

    def saw_clock(self, written: str | None) -> None:
        """Note the clock a time was written on (`1:45 PM` 12-hour, `13:45` 24-hour): the
        draft takes the first one's, so the writer gives the times back as they were."""
        if written and self.clock is None:
            self.clock = "12h" if written.endswith("M") else "24h"

    def result(self) -> ImportResult:
        """The draft, with the counts and what was read as structure."""
        layout = self.layout
        self.fields = {"title": unescape(layout.title), "window": Window(), "timeline": []}
        for spec in self.template.sections:
            lines = layout.sections[spec.id]
            try:
                if spec.layout == "parts":
                    self.read_parts(spec.id, lines)
                elif spec.layout == "summary" and spec.parts:
                    count = _summary_lines(lines, self.labels)
                    self.read_summary(lines[:count])
                    self.read_parts(spec.id, lines[count:])
                else:
                    getattr(self, f"read_{spec.layout}")(lines)
            except (ValueError, ArithmeticError):  # shapes.NotOurs, a value the draft refuses
                self.to_general(spec.id)
        draft = self.draft()
        for spec in self.template.sections:
            if spec.id in self.found:  # left to the general reader whole
                continue
            if spec.layout == "parts" or spec.parts:
                self.check_parts(spec.id, draft)
            if spec.layout != "parts":
                getattr(self, f"check_{spec.layout}")(draft)
        if self.pending and self.template.name != templates.CLASSIC:
            raise _Astray(", ".join(self.pending))
        for section, lines in self.pending.items():
            self.from_general(section, lines)
        draft = self.draft()
        headings = [*layout.headings.values(), writer.UNSORTED_HEADING]
        self.consumed += [*headings, *shapes.part_headings(self.template)]
        filled = sections_found(draft, self.template)
        return ImportResult(
            draft,
            found={s: self.found.get(s, filled[s]) for s in self.template.section_ids},
            words={
                s: counts.count_words("\n".join([layout.headings[s], "", *lines]))
                for s, lines in layout.sections.items()
            },
            total=counts.count_words(layout.text),
            dated=draft.window.dated,
            consumed=tuple(c for c in self.consumed if c.strip()),
            notes=tuple(dict.fromkeys(self.notes)),
            unmet=tuple(dict.fromkeys(self.unmet)),
        )

    def draft(self) -> Postmortem:
        unsorted = [shapes.paragraphs(self.layout.unsorted), *self.layout.extra, *self.leftovers]
        entries = [shapes.labelled(entry) for _, entry in self.entries]
        self.consumed += [label for _, label in entries]
        timeline = [*(entry for entry, _ in entries), *self.fields["timeline"]]
        fields = {
            **self.fields,
            "timeline": timeline,
            "clock": self.clock,
            "template": self.template.name,
        }
        draft = Postmortem(**fields, unsorted=unsorted_text((), unsorted))
        return draft.revised(timeline=[e.model_dump() for e in draft.sorted_timeline()])

    @property
    def labels(self) -> dict[str, str]:
        """The summary's `**Label:**` lines: label -> name."""
        summary = next((s for s in self.template.sections if s.layout == "summary"), None)
        return {line.label: line.name for line in summary.lines} if summary else {}

    def give_back(self, section: str, line: str) -> None:
        """Leave a line that is not as the writer wrote it to the general reader."""
        self.pending.setdefault(section, []).append(line)

    # -- parts read by the general reader

    def from_general(self, section: str, lines: list[str]) -> None:
        """Read lines of a section like any written postmortem: their answers fill what the
        exact reading left empty; everything else they hold is kept unsorted."""
        head = ["# Postmortem", ""]
        if section != "summary":
            timed = (e.at(self.zone) for _, e in self.entries if e.time)
            head += _context(self.fields["window"], next(timed, None))
        text = "\n".join([*head, f"## {templates.classic().headings[section]}", "", *lines]) + "\n"
        result = self.general(text, [e for _, e in self.entries] if section == "timeline" else ())
        self.notes += [n for n in result.notes if not any(z in n for z in self.unknown)]
        self.unmet += [u for u in result.unmet if _section_of(u[0]) == section]
        self.consumed += result.consumed
        if section in self.found:
            self.found[section] = result.found[section]
        got = result.draft
        self.leftovers += [got.unsorted, *texts_outside(got, section)]
        spec = templates.classic().section(section)
        if spec.layout == "timeline":
            self.fields["timeline"] += _rezoned(got.timeline, got.window.zone, self.zone)
            window = self.fields["window"]
            if not result.dated and window.start is None and window.end is None:
                # Entries with no day and no window to date them: undated, as the writer says.
                self.fields["window"] = window.revised(dated=False)
        elif spec.layout == "summary":
            self.fill_summary(got)
        for part in spec.parts:
            value = getattr(got, part.field)
            if part.kind == "text":
                self.fill(part.field, value)
            else:
                self.fields[part.field] = [*self.fields.get(part.field, []), *value]

    def fill(self, name: str, value: str) -> None:
        """Set an answer the exact reading left empty; keep `value` unsorted otherwise."""
        if not self.fields.get(name, "").strip():
            self.fields[name] = value
        elif value.strip():
            self.leftovers.append(value)

    def fill_summary(self, got: Postmortem) -> None:
        window: Window = self.fields["window"]
        if window.start is None and window.end is None:
            self.fields["window"] = got.window
        for name in ("service", "root_cause_summary"):
            self.fill(name, getattr(got, name))
        impact: Impact = self.fields.get("impact", Impact())
        answers = {"down": impact.down, "experience": impact.experience}
        for name, value in answers.items():
            extra = getattr(got.impact, name)
            answers[name] = value if value.strip() else extra
            if value.strip() and extra.strip():
                self.leftovers.append(extra)
        percent = impact.percent if impact.percent is not None else got.impact.percent
        self.fields["impact"] = Impact(**answers, percent=percent)

    @property
    def zone(self) -> str:
        window: Window = self.fields["window"]
        return window.zone

    # -- the summary

    def read_summary(self, lines: list[str]) -> None:
        """The summary's `**Label:** answer` lines; a line that strays is given back."""
        values: dict[str, str] = {}
        for line in filter(None, lines):
            match = writer.SUMMARY_LINE.fullmatch(line)
            name = self.labels.get(match["label"]) if match else None
            if match is None or name is None or name in values or not shapes.shaped(name, match):
                self.give_back("summary", line)
                continue
            values[name] = match["value"]
            self.written[name] = (match["value"], line)
        window = Window()
        if "duration" in values:
            if match := shapes.DURATION.fullmatch(values["duration"]):
                self.unknown_zones(match)
                self.saw_clock(match["one_clock"] or match["start_clock"])
            try:
                window = shapes.window_of(values["duration"])
                self.fields["second_zone"] = shapes.second_zone_of(values["duration"], window)
            except (ValueError, ArithmeticError):
                self.give_back("summary", self.written.pop("duration")[1])
        self.consumed += [values.get(k, "") for k in ("duration", "response", "percent")]
        self.consumed += [f"{label}:" for label in self.labels]
        percent = values.get("percent")
        self.fields.update(
            window=window,
            service=unescape(values.get("service", "")),
            impact=Impact(
                down=unescape(values.get("down", "")),
                experience=unescape(values.get("experience", "")),
                percent=float(percent[:-1]) if percent else None,
            ),
            root_cause_summary=unescape(values.get("root_cause", "")),
        )

    def check_summary(self, draft: Postmortem) -> None:
        """Answers as the writer gives them (the response's figures come from the timeline's
        kinds: only its shape is checked); a line that is not goes to the general reader."""
        written = writer.summary_values(draft)
        for name, (value, line) in self.written.items():
            if name != "response" and written[name] != value:
                self.give_back("summary", line)
                self.forget(name)

    def forget(self, name: str) -> None:
        impact: Impact = self.fields["impact"]
        if name == "duration":
            self.fields["window"] = Window()
        elif name in ("down", "experience", "percent"):
            self.fields["impact"] = impact.revised(**{name: None if name == "percent" else ""})
        else:
            self.fields["service" if name == "service" else "root_cause_summary"] = ""

    # -- the timeline

    def read_timeline(self, lines: list[str]) -> None:
        """The entries, timed by the intro's zone label unless marked with their own; an
        entry line that strays is given back."""
        lines = [line for line in lines if line]
        window: Window = self.fields["window"]
        start = window.start_at
        self.day = start.date() if start else None
        intro = shapes.INTRO.fullmatch(lines[0]) if lines else None
        if lines and lines[0].startswith("All times") and (not intro or self.unknown_zones(intro)):
            if start is None:
                raise shapes.NotOurs(f"intro {lines[0]!r}")
            self.leftovers.append(shapes.paragraphs([lines.pop(0)]))  # times as the duration's
            intro = None
        base = marks.zone_label(start, window.zone) if start else None
        if intro is not None:
            self.intro = lines.pop(0)
            self.consumed.append(self.intro)
            base = intro["base"]
        if base is not None and start is None and window.end is None:
            zone = self.zone_from_entries(lines, base)
            self.fields["window"] = window = Window(zone=zone, dated=window.dated)
        for line in lines:
            entry = self.entry(line, base) if line.startswith("- ") else None
            if entry is None:
                self.give_back("timeline", line)
            else:
                self.entries.append((line, entry))
        second = intro["second"] if intro else None
        instants = [e.at(window.zone) for _, e in self.entries if e.time]
        at = window.start_at or next(iter(instants), None)
        if second is not None and at is None:
            raise shapes.NotOurs("a second zone without a time to read it at")
        if second and at:
            self.fields["second_zone"] = shapes.zone_at(second, at)

    def unknown_zones(self, match: re.Match[str]) -> list[str]:
        """Note each zone a label names that pmwizard does not know (once per zone)."""
        unknown = shapes.unknown_zones(match)
        self.notes += [
            f"the time zone {label} is not one pmwizard knows: the times are read without it; "
            "set the zone in the wizard"
            for label in unknown
        ]
        self.unknown += unknown
        return unknown

    def zone_from_entries(self, lines: list[str], base: str) -> str:
        """The incident's zone when no duration gives it: the intro's, at the first time."""
        for line in lines:
            if when := writer.ENTRY_WHEN.match(line[2:]):
                moment, zone = self.moment(when, base)
                return zone if when["mark"] is None else shapes.zone_at(base, moment)
        raise shapes.NotOurs("the intro's zone without a time to read it at")

    def entry(self, line: str, base: str | None) -> TimelineEntry | None:
        """One `- time - **Kind:** text` line (or `- **Kind:** text` without a time); None
        when it strays from that shape."""
        when = writer.ENTRY_WHEN.match(line[2:])
        rest = line[2:][when.end() if when else 0 :]
        label = writer.KIND_LABEL.match(rest)
        kind = writer.read_kind_label(label.group(0)) if label else None
        if label and kind is None:
            self.notes.append(
                f"{label.group(0).strip()} in the timeline is not a kind pmwizard knows "
                f"({', '.join(writer.ENTRY_LABELS.values())}): the kind was guessed from the words"
            )
        if kind is None or label is None or (when is not None and base is None):
            return None
        entry = TimelineEntry(kind=kind[0], detected_by=kind[1], text=unescape(rest[label.end() :]))
        self.consumed.append(label.group(0))
        if when is None or base is None:
            return entry
        self.consumed.append(when.group(0))
        self.saw_clock(when["clock"])
        try:
            moment, zone = self.moment(when, base)
        except (ValueError, ArithmeticError):
            return None
        home = moment.astimezone(timezones.get_zone(self.zone))
        own = None if zone == self.zone or when["mark"] == marks.zone_mark(home) else zone
        local = moment.astimezone(timezones.get_zone(own or self.zone))
        return entry.revised(time=local.replace(tzinfo=None, fold=0), zone=own, fold=local.fold)

    def moment(self, when: re.Match[str], base: str) -> tuple[datetime, str]:
        """The instant an entry's time stands for, and the zone it was written in."""
        day = self.day
        if when["month"]:
            year = int(when["year"]) if when["year"] else (day.year if day else None)
            if year is None:
                raise shapes.NotOurs("a day without its year")
            day = datetime.strptime(f"{when['month']} {when['day']} {year}", "%b %d %Y").date()
        if day is None:
            raise shapes.NotOurs("a time without its day")
        found = shapes.at_label(when["mark"] or base, shapes.wall(day, when["clock"]))
        window: Window = self.fields["window"]
        start = window.start_at
        if not when["month"] and not window.dated and start and found[0] < start:
            found = shapes.at_label(
                when["mark"] or base, shapes.wall(day + timedelta(days=1), when["clock"])
            )
        return found

    def check_timeline(self, draft: Postmortem) -> None:
        """Entries as the writer gives them (others are given back), under the intro the
        writer gives (else the whole timeline goes to the general reader)."""
        with_date = writer.spans_days(draft)
        base_at = writer.timeline_base(draft)
        base = marks.zone_label(base_at, draft.window.zone) if base_at else None
        marked = "unless marked" in (self.intro or "")
        if self.intro is not None and writer.intro_text(draft, marked) != self.intro:
            self.entries = []
            self.to_general("timeline")
            return
        for line, entry in list(self.entries):
            when = writer.entry_time_text(entry, draft, with_date, base)
            if writer.entry_line(entry, when) != line:
                self.entries.remove((line, entry))
                self.give_back("timeline", line)

    def to_general(self, section: str) -> None:
        """Leave a whole section to the general reader."""
        if self.template.name != templates.CLASSIC:
            raise _Astray(section)
        self.pending[section] = self.layout.sections[section]
        self.found[section] = False
        if section == "timeline":
            self.entries, self.intro = [], None

    # -- sections of `### Heading` parts (root cause and measures)

    def read_parts(self, section: str, lines: list[str]) -> None:
        """Each part as the writer writes its kind: paragraphs, `- text` items, or tasks
        (`- [ ] text (owner: name; due: date)`)."""
        spec = self.template.section(section)
        found = shapes.subparts(spec, lines)
        for part in spec.parts:
            body = found.get(part.heading, [])
            if part.kind == "text":
                self.set_part(part, shapes.paragraphs(body))
                continue
            items = [line for line in body if line]
            if part.kind == "list":
                if not all(line.startswith("- ") for line in items):
                    raise shapes.NotOurs(f"a line of {part.heading} that is no list item")
                self.set_part(part, [unescape(line[2:]) for line in items])
                continue
            tasks = [shapes.task_of(line) for line in items]
            for task in tasks:
                self.consumed += [f"owner: {task.owner}", f"due: {task.due}"]
                self.consumed += [
                    f"{n}: {getattr(task, n)}" for n in TASK_DETAILS if getattr(task, n)
                ]
            self.set_part(part, tasks)

    def set_part(self, part: Part, value: Any) -> None:
        """Keep what a part holds where the draft holds it (a field, or its `parts`)."""
        if part.path == part.field:
            self.fields[part.field] = value
        elif value:
            self.fields.setdefault("parts", {})[part.field] = value

    def check_parts(self, section: str, draft: Postmortem) -> None:
        if not self.same(draft, section):
            for part in self.template.section(section).parts:
                self.fields[part.field] = "" if part.kind == "text" else []
            self.to_general(section)

    def same(self, draft: Postmortem, section: str) -> bool:
        """True when a section's body is what the writer wrote (blank lines between blocks
        aside; its heading may have been renamed)."""
        text = "\n".join(self.layout.sections[section]).strip("\n")
        body = writer.section_markdown(draft, section, self.template).partition("\n\n")[2]
        return body == re.sub(r"\n{3,}", "\n\n", text)


def _summary_lines(lines: list[str], labels: dict[str, str]) -> int:
    """How many lines open a summary with `**Label:**` lines (blank lines among them)."""
    count = 0
    for number, line in enumerate(lines):
        match = writer.SUMMARY_LINE.fullmatch(line)
        if line and (match is None or match["label"] not in labels):
            break
        count = number + 1
    return count


def _context(window: Window, at: datetime | None) -> list[str]:
    """A summary the general reader reads cleanly, so that it dates and zones the lines it is
    given as the incident's: the start (else `at`) and the minute after, as an offset."""
    start = window.start_at or window.end_at or at
    if start is None:
        return []
    start = start.astimezone(timezones.get_zone(window.zone))
    day = f"{timezones.format_date(start)}, " if window.dated else ""
    after = start + timedelta(minutes=1)
    clocks = f"{writer.clock_text(start)} - {writer.clock_text(after)}"
    duration = f"{day}{clocks} {timezones.format_offset(start.utcoffset())} (1 min)"
    return [f"## {templates.classic().headings['summary']}", "", f"**Duration:** {duration}", ""]


def _section_of(point: str) -> str | None:
    return next((p.section for p in templates.classic().points if p.id == point), None)


def texts_outside(draft: Postmortem, section: str) -> list[str]:
    """Text the general reader put in other sections' fields: kept, never lost."""
    texts = {
        "summary": [draft.service, draft.impact.down, draft.impact.experience],
        "timeline": [e.text for e in draft.timeline],
        "root_cause": [draft.root_cause, draft.resolution],
        "measures": [*draft.improvements, *(f"{t.text} {t.owner or ''}" for t in draft.tasks)],
    }
    texts["summary"].append(draft.root_cause_summary)
    return [t for name, items in texts.items() if name != section for t in items if t.strip()]


def _rezoned(entries: list[TimelineEntry], source: str, target: str) -> list[TimelineEntry]:
    """Entries read as wall-clock times in `source`, as the same instants in `target`."""
    moved = []
    for entry in entries:
        moment = entry.at(source)
        if moment is None or entry.zone:
            moved.append(entry)
            continue
        local = moment.astimezone(timezones.get_zone(target))
        moved.append(entry.revised(time=local.replace(tzinfo=None, fold=0), fold=local.fold))
    return moved
