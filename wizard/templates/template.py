"""A postmortem template as data: its sections, how each is written, its rubric points and the
words an import recognises. Built-in templates and a team's own files are read into this."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from wizard.model import Kind, Postmortem, new_dict, new_list
from wizard.textsafe import line_problem

PartKind = Literal["text", "list", "tasks"]
Layout = Literal["summary", "timeline", "parts"]
Check = Literal[
    "filled",
    "words",
    "items",
    "timeline_kind",
    "sentences",
    "short_entries",
    "total_words",
    "window",
    "share",
    "detected_at",
    "detected_by",
]
"""How a point is judged: the general kinds (a field filled, a minimum of words, a list with
at least N items, a timeline with an entry of a kind, at most N sentences, the document's
word range) and the window and detection points of the summary and timeline."""

SummaryName = Literal[
    "duration", "response", "service", "down", "experience", "percent", "root_cause"
]
"""The lines a summary section can hold, each written from the draft by the Markdown writer."""

DOCUMENT = "document"
"""The section of points about the whole document (the word range)."""
RESERVED_IDS = (DOCUMENT, "review")
"""Names no section may take: the points about the whole document, the wizard's last step."""

FIELD_NAMES = {
    "title": "Title",
    "service": "Service",
    "impact.down": "What was down",
    "impact.experience": "What users saw",
    "root_cause_summary": "Root cause in brief",
    "root_cause": "Root cause",
    "resolution": "Resolution",
    "improvements": "Improvements",
    "tasks": "Tasks",
    "unsorted": "Unsorted",
}
"""The form's name of each draft field a template's parts may not name."""
ITEM_NAMES = {"timeline": "Entry", "tasks": "Task", "improvements": "Improvement"}
"""What one item of a list field is called where no part names it."""


def _one_of(name: str) -> str:
    """One item of a list called `name`: `Action Items` -> `Action Item`."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


# The draft's fields a part may hold, by the kind of part.
PART_FIELDS: dict[str, PartKind] = {
    "root_cause_summary": "text",
    "root_cause": "text",
    "resolution": "text",
    "improvements": "list",
    "tasks": "tasks",
}


def _identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError(f"{value!r} is not a name: use lower-case letters, digits and _")
    return value


def _one_line(value: str) -> str:
    problem = line_problem(value)
    if problem is not None:
        raise ValueError(
            f"holds {problem}: a template's text is shown and written as one line of plain text"
        )
    return value


def _field_path(value: str) -> str:
    head = value.partition(".")[0]
    if head not in Postmortem.model_fields or head == "schema_version":
        raise ValueError(f"{value!r} is not a field of a draft")
    return value


def _patterns(values: list[str]) -> list[str]:
    for value in values:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"{value!r} is not a regular expression: {error}") from None
    return values


def _check_point_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,9}", value):
        raise ValueError(f"{value!r} is not a point id like S1 or AI2")
    return value


Name = Annotated[str, AfterValidator(_identifier)]
Line = Annotated[str, AfterValidator(_one_line)]
"""A text shown on screen and written to the export: a heading, a label, a point's reason."""
FieldPath = Annotated[str, AfterValidator(_field_path)]
Patterns = Annotated[list[str], AfterValidator(_patterns)]


class TemplateModel(BaseModel):
    """Base of a template's parts: frozen, unknown keys refused (a typo is an error)."""

    # Built on first validation: the built-in templates are made without it (see `built`).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Part(TemplateModel):
    """One `### Heading` part of a section and the draft field it writes: one of the draft's
    own (PART_FIELDS), or any other name, whose text or list the draft keeps in its `parts`
    by that name. A part without a heading is written straight under the section's."""

    field: Name
    heading: Line = ""
    kind: PartKind

    @model_validator(mode="after")
    def _known_field(self) -> Part:
        kind = PART_FIELDS.get(self.field)
        if kind is None and self.kind == "tasks":
            raise ValueError("a part of tasks is the draft's field 'tasks'")
        if kind is not None and kind != self.kind:
            raise ValueError(f"field {self.field!r} holds {kind}, not {self.kind}")
        return self

    @property
    def path(self) -> str:
        """Where the draft holds the part: its field, or `parts.<field>`."""
        return self.field if self.field in PART_FIELDS else f"parts.{self.field}"

    def value(self, pm: Postmortem) -> Any:
        """The part's text, list or tasks in draft `pm` (empty while it holds none)."""
        if self.field in PART_FIELDS:
            return getattr(pm, self.field)
        return pm.parts.get(self.field, "" if self.kind == "text" else [])


