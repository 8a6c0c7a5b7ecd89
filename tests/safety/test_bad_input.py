"""Bad input on the command line: one clear message, the right exit code, no traceback, no hang.

Every row runs the CLI on a file made for it, in this process (as a child process where file
permissions must apply even to root). An error is exit 2 with
exactly one line on stderr naming the file; a document that can be read but misses rubric
points is exit 1; the input file is never changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wizard.drafts import MAX_BYTES, dump, size_text
from wizard.example import example_postmortem
from wizard.markdown import writer

CAFE = "# Café outage\n\n## Issue Summary\n\n**Service affected:** Café API\n"


def example_markdown() -> str:
    return writer.to_markdown(example_postmortem())


def draft_json(**changes: Any) -> dict[str, Any]:
    """The example draft's file content with `changes` (dotted keys reach into objects)."""
    data = json.loads(dump(example_postmortem()))
    for key, value in changes.items():
        *parents, last = key.split(".")
        target = data
        for parent in parents:
            target = target[parent]
        target[last] = value
    return data


def write(name: str, content: str | bytes) -> str:
    path = Path(name)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return name


def draft_file(name: str, data: dict[str, Any]) -> str:
    return write(name, json.dumps(data, indent=2))


def empty() -> str:
    return write("empty.md", b"")


def binary() -> str:
    return write("binary.md", bytes(range(256)) * 40)


def latin_1() -> str:
    return write("latin1.md", CAFE.encode("latin-1"))


def utf_16() -> str:
    return write("utf16.md", CAFE.encode("utf-16"))  # with its byte order mark


