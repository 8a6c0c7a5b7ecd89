"""The importer over real postmortems: nothing lost, sections found, windows right.

Two corpora: the shared one (course postmortems and a few company reports, the `corpus`
fixture) and the development one in tests/corpus (company and project reports, status pages
and hand-written notes). Each MANIFEST.tsv says what a careful reader found; the rates are
printed whatever pytest's capture setting (and in the assertion messages);
`python -m benchmarks import` prints them with speed.
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
DEVELOPMENT = ROOT / "tests" / "corpus"
SECTION_RATE, WINDOW_RATE, ENTRY_RATE, TASK_RATE = 0.95, 0.90, 0.90, 0.90
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


def scores(folder: Path) -> Any:
    found = benchmark().Scores()
    for row, text, result in imported(folder):
        found.add(row, text, result)
    return found


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
    assert not problems, "\n".join(problems)


def reported(folder: Path, name: str, capsys: pytest.CaptureFixture[str]) -> tuple[Any, str]:
    """The folder's scores, printed whatever the capture setting, and the misses to show."""
    found = scores(folder)
    with capsys.disabled():
        print(f"\n{name}: {found.summary()}")
    return found, f"{found.summary()}\n" + "\n".join(found.misses)


def test_recognition_rates(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found, detail = reported(corpus, "shared corpus", capsys)
    assert found.section_rate >= SECTION_RATE, detail
    assert found.window_rate >= WINDOW_RATE, detail
    assert found.worst_lost <= benchmark().MAX_LOST, detail


def test_the_development_corpus_is_whole() -> None:
    rows = benchmark().read_manifest(DEVELOPMENT)
    kinds = [row["kind"] for row in rows]
    assert sum(1 for k in kinds if k != "notes") >= 25
    assert kinds.count("notes") >= 5
    listed = {row["file"] for row in rows}
    on_disk = {p.name for p in DEVELOPMENT.iterdir() if p.name != "MANIFEST.tsv"}
    assert listed == on_disk
    assert all(row["source"].strip() for row in rows)


def test_targets_on_the_development_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    found, detail = reported(DEVELOPMENT, "development corpus", capsys)
    assert found.section_rate >= SECTION_RATE, detail
    assert found.window_rate >= WINDOW_RATE, detail
    assert found.invented == 0, detail
    assert found.entry_rate >= ENTRY_RATE, detail
    assert found.owner_due_rate >= TASK_RATE, detail
    assert found.worst_lost <= benchmark().MAX_LOST, detail
    for row, text, result in imported(DEVELOPMENT):
        assert not missing_words(text, result), row["file"]


def test_check_reports_every_corpus_file(corpus: Path) -> None:
    from wizard.checking import check_all
    from wizard.drafts import DraftStore

    checked = check_all([str(corpus)], DraftStore())
    names = {Path(c.label).name for c in checked}
    assert {row["file"] for row, _, _ in imported(corpus)} <= names
    assert all(c.report is not None for c in checked), [c.error for c in checked if c.error]
