"""Imports started at once each get their own draft: a name is taken atomically, never shared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_run import child_env

from wizard.drafts import DraftStore

REPORT = """# Disk full on the build server

## Issue Summary
From 8.25 PM to 10.54 PM EAT the build server refused jobs; 40% of users could not deploy.

## Timeline
- 8.27 PM: an alert fired on disk usage
- 10.54 PM: old artifacts removed and the service restored ({n})
"""


def test_eight_imports_at_once_make_eight_drafts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    sources = []
    for n in range(8):
        source = tmp_path / f"report-{n}.md"
        source.write_text(REPORT.format(n=f"import {n}"), encoding="utf-8")
        sources.append(source)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "wizard", "import", str(source)],
            env=child_env(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for source in sources
    ]
    outcomes = [(child.communicate(timeout=120), child.returncode) for child in children]
    assert [code for _, code in outcomes] == [0] * 8, [err for (_, err), _ in outcomes]
    store = DraftStore(home)
    names = store.names()
    base = "disk-full-on-the-build-server"
    assert sorted(names) == sorted([base, *(f"{base}-{n}" for n in range(2, 9))])
    written = {e.text for name in names for e in store.load(name).timeline if "import" in e.text}
    restored = "old artifacts removed and the service restored"
    assert written == {f"{restored} (import {n})" for n in range(8)}
    assert not list(home.glob("*.lock")) and not list(home.glob(".*.tmp"))
