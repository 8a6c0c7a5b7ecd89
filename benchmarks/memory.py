"""Peak memory, each app in a fresh process running headless: the wizard holding a
10,000-word draft against the floor (a bare TextArea app holding its Markdown that also reads
the draft through the wizard's pydantic model), and the wizard holding the example draft
against the bare TextArea app holding the example's Markdown.

`python -m benchmarks.memory wizard HOME NAME`, `... bare FILE` and `... floor FILE HOME
NAME` are the child processes; each prints `stage=KiB` lines of its peak resident set size,
the overall peak last. The floor is the bare app that also reads the draft through the
wizard's pydantic model: the least any editor of the draft built on that model could take.
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.harness import Plan, child_env, median, paired_ratio, python, rounds
from benchmarks.report import Result, within

if TYPE_CHECKING:
    from wizard.model import Postmortem

BUDGET = 1.6
RESUME_BUDGET = 1.5
DRAFT_WORDS = 10_000
NAME = "memory"
EXAMPLE = "example"
SCREEN = (100, 32)


def peak_kib() -> int:
    """This process's peak resident set size (VmHWM), in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def _hold_wizard(home: str, name: str) -> list[str]:
    """Resume the draft as `pmwizard resume` does, then visit every step; peak after each."""
    from wizard.drafts import DraftStore
    from wizard.opening import session_for
    from wizard.ui.app import WizardApp

    store = DraftStore(Path(home))
    app = WizardApp(store, session_for(store, "resume", None, name))
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
        peaks = [f"opened {app.current_step()}={peak_kib()}"]
        for step in app.steps:
            app.go_to(step)
            await pilot.pause()
            peaks.append(f"{step}={peak_kib()}")
    return peaks


async def _hold_bare(file: str, draft: Path | None = None) -> list[str]:
    from benchmarks.apps import BareTextApp

    if draft is not None:
        from wizard.model import Postmortem

        Postmortem.model_validate_json(draft.read_bytes())
    app = BareTextApp(Path(file).read_text(encoding="utf-8"))
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
    return [f"opened={peak_kib()}"]


def child(argv: list[str]) -> int:
    """Run one app as asked on the command line; print `stage=peak KiB` lines, peak last."""
    if argv[:1] == ["wizard"]:
        peaks = asyncio.run(_hold_wizard(argv[1], argv[2]))
    elif argv[:1] == ["floor"]:
        peaks = asyncio.run(_hold_bare(argv[1], Path(argv[2]) / f"{argv[3]}.json"))
    else:
        peaks = asyncio.run(_hold_bare(argv[1]))
    print("\n".join([*peaks, f"peak={peak_kib()}"]))
    return 0


def measure_child(*args: str, stages: dict[str, list[float]]) -> float:
    """Peak KiB of one child; its per-stage peaks are added to `stages`."""
    command = python("-m", "benchmarks.memory", *args)
    done = subprocess.run(command, env=child_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory child {args[0]} failed: {done.stderr.strip()[-500:]}")
    for line in done.stdout.splitlines():
        stage, _, kib = line.rpartition("=")
        stages.setdefault(stage, []).append(float(kib))
    return stages["peak"][-1]


def prepare(folder: Path, name: str, draft: Postmortem) -> str:
    """Save `draft` as `name` in `folder` and its Markdown beside it; the Markdown file."""
    from wizard.drafts import DraftStore
    from wizard.markdown import writer

    DraftStore(folder).save(name, draft)
    text = folder / f"{name}.md"
    text.write_text(writer.to_markdown(draft), encoding="utf-8")
    return str(text)


def _mib(samples: list[float]) -> str:
    return f"{median(samples) / 1024:.0f} MiB"


def run(plan: Plan) -> list[Result]:
    from benchmarks.sample import draft_of
    from wizard.example import example_postmortem

    stages: dict[str, dict[str, list[float]]] = {
        name: {} for name in ("wizard", "bare", "floor", "resume", "bare_example")
    }
    with tempfile.TemporaryDirectory(prefix="pmwizard-memory-") as folder:
        home = folder
        text = prepare(Path(folder), NAME, draft_of(DRAFT_WORDS))
        example = prepare(Path(folder), EXAMPLE, example_postmortem())
        apps = {
            "wizard": lambda: measure_child("wizard", home, NAME, stages=stages["wizard"]),
            "bare": lambda: measure_child("bare", text, stages=stages["bare"]),
            "floor": lambda: measure_child("floor", text, home, NAME, stages=stages["floor"]),
            "resume": lambda: measure_child("wizard", home, EXAMPLE, stages=stages["resume"]),
            "bare_example": lambda: measure_child("bare", example, stages=stages["bare_example"]),
        }
        samples = rounds(apps, plan.memory_rounds)
    return rows(samples, stages["wizard"])


def rows(samples: dict[str, list[float]], wizard: dict[str, list[float]]) -> list[Result]:
    """The results from each child's peak KiB per round (the names `run` gives them) and the
    wizard's peaks after each of its stages."""
    steps = ", ".join(
        f"{stage} {median(kib) / 1024:.0f}" for stage, kib in wizard.items() if stage != "peak"
    )
    ten_k = (
        f"peak RSS {_mib(samples['wizard'])} vs the floor {_mib(samples['floor'])}, "
        f"{DRAFT_WORDS:,}-word draft ({paired_ratio(samples['wizard'], samples['bare']):.2f}x "
        f"the bare TextArea's {_mib(samples['bare'])}); MiB after each step: {steps}"
    )
    floor = (
        f"the bare TextArea app that also reads the draft through the wizard's pydantic model: "
        f"{_mib(samples['floor'])} vs {_mib(samples['bare'])}"
    )
    resume = (
        f"peak RSS {_mib(samples['resume'])} with the example draft, every step visited, vs "
        f"a bare TextArea holding its Markdown {_mib(samples['bare_example'])}"
    )
    return [
        within(
            "memory", "x", BUDGET, ten_k, ratio=paired_ratio(samples["wizard"], samples["floor"])
        ),
        within(
            "memory.floor", "x", None, floor, ratio=paired_ratio(samples["floor"], samples["bare"])
        ),
        within(
            "memory.resume",
            "x",
            RESUME_BUDGET,
            resume,
            ratio=paired_ratio(samples["resume"], samples["bare_example"]),
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(child(sys.argv[1:]))
