"""The App: wires the draft session, the step screens, keys, palette and autosave."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from wizard import memo
from wizard.settings import Settings, load_settings, save_settings
from wizard.ui.launch import resume_collection
from wizard.ui.screens.wizard_screen import WizardScreen
from wizard.ui.typeahead import Typeahead

# The step screens, the draft model and Markdown load once a draft opens, not before the
# welcome screen is drawn; the welcome screen only when it is shown, not before a resumed
# draft's step (`python -m benchmarks startup`).
if TYPE_CHECKING:
    from wizard.drafts import DraftStore
    from wizard.model import Postmortem
    from wizard.session import Session
    from wizard.ui.screens.base import SectionScreen
    from wizard.ui.screens.welcome import WelcomeScreen
    from wizard.ui.view import View

AUTOSAVE_DELAY = 1.0
RETRY_DELAY = 3.0
"""Seconds between attempts while the draft cannot be saved (a full disk, say)."""
HANGUP_GRACE = 1.5
"""Seconds a closed terminal (SIGHUP) leaves the app to save and close before the process
ends anyway; SIGTERM and SIGINT, with the terminal still there, leave it TERMINATE_GRACE."""
TERMINATE_GRACE = 5.0


class WizardApp(App[int]):
    """pmwizard's terminal UI."""

    CSS_PATH = "app.tcss"
    TITLE = "pmwizard"
    BINDINGS = [
        # Each step key has a second that tmux leaves alone (ctrl+b is its prefix).
        Binding(
            "ctrl+n,alt+right", "next_step", "Next", id="app.next", tooltip="Go to the next section"
        ),
        Binding(
            "ctrl+b,alt+left",
            "previous_step",
            "Back",
            id="app.previous",
            tooltip="Go to the previous section",
        ),
        Binding("ctrl+s", "save", "Save", id="app.save", tooltip="Save the draft now"),
        Binding(
            "ctrl+t", "pick_zone", "Zone", id="app.zone", tooltip="Pick the incident's time zone"
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding(
            "ctrl+o",
            "edit_in_editor",
            "Editor",
            id="app.editor",
            show=False,  # in the help and the palette: a footer changing with the focus flickers
            tooltip="Open the text box in your editor ($VISUAL or $EDITOR); its text comes back",
        ),
        Binding(
            "ctrl+r",
            "copy_document",
            "Copy",
            id="app.copy_document",
            show=False,
            tooltip="Copy the postmortem's Markdown to the clipboard",
        ),
        Binding(
            "ctrl+g",
            "copy_section",
            "Copy section",
            id="app.copy_section",
            show=False,
            tooltip="Copy this section's Markdown to the clipboard",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            priority=True,
            tooltip="Save the draft and quit",
        ),
        # Textual's own, given an id here so that keys.toml can move it.
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            id="app.palette",
            show=False,
            priority=True,
            tooltip="Command palette: every action and every step, found by typing part of its "
            "name",
        ),
    ]

    class SaveDone(Message):
        """An autosave in a thread ended: `error` says why it failed, None when it worked."""

        def __init__(self, error: str | None) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        store: DraftStore,
        session: Session | None = None,
        step: str | None = None,
        start_dir: Path | None = None,
        autosave_delay: float = AUTOSAVE_DELAY,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.session = session
        self.first_step = step
        self.start_dir = start_dir or Path.cwd()
        self.autosave_delay = autosave_delay
        self.settings = settings if settings is not None else load_settings(store.root)
        self._save_timer: Timer | None = None
        self._warned_read_only = False
        self._quit_asked = False
        # Why the last save failed (None: the draft on disk is up to date or saving works).
        self.unsaved: str | None = None
        self._quit_unsaved = False
        self._signalled = False
        self._saved_on_signal = threading.Event()
        # The author's keys from keys.toml (binding id -> keys), over the defaults.
        self.keys_in_force: dict[str, str] = {}
        # The open draft's steps (its template's sections, then the review), by screen name,
        # and the screens of those built so far.
        self.steps: tuple[str, ...] = ()
        self._built_steps: dict[str, SectionScreen] = {}
        # Where the person was on each step let go (focus, cursors, scroll), for the screen
        # built in its place.
        self._views: dict[str, View] = {}
        # Keys typed ahead, held while a key before them is on its way or a screen just
        # shown has yet to take its focus.
        self.typeahead = Typeahead(self, partial(App.on_event, self))

    async def on_event(self, event: events.Event) -> None:
        if event.is_forwarded:  # back from the focused widget, unhandled there
            await super().on_event(event)
            self.typeahead.arrived(event)
        elif not self.typeahead.hold(event):
            await super().on_event(event)
            self.typeahead.sent(event)

    # --- start-up ----------------------------------------------------------

    def on_mount(self) -> None:
        from wizard.ui.keys import apply_keys

        apply_keys(self)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.session is None:
            from wizard.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.store, self.settings))
            return
        session = self.session
        self.session = None
        self._open_checked(session, self.first_step, on_refusal=lambda: self.exit(0))

    def on_ready(self) -> None:
        """The first frame is drawn."""
        self.call_after_refresh(resume_collection)
        screen = self.screen
        if isinstance(screen, WizardScreen):
            screen.after_first_frame(memo.keep)
        else:  # a question before the draft opens
            self.call_after_refresh(memo.keep)

    def on_unmount(self) -> None:
        """The last save (typed text was flushed by quit) and the draft's lock let go."""
        from wizard.drafts import DraftError

        if self.session is not None:
            with contextlib.suppress(DraftError, OSError):
                self.session.save()
            self.session.close()

    def _open_checked(
        self, session: Session, step: str | None, on_refusal: Callable[[], object]
    ) -> None:
        """Open `session`, first asking to go read-only when another wizard has the draft."""
        from wizard.opening import opening

        found = opening(session)
        if found.held_by is None:
            self._open(session, step)
            return
        from wizard.ui.screens.dialogs import Confirm

        def answer(read_only: bool | None) -> None:
            if read_only:
                self._open(found.read_only(), step)
            else:
                on_refusal()

        question = (
            f"The draft {session.name!r} is open in {found.held_by}. Open it read-only? "
            "Nothing you change here will be saved."
        )
        self.push_screen(Confirm(question, "Open read-only", "Cancel"), answer)

    # --- signals -----------------------------------------------------------

    def handle_signals(self) -> None:
        """SIGTERM, SIGINT and SIGHUP (a closed terminal) save the draft and end the app; if
        the app cannot close (its terminal is gone), the process ends anyway once the draft
        is saved. Call from the main thread before `run`, before any other thread starts.

        The signals are blocked in every thread and taken by one of their own, so they are
        answered even while the app is stuck writing to a terminal that is gone.
        """
        signums = {
            getattr(signal, name)
            for name in ("SIGTERM", "SIGINT", "SIGHUP")
            if hasattr(signal, name)
        }
        if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
            for signum in signums:
                signal.signal(signum, self._end_in_thread)
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, signums)

        def wait() -> None:
            self._end_on_signal(signal.sigwait(signums))

        threading.Thread(target=wait, name="pmwizard-signals", daemon=True).start()

    def _end_in_thread(self, signum: int, frame: object) -> None:  # pragma: no cover - Windows
        if not self._signalled:
            self._signalled = True
            ending = threading.Thread(target=self._end_on_signal, args=(signum,), daemon=True)
            ending.start()

    def _end_on_signal(self, signum: int) -> None:
        """Ask the app to save and exit; if it does not answer in time, save from here; end
        the process if it is still there after the grace period."""
        grace = HANGUP_GRACE if signum == getattr(signal, "SIGHUP", None) else TERMINATE_GRACE
        deadline = time.monotonic() + grace
        loop = self._loop
        asked = False
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the app is ending
                loop.call_soon_threadsafe(self._save_and_exit)
                asked = True
        if not (asked and self._saved_on_signal.wait(HANGUP_GRACE * 0.6)):
            self._last_save()
        time.sleep(max(0.0, deadline - time.monotonic()))
        if self.session is not None:
            self.session.close()
        os._exit(0)

    def _save_and_exit(self) -> None:
        self.save_now()
        self._saved_on_signal.set()
        self.exit(0)

    def _last_save(self) -> None:
        """Save what the session holds (typed text included), from any thread."""
        from wizard.drafts import DraftError

        if self.session is not None:
            with contextlib.suppress(DraftError, OSError):
                self.session.save()

    def _open(self, session: Session, step: str | None) -> None:
        """Install the step screens for `session` (one per section of its template, then the
        review) and show `step` (default: the first incomplete one). Each step screen (and its
        module) is built when first shown: the first paint waits for one screen, not all."""
        from wizard.ui.steps import steps

        self.session = session
        session.listeners.append(self._draft_changed)
        self.steps = steps(session.rubric.template)
        self._built_steps = {}
        self._views = {}
        for name in self.steps:
            # Textual builds an installed callable on first use, as it does for SCREENS.
            self.install_screen(partial(self._build_step, session, name), name=name)  # type: ignore[arg-type]
        self.show_subtitle()
        if session.read_only_reason:
            self._tell_read_only(session)
        target = step or session.first_incomplete()
        if is_welcome_screen(self.screen):
            self.switch_screen(target)
        else:
            self.push_screen(target)

    def _build_step(self, session: Session, step: str) -> SectionScreen:
        from wizard.ui.screens.sections import build_step

        screen = build_step(step, session, self.settings, self.start_dir)
        screen.view_left = self._views.pop(step, None)
        self._built_steps[step] = screen
        return screen

    def open_draft(
        self,
        name: str | None,
        draft: Postmortem | None,
        step: str | None = None,
        fresh: bool = False,
    ) -> None:
        """Open a draft from the welcome screen (None: a new postmortem); a `fresh` one (the
        example, an import, a recovered backup) is written under its new name at once."""
        from wizard.opening import new_session

        if self.session is not None:
            return
        session = new_session(self.store, name, draft, fresh)
        self._open_checked(session, step, lambda: None)
        if fresh:
            self.save_now()

    def action_new_draft(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.new_draft(self)

    def action_open_example(self) -> None:
        from wizard.example import example_postmortem

        self.open_draft("example", example_postmortem(), "review", fresh=True)

    def import_file(self, path: str) -> str | None:
        """Import a written postmortem into a new draft and open it; a message if it fails."""
        from wizard.ui import draft_actions

        return draft_actions.import_file(self, path)

    def switch_draft(self, name: str | None, draft: Postmortem | None) -> None:
        """Close the open draft (saved) and open another; None: back to the welcome screen."""
        from wizard.ui import draft_actions

        work = draft_actions.switch_draft(self, name, draft)
        self.run_worker(work, exclusive=True, group="switch-draft")

    def close_session(self) -> bool:
        """Save the open draft and let it go (its lock too); False if it could not be saved."""
        session = self.session
        if session is None or not self.save_now():
            return False
        session.close()
        session.listeners.remove(self._draft_changed)
        self.session = None
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        return True

    def action_close_draft(self) -> None:
        """Save the draft and go back to the welcome screen (to open or start another)."""
        self.switch_draft(None, None)

    def action_import_file(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.ask_import(self)

    def action_rename_draft(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.ask_rename(self)

    def action_name_after_title(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.name_after_title(self)

    def save_as(self, fmt: str) -> None:
        """Write the open draft as Markdown, HTML or JSON, asking where."""
        from wizard.ui import draft_actions

        if self.session is not None:
            self.run_worker(draft_actions.save_as(self, fmt), group="save-as")

    # --- settings ------------------------------------------------------------

    def change_settings(self, **changes: Any) -> None:
        """Take new settings (`dayfirst`, `clock`, `theme`), remember them, and tell every
        step screen."""
        self.settings = replace(self.settings, **changes)
        save_settings(self.store.root, self.settings)
        for screen in self.step_screens():
            screen.use_settings(self.settings)
        if is_welcome_screen(self.screen):
            self.screen.settings = self.settings

    def action_switch_date_order(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.switch_date_order(self)

    def action_switch_clock(self) -> None:
        from wizard.ui import draft_actions

        draft_actions.switch_clock(self)

    def watch_theme(self, theme: str) -> None:
        if self.screen_stack and theme != self.settings.theme:
            self.change_settings(theme=theme)

    def _let_go(self, screen: SectionScreen) -> None:
        """Remove a step screen just left, to be built again from the draft when next shown,
        so memory holds one step's widgets, not every step visited; the new screen gets back
        the focus, cursors and scroll offsets this one was left with. A screen holding what
        the draft does not (refused text, a list item half typed, an undo history) stays.
        Either way its drawn lines go now, before the next step is drawn (Textual draws them
        again if it is shown again), not when the removed screen is collected."""
        from wizard.ui.view import keep_view

        for widget in screen.walk_children(with_self=True):
            widget.refresh()
        step = screen.STEP
        if self.session is None or self.session.read_only or screen.holds_more_than_draft():
            return
        if self._built_steps.get(step) is not screen or not self.is_screen_installed(step):
            return
        self._views[step] = keep_view(screen)
        self.uninstall_screen(step)  # off the stack already: Textual removes it
        del self._built_steps[step]
        self.install_screen(partial(self._build_step, self.session, step), name=step)  # type: ignore[arg-type]

    def switch_screen(self, screen: Screen[Any] | str) -> Any:
        switched = super().switch_screen(screen)
        self.call_next(self._forget_removed)  # after the replaced screen is removed
        return switched

    def pop_screen(self) -> Any:
        popped = super().pop_screen()
        self.call_next(self._forget_removed)
        return popped

    def _forget_removed(self) -> None:
        """Let go of what Textual keeps of removed widgets: the app's watchers keep a widget
        that watched its title or theme (a Header, a TextArea) until that value changes, and
        a styles cache keyed by widget keeps up to 1024 widgets' rendered lines."""
        from textual._styles_cache import StylesCache

        watchers: dict[str, list[tuple[Any, Any]]] = getattr(self, "__watchers", {})
        for found in watchers.values():
            found[:] = [(node, callback) for node, callback in found if not node._closing]
        StylesCache.get_inner_outer.cache_clear()

    def step_screens(self) -> list[SectionScreen]:
        return [s for s in self._built_steps.values() if self.is_screen_installed(s)]

    # --- navigation --------------------------------------------------------

    def current_step(self) -> str | None:
        screen = self.screen
        return screen.STEP if is_step_screen(screen) else None

    def go_to(self, step: str, point: str | None = None) -> None:
        """Show `step`; with `point`, put the cursor on the field that answers it."""
        if self.session is None or step not in self.steps:
            return
        current = self.screen
        if is_step_screen(current):
            current.catch_up()
        if self.current_step() != step:
            # Leaving a step does not blur its fields: a draft still called by its date
            # takes its title's name here as it does when the title loses the focus.
            self.action_name_after_title()
            self.switch_screen(step)
            if is_step_screen(current):
                self._let_go(current)
        if point is not None:
            target = self.get_screen(step)
            if is_step_screen(target):
                self.call_after_refresh(target.focus_point, point)

    def action_next_step(self) -> None:
        from wizard.ui.steps import step_after

        step = self.current_step()
        if step is not None:
            self.go_to(step_after(self.steps, step, 1))

    def action_previous_step(self) -> None:
        from wizard.ui.steps import step_after

        step = self.current_step()
        if step is not None:
            self.go_to(step_after(self.steps, step, -1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Step keys are left out of the footer until a draft is open."""
        if action in ("next_step", "previous_step", "save", "pick_zone", "copy_document"):
            return self.session is not None
        if action == "copy_section":
            return self.current_step() not in (None, "review")
        if action == "edit_in_editor":
            return self.focused_text_area()
        return True

    # --- saving ------------------------------------------------------------

    def _draft_changed(self, section: str) -> None:
        if self.session is not None and self.session.read_only:
            self._tell_read_only(self.session)
        self._schedule_autosave()
        screen = self.screen
        if is_step_screen(screen):
            screen.refresh_status(section)

    def _tell_read_only(self, session: Session) -> None:
        """Say once that nothing is saved, and why."""
        if self._warned_read_only:
            return
        self._warned_read_only = True
        why = session.read_only_reason or "this draft is open elsewhere"
        self.notify(f"Read-only: {why}. Changes are not saved.", severity="warning", timeout=15)

    def on_section_screen_typed(self) -> None:
        """Typed text counts as a change: the autosave clock starts with its first key."""
        self._schedule_autosave()

    def _schedule_autosave(self, delay: float | None = None) -> None:
        """Save at most `autosave_delay` after the first unsaved change, even while typing
        goes on."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(delay or self.autosave_delay, self._autosave)

    @property
    def autosave_pending(self) -> bool:
        """A change waits for the autosave timer, or the save it started is still writing."""
        return self._save_timer is not None or any(
            worker.group == "autosave" and not worker.is_finished for worker in self.workers
        )

    def _autosave(self) -> None:
        self._save_timer = None
        self.run_worker(self._save_in_thread, thread=True, group="autosave", exclusive=False)

    def _save_in_thread(self) -> None:
        from wizard.drafts import DraftError

        try:
            if self.session is not None:
                self.session.save()
        except (DraftError, OSError) as error:
            self.post_message(self.SaveDone(str(error)))
        else:
            self.post_message(self.SaveDone(None))

    def on_wizard_app_save_done(self, message: SaveDone) -> None:
        self._after_save(message.error)

    def _after_save(self, error: str | None, asked: bool = False) -> None:
        """Tell what a save did: the first failure (any failure the person `asked` to save
        through), the first success after failures, a draft kept beside a file another
        program changed; after a failure, try again soon."""
        session = self.session
        if session is not None:
            while session.notices:
                self.notify(session.notices.pop(0), severity="warning", timeout=20)
            if session.read_only:  # it became so on this save (the lock could not be taken)
                self.unsaved = None
                self._tell_read_only(session)
                self.show_subtitle()
                return
        if error is not None:
            if self.unsaved is None or asked:
                self.notify(
                    f"The draft is not saved: {error}. pmwizard keeps trying.",
                    severity="error",
                    timeout=10,
                )
            self.unsaved = error
            self._schedule_autosave(RETRY_DELAY)
        elif self.unsaved is not None:
            self.unsaved = None
            self.notify("The draft is saved again.", timeout=5)
        self.show_subtitle()

    def save_now(self) -> bool:
        """Flush typed text and write the draft (after any save in flight); False (and a
        message) if it failed."""
        from wizard.drafts import DraftError

        if self.session is None:
            return True
        self.flush_typing()
        try:
            self.session.save()
        except (DraftError, OSError) as error:
            self._after_save(str(error), asked=True)
            return False
        self._after_save(None, asked=True)
        return True

    def flush_typing(self) -> None:
        """Put the text typed on the step screen into the draft now."""
        screen = self.screen
        if is_step_screen(screen):
            screen.catch_up()

    def show_subtitle(self) -> None:
        session = self.session
        if session is None:
            return
        if session.read_only:
            self.sub_title = f"{session.name} · read-only"
        elif self.unsaved is not None:
            self.sub_title = f"{session.name} · NOT SAVED"
        elif session.saved_at is not None:
            self.sub_title = f"{session.name} · saved {session.saved_at:%H:%M}"
        else:
            self.sub_title = session.name or "new draft · not saved yet"

    def action_save(self) -> None:
        if self.save_now() and self.session is not None:
            self.notify(f"Saved to {self.session.saved_path}", timeout=3)

    async def action_quit(self) -> None:
        self.action_name_after_title()
        session = self.session
        if session is not None and session.invalid and not self._quit_asked:
            self._quit_asked = True
            self._confirm_quit(session.invalid)
            return
        if session is not None and session.read_only and not self._quit_asked:
            self.flush_typing()
            if session.dirty:
                self._quit_asked = True
                self._confirm_read_only_quit(session)
                return
        if self.save_now():
            self.exit(0)
        elif self._quit_unsaved:
            self.exit(return_code=1)
        else:
            self._quit_unsaved = True
            self.notify(
                f"The draft could not be saved ({self.unsaved}); free the problem and press "
                "ctrl+q again, or ctrl+q again quits without the last changes.",
                severity="error",
                timeout=15,
            )

    def _confirm_quit(self, problems: dict[str, str]) -> None:
        """Quitting while fields hold refused text: those edits are not in the draft."""
        from wizard.ui.screens.dialogs import Confirm
        from wizard.ui.steps import FIELD_LABELS

        listed = "\n".join(
            f"• {FIELD_LABELS.get(path, path)}: {problem}" for path, problem in problems.items()
        )
        question = (
            f"These fields hold text that is not valid, so the draft keeps their last valid "
            f"value:\n{listed}\nQuit anyway?"
        )

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.call_later(self.action_quit)
            else:
                self._quit_asked = False

        self.push_screen(Confirm(question, "Quit anyway", "Go back"), answer)

    def _confirm_read_only_quit(self, session: Session) -> None:
        """Quitting a read-only draft that was changed: the changes are lost unless written
        somewhere else first."""
        from wizard.ui.screens.dialogs import Confirm

        why = session.read_only_reason or "this draft is open in another pmwizard"
        question = (
            f"This draft is read-only ({why}), so the changes made to it are not saved. "
            "To keep them, go back and save the document elsewhere (Save Markdown on the "
            "review, or ctrl+p). Quit without them?"
        )

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)
            else:
                self._quit_asked = False

        self.push_screen(Confirm(question, "Quit without them", "Go back"), answer)

    # --- help, zone, palette ----------------------------------------------

    def focused_text_area(self) -> bool:
        """True while the cursor is in a text box (a long answer the editor can take)."""
        from textual.widgets import TextArea

        return isinstance(self.focused, TextArea)

    def action_edit_in_editor(self) -> None:
        from wizard.ui.editor import edit_focused_text

        edit_focused_text(self)

    def action_copy_document(self) -> None:
        from wizard.ui.clipboard import copy_document

        copy_document(self)

    def action_copy_section(self) -> None:
        from wizard.ui.clipboard import copy_section

        copy_section(self)

    def action_help(self) -> None:
        from wizard.ui.screens.help import HelpScreen, help_groups

        self.push_screen(HelpScreen(help_groups(self)))

    def action_pick_zone(self) -> None:
        """Open the zone picker for the incident; Enter sets it, Escape leaves it unchanged."""
        from wizard.ui.screens.summary import SummaryScreen

        if self.session is None:
            return
        template = self.session.rubric.template
        summaries = (  # built here if not shown yet
            self.get_screen(s.id) for s in template.sections if s.layout == "summary"
        )
        found = (s for s in summaries if isinstance(s, SummaryScreen) and s.has_window)
        summary = next(found, None)
        if summary is None:
            self.notify("This template asks for no incident window: there is no zone to pick.")
            return
        summary.pick_zone()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from wizard.ui.palette import palette_commands

        yield from palette_commands(self, screen)
        # Textual's own, but "Keys" (Help lists every key) and "Quit" (ours saves first).
        yield from (
            command
            for command in super().get_system_commands(screen)
            if command.title not in ("Keys", "Quit")
        )


def is_welcome_screen(screen: object) -> TypeGuard[WelcomeScreen]:
    """True for the welcome screen; its module is imported only when it is shown."""
    return _is_loaded_instance(screen, "wizard.ui.screens.welcome", "WelcomeScreen")


def is_step_screen(screen: object) -> TypeGuard[SectionScreen]:
    """True for a step screen; the steps are imported only once a draft is open."""
    return _is_loaded_instance(screen, "wizard.ui.screens.base", "SectionScreen")


def _is_loaded_instance(screen: object, module: str, name: str) -> bool:
    """True when `screen` is an instance of class `name` of `module`; False, without
    importing it, while the module is not loaded (no such screen can exist yet)."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(screen, getattr(loaded, name))
