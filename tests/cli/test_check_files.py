"""`pmwizard check` over written postmortems and folders, and `pmwizard import`, run as a user
runs them (a child process where checking goes parallel, and for the import command's contract)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import error_line, pmwizard, pmwizard_process

from wizard.drafts import MAX_BYTES, DraftStore, size_text
from wizard.example import example_postmortem
from wizard.markdown import counts, writer

KEYS = ["words", "sections", "window", "rubric", "passed", "metrics", "advice"]
METRICS = ["time_to_detect_minutes", "time_to_escalate_minutes", "time_to_resolve_minutes"]
HALF = """# Disk full on the build server

## Issue Summary
From 8.25 PM to 10.54 PM EAT the build server refused jobs; 40% of users could not deploy.

## Timeline
- 8.27 PM: an alert fired on disk usage
- 9.10 PM: escalated to the infra team
- 10.54 PM: old artifacts removed and the service restored
"""


@pytest.fixture
def finished(tmp_path: Path) -> Path:
    """A postmortem that meets every rubric point: the example, exported."""
    path = tmp_path / "finished.md"
    path.write_text(writer.to_markdown(example_postmortem()), encoding="utf-8")
    return path


@pytest.fixture
def half(tmp_path: Path) -> Path:
    path = tmp_path / "half.md"
    path.write_text(HALF, encoding="utf-8")
    return path


# --- one file ------------------------------------------------------------------------------


def test_a_finished_markdown_file_passes(isolated_home: Path, finished: Path) -> None:
    result = pmwizard("check", str(finished), home=isolated_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "17/17 points: every point met" in result.stdout


def test_json_for_one_file_has_the_core_shape_and_metrics(
    isolated_home: Path, finished: Path
) -> None:
    result = pmwizard("check", "--json", str(finished), home=isolated_home)
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert data["window"] == {
        "start": "2023-01-17T12:30:00+03:00",
        "end": "2023-01-17T13:45:00+03:00",
        "zone": "Africa/Nairobi",
        "minutes": 75,
    }
    assert data["metrics"] == dict(zip(METRICS, [2, 28, 75], strict=True))
    assert data["words"] == counts.total_words(example_postmortem())
    assert all(s["found"] for s in data["sections"].values())


def test_json_for_a_draft_has_metrics_too(isolated_home: Path) -> None:
    DraftStore(isolated_home).save("example", example_postmortem())
    data = json.loads(pmwizard("check", "--json", "example", home=isolated_home).stdout)
    assert list(data) == KEYS
    assert data["metrics"]["time_to_detect_minutes"] == 2


def test_missing_points_exit_1_and_an_undated_window_reads_as_times(
    isolated_home: Path, half: Path
) -> None:
    result = pmwizard("check", "--json", str(half), home=isolated_home)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["window"] == {
        "start": "T20:25",
        "end": "T22:54",
        "zone": "Africa/Nairobi",
        "minutes": 149,
    }
    assert data["sections"]["root_cause"] == {"found": False, "words": 0}
    assert data["metrics"] == dict(zip(METRICS, [2, 45, 149], strict=True))
    assert data["passed"] is False


BLAMING = (
    HALF
    + """
## Root Cause and Resolution
It was human error: Bob removed the disk quota and forgot to tell anyone.

