"""A full disk: a failed save changes nothing on disk, and the wizard keeps trying and says so.

The disk is a real 64 KiB tmpfs filled to the last byte (mounting one needs root; elsewhere
these tests skip).
"""

from __future__ import annotations

import os

import pytest
from hostile import SmallDisk, until

from wizard.drafts import DraftError, DraftStore, read_draft
from wizard.model import Postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp

SIZE = (100, 32)


def test_a_save_on_a_full_disk_changes_neither_the_draft_nor_its_backup(
    small_disk: SmallDisk,
) -> None:
    store = DraftStore(small_disk.path / "drafts")
    store.save("outage", Postmortem(title="first"))
    path = store.save("outage", Postmortem(title="second"))
    backup = store.backup_path("outage")
    draft_before, backup_before = path.read_bytes(), backup.read_bytes()
    small_disk.fill()
    with pytest.raises(DraftError, match="No space left on device"):
        store.save("outage", Postmortem(title="third " * 2000))
    assert path.read_bytes() == draft_before
    assert backup.read_bytes() == backup_before
    assert not os.path.samefile(path, backup)
    assert sorted(os.listdir(store.root)) == ["outage.json", "outage.json.bak"]
    small_disk.free()
    store.save("outage", Postmortem(title="third"))
    assert read_draft(path).title == "third"
    assert read_draft(backup).title == "second"


def title_on_disk(store: DraftStore, name: str) -> str:
    return read_draft(store.path(name)).title


async def test_after_a_failed_save_the_wizard_keeps_saving_and_says_so(
    small_disk: SmallDisk,
) -> None:
    store = DraftStore(small_disk.path / "drafts")
    store.save("full", Postmortem(title="Disk"))
    session = Session(store, "full", store.load("full"))
    app = WizardApp(store, session, step="summary", autosave_delay=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        small_disk.fill()
        await pilot.press("end", *" filling up")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: app.unsaved is not None)
        assert "No space left on device" in (app.unsaved or "")
        assert "NOT SAVED" in app.sub_title
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.session is session, "one failed save on quit ended it"
        assert title_on_disk(store, "full") == "Disk"

        small_disk.free()
        assert await until(pilot, lambda: app.unsaved is None), "saving never came back"
        assert title_on_disk(store, "full") == "Disk filling up"
        assert "saved" in app.sub_title and "NOT" not in app.sub_title
        await pilot.press(*" later")
        await pilot.press("ctrl+s")
        assert title_on_disk(store, "full") == "Disk filling up later"
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_quitting_twice_on_a_full_disk_quits_without_the_last_changes(
    small_disk: SmallDisk,
) -> None:
    store = DraftStore(small_disk.path / "drafts")
    store.save("full", Postmortem(title="Disk"))
    app = WizardApp(store, Session(store, "full", store.load("full")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        small_disk.fill()
        await pilot.press("end", *" full", "ctrl+q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
    assert app.return_code == 1
    assert title_on_disk(store, "full") == "Disk"
