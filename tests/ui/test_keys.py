"""Keys the author changes in keys.toml: in force in the app, named by the footer and the
help; what is wrong in the file said once at start; the step keys' tmux-friendly seconds."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from ui_helpers import example_app, notices

from wizard.keymap import KEYS_FILE
from wizard.ui.keys import every_binding
from wizard.ui.screens.help import HelpScreen
from wizard.ui.widgets.footer import KeyFooter

SIZE = (110, 36)


def footer_keys(app) -> dict[str, str]:
    """Description -> key as the footer shows it."""
    return {k.description: k.key_display for k in app.screen.query(FooterKey)}


def help_text(app) -> str:
    console = Console(width=200, record=True)
    for static in app.screen.query(".help-table").results(Static):
        console.print(static.content)
    return console.export_text()


def write_keys(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / KEYS_FILE).write_text(text, encoding="utf-8")


async def test_keys_from_the_file_work_and_the_footer_and_help_show_them(
    make_app, store, isolated_home: Path
) -> None:
    write_keys(isolated_home, '"app.next" = "f2"\n[app]\nsave = ["f3"]\n')
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert notices(app) == []
        assert footer_keys(app)["Next"] == "f2"
        assert footer_keys(app)["Save"] == "f3"
        await pilot.press("ctrl+n")  # the default key is replaced
        await pilot.pause()
        assert app.current_step() == "summary"
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_step() == "timeline"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "f2" in text.split("Go to the next section")[0].splitlines()[-1]
        assert "^n" not in text.split("Go to the next section")[0].splitlines()[-1]


async def test_a_screen_key_moves_too(make_app, store, isolated_home: Path) -> None:
    write_keys(isolated_home, 'timeline.add = "insert"\n')
    app = example_app(make_app, store, "timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("DataTable").focus()
        await pilot.press("insert")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryForm"


async def test_an_unknown_id_or_a_bad_key_is_said_once_and_ignored(
    make_app, store, isolated_home: Path
) -> None:
    write_keys(isolated_home, 'app.nxt = "f2"\napp.help = "ctrl+"\napp.save = "f3"\n')
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (line,) = notices(app)
        assert "\n" not in line
        assert "no binding 'app.nxt' (did you mean 'app.next'?)" in line
        assert "'ctrl+' for 'app.help'" in line
        assert footer_keys(app)["Save"] == "f3"
        assert footer_keys(app)["Help"] == "f1"  # its entry was ignored: the default holds
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_step_keys_have_a_second_key_that_tmux_leaves_alone(make_app, store) -> None:
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.current_step() == "timeline"
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.current_step() == "summary"
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        assert "^b / alt+←" in text and "^n / alt+→" in text


async def test_the_palette_key_moves_with_the_footer(make_app, store, isolated_home) -> None:
    write_keys(isolated_home, 'app.palette = "f9"\n')
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_keys(app)["palette"] == "f9"
        await pilot.press("f9")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    found = every_binding()
    assert {"app.next", "app.previous", "app.editor", "app.copy_document", "app.palette"} <= set(
        found
    )
    for binding_id, binding in found.items():
        assert binding.description and binding.tooltip, binding_id


async def test_the_first_screen_has_its_keys_from_its_first_frame(make_app, monkeypatch) -> None:
    rebuilt: list[str] = []
    recompose = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        rebuilt.append(type(self.screen).__name__)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert list(footer_keys(app)) == ["New", "Import", "Example", "Quit", "Help", "palette"]
        assert rebuilt == []  # built with its keys: nothing to rebuild once the focus settles
        await pilot.press("tab")  # the focus moves; the keys stay as they are
        await pilot.pause()
        assert rebuilt == []
