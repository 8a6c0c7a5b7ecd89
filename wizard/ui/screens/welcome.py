"""The first screen: start a postmortem, resume a draft, or import one already written."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.drafts import DraftError, DraftInfo, DraftStore, read_draft
from wizard.textsafe import terminal_safe
from wizard.ui.screens.dialogs import Confirm


def draft_line(info: DraftInfo) -> str:
    """`Title · 2026-11-25 15:01 · 450 words · 17/17 points`."""
    when = info.modified.strftime("%Y-%m-%d %H:%M")
    report = info.report
    if info.draft is None or report is None:
        return f"{info.name} · unreadable: {info.error}"
    title = info.draft.title or "(untitled)"
    return (
        f"{title} · {when} · {report.total} words · "
        f"{report.met}/{len(report.results)} points · {info.name}"
    )


class WelcomeScreen(Screen[None]):
    """New (focused), resume, import, or the example."""

    BINDINGS = [
        Binding("n", "app.new_draft", "New", id="welcome.new", tooltip="Start a new postmortem"),
        Binding(
            "i",
            "focus_import",
            "Import",
            id="welcome.import",
            tooltip="Import a Markdown or text postmortem",
        ),
        Binding(
            "e",
            "app.open_example",
            "Example",
            id="welcome.example",
            tooltip="Open a finished example postmortem",
        ),
    ]

    def __init__(self, store: DraftStore) -> None:
        super().__init__(id="welcome")
        self.store = store
        self.drafts: list[DraftInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome-body"):
            yield Static("Write an incident postmortem", classes="screen-title")
            yield Static(
                "Four sections — Issue Summary, Timeline, Root Cause and Resolution, "
                "Corrective and Preventative Measures — checked against the rubric as you "
                "type, saved as you go, and written to a Markdown file at the end.",
                classes="screen-intro",
            )
            with Horizontal(classes="row"):
                yield Button("New postmortem", variant="primary", id="new")
                yield Button("Open the example", id="example")
            yield Label("Resume a draft", classes="field-label")
            yield OptionList(id="drafts")
            yield Label(
                "Import a postmortem you already wrote (Markdown or text)", classes="field-label"
            )
            with Horizontal(classes="row"):
                yield Input(placeholder="path/to/postmortem.md", id="import-path")
                yield Button("Import", id="import")
            yield Static("", id="import-error", classes="field-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-error").display = False
        self.show_drafts()
        self.query_one("#new", Button).focus()

    def on_screen_resume(self) -> None:
        self.show_drafts()

    def show_drafts(self) -> None:
        options = self.query_one("#drafts", OptionList)
        options.clear_options()
        try:
            self.drafts = self.store.info()
        except DraftError as error:
            self.drafts = []
            options.add_option(Option(Content(f"✗ {terminal_safe(str(error))}"), disabled=True))
            return
        if not self.drafts:
            options.add_option(Option(Content("No drafts yet."), disabled=True))
        for info in self.drafts:
            options.add_option(Option(Content(draft_line(info)), id=info.name))

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.app.action_new_draft()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#example")
    def _example(self) -> None:
        self.app.action_open_example()  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#drafts")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        info = next((d for d in self.drafts if d.name == event.option.id), None)
        if info is None:
            return
        if info.draft is None:
            self._offer_backup(info)
            return
        self.app.open_draft(info.name, info.draft)  # type: ignore[attr-defined]

    def _offer_backup(self, info: DraftInfo) -> None:
        """An unreadable draft is left alone; its previous version can open as a new draft."""
        backup = self.store.backup_path(info.name)
        try:
            draft = read_draft(backup)
        except DraftError:
            self.notify(info.error or "This draft cannot be read.", severity="error", timeout=10)
            return
        saved = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        name = self.store.new_name(f"{info.name}-recovered")

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.open_draft(name, draft, fresh=True)  # type: ignore[attr-defined]

        question = (
            f"{info.error}\n\nOpen the previous version (saved {saved}) as the new draft "
            f"{name!r}? The unreadable file stays as it is."
        )
        self.app.push_screen(Confirm(question, "Open the previous version", "Cancel"), answer)

    def action_focus_import(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        error = self.query_one("#import-error", Static)
        problem = self.app.import_file(path) if path else "give the path of a file to import"  # type: ignore[attr-defined]
        error.update(f"✗ {problem}" if problem else "")
        error.display = bool(problem)
