"""The real wizard in a pseudo-terminal, killed while someone types: what is on disk after.

SIGKILL may lose the last two seconds of typing, never more, whatever the field and however
steadily the typing goes on; SIGTERM, SIGINT and SIGHUP (a closed terminal window) lose
nothing, and a terminal closed at any moment ends the process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pyte
import pytest
from pty_wizard import COLUMNS, LINES, STEP_READY, WELCOME_READY, Wizard

from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.lock import DraftLock
from wizard.model import Postmortem


@pytest.fixture
def wizard(child_env: dict[str, str], isolated_home: Path) -> Wizard:
    return Wizard(child_env, isolated_home)


def test_sigkill_keeps_what_was_typed_two_seconds_before(wizard: Wizard) -> None:
    first, second = "Checkout outage", " on January 17"
    with wizard:
        wizard.type(first)
        wizard.pump(2.5)
        wizard.type(second, shown=False)
        os.kill(wizard.pid, signal.SIGKILL)
        assert wizard.wait_exit() == -signal.SIGKILL
    title = wizard.title_on_disk()
    assert title is not None, "nothing was saved in the 2.5 s after the first words"
    assert title.startswith(first)
    assert (first + second).startswith(title)


def test_sigkill_during_steady_typing_keeps_all_but_the_last_two_seconds(wizard: Wizard) -> None:
    with wizard:
        log = wizard.type_steadily(4.0)
        killed_at = time.monotonic()
        os.kill(wizard.pid, signal.SIGKILL)
        assert wizard.wait_exit() == -signal.SIGKILL
    safe = [typed for at, typed in log if at <= killed_at - 2.0]
    assert safe, "the typing did not last two seconds"
    title = wizard.title_on_disk()
    assert title is not None, f"no draft on disk; {safe[-1]!r} was typed 2 s before the kill"
    assert title.startswith(safe[-1])


def test_sigterm_right_after_typing_saves_everything(wizard: Wizard) -> None:
    text = "Database pool exhausted"
    with wizard:
        wizard.type(text)
        if wizard.title_on_disk() == text:
            pytest.skip("autosave came before the signal; nothing was left to lose")
        os.kill(wizard.pid, signal.SIGTERM)
        assert wizard.wait_exit() is not None, "the wizard ignored SIGTERM"
    assert wizard.title_on_disk() == text


@pytest.mark.parametrize("how", ["sighup", "terminal-closed"])
def test_sighup_right_after_typing_saves_everything(wizard: Wizard, how: str) -> None:
    text = "Payments failed for an hour"
    with wizard:
        wizard.type(text)
        if wizard.title_on_disk() == text:
            pytest.skip("autosave came before the hang-up; nothing was left to lose")
        if how == "sighup":
            os.killpg(wizard.pid, signal.SIGHUP)
        else:
            wizard.close_terminal()
        assert wizard.wait_exit() is not None, "the wizard kept running after the hang-up"
    assert wizard.title_on_disk() == text


# --- every multi-line field, typed into steadily -------------------------------------------

STEADY = "steady"
NO_ROOT_CAUSE = example_postmortem().revised(root_cause="", resolution="")
# Each multi-line field, and a draft that `resume` opens on that field's step.
MULTI_LINE = {
    "impact.down": Postmortem(),
    "impact.experience": Postmortem(),
    "root_cause_summary": Postmortem(),
    "unsorted": Postmortem(unsorted="Kept from the import."),  # typed text goes before it
    "root_cause": NO_ROOT_CAUSE,
    "resolution": NO_ROOT_CAUSE,
}


FOCUSED_CORNER = "█▀"
"""The top left corner of a focused text control (its thick border); an unfocused one's is
`▊▔`."""


@dataclass(frozen=True)
class Mark:
    """A focused control as a person finds it on the screen: by the label of its field, its
    top left corner `dx` columns and `dy` rows from the label's first letter."""

    label: str
    dx: int
    dy: int

    def drawn(self, screen: pyte.Screen) -> bool:
        """Whether `screen` shows the control with the focus under its label (wherever the
        form has scrolled to)."""
        rows = screen.display
        for y, row in enumerate(rows):
            x = row.find(self.label)
            while x >= 0:
                top, left = y + self.dy, x + self.dx
                if 0 <= top < len(rows) and rows[top][left : left + 2] == FOCUSED_CORNER:
                    return True
                x = row.find(self.label, x + 1)
        return False


@dataclass(frozen=True)
class Route:
    """How the cursor goes from where `resume` puts it to a field: the control that has the
    focus first, the Tabs to press, and the control of the field."""

    start: Mark
    tabs: int
    end: Mark


