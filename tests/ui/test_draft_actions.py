"""Drafts from the keyboard: rename, delete and restore on the welcome screen; save as
Markdown, HTML or JSON, import, rename and close from any step through the palette."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, OptionList

from wizard.drafts import read_draft
from wizard.example import example_postmortem
from wizard.markdown import writer
from wizard.session import Session
from wizard.ui.screens.dialogs import Choose, Confirm, TextPrompt
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.screens.welcome import WelcomeScreen

SIZE = (100, 30)


def command(app, title: str):
    """The palette command called `title` on the current screen."""
    found = [c for c in app.get_system_commands(app.screen) if c.title == title]
    assert found, [c.title for c in app.get_system_commands(app.screen)]
    return found[0].callback


async def type_in(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_welcome_renames_the_highlighted_draft(make_app, store) -> None:
    store.save("postmortem-2026-11-30", example_postmortem())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#drafts", OptionList).focus()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u")
        await type_in(pilot, "checkout outage")  # not a name: the space
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # refused at the field, text kept
        assert "is not a draft name" in str(app.screen.query_one(".field-error").render())
        await pilot.press("ctrl+u")
        await type_in(pilot, "checkout-outage")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert store.names() == ["checkout-outage"]
        assert app.screen.highlighted() == "checkout-outage"


async def test_welcome_deletes_after_asking_and_restores_from_the_trash(make_app, store) -> None:
    store.save("scratch", example_postmortem())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#drafts", OptionList).focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")  # Cancel is focused first
        await pilot.pause()
        assert store.names() == ["scratch"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # Delete
        await pilot.pause()
        assert store.names() == [] and store.trashed_names() == ["scratch"]
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("enter")
        await pilot.pause()
        assert store.names() == ["scratch"] and store.trashed_names() == []
        assert read_draft(store.path("scratch")) == example_postmortem()


async def test_the_palette_saves_markdown_html_and_json(make_app, store, tmp_path: Path) -> None:
    app = make_app(Session(store, "out", example_postmortem()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for title, name in (
            ("Save Markdown…", "checkout-outage-at-duka-online.md"),
            ("Export HTML…", "checkout-outage-at-duka-online.html"),
            ("Export JSON…", "checkout-outage-at-duka-online.json"),
        ):
            command(app, title)()
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            assert app.screen.query_one(Input).value == f"./{name}"
            await pilot.press("enter")
            await pilot.pause()
            assert (tmp_path / name).is_file()
    assert (tmp_path / "checkout-outage-at-duka-online.md").read_text(
        encoding="utf-8"
    ) == writer.to_markdown(example_postmortem())
    assert "<h1>Checkout outage at Duka Online</h1>" in (
        tmp_path / "checkout-outage-at-duka-online.html"
    ).read_text(encoding="utf-8")
    data = json.loads((tmp_path / "checkout-outage-at-duka-online.json").read_text("utf-8"))
    assert data["schema"] == 3 and data["title"] == "Checkout outage at Duka Online"


async def test_the_palette_renames_the_open_draft(make_app, store) -> None:
    app = make_app(Session(store, "old-name", example_postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.session.save(force=True)
        command(app, "Rename draft…")()
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_in(pilot, "new-name")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.name == "new-name"
        assert store.names() == ["new-name"]
        assert "new-name" in app.sub_title
        app.session.edit("title", "Still saving")
        assert app.save_now()
    assert read_draft(store.path("new-name")).title == "Still saving"


async def test_importing_from_a_draft_saves_it_and_opens_the_import(
    make_app, store, tmp_path: Path
) -> None:
    (tmp_path / "old.md").write_text(
        "# Login outage\n\n## Issue Summary\nLogins failed for 40% of users.\n", encoding="utf-8"
    )
    app = make_app(Session(store, "first", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.session.edit("title", "First, edited")
        command(app, "Import a file…")()
        await pilot.pause()
        await type_in(pilot, "old.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and app.session.draft.title == "Login outage"
        assert isinstance(app.screen, SummaryScreen)
    assert read_draft(store.path("first")).title == "First, edited"
    assert sorted(store.names()) == ["first", "login-outage"]


async def test_close_draft_goes_back_to_the_list(make_app, store) -> None:
    app = make_app(Session(store, "closing", example_postmortem()), step="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.session.save(force=True)
        command(app, "Close draft")()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is None
        assert isinstance(app.screen, WelcomeScreen)
        assert [d.name for d in app.screen.drafts] == ["closing"]
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # the classic template, first in the choice
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_the_welcome_palette_names_what_each_command_will_do(make_app, store) -> None:
    store.save("one", example_postmortem())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {
            "New postmortem",
            "Import a file…",
            "Rename draft…",
            "Delete draft…",
            "Restore a deleted draft…",
            "Switch to day-first dates",
            "Switch to 24-hour times",
            "Theme",
        } <= titles
        command(app, "Switch to day-first dates")()
        await pilot.pause()
        assert app.settings.dayfirst
        assert "Switch to month-first dates" in {
            c.title for c in app.get_system_commands(app.screen)
        }


async def test_the_theme_is_remembered(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
