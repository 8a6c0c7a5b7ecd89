"""What every benchmark shares: run sizes, interleaved rounds, medians, child processes."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYCACHE = Path(tempfile.gettempdir()) / "pmwizard-benchmarks" / "pycache"


@dataclass(frozen=True)
class Plan:
    """How many rounds each benchmark runs: the full suite, or `--quick`."""

    quick: bool
    process_rounds: int
    typing_rounds: int
    typing_bursts: int
    count_repeats: int
    memory_rounds: int
    zone_rounds: int
    import_seconds: float
    worst_scale: float = 1.0  # the worst-case files, as a share of the caps


FULL = Plan(False, 15, 7, 12, 60, 5, 20, 3.0)
QUICK = Plan(True, 7, 3, 6, 25, 2, 5, 1.0)
TINY = Plan(True, 1, 1, 1, 2, 1, 1, 0.05, 0.02)


def rounds(candidates: Mapping[str, Callable[[], float]], count: int) -> dict[str, list[float]]:
    """Run each candidate once per round, rotating who goes first, so drift hits them all."""
    names = list(candidates)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(count):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(candidates[name]())
    return samples


def paired_ratio(candidate: list[float], baseline: list[float]) -> float:
    """The median of per-round ratios: each pair ran back to back under the same load."""
    return statistics.median(c / b for c, b in zip(candidate, baseline, strict=True))


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a measured process: bytecode cached like an installed app."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(ROOT)]))
    env.update(extra)
    return env


def python(*args: str) -> list[str]:
    """A command running this interpreter."""
    return [sys.executable, *args]


def pmwizard(*args: str) -> list[str]:
    """The installed `pmwizard` command beside this interpreter, else `python -m wizard`."""
    script = Path(sys.executable).with_name("pmwizard")
    return [str(script), *args] if script.exists() else python("-m", "wizard", *args)


def progress(message: str) -> None:
    """A line on stderr, so `--json` keeps stdout clean."""
    print(message, file=sys.stderr, flush=True)
