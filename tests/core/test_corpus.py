"""The importer over real public postmortems: nothing lost, sections found, windows right.

MANIFEST.tsv says, for each file, which sections a careful reader found and the incident
window's length. The rates are printed whatever pytest's capture setting (and in the
assertion messages); `python -m benchmarks.import_corpus` prints them with speed.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from wizard.importer import missing_words

ROOT = Path(__file__).resolve().parents[2]
SECTION_RATE, WINDOW_RATE = 0.95, 0.80
MAX_STRUCTURE_WORDS = 20


@cache
def benchmark() -> ModuleType:
    """benchmarks/import_corpus.py (the repository root need not be on sys.path)."""
    name = "benchmarks.import_corpus"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "import_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@cache
def imported(folder: Path) -> list[tuple[dict[str, str], str, Any]]:
    """Every MANIFEST file imported once for the whole module."""
    rows: list[tuple[dict[str, str], str, Any]] = benchmark().imported(folder)
    return rows


def test_every_postmortem_imports_without_losing_a_word(corpus: Path) -> None:
    rows = imported(corpus)
    assert len(rows) >= 30, "the corpus should hold the MANIFEST's postmortems"
    problems = []
    for row, text, result in rows:
        lost = missing_words(text, result)
        if lost:
            problems.append(f"{row['file']}: lost {dict(lost)}")
        long = [c for c in result.consumed if len(c.split()) > MAX_STRUCTURE_WORDS]
        if long:
            problems.append(f"{row['file']}: prose read as structure: {long}")
        for section in ("summary", "timeline", "root_cause", "measures"):
            if row[f"has_{section}"] == "yes" and not result.found[section]:
                problems.append(f"{row['file']}: the {section} section was not found")
    assert not problems, "\n".join(problems)


def test_recognition_rates(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = benchmark().Scores()
    for row, _, result in imported(corpus):
        scores.add(row, result)
    with capsys.disabled():
        print(f"\ncorpus import: {scores.summary()}")
    detail = f"{scores.summary()}\n" + "\n".join(scores.misses)
    assert scores.section_rate >= SECTION_RATE, detail
    assert scores.window_rate >= WINDOW_RATE, detail


def test_check_reports_every_corpus_file(corpus: Path) -> None:
    from wizard.checking import check_all
    from wizard.drafts import DraftStore

    checked = check_all([str(corpus)], DraftStore())
    names = {Path(c.label).name for c in checked}
    assert {row["file"] for row, _, _ in imported(corpus)} <= names
    assert all(c.report is not None for c in checked), [c.error for c in checked if c.error]
