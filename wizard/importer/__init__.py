"""Postmortems people already wrote (Markdown or plain text) -> drafts, through mistune's AST."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard import templates
from wizard.drafts import MAX_BYTES, DraftError, read_bytes
from wizard.importer.blocks import document_blocks
from wizard.importer.build import Builder
from wizard.importer.by_template import pick, read_by_template
from wizard.importer.export_lines import labelled as labelled_entry
from wizard.importer.exported import read_export
from wizard.importer.front import split_front_matter
from wizard.importer.reader import Part, Reader
from wizard.importer.result import ImportResult
from wizard.importer.times import Piece, entries_from
from wizard.importer.updates import read_updates
from wizard.markdown import counts
from wizard.markdown.escape import escape_block
from wizard.model import TimelineEntry
from wizard.textsafe import clean_text

if TYPE_CHECKING:
    from wizard.templates.template import Template

# --- reading the file ----------------------------------------------------------------------


def read_source(path: Path) -> str:
    """The text of a file, or DraftError with one line naming it (folder, empty, binary ...)."""
    raw = read_bytes(path, "postmortem", "no file", limit=MAX_BYTES)
    text = decode(raw)
    if text is None:
        raise DraftError(f"{path} is not text (binary data); give a Markdown or text file")
    if not text.strip():
        raise DraftError(f"{path} is empty: there is nothing to import")
    return text


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def decode(raw: bytes) -> str | None:
    """Text from bytes: a BOM's encoding, else UTF-8, else cp1252, else Latin-1; None if binary."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _textual(raw.decode(encoding))
            except UnicodeDecodeError:
                return None
    if b"\x00" in raw:
        return _utf16(raw)
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return _textual(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return None


def _utf16(raw: bytes) -> str | None:
    """UTF-16 saved without a BOM (every other byte zero), else None: NUL bytes mean binary."""
    half = len(raw) // 2
    for zeros, encoding in ((raw[1::2], "utf-16-le"), (raw[0::2], "utf-16-be")):
        if half and zeros.count(0) >= 0.9 * half and len(raw) % 2 == 0:
            try:
                return _textual(raw.decode(encoding))
            except UnicodeDecodeError:
                return None
    return None


def _textual(text: str) -> str | None:
    """`text` unless control characters show it is binary data read as text."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        return None
    return text


def import_file(path: Path, template: Template | None = None) -> ImportResult:
    """A draft from a postmortem file; DraftError (one line naming the file) if unreadable."""
    return import_text(read_source(Path(path)), template)


def import_text(text: str, template: Template | None = None) -> ImportResult:
    """A draft from postmortem text (pasted, or read from a file); pmwizard's own export is
    read by its layout, exactly, anything else by the general reader's headings and labels.

    The draft follows `template` when given; else the built-in template whose export the
    text is, else the one whose sections its headings follow (see by_template.pick), else
    classic. DraftError (one line) for a date at the calendar's ends that could not be
    handled."""
    text = clean_text(text)
    if template is None:
        for name in templates.BUILTIN:
            if exported := read_export(text, read_written, templates.builtin(name)):
                return exported
        template = pick(text)
        return read_by_template(text, template, read_written) if template else read_written(text)
    exported = read_export(text, read_written, template)
    if exported is not None:
        return exported
    if template.name == templates.CLASSIC:
        return read_written(text)
    return read_by_template(text, template, read_written)


def read_written(text: str, around: Sequence[TimelineEntry] = ()) -> ImportResult:
    """A draft from any written postmortem, by its headings and labels; timeline entries
    that start with a kind's label (`Escalation:`) take that kind, and the others' kinds are
    guessed with them and `around` (entries read already, kinds kept) as context."""
    result = _read_general(text, around)
    labelled = [labelled_entry(e) for e in result.draft.timeline]
    if not any(label for _, label in labelled):
        return result
    draft = result.draft.revised(timeline=[e.model_dump() for e, _ in labelled])
    consumed = (*result.consumed, *(label for _, label in labelled if label))
    return replace(result, draft=draft, consumed=consumed)


def _read_general(text: str, around: Sequence[TimelineEntry] = ()) -> ImportResult:
    front = split_front_matter(text)
    reader = Reader(read_updates(list(document_blocks(front.body if front else text))))
    reader.around = tuple(around)
    if front is not None:
        reader.meta_title = front.title
        reader.consumed.append(front.written)
        if front.rest:
            reader.add("unsorted", Part("", "line", 0, front.rest))
    reader.read()
    try:
        return Builder(reader).result()
    except OverflowError:  # a date at the calendar's ends that some step could not move
        raise DraftError(
            "the text holds a date pmwizard cannot use (near year 1 or 9999)"
        ) from None


_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_TIMED_LINE = re.compile(r"\s*(?:\d{4}-\d\d-\d\d[ T]?)?\d{1,2}:\d\d(?!\d)")


def _pasted_lines(text: str) -> str:
    """Pasted lines as Markdown where each line beginning with a time starts an entry: after
    a list item, Markdown would take such a line as more of the item's text (and every timed
    line after it), so a blank line ends the list first."""
    lines, in_item = [], False
    for line in text.splitlines():
        if not line.strip():
            in_item = False
        elif _LIST_ITEM.match(line):
            in_item = True
        elif in_item and _TIMED_LINE.match(line) and "|" not in line:
            lines.append("")
            in_item = False
        lines.append(line)
    return "\n".join(lines)


def timeline_pieces(text: str, dayfirst: bool = False) -> list[Piece]:
    """Timeline pieces (a time as written, and the text) from pasted lines or a table;
    `dayfirst` orders numeric dates as the author set."""
    reader = Reader([], dayfirst=dayfirst)
    reader.section = "timeline"
    for block in document_blocks(_pasted_lines(clean_text(text))):
        reader.timeline_block(block)
    return reader.pieces


_WORD = re.compile(r"[^\W_]+")
_MARKUP = re.compile(r"[*_`~\[\\&<]")


def missing_words(text: str, result: ImportResult) -> Counter[str]:
    """Words of the source's prose (each occurrence, any case) that are neither in the draft
    nor in what was read as structure: what an import lost, which should be nothing.
    Control characters, which a draft never holds, are dropped from the source first. Draft
    text may keep inline Markdown (`` `p`in ``), so its prose (as typed, and as the export
    writes it), or its text without the marks, counts as kept too."""
    kept = [*_strings(result.draft.model_dump(mode="json")), *result.consumed]
    marked = [k for k in kept if _MARKUP.search(k)]
    # Kept as the reader's prose, and with the marks simply dropped (`0**Response:**` is the
    # word `0Response` where the source's marks did not parse as emphasis).
    kept += [counts.prose(counts.parse(k)) for k in marked]
    kept += [counts.prose(counts.parse(escape_block(k))) for k in marked]  # as exported
    kept += [_MARKUP.sub("", k) for k in marked]
    prose = counts.prose(counts.parse(clean_text(text)))
    source = Counter(w.casefold() for w in _WORD.findall(prose))
    return source - Counter(w.casefold() for w in _WORD.findall("\n".join(kept)))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def parse_entries(
    text: str,
    start: datetime | None,
    zone: str,
    around: Sequence[TimelineEntry] = (),
    dayfirst: bool = False,
) -> list[TimelineEntry]:
    """Timeline entries from pasted text; see wizard.timeline.parse_entries."""
    return entries_from(timeline_pieces(text, dayfirst), start, zone, around=around)
