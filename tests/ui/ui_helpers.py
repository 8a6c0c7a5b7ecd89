"""What several Pilot tests share: the example draft opened at a step, the messages shown."""

from __future__ import annotations

from collections.abc import Callable

from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp


def example_app(make_app: Callable[..., WizardApp], store: DraftStore, step: str) -> WizardApp:
    """The app on the example postmortem (saved as the draft `draft`), opened at `step`."""
    store.save("draft", example_postmortem())
    return make_app(Session(store, "draft", store.load("draft")), step=step)


def notices(app: WizardApp) -> list[str]:
    """The notifications shown so far (the app must run with notifications=True)."""
    return [str(n.message) for n in app._notifications]