def route_to(home: Path, field: str) -> Route:
    """The way to `field`, asked of the same app at the same size, headless, so that a change
    of layout cannot send the keys elsewhere."""
    from textual.app import App
    from textual.widgets import Label

    from wizard.session import Session
    from wizard.ui.app import WizardApp
    from wizard.ui.widgets.field import Field

    def mark(app: App[object]) -> Mark:
        control = app.focused
        assert control is not None, "nothing has the focus"
        label = next(a for a in control.ancestors if isinstance(a, Field)).query_one(Label)
        corner, text = control.region, label.content_region
        return Mark(str(label.content), corner.x - text.x, corner.y - text.y)

    async def find() -> Route:
        store = DraftStore(home)
        app = WizardApp(store, Session(store, STEADY, store.load(STEADY)))
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            await pilot.pause()
            start = mark(app)
            for tabs in range(40):
                if getattr(app.focused, "name", None) == field:
                    return Route(start, tabs, mark(app))
                await pilot.press("tab")
        pytest.fail(f"Tab never reaches the field {field!r}")

    return asyncio.run(find())


def steady_wizard(env: dict[str, str], home: Path, field: str) -> tuple[Wizard, Route]:
    """The wizard on a draft whose step holds `field`, and the way to the field."""
    DraftStore(home).save(STEADY, MULTI_LINE[field])
    route = route_to(home, field)
    return Wizard(env, home, STEADY, ("resume", STEADY), ready=STEP_READY, settle=0), route


def tab_to_field(wizard: Wizard, route: Route, field: str) -> None:
    """Put the cursor in `field` as a person does, looking at the screen: once the wizard
    draws the focus in its first field, press Tab, and wait until the focus is drawn in
    `field` (the form may scroll to it), so that the first key typed after lands there."""
    assert wizard.wait_drawn(route.start.drawn, timeout=30), (
        f"the wizard did not draw the focus in its first field: {wizard.screen_text()!r}"
    )
    wizard.press("\t" * route.tabs)
    assert wizard.wait_drawn(route.end.drawn, timeout=30), (
        f"the focus was not drawn in {field} after {route.tabs} Tabs: {wizard.screen_text()!r}"
    )


@pytest.mark.parametrize("field", list(MULTI_LINE))
def test_sigkill_while_typing_steadily_in_a_text_area_loses_at_most_two_seconds(
    child_env: dict[str, str], isolated_home: Path, field: str
) -> None:
    wizard, route = steady_wizard(child_env, isolated_home, field)
    with wizard:
        tab_to_field(wizard, route, field)
        log = wizard.type_steadily(6.0)
        killed_at = time.monotonic()
        os.kill(wizard.pid, signal.SIGKILL)
        assert wizard.wait_exit() == -signal.SIGKILL
    safe = [typed for at, typed in log if at <= killed_at - 2.0]
    if not safe:
        pytest.skip("this machine could not type for two seconds before the kill")
    value = wizard.field_on_disk(field)
    assert value is not None, f"no draft on disk; {safe[-1]!r} was typed 2 s before the kill"
    assert value.startswith(safe[-1]), (
        f"{field}: {len(safe[-1])} keys were typed 2 s before the kill, the draft holds {value!r}"
    )


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGHUP", "terminal-closed"])
def test_a_signal_while_typing_steadily_in_a_text_area_loses_nothing(
    child_env: dict[str, str], isolated_home: Path, how: str
) -> None:
    wizard, route = steady_wizard(child_env, isolated_home, "root_cause")
    with wizard:
        tab_to_field(wizard, route, "root_cause")
        log = wizard.type_steadily(2.5)
        typed = log[-1][1]
        if not wizard.wait_for(typed[-3:].encode(), since=len(wizard.output) - 2000, timeout=5):
            pytest.skip("the last keys were not drawn; the race cannot start")
        if wizard.field_on_disk("root_cause") == typed:
            pytest.skip("autosave came before the signal; nothing was left to lose")
        if how == "terminal-closed":
            wizard.close_terminal()
        else:
            os.kill(wizard.pid, getattr(signal, how))
        assert wizard.wait_exit() is not None, f"the wizard kept running after {how}"
    assert wizard.field_on_disk("root_cause") == typed


# --- a terminal closed as soon as the wizard is drawn -------------------------------------


@pytest.mark.parametrize("where", ["welcome", "resumed"])
def test_a_terminal_closed_at_start_up_ends_the_wizard(
    child_env: dict[str, str], isolated_home: Path, where: str
) -> None:
    store = DraftStore(isolated_home)
    store.save("open", example_postmortem())
    before = store.path("open").read_bytes()
    args, ready = (("resume", "open"), STEP_READY) if where == "resumed" else ((), WELCOME_READY)
    for trial in range(4):
        wizard = Wizard(child_env, isolated_home, "open", args, ready=ready, settle=0)
        with wizard:
            wizard.close_terminal()
            status = wizard.wait_exit(timeout=15)
            assert status is not None, f"trial {trial}: still running after its terminal closed"
        lock = DraftLock(store.path("open"))
        assert lock.acquire(), f"trial {trial}: the draft is still locked"
        lock.release()
    assert store.path("open").read_bytes() == before
