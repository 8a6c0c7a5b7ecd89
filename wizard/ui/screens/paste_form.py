"""Paste many timeline lines at once: `12:32 PM - Pagers alerted teams`, or a Markdown table."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from wizard.ui.screens.dialogs import DialogBody
from wizard.ui.widgets.footer import KeyFooter


class PasteForm(ModalScreen[str | None]):
    """A text area for lines from notes or an old postmortem; ctrl+s adds them."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="paste.cancel", tooltip="Close without adding"),
        Binding("ctrl+s", "add", "Add entries", id="paste.add", tooltip="Add the lines"),
    ]

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
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add entries", variant="primary", id="paste-add")
                yield Button("Cancel", id="paste-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#paste-add")
    def action_add(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
