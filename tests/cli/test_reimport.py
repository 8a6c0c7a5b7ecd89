"""An export imported again and exported once more gives the same document: the notes of
the first import are kept once, never repeated."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import pmwizard

REPORT = """# Apache outage

## Issue Summary

- **Impact:**
  - The web server was down.
  - About 90% of users saw errors.

## Timeline

- 3:00 PM: Alerts fired for HTTP 500 errors.
- 3:30 PM: Escalated to the infrastructure team.
- 4:15 PM: Fixed the configuration file and the server came back.

## Root Cause and Resolution

A misconfigured configuration file.

## Corrective and Preventative Measures

- Check configuration files in CI.

## Conclusion

All is well that ends well.
"""


def _import_and_export(source: Path, draft: str, target: Path, home: Path) -> str:
    imported = pmwizard("import", str(source), home=home)
    assert imported.returncode == 0, imported.stderr
    assert f"as draft {draft!r}" in imported.stdout
    exported = pmwizard("export", draft, "--allow-incomplete", "-o", str(target), home=home)
    assert exported.returncode == 0, exported.stderr
    return target.read_text(encoding="utf-8")


def test_export_import_export_gives_the_same_document(isolated_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "report.md"
    source.write_text(REPORT, encoding="utf-8")
    first = _import_and_export(source, "apache-outage", tmp_path / "first.md", isolated_home)
    notes = [line for line in first.splitlines() if line.startswith("Check: ")]
    assert "Check: no date is given: the times have no day until you set the real date" in notes
    assert "All is well that ends well." in first
    second = _import_and_export(
        tmp_path / "first.md", "apache-outage-2", tmp_path / "second.md", isolated_home
    )
    assert second == first
    third = _import_and_export(
        tmp_path / "second.md", "apache-outage-3", tmp_path / "third.md", isolated_home
    )
    assert third == first
