"""The first screen: start a postmortem, resume a draft, or import one already written."""

from __future__ import annotations

import contextlib

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from wizard.drafts import DraftError, DraftInfo, DraftStore
from wizard.settings import Settings
from wizard.textsafe import terminal_safe
from wizard.ui.screens.wizard_screen import WizardScreen
from wizard.ui.widgets.field import show_line
from wizard.ui.widgets.footer import KeyFooter
from wizard.ui.widgets.header import TitleHeader

DETAIL_BATCH = 10
"""Drafts read between two updates of the list."""


def draft_line(info: DraftInfo) -> str:
    """`Title · 2026-11-25 15:01 · 450 words · 17/17 points · name`; before the draft is
    read, `name · 2026-11-25 15:01 · …`."""
    when = info.modified.strftime("%Y-%m-%d %H:%M")
    summary = info.summary
    if summary is None:
        return f"{info.name} · {when} · …"
    if summary.error is not None:
        return f"{info.name} · unreadable: {summary.error}"
    return (
        f"{summary.title or '(untitled)'} · {when} · {summary.words} words · "
        f"{summary.met}/{summary.points} points · {info.name}"
    )


class WelcomeScreen(WizardScreen):
    """New (focused), resume, import, or the example. The keys for the highlighted draft
    (rename, delete, restore) are said above the list and in the help, not in the footer:
    every footer key is a widget, rebuilt as the focus moves, and the first screen must be
    quick."""

    # Focused as the screen is shown: nothing else takes the focus first to give it back.
    AUTO_FOCUS = "#new"

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
        Binding(
            "r",
            "rename",
            "Rename",
            id="welcome.rename",
            tooltip="Rename the highlighted draft",
            show=False,
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="welcome.delete",
            tooltip="Move the highlighted draft to the trash (asks first)",
            show=False,
        ),
        Binding(
            "u",
            "restore",
            "Restore",
            id="welcome.restore",
            tooltip="Bring a deleted draft back from the trash",
            show=False,
        ),
    ]

    def __init__(self, store: DraftStore, settings: Settings | None = None) -> None:
        super().__init__(id="welcome")
        self.store = store
        self.settings = settings or Settings()
        self.drafts: list[DraftInfo] = []
        self._listed = False  # the list was read as the screen was built

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with VerticalScroll(id="welcome-body"):
            yield Static("Write an incident postmortem", classes="screen-title")
            yield Static(
                # Which sections depends on the template picked for each new postmortem.
                "Section by section, in the template you pick for it (classic, SRE or your "
                "team's own), checked against that template's rubric as you type, saved as "
                "you go, and written to a Markdown file at the end.",
                classes="screen-intro",
            )
            with Horizontal(classes="row"):
                yield Button("New postmortem", variant="primary", id="new")
                yield Button("Open the example", id="example")
            yield Label("Resume a draft", classes="field-label")
            yield Static(
                "Enter opens the highlighted draft · r rename · d delete · u restore a deleted one",
                classes="field-hint",
            )
            yield OptionList(*self.draft_options(), id="drafts")
            self._listed = True
            yield Label(
                "Import a postmortem you already wrote (Markdown or text)", classes="field-label"
            )
            with Horizontal(classes="row"):
                yield Input(placeholder="e.g. notes/old-postmortem.md", id="import-path")
                yield Button("Import", id="import")
            yield Static("", id="import-error", classes="field-error", markup=False)
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        """Shown: first, with the list read as the screen was built; again (a dialog
        closed), with the list read afresh."""
        if self._listed:
            self._listed = False
            self.follow_details()
        else:
            self.show_drafts()

    def draft_options(self) -> list[Option]:
        """The list's lines, read now: each draft with its title, words and points when the
        summary index holds them (by name until `follow_details` reads them), or why there
        are none."""
        try:
            drafts = self.store.listing()
        except DraftError as error:
            self.drafts = []
            return [Option(Content(f"✗ {terminal_safe(str(error))}"), disabled=True)]
        if not drafts:
            self.drafts = []
            return [Option(Content("No drafts yet."), disabled=True)]
        from wizard.summaries import indexed

        self.drafts = indexed(self.store.root, drafts)
        return [Option(Content(draft_line(info)), id=info.name) for info in self.drafts]

    def show_drafts(self, highlight: str | None = None) -> None:
        """List the drafts afresh, the highlight kept on the same one (or on `highlight`)."""
        options = self.query_one("#drafts", OptionList)
        keep = highlight or self.highlighted()
        options.set_options(self.draft_options())
        names = [info.name for info in self.drafts]
        if names:
            options.highlighted = names.index(keep) if keep in names else 0
        self.follow_details()

    def follow_details(self) -> None:
        """Read the titles, words and points the list lacks (after the next paint: the list
        is there to read while the drafts are)."""
        if any(info.summary is None for info in self.drafts):
            self.call_after_refresh(self.read_details, list(self.drafts))

    @work(thread=True, exclusive=True, group="draft-details", exit_on_error=False)
    def read_details(self, drafts: list[DraftInfo]) -> None:
        """Each draft's title, words and points, from the summary index or the draft; shown
        as they come, a few at a time."""
        from wizard.summaries import summarized

        worker, batch = get_current_worker(), []
        for info in summarized(self.store.root, drafts):
            if worker.is_cancelled:
                return
            batch.append(info)
            if len(batch) >= DETAIL_BATCH:
                self.app.call_from_thread(self.show_details, batch)
                batch = []
        if batch and not worker.is_cancelled:
            self.app.call_from_thread(self.show_details, batch)

    def show_details(self, found: list[DraftInfo]) -> None:
        """Put the titles, words and points of the drafts in `found` on their lines."""
        options = self.query_one("#drafts", OptionList)
        known = {info.name: number for number, info in enumerate(self.drafts)}
        for info in found:
            number = known.get(info.name)
            if number is None or (self.drafts[number].path, self.drafts[number].modified) != (
                info.path,
                info.modified,
            ):
                continue  # read from a file that has changed since: a newer read follows
            self.drafts[number] = info
            with contextlib.suppress(OptionDoesNotExist):
                options.replace_option_prompt(info.name, Content(draft_line(info)))

    def highlighted(self) -> str | None:
        """The name of the draft the list's highlight is on."""
        option = self.query_one("#drafts", OptionList).highlighted_option
        return option.id if option is not None else None

    def action_rename(self) -> None:
        """Ask for a new name for the highlighted draft."""
        from wizard.ui.screens.dialogs import rename_prompt

        name = self.highlighted()
        if name is None:
            self.notify("No draft to rename: start one with n.")
            return

        def done(new: str | None) -> None:
            if not new or new == name:
                return
            try:
                self.store.rename(name, new)
            except DraftError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.show_drafts(new)
            self.notify(f"Renamed {name!r} to {new!r}", timeout=4)

        self.app.push_screen(rename_prompt(self.store, name), done)

    def action_delete(self) -> None:
        """Move the highlighted draft to the trash, once the author confirms."""
        from wizard.ui.screens.dialogs import Confirm

        name = self.highlighted()
        if name is None:
            self.notify("No draft to delete.")
            return
        info = next(d for d in self.drafts if d.name == name)
        title = (info.summary.title if info.summary is not None else None) or "(untitled)"

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.delete(name)
            except DraftError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.show_drafts()
            self.notify(f"{name!r} is in the trash: press u to bring it back", timeout=6)

        question = (
            f"Delete the draft {name!r} ({title})? It moves to the trash folder beside the "
            f"drafts; u here or `pmwizard restore {name}` brings it back."
        )
        self.app.push_screen(Confirm(question, "Delete", "Cancel"), answer)

    def action_restore(self) -> None:
        """Choose a deleted draft and bring it back."""
        from wizard.ui.screens.dialogs import Choose

        names = self.store.trashed_names()
        if not names:
            self.notify("The trash is empty: no deleted drafts to restore.")
            return

        def chosen(number: int | None) -> None:
            if number is None:
                return
            name = names[number]
            try:
                self.store.restore(name)
            except DraftError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.show_drafts(name)
            self.notify(f"Restored {name!r}", timeout=4)

        choices = [(name, number) for number, name in enumerate(names[:9])]
        self.app.push_screen(Choose("Which deleted draft should come back?", choices), chosen)

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.wizard.action_new_draft()

    @on(Button.Pressed, "#example")
    def _example(self) -> None:
        self.wizard.action_open_example()

    @on(OptionList.OptionSelected, "#drafts")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        info = next((d for d in self.drafts if d.name == event.option.id), None)
        if info is None:
            return
        try:
            draft = self.store.load(info.name)
        except DraftError as error:
            self._offer_backup(info.name, str(error))
            return
        self.wizard.open_draft(info.name, draft)

    def _offer_backup(self, draft_name: str, error: str) -> None:
        """An unreadable draft is left alone; its previous version can open as a new draft."""
        from wizard.opening import recovery
        from wizard.ui.screens.dialogs import Confirm

        found = recovery(self.store, draft_name, error)
        if found is None:
            self.notify(error, severity="error", timeout=10)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.wizard.open_draft(found.name, found.draft, fresh=True)

        question = (
            f"{found.error}\n\nOpen the previous version (saved {found.saved:%Y-%m-%d %H:%M}) "
            f"as the new draft {found.name!r}? The unreadable file stays as it is."
        )
        self.app.push_screen(Confirm(question, "Open the previous version", "Cancel"), answer)

    def action_focus_import(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        problem = self.wizard.import_file(path) if path else "give the path of a file to import"
        show_line(self.query_one("#welcome-body"), "error", problem)
