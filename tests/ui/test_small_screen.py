"""An 80x24 terminal: every dialog keeps its buttons on the screen, Tab never leaves what
can be seen, the focus is plainly marked in every theme, and the long screens scroll."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.color import Color
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input

from wizard.example import example_postmortem
from wizard.session import Session
from wizard.ui.screens.dialogs import Confirm, TextPrompt
from wizard.ui.screens.entry_form import EntryForm
from wizard.ui.screens.help import HelpScreen
from wizard.ui.screens.paste_form import PasteForm
from wizard.ui.widgets.zone_picker import ZonePickerModal

SMALL = (80, 24)


def visible_height(widget: Widget) -> int:
    """How many of the widget's lines show on the screen (inside every scrolling parent)."""
    return widget.screen.find_widget(widget).visible_region.height


def on_screen(widget: Widget) -> bool:
    """The widget shows whole, or at least three of its lines when it is taller."""
    return visible_height(widget) >= min(widget.region.height, 3) > 0


async def open_entry(pilot: Pilot[int]) -> None:
    await pilot.press("enter")


async def open_paste(pilot: Pilot[int]) -> None:
    await pilot.press("p")


async def open_help(pilot: Pilot[int]) -> None:
    await pilot.press("f1")


async def open_zone_picker(pilot: Pilot[int]) -> None:
    await pilot.press("ctrl+t")


async def open_save_path(pilot: Pilot[int]) -> None:
    pilot.app.go_to("review")
    await pilot.pause()
    await pilot.press("enter")


async def open_quit_question(pilot: Pilot[int]) -> None:
    pilot.app.screen.query_one("#percent", Input).value = "250"
    await pilot.pause()
    await pilot.press("ctrl+q")


Opener = Callable[[Pilot[int]], Awaitable[None]]
DIALOGS: list[tuple[str, str, Opener, type]] = [
    ("entry", "timeline", open_entry, EntryForm),
    ("paste", "timeline", open_paste, PasteForm),
    ("help", "summary", open_help, HelpScreen),
    ("zone picker", "summary", open_zone_picker, ZonePickerModal),
    ("save path", "summary", open_save_path, TextPrompt),
    ("confirmation", "summary", open_quit_question, Confirm),
]


@pytest.mark.parametrize(
    ("step", "opener", "dialog"),
    [pytest.param(step, opener, dialog, id=name) for name, step, opener, dialog in DIALOGS],
)
async def test_every_dialog_fits_at_80x24_and_tab_stays_on_what_shows(
    make_app, store, step: str, opener: Opener, dialog: type
) -> None:
    app = make_app(Session(store, "small", example_postmortem()), step=step)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await opener(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, dialog)
        for button in screen.query(Button):
            assert on_screen(button), button
        for _ in range(8):
            assert app.focused is not None and on_screen(app.focused), app.focused
            await pilot.press("tab")
            await pilot.pause()


@pytest.mark.parametrize("step", ["summary", "timeline", "root_cause", "measures", "review"])
async def test_tab_never_goes_off_the_visible_screen(make_app, store, step: str) -> None:
    app = make_app(Session(store, "tabs", example_postmortem()), step=step)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        first = app.focused
        seen = []
        for _ in range(60):  # once round every control, back to the first
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None and on_screen(focused), focused
            if focused is first:
                break
            seen.append(focused)
        assert app.focused is first, "tab never came back round to the first control"
        assert len(seen) > 1


async def test_review_scrolls_with_page_and_arrow_keys_whatever_has_focus(make_app, store) -> None:
    app = make_app(Session(store, "review", example_postmortem()), step="review")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        document = app.screen.query_one("#form", VerticalScroll)
        assert app.focused is app.screen.query_one("#save-markdown", Button)
        await pilot.press("down", "down")
        await pilot.pause()
        assert document.scroll_y == 2
        app.screen.query_one("#rubric").focus()  # a list in the sidebar
        await pilot.press("pagedown")
        await pilot.pause()
        assert document.scroll_y > 2
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert document.scroll_y == document.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert document.scroll_y < document.max_scroll_y


async def test_help_scrolls_with_the_arrows_and_wraps_its_text(make_app, store) -> None:
    app = make_app(Session(store, "help", example_postmortem()), step="summary")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", VerticalScroll)
        assert app.focused is keys
        assert keys.max_scroll_x == 0  # long descriptions wrap
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert keys.scroll_y == 3
        await pilot.press("end")
        await pilot.pause()
        assert keys.scroll_y == keys.max_scroll_y and keys.scroll_x == 0
        groups = [name for name, _ in app.screen.groups]
        for expected in ("Welcome screen", "Other dialogs", "Editing a text box"):
            assert expected in groups
        editing = {b.description for _, bindings in app.screen.groups for b in bindings}
        assert {"Select all the text", "Undo the last change"} <= editing
        assert {"Select the word to the left"} <= editing
        text = " ".join(str(s.render()) for s in app.screen.query(".help-text"))
        assert "pmwizard resume" in text


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            value_ = value / 255
            return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.slow
async def test_the_focused_control_is_plainly_marked_in_every_theme(make_app, store) -> None:
    app = make_app(Session(store, "themes", example_postmortem()), step="measures")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        themes = [name for name in app.available_themes if not name.startswith("ansi")]
        assert len(themes) > 10
        table = app.screen.query_one("#tasks DataTable")
        field = app.screen.query_one("#tasks .col-owner", Input)
        # The styles are what is asserted: no frame needs painting between two themes.
        with app.batch_update():
            for theme in themes:
                app.theme = theme
                for focused, other in ((field, table), (table, field)):
                    focused.focus()
                    await pilot.pause()
                    background = Color.parse(app.theme_variables["background"])
                    marked = focused.styles.border_top[1]
                    quiet = other.styles.border_top[1]
                    assert focused.styles.border_top[0] == "thick", theme
                    assert contrast(marked, background) >= 3, (theme, focused)
                    assert marked != quiet, (theme, focused)
