"""Keep the machine out of the tests: drafts in a temp folder, a fixed zone and locale."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "postmortems"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own PMWIZARD_HOME and the zone Africa/Nairobi."""
    home = tmp_path / "home"
    monkeypatch.setenv("PMWIZARD_HOME", str(home))
    monkeypatch.setenv("TZ", "Africa/Nairobi")
    monkeypatch.chdir(tmp_path)
    if hasattr(time, "tzset"):
        time.tzset()
    return home


@pytest.fixture
def corpus() -> Path:
    """The shared folder of real postmortems, or a clean skip where it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared postmortem corpus is not at {SHARED_CORPUS}")
    return SHARED_CORPUS


# Where a test runs among the others: the ones that drive the app or a child process for
# seconds start first, the quick ones fill the end, so every worker of `-n auto` finishes
# at about the same time (tests never depend on their order: each has its own home).
FIRST, EARLY, LATE, LAST = range(4)
RANK_OF_FOLDER = {"ui": EARLY, "safety": EARLY, "snapshots": EARLY, "cli": LATE, "core": LAST}


def _rank(item: pytest.Item) -> int:
    if item.get_closest_marker("slow"):
        return FIRST
    folder = item.path.parent
    return RANK_OF_FOLDER.get(folder.name, LATE) if folder.name != "tests" else LATE


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    config.addinivalue_line(
        "markers", "slow: runs for many seconds; started before the others (see _rank)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: within a rank, the files' own order
