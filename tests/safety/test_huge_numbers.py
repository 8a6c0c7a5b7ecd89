"""A draft file holding a number with thousands of digits is an unreadable draft like any
other damaged one: one line naming it, exit 2, in every command that reads a draft; the list
and the welcome screen mark it and show the rest."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import listed_drafts, one_line
from textual.widgets import OptionList

from wizard.drafts import DraftStore, dump
from wizard.example import example_postmortem
from wizard.ui.app import WizardApp

Run = Callable[..., subprocess.CompletedProcess[str]]
SIZE = (100, 32)
SAID = "is not a valid draft: a number in it is too large to read"


def huge_drafts(home: Path) -> None:
    """`good`, and two drafts whose percent has 5,000 digits (past what Python reads as an
    integer) and 4,000 digits (read, but too large for a float)."""
    DraftStore(home).save("good", example_postmortem())
    text = dump(example_postmortem())
    assert '"percent": 62.0' in text
    for name, digits in (("digits", 5000), ("long", 4000)):
        (home / f"{name}.json").write_text(
            text.replace('"percent": 62.0', f'"percent": {"9" * digits}'), encoding="utf-8"
        )


@pytest.mark.parametrize("name", ["digits", "long"])
@pytest.mark.parametrize(
    "command", [("export",), ("export", "--format", "json"), ("check",), ("check", "--json")]
)
def test_a_draft_with_a_huge_number_is_one_line_and_exit_2(
    pmwizard_process: Run, isolated_home: Path, name: str, command: tuple[str, ...]
) -> None:
    huge_drafts(isolated_home)
    line = one_line(pmwizard_process(*command, name))
    assert f"{isolated_home / name}.json {SAID}" in line


def test_resume_of_a_draft_with_a_huge_number_is_one_line(
    pmwizard_process: Run, isolated_home: Path
) -> None:
    huge_drafts(isolated_home)
    line = one_line(pmwizard_process("resume", "digits"))
    assert f"digits.json {SAID}" in line


def test_list_marks_drafts_with_a_huge_number_and_shows_the_rest(
    pmwizard_process: Run, isolated_home: Path
) -> None:
    huge_drafts(isolated_home)
    result = pmwizard_process("list")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "17/17 points" in rows["good"]
    assert f"unreadable: {isolated_home / 'digits'}.json {SAID}" in rows["digits"]
    assert f"unreadable: {isolated_home / 'long'}.json {SAID}" in rows["long"]
    listed = {
        row["name"]: row["error"] for row in json.loads(pmwizard_process("list", "--json").stdout)
    }
    assert listed["good"] is None
    assert listed["digits"] == f"{isolated_home / 'digits'}.json {SAID}"


async def test_the_welcome_screen_marks_a_draft_with_a_huge_number(isolated_home: Path) -> None:
    huge_drafts(isolated_home)
    app = WizardApp(DraftStore(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#drafts", OptionList)
        shown = listed_drafts(options)
        assert set(shown) == {"good", "digits", "long"}
        assert "unreadable" not in shown["good"]
        assert "unreadable" in shown["digits"] and "too large to read" in shown["digits"]


@pytest.mark.parametrize(
    "line",
    [
        f"**Users affected:** {'9' * 5000}%",
        f"**Date:** 2024-03-{'9' * 5000}",
        f"**Date:** {'9' * 5000}-03-05",
    ],
    ids=["percent", "day", "year"],
)
def test_importing_a_huge_number_in_a_percent_or_a_date_makes_a_readable_draft(
    pmwizard_process: Run, isolated_home: Path, tmp_path: Path, line: str
) -> None:
    document = tmp_path / "disk-full.md"
    document.write_text(
        f"# Disk full\n\n{line}\n\n## Timeline\n\n- 2024-03-05 10:02 UTC - Alert fired\n"
        "- 2024-03-05 11:00 UTC - Resolved\n",
        encoding="utf-8",
    )
    imported = pmwizard_process("import", str(document), "--name", "disk")
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr
    checked = pmwizard_process("check", "disk")
    assert checked.returncode == 1, checked.stderr  # read, and missing points
    assert checked.stderr == ""
