"""The slowest files `pmwizard check` and `pmwizard import` accept: documents at the import
cap and drafts at the draft cap, made of the shapes that cost the most per byte (short lines,
empty list items, emphasis, a time on every line ...). Each runs once as a process; the rows
are the worst wall time and the worst peak memory, with absolute budgets.

`python -m benchmarks worst` runs it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Plan, child_env, pmwizard, progress
from benchmarks.report import Result, within

SECONDS_BUDGET = 10.0
MEMORY_BUDGET_MB = 1024.0

# What a document is made of, repeated up to the cap: (name, a unit).
DOCUMENT_SHAPES = [
    ("short lines", "a\n"),
    ("empty list items", "-\n"),
    ("list items", "- a\n"),
    ("emphasis", "*a*\n"),
    ("a time per line", "12:30 a\n"),
    ("timeline entries", "- 12:30 PM - a\n"),
    ("paragraphs", "a b\n\n"),
    ("headings", "# a\n"),
    ("table rows", "| a | b |\n"),
    ("html", "<h1 <!-- "),
    ("prose", "The pool ran dry at 12:30 PM, so checkout failed for most users. "),
]
# The shapes that cost the most, for `--quick`.
QUICK_SHAPES = ("empty list items", "emphasis", "short lines")


@dataclass(frozen=True)
class Run:
    """One process: what it was, how long it took, its peak resident set size."""

    what: str
    seconds: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str], what: str) -> Run:
    """Run `command` once; its wall time and peak memory (from the kernel's accounting)."""
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, so that Popen does not wait for it again
    return Run(what, time.perf_counter() - began, usage.ru_maxrss / 1024)


def documents(folder: Path, shapes: list[tuple[str, str]], size: int) -> list[tuple[str, Path]]:
    """A Markdown file of each shape, `size` bytes long."""
    made = []
    for index, (name, unit) in enumerate(shapes):
        path = folder / f"shape-{index}.md"
        path.write_text(unit * (size // len(unit.encode())), encoding="utf-8")
        made.append((name, path))
    return made


def full_draft(home: Path, size: int) -> str:
    """A draft file just under `size` bytes whose root cause is one short line after another."""
    from wizard.drafts import DraftStore, dump
    from wizard.example import example_postmortem

    pm = example_postmortem()
    room = size - len(dump(pm).encode()) - 64
    pm = pm.revised(root_cause="- a\n" * (room // len(r"- a\n")))
    DraftStore(home).save("full", pm)
    return "full"


def run(plan: Plan) -> list[Result]:
    from wizard.drafts import MAX_BYTES

    shapes = [s for s in DOCUMENT_SHAPES if not plan.quick or s[0] in QUICK_SHAPES]
    with tempfile.TemporaryDirectory(prefix="pmwizard-worst-") as folder:
        home = Path(folder) / "home"
        env = child_env(PMWIZARD_HOME=str(home))
        size = draft_size = int(MAX_BYTES * plan.worst_scale)
        checks, imports = [], []
        for name, path in documents(Path(folder), shapes, size):
            progress(f"  {name}")
            checks.append(measure(pmwizard("check", str(path)), env, name))
            imports.append(measure(pmwizard("import", str(path)), env, name))
        draft = full_draft(home, draft_size)
        checks.append(measure(pmwizard("check", draft), env, "a full draft"))
        checks.append(measure(pmwizard("export", draft, "--allow-incomplete"), env, "export"))
    every = checks + imports
    heaviest = max(every, key=lambda r: r.peak_mb)
    sizes = f"documents of {size // 1024} KB, a draft of {draft_size // 1024} KB"
    return [
        _slowest("worst.check", checks, sizes),
        _slowest("worst.import", imports, sizes),
        within(
            "worst.memory",
            "MB",
            MEMORY_BUDGET_MB,
            f"peak RSS of the heaviest run ({heaviest.what}) of {len(every)}",
            value=heaviest.peak_mb,
        ),
    ]


def _slowest(name: str, runs: list[Run], sizes: str) -> Result:
    slowest = max(runs, key=lambda r: r.seconds)
    fastest = min(runs, key=lambda r: r.seconds)
    detail = (
        f"slowest of {len(runs)} ({sizes}): {slowest.what}; fastest {fastest.what} "
        f"{fastest.seconds:.1f} s"
    )
    return within(name, "s", SECONDS_BUDGET, detail, value=slowest.seconds)