## Corrective and Preventative Measures
- Improve monitoring
- Add an alert on disk usage of the build server (Owner: Amina; Due: 2024-09-01)
"""
)


def test_advice_lines_follow_the_rubric_and_never_change_the_exit_code(
    isolated_home: Path, tmp_path: Path, half: Path
) -> None:
    blaming = tmp_path / "blaming.md"
    blaming.write_text(BLAMING, encoding="utf-8")
    plain = pmwizard("check", str(half), home=isolated_home)
    result = pmwizard("check", str(blaming), home=isolated_home)
    assert result.returncode == plain.returncode == 1
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Advice ")))
    assert lines[start - 1].endswith("points missing")
    advice = lines[start + 1 :]
    assert lines[start].endswith(f": {len(advice)}")
    assert any(line.startswith('  B1 Root Cause: "human error" - ') for line in advice)
    assert any(line.startswith('  B5 Root Cause: "Bob removed" - ') for line in advice)
    assert any(line.startswith('  A2 Task 1: "Improve monitoring" - ') for line in advice)
    assert "Advice" not in plain.stdout


def test_json_advice_has_its_four_keys_and_is_empty_when_nothing_to_say(
    isolated_home: Path, tmp_path: Path, finished: Path
) -> None:
    blaming = tmp_path / "blaming.md"
    blaming.write_text(BLAMING, encoding="utf-8")
    clean = json.loads(pmwizard("check", "--json", str(finished), home=isolated_home).stdout)
    assert clean["advice"] == []
    data = json.loads(pmwizard("check", "--json", str(blaming), home=isolated_home).stdout)
    assert list(data) == KEYS
    assert all(list(a) == ["id", "field", "text", "suggestion"] for a in data["advice"])
    found = {(a["id"], a["field"], a["text"]) for a in data["advice"]}
    assert {("B1", "root_cause", "human error"), ("B3", "root_cause", "forgot to")} <= found
    assert ("A3", "tasks.0.owner", "Improve monitoring") in found
    assert not any(a["field"].startswith("tasks.1") for a in data["advice"])


def test_advice_never_blocks_export(isolated_home: Path, tmp_path: Path) -> None:
    example = example_postmortem()
    blaming = example.revised(root_cause=example.root_cause + " Bob forgot to check it.")
    DraftStore(isolated_home).save("blaming", blaming)
    out = tmp_path / "blaming.md"
    result = pmwizard("export", "blaming", "-o", str(out), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "Bob forgot to check it." in out.read_text(encoding="utf-8")
    checked = json.loads(pmwizard("check", "--json", str(out), home=isolated_home).stdout)
    assert checked["passed"] is True
    assert {a["id"] for a in checked["advice"]} == {"B3", "B5"}


def test_a_folder_gives_each_files_advice_under_its_line(
    isolated_home: Path, tmp_path: Path, finished: Path
) -> None:
    (tmp_path / "blaming.md").write_text(BLAMING, encoding="utf-8")
    lines = pmwizard("check", str(tmp_path), home=isolated_home).stdout.splitlines()
    assert lines[-1] == "2 files: 1 passed, 1 missing points, 0 unreadable"
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{tmp_path / 'blaming.md'}: "))
    assert lines[at + 1].startswith("  Advice (never changes the result): ")
    assert lines[at + 2].startswith("    B1 Root Cause: ")
    finished_at = lines.index(next(line for line in lines if line.startswith(f"{finished}: ")))
    assert not lines[finished_at + 1].startswith(" ")


# --- many files and folders ------------------------------------------------------------------


def test_a_folder_gives_one_line_per_file_and_a_total(
    isolated_home: Path, tmp_path: Path, finished: Path, half: Path
) -> None:
    nested = tmp_path / "team" / "2024"
    nested.mkdir(parents=True)
    (nested / "copy.markdown").write_text(HALF, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a postmortem", encoding="utf-8")
    result = pmwizard("check", str(tmp_path), home=isolated_home)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 files: 1 passed, 2 missing points, 0 unreadable"
    assert f"{finished}: 17/17 points, " in result.stdout
    half_line = next(line for line in lines if line.startswith(f"{half}: "))
    assert "words, missing " in half_line and " R1 " in half_line
    assert any(line.startswith(str(nested / "copy.markdown")) for line in lines)
    assert "notes.txt" not in result.stdout


def test_an_unreadable_file_exits_2_and_the_others_are_still_checked(
    isolated_home: Path, tmp_path: Path, finished: Path
) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = pmwizard("check", str(finished), str(empty), home=isolated_home)
    assert result.returncode == 2
    assert "is empty" in error_line(result)
    assert f"{finished}: 17/17 points" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 files: 1 passed, 0 missing points, 1 unreadable"


def test_a_file_with_an_impossible_due_date_is_checked_with_the_others(
    isolated_home: Path, tmp_path: Path, finished: Path
) -> None:
    due = tmp_path / "due.md"
    due.write_text(
        "# Outage\n\n## Corrective and Preventative Measures\n\n"
        "- [ ] Renew cert (due: 2023-02-30)\n",
        encoding="utf-8",
    )
    result = pmwizard("check", str(tmp_path), home=isolated_home)
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert result.stdout.splitlines()[-1] == "2 files: 1 passed, 1 missing points, 0 unreadable"


def test_an_unexpected_error_in_one_file_is_that_files_line(
    tmp_path: Path, finished: Path, half: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard import checking, importer

    real = importer.import_file

    def failing(path: Path, *rest: Any) -> Any:
        if Path(path).name == "half.md":
            raise RuntimeError("a bug\nover two lines")
        return real(path, *rest)

    monkeypatch.setattr(importer, "import_file", failing)
    checked = checking.check_all([str(tmp_path)], DraftStore(tmp_path / "drafts"))
    assert [c.report is None for c in checked] == [False, True]  # finished.md, half.md
    problem = "could not be checked (RuntimeError: a bug over two lines); please report it"
    assert checked[1].error == f"{half} {problem}"
    assert checking._exit_code(checked) == checking.EXIT_ERROR


def test_json_for_a_folder_is_a_list(isolated_home: Path, tmp_path: Path, finished: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"\x00\x01binary\x00")
    result = pmwizard("check", "--json", str(tmp_path), home=isolated_home)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    by_file = {Path(item["file"]).name: item for item in data}
    assert set(by_file) == {"bad.md", "finished.md"}
    assert list(by_file["finished.md"]) == ["file", *KEYS]
    assert "is not text" in by_file["bad.md"]["error"]


def test_a_thousand_files_are_checked(isolated_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(1000):
        (folder / f"pm-{number:04d}.md").write_text(HALF, encoding="utf-8")
    result = pmwizard_process("check", str(folder), home=isolated_home, timeout=300)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1001
    assert lines[-1] == "1000 files: 0 passed, 1000 missing points, 0 unreadable"


def test_many_files_keep_their_order_and_each_bad_one_its_line(
    isolated_home: Path, tmp_path: Path
) -> None:
    from wizard.checking import POOL_FROM

    folder = tmp_path / "many"
    folder.mkdir()
    bad = {3: b"", 7: b"\x00\x01binary\x00", 11: b"caf\xe9 \x81 outage\n"}
    for number in range(POOL_FROM + 4):
        path = folder / f"pm-{number:02d}.md"
        path.write_bytes(bad.get(number, HALF.encode()))
    result = pmwizard_process("check", str(folder), home=isolated_home, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()[:-1]
    assert [line.split(":")[0] for line in lines] == [
        str(folder / f"pm-{n:02d}.md") for n in range(POOL_FROM + 4)
    ]
    assert [n for n, line in enumerate(lines) if ": error: " in line] == [3, 7]
    assert len(result.stderr.splitlines()) == 2


# --- bad input -----------------------------------------------------------------------------


def _huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(20_000_000)


def _locked(path: Path) -> None:
    path.write_text(HALF, encoding="utf-8")
    path.chmod(0)


BAD: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 64), "is not text"),
    "png": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "is not text"),
    "20mb": (_huge, f"up to {size_text(MAX_BYTES)}"),
    "folder": (lambda p: p.mkdir(), "no .md files in this folder"),
    "missing": (lambda p: None, "no file at"),
    "no-permission": (_locked, "permission denied"),
}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("command", ["check", "import"])
def test_bad_input_gets_one_line_and_exit_2(
    isolated_home: Path, tmp_path: Path, case: str, command: str
) -> None:
    if case == "no-permission" and (os.name != "posix" or os.geteuid() == 0):
        pytest.skip("root (or this platform) reads a file without permission")
    make, said = BAD[case]
    path = tmp_path / "postmortem.md"
    make(path)
    if command == "import" and case == "folder":
        said = "is a folder"
    result = pmwizard(command, str(path), home=isolated_home)
    assert result.returncode == 2
    line = error_line(result)
    assert said in line and str(path) in line


def test_text_in_other_encodings_is_read(isolated_home: Path, tmp_path: Path) -> None:
    text = HALF.replace("Disk full", "Disque plein, café")
    for encoding in ("latin-1", "utf-16", "cp1252", "utf-8-sig"):
        path = tmp_path / f"{encoding}.md"
        path.write_bytes(text.encode(encoding))
        result = pmwizard("check", str(path), home=isolated_home)
        assert result.returncode == 1, (encoding, result.stderr)
        assert "S1" in result.stdout and result.stderr == ""


# --- import ----------------------------------------------------------------------------------


def test_import_makes_a_draft_the_wizard_can_finish(isolated_home: Path, half: Path) -> None:
    result = pmwizard_process("import", str(half), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "as draft 'disk-full-on-the-build-server'" in result.stdout
    assert "Sections found: Issue Summary, Timeline" in result.stdout
    assert "Check: no date is given" in result.stdout
    draft = DraftStore(isolated_home).load("disk-full-on-the-build-server")
    assert draft.title == "Disk full on the build server"
    assert draft.impact.percent == 40
    assert [e.kind.value for e in draft.timeline] == ["detection", "escalation", "resolution"]


def test_import_with_a_name_and_any_extension(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "old-postmortem.txt"
    path.write_text(HALF, encoding="utf-8")
    result = pmwizard("import", str(path), "--name", "disk", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert DraftStore(isolated_home).load("disk").title == "Disk full on the build server"
    again = pmwizard("import", str(path), "--name", "disk", home=isolated_home)
    assert again.returncode == 2
    assert "exists already" in error_line(again)


def test_checking_files_never_imports_textual(isolated_home: Path, half: Path) -> None:
    code = (
        "import sys\n"
        "from wizard import cli\n"
        f"code = cli.main(['check', '--json', {str(half)!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "raise SystemExit(code)\n"
    )
    env = dict(os.environ, PMWIZARD_HOME=str(isolated_home))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1, result.stderr


def test_check_text_names_the_entry_that_could_meet_a_missing_point(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "labelled.md"
    path.write_text(
        "# Queue latency\n\n## Timeline\n"
        "- 11:40 PM - **Other:** Deployed release 4.2 to the queue workers.\n"
        "- 11:52 PM - **Escalation:** A monitoring alert on queue latency paged the on-call.\n"
        "- 12:30 AM - **Resolution:** Rolled back 4.2; the service was fully restored.\n",
        encoding="utf-8",
    )
    result = pmwizard("check", str(path), home=isolated_home)
    assert result.returncode == 1, result.stderr
    t1 = next(line for line in result.stdout.splitlines() if line.startswith("✗ T1"))
    assert t1.endswith("no detection entry; entry 2 reads like a detection: mark it?")
    as_json = pmwizard("check", "--json", str(path), home=isolated_home)
    report = json.loads(as_json.stdout)
    assert list(report) == KEYS
    points = {point["id"]: point for point in report["rubric"]}
    assert list(points["T1"]) == ["id", "label", "met", "why"]
    assert points["T1"]["why"] == "no detection entry"
