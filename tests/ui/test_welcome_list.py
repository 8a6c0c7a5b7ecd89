"""The welcome screen's drafts list: names at once, titles, words and points from a worker."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

import wizard.summaries
from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.model import Postmortem
from wizard.summaries import INDEX
from wizard.ui.screens.welcome import WelcomeScreen

SIZE = (110, 36)


def lines(pilot: Pilot[int]) -> list[str]:
    options = pilot.app.screen.query_one("#drafts", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def details_read(pilot: Pilot[int]) -> None:
    """Wait for the worker until every draft on the welcome screen has its details."""
    screen = pilot.app.screen
    assert isinstance(screen, WelcomeScreen)
    for _ in range(100):
        if all(info.summary is not None for info in screen.drafts):
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError("the drafts' details never came")


async def test_names_come_at_once_and_details_follow(
    make_app, store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("checkout", example_postmortem())
    store.save("login", Postmortem(title="Login outage"))
    go_on = threading.Event()
    summarize = wizard.summaries.summarize

    def held(path: Path):  # type: ignore[no-untyped-def]
        go_on.wait(timeout=30)
        return summarize(path)

    monkeypatch.setattr(wizard.summaries, "summarize", held)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = lines(pilot)
        assert [line.split(" · ")[0] for line in shown] == ["login", "checkout"]
        assert all(line.endswith(" · …") for line in shown)
        go_on.set()
        await details_read(pilot)
        shown = lines(pilot)
        assert shown[0].startswith("Login outage · ") and shown[0].endswith(" · login")
        assert "17/17 points" in shown[1] and shown[1].startswith(example_postmortem().title)
        await pilot.press("tab", "tab", "enter")  # the list, then open its highlighted draft
        await pilot.pause()
        assert app.session is not None and app.session.draft.title == "Login outage"


async def test_drafts_the_index_knows_come_whole_at_once(
    make_app, store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("checkout", example_postmortem())
    store.save("login", Postmortem(title="Login outage"))
    store.info()  # the index now holds both
    followed: list[list[str]] = []
    monkeypatch.setattr(
        WelcomeScreen, "read_details", lambda _, drafts: followed.append([d.name for d in drafts])
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = lines(pilot)
        assert shown[0].startswith("Login outage · ") and shown[0].endswith(" · login")
        assert "17/17 points" in shown[1] and shown[1].startswith(example_postmortem().title)
        assert followed == []  # no draft left to read
        store.save("login", Postmortem(title="Login outage, again"))
        app.screen.show_drafts()  # type: ignore[attr-defined]
        await pilot.pause()
        assert lines(pilot)[0].startswith("login · ")  # changed since: read again
        assert followed == [["login", "checkout"]]


async def test_a_stale_index_is_never_shown(make_app, store: DraftStore) -> None:
    store.save("draft", Postmortem(title="Old title"))
    store.info()  # the index now holds "Old title"
    store.load("draft")
    store.save("draft", Postmortem(title="New title"))
    assert "Old title" in (store.root / INDEX).read_text(encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any("Old title" in line for line in lines(pilot))
        await details_read(pilot)
        assert lines(pilot)[0].startswith("New title · ")
    index = json.loads((store.root / INDEX).read_text(encoding="utf-8"))
    assert index["drafts"]["draft.json"]["title"] == "New title"


async def test_a_corrupt_index_is_rebuilt(make_app, store: DraftStore) -> None:
    store.save("draft", Postmortem(title="Kept"))
    (store.root / INDEX).write_text('{"version": ', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await details_read(pilot)
        assert lines(pilot)[0].startswith("Kept · ")
    index = json.loads((store.root / INDEX).read_text(encoding="utf-8"))
    assert index["drafts"]["draft.json"]["title"] == "Kept"


async def test_an_unreadable_draft_says_why_once_read(make_app, store: DraftStore) -> None:
    store.root.mkdir(parents=True)
    (store.root / "broken.json").write_text("nope{", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await details_read(pilot)
        assert lines(pilot)[0].startswith("broken · unreadable: ")
        assert "is not valid JSON" in lines(pilot)[0]


async def test_the_intro_names_no_one_template_s_sections(make_app) -> None:
    """Each new postmortem picks its template: the intro lists the sections of none."""
    from textual.widgets import Static

    from wizard.templates import BUILTIN, builtin

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        intro = str(app.screen.query_one(".screen-intro", Static).render())
        assert "template" in intro
        for name in BUILTIN:
            for section in builtin(name).sections:
                if section.id != "timeline":  # every template has one: a word, not a name
                    assert section.heading not in intro, (name, section.heading)
