"""The CLI run around the test's own home, and a detector for terminal controls."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_run import child_env as env_of_child
from cli_run import run_in_process, run_process
from hostile import SmallDisk, unprivileged

# What must never reach a terminal: C0 controls but tab and newline (ESC, BEL, BS, CR, NUL),
# DEL, the C1 controls (U+0080-U+009F, CSI is U+009B) and bytes that are not UTF-8 (decoded
# here as lone surrogates; 0x80-0x9F of them are C1 controls to a Latin-1 terminal).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")

Run = Callable[..., subprocess.CompletedProcess[str]]


def _unsafe_in(text: str) -> list[str]:
    return sorted({repr(char) for char in UNSAFE.findall(text)})


@pytest.fixture
def unsafe_in() -> Callable[[str], list[str]]:
    """`unsafe_in(text)`: the terminal controls in `text` as reprs; empty when safe to print."""
    return _unsafe_in


@pytest.fixture
def child_env(isolated_home: Path) -> dict[str, str]:
    """The environment of a `python -m wizard` child: this checkout, the test's home, UTF-8."""
    return env_of_child(isolated_home)


@pytest.fixture
def pmwizard(isolated_home: Path) -> Run:
    """`pmwizard ARGS` in the current folder, in this process (see `cli_run`); the output is
    decoded with surrogateescape, so a stray byte shows up as a lone surrogate."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_in_process(*args, home=isolated_home)

    return run


@pytest.fixture
def pmwizard_process(isolated_home: Path) -> Run:
    """`python -m wizard ARGS` in the current folder, as a child process. With `as_user`, file
    permissions apply even to root (see `unprivileged`)."""

    def run(
        *args: str, timeout: float = 20, as_user: bool = False
    ) -> subprocess.CompletedProcess[str]:
        prefix = unprivileged(["true"])[:-1] if as_user else []
        return run_process(*args, home=isolated_home, prefix=prefix, timeout=timeout)

    return run


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 64 KiB file system to fill up (a tmpfs: mounting one needs root)."""
    with SmallDisk.mounted(tmp_path / "disk") as disk:
        yield disk
