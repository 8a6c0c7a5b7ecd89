"""The footer at 80 columns: on every step of each built-in template, the welcome screen and
at every focus stop, each key drawn shows whole, the palette's key shows whole, the step keys
and Help are there, and a key left out for room is one the help lists."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from wizard.example import EXAMPLES
from wizard.session import Session
from wizard.templates import builtin
from wizard.ui.screens.help import help_groups
from wizard.ui.steps import steps
from wizard.ui.widgets.footer import KeyFooter, Shown, fitted, key_width

SMALL = (80, 24)


def check_footer(app, needed: set[str]) -> None:
    """The footer of the screen shown: nothing cut or hidden, `needed` shown, the rest helped."""
    footer = app.screen.query_one(KeyFooter)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    others = [key for key in keys if key not in palette]
    where = f"{type(app.screen).__name__}, focus on {app.focused!r}"
    assert [key.description for key in palette] == ["palette"], where
    (palette_key,) = palette
    assert footer.region.contains_region(palette_key.region), where
    for key in others:  # whole, and left of the palette's key
        assert footer.region.contains_region(key.region), f"{key.description} cut: {where}"
        assert key.region.right <= palette_key.region.x, f"{key.description} covered: {where}"
    shown = {key.description for key in others}
    assert needed <= shown, f"{needed - shown} missing: {where}"
    helped = {b.id for _where, bindings in help_groups(app) for b in bindings}
    for _node, binding, _enabled, _tip in app.screen.active_bindings.values():
        if binding.show and binding.description not in shown:
            assert binding.id in helped, f"{binding.description} nowhere to be found: {where}"


async def every_focus_stop(pilot, needed: set[str]) -> int:
    """Check the footer at each focus stop of the screen (Tab until it comes round)."""
    app = pilot.app
    seen: list[object] = []
    while app.focused not in seen and len(seen) < 20:
        seen.append(app.focused)
        check_footer(app, needed)
        await pilot.press("tab")
        await pilot.pause()
    return len(seen)


@pytest.mark.parametrize("template", ["classic", "sre"])
async def test_every_step_keeps_its_keys_and_the_palette_whole_at_80(
    make_app, store, template: str
) -> None:
    found = steps(builtin(template))
    app = make_app(Session(store, "draft", EXAMPLES[template]()), step=found[0])
    async with app.run_test(size=SMALL) as pilot:
        for step in found:
            app.go_to(step)
            await pilot.pause()
            needed = {"Help"} | ({"Back"} if step != found[0] else set())
            needed |= {"Next"} if step != found[-1] else set()
            assert await every_focus_stop(pilot, needed) > 1, step


async def test_the_welcome_screen_keeps_its_keys_and_the_palette_whole_at_80(make_app, store):
    store.save("draft", EXAMPLES["sre"]())
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert await every_focus_stop(pilot, {"Help", "Quit"}) > 1


async def test_the_footer_keys_come_back_when_the_terminal_widens(make_app, store) -> None:
    app = make_app(Session(store, "draft", EXAMPLES["sre"]()), step="action_items")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.query_one("ItemTable").focus()
        await pilot.pause()
        narrow = {key.description for key in app.screen.query(FooterKey)}
        assert "Save" not in narrow and {"Next", "Back", "Help", "palette"} <= narrow
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        await pilot.pause()
        wide = {key.description for key in app.screen.query(FooterKey)}
        assert {"Save", "Move down", "Quit"} <= wide
        check_footer(app, wide - {"palette"})


def test_a_footer_that_fits_shows_every_key_in_its_order() -> None:
    keys: Shown = tuple(
        (name, name, description, True, "", key_id)
        for name, description, key_id in [
            ("a", "Add", "list.add"),
            ("f9", "Move down", "list.down"),
            ("^n", "Next", "app.next"),
            ("f1", "Help", "app.help"),
        ]
    )
    assert fitted(keys, 80, compact=True) == keys
    # 7 cells for the first key, then Next and Help (the steady keys) come first.
    assert [key[2] for key in fitted(keys, 7 + 8 + 8, compact=True)] == ["Add", "Next", "Help"]
    assert [key[2] for key in fitted(keys, 16, compact=True)] == ["Next", "Help"]


def _keys(*rows: tuple[str, str, str, bool]) -> Shown:
    return tuple((name, name, what, enabled, "", key_id) for name, what, key_id, enabled in rows)


def test_a_narrow_footer_keeps_move_up_and_move_down_together() -> None:
    keys = _keys(
        ("e", "Edit", "list.edit", True),
        ("^u", "Move up", "list.up", True),
        ("^d", "Move down", "list.down", True),
        ("^n", "Next", "app.next", True),
        ("^s", "Save", "app.save", True),
        ("f1", "Help", "app.help", True),
    )
    widths = {key[2]: key_width(key, True) for key in keys}
    room = widths["Next"] + widths["Help"] + widths["Edit"] + widths["Move up"] + widths["Save"]
    # Move up alone would fit, Move down too is wider: both are left out, and Save, later
    # in the footer but narrow enough, takes the room.
    shown = [key[2] for key in fitted(keys, room, compact=True)]
    assert shown == ["Edit", "Next", "Save", "Help"]
    room += widths["Move down"] - widths["Save"]
    both = [key[2] for key in fitted(keys, room, compact=True)]
    assert both == ["Edit", "Move up", "Move down", "Next", "Help"]


@pytest.mark.parametrize("enabled", [True, False])
def test_a_narrow_footer_keeps_keep_kinds_while_there_are_guesses(enabled: bool) -> None:
    keys = _keys(
        ("a", "Add", "timeline.add", True),
        ("p", "Paste", "timeline.paste", True),
        ("k", "Keep kinds", "timeline.accept_kinds", enabled),
        ("^n", "Next", "app.next", True),
        ("f1", "Help", "app.help", True),
    )
    widths = {key[2]: key_width(key, True) for key in keys}
    room = widths["Next"] + widths["Help"] + widths["Keep kinds"] + widths["Add"]
    shown = [key[2] for key in fitted(keys, room, compact=True)]
    if enabled:  # kept before the keys ahead of it in the footer
        assert shown == ["Add", "Keep kinds", "Next", "Help"]
    else:  # greyed out, it waits its turn: Add and Paste fit in its room
        assert shown == ["Add", "Paste", "Next", "Help"]


async def test_a_list_step_at_80_shows_both_move_keys_or_neither(make_app, store) -> None:
    app = make_app(Session(store, "draft", EXAMPLES["sre"]()), step="action_items")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.query_one("ItemTable").focus()
        await pilot.pause()
        shown = {key.description for key in app.screen.query(FooterKey)}
        assert {"Next", "Back", "Help"} <= shown
        assert ("Move up" in shown) == ("Move down" in shown), shown


@pytest.mark.parametrize(
    ("template", "lists"),
    [
        ("classic", "Improvements, Tasks"),
        ("sre", "Action Items, What went well, What went wrong, Where we got lucky"),
    ],
)
async def test_the_help_names_the_lists_as_the_draft_s_template_does(
    make_app, store, template: str, lists: str
) -> None:
    app = make_app(Session(store, "draft", EXAMPLES[template]()))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = [title for title, _bindings in help_groups(app)]
        assert f"On a list ({lists})" in titles
