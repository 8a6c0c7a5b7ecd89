"""Running `pmwizard` as a user does, for the command-line tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import wizard

REPO = Path(wizard.__file__).resolve().parents[1]


def pmwizard(
    *args: str, home: Path, python: tuple[str, ...] = (), timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m wizard ARGS` with PMWIZARD_HOME=home, from the current folder."""
    env = dict(os.environ, PMWIZARD_HOME=str(home), PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *python, "-m", "wizard", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failing command writes to stderr (and never a traceback)."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmwizard: ")
    return lines[0]
