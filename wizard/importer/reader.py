"""Files the blocks of a document into the parts of a draft as it meets headings and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wizard.importer import times
from wizard.importer.blocks import Block, wraps
from wizard.importer.labels import SECTION_LABELS, SUMMARY_FIELDS, Label, find_label
from wizard.markdown import counts, writer

SECTIONS = writer.SECTIONS
_ASSIGNMENT = re.compile(
    r"must contain|made of\s*:|\(that is often what executives will read\)|be brief and straight"
    r"|between 400 (?:to|and) 600 words|format bullet point|make your post-?mortem attractive"
    r"|using one of the web stack debugging project|^\s*requirements\s*:?\s*$|a list of tasks to"
    r" address the issue \(be very specific|tough to get people to read you|remember that these"
    r" blogs must be written",
    re.IGNORECASE,
)
_TASK_HEADER = re.compile(r"\s*task\s+\d+\s*\.?\s*", re.IGNORECASE)
_INLINE_FIELD = re.compile(
    r"(?<=\S)\s+(?=(?:impact|root cause|duration|user impact)\s*:)", re.IGNORECASE
)
_LABEL_LEVEL = 7
"""The level of a section opened by a label line: any real heading ends it."""
_ROOT_CAUSE_PARTS = frozenset({"root_cause", "resolution"})
_MARKED_UP = frozenset({"root_cause", "measures"})


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
    timeline_zone: str | None = None
    unknown_zone: str | None = None
    timeline_day: date | None = None
    found: set[str] = field(default_factory=set)
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    total: int = 0
    consumed: list[str] = field(default_factory=list)
    previous: Block | None = None
    meta_title: str = ""
    dayfirst: bool = False

    def read(self) -> None:
        """File every block."""
        for block in self.blocks:
            self.feed(block)

    def add(self, where: str, part: Part) -> None:
        """File `part` under `where` (a section, `intro` or `unsorted`)."""
        self.parts.setdefault(where, []).append(part)

    def feed(self, block: Block) -> None:
        """File one block and count its words into the section it landed in."""
        self.handle(block)
        if block.counted:
            count = counts.words_in(block.text)
            self.total += count
            if self.section in self.words:
                self.words[self.section] += count

    def handle(self, block: Block) -> None:
        """A label opens a section or a field; anything else is content where we are.

        An assignment's question (`Timeline ... must contain:`) is kept unsorted until the
        next heading or section label; a hard-wrapped line never reads as a label.
        """
        if block.kind != "heading" and _ASSIGNMENT.search(block.text):
            self.question = True
        previous, self.previous = self.previous, block
        if previous is not None and _wrapped(previous, block):
            self.content(block, block.text)
            return
        if _TASK_HEADER.fullmatch(block.text):
            self.section, self.level = "other", 1
            self.add("unsorted", Part("", block.kind, block.group, block.text))
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

    # -- labels

    def open(self, section: str, block: Block, label: Label, slot: str = "auto") -> None:
        """Start filing into `section`; a heading's level says which later heading ends it."""
        self.section, self.slot = section, slot
        self.level = block.level if block.kind == "heading" else _LABEL_LEVEL
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
        name, section = label.name, self.section
        switch = heading or (standalone and block.kind != "item")
        if name in ("task", "owner", "due"):
            if section != "measures":
                return False
            part = Part(name, block.kind, block.group, label.rest, level=block.level, fresh=True)
            self.add("measures", part)
            self.consumed.append(label.written)
            return True
        if section == "timeline" and not switch:
            return False
        in_summary = section == "summary" and not heading and name in _ROOT_CAUSE_PARTS
        if name in SUMMARY_FIELDS or in_summary:
            if section != "summary" and not (heading or section in ("intro", "other")):
                return False
            if section != "summary":
                self.open("summary", block, label)
            self.slot = name
            self.field_group = 0 if standalone else block.group
            self.found.add("summary")
            self.consumed.append(label.written)
            self.rest(block, label)
            return True
        target = "root_cause" if name in _ROOT_CAUSE_PARTS else "measures"
        if section != target:
            if not (switch or standalone or section in ("intro", "other", "root_cause")):
                return False
            self.open(target, block, label, name)
        else:
            self.slot = name
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
            self.consumed.append(text)
            return
        if block.kind == "row":
            self.pieces.append(self.row_piece(text))
            return
        if strange := times.unknown_note_zone(text):
            self.unknown_zone = self.unknown_zone or strange
            self.add("unsorted", Part("", block.kind, block.group, text))
            return
        zone = times.zone_note(text) if len(text.split()) <= 8 else None
        day = times.find_date(text) if times.DATE_ONLY.fullmatch(text.strip(" *:#")) else None
        if zone or day:
            self.timeline_zone = self.timeline_zone or zone
            self.timeline_day = day[0] if day else self.timeline_day
            self.consumed.append(text)
            return
        for index, piece in enumerate(times.split_timed(text, self.dayfirst)):
            last = self.pieces[-1] if self.pieces else None
            if index == 0 and last is not None and _continues(last, piece, block):
                glue = ": " if block.kind == "item" and last.text[-1:].isalnum() else " "
                last.text = f"{last.text}{glue}{piece.text}".strip()
                continue
            if piece.stamp is not None:
                self.consumed.append(piece.lead)
                piece.stamp = self.dated(piece.stamp)
            self.pieces.append(piece)

    def dated(self, stamp: times.Stamp) -> times.Stamp:
        """A time alone under a date heading (`### 2020-02-20`) takes that date."""
        if stamp.has_date or self.timeline_day is None:
            return stamp
        value = stamp.value.replace(
            year=self.timeline_day.year, month=self.timeline_day.month, day=self.timeline_day.day
        )
        return times.Stamp(stamp.written, value, True, stamp.zone, stamp.has_ampm)

    def row_piece(self, text: str) -> times.Piece:
        """A table row: the first cell (or two) the time, the rest the text."""
        cells = [cell.strip() for cell in text.split(" | ")]
        for width in (1, 2):
            when = " ".join(cells[:width]).rstrip("+ ")
            match = times.MOMENT.fullmatch(when)
            stamp = times.stamp_from(match, dayfirst=self.dayfirst) if match else None
            if stamp is not None:
                self.consumed.append(" ".join(cells[:width]))
                rest = " | ".join(c for c in cells[width:] if c)
                return times.Piece(self.dated(stamp), rest)
        return times.Piece(None, ": ".join(c for c in cells if c.strip(" .…")))


def _wrapped(previous: Block, block: Block) -> bool:
    """True when `block` is the hard-wrapped rest of the paragraph line before it."""
    same_paragraph = previous.group == block.group and block.kind == "line"
    return same_paragraph and wraps(previous.text, block.text)


def _continues(last: times.Piece, piece: times.Piece, block: Block) -> bool:
    """True when untimed text goes on with the entry before: text after a timed entry, a
    nested bullet or an item's paragraph, or a hard-wrapped line."""
    if piece.stamp is not None:
        return False
    if block.kind == "line":
        return last.stamp is not None or wraps(last.text, piece.text)
    return block.kind in ("cont", "code", "figure") or (block.kind == "item" and block.level > 0)
