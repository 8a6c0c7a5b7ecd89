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


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
