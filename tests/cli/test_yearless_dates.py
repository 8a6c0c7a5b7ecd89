"""A date written without its year (`Mar 5 14:02`, a heading `### Mar 5`) takes the incident's
year when the document gives one anywhere (the summary, a dated heading or entry): the year
that puts it nearest the incident's dates. With no year anywhere the times stay undated and
the import says so; no stand-in year ever shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import pmwizard

from wizard.importer.times import UNDATED

SUMMARY_YEAR = """# Payment outage

## Issue Summary
The outage began on March 5, 2024; payments failed for 20% of users.

## Timeline
- Mar 5 23:50 - Alert fired on payment errors
- Mar 6 00:30 - Escalated to the payments team
- Mar 6 01:10 - Rolled back and service restored
"""

SUMMARY_YEAR_HEADINGS = """# Payment outage

## Issue Summary
On 5 March 2024 payments failed for 20% of users.

## Timeline

### 5 March
- 23:50 - Alert fired on payment errors

### 6 March
- 00:30 - Escalated to the payments team
- 01:10 - Rolled back and service restored
"""

NEW_YEAR = """# Payment outage

## Timeline
- Dec 31 2024 23:50 - Alert fired on payment errors
- Jan 1 00:30 - Escalated to the payments team
- Jan 2 01:10 - Rolled back and service restored
"""

NO_YEAR_HEADING = """# Payment outage

## Timeline

### Mar 5
- 14:02 - Alert fired on payment errors
- 15:10 - Rolled back and service restored
"""


def _imported(home: Path, tmp_path: Path, text: str) -> tuple[str, dict[str, object], str]:
    """The import's report, the draft file and its Markdown export."""
    source = tmp_path / "report.md"
    source.write_text(text, encoding="utf-8")
    said = pmwizard("import", str(source), "--name", "pm", home=home)
    assert said.returncode == 0, said.stderr
    exported = pmwizard("export", "--allow-incomplete", "pm", home=home)
    assert exported.returncode == 0, exported.stderr
    draft = json.loads((home / "pm.json").read_text(encoding="utf-8"))
    return said.stdout, draft, exported.stdout


def _times(draft: dict[str, object]) -> list[str]:
    timeline = draft["timeline"]
    assert isinstance(timeline, list)
    return [entry["time"] for entry in timeline]


@pytest.mark.parametrize("text", [SUMMARY_YEAR, SUMMARY_YEAR_HEADINGS], ids=["entries", "headings"])
def test_the_summarys_year_dates_the_entries(
    isolated_home: Path, tmp_path: Path, text: str
) -> None:
    said, draft, markdown = _imported(isolated_home, tmp_path, text)
    assert _times(draft) == ["2024-03-05T23:50:00", "2024-03-06T00:30:00", "2024-03-06T01:10:00"]
    assert "no year is given" not in said and "no date is given" not in said
    assert "- Mar 5, 11:50 PM - " in markdown and "- Mar 6, 1:10 AM - " in markdown
    assert str(UNDATED.year) not in said + markdown


def test_a_date_after_new_year_takes_the_next_year(isolated_home: Path, tmp_path: Path) -> None:
    _, draft, markdown = _imported(isolated_home, tmp_path, NEW_YEAR)
    assert _times(draft) == ["2024-12-31T23:50:00", "2025-01-01T00:30:00", "2025-01-02T01:10:00"]
    assert "December 31, 2024, 11:50 PM - January 2, 2025, 1:10 AM" in markdown
    checked = pmwizard("check", "--json", "pm", home=isolated_home)
    metrics = json.loads(checked.stdout)["metrics"]
    assert metrics["time_to_resolve_minutes"] == 24 * 60 + 80


def test_a_heading_without_a_year_and_no_year_anywhere_stays_undated(
    isolated_home: Path, tmp_path: Path
) -> None:
    said, draft, markdown = _imported(isolated_home, tmp_path, NO_YEAR_HEADING)
    assert "Check: no year is given" in said
    window = draft["window"]
    assert isinstance(window, dict) and window["dated"] is False
    assert str(UNDATED.year) not in said + markdown
    assert "- 2:02 PM - " in markdown
