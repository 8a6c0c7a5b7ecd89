"""Review: the rendered document, the whole rubric, the word totals, and Save Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from wizard.markdown import writer
from wizard.settings import Settings
from wizard.ui.documents import save_document
from wizard.ui.screens.base import SectionScreen
from wizard.ui.widgets.document_view import DocumentView
from wizard.ui.widgets.ribbon import Ribbon


def _scroll(key: str, how: str, what: str, priority: bool = False) -> Binding:
    return Binding(
        key,
        f"scroll_document('{how}')",
        what,
        id=f"review.{how}",
        tooltip=f"Scroll the document {what.lower()}",
        show=False,
        priority=priority,
    )


class ReviewScreen(SectionScreen):
    """Everything at once, and the way out: a Markdown file."""

    STEP = "review"
    INTRO = "Choose a rubric point on the left to jump to its field."
    # PageUp/PageDown scroll the document wherever the focus is; the arrows do too unless the
    # focused list (the steps, the rubric) moves with them.
    BINDINGS = [
        _scroll("pagedown", "page_down", "Down a page", priority=True),
        _scroll("pageup", "page_up", "Up a page", priority=True),
        _scroll("down", "scroll_down", "Down a line"),
        _scroll("up", "scroll_up", "Up a line"),
        _scroll("ctrl+end", "scroll_end", "To the end", priority=True),
        _scroll("ctrl+home", "scroll_home", "To the top", priority=True),
    ]

    def __init__(self, session: Any, settings: Settings, start_dir: Path) -> None:
        super().__init__(session, settings)
        self.start_dir = start_dir
        self.preview_source = ""

    def compose_form(self) -> Iterable[Widget]:
        yield Button("Save Markdown", variant="primary", id="save-markdown")
        yield Static("", id="saved-path", markup=False)
        yield Static("", id="totals", markup=False)
        yield Ribbon(self.session.draft, id="ribbon")
        yield DocumentView(id="preview")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.query_one("#save-markdown", Button).focus()

    def points(self, results: list[Any]) -> list[Any]:
        return results

    def step_advice(self, found: list[Any]) -> list[Any]:
        return found

    def action_scroll_document(self, how: str) -> None:
        getattr(self.query_one("#form", VerticalScroll), f"action_{how}")()

    def refresh_status(self, section: str | None = None) -> None:
        super().refresh_status(section)
        if not self.is_mounted:
            return
        words = self.session.words
        sections = self.session.rubric.template.sections
        lines = [f"{s.title:<14} {words.get(s.id, 0):>5} words" for s in sections]
        lines.append(f"{'Total':<14} {self.session.total_words:>5} words (with the title)")
        self.query_one("#totals", Static).update("\n".join(lines))
        self.query_one(Ribbon).show(self.session.draft)
        self.preview_source = writer.to_markdown(self.session.draft, self.session.rubric.template)
        self.query_one("#preview", DocumentView).show(self.preview_source)

    def focus_point(self, point: str) -> None:
        results = {r.id: r for r in self.session.report().results}
        result = results.get(point)
        if result is not None:
            self.wizard.go_to(result.section, point)

    @on(Button.Pressed, "#save-markdown")
    def _save_pressed(self) -> None:
        self.save_markdown()

    @work
    async def save_markdown(self) -> None:
        """Ask where, confirm an incomplete draft or an existing file, then write it."""
        self.flush()
        written = await save_document(self.app, self.session, self.start_dir, "markdown")
        if written is not None:
            self.query_one("#saved-path", Static).update(f"Saved to {written}")
