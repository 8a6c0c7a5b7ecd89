"""Postmortems written in the sections of a template other than classic (an SRE-style
document), read by that template's heading aliases.

A heading names a section or a part when the template's alias for it (or its own heading)
matches the heading's words; what follows it, up to the next heading as high, is that
section's or part's text. The timeline, the incident's times and the title are read by the
general reader, as in any postmortem. Text under a heading that names nothing is kept
unsorted: no word is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wizard import templates
from wizard.importer.blocks import Block, document_blocks
from wizard.importer.export_lines import task_details
from wizard.importer.exported import texts_outside
from wizard.importer.labels import label_name, normal_label
from wizard.importer.result import ImportResult, unsorted_text
from wizard.markdown import counts
from wizard.model import Task

if TYPE_CHECKING:
    from wizard.importer.exported import General
    from wizard.templates.template import Part, Template

_HEADING = re.compile(r"(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_FENCE = re.compile(r"\s*(?:```|~~~)")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)\s*")
_COLUMNS = {
    "text": r"action(?: items?)?|items?|tasks?|description|what",
    "type": r"type|kind|category",
    "priority": r"priority|prio|severity",
    "owner": r"owners?|assignee|responsible|who",
    "due": r"due(?: date)?|deadline|when",
    "link": r"bugs?|links?|tracking(?: link)?|tickets?|issues?|urls?",
}
"""The columns of an action item table, by the task's field they fill."""


def _names(template: Template) -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) for each section and part: its aliases and its own heading."""
    aliases = template.aliases.headings
    found = []
    for name, heading in [
        *((s.id, s.heading) for s in template.sections),
        *((p.field, p.heading) for p in template.parts if p.heading),
    ]:
        patterns = [*aliases.get(name, []), re.escape(normal_label(heading))]
        found.append((name, re.compile("|".join(f"(?:{p})" for p in patterns))))
    return found


def heading_name(template: Template, heading: str) -> str | None:
    """The section or part a heading names in `template`, or None."""
    words = normal_label(heading)
    if not words or len(words) > 60:
        return None
    return next((name for name, pattern in _names(template) if pattern.fullmatch(words)), None)


@dataclass
class _Chunk:
    """A heading and the lines up to the next heading."""

    level: int
    heading: str
    lines: list[str] = field(default_factory=list)


def _chunks(text: str) -> list[_Chunk]:
    """The document cut at its headings, `#` ones and underlined ones (a fenced code block
    is never cut); the first level-1 heading that names nothing is the title, level 0."""
    chunks = [_Chunk(0, "")]
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.fullmatch(line)
        lines = chunks[-1].lines
        underline = None if fenced else _UNDERLINE.fullmatch(line)
        if underline and lines and lines[-1].strip() and (len(lines) == 1 or not lines[-2].strip()):
            chunks.append(_Chunk(1 if line.lstrip()[0] == "=" else 2, lines.pop().strip()))
        elif match:
            chunks.append(_Chunk(len(match["marks"]), match["text"]))
        else:
            lines.append(line)
    return chunks


def _title(chunks: list[_Chunk], template: Template) -> str:
    """The document's title: its first level-1 heading that names no section or part."""
    return next(
        (c.heading for c in chunks if c.level == 1 and heading_name(template, c.heading) is None),
        "",
    )


def sections_named(template: Template, text: str) -> tuple[set[str], set[str]]:
    """The template's sections the document's section headings name (those of the level
    that names the most), and those of them whose heading the classic reader does not know
    (`Trigger`, `Detection`)."""
    chunks = _chunks(text)
    title = _title(chunks, template)
    chunks = [c for c in chunks if c.level and not (c.level == 1 and c.heading == title)]
    if not chunks:
        return set(), set()
    found: dict[int, dict[str, str]] = {}  # level -> heading -> the section it names
    for chunk in chunks:
        name = heading_name(template, chunk.heading)
        if name in template.section_ids:
            found.setdefault(chunk.level, {})[chunk.heading] = name
    if not found:
        return set(), set()
    named = max(found.values(), key=lambda at_level: len(set(at_level.values())))
    own = {name for heading, name in named.items() if not label_name(heading)}
    return set(named.values()), own


