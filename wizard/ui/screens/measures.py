"""Corrective and Preventative Measures: improvements and a TODO list of tasks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from textual import on
from textual.widget import Widget
from textual.widgets import Label

from wizard.model import Task
from wizard.session import EditError
from wizard.time import time_text
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.help import keys_line
from wizard.ui.widgets.list_editor import CHECKED, Column, ItemTable, ListEditor

IMPROVEMENT_COLUMNS = [
    Column("text", "Improvement", "e.g. Alert on connection wait time, not only on errors")
]
TASK_COLUMNS = [
    Column("text", "Task", "e.g. Add monitoring on server memory"),
    Column("owner", "Owner", "e.g. Amina (optional)"),
    Column("due", "Due", "e.g. Apr 4 (optional)"),
    Column("done", "Done", kind="check"),
]


def task_row(task: Task) -> dict[str, str]:
    return {
        "text": task.text,
        "owner": task.owner or "",
        "due": task.due.isoformat() if task.due else "",
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


def task_data(row: dict[str, str], due: date | None) -> dict[str, Any]:
    return {
        "text": row.get("text", ""),
        "owner": row.get("owner") or None,
        "due": due,
        "done": row.get("done") == CHECKED,
    }


def due_text(day: date) -> str:
    """`Friday, April 4, 2025`: the date a Due was read as, in words."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


class MeasuresScreen(SectionScreen):
    """Broad improvements, then specific tasks with optional owner and due date."""

    STEP = "measures"
    INTRO = f"On a list: {keys_line(ItemTable.BINDINGS)}. Enter in the form saves the item."
    POINT_WIDGETS = {"C1": "improvements", "C2": "tasks"}

    def compose_form(self) -> Iterable[Widget]:
        yield Label("What can be improved, broadly", classes="field-label")
        yield ListEditor(IMPROVEMENT_COLUMNS, "improvement", id="improvements")
        yield Label("Specific tasks (a TODO list)", classes="field-label")
        yield ListEditor(TASK_COLUMNS, "task", id="tasks")

    def load(self) -> None:
        super().load()
        draft = self.session.draft
        self.query_one("#improvements", ListEditor).set_rows(
            [{"text": text} for text in draft.improvements]
        )
        self.query_one("#tasks", ListEditor).set_rows([task_row(t) for t in draft.tasks])

    @on(ListEditor.Proposed)
    def _proposed(self, event: ListEditor.Proposed) -> None:
        event.stop()
        editor = event.editor
        value: list[Any]
        rows = event.rows
        if editor.id == "improvements":
            value = [row["text"] for row in rows]
        else:
            try:
                dues = [read_due(row, self.incident_year(), self.settings.dayfirst) for row in rows]
            except ValueError as error:
                editor.show_error(str(error))
                return
            value = [task_data(row, due) for row, due in zip(rows, dues, strict=True)]
            rows = [task_row(Task.model_validate(item)) for item in value]
        try:
            self.session.edit(editor.id or "", value)
        except EditError as error:
            editor.show_error(error.message)
            return
        editor.accept(rows, event.cursor, clear_form=event.from_form)

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
