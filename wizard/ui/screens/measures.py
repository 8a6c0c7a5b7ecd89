"""Corrective and Preventative Measures: improvements and a TODO list of tasks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.widget import Widget
from textual.widgets import Label

from wizard.model import Task, describe_errors
from wizard.session import EditError
from wizard.time import time_text
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.help import keys_line
from wizard.ui.widgets.list_editor import CHECKED, Column, ItemShape, ItemTable, ListEditor

IMPROVEMENT_COLUMNS = [
    Column("text", "Improvement", "e.g. Alert on connection wait time, not only on errors")
]
TASK_COLUMNS = [
    Column("text", "Task", "e.g. Add monitoring on server memory", shows="summary"),
    Column("owner", "Owner", "e.g. Amina (optional)"),
    Column("due", "Due", "e.g. Apr 4 (optional)"),
    Column("type", "Type", "Type: prevent, mitigate, detect, process", in_table=False),
    Column("priority", "Priority", "Priority: P0 to P3", in_table=False),
    Column("done", "Done", kind="check"),
]


def task_row(task: Task) -> dict[str, str]:
    """A task as its row and the form show it, by column key (the table shows its type and
    priority after its text: `Add a monitor (detect, P1)`)."""
    details = ", ".join(d for d in (task.type, task.priority) if d)
    return {
        "text": task.text,
        "summary": f"{task.text} ({details})" if details else task.text,
        "owner": task.owner or "",
        "due": task.due.isoformat() if task.due else "",
        "type": task.type or "",
        "priority": task.priority or "",
        "done": CHECKED if task.done else "",
    }


def read_due(row: dict[str, str], year: int, dayfirst: bool) -> date | None:
    """The task's due date as the author wrote it (`Apr 4`, `04/04`, `2025-04-04`), the
    incident's year when none is written; ValueError says what is wrong, naming Due."""
    text = row.get("due", "").strip()
    if not text:
        return None
    try:
        return time_text.parse_date(text, default_year=year, dayfirst=dayfirst).value
    except ValueError as error:
        raise ValueError(f"Due: {error}") from None


def read_task(row: dict[str, str], year: int, dayfirst: bool) -> Task:
    """The task the form's fields describe; ValueError says what is wrong, naming the field."""
    due = read_due(row, year, dayfirst)
    try:
        return Task.model_validate(
            {
                "text": row.get("text", ""),
                "owner": row.get("owner") or None,
                "due": due,
                "type": row.get("type", "").lower() or None,
                "priority": row.get("priority") or None,
                "done": row.get("done") == CHECKED,
            }
        )
    except ValidationError as error:
        field, message = describe_errors(error)[0]
        label = next((c.label for c in TASK_COLUMNS if c.key == field and c.key != "text"), "")
        raise ValueError(f"{label}: {message}" if label else message) from None


def _text(row: dict[str, str]) -> str:
    return row.get("text", "")


LISTS = ("improvements", "tasks")
"""The draft's lists this screen edits, each in the ListEditor of the same id."""


def due_text(day: date) -> str:
    """`Friday, April 4, 2025`: the date a Due was read as, in words."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


class MeasuresScreen(SectionScreen):
    """Broad improvements, then specific tasks with optional owner and due date."""

    STEP = "measures"
    INTRO = f"On a list: {keys_line(ItemTable.BINDINGS)}. Enter in the form saves the item."
    POINT_WIDGETS = {"C1": "improvements", "C2": "tasks"}

    def compose_form(self) -> Iterable[Widget]:
        improvements = ItemShape[str](IMPROVEMENT_COLUMNS, lambda text: {"text": text}, _text)
        tasks = ItemShape[Task](
            TASK_COLUMNS,
            task_row,
            lambda row: read_task(row, self.incident_year(), self.settings.dayfirst),
        )
        yield Label("What can be improved, broadly", classes="field-label")
        yield ListEditor(improvements, "improvement", id="improvements")
        yield Label("Specific tasks (a TODO list)", classes="field-label")
        yield ListEditor(tasks, "task", id="tasks")

    def load(self) -> None:
        super().load()
        for name in LISTS:
            self.query_one(f"#{name}", ListEditor).show_items(getattr(self.session.draft, name))

    @on(ListEditor.Proposed)
    def _proposed(self, event: ListEditor.Proposed[Any]) -> None:
        """Apply the proposed list to the draft; the editor shows what the draft now holds."""
        event.stop()
        editor = event.editor
        name = editor.id or ""
        try:
            self.session.edit(name, event.items)
        except EditError as error:
            editor.show_error(error.message)
            return
        editor.accept(getattr(self.session.draft, name), event.cursor, event.from_form)

    def incident_year(self) -> int:
        """The year a Due without one takes: the incident's, else this year."""
        start = self.session.draft.window.start
        return start.year if start is not None else date.today().year

    @on(ListEditor.Typed, "#tasks")
    def _due_typed(self, event: ListEditor.Typed) -> None:
        """While a Due is typed, say which date it reads as."""
        event.stop()
        try:
            due = read_due(event.values, self.incident_year(), self.settings.dayfirst)
        except ValueError:
            due = None
        event.editor.show_note(f"Due: {due_text(due)}" if due else None)

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        for editor_id, noun in (("improvements", "improvement"), ("tasks", "task")):
            table = self.query_one(f"#{editor_id} ItemTable", ItemTable)
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

    def focus_point(self, point: str) -> None:
        target = self.POINT_WIDGETS.get(point, "improvements")
        self.query_one(f"#{target} DataTable").focus()