class SummaryLine(TemplateModel):
    """A `**Label:** answer` line of a summary section."""

    name: SummaryName
    label: Line


class Section(TemplateModel):
    """One `## Heading` of the document and one step of the wizard."""

    id: Name
    heading: Line
    short: Line = ""
    layout: Layout = "parts"
    parts: list[Part] = Field(default_factory=new_list)
    lines: list[SummaryLine] = Field(default_factory=new_list)
    reads: list[FieldPath] = Field(default_factory=new_list)
    found_from: list[FieldPath] = Field(default_factory=new_list)

    @property
    def title(self) -> str:
        """The short name the stepper shows."""
        return self.short or self.heading

    @property
    def fields_read(self) -> tuple[str, ...]:
        """The draft's fields whose change rewrites this section."""
        return tuple(self.reads) or tuple(p.path for p in self.parts)

    @property
    def found_fields(self) -> tuple[str, ...]:
        """The fields that, holding anything, make the section found."""
        return tuple(self.found_from) or tuple(p.path for p in self.parts)

    @model_validator(mode="after")
    def _headings(self) -> Section:
        headless = [n for n, part in enumerate(self.parts) if not part.heading]
        if headless not in ([], [0]):
            raise ValueError("only a section's first part may go without a heading")
        return self


class Point(TemplateModel):
    """A rubric point: which section it belongs to, what it says and how it is judged."""

    id: Annotated[str, AfterValidator(_check_point_id)]
    section: str
    label: Line
    check: Check
    fields: list[FieldPath] = Field(default_factory=new_list)
    kind: Kind | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)
    what: Line = ""
    missing: Line = ""
    met: Line = ""

    @model_validator(mode="after")
    def _complete(self) -> Point:
        needs: dict[str, tuple[str, ...]] = {
            "filled": ("fields",),
            "words": ("fields", "min"),
            "items": ("fields", "min"),
            "timeline_kind": ("kind",),
            "sentences": ("fields", "max"),
            "short_entries": ("max",),
            "share": ("fields",),
        }
        lacking = [key for key in needs.get(self.check, ()) if not getattr(self, key)]
        if lacking:
            raise ValueError(f"a {self.check!r} point needs {' and '.join(lacking)}")
        return self


class Words(TemplateModel):
    """The whole document's word range."""

    min: int = Field(ge=0)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Words:
        if self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self


class Aliases(TemplateModel):
    """What an import takes for a section heading or a field's label: regular expressions on
    a label's words in lower case, by name."""

    headings: dict[str, Patterns] = Field(default_factory=new_dict)
    labels: dict[str, Patterns] = Field(default_factory=new_dict)


def _new_aliases() -> Aliases:
    return Aliases()


