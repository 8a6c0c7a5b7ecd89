"""The welcome screen's import and example, one writer per draft, and backups offered."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList
from waiting import autosaved, until

from wizard.drafts import read_draft
from wizard.example import example_postmortem
from wizard.lock import DraftLock
from wizard.opening import session_for
from wizard.ui.screens.dialogs import Confirm
from wizard.ui.screens.review import ReviewScreen
from wizard.ui.screens.welcome import WelcomeScreen

SIZE = (110, 36)
WRITTEN = textwrap.dedent(
    """\
    # Login outage

    ## Issue Summary
    From 2:00 PM to 2:45 PM UTC on March 3, 2024, logins failed for 40% of users.
    The root cause was an expired certificate.

    ## Timeline
    - 2:02 PM - A monitoring alert fired for login errors
    - 2:45 PM - The certificate was renewed and the issue resolved

    ## Thanks
    Thanks to everyone who helped.
    """
)


async def test_import_from_the_welcome_screen_opens_a_draft(make_app, store, tmp_path) -> None:
    (tmp_path / "old.md").write_text(WRITTEN, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.press(*"old.md", "enter")
        await until(pilot, lambda: app.session is not None, "the imported draft to open")
        assert app.session is not None
        assert app.session.draft.title == "Login outage"
        assert app.session.draft.window.minutes == 45
        assert "Thanks to everyone" in app.session.draft.unsorted
        assert read_draft(store.path(app.session.name)).title == "Login outage"


async def test_import_of_a_missing_file_says_so_at_the_field(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.press(*"nope.md", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "nope.md" in str(app.screen.query_one("#import-error").render())
        assert app.screen.query_one("#import-path", Input).value == "nope.md"


async def test_an_import_error_is_scrolled_into_view_at_80x24(make_app, store) -> None:
    for number in range(3):  # a list of drafts pushes the import field low
        store.save(f"draft-{number}", example_postmortem())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.press(*"nope.md", "enter")
        await pilot.pause()
        await pilot.pause()
        error = app.screen.query_one("#import-error")
        assert "nope.md" in str(error.render())
        assert app.screen.region.contains_region(error.region), error.region


async def test_example_from_the_welcome_screen_is_saved_and_reviewed(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert store.exists("example")


def test_a_lock_is_exclusive_and_dies_with_its_process(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from wizard.lock import DraftLock;"
            f"lock = DraftLock(Path({str(draft)!r})); assert lock.acquire();"
            "print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        lock = DraftLock(draft)
        assert not lock.acquire()
        assert f"pid {child.pid}" in lock.holder()
        child.kill()
        child.wait(timeout=10)
        assert lock.acquire()
    finally:
        child.kill()
    lock.release()


@contextlib.contextmanager
def held_elsewhere(store, name: str) -> Iterator[None]:
    """The draft `name` (the example) saved and held open by another wizard's lock."""
    store.save(name, example_postmortem())
    other = DraftLock(store.path(name))
    assert other.acquire()
    try:
        yield
    finally:
        other.release()


async def test_second_wizard_is_told_and_may_open_read_only(make_app, store) -> None:
    with held_elsewhere(store, "shared"):
        app = make_app(session_for(store, "resume", None, "shared"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            assert "is open in another pmwizard" in app.screen.question
            await pilot.press("shift+tab", "enter")  # "Open read-only"
            await pilot.pause()
            assert app.session is not None and app.session.read_only
            assert "read-only" in app.sub_title
            before = store.path("shared").read_bytes()
            app.go_to("summary")
            await pilot.pause()
            app.screen.query_one("#title", Input).value = "Changed elsewhere"
            await pilot.press("ctrl+s")
            await autosaved(pilot)
            assert store.path("shared").read_bytes() == before


@pytest.mark.parametrize("changed", [True, False])
async def test_quitting_a_changed_read_only_draft_asks_first(make_app, store, changed) -> None:
    with held_elsewhere(store, "shared"):
        app = make_app(session_for(store, "resume", None, "shared"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("shift+tab", "enter")  # "Open read-only"
            await pilot.pause()
            app.go_to("root_cause")
            await pilot.pause()
            if changed:
                await pilot.press("X", "Y")  # typed, not yet taken by the draft
            await pilot.press("ctrl+q")
            await pilot.pause()
            if not changed:
                assert app.return_code == 0  # nothing to lose: quits at once
                return
            assert isinstance(app.screen, Confirm)
            assert "read-only" in app.screen.question and "not saved" in app.screen.question
            await pilot.press("enter")  # "Go back" is focused
            await pilot.pause()
            assert not isinstance(app.screen, Confirm) and app.return_code is None
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("shift+tab", "enter")  # "Quit without them"
            await pilot.pause()
            assert app.return_code == 0


async def test_unreadable_draft_offers_its_backup_as_a_new_draft(make_app, store) -> None:
    store.save("broken", example_postmortem())
    store.save("broken", example_postmortem().revised(title="Second version"))
    store.path("broken").write_text("{ truncated", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        drafts = app.screen.query_one("#drafts", OptionList)
        drafts.focus()
        index = next(i for i, o in enumerate(drafts.options) if o.id == "broken")
        drafts.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("shift+tab", "enter")
        await until(pilot, lambda: app.session is not None, "the recovered draft to open")
        assert app.session is not None and app.session.name == "broken-recovered"
    assert store.path("broken").read_text() == "{ truncated"
    assert read_draft(store.path("broken-recovered")).title == "Checkout outage at Duka Online"


def test_resume_of_an_unreadable_draft_from_the_cli_is_one_line(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "bad.json").write_text("{", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "wizard", "resume", "bad"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PMWIZARD_HOME": str(isolated_home)},
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "bad.json is not valid JSON" in run.stderr
    assert "Traceback" not in run.stderr
