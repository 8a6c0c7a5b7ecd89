"""Time zones and date-times on the Issue Summary: picker, palette, DST, day/month order."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Button, Input

from wizard.example import example_postmortem
from wizard.model import Postmortem, Window
from wizard.session import Session
from wizard.settings import load_recent
from wizard.ui.screens.dialogs import Choose
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.zone_picker import ZonePickerModal

SIZE = (110, 36)


def error_at(screen, widget_id: str) -> str:
    widget = screen.query_one(f"#{widget_id}")
    return next(a for a in widget.ancestors_with_self if isinstance(a, Field)).error


def incident(zone: str = "UTC") -> Postmortem:
    return Postmortem(window=Window(start=datetime(2023, 1, 17, 12, 30), zone=zone))


async def test_pick_zone_with_the_keyboard_from_the_summary(make_app, store) -> None:
    app = make_app(Session(store, "z1", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ZonePickerModal)
        await pilot.press(*"nairobi")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#zone", Input).value == "Africa/Nairobi"
        assert app.session.draft.window.zone == "Africa/Nairobi"
        assert load_recent(store.root)[0] == "Africa/Nairobi"


async def test_pick_zone_with_the_button_by_abbreviation(make_app, store) -> None:
    app = make_app(Session(store, "z2", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#pick-zone", Button).press()
        await pilot.pause()
        await pilot.press("P", "S", "T", "enter")
        await pilot.pause()
        assert app.session.draft.window.zone == "America/Los_Angeles"


async def test_pick_zone_through_the_palette_from_another_step(make_app, store) -> None:
    app = make_app(Session(store, "z3", incident()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Time zone")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ZonePickerModal)
        await pilot.press(*"+05:30", "enter")
        await pilot.pause()
        assert app.session.draft.window.start_at.utcoffset() == timedelta(hours=5, minutes=30)
        assert app.screen.id == "step-timeline"


async def test_escape_leaves_the_zone_unchanged(make_app, store) -> None:
    app = make_app(Session(store, "z4", incident("Europe/Berlin")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"tokyo", "escape")
        await pilot.pause()
        assert app.session.draft.window.zone == "Europe/Berlin"
        assert app.screen.query_one("#zone", Input).value == "Europe/Berlin"


async def test_spring_forward_gap_is_refused_at_the_field(make_app, store) -> None:
    app = make_app(Session(store, "gap", incident("America/Los_Angeles")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#start", Input).value = "2023-03-12 02:30"
        await pilot.pause()
        message = error_at(app.screen, "start")
        assert "02:30 does not exist" in message and "02:00 to 03:00" in message
        assert app.screen.query_one("#start", Input).value == "2023-03-12 02:30"


async def test_fall_back_hour_asks_which(make_app, store) -> None:
    app = make_app(Session(store, "fold", incident("America/Los_Angeles")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen.query_one("#start", Input)
        start.focus()
        start.value = "2023-11-05 01:30"
        end = app.screen.query_one("#end", Input)
        end.value = "2023-11-05 01:45"
        await pilot.pause()
        await pilot.press("enter")  # leaving the start field asks
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("enter")  # the first 1:30 AM (PDT)
        await pilot.pause()
        window = app.session.draft.window
        assert (window.start_fold, window.minutes) == (0, 15)
        assert "PDT" in str(app.screen.query_one("#duration").render())


async def test_day_first_order_is_chosen_once_and_shown(make_app, store) -> None:
    app = make_app(Session(store, "order", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = app.screen.query_one("#date-order", Button)
        assert "01/02/2023 is January 2" in str(order.label)
        app.screen.query_one("#start", Input).value = "05/06/2023 12:30"
        await pilot.pause()
        assert app.session.draft.window.start == datetime(2023, 5, 6, 12, 30)
        order.press()
        await pilot.pause()
        assert "01/02/2023 is 1 February" in str(order.label)
        assert app.session.draft.window.start == datetime(2023, 6, 5, 12, 30)
        assert error_at(app.screen, "start") == ""
    later = make_app(Session(store, "order2", incident()), step="summary")
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 February" in str(later.screen.query_one("#date-order", Button).label)


async def test_end_time_alone_rolls_past_midnight(make_app, store) -> None:
    draft = Postmortem(window=Window(start=datetime(2023, 1, 17, 23, 30), zone="UTC"))
    app = make_app(Session(store, "roll", draft), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#end", Input).value = "1:15 AM"
        await pilot.pause()
        window = app.session.draft.window
        assert window.end == datetime(2023, 1, 18, 1, 15)
        assert window.minutes == 105


async def test_an_undated_import_asks_for_the_date_and_takes_it(make_app, store) -> None:
    window = Window(
        start=datetime(2000, 1, 1, 20, 25),
        end=datetime(2000, 1, 1, 22, 54),
        zone="UTC",
        dated=False,
    )
    app = make_app(Session(store, "undated", Postmortem(window=window)), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#start", Input).value == "20:25"
        assert screen.query_one("#end", Input).value == "22:54"
        s1 = next(r for r in app.session.report().results if r.id == "S1")
        assert not s1.met and "no date" in s1.why
        screen.query_one("#end", Input).value = "23:10"
        await pilot.pause()
        assert app.session.draft.window.end == datetime(2000, 1, 1, 23, 10)
        assert not app.session.draft.window.dated
        screen.query_one("#start", Input).value = "2021-01-23 20:25"
        await pilot.pause()
        window = app.session.draft.window
        assert window.dated and window.end == datetime(2021, 1, 23, 23, 10)
        assert "January 23, 2021" in str(screen.query_one("#duration").render())


async def test_tab_goes_from_end_to_zone_and_the_palette_switches_the_date_order(
    make_app, store
) -> None:
    app = make_app(Session(store, "tabs", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#end", Input).focus()
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#zone", Input)
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        commands["Switch to day-first dates"]()
        await pilot.pause()
        assert "1 February" in str(app.screen.query_one("#date-order", Button).label)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Switch to month-first dates" in titles


async def test_a_date_with_one_possible_reading_is_taken_and_the_reading_said(
    make_app, store
) -> None:
    app = make_app(Session(store, "one-reading", incident()), step="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = app.screen.query_one("#start", Input)
        start.value = "14/03/2025 23:40"
        await pilot.pause()
        assert app.session.draft.window.start == datetime(2025, 3, 14, 23, 40)
        assert error_at(app.screen, "start") == ""
        field = next(a for a in start.ancestors if isinstance(a, Field))
        assert "read 14/03/2025 as March 14, 2025" in field.note
        start.value = "2025-03-14 23:40"
        await pilot.pause()
        assert field.note == ""


async def test_a_refused_percentage_shows_at_the_field_and_at_its_rubric_point(
    make_app, store
) -> None:
    from wizard.ui.widgets.rubric_panel import RubricPanel

    app = make_app(Session(store, "percent", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#percent", Input).focus()
        await pilot.press("2", "5")
        await pilot.pause()
        panel = app.screen.query_one(RubricPanel)
        assert next(r for r in panel.results if r.id == "S4").met
        await pilot.press("0")
        await pilot.pause()
        assert "250% is not a share of users" in error_at(app.screen, "percent")
        s4 = next(r for r in panel.results if r.id == "S4")
        assert not s4.met and "250% is not a share of users" in s4.why
        assert app.session.draft.impact.percent == 25
        await pilot.press("backspace")
        await pilot.pause()
        assert next(r for r in panel.results if r.id == "S4").met
        assert error_at(app.screen, "percent") == ""


async def test_quitting_with_a_refused_value_asks_first(make_app, store) -> None:
    from wizard.ui.screens.dialogs import Confirm

    app = make_app(Session(store, "quit", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#percent", Input).value = "250"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Users affected (%): 250% is not a share of users" in app.screen.question
        await pilot.press("escape")  # go back and fix it
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_value == 0


async def test_zone_fields_take_abbreviations_and_cities_and_show_the_iana_name(
    make_app, store
) -> None:
    app = make_app(Session(store, "zones", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        second = app.screen.query_one("#second-zone", Input)
        second.focus()
        second.value = "IST"
        await pilot.pause()
        assert app.session.draft.second_zone == "Asia/Kolkata"
        assert error_at(app.screen, "second-zone") == ""
        zone = app.screen.query_one("#zone", Input)
        zone.focus()  # leaving the second zone spells it out
        await pilot.pause()
        assert second.value == "Asia/Kolkata"
        zone.value = "kathmandu"
        await pilot.pause()
        assert app.session.draft.window.zone == "Asia/Kathmandu"
        second.value = "Atlantis"
        await pilot.pause()
        assert "unknown time zone 'Atlantis'" in error_at(app.screen, "second-zone")
        assert app.session.draft.second_zone == "Asia/Kolkata"


async def test_ctrl_t_in_the_second_zone_picks_the_second_zone(make_app, store) -> None:
    app = make_app(Session(store, "pick2", incident()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#second-zone", Input).focus()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ZonePickerModal)
        for char in "tokyo":
            await pilot.press(char)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.draft.second_zone == "Asia/Tokyo"
        assert app.session.draft.window.zone == incident().window.zone


async def test_the_computers_zone_is_offered_and_confirmed_once(make_app, store) -> None:
    app = make_app(Session(store, "guessed"), step="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        zone = screen.query_one("#zone", Input)
        assert zone.value == "Africa/Nairobi"  # offered: the tests' computer is in Nairobi
        assert (
            "taken from this computer"
            in next(a for a in zone.ancestors if isinstance(a, Field)).note
        )
        screen.query_one("#start", Input).value = "2023-01-17 12:30"
        screen.query_one("#end", Input).value = "13:45"
        await pilot.pause()
        s1 = next(r for r in app.session.report().results if r.id == "S1")
        assert not s1.met and "confirm the time zone" in s1.why
        assert screen.query_one("#keep-zone", Button).display
        zone.focus()
        await pilot.press("enter")  # keep it
        await pilot.pause()
        assert not app.session.draft.window.zone_from_computer
        assert not screen.query_one("#keep-zone", Button).display
        s1 = next(r for r in app.session.report().results if r.id == "S1")
        assert s1.met and s1.why == "1 h 15 min, Africa/Nairobi"


async def test_picking_or_typing_a_zone_confirms_it(make_app, store) -> None:
    app = make_app(Session(store, "picked"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"nairobi", "enter")  # the same zone, chosen by the author
        await pilot.pause()
        assert not app.session.draft.window.zone_from_computer
    app = make_app(Session(store, "typed"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#zone", Input).value = "Europe/Berlin"
        await pilot.pause()
        window = app.session.draft.window
        assert window.zone == "Europe/Berlin" and not window.zone_from_computer


@pytest.mark.parametrize(
    ("typed", "clock", "shown"),
    [
        ("23:40", "24h", "January 17, 2023, 23:40"),
        ("11:40 PM", "12h", "January 17, 2023, 11:40 PM"),
    ],
)
async def test_the_clock_follows_the_first_time_the_author_types(
    make_app, store, typed: str, clock: str, shown: str
) -> None:
    app = make_app(Session(store, "clock"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#start", Input).value = f"2023-01-17 {typed}"
        await pilot.pause()
        assert app.session.draft.clock == clock
        assert shown in str(app.screen.query_one("#duration").render())


async def test_the_palette_switches_the_clock_and_new_drafts_remember_it(make_app, store) -> None:
    app = make_app(Session(store, "switch", example_postmortem()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        commands["Switch to 24-hour times"]()
        await pilot.pause()
        assert app.session.draft.clock == "24h"
        table = app.screen.query_one("#timeline-table")
        assert str(table.get_row_at(0)[0]) == "12:32"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Switch to 12-hour times" in titles
    later = make_app(Session(store, "later"), step="summary")
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        later.screen.query_one("#start", Input).value = "2023-01-17 9:30 PM"
        await pilot.pause()
        assert later.session.draft.clock == "24h"  # the author's choice, remembered
        assert "21:30" in str(later.screen.query_one("#duration").render())
