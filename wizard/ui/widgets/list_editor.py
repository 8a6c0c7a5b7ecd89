"""An editable list of a model's items: a table rendered from the items and a form to add or
change one; changes go up as typed proposals, and the screen owns the data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Literal, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static

from wizard.ui.widgets.field import show_line
from wizard.ui.widgets.item_shape import CHECKED, Column, ItemShape
from wizard.ui.widgets.wrapping_table import WrappingTable

Item = TypeVar("Item")
Proposal = TypeVar("Proposal")

Action = Literal["add", "edit", "delete", "undo", "move"]


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
        self.post_message(ListEditor.Requested("add"))

    def action_edit(self) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested("edit", self.cursor_row))

    def action_delete(self) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested("delete", self.cursor_row))

    def action_undo(self) -> None:
        self.post_message(ListEditor.Requested("undo"))

    def action_move(self, offset: int) -> None:
        if self.row_count:
            self.post_message(ListEditor.Requested("move", self.cursor_row, offset))


class ListEditor(Vertical, Generic[Item]):
    """A table of the items plus a form; proposes new lists and lets the screen validate."""

    class Proposed(Message, Generic[Proposal]):
        """The list as it would be after a change, for the screen to apply; it answers with
        accept() or show_error()."""

        def __init__(
            self, editor: ListEditor[Proposal], items: list[Proposal], cursor: int, from_form: bool
        ) -> None:
            super().__init__()
            self.editor = editor
            self.items = items
            self.cursor = cursor
            self.from_form = from_form

        @property
        def control(self) -> ListEditor[Proposal]:
            return self.editor

    class Typed(Message):
        """The form's fields changed (`values` by column key), for a live note."""

        def __init__(self, editor: ListEditor[Any], values: dict[str, str]) -> None:
            super().__init__()
            self.editor = editor
            self.values = values

        @property
        def control(self) -> ListEditor[Any]:
            return self.editor

    class Requested(Message):
        """A key on the table asked to act on the item at `index` (`move` by `offset`)."""

        def __init__(self, action: Action, index: int | None = None, offset: int = 0) -> None:
            super().__init__()
            self.action = action
            self.index = index
            self.offset = offset

    def __init__(self, shape: ItemShape[Item], noun: str, **kwargs: object) -> None:
        super().__init__(classes="list-editor", **kwargs)  # type: ignore[arg-type]
        self.shape = shape
        self.columns = list(shape.columns)
        self.table_columns = [column for column in self.columns if column.in_table]
        self.noun = noun
        self.editing: int | None = None
        self.items: list[Item] = []
        self.deleted: list[tuple[int, Item]] = []

    def compose(self) -> ComposeResult:
        yield ItemTable(fill=self.columns[0].key)
        first, *rest = self.columns
        ticks = [column for column in rest if column.kind == "check"]
        others = [column for column in rest if column.kind != "check" and column.in_table]
        details = [column for column in rest if column.kind != "check" and not column.in_table]
        rows = [[first, *ticks], others, details]
        rows = [row for row in rows if row]
        submit = Button("Add", id=f"{self.id}-submit", classes="list-submit")
        # The first field and its ticks on one line, the table's other fields on the next,
        # the form's own details last; the button comes after every field, so Tab walks
        # them in order before it.
        with Vertical(classes="list-form"):
            for number, row in enumerate(rows, 1):
                with Horizontal(classes="list-form-row"):
                    yield from (self._input(column) for column in row)
                    if number == len(rows):
                        yield submit
        yield Static("", classes="field-note", markup=False)
        yield Static("", classes="field-error", markup=False)
        yield Static("", classes="field-advice", markup=False)

    @staticmethod
    def _input(column: Column) -> Widget:
        if column.kind == "check":
            return Checkbox(column.label, classes=f"col-{column.key}", tooltip=column.label)
        # An item loaded to be edited is added to, not typed over: its text is not selected
        # when the form takes the focus, and the cursor waits at its end.
        return Input(
            placeholder=column.placeholder,
            classes=f"col-{column.key}",
            tooltip=column.label,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        table = self.query_one(ItemTable)
        for column in self.table_columns:
            table.add_column(column.label, key=column.key)
        self.show_error(None)

    def show_items(self, items: Sequence[Item]) -> None:
        """Show `items` (the model's), keeping the cursor where it was."""
        self.items = list(items)
        shown = [self.shape.show(item) for item in self.items]
        cells = [[c.cell(row) for c in self.table_columns] for row in shown]
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
        row = self.shape.show(self.items[index]) if index is not None else {}
        for column, field in zip(self.columns, self.inputs(), strict=True):
            if isinstance(field, Checkbox):
                field.value = row.get(column.key) == CHECKED
            else:
                field.value = row.get(column.key, "")
                field.cursor_position = len(field.value)
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

    def show_advice(self, message: str | None) -> None:
        """Advice on the items' wording, dim under the list (never an error)."""
        show_line(self, "advice", message or None)

    def accept(self, items: Sequence[Item], cursor: int, clear_form: bool) -> None:
        """The screen took the proposal: show its `items` (as the model now holds them) and,
        after a form edit, empty the form."""
        self.show_items(items)
        if items:
            self.query_one(ItemTable).move_cursor(row=min(cursor, len(items) - 1))
        if clear_form:
            self.finish_edit()

    def _propose(self, items: list[Item], cursor: int, from_form: bool = False) -> None:
        self.post_message(self.Proposed(self, items, cursor, from_form))

    @on(Requested)
    def _requested(self, event: Requested) -> None:
        event.stop()
        items = list(self.items)
        index = event.index
        if event.action == "add":
            self.start_edit(None)
        elif event.action == "edit" and index is not None:
            self.start_edit(index)
        elif event.action == "delete" and index is not None:
            self.deleted.append((index, items.pop(index)))
            self._propose(items, index)
            self.notify(f"{self.noun.capitalize()} deleted: press u to undo", timeout=4)
        elif event.action == "undo":
            if not self.deleted:
                self.notify("Nothing to undo")
                return
            index, item = self.deleted.pop()
            items.insert(min(index, len(items)), item)
            self._propose(items, index)
        elif event.action == "move" and index is not None:
            target = index + event.offset
            if 0 <= target < len(items):
                items[index], items[target] = items[target], items[index]
                self._propose(items, target)

    @on(Input.Submitted)
    @on(Button.Pressed, ".list-submit")
    def _submit(self, event: Message) -> None:
        event.stop()
        values = self.values()
        if not values[self.columns[0].key]:
            self.show_error(f"write the {self.noun} first")
            return
        try:
            item = self.shape.read(values)
        except ValueError as error:
            self.show_error(str(error))
            return
        items = list(self.items)
        if self.editing is not None and self.editing < len(items):
            items[self.editing] = item
            cursor = self.editing
        else:
            items.append(item)
            cursor = len(items) - 1
        self._propose(items, cursor, from_form=True)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _typing(self, event: Input.Changed | Checkbox.Changed) -> None:
        event.stop()
        self.show_error(None)  # it spoke of what was submitted, which is being changed
        self.post_message(self.Typed(self, self.values()))
