"""The wizard keeps the work it would repeat on every start (compiled patterns, parsed built-in
files) as the commands do: written once its first screen is drawn, and a missing, kept or
broken file shows the same screen."""

from __future__ import annotations

import time
from pathlib import Path

from pty_wizard import STEP_READY, Wizard

from wizard.drafts import DraftStore
from wizard.example import example_postmortem

NAME = "kept"


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.rglob("memo.*.marshal"))


def _resume(env: dict[str, str], home: Path) -> tuple[list[str], list[Path]]:
    """The screen `pmwizard resume` draws (once settled), and the kept-work files once it
    has drawn it; quit with ctrl+q."""
    with Wizard(env, home, name=NAME, args=("resume", NAME), ready=STEP_READY) as wizard:
        end = time.monotonic() + 10
        while not _kept(Path(env["PYTHONPYCACHEPREFIX"])) and time.monotonic() < end:
            wizard.pump(0.05)
        kept = _kept(Path(env["PYTHONPYCACHEPREFIX"]))
        screen = list(wizard.screen().display)
        wizard.press("\x11")  # ctrl+q
        assert wizard.wait_exit() == 0
    return screen, kept


def test_resume_keeps_its_work_and_shows_the_same_with_or_without_it(
    child_env: dict[str, str], isolated_home: Path, tmp_path: Path
) -> None:
    DraftStore(isolated_home).save(NAME, example_postmortem())
    env = dict(child_env, PYTHONPYCACHEPREFIX=str(tmp_path / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    fresh, kept = _resume(env, isolated_home)
    assert [path.name.split(".")[1] for path in kept] == ["resume"]  # written while running
    again, _ = _resume(env, isolated_home)
    assert again == fresh
    kept[0].write_bytes(kept[0].read_bytes()[:500])
    broken, _ = _resume(env, isolated_home)
    assert broken == fresh
    assert kept[0].stat().st_size > 500  # written whole again


def test_no_file_where_python_writes_no_bytecode(
    child_env: dict[str, str], isolated_home: Path, tmp_path: Path
) -> None:
    DraftStore(isolated_home).save(NAME, example_postmortem())
    env = dict(child_env, PYTHONPYCACHEPREFIX=str(tmp_path / "cache"), PYTHONDONTWRITEBYTECODE="1")
    with Wizard(env, isolated_home, name=NAME, args=("resume", NAME), ready=STEP_READY) as wizard:
        wizard.pump(0.5)
        wizard.press("\x11")
        assert wizard.wait_exit() == 0
    assert not _kept(tmp_path / "cache")
