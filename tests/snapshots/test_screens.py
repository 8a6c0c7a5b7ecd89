"""SVG snapshots of every screen and dialog at a fixed size: a change of look shows in review.

Update them with `pytest tests/snapshots --snapshot-update` after checking the new pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from wizard.ui.screenshots import SHOTS, Shot, build_app, prepare


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_screen_looks_the_same(shot: Shot, snap_compare, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await prepare(pilot, shot)

    app = build_app(shot, tmp_path)
    assert snap_compare(app, terminal_size=shot.size, run_before=run_before)
