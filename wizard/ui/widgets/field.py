"""A labelled form control with its hint, its error message and advice beside it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

MARKS = {"note": "→", "error": "✗", "advice": "✎"}
"""How a field's note (how its text was read), error and advice lines start."""


def show_line(owner: Widget, kind: str, message: str | None) -> None:
    """Show `message` in `owner`'s `.field-note`, `.field-error` or `.field-advice` line
    (each of its lines marked), or hide the line."""
    line = owner.query_one(f".field-{kind}", Static)
    lines = (message or "").splitlines()
    text = "\n".join(f"{MARKS[kind]} {text}" for text in lines)
    if text != line.content:  # the same words again: nothing to lay out and redraw
        line.update(text)
    line.display = bool(message)


class Field(Vertical):
    """Label, control, and lines that appear only when needed: how the text was read (a
    note), what is wrong with it (an error) and advice on its wording (never an error)."""

    def __init__(self, label: str, control: Widget, hint: str = "", **kwargs: object) -> None:
        super().__init__(classes="field", **kwargs)  # type: ignore[arg-type]
        self._label = label
        self._hint = hint
        self.control = control
        self._message: str | None = None
        self._note: str | None = None

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield self.control
        if self._hint:
            yield Static(self._hint, classes="field-hint", markup=False)
        yield Static("", classes="field-note", markup=False)
        yield Static("", classes="field-error", markup=False)
        yield Static("", classes="field-advice", markup=False)

    def show_advice(self, message: str | None) -> None:
        """Show advice on the field's wording under it, dim, or hide the line."""
        show_line(self, "advice", message or None)

    def show_note(self, message: str | None) -> None:
        """Say how the field's text was read (`read 14/03/2025 as March 14, 2025`), or not."""
        message = message or None
        if message == self._note:
            return
        self._note = message
        show_line(self, "note", message)

    @property
    def note(self) -> str:
        return self._note or ""

    def show_error(self, message: str | None) -> None:
        """Show `message` under the control, or clear it (nothing to redraw if unchanged)."""
        message = message or None
        if message == self._message:
            return
        self._message = message
        show_line(self, "error", message)
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        return self._message or ""

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        """Where the cursor stands in the field's text concerns nothing above the field: the
        message stops here instead of climbing the whole screen on every key."""
        event.stop()
