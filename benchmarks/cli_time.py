"""`pmwizard check` and `pmwizard export` of the example draft, as processes, against a
Python that only imports the CLI's own dependencies: what the CLI costs beyond them."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable

from benchmarks.harness import Plan, child_env, median, paired_ratio, pmwizard, python, rounds
from benchmarks.report import Result, within

BUDGET = 1.5
BASELINE = "import pydantic, mistune, zoneinfo"
FLOOR = "import mistune, zoneinfo\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int"


def _wall(command: list[str], env: dict[str, str]) -> Callable[[], float]:
    def once() -> float:
        began = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - began

    return once


def commands(home: str) -> dict[str, Callable[[], float]]:
    """The timed processes; the example draft must already be in `home`."""
    env = child_env(PMWIZARD_HOME=home)
    return {
        "check": _wall(pmwizard("check", "example"), env),
        "export": _wall(pmwizard("export", "example"), env),
        "pydantic_model": _wall(python("-c", FLOOR), env),
        "baseline": _wall(python("-c", BASELINE), env),
    }


def _result(name: str, samples: dict[str, list[float]]) -> Result:
    runs, base = samples[name], samples["baseline"]
    if name == "pydantic_model":
        budget, note = None, "the floor, the baseline plus one pydantic model: "
    else:
        floor = paired_ratio(runs, samples["pydantic_model"])
        budget, note = BUDGET, f"{floor:.2f}x the floor; "
    detail = (
        f"{note}{median(runs) * 1000:.0f} ms vs {median(base) * 1000:.0f} ms for "
        f'python -c "{BASELINE}"'
    )
    return within(f"cli.{name}", "x", budget, detail, ratio=paired_ratio(runs, base))


def run(plan: Plan) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="pmwizard-cli-") as home:
        env = child_env(PMWIZARD_HOME=home)
        subprocess.run(pmwizard("new", "--example"), env=env, stdout=subprocess.DEVNULL, check=True)
        timed = commands(home)
        rounds(timed, 1)
        samples = rounds(timed, plan.process_rounds)
    return [_result(name, samples) for name in ("check", "export", "pydantic_model")]
