"""F1: every key of the app, read from the same bindings the footer shows."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static


class HelpScreen(ModalScreen[None]):
    """A table of keys: where they work, the key, and what it does."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, groups: Iterable[tuple[str, Iterable[Binding]]]) -> None:
        super().__init__(id="help")
        self.groups = [(name, list(bindings)) for name, bindings in groups]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static("Keys", classes="dialog-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="help-keys")
            yield Static(
                "ctrl+p opens the command palette: every action, every step. "
                "Drafts save themselves a second after you stop typing.",
                classes="field-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns("Where", "Key", "What it does")
        for where, bindings in self.groups:
            for binding in bindings:
                description = binding.tooltip or binding.description
                keys = binding.key_display or binding.key.replace(",", " / ")
                table.add_row(where, keys, description)
        table.focus()
