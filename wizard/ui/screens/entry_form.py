"""The form for one timeline entry: time, what happened, its kind and how it was detected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from wizard.kinds import LONGEST, NO_WORDS, TOO_LONG, Guess, guess_entry
from wizard.model import DETECTION_LABELS, KIND_LABELS, Detection, Kind, TimelineEntry
from wizard.session import too_long
from wizard.settings import Settings
from wizard.time import timezones
from wizard.time.timezones import ClockStyle
from wizard.ui.screens.dialogs import Choose, DialogBody
from wizard.ui.time_entry import fold_choices, parse_entry_time
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.footer import KeyFooter

SUBMIT = Binding(
    "enter",
    "submit",
    "Save entry",
    id="entry.text_enter",
    tooltip="In What happened: save the entry (the text wraps by itself; an entry is one line)",
)


BAD_TEXT = {
    NO_WORDS: "no words say what happened yet: the kind is Other until you pick one",
    TOO_LONG: f"over {LONGEST:,} characters, too long to guess a kind (Other until you pick "
    "one): an entry is one or two sentences",
}
"""What the text field says of an entry that reads as nothing (it is saved as it is)."""


def _why(guess: Guess) -> str:
    """`guessed from "alert"`, or `guessed: first sign of trouble`."""
    return guess.reason if guess.reason.startswith("guessed") else f"guessed: {guess.reason}"


class EntryText(TextArea):
    """A wrapping text box for an entry's one or two sentences; Enter saves, as in a form."""

    BINDINGS = [SUBMIT]

    class Submitted(Message):
        """Enter was pressed: the form should save."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":  # a timeline entry is one line: Enter is the form's
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        await super()._on_key(event)

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


class EntryForm(ModalScreen[TimelineEntry | None]):
    """Add or edit a timeline entry; Escape leaves everything as it was."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entry.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save entry", id="entry.save", tooltip="Save this entry"),
    ]

    def __init__(
        self,
        entry: TimelineEntry | None,
        start: datetime | None,
        zone: str,
        title: str,
        settings: Settings | None = None,
        clock: ClockStyle | None = None,
        around: tuple[Sequence[TimelineEntry], Sequence[TimelineEntry]] = ((), ()),
    ) -> None:
        super().__init__(id="entry-form")
        self.clock = clock
        self.entry = entry or TimelineEntry()
        self.start = start
        self.zone = zone
        self.title_text = title
        self.settings = settings or Settings()
        # The entries before and after this one, in time order: the place of the entry.
        self.around = around
        # The author's kind is theirs: only a new entry's or a guessed one's kind is guessed.
        self._kind_chosen = entry is not None and not entry.guessed
        self._guessed = self.entry.kind.value
        # How it was detected, when the author picked that but not the kind: guesses keep it.
        self._method: Detection | None = None
        self.typed_time = ""

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(id="entry-dialog", classes="dialog"):
            with DialogBody():
                yield Label(self.title_text, classes="dialog-title")
                yield Field(
                    "Time",
                    Input(
                        value=f"{entry.time:%Y-%m-%d %H:%M}" if entry.time else "",
                        placeholder="e.g. 12:32 or 2023-01-17 12:32",
                        id="entry-time",
                    ),
                    hint="a time alone takes the incident's date; add a zone (PST) if it differs",
                )
                yield Field(
                    "What happened (one or two sentences)",
                    EntryText(
                        entry.text,
                        placeholder="e.g. Pagers alerted the on-call engineer",
                        id="entry-text",
                        classes="entry-text",
                    ),
                    hint="Enter or ctrl+s saves; the kind below is guessed from these words",
                )
                with Horizontal(classes="row"):
                    yield Field(
                        "Kind",
                        Select(
                            [(label, kind.value) for kind, label in KIND_LABELS.items()],
                            value=entry.kind.value,
                            allow_blank=False,
                            id="entry-kind",
                        ),
                    )
                    yield Field(
                        "How it was detected",
                        Select(
                            [(label, d.value) for d, label in DETECTION_LABELS.items()],
                            value=entry.detected_by.value if entry.detected_by else Select.NULL,
                            prompt="(not a detection)",
                            id="entry-detected",
                        ),
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="entry-save")
                yield Button("Cancel", id="entry-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._sync_detected()
        if not self._kind_chosen and self.entry.text:
            self._guess(self.entry.text)
        self.query_one("#entry-time", Input).focus()

    @on(TextArea.Changed, "#entry-text")
    def _guess_kind(self, event: TextArea.Changed) -> None:
        """Until the author picks a kind, it follows the wording ("alert fired" -> detection)."""
        if not self._kind_chosen:
            self._guess(event.text_area.text)

    def _guess(self, text: str) -> None:
        """Show the guess for `text` in its place, and why."""
        guess = guess_entry(text, *self.around, detected_by=self._method)
        self._guessed = guess.kind.value
        kind = self.query_one("#entry-kind", Select)
        detected = self.query_one("#entry-detected", Select)
        with kind.prevent(Select.Changed), detected.prevent(Select.Changed):
            kind.value = guess.kind.value
            detected.value = guess.detected_by.value if guess.detected_by else Select.NULL
        self._sync_detected()
        self._show_why(guess)

    def _show_why(self, guess: Guess | None) -> None:
        """Under the kind, why it was guessed (nothing once it is the author's); under the
        text, what is wrong with an entry that reads as nothing."""
        kind_field = self.query_one("#entry-kind", Select).parent
        text_field = self.query_one("#entry-text", TextArea).parent
        if isinstance(kind_field, Field):
            kind_field.show_note(_why(guess) if guess and guess.reason not in BAD_TEXT else None)
        if isinstance(text_field, Field):
            text_field.show_note(BAD_TEXT.get(guess.reason) if guess else None)

    @on(Select.Changed, "#entry-kind")
    def _kind_picked(self, event: Select.Changed) -> None:
        if event.value != self._guessed:
            self._kind_chosen = True
            self._show_why(None)
        self._sync_detected()

    @on(Select.Changed, "#entry-detected")
    def _method_picked(self, event: Select.Changed) -> None:
        """How it was detected, picked while the kind is a guess: every later guess keeps it."""
        if not self._kind_chosen:
            self._method = None if event.value == Select.NULL else Detection(str(event.value))

    def _sync_detected(self) -> None:
        is_detection = self.query_one("#entry-kind", Select).value == Kind.DETECTION.value
        self.query_one("#entry-detected", Select).disabled = not is_detection

    @on(Input.Submitted)
    @on(EntryText.Submitted)
    @on(Button.Pressed, "#entry-save")
    def action_save(self) -> None:
        time_input = self.query_one("#entry-time", Input)
        field = time_input.parent
        text = time_input.value.strip()
        time, zone = None, None
        if text:
            try:
                time, zone, *_ = parse_entry_time(
                    text, self.start, self.zone, self.settings.dayfirst
                )
            except ValueError as error:
                if isinstance(field, Field):
                    field.show_error(str(error))
                time_input.focus()
                return
        if isinstance(field, Field):
            field.show_error(None)
        words = self.query_one("#entry-text", EntryText)
        if isinstance(words.parent, Field):
            words.parent.show_error(too_long(words.text))
            if words.parent.error:
                words.focus()
                return
        self.typed_time = text
        entry = self._entry(time, zone)
        wall_zone = zone or self.zone
        if time is None or not timezones.is_ambiguous(time, wall_zone):
            self.dismiss(entry)
            return

        def chosen(fold: int | None) -> None:
            if fold is not None:
                self.dismiss(entry.model_copy(update={"fold": fold}))

        question = (
            f"{time:%H:%M} happens twice on {timezones.format_date(time)} in {wall_zone} "
            "(clocks go back). Which one do you mean?"
        )
        choices = fold_choices(time, wall_zone, self.clock)
        self.app.push_screen(Choose(question, choices), chosen)

    def _entry(self, time: datetime | None, zone: str | None) -> TimelineEntry:
        kind = Kind(str(self.query_one("#entry-kind", Select).value))
        detected = self.query_one("#entry-detected", Select).value
        method = None
        if kind is Kind.DETECTION and detected != Select.NULL:
            method = Detection(str(detected))
        return TimelineEntry(
            time=time,
            zone=zone,
            kind=kind,
            text=" ".join(self.query_one("#entry-text", TextArea).text.split()),
            detected_by=method,
        )

    @on(Button.Pressed, "#entry-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
