"""Keys typed ahead, as a terminal delivers a fast typist's keys (all at once, without waiting
for the app): each lands where it would have had the person waited for the screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from tests.waiting import until
from wizard.model import Postmortem
from wizard.session import Session
from wizard.ui import typeahead
from wizard.ui.screens.entry_form import EntryForm

SIZE = (110, 36)


def burst(app, *keys: str) -> None:
    """Post `keys` to the app at once, as the terminal's reader does with a burst of input:
    a single character types itself, a longer name is a key (`ctrl+n`, `tab`)."""
    for key in keys:
        for name in [key] if len(key) > 1 else key:
            character = name if len(name) == 1 else "\t" if name == "tab" else None
            app.post_message(events.Key(name, character))


def burst_text(app, text: str) -> None:
    for character in text:
        app.post_message(events.Key("space" if character == " " else character, character))


async def test_text_typed_right_after_next_goes_to_the_next_step(make_app, store) -> None:
    app = make_app(Session(store, "ahead", Postmortem(title="Outage")), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "ctrl+n")
        burst_text(app, "The pool ran dry")
        await until(pilot, lambda: app.current_step() == "root_cause", "the next step")
        area = app.screen.query_one("#root-cause", TextArea)
        await until(pilot, lambda: area.text == "The pool ran dry", "every key in the field")
        assert app.session is not None and app.session.draft.title == "Outage"


async def test_keys_after_next_never_land_in_the_field_left(make_app, store) -> None:
    app = make_app(Session(store, "left", Postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#title", Input)
        assert app.focused is title
        burst_text(app, "Outage")
        burst(app, "ctrl+n", "a")  # the next step, then a new timeline entry
        burst_text(app, "12:30")
        burst(app, "tab")
        burst_text(app, "alert fired")
        await until(pilot, lambda: isinstance(app.screen, EntryForm), "the entry form")
        form = app.screen
        words = form.query_one("#entry-text", TextArea)
        await until(pilot, lambda: words.text == "alert fired", "the entry's words")
        assert form.query_one("#entry-time", Input).value == "12:30"
        assert app.session is not None and app.session.draft.title == "Outage"


async def test_keys_typed_into_a_field_go_on_at_once(make_app, store) -> None:
    """A letter the screen binds, typed into a field, is the field's: it never waits for
    the App (the keys after it are in the field in their order)."""
    app = make_app(Session(store, "letters", Postmortem()), step="root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#root-cause", TextArea)
        area.focus()
        await pilot.pause()
        burst_text(app, "a dup key")
        await until(pilot, lambda: area.text == "a dup key", "the text typed")
        assert not app.typeahead.holding


async def test_a_key_typed_after_the_terminal_lost_its_focus_goes_on(
    make_app, store, monkeypatch
) -> None:
    """The terminal left (its focus reported lost) and typed in again without saying so:
    the key brings the focus back and types, as it does in any Textual app, never held."""
    monkeypatch.setattr(typeahead, "HOLD_LIMIT", 3600.0)
    app = make_app(Session(store, "blurred", Postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#title", Input)
        app.post_message(events.AppBlur())
        await until(pilot, lambda: app.screen.focused is None, "the focus let go")
        burst_text(app, "Down")
        await until(pilot, lambda: title.value == "Down", "the key typed")
        assert not app.typeahead.holding


async def test_enter_typed_at_once_after_a_city_picks_that_city(make_app, store) -> None:
    """Enter is the zone picker's own key, taken as it comes: it waits for the letters
    typed before it, and picks among their matches."""
    app = make_app(Session(store, "zone", Postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "ctrl+t")
        burst_text(app, "nairobi")
        app.post_message(events.Key("enter", "\r"))
        await until(pilot, lambda: app.current_step() == "summary" and not app.typeahead.holding)
        zone = app.screen.query_one("#zone", Input)
        await until(pilot, lambda: zone.value == "Africa/Nairobi", "the zone typed")
        assert app.session is not None and app.session.draft.window.zone == "Africa/Nairobi"
