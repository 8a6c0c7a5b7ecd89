"""Peak memory: the wizard holding a 10,000-word draft against a bare TextArea app holding
its Markdown, each in a fresh process running headless.

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

from benchmarks.harness import Plan, child_env, median, paired_ratio, python, rounds
from benchmarks.report import Result, within

BUDGET = 1.5
DRAFT_WORDS = 10_000
NAME = "memory"
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
    from wizard.ui.steps import STEPS

    store = DraftStore(Path(home))
    app = WizardApp(store, session_for(store, "resume", None, name))
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
        peaks = [f"opened {app.current_step()}={peak_kib()}"]
        for step in STEPS:
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


def prepare(folder: Path) -> tuple[str, str]:
    """Save the 10,000-word draft and its Markdown in `folder`; (home, markdown file)."""
    from benchmarks.sample import draft_of
    from wizard.drafts import DraftStore
    from wizard.markdown import writer

    draft = draft_of(DRAFT_WORDS)
    DraftStore(folder).save(NAME, draft)
    text = folder / "draft.md"
    text.write_text(writer.to_markdown(draft), encoding="utf-8")
    return str(folder), str(text)


def run(plan: Plan) -> list[Result]:
    wizard_stages: dict[str, list[float]] = {}
    bare_stages: dict[str, list[float]] = {}
    floor_stages: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="pmwizard-memory-") as folder:
        home, text = prepare(Path(folder))
        apps = {
            "wizard": lambda: measure_child("wizard", home, NAME, stages=wizard_stages),
            "bare": lambda: measure_child("bare", text, stages=bare_stages),
            "floor": lambda: measure_child("floor", text, home, NAME, stages=floor_stages),
        }
        samples = rounds(apps, plan.memory_rounds)
    stages = ", ".join(
        f"{stage} {median(kib) / 1024:.0f}"
        for stage, kib in wizard_stages.items()
        if stage != "peak"
    )
    detail = (
        f"peak RSS {median(samples['wizard']) / 1024:.0f} MiB vs bare TextArea "
        f"{median(samples['bare']) / 1024:.0f} MiB, {DRAFT_WORDS:,}-word draft; "
        f"MiB after each step: {stages}"
    )
    ratio = paired_ratio(samples["wizard"], samples["bare"])
    floor = (
        f"the bare TextArea app that also reads the draft through the wizard's pydantic model: "
        f"{median(samples['floor']) / 1024:.0f} MiB; the wizard is "
        f"{paired_ratio(samples['wizard'], samples['floor']):.2f}x this floor"
    )
    return [
        within("memory", "x", BUDGET, detail, ratio=ratio),
        within(
            "memory.floor", "x", None, floor, ratio=paired_ratio(samples["floor"], samples["bare"])
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(child(sys.argv[1:]))
