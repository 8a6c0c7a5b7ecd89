"""Keys the author changes in keys.toml: in force in the app, named by the footer and the
help; what is wrong in the file said once at start; the step keys' tmux-friendly seconds."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from cli_run import child_env
from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from ui_helpers import example_app, notices

from wizard.example import example_postmortem
from wizard.keymap import BINDING_IDS, KEYS_FILE, typing_problem
from wizard.ui.screens.help import HelpScreen
from wizard.ui.widgets.footer import KeyFooter

SIZE = (110, 36)


def every_binding() -> dict[str, Binding]:
    """Every binding of the wizard that has an id (each screen and widget), by id: every
    screen and widget module loaded to find them."""
    for package in ("wizard.ui.screens", "wizard.ui.widgets"):
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            importlib.import_module(f"{package}.{info.name}")
    importlib.import_module("wizard.ui.app")  # its bindings are found as a DOMNode's
    found: dict[str, Binding] = {}
    for cls in subclasses(DOMNode):
        if cls.__module__.startswith("wizard."):
            for binding in cls.BINDINGS:
                if isinstance(binding, Binding) and binding.id:
                    found.setdefault(binding.id, binding)
    return found


def subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


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


def test_the_ids_keys_toml_is_checked_against_are_those_of_the_bindings() -> None:
    assert set(every_binding()) == BINDING_IDS


async def test_a_key_of_a_step_not_yet_built_is_in_force_once_shown(
    make_app, store, isolated_home: Path
) -> None:
    write_keys(isolated_home, 'timeline.add = "insert"\n')
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert notices(app) == []
        app.go_to("timeline")
        await pilot.pause()
        app.screen.query_one("DataTable").focus()
        await pilot.pause()
        assert footer_keys(app)["Add"] == "insert"
        await pilot.press("a")  # the default key is replaced
        await pilot.pause()
        assert type(app.screen).__name__ == "TimelineScreen"
        await pilot.press("insert")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryForm"


STARTED = """
import asyncio, sys
from pathlib import Path
from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp

async def main() -> None:
    store = DraftStore(Path(sys.argv[1]))
    app = WizardApp(store, Session(store, "draft", store.load("draft")), step="summary")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_step() == "summary"
        print(repr(app.keys_in_force), [str(n.message) for n in app._notifications])
    print(" ".join(sorted(m for m in sys.modules if m.startswith("wizard.ui.screens."))))

asyncio.run(main())
"""


def started(home: Path) -> tuple[str, set[str]]:
    """What the wizard, started at the summary in a fresh process, says of the keys, and
    the screen modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", STARTED, str(home)],
        capture_output=True,
        text=True,
        env=child_env(home),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    said, modules = done.stdout.splitlines()[-2:]
    return said, set(modules.split())


def test_a_keys_file_loads_no_screen_that_is_not_shown(store, isolated_home: Path) -> None:
    store.save("draft", example_postmortem())
    said, plain = started(isolated_home)
    assert said == "{} []"
    write_keys(isolated_home, 'timeline.add = "insert"\napp.nxt = "f2"\n')
    said, with_keys = started(isolated_home)
    assert "'timeline.add': 'insert'" in said
    assert "no binding 'app.nxt' (did you mean 'app.next'?)" in said
    assert with_keys == plain
    steps_not_shown = {"timeline", "root_cause", "measures", "review", "welcome", "help"}
    assert not {f"wizard.ui.screens.{name}" for name in steps_not_shown} & with_keys


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


def test_no_default_key_is_one_a_keys_file_could_not_give() -> None:
    # The rule keys.toml is held to (a key that types cannot work where fields are typed in)
    # holds for the defaults too.
    for binding_id, binding in every_binding().items():
        for key in binding.key.split(","):
            assert typing_problem(binding_id, key.strip()) is None, (binding_id, key)
