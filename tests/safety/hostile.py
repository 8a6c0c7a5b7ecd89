"""Hostile surroundings for the safety tests: a full disk and permissions that apply to root."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass(frozen=True)
class SmallDisk:
    """A real 64 KiB file system (a tmpfs) that a test fills up and frees."""

    path: Path

    @classmethod
    @contextlib.contextmanager
    def mounted(cls, where: Path) -> Iterator[SmallDisk]:
        """Mount one at `where` for the time of the block; a skip where that cannot be done
        (mounting needs root)."""
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
            pytest.skip("a small tmpfs (a disk to fill) can only be mounted as root")
        where.mkdir(parents=True, exist_ok=True)
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(where)],
            capture_output=True,
            text=True,
            check=False,
        )
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
        try:
            yield cls(where)
        finally:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)

    @property
    def filler(self) -> Path:
        return self.path / "filler"

    def fill(self) -> None:
        """Write until the disk is full."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * 512)
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


def unprivileged(command: list[str]) -> list[str]:
    """`command` run so that file permissions apply: as root, with the capabilities that
    override them dropped (setpriv); a skip where that cannot be done."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("permissions do not apply to root, and setpriv is missing to drop them")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", *command]


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single error line of a failed command (exit 2, no traceback)."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def listed_drafts(options: Any) -> dict[str, str]:
    """The welcome screen's list of drafts (its OptionList): each row's text by draft name."""
    return {
        str(options.get_option_at_index(i).id): str(options.get_option_at_index(i).prompt)
        for i in range(options.option_count)
    }
