"""The header of every screen: Textual's, whose title keeps following the app's and the
screen's, but lets a change go when it comes while the header is being taken down."""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleHeader(Header):
    """A step screen left is removed while the app's subtitle may change (the next screen
    shows its save state): Textual's header then looks for a title its removal already took
    and raises. This one watches the same titles and skips a header without its title."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # Textual's own watchers would be set up again
        Widget._on_mount(self, event)

        async def set_title() -> None:
            with suppress(NoScreen, NoMatches):  # being removed: nothing to show it in
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
