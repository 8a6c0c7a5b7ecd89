"""Pick an IANA time zone by typing a city, a zone name, an abbreviation or a UTC offset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.time import zone_names
from wizard.time.zone_search import ZoneRow, search_zones
from wizard.ui.widgets.footer import KeyFooter

PLACEHOLDER = "e.g. nairobi, São Paulo, PST, CET or +05:30"


class ZonePicker(Widget):
    """A query box over a list of zones, filtered as you type; Enter picks the highlighted one."""

    DEFAULT_CSS = """
    ZonePicker {
        height: auto;
    }
    ZonePicker > #zone-query {
        margin-bottom: 0;
    }
    ZonePicker > #zone-options {
        height: auto;
        max-height: 14;
        border: tall $border-blurred;
    }
    ZonePicker > #zone-options:focus {
        border: tall $border;
    }
    ZonePicker > #zone-status {
        color: $text-muted;
        padding: 0 1;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding(
            "enter",
            "pick",
            "Pick zone",
            priority=True,
            id="zone_picker.pick",
            tooltip="Use the highlighted time zone",
        ),
        Binding(
            "down",
            "move(1)",
            "Next",
            show=False,
            priority=True,
            id="zone_picker.down",
            tooltip="Highlight the next zone",
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous",
            show=False,
            priority=True,
            id="zone_picker.up",
            tooltip="Highlight the previous zone",
        ),
        Binding(
            "pagedown",
            "move(10)",
            "Page down",
            show=False,
            priority=True,
            id="zone_picker.page_down",
            tooltip="Highlight ten zones further down",
        ),
        Binding(
            "pageup",
            "move(-10)",
            "Page up",
            show=False,
            priority=True,
            id="zone_picker.page_up",
            tooltip="Highlight ten zones further up",
        ),
    ]

    class Picked(Message):
        """A zone was chosen (Enter or a click); `zone` is its IANA name."""

        def __init__(self, picker: ZonePicker, zone: str) -> None:
            super().__init__()
            self.picker = picker
            self.zone = zone

        @property
        def control(self) -> ZonePicker:
            """The picker the zone was chosen in, for `@on(ZonePicker.Picked, "#id")`."""
            return self.picker

    def __init__(
        self,
        current: str | None = None,
        *,
        on: date | None = None,
        recent: Sequence[str] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.current = zone_names.lookup_zone(current or "") or zone_names.local_zone_name()
        self.on_date = on or date.today()
        self.recent = tuple(recent)
        self._shown: str | None = None  # the query the list shows the matches of

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="zone-query")
        yield OptionList(id="zone-options")
        yield Static(id="zone-status", markup=False)

    def on_mount(self) -> None:
        self.show_matches("")
        self.query_one("#zone-query", Input).focus()

    def show_matches(self, query: str) -> None:
        """List the zones matching `query`, highlighting the current zone or the best match."""
        self._shown = query
        rows = search_zones(query, self.on_date, self.recent)
        options = self.query_one("#zone-options", OptionList)
        options.set_options(Option(row.label, id=row.zone) for row in rows)
        if rows:
            options.highlighted = self._start_index(rows, query)
        self.query_one("#zone-status", Static).update(self._status(query, rows))

    def _start_index(self, rows: list[ZoneRow], query: str) -> int:
        """Where the highlight starts: the current zone while nothing is typed, else the top."""
        if query.strip():
            return 0
        return next((i for i, row in enumerate(rows) if row.zone == self.current), 0)

    def _status(self, query: str, rows: list[ZoneRow]) -> str:
        """One line under the list: the count, or what to try when nothing matches."""
        if not rows:
            return f"No zone matches {query.strip()!r}: try a city, PST, CET or +03:00"
        noun = "zone" if len(rows) == 1 else "zones"
        return f"{len(rows)} {noun} on {self.on_date:%Y-%m-%d} · current: {self.current}"

    @on(Input.Changed, "#zone-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._catch_up()  # the query as it stands: a change that comes late is no change

    @on(OptionList.OptionSelected, "#zone-options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Picked(self, event.option.id))

    def _catch_up(self) -> None:
        """List the matches of the query as it stands: a key typed just before Enter or an
        arrow has yet to reach the list (its change comes as a message, after the key)."""
        query = self.query_one("#zone-query", Input).value
        if query != self._shown:
            self.show_matches(query)

    def action_move(self, step: int) -> None:
        """Move the highlight while the cursor stays in the query box."""
        self._catch_up()
        options = self.query_one("#zone-options", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_pick(self) -> None:
        """Pick the highlighted zone; with no match, ring the bell and keep the query."""
        self._catch_up()
        option = self.query_one("#zone-options", OptionList).highlighted_option
        if option is None or option.id is None:
            self.app.bell()
            return
        self.post_message(self.Picked(self, option.id))


class ZonePickerModal(ModalScreen[str | None]):
    """Which zone? Enter answers with the highlighted zone, Escape with None (no change)."""

    DEFAULT_CSS = """
    ZonePickerModal {
        align: center middle;
    }
    ZonePickerModal > #zone-dialog {
        width: 80%;
        max-width: 90;
        height: 90%;
        max-height: 26;
        padding: 1 2;
        background: $panel;
        border: thick $primary;
    }
    ZonePickerModal ZonePicker {
        height: 1fr;
    }
    ZonePickerModal ZonePicker > #zone-options {
        height: 1fr;
        min-height: 4;
        max-height: 100%;
    }
    ZonePickerModal #zone-title {
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="zone_picker.cancel",
            tooltip="Close without changing the time zone",
        ),
    ]

    def __init__(
        self, current: str | None = None, *, on: date | None = None, recent: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.current = current
        self.on_date = on
        self.recent = tuple(recent)

    def compose(self) -> ComposeResult:
        with Vertical(id="zone-dialog"):
            yield Static("Time zone", id="zone-title")
            yield ZonePicker(self.current, on=self.on_date, recent=self.recent, id="zone-picker")
        yield KeyFooter()

    @on(ZonePicker.Picked)
    def _picked(self, event: ZonePicker.Picked) -> None:
        event.stop()
        self.dismiss(event.zone)

    def action_cancel(self) -> None:
        """Close and leave the zone as it was."""
        self.dismiss(None)
