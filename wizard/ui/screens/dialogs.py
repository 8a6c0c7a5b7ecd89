"""Small typed modals: a yes/no question, a one-line prompt, a choice among a few answers."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from wizard.drafts import DraftStore
from wizard.ui.widgets.field import show_line
from wizard.ui.widgets.footer import KeyFooter


class DialogBody(VerticalScroll):
    """A dialog's content above its buttons: it shrinks to leave the buttons on the screen
    and scrolls (to the focused field, or with the arrows when it alone overflows)."""

    def allow_focus(self) -> bool:
        """A stop for Tab only when there is something to scroll and nothing in it to focus."""
        scrollable = self.max_scroll_y > 0
        return scrollable and not any(w.focusable for w in self.query("*") if w is not self)


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; Escape means no."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="confirm.no", tooltip="Answer no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogBody():
                yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="warning", id="yes")
                yield Button(self.no, variant="primary", id="no")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line (a file path, a draft name); `check` may refuse it with a message
    shown under the field, and the text stays."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close without a change"),
    ]

    def __init__(
        self,
        title: str,
        default: str,
        action: str = "Save",
        check: Callable[[str], str | None] | None = None,
        hint: str = "",
        error: str = "",
    ) -> None:
        super().__init__()
        self.error = error
        """Why the last try failed (a file that could not be written), shown at first."""
        self.title_text = title
        self.default = default
        self.action_label = action
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with DialogBody():
                yield Label(self.title_text, classes="dialog-title")
                yield Input(value=self.default, id="prompt-value")
                if self.hint:
                    yield Static(self.hint, classes="field-hint", markup=False)
                yield Static("", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_label, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        show_line(self, "error", self.error or None)
        self.query_one("#prompt-value", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        value = self.query_one("#prompt-value", Input).value.strip()
        problem = "give a value" if not value else (self.check(value) if self.check else None)
        show_line(self, "error", problem)
        if not problem:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(ModalScreen[int | None]):
    """Pick one of a few labelled answers; Escape picks none."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choose.cancel", tooltip="Close without a choice"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, int]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"), DialogBody():
            yield Static(self.question, classes="dialog-title", markup=False)
            for number, (label, _) in enumerate(self.choices):
                yield Button(label, id=f"choice-{number}", classes="choice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed, ".choice")
    def _chosen(self, event: Button.Pressed) -> None:
        number = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.dismiss(self.choices[number][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


def rename_prompt(store: DraftStore, name: str) -> TextPrompt:
    """Ask for a draft's new name; a name that is not one, or is taken, is refused at the field."""
    return TextPrompt(
        f"Rename the draft {name!r}",
        name,
        "Rename",
        lambda new: store.name_problem(new, name),
        "Letters, digits, '-', '_' or '.': the draft's file is NAME.json",
    )
