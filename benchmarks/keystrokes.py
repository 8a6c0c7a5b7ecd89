"""What a keystroke costs: the wizard's root-cause text area against a bare TextArea app,
and the word-count work behind it at three document sizes.

The UI applies typed text 0.3 s after the last key and recounts only the edited section,
so the typing run pauses after every word, as a person does, and counts that work too.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import TextArea

from benchmarks.apps import BareTextApp
from benchmarks.harness import Plan, median, paired_ratio, rounds
from benchmarks.report import Result, within
from benchmarks.sample import draft_of, words_of
from wizard.drafts import DraftStore
from wizard.model import Postmortem
from wizard.session import Session

TYPING_BUDGET = 1.2
GROWTH_BUDGET = 1.5
DRAFT_WORDS = 10_000
SIZES = (1_000, 10_000, 50_000)
WORDS_TYPED = ("and", "then", "the", "pool", "was", "restored", "to", "its", "size")
PAUSE = 0.5
SETTLE = 1.2
SCREEN = (100, 32)


def _bursts(count: int) -> list[list[str]]:
    """`count` words, each followed by a space: what is typed between two pauses."""
    return [[*WORDS_TYPED[i % len(WORDS_TYPED)], "space"] for i in range(count)]


async def _cpu_per_key(app: App[Any], area_id: str, bursts: list[list[str]]) -> float:
    """Process CPU seconds per key typed at the end of `#area_id`, pauses and saves included."""
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
        area = app.screen.query_one(f"#{area_id}", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        gc.collect()
        began = time.process_time()
        for burst in bursts:
            await pilot.press(*burst)
            await pilot.pause(PAUSE)
        await pilot.pause(SETTLE)
        spent = time.process_time() - began
    return spent / sum(len(burst) for burst in bursts)


def _in_wizard(draft: Postmortem, home: Path, typed: list[list[str]]) -> float:
    """Type into the root cause of a session opened on `draft`; its lock is let go after."""
    from wizard.ui.app import WizardApp

    store = DraftStore(home)
    session = Session(store, "typing", draft)
    try:
        app = WizardApp(store, session, step="root_cause")
        return asyncio.run(_cpu_per_key(app, "root-cause", typed))
    finally:
        session.close()


def _in_bare(text: str, typed: list[list[str]]) -> float:
    return asyncio.run(_cpu_per_key(BareTextApp(text), "text", typed))


def typing_runs(draft: Postmortem, home: Path, bursts: int) -> dict[str, Callable[[], float]]:
    """One typing run in the wizard and one in the bare app, each a fresh app."""
    typed = _bursts(bursts)
    return {
        "wizard": lambda: _in_wizard(draft, home, typed),
        "bare": lambda: _in_bare(draft.root_cause, typed),
    }


def typing(plan: Plan) -> Result:
    """CPU per keystroke in the wizard's root cause against a bare TextArea with that text."""
    draft = draft_of(DRAFT_WORDS)
    with tempfile.TemporaryDirectory(prefix="pmwizard-typing-") as home:
        rounds(typing_runs(draft, Path(home), 1), 1)
        samples = rounds(typing_runs(draft, Path(home), plan.typing_bursts), plan.typing_rounds)
    wizard, bare = samples["wizard"], samples["bare"]
    detail = (
        f"{median(wizard) * 1000:.2f} vs {median(bare) * 1000:.2f} ms CPU/key in a "
        f"{words_of(draft):,}-word draft, a pause after every word"
    )
    return within("typing", "x", TYPING_BUDGET, detail, ratio=paired_ratio(wizard, bare))


def edit_cost(session: Session) -> Callable[[], float]:
    """Seconds for one debounced edit of the root cause: validation and the recount."""
    text = session.draft.root_cause

    def once() -> float:
        nonlocal text
        text += " fix" if len(text) % 7 else "."
        began = time.perf_counter()
        session.edit("root_cause", text)
        return time.perf_counter() - began

    return once


def counting(plan: Plan) -> list[Result]:
    """The per-keystroke recount at 1k, 10k and 50k words, and how much it grows."""
    drafts = {size: draft_of(size) for size in SIZES}
    with tempfile.TemporaryDirectory(prefix="pmwizard-count-") as home:
        store = DraftStore(Path(home))
        edits = {f"{size}": edit_cost(Session(store, None, d)) for size, d in drafts.items()}
        rounds(edits, 3)
        samples = rounds(edits, plan.count_repeats)
    results = [
        within(
            f"typing.count_{size // 1000}k",
            "ms/key",
            None,
            f"Session.edit + recount of the root cause in a {words_of(d):,}-word draft",
            value=median(samples[f"{size}"]) * 1000,
        )
        for size, d in drafts.items()
    ]
    growth = paired_ratio(samples[f"{SIZES[-1]}"], samples[f"{SIZES[0]}"])
    detail = f"{SIZES[-1] // 1000}k-word draft against {SIZES[0] // 1000}k (flat is 1.0)"
    return [*results, within("typing.count_growth", "x", GROWTH_BUDGET, detail, ratio=growth)]


def run(plan: Plan) -> list[Result]:
    return [typing(plan), *counting(plan)]
