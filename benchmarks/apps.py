"""The bare Textual apps the wizard is measured against (imports nothing but Textual).

`python benchmarks/apps.py` runs the start-up baseline: a header, one line and a footer.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TextArea

LINE = "One line of text in a bare Textual app."


class BareApp(App[None]):
    """A header, one line and a footer: what any Textual app draws first."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LINE)
        yield Footer()


class BareTextApp(App[None]):
    """A single text area holding `text`: the least a Textual editor for it could be."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, id="text")


if __name__ == "__main__":
    BareApp().run()
