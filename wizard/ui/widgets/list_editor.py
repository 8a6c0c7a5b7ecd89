"""An editable list: a table of rows and a form to add or change one; the screen owns the data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static

from wizard.ui.widgets.field import show_line
from wizard.ui.widgets.wrapping_table import WrappingTable

CHECKED = "yes"
"""A checkbox column's value in a row when ticked (empty when not)."""


@dataclass(frozen=True)
class Column:
    """One column of the list: its key in a row, its label, an example for its field, and
    whether it is typed (`text`) or ticked (`check`, shown as ✓)."""

    key: str
    label: str
    placeholder: str = ""
    kind: Literal["text", "check"] = "text"

    def cell(self, row: dict[str, str]) -> str:
        value = row.get(self.key, "")
        if self.kind == "check":
            return "✓" if value == CHECKED else ""
        return value


class ItemTable(WrappingTable):
    """The rows; keys act on the highlighted one."""

    BINDINGS = [
        Binding("a", "add", "Add", id="list.add", tooltip="Add a new item"),
        Binding("enter", "edit", "Edit", id="list.edit", tooltip="Edit the highlighted item"),
        Binding("d,delete", "delete", "Delete", id="list.delete", tooltip="Delete the item"),
        Binding("u", "undo", "Undo", id="list.undo", tooltip="Bring back the last deleted item"),
        Binding("ctrl+up", "move(-1)", "Move up", id="list.up", tooltip="Move the item up"),
        Binding("ctrl+down", "move(1)", "Move down", id="list.down", tooltip="Move the item down"),
    ]

    def action_add(self) -> None:
        self.post_message(ListEditor.Requested("add", None))

    def action_edit(self) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested("edit", self.cursor_row))

    def action_delete(self) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested("delete", self.cursor_row))

    def action_undo(self) -> None:
        self.post_message(ListEditor.Requested("undo", None))

    def action_move(self, offset: int) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested(f"move{offset:+d}", self.cursor_row))


