"""`pmwizard check` of folders: a folder with no Markdown is an error said once, on stderr, and
the counts printed are right and in good grammar."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import error_line, pmwizard

HALF = """# Disk full on the build server

## Issue Summary
From 8.25 PM to 10.54 PM EAT the build server refused jobs; 40% of users could not deploy.

## Timeline
- 8.27 PM: an alert fired on disk usage
- 10.54 PM: old artifacts removed and the service restored
"""


def test_an_empty_folder_is_one_line_on_stderr_and_nothing_counted(
    isolated_home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not Markdown", encoding="utf-8")
    result = pmwizard("check", str(empty), home=isolated_home)
    assert result.returncode == 2
    assert error_line(result) == f"pmwizard: {empty}: no .md files in this folder"
    assert result.stdout == ""


def test_an_empty_folder_beside_a_file_counts_only_the_file(
    isolated_home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    half = tmp_path / "half.md"
    half.write_text(HALF, encoding="utf-8")
    result = pmwizard("check", str(empty), str(half), home=isolated_home)
    assert result.returncode == 2
    assert "no .md files in this folder" in error_line(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{half}: ")
    assert lines[-1] == "1 file: 0 passed, 1 missing points, 0 unreadable"
    assert "no .md files" not in result.stdout


def test_a_folder_of_one_file_says_1_file(isolated_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "half.md").write_text(HALF, encoding="utf-8")
    result = pmwizard("check", str(folder), home=isolated_home)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 file: 0 passed, 1 missing points, 0 unreadable"


def test_json_for_an_empty_folder_is_valid_and_names_the_error(
    isolated_home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = pmwizard("check", "--json", str(empty), home=isolated_home)
    assert result.returncode == 2
    assert json.loads(result.stdout) == [
        {"file": str(empty), "error": f"{empty}: no .md files in this folder"}
    ]
    assert "no .md files in this folder" in error_line(result)


def test_a_one_word_document_says_1_word(isolated_home: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.md"
    one.write_text("Outage\n", encoding="utf-8")
    single = pmwizard("check", str(one), home=isolated_home)
    assert single.returncode == 1
    assert "1 word (" in single.stdout and "1 words" not in single.stdout
    many = pmwizard("check", str(tmp_path), home=isolated_home)
    assert "1 words" not in many.stdout and ", 1 word, " in many.stdout
