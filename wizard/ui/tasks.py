"""The tasks editor's item shape: a task as its row and form show it, and read back from the
form (the due date as the author wrote it), for every screen that lists tasks."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from wizard.model import Task, describe_errors
from wizard.time import time_text
from wizard.ui.widgets.item_shape import CHECKED, Column

TASK_COLUMNS = [
    Column("text", "Task", "e.g. Add monitoring on server memory", shows="summary"),
    Column("owner", "Owner", "e.g. Amina (optional)"),
    Column("due", "Due", "e.g. Apr 4 (optional)"),
    Column("type", "Type", "Type: e.g. detect", in_table=False),
    Column("priority", "Priority", "Priority: P0-P3", in_table=False),
    Column("link", "Link", "Link (optional)", in_table=False),
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
        "link": task.link or "",
        "done": CHECKED if task.done else "",
    }


def read_due(row: dict[str, str], after: date, dayfirst: bool) -> date | None:
    """The task's due date as the author wrote it (`Apr 4`, `04/04`, `2025-04-04`): a date
    without a year is the first such day on or after `after` (the incident's start), as a
    task is due after the incident; ValueError says what is wrong, naming Due."""
    text = row.get("due", "").strip()
    if not text:
        return None
    try:
        due = time_text.parse_date(text, default_year=after.year, dayfirst=dayfirst).value
    except ValueError as error:
        raise ValueError(f"Due: {error}") from None
    if due >= after:
        return due
    try:  # read again with the next year: a different day means no year was written
        later = time_text.parse_date(text, default_year=after.year + 1, dayfirst=dayfirst).value
    except ValueError:
        return due
    return later


def read_task(row: dict[str, str], after: date, dayfirst: bool) -> Task:
    """The task the form's fields describe (a Due without a year on or after `after`);
    ValueError says what is wrong, naming the field."""
    due = read_due(row, after, dayfirst)
    try:
        return Task.model_validate(
            {
                "text": row.get("text", ""),
                "owner": row.get("owner") or None,
                "due": due,
                "type": row.get("type", "").lower() or None,
                "priority": row.get("priority") or None,
                "link": row.get("link") or None,
                "done": row.get("done") == CHECKED,
            }
        )
    except ValidationError as error:
        field, message = describe_errors(error)[0]
        label = next((c.label for c in TASK_COLUMNS if c.key == field and c.key != "text"), "")
        raise ValueError(f"{label}: {message}" if label else message) from None


def due_text(day: date) -> str:
    """`Friday, April 4, 2025`: the date a Due was read as, in words."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"
