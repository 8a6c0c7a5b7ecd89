"""The base of the wizard's full screens: a typed way to the App that owns them."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp


class WizardScreen(Screen[None]):
    """A screen of pmwizard: `self.wizard` is its App, typed, so a renamed App method breaks
    the type check instead of a key press."""

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)
