"""The corrective and preventative measures of a written postmortem: improvements and tasks,
with owners and due dates as people write them (labels, free forms, table columns)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from wizard.importer import times
from wizard.importer.reader import Part
from wizard.model import Task
from wizard.time import time_text


@dataclass
class Measures:
    """Sorts the measures' parts into improvements and tasks; what is read as structure goes
    to `consumed`, what fits neither to `unsorted`, what the author should check to `notes`."""

    year: int | None
    notes: list[str]
    consumed: list[str]
    unsorted: list[str]
    improvements: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    listed: set[str] = field(default_factory=set)
    columns: list[str] = field(default_factory=list)
    closed: bool = False

    def sort(self, parts: list[Part]) -> tuple[list[str], list[Task]]:
        """Improvements and tasks. A paragraph after a part's list, a sub-heading and what
        follows a closing line (`Thanks to everyone ...`, `Sincerely,`) stay unsorted; a table
        with an owner or due column gives a task a row."""
        for part in parts:
            if part.kind == "item":
                self.listed.add(part.slot)
            self.closed = self.closed or bool(_CLOSING.match(part.text.strip()))
            if part.text.strip():
                self.measure(part)
        return self.improvements, self.tasks

    def measure(self, part: Part) -> None:
        """File one part as an improvement, a task, a detail of the task before, a table's
        columns, or unsorted text."""
        text, tasks = part.text.strip(), self.tasks
        if self.closed or part.kind == "heading" or _NOTHING.fullmatch(text):
            self.unsorted.append(text)
        elif part.kind == "head" and (columns := _task_columns(text)):
            self.columns = columns
            self.consumed.append(text)
        elif part.kind == "row" and self.columns:
            tasks.append(self.row_task(part.text))
        elif part.slot in ("owner", "due") and tasks:
            tasks[-1] = _task_detail(tasks[-1], part.slot, text, self.consumed)
        elif part.slot in self.listed and part.kind != "item" and not part.fresh:
            self.unsorted.append(text)
        elif _is_task(part) or _owned(text):
            tasks.append(self.task(text, bool(part.checked)))
        else:
            self.improvements.append(text)

    def task(self, text: str, done: bool) -> Task:
        """A task from a list line (see task_from_line); its labels counted as read."""
        task, labels = task_from_line(text, done, self.year, self.notes)
        self.consumed.extend(labels)
        return task

    def row_task(self, text: str) -> Task:
        """A task from a table row: the text column, the owner and due columns, and the other
        cells kept after the text (`(Tracking bug: #6767)`)."""
        cells = [cell.strip() for cell in text.split("|")]
        named = dict(zip(self.columns, cells, strict=False))
        owner = named.pop("owner", "") or None
        due_text = named.pop("due", "")
        due = due_date(due_text, self.year) if due_text else None
        first = next((k for k in self.columns if k not in ("owner", "due")), "")
        task_text = named.pop(first, "")
        if due_text and due is None:
            named["due"] = due_text
        elif due_text:
            self.consumed.append(due_text)
        extra = "; ".join(f"{name}: {value}" for name, value in named.items() if value)
        task_text = f"{task_text} ({extra})" if extra else task_text
        return Task(text=task_text or text, owner=owner, due=due)


_TASK_SLOTS = frozenset({"tasks", "task", "owner", "due"})


def _is_task(part: Part) -> bool:
    """A checkbox, a line under a task label, or an item not listed as an improvement."""
    if part.checked is not None or part.slot in _TASK_SLOTS:
        return True
    return part.kind == "item" and part.slot != "improvements"


def _owned(text: str) -> bool:
    """True when a line of the measures names its owner (`... Owner: Tunde. Due Date: ...`)."""
    if not _may_name_owner(text):
        return False
    return any((m := p.search(text)) and text[: m.start()].strip() for p in _OWNER_DUE)


def _may_name_owner(text: str) -> bool:
    """A quick test before the owner patterns: `owner`, an `@name` or a `(name, by ...)`."""
    lower = text.lower()
    return (
        "owner" in lower or "@" in text or ("(" in text and (" by " in lower or " due " in lower))
    )


_NOTHING = re.compile(r"(?:none|n/?a|nothing|tbd|-+)\.?", re.IGNORECASE)
_CLOSING = re.compile(
    r"(?:thanks|thank you|many thanks|cheers|(?:best |kind |warm )?regards|sincerely|yours"
    r"|(?:posted|written|signed) by)\b|(?:--|—|–)\s*[^\W\d]",
    re.IGNORECASE,
)
"""The first words of a closing line or a signature (`— the platform team`): it and what
follows are no measures."""
_OWNER_COLUMN = re.compile(r"owners?|assignee|assigned to|responsible|who", re.IGNORECASE)
_DUE_COLUMN = re.compile(r"due(?: date| by)?|deadline|target date|by when|eta", re.IGNORECASE)


def _task_columns(head: str) -> list[str]:
    """A table head's columns with the owner's and due date's named `owner` and `due`, when
    it has one of them; else no columns (the rows are then improvements)."""
    columns = []
    for cell in head.split(" | "):
        name = cell.strip()
        if _OWNER_COLUMN.fullmatch(name):
            name = "owner"
        elif _DUE_COLUMN.fullmatch(name):
            name = "due"
        columns.append(name)
    return columns if {"owner", "due"} & set(columns) else []


def written_year(texts: Iterable[str]) -> int | None:
    """The year of the first date written with one among `texts` (other due dates), which
    a due date written without its year shares."""
    for text in texts:
        found = times.find_date(text)
        if found and found[1]:
            return found[0].year
        numeric = _day_first(match.group(0)) if (match := _DAY_FIRST.search(text)) else None
        if numeric:
            return numeric[0].year
    return None


_EXPORT_TASK = re.compile(
    r"\s*\((?:owner: (?P<owner>[^;)]+?))?(?:;\s*)?(?:due: (?P<due>[^;()]+?))?\)\s*$"
)


def task_from_line(
    text: str, done: bool, year: int | None, notes: list[str]
) -> tuple[Task, list[str]]:
    """A task from a list line, and the words read as structure: our own export's `(owner: X;
    due: YYYY-MM-DD)`, else an owner and a due date as people write them (see free_owner_due).
    A due date that cannot be read stays in the task's text, with a note."""
    match = _EXPORT_TASK.search(text)
    if not match or not (match["owner"] or match["due"]):
        return free_owner_due(text, done, year)
    if not match["due"] and _DUE_IN_OWNER.search(match["owner"]):
        return free_owner_due(text, done, year)  # `(owner: Amina, due 2024-09-01)`
    head = text[: match.start()].strip()
    labels = ["owner:"] if match["owner"] else []
    due = due_date(match["due"], year) if match["due"] else None
    if match["due"] and due is None:
        notes.append(f"the due date {match['due']!r} of {head!r} is not a date: set it")
        return Task(text=f"{head} (due: {match['due']})", owner=match["owner"], done=done), labels
    labels += [f"due: {match['due']}"] if due else []
    return Task(text=head, owner=match["owner"], due=due, done=done), labels


# A due date written inside what looks like our export's owner: `Amina, due ...`.
_DUE_IN_OWNER = re.compile(r"[,;]\s*(?:due|by)\b", re.IGNORECASE)
_NAME = r"(?P<owner>@?[^\W\d][\w.@'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
_WHEN = r"(?P<due>[\w/.,\- ]+?)"
_OWNER_DUE = (
    # `Owner: X. Due Date: Aug 20, 2024`, `owner Marina, due 28/03/2025`, `OWNER: x (DONE)`
    re.compile(
        rf"[\s(,;.—–-]*\bowner\b\s*:?\s*{_NAME}(?:[\s,;.]+due(?:\s+date)?\s*:?\s*{_WHEN})?"
        r"[\s.)]*(?:\((?:done|todo)\)[\s.]*)?$",
        re.IGNORECASE,
    ),
    # `(Rafael, by April 4)`
    re.compile(rf"\s*\(\s*{_NAME},\s*(?:by|due)\s+{_WHEN}\)[\s.]*$"),
    # `@joao 2025-03-21`, `— @noor 2024-07-26`, `— @carl by 2024-09-15`
    re.compile(
        rf"[\s—–-]*(?<![\w.])(?P<owner>@[\w.-]+)(?:\s+(?:(?:by|due)\s+)?{_WHEN})?[\s.]*$",
        re.IGNORECASE,
    ),
)


def free_owner_due(text: str, done: bool, year: int | None) -> tuple[Task, list[str]]:
    """An owner and a due date written after the task in one of the shapes people use; the
    words stay in the task when no owner is found."""
    for pattern in _OWNER_DUE if _may_name_owner(text) else ():
        match = pattern.search(text)
        if match is None or not text[: match.start()].strip():
            continue
        due = due_date(match["due"], year) if match["due"] else None
        if match["due"] and due is None:
            continue
        owner = match["owner"].strip().lstrip("@").rstrip(".")
        return Task(text=text[: match.start()].strip(" —–-"), owner=owner, due=due, done=done), [
            match.group(0)
        ]
    return Task(text=text, done=done), []


def due_date(written: str, year: int | None) -> date | None:
    """The date a task's `due: ...` gives; one without its year takes `year` (None: unread).
    A numeric date that only reads day first (`28/03/2025`) is read so."""
    text = written.strip().rstrip(".")
    found = times.find_date(text) if times.DATE_ONLY.fullmatch(text) else None
    if found is None:
        found = _day_first(text)
    if found is None or (not found[1] and year is None):
        return None
    day, has_year = found
    if has_year:
        return day
    try:
        return day.replace(year=year or day.year)
    except ValueError:  # February 29 in another year
        return None


_DAY_FIRST = re.compile(r"\b(?:1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]\d{4}\b")


def _day_first(text: str) -> tuple[date, bool] | None:
    """`28/03/2025`: a numeric date whose first number can only be the day."""
    if not _DAY_FIRST.fullmatch(text):
        return None
    try:
        parsed = time_text.parse_datetime(f"{text} 00:00", dayfirst=True)
    except ValueError:
        return None
    return parsed.value.date(), True


def _task_detail(task: Task, slot: str, text: str, consumed: list[str]) -> Task:
    """`Owner: X` or `Due Date: Aug 20, 2024` lines under a task."""
    if slot == "owner" and not task.owner:
        return task.revised(owner=text)
    found = times.find_date(text) if slot == "due" else None
    if found is not None and found[1] and task.due is None:
        consumed.append(text)
        return task.revised(due=found[0])
    return task.revised(text=f"{task.text} ({text})")
