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
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.help import keys_line
from wizard.ui.widgets.list_editor import Column, ItemTable, ListEditor

IMPROVEMENT_COLUMNS = [Column("text", "Improvement", "Alert on connection wait time")]
TASK_COLUMNS = [
    Column("text", "Task", "Add monitoring on server memory"),
    Column("owner", "Owner", "optional"),
    Column("due", "Due", "YYYY-MM-DD"),
    Column("done", "Done", "yes/no"),
]


def task_row(task: Task) -> dict[str, str]:
    return {
        "text": task.text,
        "owner": task.owner or "",
        "due": task.due.isoformat() if task.due else "",
        "done": "yes" if task.done else "",
    }


DONE_WORDS = frozenset({"y", "yes", "x", "done", "true", "1"})
NOT_DONE_WORDS = frozenset({"", "n", "no", "-", "false", "0"})


def task_problem(row: dict[str, str]) -> str | None:
    """What is wrong with a task's Due or Done, said as the form's fields say it."""
    due = row.get("due", "").strip()
    if due:
        try:
            date.fromisoformat(due)
        except ValueError:
            return f"Due: {due!r} is not a date; write it as YYYY-MM-DD, like 2023-01-24"
    done = row.get("done", "").strip().lower()
    if done not in DONE_WORDS and done not in NOT_DONE_WORDS:
        return f"Done: write yes or no (or leave it empty), not {row.get('done', '')!r}"
    return None


def task_data(row: dict[str, str]) -> dict[str, Any]:
    done = row.get("done", "").strip().lower() in DONE_WORDS
    return {
        "text": row.get("text", ""),
        "owner": row.get("owner") or None,
        "due": row.get("due") or None,
        "done": done,
    }


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
        if editor.id == "improvements":
            value = [row["text"] for row in event.rows]
        else:
            problem = next(filter(None, (task_problem(row) for row in event.rows)), None)
            if problem is not None:
                editor.show_error(problem)
                return
            value = [task_data(row) for row in event.rows]
        try:
            self.session.edit(editor.id or "", value)
        except EditError as error:
            editor.show_error(error.message)
            return
        editor.accept(event.rows, event.cursor, clear_form=event.from_form)

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
