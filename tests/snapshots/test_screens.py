"""SVG snapshots of every screen and dialog at a fixed size: a change of look shows in review.

Update them with `pytest tests/snapshots --snapshot-update` after checking the new pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from wizard.ui.screenshots import SHOTS, Shot, build_app, prepare, steady_ids


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_screen_looks_the_same(shot: Shot, snap_compare, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await prepare(pilot, shot)

    app = build_app(shot, tmp_path)
    assert snap_compare(app, terminal_size=shot.size, run_before=run_before)


def test_a_picture_that_did_not_change_is_written_the_same() -> None:
    # Rich names the picture's classes after a hash that takes in a link's id, new on every
    # run: the file would change while the picture did not.
    def picture(prefix: str, text: str) -> str:
        return (
            f'<style>.{prefix}-r1 {{ fill: #fff }}</style><text class="{prefix}-r1">{text}</text>'
        )

    first = steady_ids(picture("terminal-1981847942", "Save Markdown"))
    again = steady_ids(picture("terminal-2913900730", "Save Markdown"))
    other = steady_ids(picture("terminal-1981847942", "Save HTML"))
    assert first == again
    assert "terminal-1981847942" not in first and first != other
    assert (
        other.count("terminal-") == 2 and other.split("terminal-")[1] != first.split("terminal-")[1]
    )
