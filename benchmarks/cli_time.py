"""`pmwizard check` and `pmwizard export` of the example draft, as processes, against the
floor of any CLI built on pydantic: a Python that imports the CLI's own dependencies and
defines one pydantic model. The bare imports stay as an information row."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable

from benchmarks.harness import Plan, child_env, median, paired_ratio, pmwizard, python, rounds
from benchmarks.report import Result, within

BUDGET = 1.3
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


def _ms(samples: list[float]) -> str:
    return f"{median(samples) * 1000:.0f} ms"


def _result(name: str, samples: dict[str, list[float]]) -> Result:
    runs, floor, base = samples[name], samples["pydantic_model"], samples["baseline"]
    if name == "pydantic_model":
        detail = (
            f"the floor (the bare imports plus one pydantic model) against the bare imports: "
            f'{_ms(runs)} vs {_ms(base)} for python -c "{BASELINE}"'
        )
        return within("cli.pydantic_model", "x", None, detail, ratio=paired_ratio(runs, base))
    detail = (
        f"{_ms(runs)} vs the floor {_ms(floor)}; {paired_ratio(runs, base):.2f}x the bare imports"
    )
    return within(f"cli.{name}", "x", BUDGET, detail, ratio=paired_ratio(runs, floor))


def run(plan: Plan) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="pmwizard-cli-") as home:
        env = child_env(PMWIZARD_HOME=home)
        subprocess.run(pmwizard("new", "--example"), env=env, stdout=subprocess.DEVNULL, check=True)
        timed = commands(home)
        rounds(timed, 1)
        samples = rounds(timed, plan.process_rounds)
    return [_result(name, samples) for name in ("check", "export", "pydantic_model")]
