"""A labelled form control with its hint, its error message and advice beside it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

MARKS = {"note": "→", "error": "✗", "advice": "✎"}
"""How a field's note (how its text was read), error and advice lines start."""


def field_input(name: str, id: str, placeholder: str) -> Input:
    """A one-line control of a form: the draft's model checks what is typed (its objection
    shows at the field), so Textual's own checking, with no validators to run, is left off:
    it would only mark the input valid on its first value and restyle it. Its text is not
    selected when it takes the focus (a key typed then would replace a whole title the
    author meant to add to); the cursor waits at its end."""
    return Input(name=name, id=id, placeholder=placeholder, validate_on=(), select_on_focus=False)


def show_line(owner: Widget, kind: str, message: str | None) -> None:
    """Show `message` in `owner`'s `.field-note`, `.field-error` or `.field-advice` line
    (each of its lines marked), or hide the line."""
    _fill(owner.query_one(f".field-{kind}", Static), kind, message)


def _fill(line: Static, kind: str, message: str | None) -> None:
    text = _marked(kind, message)
    if text != line.content:  # the same words again: nothing to lay out and redraw
        line.update(text)
        if message and kind == "error" and _holds_focus(line.parent):
            # Said where it can be read: a form taller than the terminal would show it
            # below the last row, and Enter would seem to do nothing. Only for the part
            # being typed in: an error shown elsewhere does not move the view.
            line.call_after_refresh(line.scroll_visible, animate=False)
    line.display = bool(message)


def _holds_focus(owner: object) -> bool:
    """True when `owner` is a widget on screen holding the focused widget."""
    if not isinstance(owner, Widget) or not owner.is_attached:
        return False
    focused = owner.screen.focused
    return focused is not None and owner in focused.ancestors_with_self


def _marked(kind: str, message: str | None) -> str:
    """Each line of `message` marked as a `kind` line."""
    return "\n".join(f"{MARKS[kind]} {text}" for text in (message or "").splitlines())


class Field(Vertical):
    """Label, control, and lines that appear only when needed: how the text was read (a
    note), what is wrong with it (an error) and advice on its wording (never an error). Each
    line is made the first time it has something to say: most fields never need theirs, and
    a form draws sooner without them."""

    def __init__(self, label: str, control: Widget, hint: str = "", **kwargs: object) -> None:
        super().__init__(classes="field", **kwargs)  # type: ignore[arg-type]
        self._label = label
        self._hint = hint
        self.control = control
        self._said: dict[str, str | None] = dict.fromkeys(MARKS)

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield self.control
        if self._hint:
            yield Static(self._hint, classes="field-hint", markup=False)
        for kind, message in self._said.items():  # said before the field was mounted
            if message:
                line = Static("", classes=f"field-{kind}", markup=False)
                _fill(line, kind, message)
                yield line

    def _show(self, kind: str, message: str | None) -> None:
        """Show `message` in the field's `kind` line (made now if it has none yet)."""
        message = message or None
        if message == self._said[kind]:
            return
        self._said[kind] = message
        if not self.is_attached:
            return  # compose makes the line
        line = next(iter(self.query_children(f".field-{kind}").results(Static)), None)
        if line is None:
            if message is None:
                return
            after = list(MARKS)[list(MARKS).index(kind) + 1 :]
            later = [c for c in self.children if any(c.has_class(f"field-{k}") for k in after)]
            line = Static("", classes=f"field-{kind}", markup=False)
            self.mount(line, before=later[0] if later else None)
        _fill(line, kind, message)

    def show_advice(self, message: str | None) -> None:
        """Show advice on the field's wording under it, dim, or hide the line."""
        self._show("advice", message)

    def show_note(self, message: str | None) -> None:
        """Say how the field's text was read (`read 14/03/2025 as March 14, 2025`), or not."""
        self._show("note", message)

    @property
    def note(self) -> str:
        return self._said["note"] or ""

    def show_error(self, message: str | None) -> None:
        """Show `message` under the control, or clear it (nothing to redraw if unchanged)."""
        self._show("error", message)
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        return self._said["error"] or ""

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        """Where the cursor stands in the field's text concerns nothing above the field: the
        message stops here instead of climbing the whole screen on every key."""
        event.stop()