class ListEditor(Vertical):
    """Rows plus a form; posts Submitted/Requested and lets the screen validate."""

    class Proposed(Message):
        """New rows for the screen to validate; it answers with accept() or show_error()."""

        def __init__(
            self, editor: ListEditor, rows: list[dict[str, str]], cursor: int, from_form: bool
        ) -> None:
            super().__init__()
            self.editor = editor
            self.rows = rows
            self.cursor = cursor
            self.from_form = from_form

        @property
        def control(self) -> ListEditor:
            return self.editor

    class Typed(Message):
        """The form's fields changed (`values` by column key), for a live note."""

        def __init__(self, editor: ListEditor, values: dict[str, str]) -> None:
            super().__init__()
            self.editor = editor
            self.values = values

        @property
        def control(self) -> ListEditor:
            return self.editor

    class Requested(Message):
        """A key on the table asked for `what` (add, edit, delete, undo, move-1, move+1)."""

        def __init__(self, what: str, index: int | None) -> None:
            super().__init__()
            self.what = what
            self.index = index

    def __init__(self, columns: Sequence[Column], noun: str, **kwargs: object) -> None:
        super().__init__(classes="list-editor", **kwargs)  # type: ignore[arg-type]
        self.columns = list(columns)
        self.noun = noun
        self.editing: int | None = None
        self._rows: list[dict[str, str]] = []
        self._deleted: list[tuple[int, dict[str, str]]] = []

    def compose(self) -> ComposeResult:
        yield ItemTable(fill=self.columns[0].key)
        first, *rest = self.columns
        ticks = [column for column in rest if column.kind == "check"]
        others = [column for column in rest if column.kind != "check"]
        submit = Button("Add", id=f"{self.id}-submit", classes="list-submit")
        # The first field and its ticks on one line, the other fields on the next; the
        # button comes after every field, so Tab walks them in order before it.
        with Vertical(classes="list-form"):
            with Horizontal(classes="list-form-row"):
                yield self._input(first)
                yield from (self._input(column) for column in ticks)
                if not others:
                    yield submit
            if others:
                with Horizontal(classes="list-form-row"):
                    yield from (self._input(column) for column in others)
                    yield submit
        yield Static("", classes="field-note", markup=False)
        yield Static("", classes="field-error", markup=False)

    @staticmethod
    def _input(column: Column) -> Widget:
        if column.kind == "check":
            return Checkbox(column.label, classes=f"col-{column.key}", tooltip=column.label)
        return Input(
            placeholder=column.placeholder,
            classes=f"col-{column.key}",
            tooltip=column.label,
        )

    def on_mount(self) -> None:
        table = self.query_one(ItemTable)
        for column in self.columns:
            table.add_column(column.label, key=column.key)
        self.show_error(None)

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        """Show `rows`, keeping the cursor where it was."""
        self._rows = rows
        cells = [[c.cell(row) for c in self.columns] for row in rows]
        self.query_one(ItemTable).show_rows(cells)

    def inputs(self) -> list[Input | Checkbox]:
        """The form's fields, one per column, in the columns' order."""
        found = (self.query_one(f".list-form .col-{c.key}") for c in self.columns)
        return [field for field in found if isinstance(field, Input | Checkbox)]

    def values(self) -> dict[str, str]:
        """What the form holds, by column key (a ticked box is `yes`)."""
        found = {}
        for column, field in zip(self.columns, self.inputs(), strict=True):
            if isinstance(field, Checkbox):
                found[column.key] = CHECKED if field.value else ""
            else:
                found[column.key] = field.value.strip()
        return found

    def start_edit(self, index: int | None) -> None:
        """Load row `index` into the form (None: an empty form for a new row)."""
        self.editing = index
        row = self._rows[index] if index is not None else {}
        for column, field in zip(self.columns, self.inputs(), strict=True):
            if isinstance(field, Checkbox):
                field.value = row.get(column.key) == CHECKED
            else:
                field.value = row.get(column.key, "")
        self.query_one(".list-submit", Button).label = "Save" if index is not None else "Add"
        self.inputs()[0].focus()

    def finish_edit(self) -> None:
        """Clear the form after the screen accepted it."""
        self.start_edit(None)
        self.show_error(None)
        self.show_note(None)

    def show_error(self, message: str | None) -> None:
        show_line(self, "error", message)

    def show_note(self, message: str | None) -> None:
        """Say how the form's text was read (`Due: Friday, April 4, 2025`)."""
        show_line(self, "note", message)

    def accept(self, rows: list[dict[str, str]], cursor: int, clear_form: bool) -> None:
        """The screen took the proposal: show it and, after a form edit, empty the form."""
        self.set_rows(rows)
        if rows:
            self.query_one(ItemTable).move_cursor(row=min(cursor, len(rows) - 1))
        if clear_form:
            self.finish_edit()

    @on(Requested)
    def _requested(self, event: Requested) -> None:
        event.stop()
        rows = [dict(r) for r in self._rows]
        index = event.index
        if event.what == "add":
            self.start_edit(None)
        elif event.what == "edit" and index is not None:
            self.start_edit(index)
        elif event.what == "delete" and index is not None:
            self._deleted.append((index, rows.pop(index)))
            self.post_message(self.Proposed(self, rows, index, False))
            self.notify(f"{self.noun.capitalize()} deleted: press u to undo", timeout=4)
        elif event.what == "undo":
            if not self._deleted:
                self.notify("Nothing to undo")
                return
            index, row = self._deleted.pop()
            rows.insert(min(index, len(rows)), row)
            self.post_message(self.Proposed(self, rows, index, False))
        elif event.what.startswith("move") and index is not None:
            target = index + int(event.what[4:])
            if 0 <= target < len(rows):
                rows[index], rows[target] = rows[target], rows[index]
                self.post_message(self.Proposed(self, rows, target, False))

    @on(Input.Submitted)
    @on(Button.Pressed, ".list-submit")
    def _submit(self, event: Message) -> None:
        event.stop()
        values = self.values()
        if not values[self.columns[0].key]:
            self.show_error(f"write the {self.noun} first")
            return
        rows = [dict(r) for r in self._rows]
        if self.editing is not None and self.editing < len(rows):
            rows[self.editing] = {**rows[self.editing], **values}
            cursor = self.editing
        else:
            rows.append(values)
            cursor = len(rows) - 1
        self.post_message(self.Proposed(self, rows, cursor, True))

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _typing(self, event: Input.Changed | Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(self, self.values()))
