"""Files the blocks of a document into the parts of a draft as it meets headings and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from wizard import templates
from wizard.importer import times, updates
from wizard.importer.blocks import Block, wraps
from wizard.importer.labels import SECTION_LABELS, SUMMARY_FIELDS, Label, find_label
from wizard.markdown import counts
from wizard.model import TimelineEntry
from wizard.time import zone_names

SECTIONS = templates.classic().section_ids
_ASSIGNMENT = re.compile(
    r"must contain|made of\s*:|\(that is often what executives will read\)|be brief and straight"
    r"|between 400 (?:to|and) 600 words|format bullet point|make your post-?mortem attractive"
    r"|using one of the web stack debugging project|a list of tasks to"
    r" address the issue \(be very specific|tough to get people to read you|remember that these"
    r" blogs must be written"
)
"""Matched against lower-cased text (much faster than ignoring case)."""
_REQUIREMENTS = re.compile(r"\s*requirements\s*:?\s*$")
_TASK_HEADER = re.compile(r"\s*task\s+\d+\s*\.?\s*", re.IGNORECASE)
_INLINE_FIELD = re.compile(
    r"(?<=\S)\s+(?=(?:impact|root cause|duration|user impact)\s*:)", re.IGNORECASE
)
_LABEL_LEVEL = 7
"""The level of a section opened by a label line: any real heading ends it."""
_ROOT_CAUSE_PARTS = frozenset({"root_cause", "resolution"})
_MARKED_UP = frozenset({"root_cause", "measures"})
_MEASURES_PARTS = frozenset({"improvements", "tasks", "task", "owner", "due"})


@dataclass
class Part:
    """A piece of text as the reader filed it: where, from which kind of block, which group."""

    slot: str
    kind: str
    group: int
    text: str
    checked: bool | None = None
    level: int = 0
    fresh: bool = False
    counted: bool = True


@dataclass
class Reader:
    """Files the blocks of a document into the parts of a draft, section by section."""

    blocks: list[Block]
    section: str = "intro"
    level: int = 0
    slot: str = ""
    field_group: int = 0
    question: bool = False
    parts: dict[str, list[Part]] = field(default_factory=dict)
    pieces: list[times.Piece] = field(default_factory=list)
    around: tuple[TimelineEntry, ...] = ()
    """Timeline entries read already (kinds kept), context for guessing the pieces' kinds."""
    timeline_zone: str | None = None
    unknown_zone: str | None = None
    timeline_day: date | None = None
    timeline_year: bool = False  # the date heading above (`timeline_day`) wrote its year
    noted_day: date | None = None
    page_day: tuple[date, bool] | None = None
    """The date of a page's own stamp (`Posted Dec 16, 2023`) and whether it has its year."""
    """The day a note gives for the whole timeline; entries after midnight take the next."""
    found: set[str] = field(default_factory=set)
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    total: int = 0
    consumed: list[str] = field(default_factory=list)
    previous: Block | None = None
    meta_title: str = ""
    index: int = 0
    table_return: tuple[str, int, str] | None = None
    """Where a timeline table found outside the timeline interrupted the reading."""
    dayfirst: bool = False
    """How numeric dates read (pasted timeline lines follow the author's setting)."""

    def read(self) -> None:
        """File every block."""
        for index, block in enumerate(self.blocks):
            self.index = index
            self.feed(block)

    def ahead(self) -> Block | None:
        """The block after the one being filed."""
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None

    def list_ahead(self) -> bool:
        """True when a list follows the block being filed."""
        following = self.ahead()
        return following is not None and following.kind == "item"

    def add(self, where: str, part: Part) -> None:
        """File `part` under `where` (a section, `intro` or `unsorted`)."""
        self.parts.setdefault(where, []).append(part)

    def feed(self, block: Block) -> None:
        """File one block and count its words into the section it landed in."""
        if block.kind in ("update", "stamp"):
            self.stamped(block)
        else:
            self.handle(block)
        if block.counted:
            count = counts.words_in(block.text)
            section = self.section
            if block.kind == "update":
                count, section = count + counts.words_in(block.source), "timeline"
            self.total += count
            if section in self.words:
                self.words[section] += count

    def stamped(self, block: Block) -> None:
        """A status-page update becomes a timeline entry at its stamp, wherever it stands; a
        page's own stamp (`Posted ...`) is read as structure, its date kept for the text."""
        found = updates.stamp_of(Block("line", block.source or block.text))
        assert found is not None
        stamp = found[1]
        self.consumed.append(block.source or block.text)
        if block.kind == "stamp":
            self.page_day = self.page_day or (stamp.value.date(), stamp.has_year)
            return
        self.found.add("timeline")
        self.pieces.append(times.Piece(self.dated(stamp), block.text, block.source))

    def handle(self, block: Block) -> None:
        """A label opens a section or a field; anything else is content where we are.

        An assignment's question (`Timeline ... must contain:`) is kept unsorted until the
        next heading or section label; a hard-wrapped line never reads as a label.
        """
        lower = block.text.lower()
        if block.kind != "heading" and (_ASSIGNMENT.search(lower) or _REQUIREMENTS.match(lower)):
            self.question = True
        previous, self.previous = self.previous, block
        if previous is not None and _wrapped(previous, block):
            self.content(block, block.text)
            return
        if _TASK_HEADER.fullmatch(block.text):
            self.section, self.level = "other", 1
            self.add("unsorted", Part("", block.kind, block.group, block.text))
            return
        if self.measures_intro(block):
            return
        if self.timeline_table(block):
            self.content(block, block.text)
            return
        label = find_label(block)
        if self.question:
            strong = label is not None and not label.rest and label.name in SECTION_LABELS
            if block.kind != "heading" and not strong:
                self.add("unsorted", Part("", block.kind, block.group, block.text))
                return
            self.question = False
        if label is not None and self.apply(label, block):
            return
        self.content(block, block.text)

    def measures_intro(self, block: Block) -> bool:
        """A sentence that announces a list of lessons or action items (`The lessons we are
        taking away are as follows:`) opens the measures outside the four sections."""
        text = block.text.strip()
        if block.kind != "line" or self.section not in ("other", "intro", "root_cause"):
            return False
        if not (text.endswith(":") and _MEASURES_INTRO.search(text) and self.list_ahead()):
            return False
        slot = "improvements" if "lesson" in text.lower() else "auto"
        self.open("measures", block, Label("measures", "", "", ""), slot)
        self.add("unsorted", Part("", block.kind, block.group, text))
        return True

    def timeline_table(self, block: Block) -> bool:
        """A table whose first column is the time (`Time (UTC) | Status | Description`) is the
        timeline wherever it stands; the section before it goes on after the table."""
        if block.kind == "head" and self.section != "timeline" and _TIME_COLUMN.match(block.text):
            self.table_return = (self.section, self.level, self.slot)
            self.section, self.slot = "timeline", "auto"
            self.found.add("timeline")
            return True
        if self.table_return is not None:
            if block.kind == "row":
                return True
            self.section, self.level, self.slot = self.table_return
            self.table_return = None
        return False

    # -- labels

    def open(self, section: str, block: Block, label: Label, slot: str = "auto") -> None:
        """Start filing into `section`; a heading's level says which later heading ends it."""
        level = block.level if block.kind == "heading" else _LABEL_LEVEL
        if section != self.section or level <= self.level:
            self.level = level
        self.section, self.slot = section, slot
        self.field_group = 0
        if section in SECTIONS:
            self.found.add(section)
            self.consumed.append(label.written)
        if section == "timeline" and label.extra:
            self.timeline_zone = times.zone_note(label.extra) or self.timeline_zone

    def apply(self, label: Label, block: Block) -> bool:
        """File a labelled block; False when the label is just text in this context."""
        name, standalone = label.name, not label.rest
        heading = block.kind == "heading" or (standalone and block.text.rstrip().endswith("?"))
        if name == "unknown":
            return self.unknown_heading(block, label)
        if name == "conclusion" or (name == "other" and (heading or standalone)):
            self.open("other", block, label)
            self.add("unsorted", Part("", block.kind, block.group, block.text))
            return True
        if name == "other":
            return False
        if name == "remediation":
            name = "tasks" if self.list_ahead() else "resolution"
            label = replace(label, name=name)
        if name in SECTION_LABELS:
            section = "root_cause" if name == "rcr" else name
            slot = "improvements" if "lesson" in block.text.lower() else "auto"
            self.open(section, block, label, slot)
            self.rest(block, label)
            return True
        return self.weak(label, block, heading, standalone)

    def unknown_heading(self, block: Block, label: Label) -> bool:
        """A heading that names no known section: a sub-heading, a new part, or the title area."""
        if not block.text.strip():
            return True
        top = self.section in ("intro", "other") and not (self.found & set(SECTIONS))
        if block.level <= 1 and top:
            self.section, self.level = "intro", 0
            return False
        if self.section == "intro" or block.level > self.level:
            return False
        self.open("other", block, label)
        self.add("unsorted", Part("", block.kind, block.group, block.text))
        return True

    def weak(self, label: Label, block: Block, heading: bool, standalone: bool) -> bool:
        """Labels whose meaning depends on where they stand (`Root Cause:`, `Tasks:` ...)."""
        switch = heading or (standalone and block.kind != "item")
        if label.name in ("task", "owner", "due"):
            return self.task_label(label, block)
        if _sub_heading(self, label, block):
            return False
        if self.section == "timeline" and not switch:
            return False
        in_summary = self.section == "summary" and not heading and label.name in _ROOT_CAUSE_PARTS
        if label.name in SUMMARY_FIELDS or in_summary:
            return self.summary_label(label, block, heading, standalone)
        return self.part_label(label, block, switch or standalone)

    def task_label(self, label: Label, block: Block) -> bool:
        """`Task:`, `Owner:`, `Due:` lines: parts of a task, only among the measures."""
        if self.section != "measures":
            return False
        part = Part(label.name, block.kind, block.group, label.rest, level=block.level, fresh=True)
        self.add("measures", part)
        self.consumed.append(label.written)
        return True

    def summary_label(self, label: Label, block: Block, heading: bool, standalone: bool) -> bool:
        """A summary field (`Duration:`, `Impact:` ...): in the summary, or opening it from a
        heading, the opening or an unknown part."""
        if self.section != "summary" and not (heading or self.section in ("intro", "other")):
            return False
        if self.section != "summary":
            self.open("summary", block, label)
        self.slot = label.name
        self.field_group = 0 if standalone else block.group
        self.found.add("summary")
        self.consumed.append(label.written)
        self.rest(block, label)
        return True

    def part_label(self, label: Label, block: Block, switch: bool) -> bool:
        """A root cause, resolution or measures label: a new part of its section, which it
        opens when it stands alone or the reader is outside the four sections."""
        target = "root_cause" if label.name in _ROOT_CAUSE_PARTS else "measures"
        if self.section != target:
            if not (switch or self.section in ("intro", "other", "root_cause")):
                return False
            self.open(target, block, label, label.name)
        else:
            self.slot = label.name
            self.consumed.append(label.written)
        self.rest(block, label)
        return True

    def rest(self, block: Block, label: Label) -> None:
        """The text after a label; a second summary label later on the line starts anew."""
        if not label.rest:
            return
        split = _INLINE_FIELD.search(label.rest) if self.section == "summary" else None
        if split is None:
            self.content(block, label.rest, fresh=True)
            return
        if label.rest[: split.start()].strip():
            self.content(block, label.rest[: split.start()], fresh=True)
        self.handle(Block(block.kind, label.rest[split.end() :], block.level, block.group))

    # -- content

    def content(self, block: Block, text: str, fresh: bool = False) -> None:
        """File text into the current section and slot (`fresh`: it followed a label). A whole
        line of the root cause or the measures keeps its inline Markdown."""
        section = self.section
        if block.source and text == block.text and section in _MARKED_UP:
            text = block.source
        if block.kind == "figure" and section != "intro":
            self.add("unsorted", Part("", block.kind, block.group, text))
        elif section == "intro":
            part = Part("", block.kind, block.group, text, level=block.level, counted=block.counted)
            self.add("intro", part)
        elif section == "other":
            self.add("unsorted", Part("", block.kind, block.group, text))
        elif section == "timeline":
            self.timeline_block(block, text)
        elif section == "summary":
            if self.field_group and block.group != self.field_group:
                self.slot, self.field_group = "prose", 0
            self.add("summary", Part(self.slot, block.kind, block.group, text))
        else:
            part = Part(self.slot, block.kind, block.group, text, block.checked, block.level, fresh)
            self.add(section, part)

    def timeline_block(self, block: Block, text: str | None = None) -> None:
        """Timeline text: entries at each time that starts a line, rows of a table, notes."""
        text = block.text if text is None else text
        if block.kind == "head":
            self.table_head(text)
        elif block.kind == "row":
            self.pieces.append(self.row_piece(text))
        elif strange := times.unknown_note_zone(text):
            self.unknown_zone = self.unknown_zone or strange
            self.add("unsorted", Part("", block.kind, block.group, text))
        elif not self.timeline_note(text):
            self.timeline_text(block, text)

    def table_head(self, text: str) -> None:
        """A timeline table's head is structure; `Time (BRT)` names the timeline's zone."""
        column = _TIME_COLUMN.match(text)
        zone = column and column["zone"] and zone_names.zone_from_text(column["zone"])
        self.timeline_zone = self.timeline_zone or zone or None
        self.consumed.append(text)

    def timeline_text(self, block: Block, text: str) -> None:
        """Entries at each time that starts a line (or, failing that, stands inside it); text
        without a time goes on with the entry before when it continues it."""
        for index, piece in enumerate(times.split_timed(text, self.dayfirst)):
            last = self.pieces[-1] if self.pieces else None
            inner = _inner_stamp(last, piece)
            if index == 0 and last is not None and not inner and _continues(last, piece, block):
                glue = ": " if block.kind == "item" and last.text[-1:].isalnum() else " "
                last.text = f"{last.text}{glue}{piece.text}".strip()
                continue
            if piece.stamp is not None:
                self.consumed.append(piece.lead)
            stamp = piece.stamp or inner
            piece.stamp = self.dated(stamp) if stamp else None
            self.pieces.append(piece)

    def timeline_note(self, text: str) -> bool:
        """A line of the timeline that says the zone (`All times in CET.`) or the date of the
        entries (`### 2020-02-20`, `Unless otherwise noted all events happened on ...`)."""
        zone = times.zone_note(text) if len(text.split()) <= 8 else None
        day = times.find_date(text) if times.DATE_ONLY.fullmatch(text.strip(" *:#")) else None
        noted = times.day_note(text) if not (zone or day) else None
        if not (zone or day or noted):
            return False
        self.timeline_zone = self.timeline_zone or zone
        if day:
            self.timeline_day, self.timeline_year = day
        self.noted_day = noted or self.noted_day
        self.consumed.append(text)
        return True

    def dated(self, stamp: times.Stamp) -> times.Stamp:
        """A time alone under a date heading (`### 2020-02-20`) takes that date (and its year
        only when the heading wrote one: `### Mar 5` leaves it to the incident's)."""
        if stamp.has_date or self.timeline_day is None:
            return stamp
        day = self.timeline_day
        value = stamp.value.replace(year=day.year, month=day.month, day=day.day)
        return replace(stamp, value=value, has_date=True, has_year=self.timeline_year)

    def row_piece(self, text: str) -> times.Piece:
        """A table row: the first cell (or two) the time, the rest the text."""
        cells = [cell.strip() for cell in text.split(" | ")]
        for width in (1, 2):
            when = " ".join(cells[:width]).rstrip("+ ")
            span = _RANGE.fullmatch(when)
            match = times.MOMENT.fullmatch(span["first"] if span else when)
            stamp = times.stamp_from(match, dayfirst=self.dayfirst) if match else None
            if stamp is not None:
                self.consumed.append(" ".join(cells[:width]))
                rest = " | ".join(c for c in cells[width:] if c)
                rest += f" (until {span['last']})" if span else ""
                return times.Piece(self.dated(stamp), rest)
        return times.Piece(None, ": ".join(c for c in cells if c.strip(" .…")))