def pick(text: str) -> Template | None:
    """The built-in template other than classic whose sections the document follows: its
    section headings name at least half of the template's sections, one of them at least a
    section the classic template has no place for (its heading unknown to the classic
    reader). The first such in BUILTIN order; None for a document the classic reader reads."""
    for name in templates.BUILTIN:
        if name == templates.CLASSIC:
            continue
        template = templates.builtin(name)
        sections, own = sections_named(template, text)
        if own and 2 * len(sections) >= len(template.sections):
            return template
    return None


def read_by_template(text: str, template: Template, general: General) -> ImportResult:
    """A draft of `template` from a document written in its sections."""
    chunks = _chunks(text)
    title = _title(chunks, template)
    owner: dict[str, Part | str] = {
        **{s.id: s.id for s in template.sections},
        **{p.field: p for p in template.parts},
    }
    bodies: dict[str, list[str]] = {}  # part field, or a section id -> lines
    words: dict[str, int] = {}
    unsorted: list[str] = []
    rest: list[str] = []  # the preamble and the timeline, for the general reader
    consumed: list[str] = []
    current: tuple[str, int] | None = None  # the section or part read, and its level
    for chunk in chunks:
        name = heading_name(template, chunk.heading) if chunk.heading else None
        if chunk.level == 1 and chunk.heading == title:
            name, current = None, None
            rest += chunk.lines
            continue
        if name is None and current is not None and chunk.level > current[1]:
            bodies[current[0]] += [f"**{chunk.heading}**", "", *chunk.lines]
            continue
        if name is None:
            current = None
            kept = [chunk.heading, "", *chunk.lines] if chunk.heading else chunk.lines
            (rest if not chunk.heading else unsorted).extend(kept)
            continue
        section = name if name in template.section_ids else _section_of(template, name)
        words[section] = words.get(section, 0) + counts.count_words(
            "\n".join([chunk.heading, "", *chunk.lines])
        )
        current = (name, chunk.level)
        consumed.append(chunk.heading)
        bodies.setdefault(name, []).extend(chunk.lines)
    timeline = [
        line for s in template.sections if s.layout == "timeline" for line in bodies.pop(s.id, [])
    ]
    read = general(_for_general(title, rest, timeline), ())
    got = read.draft
    values: dict[str, Any] = {}
    for name, lines in bodies.items():
        target = owner[name]
        part = target if not isinstance(target, str) else _first_part(template, name)
        if part is None:
            unsorted.append("\n".join(lines))
            continue
        blocks = [b for b in document_blocks("\n".join(lines)) if b.text.strip()]
        consumed += [b.text for b in blocks if b.kind == "head"]
        if part.kind == "tasks":  # read into the tasks' fields, their details' names too
            consumed += [b.text for b in blocks]
        value = _read_part(part, blocks)
        if part.kind == "text" and values.get(part.field):
            value = f"{values[part.field]}\n\n{value}".strip()
        elif part.kind != "text":
            value = [*values.get(part.field, []), *value]
        values[part.field] = value
    fields = {
        p.field: values[p.field] for p in template.parts if p.path == p.field if p.field in values
    }
    parts = {
        p.field: values[p.field] for p in template.parts if p.path != p.field if values.get(p.field)
    }
    kept = [got.unsorted, *texts_outside(got, "timeline"), *(u for u in unsorted if u.strip())]
    emptied: dict[str, Any] = {
        "root_cause_summary": "",
        "service": "",
        "impact": {},
        "root_cause": "",
        "resolution": "",
        "improvements": [],
        "tasks": [],
    }
    for name, value in fields.items():
        emptied[name] = [t.model_dump() for t in value] if name == "tasks" else value
    draft = got.revised(
        **emptied,
        template=template.name,
        parts=parts,
        unsorted=unsorted_text((), kept),
    )
    from wizard.rubric import sections_found

    return ImportResult(
        draft,
        found=sections_found(draft, template),
        words={s: words.get(s, 0) for s in template.section_ids},
        total=counts.count_words(text),
        dated=draft.window.dated,
        consumed=(*read.consumed, *consumed),
        notes=read.notes,
    )


