"""Waiting in UI tests on what the app does, never on the clock: a condition, or the workers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

# Generous: a loaded machine is slow, and a condition that holds ends the wait at once.
TIMEOUT = 20.0
POLL = 0.02


async def until(
    pilot: Pilot[Any], done: Callable[[], object], what: str = "", timeout: float = TIMEOUT
) -> None:
    """Let the app run until `done()` holds; fail saying `what` was awaited after `timeout`."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not done():
        if loop.time() > end:
            awaited = what or getattr(done, "__name__", "a condition")
            raise AssertionError(f"waited {timeout:g} s and still not: {awaited}")
        await pilot.pause(POLL)
    await pilot.pause()


async def settled(pilot: Pilot[Any], timeout: float = TIMEOUT) -> None:
    """Let every running worker of the app (saves, searches, imports) finish, then one frame."""
    try:
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout)
    except TimeoutError:
        running = ", ".join(worker.name or repr(worker) for worker in pilot.app.workers)
        raise AssertionError(f"workers still running after {timeout:g} s: {running}") from None
    await pilot.pause()


async def autosaved(pilot: Pilot[Any], timeout: float = TIMEOUT) -> None:
    """Let the pending autosave run: its timer fire and its write finish."""
    await until(pilot, lambda: not pilot.app.autosave_pending, "the autosave to run", timeout)


async def search_palette(
    pilot: Pilot[Any], query: str, expect: str, timeout: float = TIMEOUT
) -> None:
    """Type `query` into the open command palette and wait until its search has finished
    with a command whose title holds `expect` highlighted."""
    from textual.command import Command, CommandList, CommandPalette

    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette), f"the palette is not open: {palette!r}"
    await pilot.press(*query)
    commands = palette.query_one(CommandList)

    def found() -> bool:
        if any(w.node is palette and not w.is_finished for w in pilot.app.workers):
            return False
        if commands.highlighted is None:
            return False
        option = commands.get_option_at_index(commands.highlighted)
        return isinstance(option, Command) and expect in (option.hit.text or "")

    await until(pilot, found, f"the palette to offer {expect!r} for {query!r}", timeout)