_MEASURES_INTRO = re.compile(
    r"\b(?:lessons?|action items?|follow[- ]?ups?|next steps|to-?dos?|we (?:will|plan to|are going"
    r" to)|going forward|to prevent|prevent (?:this|it|a)|improvements?)\b",
    re.IGNORECASE,
)
_TIME_COLUMN = re.compile(
    r"\s*(?:date\s*(?:/|and|&)?\s*)?(?:time(?:stamp)?|when)\s*(?:\((?P<zone>[^()|]*)\))?\s*(?:\||$)",
    re.IGNORECASE,
)
"""A table head whose first column holds the times: `Time (BRT) | ...`, `Date/time | ...`."""
_RANGE = re.compile(r"(?P<first>.*?\d{1,2}:\d{2})\s*[-–—]\s*(?P<last>\d{1,2}:\d{2}.*)")
"""`23:05-01:30`, a table row's time written as a range: the entry is at its start."""


def _sub_heading(reader: Reader, label: Label, block: Block) -> bool:
    """A heading inside the measures naming a kind of action item (`### Detection`,
    `### Mitigation`), not a part of another section."""
    inside = reader.section == "measures" and block.kind == "heading" and block.level > reader.level
    return inside and label.name not in _MEASURES_PARTS


def _wrapped(previous: Block, block: Block) -> bool:
    """True when `block` is the hard-wrapped rest of the paragraph line before it."""
    same_paragraph = previous.group == block.group and block.kind == "line"
    return same_paragraph and wraps(previous.text, block.text)


def _inner_stamp(last: times.Piece | None, piece: times.Piece) -> times.Stamp | None:
    """The first time inside an untimed line of the timeline (`Staff were paged at 12:14am
    UTC`), which then is an entry of its own; None for a line that goes on a wrapped one."""
    if piece.stamp is not None or (last is not None and wraps(last.text, piece.text)):
        return None
    stamps = times.find_stamps(piece.text)
    return stamps[0] if stamps else None


def _continues(last: times.Piece, piece: times.Piece, block: Block) -> bool:
    """True when untimed text goes on with the entry before: text after a timed entry, a
    nested bullet or an item's paragraph, or a hard-wrapped line."""
    if piece.stamp is not None:
        return False
    if block.kind == "line":
        return (last.stamp is not None and bool(last.lead)) or wraps(last.text, piece.text)
    return block.kind in ("cont", "code", "figure") or (block.kind == "item" and block.level > 0)
