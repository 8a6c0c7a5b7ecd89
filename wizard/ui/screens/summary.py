"""A summary section: the incident window with its zone, impact and the root cause in brief, as
the template's `**Label:**` lines ask, then its free text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from textual import on
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from wizard import settings
from wizard.markdown.writer import duration_text
from wizard.settings import Settings
from wizard.time import time_text, timezones, zone_names
from wizard.ui.screens.parts import PartsScreen
from wizard.ui.time_entry import EnteredTime, fold_choices, parse_entry_time
from wizard.ui.widgets.field import Field, field_input

WINDOW_FIELDS = {"window.start": "start", "window.end": "end", "window.zone": "zone"}
TIME_FORMAT = "%Y-%m-%d %H:%M"


def _area(name: str, id: str, placeholder: str) -> TextArea:
    area = TextArea(name=name, id=id, placeholder=placeholder, classes="short")
    return area


FORM_ORDER = ("service", "duration", "down", "experience", "percent", "root_cause")
"""The order the form asks for a summary's lines (the response line is worked out from the
timeline, so it has no field)."""


class SummaryScreen(PartsScreen):
    """What executives read: how long, what broke, who felt it, and why. The fields are those
    of the section's `**Label:**` lines, then its parts (a template's free text)."""

    STEP = "summary"
    INTRO = "What executives read first. Times are wall-clock times in the incident's zone."

    @property
    def lines(self) -> set[str]:
        """The names of the summary lines the section writes."""
        section = self.section
        return {line.name for line in section.lines} if section is not None else set()

    @property
    def has_window(self) -> bool:
        """The section writes the incident's duration: the form asks for start, end and zone."""
        return "duration" in self.lines

    @property
    def intro(self) -> str:
        return self.INTRO if self.has_window else ""

    def compose_form(self) -> Iterable[Widget]:
        lines = self.lines
        for name in FORM_ORDER:
            if name in lines:
                yield from getattr(self, f"_{name}_fields")()
        yield from self.part_fields()

    def _service_fields(self) -> Iterable[Widget]:
        yield Field(
            "Service affected",
            field_input("service", "service", "e.g. Checkout API"),
        )

    def _duration_fields(self) -> Iterable[Widget]:
        with Horizontal(classes="row"):
            yield Field(
                "Start",
                field_input("window.start", "start", "e.g. 2023-01-17 12:30"),
                hint="also: Jan 17 2023 12:30pm, 12:30 PM",
            )
            yield Field(
                "End",
                field_input("window.end", "end", "e.g. 13:45"),
                hint="a time alone takes the start's date (the next day, if earlier)",
            )
        order = Button(self._order_label(), id="date-order", classes="link")
        order.can_focus = False  # Tab goes from End to the zone; click it or use the palette
        yield order
        with Horizontal(classes="row"):
            yield Field(
                "Time zone",
                field_input("window.zone", "zone", "e.g. Africa/Nairobi"),
                hint="an IANA zone, a city or an abbreviation; ctrl+t or the button to search",
            )
            yield Button("Keep it", id="keep-zone", classes="beside-field", variant="primary")
            yield Button("Pick zone…", id="pick-zone", classes="beside-field")
        yield Field(
            "Also show times in (optional)",
            field_input("second_zone", "second-zone", "e.g. UTC"),
            hint="a second zone shown beside the main one in the summary and the timeline; "
            "ctrl+t here searches for it",
        )
        yield Static("", id="duration", markup=False)

    def _down_fields(self) -> Iterable[Widget]:
        yield Field(
            "What was down or slow",
            _area(
                "impact.down", "down", "e.g. The checkout API returned errors for most requests."
            ),
        )

    def _experience_fields(self) -> Iterable[Widget]:
        yield Field(
            "What users experienced",
            _area("impact.experience", "experience", "e.g. Payments failed with an error page."),
        )

    def _percent_fields(self) -> Iterable[Widget]:
        yield Field(
            "Users affected (%)",
            field_input("impact.percent", "percent", "e.g. 62 (0 to 100)"),
        )

    def _root_cause_fields(self) -> Iterable[Widget]:
        yield Field(
            "Root cause, in a sentence or two",
            _area(
                "root_cause_summary",
                "summary-cause",
                "e.g. A configuration change shrank the database pool ...",
            ),
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._asked: set[tuple[str, datetime]] = set()
        self._zone_touched = False  # the author typed in the zone field
        window = self.session.draft.window
        self.folds: dict[str, tuple[datetime | None, int]] = {
            "start": (window.start, window.start_fold),
            "end": (window.end, window.end_fold),
        }

    def on_mount(self) -> None:
        self._show_duration()
        self._show_zone_origin()

    def _show_zone_origin(self) -> None:
        """While the zone is the one taken from this computer, say so and offer to keep it."""
        if not self.has_window:
            return
        window = self.session.draft.window
        unconfirmed = window.zone_from_computer and not self._zone_touched
        self.query_one("#keep-zone", Button).display = unconfirmed
        note = (
            f"{window.zone} was taken from this computer: Enter or Keep it confirms it; "
            "or type or pick the incident's zone"
        )
        self.show_note(self.query_one("#zone", Input), note if unconfirmed else None)

    @on(Input.Submitted, "#zone")
    @on(Button.Pressed, "#keep-zone")
    def confirm_zone(self) -> None:
        """The author keeps the zone shown (taken from this computer) as the incident's."""
        if not self.apply_window():
            return
        window = self.session.draft.window
        if window.zone_from_computer:
            self.session.edit("window", {**window.model_dump(), "zone_from_computer": False})
        self._show_zone_origin()
        if self.app.focused is self.query_one("#keep-zone", Button):
            self.query_one("#pick-zone", Button).focus()

    def _order_label(self) -> str:
        order = "1 February" if self.settings.dayfirst else "January 2"
        return f"Dates: 01/02/2023 is {order} · change"

    @on(Button.Pressed, "#date-order")
    async def _switch_order(self) -> None:
        await self.app.run_action("switch_date_order")

    def use_settings(self, settings: Settings) -> None:
        """A new day/month order re-reads Start and End."""
        order_changed = settings.dayfirst != self.settings.dayfirst
        super().use_settings(settings)
        if self.is_mounted and self.has_window:
            self.query_one("#date-order", Button).label = self._order_label()
            if order_changed:
                self.apply_window()

    @on(Input.Blurred, "#start, #end")
    @on(Input.Submitted, "#start, #end")
    def _left_time(self, event: Input.Blurred | Input.Submitted) -> None:
        """A time that happens twice (the fall-back hour) is asked about once, on leaving."""
        key = event.input.id or ""
        window = self.session.draft.window
        value = getattr(window, key, None)
        if value is None or (key, value) in self._asked:
            return
        if not timezones.is_ambiguous(value, window.zone):
            return
        self._asked.add((key, value))

        def chosen(fold: int | None) -> None:
            if fold is not None:
                self._apply_fold(key, fold)

        question = (
            f"{value:%H:%M} happens twice on {timezones.format_date(value)} in {window.zone} "
            "(clocks go back). Which one do you mean?"
        )
        choices = fold_choices(value, window.zone, self.session.draft.clock)
        from wizard.ui.screens.dialogs import Choose

        self.app.push_screen(Choose(question, choices), chosen)

    def _apply_fold(self, key: str, fold: int) -> None:
        self.folds[key] = (getattr(self.session.draft.window, key), fold)
        self.apply_window()

    def focus_point(self, point: str) -> None:
        """The window's point met but for the zone taken from this computer: the cursor goes
        to the zone."""
        window = self.session.draft.window
        spec = next((p for p in self.template.points if p.id == point), None)
        is_window = spec is not None and spec.check == "window" and self.has_window
        if is_window and window.zone_from_computer and window.start and window.end:
            self.query_one("#zone", Input).focus()
            return
        super().focus_point(point)

    def display_value(self, path: str) -> str:
        if path in ("window.start", "window.end"):
            window = self.session.draft.window
            value = getattr(window, path.split(".")[1])
            return f"{value:{TIME_FORMAT if window.dated else '%H:%M'}}" if value else ""
        return super().display_value(path)

    def manual_fields(self) -> set[str]:
        return set(WINDOW_FIELDS)

    def convert(self, path: str, text: str) -> Any:
        """A second zone may be written as the main one can (`IST`, `kolkata`, `+05:30`)."""
        if path == "second_zone" and text.strip():
            return self._zone_read(text) or text  # unread, the model says what is wrong
        return super().convert(path, text)

    def _zone_read(self, text: str) -> str | None:
        """The IANA zone a zone field's text means, or None."""
        try:
            return zone_names.zone_in_field(text.strip(), self._start_day())
        except ValueError:
            return None

    def _start_day(self) -> date | None:
        start = self.session.draft.window.start
        return start.date() if start else None

    @on(Input.Blurred, "#zone, #second-zone")
    def _spell_zone(self, event: Input.Blurred) -> None:
        """Leaving a zone field shows the IANA name the text was read as (`IST` →
        `Asia/Kolkata`), so what is saved is what the field says."""
        text = event.value.strip()
        zone = self._zone_read(text) if text else None
        if zone is not None and zone != text:
            event.input.value = zone

    @on(Input.Changed, "#start, #end, #zone")
    def _window_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "zone":
            self._zone_touched = True
        self.apply_window()
        if event.input.id != "zone":
            self.adopt_clock(event.value)

    def apply_window(self) -> bool:
        """Validate start, end and zone together; the error goes to the field it is about."""
        if not self.has_window:
            return True
        inputs = {key: self.query_one(f"#{key}", Input) for key in WINDOW_FIELDS.values()}
        for widget in inputs.values():
            self.show_error(widget, None)
            self.show_note(widget, None)
        zone_text = inputs["zone"].value.strip() or "UTC"
        try:
            zone = zone_names.zone_in_field(zone_text, self._start_day())
        except ValueError as error:
            self.show_error(inputs["zone"], str(error))
            return False
        window = self.session.draft.window
        values: dict[str, Any] = {
            "zone": zone,
            "zone_from_computer": window.zone_from_computer and not self._zone_touched,
            "dated": window.dated,
        }
        start: datetime | None = None
        for key in ("start", "end"):
            text = inputs[key].value.strip()
            if not text:
                values[key] = None
                continue
            try:
                entered = self._read_time(key, text, start, zone)
            except ValueError as error:
                self.show_error(inputs[key], str(error))
                return False
            self.show_note(inputs[key], entered.note)
            values[key] = entered.value
            values["dated"] = values["dated"] or entered.has_date
            if key == "start":
                start = entered.value
        for key, (chosen_for, fold) in self.folds.items():
            values[f"{key}_fold"] = fold if values.get(key) == chosen_for else 0
        ok = self._apply_window(values, inputs)
        self._show_duration()
        self._show_zone_origin()
        return ok

    def _read_time(self, key: str, text: str, start: datetime | None, zone: str) -> EnteredTime:
        """The start takes today's date when typed alone (or the import's stand-in day while
        the draft has no date); the end takes the start's and rolls past midnight."""
        window = self.session.draft.window
        if key == "end":
            return parse_entry_time(text, start, zone, self.settings.dayfirst)
        day = window.start.date() if window.start and not window.dated else None
        parsed = time_text.parse_datetime(text, default_date=day, dayfirst=self.settings.dayfirst)
        return EnteredTime(parsed.value, parsed.zone, parsed.has_date, parsed.note)

    def _apply_window(self, values: dict[str, Any], inputs: dict[str, Input]) -> bool:
        from wizard.session import EditError

        try:
            self.session.edit("window", values)
        except EditError as error:
            key = "end" if error.message.startswith("end") else "start"
            if "zone" in error.message and not error.message.startswith(("start", "end")):
                key = "zone"
            self.show_error(inputs[key], error.message)
            return False
        return True

    def _show_duration(self) -> None:
        if not self.has_window:
            return
        draft = self.session.draft
        text = duration_text(draft.window, draft.second_zone, draft.clock)
        self.query_one("#duration", Static).update(
            f"Duration: {text}" if text else "Duration: set a start and an end"
        )

    @on(Button.Pressed, "#pick-zone")
    def pick_zone(self) -> None:
        """Open the zone picker; the chosen zone fills the zone field (the second zone's, when
        that has the cursor) and joins the recent ones."""
        from wizard.ui.widgets.zone_picker import ZonePickerModal

        window = self.session.draft.window
        root = self.session.store.root
        second = self.is_mounted and self.app.focused is self.query_one("#second-zone", Input)

        def picked(zone: str | None) -> None:
            if not zone:
                return
            settings.remember_zone(root, zone)
            if second:
                self.query_one("#second-zone", Input).value = zone
            else:
                self.set_zone(zone)

        current = (self.session.draft.second_zone or "") if second else window.zone
        recent = settings.load_recent(root)
        picker = ZonePickerModal(current=current, on=self._start_day(), recent=recent)
        self.app.push_screen(picker, picked)

    def set_zone(self, zone: str) -> None:
        """Put a chosen zone into the zone field (the author chose it: it needs no
        confirming), or straight into the draft before mounting."""
        if self.is_mounted:
            self._zone_touched = True
            self.query_one("#zone", Input).value = zone
            self.apply_window()
            return
        window = self.session.draft.window
        changes = {"zone": zone, "zone_from_computer": False}
        self.session.edit("window", {**window.model_dump(), **changes})

    def refresh_status(self, section: str | None = None) -> None:
        super().refresh_status(section)
        if self.is_mounted:
            self._show_duration()
