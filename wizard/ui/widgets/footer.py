"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys each time the bindings may have changed (every
    focus move, every screen shown), and draws none in the first frame; this one draws them
    in the first frame and rebuilds them once per refresh at most, and only when a key, its
    label or whether it can run differs from what is drawn. Each key is
    made in the footer's style (compact or not), where Textual's restyles it once mounted."""

    _shown: Shown | None = None
    _pending = False

    def shown_keys(self, screen: Screen[object]) -> Shown:
        """What the footer would draw for `screen`: each shown key with its state."""
        app = self.app
        keys = [
            (binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        ]
        return tuple(keys)

    def compose(self) -> ComposeResult:
        # The keys are there from the first frame, as the screen's bindings stand while it is
        # built; once the focus settles they are rebuilt only if they differ.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self.shown_keys(self.screen)
        for widget in super().compose():
            # The palette's key keeps Textual's own style; the others follow the footer.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
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
