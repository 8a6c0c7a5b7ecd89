"""What several Pilot tests share: the example draft opened at a step, the messages shown."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, Select

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


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type short text key by key; paste long text, as a terminal does (bracketed paste)."""
    if len(text) <= 24:
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
        return
    assert pilot.app.focused is not None
    pilot.app.post_message(events.Paste(text))  # the terminal's paste reaches the app first
    await pilot.pause()


async def choose(pilot: Pilot[int], label: str) -> None:
    """Open the focused Select and move down to the option called `label`, then pick it."""
    select = pilot.app.focused
    assert isinstance(select, Select)
    await pilot.press("enter")
    await pilot.pause()
    overlay = pilot.app.focused
    assert isinstance(overlay, OptionList)
    for _ in range(overlay.option_count + 1):
        highlighted = overlay.highlighted
        if (
            highlighted is not None
            and str(overlay.get_option_at_index(highlighted).prompt) == label
        ):
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def fill_timeline(pilot: Pilot[int], entries: list[tuple[str, str, str | None, str]]) -> None:
    for time, kind, detected, text in entries:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, time)
        await pilot.press("tab")
        await type_text(pilot, text)
        await pilot.press("tab")
        await choose(pilot, kind)  # set by hand, whatever was guessed from the text
        if detected is not None:
            await pilot.press("tab")
            await choose(pilot, detected)
        await pilot.press("ctrl+s")
        await pilot.pause()