class Template(TemplateModel):
    """A whole postmortem template."""

    name: Name
    title: Line
    words: Words | None = None
    sections: list[Section] = Field(min_length=1)
    points: list[Point] = Field(default_factory=new_list)
    aliases: Aliases = Field(default_factory=_new_aliases)

    @model_validator(mode="after")
    def _consistent(self) -> Template:
        ids = [s.id for s in self.sections]
        if len(set(ids)) != len(ids) or any(name in ids for name in RESERVED_IDS):
            reserved = " or ".join(map(repr, RESERVED_IDS))
            raise ValueError(f"section ids must differ and not be {reserved}: {ids}")
        point_ids = [p.id for p in self.points]
        if len(set(point_ids)) != len(point_ids):
            raise ValueError(f"point ids must differ: {point_ids}")
        for point in self.points:
            if point.section not in (*ids, DOCUMENT):
                raise ValueError(
                    f"point {point.id} names section {point.section!r}: "
                    f"use one of {', '.join([*ids, DOCUMENT])}"
                )
            if point.check == "total_words" and self.words is None:
                raise ValueError(f"point {point.id} counts words, but the template has no [words]")
        return self

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every section's parts, in order."""
        return tuple(part for section in self.sections for part in section.parts)

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    @property
    def headings(self) -> dict[str, str]:
        return {s.id: s.heading for s in self.sections}

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def section_name(self, section_id: str) -> str:
        """The name a reader knows a section by (the stepper's); the id where there is none."""
        found = next((s for s in self.sections if s.id == section_id), None)
        return found.title if found else section_id

    def field_name(self, path: str) -> str:
        """What a reader knows the draft's field at `path` (`root_cause`, `tasks.2.owner`,
        `parts.went_well.1`) by in this template: its part's heading, else its section's,
        and one item of a list by its number (`Action Item 3`); a field no part holds by
        the form's name for it (`What users saw`, `Entry 2`), else by the path itself."""
        for section in self.sections:
            for part in section.parts:
                if path == part.path:
                    return part.heading or section.title
                if path.startswith(f"{part.path}."):
                    number = path.removeprefix(f"{part.path}.").partition(".")[0]
                    name = part.heading or section.title
                    return f"{_one_of(name)} {int(number) + 1}" if number.isdigit() else name
        head, _, rest = path.partition(".")
        number = rest.partition(".")[0]
        if head in ITEM_NAMES and number.isdigit():
            return f"{ITEM_NAMES[head]} {int(number) + 1}"
        return FIELD_NAMES.get(path, path)

    @cached_property
    def field_sections(self) -> dict[str, tuple[str, ...]]:
        """Which sections each top-level draft field feeds (an edit recounts only those)."""
        found: dict[str, list[str]] = {}
        for section in self.sections:
            for path in section.fields_read:
                found.setdefault(path.partition(".")[0], []).append(section.id)
        return {name: tuple(ids) for name, ids in found.items()}

    @cached_property
    def field_points(self) -> dict[str, tuple[str, ...]]:
        """The points each form field answers among those judging a value the model may
        refuse (the window, a share): while the field holds refused text, they are unmet."""
        found: dict[str, list[str]] = {}
        for point in self.points:
            if point.check in ("window", "share"):
                for path in point.fields:
                    found.setdefault(path, []).append(point.id)
        return {path: tuple(ids) for path, ids in found.items()}


def built(data: dict[str, Any]) -> Template:
    """A template made from its parsed TOML as validation would make it, without validating
    it: for the built-in templates, whose tests validate them."""

    def each(model: type[TemplateModel], items: list[dict[str, Any]]) -> list[Any]:
        return [model.model_construct(**item) for item in items]

    def section(item: dict[str, Any]) -> Section:
        made = {**item}
        if "parts" in item:
            made["parts"] = each(Part, item["parts"])
        if "lines" in item:
            made["lines"] = each(SummaryLine, item["lines"])
        return Section.model_construct(**made)

    def point(item: dict[str, Any]) -> Point:
        kind = item.get("kind")
        return Point.model_construct(**{**item, **({"kind": Kind(kind)} if kind else {})})

    made = {**data, "sections": [section(item) for item in data["sections"]]}
    if "words" in data:
        made["words"] = Words.model_construct(**data["words"])
    if "points" in data:
        made["points"] = [point(item) for item in data["points"]]
    if "aliases" in data:
        made["aliases"] = Aliases.model_construct(**data["aliases"])
    return Template.model_construct(**made)
