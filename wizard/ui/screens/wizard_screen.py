"""The base of the wizard's full screens: a typed way to the App that owns them, and a first
frame drawn once, whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp

FOCUS_WAIT = 0.2
"""Seconds the first frame waits at most for the focused widget to take its focus."""


class WizardScreen(Screen[None]):
    """A screen of pmwizard: `self.wizard` is its App, typed, so a renamed App method breaks
    the type check instead of a key press.

    Its first frame is drawn once, whole, as it will stand: while the app starts, Textual
    holds every frame back, yet a screen shown then still lays itself out and renders one,
    throws it away and takes its widgets for drawn (the first frame on the terminal then
    lacks them, and more follow to add them); and a frame drawn before the focused widget
    has taken its focus shows it unfocused. This screen is laid out and drawn once frames go
    out, and not before its focus is taken; what waits for the first frame
    (`after_first_frame`) runs once it is out."""

    _drawn = False
    _waiting: list[Callable[[], object]] | None = None
    _focus_timer: Timer | None = None
    _focus_waited = False
    _layout_deferred = False

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    @property
    def drawn(self) -> bool:
        """True once the screen's first frame, focus taken, is on the terminal."""
        return self._drawn

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual's own handler runs next. Shown for the first time, the screen's widgets
        # were styled as they were mounted, a moment ago: no need to style them all again.
        if not self._drawn:
            event.refresh_styles = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if self.app._batch_count and not self._drawn:
            # Laid out (and drawn) once the app takes its own messages: a layout now would
            # be made again then, as the widgets mounted meanwhile need.
            if not self._layout_deferred:
                self._layout_deferred = True
                self.app.call_later(self._deferred_layout)
            return
        super()._refresh_layout(size, scroll)

    def _deferred_layout(self) -> None:
        # Frames still held back (the app is closing): nothing to lay out for.
        if self.is_attached and not self.app._batch_count:
            self._layout_deferred = False
            self._refresh_layout(self.app.size)

    def _compositor_refresh(self) -> None:
        app = self.app
        if app._batch_count:
            # Drawn in full once the app takes its own messages (its start-up done).
            app.call_later(self.refresh)
            return
        if not self._drawn and self._focus_pending():
            return
        super()._compositor_refresh()
        if not self._drawn and self.is_current:
            self._drawn = True
            if self._focus_timer is not None:
                self._focus_timer.stop()
            for callback in self._waiting or ():
                self.call_next(callback)
            self._waiting = None

    def _focus_pending(self) -> bool:
        """True while the focused widget has yet to take its focus (it redraws when it does:
        the whole screen is drawn then), for FOCUS_WAIT at most."""
        focused = self.focused
        if focused is None or focused.has_focus or self._focus_waited:
            return False
        if self._focus_timer is None:
            self._focus_timer = self.set_timer(FOCUS_WAIT, self._stop_waiting)
        self._repaint_required = True
        return True

    def _stop_waiting(self) -> None:
        self._focus_waited = True
        self.refresh()

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the screen's first frame is on the terminal (now, if it is)."""
        if self._drawn:
            self.call_next(callback)
        else:
            self._waiting = [*(self._waiting or ()), callback]
