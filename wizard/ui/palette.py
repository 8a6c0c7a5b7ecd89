"""The command palette's commands, each named for what it will do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import TextArea

from wizard.ui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp


def palette_commands(app: WizardApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """The step's own commands, then the draft's (or the welcome screen's), then settings."""
    from wizard.ui.app import is_step_screen

    if is_step_screen(screen):
        for title, help_text, callback in screen.palette_commands():
            yield SystemCommand(title, help_text, callback)
    if isinstance(screen.focused, TextArea):
        yield SystemCommand(
            "Open in your editor",
            "Edit the text box with the cursor in $VISUAL or $EDITOR; its text comes back here",
            app.action_edit_in_editor,
        )
    if app.session is not None:
        yield from _draft_commands(app, screen)
    else:
        yield from _welcome_commands(app, screen)
    yield from _setting_commands(app)
    yield SystemCommand("Help", "Show every key", app.action_help)
    yield SystemCommand("Quit", "Save the draft and quit", app.action_quit)


def _draft_commands(app: WizardApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    from wizard.ui.app import is_step_screen
    from wizard.ui.steps import step_titles

    assert app.session is not None
    titles = step_titles(app.session.rubric.template)
    for step in app.steps:
        yield SystemCommand(
            f"Go to: {titles[step]}",
            f"Open the {titles[step]} step",
            lambda step=step: app.go_to(step),
        )
    yield SystemCommand("Next section", "Go to the next section", app.action_next_step)
    yield SystemCommand("Previous section", "Go to the previous section", app.action_previous_step)
    yield SystemCommand("Save draft", "Save the draft now", app.action_save)
    yield SystemCommand(
        "Copy the postmortem",
        "Copy the whole document's Markdown to the clipboard",
        app.action_copy_document,
    )
    here = screen.STEP if is_step_screen(screen) else "review"
    if here != "review":
        yield SystemCommand(
            f"Copy this section: {titles[here]}",
            "Copy this section's Markdown to the clipboard",
            app.action_copy_section,
        )
    yield SystemCommand(
        "Save Markdown…", "Write the postmortem to a Markdown file", lambda: app.save_as("markdown")
    )
    yield SystemCommand(
        "Export HTML…", "Write the postmortem as a web page", lambda: app.save_as("html")
    )
    yield SystemCommand(
        "Export JSON…",
        "Write the draft as JSON (the draft file itself)",
        lambda: app.save_as("json"),
    )
    yield SystemCommand(
        "Import a file…",
        "Turn a Markdown or text postmortem into a new draft (this one is saved and closed)",
        app.action_import_file,
    )
    yield SystemCommand("Rename draft…", "Give this draft another name", app.action_rename_draft)
    yield SystemCommand(
        "Close draft", "Save this draft and go back to the list of drafts", app.action_close_draft
    )
    yield SystemCommand(
        "Change the time zone…", "Pick the incident's time zone", app.action_pick_zone
    )


def _welcome_commands(app: WizardApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    yield SystemCommand("New postmortem", "Start a new postmortem", app.action_new_draft)
    yield SystemCommand("Open the example", "Open a finished example", app.action_open_example)
    yield SystemCommand(
        "Import a file…",
        "Turn a Markdown or text postmortem into a new draft",
        app.action_import_file,
    )
    if isinstance(screen, WelcomeScreen):
        yield SystemCommand(
            "Rename draft…", "Give the highlighted draft another name", screen.action_rename
        )
        yield SystemCommand(
            "Delete draft…", "Move the highlighted draft to the trash", screen.action_delete
        )
        yield SystemCommand(
            "Restore a deleted draft…", "Bring a draft back from the trash", screen.action_restore
        )


def _setting_commands(app: WizardApp) -> Iterator[SystemCommand]:
    session = app.session
    clock = (session.draft.clock if session else None) or app.settings.clock or "12h"
    if clock == "24h":
        yield SystemCommand(
            "Switch to 12-hour times",
            "Write times like 11:40 PM in the document, the table and the ribbon",
            app.action_switch_clock,
        )
    else:
        yield SystemCommand(
            "Switch to 24-hour times",
            "Write times like 23:40 in the document, the table and the ribbon",
            app.action_switch_clock,
        )
    if app.settings.dayfirst:
        yield SystemCommand(
            "Switch to month-first dates",
            "Read dates like 01/02/2023 as January 2 (month first)",
            app.action_switch_date_order,
        )
    else:
        yield SystemCommand(
            "Switch to day-first dates",
            "Read dates like 01/02/2023 as 1 February (day first)",
            app.action_switch_date_order,
        )
