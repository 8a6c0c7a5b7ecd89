"""Review: the rendered document, the whole rubric, the word totals, and Save Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.markdown import Markdown as RenderedMarkdown
from textual import on, work
from textual.widget import Widget
from textual.widgets import Button, Static

from wizard.drafts import DraftError, save_export, slugify
from wizard.markdown import writer
from wizard.rubric import points_text
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.dialogs import Confirm, PathPrompt
from wizard.ui.steps import SHORT_TITLES
from wizard.ui.widgets.ribbon import Ribbon


class ReviewScreen(SectionScreen):
    """Everything at once, and the way out: a Markdown file."""

    STEP = "review"
    INTRO = "Choose a rubric point on the left to jump to its field."

    def __init__(self, session: Any, start_dir: Path) -> None:
        super().__init__(session)
        self.start_dir = start_dir
        self.preview_source = ""

    def compose_form(self) -> Iterable[Widget]:
        yield Button("Save Markdown", variant="primary", id="save-markdown")
        yield Static("", id="saved-path", markup=False)
        yield Static("", id="totals", markup=False)
        yield Ribbon(self.session.draft, id="ribbon")
        yield Static("", id="preview")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#save-markdown", Button).focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.query_one("#save-markdown", Button).focus()

    def points(self, results: list[Any]) -> list[Any]:
        return results

    def refresh_status(self, section: str | None = None) -> None:
        super().refresh_status(section)
        if not self.is_mounted:
            return
        words = self.session.words
        lines = [f"{SHORT_TITLES[s]:<14} {words.get(s, 0):>5} words" for s in writer.SECTIONS]
        lines.append(f"{'Total':<14} {self.session.total_words:>5} words (with the title)")
        self.query_one("#totals", Static).update("\n".join(lines))
        self.query_one(Ribbon).show(self.session.draft)
        self.preview_source = writer.to_markdown(self.session.draft)
        # One rendered block (not a widget per paragraph): light on a 10,000-word draft.
        self.query_one("#preview", Static).update(RenderedMarkdown(self.preview_source))

    def focus_point(self, point: str) -> None:
        results = {r.id: r for r in self.session.report().results}
        result = results.get(point)
        if result is not None:
            self.app.go_to(result.section, point)  # type: ignore[attr-defined]

    def default_path(self) -> str:
        return f"./{slugify(self.session.draft.title)}.md"

    def resolve(self, text: str) -> Path:
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.start_dir / path

    @on(Button.Pressed, "#save-markdown")
    def _save_pressed(self) -> None:
        self.save_markdown()

    @work
    async def save_markdown(self) -> None:
        """Ask where, confirm an incomplete draft or an existing file, then write it."""
        self.flush()
        report = self.session.report()
        if not report.passed:
            missing = ", ".join(r.id for r in report.missing())
            question = (
                f"The draft misses {points_text(len(report.missing()))} ({missing}). Save anyway?"
            )
            if not await self.app.push_screen_wait(Confirm(question, "Save anyway", "Go back")):
                return
        answer = await self.app.push_screen_wait(
            PathPrompt("Save the postmortem as Markdown", self.default_path(), "Save")
        )
        if answer is None:
            return
        path = self.resolve(answer)
        force = False
        if path.exists():
            force = await self.app.push_screen_wait(
                Confirm(f"{path} exists already. Overwrite it?", "Overwrite", "Cancel")
            )
            if not force:
                return
        try:
            written = save_export(path, writer.to_markdown(self.session.draft), force=force)
        except (DraftError, OSError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.query_one("#saved-path", Static).update(f"Saved to {written}")
        self.notify(f"Saved to {written}", title="Markdown written", timeout=8)
