"""Time to a screen a person can act on: the wizard against bare Textual apps, in a terminal.

Each app runs as its own process in a pseudo-terminal read by a terminal emulator; the
clock runs from spawn until the frame shows the focused widget drawn focused and the
footer (benchmarks/terminal.py). Homes with drafts on disk are built once per run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.apps import LINE
from benchmarks.harness import ROOT, Plan, child_env, median, paired_ratio, pmwizard, python, rounds
from benchmarks.report import Result, within
from benchmarks.terminal import Look, NoFrame, interactive_at

__all__ = ["NoFrame", "interactive_at", "run"]

BUDGET = 1.3
RESUME_BUDGET = 1.2
GROWTH_BUDGET = 1.1
FOOTER = "palette"
WELCOME = Look("New postmortem", FOOTER)
BARE = Look(LINE, FOOTER)
RESUMED = "resumed"


def _title() -> str:
    from wizard.example import example_postmortem

    return example_postmortem().title


def fill_home(home: Path, count: int) -> None:
    """`count` drafts of the example's size, each under its own name and title."""
    from wizard.drafts import DraftStore
    from wizard.example import example_postmortem

    store = DraftStore(home)
    example = example_postmortem()
    for number in range(1, count + 1):
        store.save(f"draft-{number:03}", example.revised(title=f"{example.title} {number}"))


def resume_home(home: Path) -> Path:
    """The example draft, its share of users left out so that `pmwizard resume` opens the
    Issue Summary with the title field focused; the draft's file."""
    from wizard.drafts import DraftStore
    from wizard.example import example_postmortem

    example = example_postmortem()
    draft = example.revised(impact=example.impact.revised(percent=None))
    return DraftStore(home).save(RESUMED, draft)


def launchers(homes: dict[str, Path], draft: Path) -> dict[str, Callable[[], float]]:
    """Every app measured, each a fresh process per call."""

    def wizard(home: Path, *args: str, look: Look = WELCOME) -> Callable[[], float]:
        env = child_env(TERM="xterm-256color", PMWIZARD_HOME=str(home))
        return lambda: interactive_at(pmwizard(*args), look, env, str(home))

    bare_env = child_env(TERM="xterm-256color", PMWIZARD_HOME=str(homes["empty"]))
    bare = python(str(ROOT / "benchmarks" / "apps.py"))
    floor = python(str(ROOT / "benchmarks" / "apps.py"), "editor", str(draft))
    title = Look(_title(), FOOTER)
    return {
        "bare": lambda: interactive_at(bare, BARE, bare_env, str(homes["empty"])),
        "empty": wizard(homes["empty"]),
        "drafts20": wizard(homes["drafts20"]),
        "drafts200": wizard(homes["drafts200"]),
        "resume": wizard(homes["resume"], "resume", RESUMED, look=title),
        "floor": lambda: interactive_at(floor, title, bare_env, str(homes["empty"])),
    }


def _ms(samples: list[float]) -> str:
    return f"{median(samples) * 1000:.0f} ms"


def homes(folder: Path) -> tuple[dict[str, Path], Path]:
    """The homes in `folder` the wizard starts in (no drafts, 20, 200, a draft to resume), and
    that draft's file."""
    found = {name: folder / name for name in ("empty", "drafts20", "drafts200", "resume")}
    for home in found.values():
        home.mkdir()
    fill_home(found["drafts20"], 20)
    fill_home(found["drafts200"], 200)
    return found, resume_home(found["resume"])


def run(plan: Plan) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="pmwizard-startup-") as folder:
        apps = launchers(*homes(Path(folder)))
        if plan.process_rounds > 1:
            rounds(apps, 1)  # bytecode compiled and caches warm for every app
        samples = rounds(apps, plan.process_rounds)
    return rows(samples)


def rows(samples: dict[str, list[float]]) -> list[Result]:
    """The results from each app's seconds to a frame, per round (`launchers`' names)."""
    bare, floor = samples["bare"], samples["floor"]
    count = f"median of {len(bare)}"

    def against_bare(name: str, what: str) -> Result:
        detail = f"{what} {_ms(samples[name])} vs bare Textual {_ms(bare)} ({count})"
        return within(
            f"startup.{name}", "x", BUDGET, detail, ratio=paired_ratio(samples[name], bare)
        )

    growth = paired_ratio(samples["drafts200"], samples["drafts20"])
    return [
        against_bare("empty", "welcome, no drafts:"),
        against_bare("drafts20", "welcome, 20 drafts:"),
        within(
            "startup.drafts200",
            "x",
            GROWTH_BUDGET,
            f"welcome, 200 drafts: {_ms(samples['drafts200'])} vs 20 drafts "
            f"{_ms(samples['drafts20'])} ({count})",
            ratio=growth,
        ),
        within(
            "startup.resume",
            "x",
            RESUME_BUDGET,
            f"resume to the focused title: {_ms(samples['resume'])} vs a bare TextArea app "
            f"that validates the same draft {_ms(floor)} ({count})",
            ratio=paired_ratio(samples["resume"], floor),
        ),
    ]
