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
from collections.abc import Callable
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


FOCUSED_EDGE = "█"
"""The left edge of a focused control (its thick border); an unfocused text area's is `▊`."""

Cell = tuple[int, int]  # (column, row) on the screen


def tabs_to(home: Path, field: str) -> tuple[int, list[Cell]]:
    """How many Tabs take the cursor from where `resume` puts it to `field`, and the cells of
    the field's left edge once it has the focus (asked of the same app at the same size,
    headless, so a change of layout cannot send the keys elsewhere)."""
    from wizard.session import Session
    from wizard.ui.app import WizardApp

    async def count() -> tuple[int, list[Cell]]:
        store = DraftStore(home)
        app = WizardApp(store, Session(store, STEADY, store.load(STEADY)))
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            await pilot.pause()
            for tabs in range(40):
                focused = app.focused
                if focused is not None and getattr(focused, "name", None) == field:
                    await pilot.pause()  # the form has scrolled to the field
                    shown = app.screen.find_widget(focused).visible_region
                    return tabs, [(shown.x, y) for y in range(shown.y, shown.bottom)]
                await pilot.press("tab")
        pytest.fail(f"Tab never reaches the field {field!r}")

    return asyncio.run(count())


def focus_drawn(edge: list[Cell]) -> Callable[[pyte.Screen], bool]:
    """Whether a screen shows the focused control's border along `edge`."""
    return lambda screen: all(screen.buffer[y][x].data == FOCUSED_EDGE for x, y in edge)


def steady_wizard(env: dict[str, str], home: Path, field: str) -> tuple[Wizard, int, list[Cell]]:
    """The wizard on a draft whose step holds `field`, the Tabs that reach the field and the
    cells of its edge once it has the focus."""
    DraftStore(home).save(STEADY, MULTI_LINE[field])
    tabs, edge = tabs_to(home, field)
    wizard = Wizard(env, home, STEADY, ("resume", STEADY), ready=STEP_READY, settle=0.5)
    return wizard, tabs, edge


def tab_to_field(wizard: Wizard, tabs: int, edge: list[Cell], field: str) -> None:
    """Press Tab until the cursor is in `field`, and wait until the wizard draws it there (the
    form may scroll to it), so that the first key typed after lands in the field."""
    wizard.press("\t" * tabs)
    assert wizard.wait_drawn(focus_drawn(edge), timeout=30), (
        f"the cursor was not drawn in {field} after {tabs} Tabs: {wizard.screen_text()!r}"
    )


@pytest.mark.parametrize("field", list(MULTI_LINE))
def test_sigkill_while_typing_steadily_in_a_text_area_loses_at_most_two_seconds(
    child_env: dict[str, str], isolated_home: Path, field: str
) -> None:
    wizard, tabs, edge = steady_wizard(child_env, isolated_home, field)
    with wizard:
        tab_to_field(wizard, tabs, edge, field)
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
    wizard, tabs, edge = steady_wizard(child_env, isolated_home, "root_cause")
    with wizard:
        tab_to_field(wizard, tabs, edge, "root_cause")
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
