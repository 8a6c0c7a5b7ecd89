"""The zone picker, driven by the keyboard alone."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from wizard.ui.widgets.zone_picker import ZonePicker, ZonePickerModal

UNSET = "unset"


class PickerApp(App[None]):
    """Pushes the zone modal at start and keeps what it answered."""

    def __init__(self, current: str | None = "UTC", recent: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.current = current
        self.recent = recent
        self.answer: str | None = UNSET

    def compose(self) -> ComposeResult:
        yield Static("base")

    def on_mount(self) -> None:
        modal = ZonePickerModal(current=self.current, on=date(2023, 1, 17), recent=self.recent)
        self.push_screen(modal, self._answered)

    def _answered(self, zone: str | None) -> None:
        self.answer = zone


def highlighted(app: App[None]) -> str | None:
    option = app.screen.query_one("#zone-options", OptionList).highlighted_option
    return option.id if option else None


async def test_type_a_city_and_press_enter() -> None:
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"nairobi")
        await pilot.press("enter")
        await pilot.pause()
        assert app.answer == "Africa/Nairobi"
        assert not isinstance(app.screen, ZonePickerModal)


async def test_enter_before_the_list_caught_up_picks_from_the_query_as_typed() -> None:
    """The list follows the query by a message that comes after the key: Enter (or an
    arrow) pressed before it came acts on the query as it stands."""
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one(ZonePicker)
        picker.query_one("#zone-query", Input).value = "ist"  # its change not yet handled
        picker.action_move(1)
        assert highlighted(app) == "Europe/Dublin"
        picker.query_one("#zone-query", Input).value = "nairobi"
        picker.action_pick()
        await pilot.pause()
        assert app.answer == "Africa/Nairobi"


async def test_escape_leaves_the_zone_unchanged() -> None:
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"berlin")
        await pilot.press("escape")
        await pilot.pause()
        assert app.answer is None


async def test_arrow_keys_move_the_highlight_while_typing() -> None:
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"ist")
        assert highlighted(app) == "Asia/Kolkata"
        await pilot.press("down")
        assert highlighted(app) == "Europe/Dublin"
        await pilot.press("enter")
        await pilot.pause()
        assert app.answer == "Europe/Dublin"


async def test_the_current_zone_is_highlighted_and_recent_zones_come_first() -> None:
    app = PickerApp(current="Africa/Nairobi", recent=("Europe/Berlin",))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#zone-options", OptionList)
        assert options.get_option_at_index(0).id == "Europe/Berlin"
        assert highlighted(app) == "Africa/Nairobi"
        assert isinstance(app.focused, Input)


async def test_no_match_keeps_the_text_and_says_what_to_try() -> None:
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"zzzz", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ZonePickerModal)
        assert app.screen.query_one("#zone-query", Input).value == "zzzz"
        status = str(app.screen.query_one("#zone-status", Static).render())
        assert "No zone matches 'zzzz'" in status
        assert app.answer == UNSET


async def test_an_offset_finds_its_zones() -> None:
    app = PickerApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"+05:45", "enter")
        await pilot.pause()
        assert app.answer == "Asia/Kathmandu"


class EmbeddedApp(App[None]):
    """The picker placed on a screen, as a form would."""

    def __init__(self) -> None:
        super().__init__()
        self.picked: list[str] = []

    def compose(self) -> ComposeResult:
        yield ZonePicker("UTC", on=date(2023, 1, 17), id="start-zone")

    def on_zone_picker_picked(self, event: ZonePicker.Picked) -> None:
        assert event.control.id == "start-zone"
        self.picked.append(event.zone)


async def test_the_picker_alone_posts_picked() -> None:
    app = EmbeddedApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"pst", "enter")
        await pilot.pause()
        assert app.picked == ["America/Los_Angeles"]