def _section_of(template: Template, part_field: str) -> str:
    return next(s.id for s in template.sections if any(p.field == part_field for p in s.parts))


def _first_part(template: Template, section_id: str) -> Part | None:
    """The part that holds a section's text before its first `###` heading."""
    parts = template.section(section_id).parts
    return parts[0] if parts else None


def _for_general(title: str, rest: list[str], timeline: list[str]) -> str:
    """The document the general reader reads: the title, the preamble and the timeline."""
    lines = [f"# {title}" if title else "", "", *rest]
    if timeline:
        lines += ["", "## Timeline", "", *timeline]
    return "\n".join(lines) + "\n"


def _read_part(part: Part, blocks: list[Block]) -> Any:
    """A part's value from its blocks: paragraphs, list items, or tasks."""
    if part.kind == "text":
        return _paragraphs(blocks)
    if part.kind == "list":
        return _items(blocks)
    return _tasks(blocks)


def _paragraphs(blocks: list[Block]) -> str:
    groups: list[list[str]] = []
    last = None
    for block in blocks:
        text = f"- {block.text}" if block.kind == "item" else block.text
        if block.group != last or not groups:
            groups.append([])
        groups[-1].append(text)
        last = block.group
    return "\n\n".join("\n".join(g) for g in groups)


def _items(blocks: list[Block]) -> list[str]:
    items: list[str] = []
    for block in blocks:
        if block.kind == "cont" and items:
            items[-1] = f"{items[-1]} {block.text}"
        elif block.kind != "head":
            items.append(block.text)
    return items


def _tasks(blocks: list[Block]) -> list[Task]:
    tasks: list[Task] = []
    columns: list[str | None] = []
    for block in blocks:
        if block.kind == "head":
            columns = [_column(cell) for cell in block.text.split(" | ")]
        elif block.kind == "row":
            tasks.append(_task_of_row(block.text.split(" | "), columns))
        elif block.kind == "cont" and tasks:
            tasks[-1] = tasks[-1].revised(text=f"{tasks[-1].text} {block.text}")
        else:
            tasks.append(_task_of_item(block.text, bool(block.checked)))
    return tasks


def _column(cell: str) -> str | None:
    words = normal_label(cell)
    return next((k for k, p in _COLUMNS.items() if re.fullmatch(p, words)), None)


def _task_of_item(text: str, done: bool) -> Task:
    """`text (owner: name; type: prevent)`: the details read where they are valid."""
    cut = text.rfind(" (")
    details = task_details(text[cut:]) if cut > 0 and text.endswith(")") else None
    return _task(text[:cut] if details else text, done, details or {})


def _task_of_row(cells: list[str], columns: list[str | None]) -> Task:
    named: dict[str, str] = {}
    other: list[str] = []
    for n, cell in enumerate(cells):
        column = columns[n] if n < len(columns) else None
        if column is None or column in named or not cell.strip():
            other.append(cell)
        else:
            named[column] = cell.strip()
    text = named.pop("text", "")
    text = " ".join(t for t in [text, *(o for o in other if o.strip())] if t)
    return _task(text, False, named)


def _task(text: str, done: bool, details: dict[str, str]) -> Task:
    """A task; a detail the model refuses (a type that is none of the four) stays in its
    text, so that nothing is lost."""
    kept: dict[str, Any] = {}
    for key, value in details.items():
        value = value.strip()
        if key == "type":
            value = value.lower()
        try:
            Task.model_validate({key: value})
        except ValueError:
            text = f"{text} ({key}: {value})"
            continue
        kept[key] = value
    return Task.model_validate({"text": text, "done": done, **kept})