def huge() -> str:
    line = b"The checkout API returned errors for most requests. " * 3 + b"\n"
    return write("huge.md", line * (MAX_BYTES // len(line) + 1))  # just over the cap


def folder() -> str:
    Path("folder").mkdir()
    return "folder"


def unreadable(name: str) -> str:
    """`name` with every permission taken away (the command runs without the capabilities
    that let root read it anyway)."""
    os.chmod(name, 0)
    return name


def no_permission() -> str:
    return unreadable(write("secret.md", example_markdown()))


def draft_no_permission() -> str:
    return unreadable(draft_file("secret.json", draft_json()))


def missing_field() -> str:
    data = draft_json()
    del data["title"]
    return draft_file("missing-title.json", data)


def end_before_start() -> str:
    return draft_file("end-before-start.json", draft_json(**{"window.end": "2023-01-17T11:00:00"}))


def impact_250() -> str:
    return draft_file("impact-250.json", draft_json(**{"impact.percent": 250}))


def unknown_zone() -> str:
    return draft_file("unknown-zone.json", draft_json(**{"window.zone": "Mars/Olympus_Mons"}))


def truncated() -> str:
    text = dump(example_postmortem())
    return write("truncated.json", text[: len(text) // 2])


def future_version() -> str:
    return draft_file("future.json", draft_json(schema=99))


def md_end_before_start() -> str:
    text = example_markdown().replace(
        "January 17, 2023, 12:30 PM - 1:45 PM EAT (UTC+03:00) (1 h 15 min)",
        "January 17, 2023, 1:45 PM - January 17, 2023, 12:30 PM EAT (UTC+03:00)",
    )
    assert "1:45 PM - January 17, 2023, 12:30 PM" in text
    return write("duration.md", text)


def md_impact_250() -> str:
    text = example_markdown().replace("**Users affected:** 62%", "**Users affected:** 250%")
    assert "250%" in text
    return write("share.md", text)


def md_impossible_due_date() -> str:
    measures = "## Corrective and Preventative Measures"
    text = f"# Outage\n\n{measures}\n\n- [ ] Renew cert (due: 2023-02-30)\n"
    return write("due.md", text)


def md_year_9999() -> str:
    return write("y.md", "# Outage\n\n**Duration:** December 31, 9999, 11:30 PM - 12:45 AM UTC\n")


def md_unknown_zone() -> str:
    text = example_markdown().replace("EAT (UTC+03:00)", "XYZT")
    assert text.count("XYZT") == 2  # the duration and the timeline's "All times ..."
    return write("zone.md", text)


@dataclass(frozen=True)
class Case:
    """`pmwizard COMMAND INPUT`: its exit code and what its message must say (for exit 0
    and 1, on a line of stdout that starts with `line`: a rubric point or an import note)."""

    make: Callable[[], str]
    command: str
    code: int
    says: str
    line: str = ""
    as_user: bool = False  # run so that file permissions apply, even to root


CASES = [
    pytest.param(Case(empty, "check", 2, "empty"), id="empty-check"),
    pytest.param(Case(empty, "import", 2, "empty"), id="empty-import"),
    pytest.param(Case(empty, "export", 2, "not valid JSON"), id="empty-export"),
    pytest.param(Case(binary, "check", 2, "binary"), id="binary-check"),
    pytest.param(Case(binary, "import", 2, "binary"), id="binary-import"),
    pytest.param(Case(binary, "export", 2, "not UTF-8"), id="binary-export"),
    pytest.param(Case(latin_1, "import", 0, "Imported"), id="latin-1-import"),
    pytest.param(Case(latin_1, "check", 1, "points missing"), id="latin-1-check"),
    pytest.param(Case(utf_16, "import", 0, "Imported"), id="utf-16-import"),
    pytest.param(Case(utf_16, "check", 1, "points missing"), id="utf-16-check"),
    pytest.param(Case(huge, "check", 2, f"up to {size_text(MAX_BYTES)}"), id="huge-check"),
    pytest.param(Case(huge, "import", 2, f"up to {size_text(MAX_BYTES)}"), id="huge-import"),
    pytest.param(Case(folder, "check", 2, "no .md files"), id="folder-check"),
    pytest.param(Case(folder, "import", 2, "is a folder"), id="folder-import"),
    pytest.param(Case(folder, "export", 2, "is a folder"), id="folder-export"),
    pytest.param(
        Case(no_permission, "check", 2, "permission denied", as_user=True),
        id="no-permission-check",
    ),
    pytest.param(
        Case(no_permission, "import", 2, "permission denied", as_user=True),
        id="no-permission-import",
    ),
    pytest.param(
        Case(draft_no_permission, "export", 2, "permission denied", as_user=True),
        id="no-permission-export",
    ),
    pytest.param(Case(missing_field, "check", 2, "title"), id="missing-field-check"),
    pytest.param(Case(missing_field, "export", 2, "title"), id="missing-field-export"),
    pytest.param(Case(end_before_start, "check", 2, "before start"), id="end-before-start-check"),
    pytest.param(Case(end_before_start, "export", 2, "before start"), id="end-before-start-export"),
    pytest.param(Case(impact_250, "check", 2, "250% is not a share"), id="250%-check"),
    pytest.param(Case(impact_250, "export", 2, "250% is not a share"), id="250%-export"),
    pytest.param(Case(unknown_zone, "check", 2, "unknown time zone"), id="unknown-zone-check"),
    pytest.param(Case(unknown_zone, "export", 2, "unknown time zone"), id="unknown-zone-export"),
    pytest.param(Case(truncated, "export", 2, "not valid JSON"), id="truncated-export"),
    pytest.param(Case(truncated, "check", 2, "not valid JSON"), id="truncated-check"),
    pytest.param(Case(future_version, "export", 2, "upgrade pmwizard"), id="future-export"),
    pytest.param(
        Case(md_end_before_start, "check", 1, "before", line="✗ S1"),
        id="md-end-before-start-check",
    ),
    pytest.param(
        Case(md_end_before_start, "import", 0, "before", line="Check:"),
        id="md-end-before-start-import",
    ),
    pytest.param(Case(md_impact_250, "check", 1, "250%", line="✗ S4"), id="md-250%-check"),
    pytest.param(
        Case(md_impact_250, "import", 0, "250%", line="Check:"),
        id="md-250%-import",
    ),
    pytest.param(
        Case(md_unknown_zone, "check", 1, "XYZT", line="✗ S1"),
        id="md-unknown-zone-check",
    ),
    pytest.param(
        Case(md_unknown_zone, "import", 0, "XYZT", line="Check:"),
        id="md-unknown-zone-import",
    ),
    pytest.param(
        Case(md_impossible_due_date, "import", 0, "2023-02-30", line="Check:"),
        id="md-impossible-due-import",
    ),
    pytest.param(
        Case(md_impossible_due_date, "check", 1, "points missing"), id="md-impossible-due-check"
    ),
    pytest.param(Case(md_year_9999, "import", 0, "9999", line="Check:"), id="md-year-9999-import"),
    pytest.param(Case(md_year_9999, "check", 1, "points missing"), id="md-year-9999-check"),
]


def snapshot(path: Path) -> bytes | None:
    """A file's bytes (None for a folder or an unreadable file), to show it was not touched."""
    try:
        return path.read_bytes()
    except OSError:
        return None


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gets_one_clear_message(
    case: Case, pmwizard: Callable[..., Any], pmwizard_process: Callable[..., Any]
) -> None:
    target = case.make()
    before = snapshot(Path(target))
    if case.as_user:
        result = pmwizard_process(case.command, target, timeout=15, as_user=True)
    else:
        result = pmwizard(case.command, target)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == case.code, output
    if case.code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("pmwizard: ") and target in lines[0], lines[0]
        assert case.says.lower() in lines[0].lower(), lines[0]
    else:
        assert result.stderr == ""
        lines = [line for line in result.stdout.splitlines() if line.startswith(case.line)]
        assert any(case.says in line for line in lines), result.stdout
    assert snapshot(Path(target)) == before, "the input file was changed"


@pytest.mark.parametrize("make", [latin_1, utf_16], ids=["latin-1", "utf-16"])
def test_other_encodings_are_read_as_written(
    make: Callable[[], str], pmwizard: Callable[..., Any], isolated_home: Path
) -> None:
    result = pmwizard("import", make(), "--name", "cafe")
    assert result.returncode == 0, result.stderr
    saved = json.loads((isolated_home / "cafe.json").read_text(encoding="utf-8"))
    assert saved["title"] == "Café outage"
    assert saved["service"] == "Café API"
