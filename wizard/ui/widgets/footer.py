"""The footer of every screen: Textual's, rebuilt only when the keys it shows change, and
never wider than the terminal."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Key = tuple[str, str, str, bool, str, str]
"""One key as the footer draws it: key, its display, description, enabled, tooltip, id."""
Shown = tuple[Key, ...]

STEADY = ("app.next", "app.previous", "app.help")
"""The keys a footer too narrow for all of them keeps first: on, back, and the help, which
lists every key the footer leaves out (and the palette finds every action)."""
URGENT = ("timeline.accept_kinds",)
"""Keys kept next, while they can run: keeping the guessed kinds matters most just after a
paste or an import, when the timeline marks them."""
PAIRS = (("list.up", "list.down"),)
"""Keys shown together or not at all: Move up without Move down reads as a missing key."""


def key_width(key: Key, compact: bool) -> int:
    """The cells a key takes in the footer: in Textual's compact style the key, a space, the
    description and a cell of margin; otherwise a cell of padding each side of the key and
    one after the description."""
    return cell_len(key[1]) + cell_len(key[2]) + (2 if compact else 3)


def palette_width(key: Key) -> int:
    """The palette key at the right end: its left border, the key, a space, the description
    and a cell of padding."""
    return cell_len(key[1]) + cell_len(key[2]) + 3


def _rank(key: Key) -> int:
    """Which keys a narrow footer keeps first: the steady ones, then an urgent one that can
    run, then the rest."""
    if key[5] in STEADY:
        return 0
    return 1 if key[5] in URGENT and key[3] else 2


def fitted(keys: Shown, room: int, compact: bool) -> Shown:
    """`keys` if they fit in `room` cells; else the steady keys, an urgent one that can run,
    then each other key (a pair as one) in the footer's order if it still fits, drawn in the
    footer's order. A key left out still works, and the help lists it."""
    widths = [key_width(key, compact) for key in keys]
    if sum(widths) <= room:
        return keys
    index_of = {key[5]: index for index, key in enumerate(keys)}
    units: list[list[int]] = []  # keys kept or left out together
    paired: set[int] = set()
    for pair in PAIRS:
        found = [index_of[key_id] for key_id in pair if key_id in index_of]
        if len(found) > 1:
            units.append(found)
            paired.update(found)
    units += [[index] for index in range(len(keys)) if index not in paired]
    units.sort(key=lambda unit: (min(_rank(keys[index]) for index in unit), min(unit)))
    kept: set[int] = set()
    for unit in units:
        width = sum(widths[index] for index in unit)
        if width <= room:
            kept.update(unit)
            room -= width
    return tuple(key for index, key in enumerate(keys) if index in kept)


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys each time the bindings may have changed (every
    focus move, every screen shown), and draws none in the first frame; this one draws them
    in the first frame and rebuilds them once per refresh at most, and only when a key, its
    label or whether it can run differs from what is drawn. Each key is
    made in the footer's style (compact or not), where Textual's restyles it once mounted.
    Where the keys are wider than the terminal, it shows those that fit (see `fitted`) and
    the palette's key whole, instead of letting the palette's key cover the last ones."""

    _shown: Shown | None = None
    _pending = False

    def shown_keys(self, screen: Screen[object]) -> Shown:
        """What the footer draws on `screen`: each key that fits with its state, then the
        palette's key."""
        app = self.app
        keys: list[Key] = []
        palette: list[Key] = []
        actions: set[str] = set()  # as Textual's footer: one key per action, the first
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if not (binding.show or binding.key == app.COMMAND_PALETTE_BINDING):
                continue
            if binding.show:
                if binding.action in actions:
                    continue
                actions.add(binding.action)
            key = (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip,
                binding.id or "",
            )
            (palette if binding.key == app.COMMAND_PALETTE_BINDING else keys).append(key)
        room = (self.size.width or app.size.width) - sum(palette_width(key) for key in palette)
        return (*fitted(tuple(keys), room, self.compact), *palette)

    def compose(self) -> ComposeResult:
        # The keys are there from the first frame, as the screen's bindings stand while it is
        # built; once the focus settles they are rebuilt only if they differ.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self.shown_keys(self.screen)
        kept = {key[0] for key in self._shown}
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                if widget.key not in kept:
                    continue
                # The palette's key keeps Textual's own style; the others follow the footer.
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_soon()

    def on_resize(self, _event: events.Resize) -> None:
        self._rebuild_soon()

    def _rebuild_soon(self) -> None:
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self.shown_keys(self.screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
