"""Paste many timeline lines at once: `12:32 PM - Pagers alerted teams`, or a Markdown table."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from wizard.ui.screens.dialogs import DialogBody
from wizard.ui.widgets.field import show_line
from wizard.ui.widgets.footer import KeyFooter


class PasteForm(ModalScreen[None]):
    """A text area for lines from notes or an old postmortem; ctrl+s adds them through
    `take`, which adds them and returns None, or says why it cannot: said under the text,
    kept as pasted, the form open."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="paste.cancel", tooltip="Close without adding"),
        Binding("ctrl+s", "add", "Add entries", id="paste.add", tooltip="Add the lines"),
    ]

    def __init__(self, take: Callable[[str], str | None]) -> None:
        super().__init__()
        self._take = take

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="paste-dialog"):
            with DialogBody():
                yield Label("Paste timeline lines", classes="dialog-title")
                yield Static(
                    "One entry per line, like '12:32 PM - Pagers alerted the team', or a "
                    "Markdown table with a time column. Kinds are guessed from the wording; "
                    "ctrl+s adds the lines.",
                    classes="field-hint",
                )
                yield TextArea(
                    id="paste-text",
                    placeholder="e.g. 12:32 PM - Pagers alerted the team\n"
                    "12:44 PM - We assumed the payment provider was slow",
                )
                yield Static("", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add entries", variant="primary", id="paste-add")
                yield Button("Cancel", id="paste-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#paste-add")
    def action_add(self) -> None:
        text = self.query_one(TextArea).text
        refused = self._take(text) if text else None
        show_line(self, "error", refused)
        if refused is None:
            self.dismiss(None)

    @on(TextArea.Changed)
    def _edited(self) -> None:
        show_line(self, "error", None)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
