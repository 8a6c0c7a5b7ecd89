"""A second writer: another pmwizard process, another program, a second save at the same
moment, or a lock file that is a link. A saved draft is never replaced by surprise."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from hostile import until
from pty_wizard import Wizard

from wizard.drafts import DraftStore, dump, read_draft
from wizard.example import example_postmortem
from wizard.lock import DraftLock
from wizard.markdown import writer
from wizard.model import Postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp

SIZE = (100, 32)


def title_at(path: Path) -> str | None:
    return read_draft(path).title if path.exists() else None


# --- another pmwizard process ------------------------------------------------------------


@pytest.mark.parametrize("command", ["import", "example"])
def test_the_cli_does_not_write_a_draft_open_in_a_wizard(
    child_env: dict[str, str], isolated_home: Path, pmwizard: Any, command: str
) -> None:
    Path("old.md").write_text(writer.to_markdown(example_postmortem()), encoding="utf-8")
    args = ("import", "old.md") if command == "import" else ("new", "--example")
    with Wizard(child_env, isolated_home, "imp") as wizard:
        result = pmwizard(*args, "--name", "imp")
        assert result.returncode == 2, result.stdout + result.stderr
        [line] = result.stderr.splitlines()
        assert "'imp' is open in another pmwizard" in line and f"pid {wizard.pid}" in line
        assert not (isolated_home / "imp.json").exists()
        wizard.type("Typed in the wizard")
        os.kill(wizard.pid, 15)
        assert wizard.wait_exit() is not None
    assert read_draft(isolated_home / "imp.json").title == "Typed in the wizard"


# --- another program ----------------------------------------------------------------------


async def test_the_wizard_keeps_a_draft_another_program_changed_and_saves_beside_it(
    isolated_home: Path,
) -> None:
    store = DraftStore(isolated_home)
    store.save("imp", Postmortem(title="Mine"))
    app = WizardApp(store, Session(store, "imp", store.load("imp")), autosave_delay=0.1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        theirs = dump(Postmortem(title="Imported elsewhere"))
        store.path("imp").write_text(theirs, encoding="utf-8")
        await pilot.press("end", *" and more")
        assert await until(pilot, lambda: title_at(store.path("imp-2")) == "Mine and more")
        assert await until(pilot, lambda: not app.session or not app.session.notices)
        assert store.path("imp").read_text(encoding="utf-8") == theirs
        assert app.session is not None and app.session.name == "imp-2"
        assert "imp-2" in app.sub_title
        said = " ".join(str(n.message) for n in app._notifications)
        assert "changed by another program" in said and "'imp-2'" in said
        await pilot.press(*" still")
        await pilot.press("ctrl+s")
        assert read_draft(store.path("imp-2")).title == "Mine and more still"
    assert store.path("imp").read_text(encoding="utf-8") == theirs


# --- two saves at once ----------------------------------------------------------------------


class SlowFirstSave(DraftStore):
    """A store whose first save waits until the test lets it go on (a slow disk)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.entered = threading.Event()
        self.go_on = threading.Event()
        self._first = True

    def save(self, name: str, pm: Postmortem) -> Path:
        if self._first:
            self._first = False
            self.entered.set()
            self.go_on.wait(10)
        return super().save(name, pm)


def test_two_saves_at_once_write_the_newest_draft_last(isolated_home: Path) -> None:
    store = SlowFirstSave(isolated_home)
    session = Session(store, "race")
    session.edit("title", "older")
    first = threading.Thread(target=session.save)
    first.start()
    assert store.entered.wait(10)
    session.edit("title", "newer")
    second = threading.Thread(target=session.save)
    second.start()
    second.join(0.3)
    store.go_on.set()
    first.join(10)
    second.join(10)
    assert read_draft(store.path("race")).title == "newer"
    assert not [name for name in os.listdir(isolated_home) if name.endswith(".tmp")]
    session.close()


# --- a lock file that is a link -------------------------------------------------------------


@pytest.mark.parametrize("target", ["a file", "nothing"])
async def test_a_lock_file_that_is_a_link_is_never_followed(
    isolated_home: Path, tmp_path: Path, target: str
) -> None:
    store = DraftStore(isolated_home)
    store.save("ex", example_postmortem())
    victim = tmp_path / "victim"
    if target == "a file":
        victim.write_text("precious\n", encoding="utf-8")
    store.path("ex").with_name("ex.json.lock").symlink_to(victim)
    app = WizardApp(store, Session(store, "ex", store.load("ex")), autosave_delay=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.read_only
        assert "symbolic link" in (app.session.read_only_reason or "")
        assert "read-only" in app.sub_title
        await pilot.press("ctrl+q")
    if target == "a file":
        assert victim.read_text(encoding="utf-8") == "precious\n"
    else:
        assert not victim.exists()
    assert read_draft(store.path("ex")) == example_postmortem()


def test_the_cli_refuses_a_lock_file_that_is_a_link(
    isolated_home: Path, tmp_path: Path, pmwizard: Any
) -> None:
    isolated_home.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    (isolated_home / "ex.json.lock").symlink_to(victim)
    result = pmwizard("new", "--example", "--name", "ex")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "symbolic link" in line
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_lock_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        lock = DraftLock(tmp_path / "draft.json")
        assert lock.acquire()
    finally:
        os.umask(old)
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    lock.release()
    assert not lock.path.exists()


def test_releasing_a_lock_leaves_a_lock_file_that_is_not_its_own(tmp_path: Path) -> None:
    first = DraftLock(tmp_path / "draft.json")
    assert first.acquire()
    first.path.unlink()  # a tidy-up removed it while held: another wizard may lock anew
    second = DraftLock(tmp_path / "draft.json")
    assert second.acquire()
    first.release()
    assert second.path.exists(), "the first lock removed the second one's file"
    third = DraftLock(tmp_path / "draft.json")
    assert not third.acquire()
    second.release()
    assert third.acquire()
    third.release()
