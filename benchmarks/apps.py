"""The bare Textual apps the wizard is measured against (imports nothing but Textual).

`python benchmarks/apps.py` runs the start-up baseline: a header, one line and a footer;
`python benchmarks/apps.py editor DRAFT` the resume floor: a text area holding the draft's
title and a footer, after reading the draft through the wizard's model.
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


class BareEditorApp(App[None]):
    """A text area and a footer: the least an editor of a draft could show."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, id="text")
        yield Footer()


def _editor(draft: str) -> BareEditorApp:
    """The resume floor: the draft validated through the wizard's model, then its title."""
    from pathlib import Path

    from wizard.model import Postmortem

    pm = Postmortem.model_validate_json(Path(draft).read_bytes())
    return BareEditorApp(pm.title)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["editor"]:
        _editor(sys.argv[2]).run()
    else:
        BareApp().run()
