"""A section built from its template: free text, lists and tasks, each part a field of the
form with the rubric points it answers said under it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from wizard.session import EditError
from wizard.templates.template import Part, Point, Section, Template
from wizard.ui.screens.base import SectionScreen
from wizard.ui.widgets.field import Field

# The list editor (a data table) loads with the first screen that shows a list, not before a
# screen of text fields is drawn.
if TYPE_CHECKING:
    from wizard.model import Task
    from wizard.ui.widgets.item_shape import ItemShape
    from wizard.ui.widgets.list_editor import ListEditor


def list_intro() -> str:
    """The line under a screen of lists: the keys of a list."""
    from wizard.ui.screens.help import keys_line
    from wizard.ui.widgets.list_editor import ItemTable

    return f"On a list: {keys_line(ItemTable.BINDINGS)}. Enter in the form saves the item."


def part_points(part: Part, template: Template) -> list[Point]:
    """The rubric points that judge a part's text or items."""
    return [point for point in template.points if part.path in point.fields]


def point_need(point: Point, named: bool = True) -> str:
    """`R1 Why it happened, in detail (at least 20 words)`: a point as a field's hint says it;
    `R1: at least 20 words` when the field is labelled with the point's words already."""
    least = point.min or 1
    need = {
        "words": f"at least {point.min} words",
        "items": f"at least {least} {point.what or 'item'}{'' if least == 1 else 's'}",
        "sentences": f"at most {point.max} sentences" if point.max else "",
        "filled": "required",
    }.get(point.check, "")
    if not named:
        return f"{point.id}: {need or 'required'}"
    shown = need if point.check != "filled" else ""
    return f"{point.id} {point.label}" + (f" ({shown})" if shown else "")


def part_label(part: Part, section: Section, points: list[Point]) -> str:
    """A part's field label: its heading, else what its first point asks (`Who and what was
    affected`), else the section's heading."""
    return part.heading or (points[0].label if points else section.heading)


def part_hint(label: str, points: list[Point]) -> str:
    """The points a part answers, under its field (one whose words are the label, by id)."""
    return " · ".join(
        point_need(point, named=point.label.casefold() != label.casefold()) for point in points
    )


def item_shape(label: str, placeholder: str) -> ItemShape[str]:
    """How a list of text items shows and is read: one column, the item's text."""
    from wizard.ui.widgets.item_shape import Column, ItemShape

    column = Column("text", label, placeholder)
    return ItemShape[str]([column], lambda text: {"text": text}, lambda row: row.get("text", ""))


class PartsScreen(SectionScreen):
    """A section of parts (text, lists, tasks) shown as the template lays it out; the lists
    propose their items and the draft takes them."""

    def compose_form(self) -> Iterable[Widget]:
        yield from self.part_fields()

    @property
    def intro(self) -> str:
        section = self.section
        lists = section is not None and any(p.kind != "text" for p in section.parts)
        return self.INTRO or (list_intro() if lists else "")

    def part_fields(self) -> Iterable[Widget]:
        """A field for each part of the section, in the template's order."""
        section = self.section
        if section is None:
            return
        for part in section.parts:
            points = part_points(part, self.template)
            label = part_label(part, section, points)
            hint = part_hint(label, points)
            widget_id = f"part-{part.field}"
            if part.kind == "text":
                short = any(point.check == "sentences" for point in points)
                area = TextArea(name=part.path, id=widget_id, classes="short" if short else "long")
                yield Field(label, area, hint=hint)
                continue
            from wizard.ui.widgets.list_editor import ListEditor

            yield Label(label, classes="field-label")
            if hint:
                yield Static(hint, classes="field-hint", markup=False)
            noun = next((p.what for p in points if p.check == "items" and p.what), "")
            if part.kind == "tasks":
                yield ListEditor(self.task_shape(), noun or "task", name=part.path, id=widget_id)
            else:
                noun = noun or "item"
                shape = item_shape(noun.capitalize(), "One item; Enter adds it")
                yield ListEditor(shape, noun, name=part.path, id=widget_id)

    def task_shape(self) -> ItemShape[Task]:
        """How the tasks editor shows and reads a task (a Due without a year takes the
        incident's)."""
        from wizard.model import Task
        from wizard.ui.tasks import TASK_COLUMNS, read_task, task_row
        from wizard.ui.widgets.item_shape import ItemShape

        return ItemShape[Task](
            TASK_COLUMNS,
            task_row,
            lambda row: read_task(row, self.due_after(), self.settings.dayfirst),
        )

    def due_after(self) -> date:
        """The day a Due without a year falls on or after: the incident's start, else
        today."""
        start = self.session.draft.window.start
        return start.date() if start is not None else date.today()

    def load(self) -> None:
        super().load()
        for editor in self.list_editors():
            editor.show_items(self.draft_value(editor_path(editor)) or [])

    def on_list_editor_proposed(self, event: ListEditor.Proposed[Any]) -> None:
        """Apply the proposed list to the draft; the editor shows what the draft now holds."""
        event.stop()
        editor = event.editor
        path = editor_path(editor)
        try:
            self.session.edit(path, event.items)
        except EditError as error:
            editor.show_error(error.message)
            return
        editor.accept(self.draft_value(path) or [], event.cursor, event.from_form)

    def on_list_editor_typed(self, event: ListEditor.Typed) -> None:
        """While a task's Due is typed, say which date it reads as."""
        event.stop()
        if not any(column.key == "due" for column in event.editor.columns):
            return
        from wizard.ui.tasks import due_text, read_due

        try:
            due = read_due(event.values, self.due_after(), self.settings.dayfirst)
        except ValueError:
            due = None
        event.editor.show_note(f"Due: {due_text(due)}" if due else None)

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        for editor in self.list_editors():
            table = editor.query_one("ItemTable")
            noun = editor.noun
            for action, verb in (
                ("add", "add"),
                ("edit", "edit the highlighted"),
                ("delete", "delete the highlighted"),
                ("undo", "bring back the last deleted"),
            ):
                yield (
                    f"{noun.capitalize()}s: {action}",
                    f"{verb.capitalize()} {noun}",
                    getattr(table, f"action_{action}"),
                )


def editor_path(editor: ListEditor[Any]) -> str:
    """The draft field a list editor edits: its name (`parts.went_well`), else its id."""
    return editor.name or editor.id or ""
