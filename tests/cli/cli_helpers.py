"""Running `pmwizard` as a user does, for the command-line tests: in this process by default
(`pmwizard`), as a child process where the process itself is the contract (`pmwizard_process`)."""

from __future__ import annotations

import subprocess

from cli_run import REPO, run_in_process, run_process

__all__ = ["REPO", "error_line", "pmwizard", "pmwizard_process"]

pmwizard = run_in_process
pmwizard_process = run_process


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failing command writes to stderr (and never a traceback)."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmwizard: ")
    return lines[0]
