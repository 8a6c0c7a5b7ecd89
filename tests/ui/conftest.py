"""Pilot helpers: an app around a temp draft store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wizard.drafts import DraftStore
from wizard.session import Session
from wizard.ui.app import WizardApp


@pytest.fixture
def store(isolated_home: Path) -> DraftStore:
    return DraftStore(isolated_home)


@pytest.fixture
def make_app(store: DraftStore, tmp_path: Path) -> Callable[..., WizardApp]:
    def build(session: Session | None = None, step: str | None = None) -> WizardApp:
        return WizardApp(store, session, step=step, start_dir=tmp_path, autosave_delay=0.1)

    return build
