"""Pictures of every screen and dialog: `python -m wizard.ui.screenshots [FOLDER]`.

Drives the app headless on the example draft (in a throwaway draft folder) and writes one
SVG per screen, so the README and reviews always show the app as it is.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import tempfile
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from wizard.drafts import DraftStore
from wizard.example import EXAMPLES, example_postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp

SIZE = (110, 34)
SMALL = (80, 24)
"""The smallest terminal pmwizard is laid out for: every dialog is pictured at this size too."""
Steps = Callable[[Pilot[int]], Awaitable[None]]


@dataclass(frozen=True)
class Shot:
    """One picture: a file name, where the app starts, what to do before the picture, and the
    terminal's size."""

    name: str
    step: str | None
    steps: Steps | None = None
    with_draft: bool = True
    size: tuple[int, int] = SIZE
    guessed: tuple[int, ...] = ()  # timeline entries whose kinds are shown as guesses
    template: str = "classic"  # the example of this template is the draft


async def _press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause(0.3)


async def _zone_picker(pilot: Pilot[int]) -> None:
    await _press(pilot, "ctrl+t")
    await _press(pilot, *"nairobi")


async def _entry_form(pilot: Pilot[int]) -> None:
    await _press(pilot, "enter")


async def _validation_error(pilot: Pilot[int]) -> None:
    screen = pilot.app.screen
    screen.query_one("#end", Input).value = "2023-01-17 12:15"
    screen.query_one("#percent", Input).value = "250"
    screen.query_one("#end", Input).focus()
    await pilot.pause(0.3)
    screen.query_one("#form").scroll_to(y=6, animate=False)
    await pilot.pause(0.3)


async def _help(pilot: Pilot[int]) -> None:
    await _press(pilot, "f1")


async def _paste(pilot: Pilot[int]) -> None:
    await _press(pilot, "p")


async def _save_path(pilot: Pilot[int]) -> None:
    await _press(pilot, "enter")


async def _delete_draft(pilot: Pilot[int]) -> None:
    await _press(pilot, "d")


async def _new(pilot: Pilot[int]) -> None:
    await _press(pilot, "n")


async def _quit_with_a_refused_value(pilot: Pilot[int]) -> None:
    pilot.app.screen.query_one("#percent", Input).value = "250"
    await pilot.pause(0.3)
    await _press(pilot, "ctrl+q")


SHOTS = (
    Shot("welcome", None, with_draft=False),
    Shot("summary", "summary"),
    Shot("timeline", "timeline"),
    Shot("root-cause", "root_cause"),
    Shot("measures", "measures"),
    Shot("review", "review"),
    Shot("zone-picker", "summary", _zone_picker),
    Shot("timeline-entry", "timeline", _entry_form),
    Shot("validation-error", "summary", _validation_error),
    Shot("help", "summary", _help),
    Shot("entry-80x24", "timeline", _entry_form, size=SMALL),
    Shot("paste-80x24", "timeline", _paste, size=SMALL),
    Shot("help-80x24", "summary", _help, size=SMALL),
    Shot("confirm-delete-80x24", None, _delete_draft, with_draft=False, size=SMALL),
    Shot("confirm-quit-80x24", "summary", _quit_with_a_refused_value, size=SMALL),
    Shot("zone-picker-80x24", "summary", _zone_picker, size=SMALL),
    Shot("save-path-80x24", "review", _save_path, size=SMALL),
    Shot("summary-80x24", "summary", size=SMALL),
    Shot("timeline-80x24", "timeline", size=SMALL),
    Shot("timeline-guessed-80x24", "timeline", size=SMALL, guessed=(0, 1, 2, 3)),
    Shot("measures-80x24", "measures", size=SMALL),
    Shot("new-template", None, _new, with_draft=False),
    Shot("new-template-80x24", None, _new, with_draft=False, size=SMALL),
    Shot("sre-summary", "summary", template="sre"),
    Shot("sre-action-items", "action_items", template="sre"),
    Shot("sre-lessons", "lessons", template="sre"),
    Shot("sre-review", "review", template="sre"),
    Shot("sre-summary-80x24", "summary", size=SMALL, template="sre"),
    Shot("sre-action-items-80x24", "action_items", size=SMALL, template="sre"),
    Shot("sre-lessons-80x24", "lessons", size=SMALL, template="sre"),
)


FIXED_TIME = datetime(2023, 1, 18, 9, 0).timestamp()


def build_app(shot: Shot, home: Path, autosave_delay: float = 60.0) -> WizardApp:
    """The app as the picture needs it, around a draft folder under `home`."""
    store = DraftStore(home / shot.name)
    session = None
    if shot.with_draft:
        example = EXAMPLES[shot.template]()
        entries = [e.revised(guessed=i in shot.guessed) for i, e in enumerate(example.timeline)]
        session = Session(store, "checkout-outage", example.revised(timeline=entries))
    else:
        path = store.save("checkout-outage", example_postmortem())
        os.utime(path, (FIXED_TIME, FIXED_TIME))
    return WizardApp(store, session, step=shot.step, start_dir=home, autosave_delay=autosave_delay)


async def prepare(pilot: Pilot[int], shot: Shot) -> None:
    """Let the first screen settle, then do what the picture needs."""
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()  # the drafts list has its details
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    if shot.steps is not None:
        await shot.steps(pilot)
    await pilot.wait_for_scheduled_animations()
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause(0.2)


async def take(shot: Shot, folder: Path, home: Path) -> Path:
    """Run the app for one picture and save it as `folder/NAME.svg`."""
    app = build_app(shot, home)
    async with app.run_test(size=shot.size) as pilot:
        await prepare(pilot, shot)
        path = folder / f"{shot.name}.svg"
        path.write_text(steady_ids(app.export_screenshot()), encoding="utf-8")
    return path


_SVG_ID = re.compile(r"terminal-\d+")


def steady_ids(svg: str) -> str:
    """`svg` with its class prefix taken from what it shows: the one Rich picks hashes the
    styles too, and a link's style gets a new id on every run, so a picture that did not
    change would be written anew."""
    shown = _SVG_ID.sub("terminal", svg)
    return _SVG_ID.sub(f"terminal-{zlib.crc32(shown.encode('utf-8'))}", svg)


async def take_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        return [await take(shot, folder, Path(home)) for shot in SHOTS]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("screenshots")
    os.environ.setdefault("TZ", "Africa/Nairobi")
    for path in asyncio.run(take_all(folder)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
