"""Keys typed ahead: each goes where it would have gone had the person waited for the last.

Textual hands a key to the focused widget's queue at once. A key bound to an action (`ctrl+n`
for the next step, `a` for a new timeline entry) runs that action only once it has made its
way back up to the App, so the keys typed right after it went to the old focused widget:
the next answer landed in the previous step's field. And a screen just shown takes a moment
to be built and focused, so keys typed then were lost. Here a key waits while a bound key
before it is still on its way, or while the screen has yet to take its focus: HOLD_LIMIT at
most, then it goes on as it stands.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

HOLD_LIMIT = 1.0
"""Seconds keys wait at most for the one before them or for a screen, then go on."""
POLL = 0.005
"""Seconds between looks at whether the held keys can go on."""

Typed = events.Key | events.Paste


def ready(screen: Screen[Any]) -> bool:
    """True once `screen` takes keys as a person expects: its focus taken and, for the
    wizard's own screens, its first frame out (they say so with `drawn`). A screen with
    nothing to focus gets its keys after HOLD_LIMIT. While the terminal is not focused, the
    App gives the focus back on the next key: that key goes on at once."""
    if not screen.app.app_focus:
        return True
    focused = screen.focused
    return focused is not None and focused.has_focus and getattr(screen, "drawn", True)


def bindings(screen: Screen[Any], key: str) -> list[Binding]:
    """The bindings of `key` by the focused widget, the widgets holding it, the screen and
    the App. A key bound with priority is taken by the App as it comes; any other, once it
    is back at the App from the focused widget."""
    focused = screen.focused
    nodes = focused.ancestors_with_self if focused is not None else [screen, screen.app]
    return [b for node in nodes for b in node._bindings.key_to_bindings.get(key, ())]


class Typeahead:
    """The keys held for `app`; `replay` hands one on as the App would have."""

    def __init__(self, app: App[Any], replay: Callable[[Typed], Awaitable[None]]) -> None:
        self.app = app
        self._replay = replay
        self._held: list[Typed] = []
        self._timer: Timer | None = None
        self._on_its_way: events.Key | None = None
        self._bound = False  # whether the key on its way is bound to an action
        self._asked: events.Key | None = None  # the stopped key asked after
        self._since = 0.0

    @property
    def holding(self) -> bool:
        """True while keys typed wait to go on."""
        return bool(self._held)

    def hold(self, event: events.Event) -> bool:
        """Keep `event`, typed now, for later when it cannot go on yet (or keys typed before
        it still wait); True when it was kept."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if not self._held and self._clear(event):
            return False
        if not self._held:
            self._since = time.monotonic()
            self._timer = self.app.set_interval(POLL, self._release)
        self._held.append(event)
        return True

    def sent(self, event: events.Event) -> None:
        """The App has handled `event`, typed now: a key it sent on to the focused widget and
        bound to an action is on its way until it is back."""
        if not isinstance(event, events.Key | events.Paste):
            return
        self._since = time.monotonic()
        if isinstance(event, events.Key) and event.is_forwarded:
            self._on_its_way = event
            self._bound = bool(bindings(self.app.screen, event.key))

    def arrived(self, event: events.Event) -> None:
        """`event`, a key sent on, is back at the App: its binding, if any, has run."""
        if event is self._on_its_way:
            self._on_its_way = None

    def _clear(self, event: Typed) -> bool:
        """True when `event`, typed now, can go on: the screen is ready for it, and no key
        before it is still on its way that must be handled first: one bound to an action
        (it may change the focus or the screen), or any one when `event` is taken by the App
        as it comes (Enter in the zone picker picks what the keys before it typed)."""
        key = self._on_its_way
        if key is None:
            return ready(self.app.screen)
        if not self._bound and not self._taken_at_once(event):
            return ready(self.app.screen)
        if key._stop_propagation and self._asked is not key:
            # Stopped by a widget (typed into a field), or by the screen as it hands the key
            # to the App: then the key is in the App's queue already, ahead of this question.
            self._asked = key
            self.app.call_later(self._stopped, key)
        return False

    def _taken_at_once(self, event: Typed) -> bool:
        return isinstance(event, events.Key) and any(
            b.priority for b in bindings(self.app.screen, event.key)
        )

    def _stopped(self, key: events.Key) -> None:
        """`key` was stopped short of the App, or has been through it by now."""
        if self._on_its_way is key:
            self._on_its_way = None

    async def _release(self) -> None:
        """Hand on the held keys while they can go on; a key that opens another screen
        leaves the rest waiting for that one."""
        while self._held:
            if not self._clear(self._held[0]) and time.monotonic() - self._since < HOLD_LIMIT:
                return
            event = self._held.pop(0)
            await self._replay(event)
            self.sent(event)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
