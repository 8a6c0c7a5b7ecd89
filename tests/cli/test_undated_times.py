"""Times imported without a date sit on a stand-in day that no reader ever sees: not in the
export, not in `check`, not after the export is imported again; the import says the date is
missing, for one timed entry as for several."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import pmwizard_process

from wizard.importer.times import UNDATED

ONE = "- 10:02 - Alert fired for disk usage\n"
TWO = ONE + "- 10:30 - Disk cleaned, resolved\n"
NO_YEAR = "- Mar 5 10:02 - Alert fired for disk usage\n"
NO_YEAR_TWO = NO_YEAR + "- Mar 5 10:30 - Disk cleaned, resolved\n"
PLACEHOLDERS = (UNDATED.isoformat(), str(UNDATED.year))


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


def _no_placeholder(text: str) -> None:
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text, text


def _import(home: Path, source: Path, name: str) -> str:
    imported = pmwizard_process("import", str(source), "--name", name, home=home)
    assert imported.returncode == 0, imported.stderr
    return imported.stdout


def _export(home: Path, name: str, *more: str) -> str:
    exported = pmwizard_process("export", "--allow-incomplete", *more, name, home=home)
    assert exported.returncode == 0, exported.stderr
    return exported.stdout


@pytest.mark.parametrize(
    ("timeline", "note"),
    [
        (ONE, "no date is given"),
        (TWO, "no date is given"),
        (NO_YEAR, "no year is given"),
        (NO_YEAR_TWO, "no year is given"),
    ],
    ids=["one-entry", "two-entries", "one-without-a-year", "two-without-a-year"],
)
def test_entries_without_a_date_export_and_check_without_the_stand_in_day(
    home: Path, tmp_path: Path, timeline: str, note: str
) -> None:
    source = tmp_path / "disk-full.md"
    source.write_text(f"# Disk full\n\n## Timeline\n\n{timeline}", encoding="utf-8")
    said = _import(home, source, "disk")
    assert f"Check: {note}" in said
    _no_placeholder(said)

    document = _export(home, "disk")
    assert "- 10:02 AM - **Detection (monitoring alert):** Alert fired for disk usage" in document
    _no_placeholder(document)
    for args in (("check", "disk"), ("check", "--json", "disk")):
        checked = pmwizard_process(*args, home=home)
        assert checked.returncode == 1, checked.stderr
        _no_placeholder(checked.stdout)

    again = tmp_path / "exported.md"
    again.write_text(document, encoding="utf-8")
    _no_placeholder(_import(home, again, "again"))
    document_again = _export(home, "again")
    _no_placeholder(document_again)
    entries = [line for line in document.splitlines() if line.startswith("- 10:")]
    assert entries == [line for line in document_again.splitlines() if line.startswith("- 10:")]
    draft = json.loads(_export(home, "again", "--format", "json"))
    assert draft["window"]["dated"] is False


def test_a_date_given_elsewhere_dates_a_single_entry(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "disk-full.md"
    source.write_text(f"# Disk full on 2024-03-05\n\n## Timeline\n\n{ONE}", encoding="utf-8")
    said = _import(home, source, "disk")
    assert "no date is given" not in said
    assert "- Mar 5, 2024, 10:02 AM - " in _export(home, "disk")
