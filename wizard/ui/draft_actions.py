"""What the app does to the open draft and the settings when asked from a key or the
palette: import, rename, name after the title, switch the clock or the date order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.drafts import DraftError
from wizard.time.timezones import ClockStyle
from wizard.ui.documents import resolve
from wizard.ui.screens.dialogs import TextPrompt, rename_prompt
from wizard.ui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from wizard.model import Postmortem
    from wizard.ui.app import WizardApp


def import_file(app: WizardApp, path: str) -> str | None:
    """Import a written postmortem into a new draft and open it (an open draft is saved and
    closed first); a message if it fails. The draft follows the template the document reads
    as (an SRE-style one makes an sre draft), as `pmwizard import` does."""
    from wizard import importer

    file = resolve(path, app.start_dir)
    try:
        result = importer.import_text(importer.read_source(file))
    except DraftError as error:
        return str(error)
    except (ValueError, ArithmeticError, OSError) as error:  # a value the reader chokes on
        return f"{file} could not be imported: {error}"
    name = result.draft.title or file.stem  # the draft takes the first free name from it
    if app.session is None:
        app.open_draft(name, result.draft, fresh=True)
    else:
        app.switch_draft(name, result.draft)
    return None


async def switch_draft(app: WizardApp, name: str | None, draft: Postmortem | None) -> None:
    """Close the open draft (saved) and open `draft` as `name`; None: the welcome screen."""
    steps, names, shown = app.step_screens(), app.steps, app.current_step()
    if not app.close_session():
        return
    app.steps = ()
    while len(app.screen_stack) > 2:  # a dialog over the step
        app.pop_screen()
    for step in names:  # the step on show goes once the welcome screen replaces it
        if step != shown:
            app.uninstall_screen(step)
    await app.switch_screen(WelcomeScreen(app.store, app.settings))
    for step in names:
        app.uninstall_screen(step)
    for screen in steps:
        if screen.is_attached:
            await screen.remove()
    app.sub_title = ""
    if draft is not None:
        app.open_draft(name, draft, fresh=True)


async def save_as(app: WizardApp, fmt: str) -> None:
    """Flush what was typed, then ask where and write the draft as `fmt`."""
    from wizard.ui.documents import save_document

    app.flush_typing()
    if app.session is not None:
        await save_document(app, app.session, app.start_dir, fmt)


def ask_import(app: WizardApp) -> None:
    """Ask for a file and import it into a new draft."""

    def done(path: str | None) -> None:
        if path and (problem := import_file(app, path)):
            app.notify(problem, severity="error", timeout=10)

    prompt = TextPrompt(
        "Import a postmortem (Markdown or text)",
        "",
        "Import",
        hint="A path; a relative one starts in the folder pmwizard was started from",
    )
    app.push_screen(prompt, done)


def ask_rename(app: WizardApp) -> None:
    """Ask for a new name for the open draft and rename its files."""
    session = app.session
    if session is None:
        return
    if session.read_only:
        app.notify("This draft is open in another wizard: it cannot be renamed here.")
        return

    def done(name: str | None) -> None:
        if not name or name == session.name:
            return
        try:
            session.rename(name)
        except DraftError as error:
            app.notify(str(error), severity="error", timeout=10)
            return
        app.show_subtitle()
        app.notify(f"The draft is now {name!r}", timeout=4)

    app.push_screen(rename_prompt(app.store, session.ensure_name()), done)


def name_after_title(app: WizardApp) -> None:
    """A draft still called by its date takes its title's name once it has a title."""
    if app.session is None:
        return
    try:
        new = app.session.name_after_title()
    except DraftError as error:
        app.notify(str(error), severity="warning", timeout=8)
        return
    if new is not None:
        app.show_subtitle()
        app.notify(f"The draft is now {new!r}, after its title", timeout=4)


def switch_date_order(app: WizardApp) -> None:
    """Read numeric dates the other way round, everywhere a date is typed (remembered)."""
    app.change_settings(dayfirst=not app.settings.dayfirst)
    order = "day first (01/02 is 1 February)"
    if not app.settings.dayfirst:
        order = "month first (01/02 is January 2)"
    app.notify(f"Dates are now read {order}", timeout=4)


def switch_clock(app: WizardApp) -> None:
    """Write times on the other clock, in this draft and (remembered) in new ones."""
    session = app.session
    current = (session.draft.clock if session else None) or app.settings.clock or "12h"
    clock: ClockStyle = "12h" if current == "24h" else "24h"
    if session is not None:
        session.edit("clock", clock)
    app.change_settings(clock=clock)
    example = "23:40" if clock == "24h" else "11:40 PM"
    app.notify(f"Times are now written like {example}", timeout=4)


def new_draft(app: WizardApp) -> None:
    """Ask which template the new postmortem follows (classic first: Enter takes it), then
    start it; a broken team template file is listed saying why, and the others offered."""
    from wizard import templates
    from wizard.ui.screens.template_choice import TemplateChoice

    root = app.store.root

    def chosen(name: str | None) -> None:
        if name is None:
            return
        from wizard.session import blank_draft

        try:
            template = templates.find(name, root)
        except templates.TemplateError as error:  # changed since it was listed
            app.notify(str(error), severity="error", timeout=15)
            return
        app.open_draft(None, blank_draft(template.name))

    app.push_screen(TemplateChoice(templates.available(root)), chosen)
