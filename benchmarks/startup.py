"""Time to the first full screen: `pmwizard` against a bare Textual app, both in a terminal.

Each app runs as its own process in a pseudo-terminal; the clock runs from spawn until the
process has written its screen's text and its footer, as a terminal would show them.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import tempfile
import termios
import time
from collections.abc import Callable

from benchmarks.apps import LINE
from benchmarks.harness import (
    ROOT,
    Plan,
    child_env,
    median,
    paired_ratio,
    pmwizard,
    python,
    rounds,
)
from benchmarks.report import Result, within

BUDGET = 1.3
SIZE = (32, 100)
TIMEOUT = 30.0
FOOTER = "palette"
WELCOME = "Write an incident postmortem"


class NoFrame(RuntimeError):
    """The app never drew the expected screen (it crashed or shows something else)."""


def _terminal() -> tuple[int, int]:
    master, slave = pty.openpty()
    rows, cols = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return master, slave


def _read_until(master: int, markers: tuple[str, ...], began: float) -> float:
    """Seconds from `began` until every marker has been written to the terminal."""
    output = b""
    while time.perf_counter() - began < TIMEOUT:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            output += os.read(master, 65536)
        except OSError:
            break
        text = output.decode("utf-8", errors="ignore")
        if all(marker in text for marker in markers):
            return time.perf_counter() - began
    tail = output.decode("utf-8", errors="replace")[-300:]
    raise NoFrame(f"no screen with {markers} after {TIMEOUT:.0f} s; last output: {tail!r}")


def first_frame(
    command: list[str], markers: tuple[str, ...], env: dict[str, str], cwd: str
) -> float:
    """Seconds from spawning `command` in a terminal, in `cwd`, to its first full screen."""
    master, slave = _terminal()
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True
    )
    os.close(slave)
    try:
        return _read_until(master, markers, began)
    finally:
        process.kill()
        process.wait()
        os.close(master)


def launchers(home: str) -> dict[str, Callable[[], float]]:
    """The wizard's welcome screen and the bare app, each a fresh process per call."""
    env = child_env(TERM="xterm-256color", PMWIZARD_HOME=home)
    bare = python(str(ROOT / "benchmarks" / "apps.py"))
    return {
        "pmwizard": lambda: first_frame(pmwizard(), (WELCOME, FOOTER), env, home),
        "bare": lambda: first_frame(bare, (LINE, FOOTER), env, home),
    }


def run(plan: Plan) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="pmwizard-startup-") as home:
        apps = launchers(home)
        rounds(apps, 1)
        samples = rounds(apps, plan.process_rounds)
    wizard, bare = samples["pmwizard"], samples["bare"]
    detail = (
        f"first screen {median(wizard) * 1000:.0f} ms vs bare Textual "
        f"{median(bare) * 1000:.0f} ms (median of {len(wizard)})"
    )
    return [within("startup", "x", BUDGET, detail, ratio=paired_ratio(wizard, bare))]
