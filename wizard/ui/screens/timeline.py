"""Timeline: entries in time order with kinds; add, edit, duplicate, delete, undo and paste."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from wizard import timeline
from wizard.drafts import MAX_BYTES, size_limit_text
from wizard.markdown.writer import entry_time_text, spans_days
from wizard.model import KIND_LABELS, TimelineEntry
from wizard.session import EditError, over_text, too_big
from wizard.time import timezones
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.help import keys_line
from wizard.ui.widgets.ribbon import Ribbon
from wizard.ui.widgets.wrapping_table import WrappingTable

GUESSED_MARK = "?"
"""After a kind pmwizard guessed and the author has not confirmed yet: `Detection?`."""

METRIC_LABELS = {
    "time_to_detect_minutes": "Detected",
    "time_to_escalate_minutes": "escalated",
    "time_to_resolve_minutes": "resolved",
}


class TimelineTable(WrappingTable):
    """The entries; every key here acts on the highlighted row; a paste adds entries."""

    BINDINGS = [
        Binding("a", "screen.add", "Add", id="timeline.add", tooltip="Add an entry"),
        Binding("enter", "screen.edit", "Edit", id="timeline.edit", tooltip="Edit the entry"),
        Binding("c", "screen.duplicate", "Copy", id="timeline.duplicate", tooltip="Copy the entry"),
        Binding(
            "d,delete", "screen.delete", "Delete", id="timeline.delete", tooltip="Delete the entry"
        ),
        Binding(
            "u",
            "screen.undo",
            "Undo",
            id="timeline.undo",
            tooltip="Bring back the last deleted entry",
        ),
        Binding(
            "p",
            "screen.paste",
            "Paste",
            id="timeline.paste",
            tooltip="Add many entries from lines like '12:32 PM - Pagers alerted teams'",
        ),
        Binding(
            "k",
            "screen.accept_kinds",
            "Keep kinds",
            id="timeline.accept_kinds",
            tooltip=f"Keep every guessed kind (marked {GUESSED_MARK}) as it is; "
            "editing an entry keeps its kind too",
        ),
    ]

    class Pasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.post_message(self.Pasted(event.text))


def metrics_text(values: dict[str, int | None]) -> str:
    """`Detected +2 min · escalated +28 min · resolved +1 h 15 min` (from the incident start)."""
    parts = []
    for key, label in METRIC_LABELS.items():
        minutes = values.get(key)
        parts.append(
            f"{label} +{timezones.format_minutes(minutes)}"
            if minutes is not None
            else f"{label}: not yet"
        )
    return " · ".join(parts)


def kind_text(entry: TimelineEntry) -> str:
    """The Kind column: `Detection`, or `Detection?` while the kind is a guess."""
    return KIND_LABELS[entry.kind] + (GUESSED_MARK if entry.guessed else "")


def guessed_note(count: int) -> str:
    """What the marks mean and how they go, under the table."""
    kinds = "1 kind was" if count == 1 else f"{count} kinds were"
    return (
        f"{GUESSED_MARK} {kinds} guessed from the wording: edit an entry to change or keep "
        "its kind, or press k to keep them all."
    )


def unread_text(entries: list[TimelineEntry]) -> str:
    """` 2 have no words and 1 is too long to guess: ...`, or '' when every entry reads."""
    from wizard.kinds import NO_WORDS, TOO_LONG, unreadable

    why = [unreadable(entry.text) for entry in entries]
    parts = [
        f"{count} {'has' if count == 1 else 'have'} no words"
        if reason == NO_WORDS
        else f"{count} {'is' if count == 1 else 'are'} too long to guess"
        for reason in (NO_WORDS, TOO_LONG)
        if (count := why.count(reason))
    ]
    if not parts:
        return ""
    return f" {' and '.join(parts)}: kept as Other; edit them into a sentence or two."


def joined_text(lines: list[str]) -> str:
    """` 1 line beginning with a time was not read as an entry ('25:61 - ...'): ...`, or ''."""
    if not lines:
        return ""
    first = lines[0] if len(lines[0]) <= 30 else f"{lines[0][:29]}…"
    count = "1 line beginning" if len(lines) == 1 else f"{len(lines)} lines beginning"
    verb = "was" if len(lines) == 1 else "were"
    return (
        f" {count} with a time {verb} not read as an entry ({first!r}): joined to the entry "
        "above; edit that entry to fix it."
    )


class TimelineScreen(SectionScreen):
    """The story in time order: detection, investigation, escalation, resolution."""

    STEP = "timeline"
    INTRO = f"{keys_line(TimelineTable.BINDINGS)}. Entries stay in time order."

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._deleted: list[TimelineEntry] = []

    def compose_form(self) -> Iterable[Widget]:
        yield Ribbon(self.session.draft, id="ribbon")
        yield Static("", id="metrics", markup=False)
        yield TimelineTable(fill="text", id="timeline-table")
        yield Static("", id="timeline-notes", markup=False)

    def holds_more_than_draft(self) -> bool:
        return bool(self._deleted) or super().holds_more_than_draft()

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        yield "Timeline: add entry", "Add a timeline entry", self.action_add
        yield "Timeline: edit entry", "Edit the highlighted entry", self.action_edit
        yield "Timeline: duplicate entry", "Copy the highlighted entry", self.action_duplicate
        yield "Timeline: delete entry", "Delete the highlighted entry", self.action_delete
        yield "Timeline: undo delete", "Bring back the last deleted entry", self.action_undo
        yield "Timeline: paste many lines", "Add entries from pasted lines", self.action_paste
        yield (
            "Timeline: keep guessed kinds",
            f"Keep every guessed kind (marked {GUESSED_MARK}) as it is",
            self.action_accept_kinds,
        )

    def on_mount(self) -> None:
        table = self.query_one(TimelineTable)
        table.add_column("Time", key="time")
        table.add_column("Kind", key="kind")
        table.add_column("What happened", key="text")

    def load(self) -> None:
        super().load()
        self._show_rows()

    @property
    def entries(self) -> list[TimelineEntry]:
        return self.session.draft.timeline

    def refresh_status(self, section: str | None = None) -> None:
        super().refresh_status(section)
        if not self.is_mounted:
            return
        if section in (None, "clock", "window", "second_zone"):
            self._show_rows()  # the times as the draft now writes them
        else:
            self._show_notes()

    def _show_rows(self, cursor: int | None = None) -> None:
        draft = self.session.draft
        with_date = spans_days(draft)
        rows = [
            (
                entry_time_text(entry, draft, with_date=with_date) or "—",
                kind_text(entry),
                entry.text,
            )
            for entry in draft.timeline
        ]
        self.query_one(TimelineTable).show_rows(rows, cursor)
        self._show_notes()

    def _show_notes(self) -> None:
        draft = self.session.draft
        self.query_one(Ribbon).show(draft)
        self.query_one("#metrics", Static).update(metrics_text(timeline.metrics(draft)))
        notes = self.query_one("#timeline-notes", Static)
        if not draft.timeline:
            notes.update(
                "No entries yet: press a to add the first one (when was the issue detected?), "
                "or p to paste lines from your notes."
            )
            return
        found = timeline.warnings(draft)
        lines = [f"⚠ {warning}" for warning in found]
        guessed = sum(entry.guessed for entry in draft.timeline)
        if guessed:
            lines.append(guessed_note(guessed))
        notes.update("\n".join(lines))
        notes.set_class(bool(found), "-warnings")

    def _store(self, entries: list[TimelineEntry], focus: TimelineEntry | None) -> bool:
        """Save `entries` in time order and put the cursor on `focus`."""
        try:
            ordered = self.session.draft.revised(timeline=entries).sorted_timeline()
            self.session.edit("timeline", ordered)
        except (EditError, ValueError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        cursor = next((i for i, e in enumerate(ordered) if e is focus), None)
        self._show_rows(cursor)
        self.refresh_bindings()  # Keep kinds follows the marks
        return True

    def _cursor(self) -> int | None:
        table = self.query_one(TimelineTable)
        return table.cursor_row if self.entries else None

    def _open_form(self, entry: TimelineEntry | None, replace: int | None, title: str) -> None:
        # The form (its kind guesser, time parser and choice list) loads when first opened.
        from wizard.ui.screens.entry_form import EntryForm

        window = self.session.draft.window
        entries = self.entries
        around = (entries[:replace], entries[replace + 1 :]) if replace is not None else ((), ())
        form = EntryForm(
            entry,
            window.start,
            window.zone,
            title,
            self.settings,
            self.session.draft.clock,
            around,
        )

        def done(result: TimelineEntry | None) -> None:
            if result is None:
                return
            self.adopt_clock(form.typed_time)
            entries = list(self.entries)
            if replace is None:
                entries.append(result)
            else:
                entries[replace] = result
            self._store(entries, result)

        self.app.push_screen(form, done)

    def action_add(self) -> None:
        self._open_form(None, None, "New timeline entry")

    def action_edit(self) -> None:
        index = self._cursor()
        if index is not None:
            self._open_form(self.entries[index], index, "Edit timeline entry")

    def action_duplicate(self) -> None:
        index = self._cursor()
        if index is not None:
            copy = self.entries[index].model_copy()
            self._store([*self.entries, copy], copy)

    def action_delete(self) -> None:
        index = self._cursor()
        if index is None:
            return
        entries = list(self.entries)
        removed = entries.pop(index)
        self._deleted.append(removed)
        self._store(entries, entries[min(index, len(entries) - 1)] if entries else None)
        self.notify("Entry deleted: press u to undo", timeout=4)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo")
            return
        entry = self._deleted.pop()
        self._store([*self.entries, entry], entry)

    def action_paste(self) -> None:
        from wizard.ui.screens.paste_form import PasteForm

        self.app.push_screen(PasteForm(self.add_lines))

    def action_accept_kinds(self) -> None:
        """Every guessed kind becomes the author's: the marks go."""
        if not any(entry.guessed for entry in self.entries):
            self.notify("No guessed kinds to keep: every kind is yours")
            return
        self._store([entry.model_copy(update={"guessed": False}) for entry in self.entries], None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep kinds is greyed out while no kind is a guess."""
        if action == "accept_kinds":
            return any(entry.guessed for entry in self.entries) or None
        return True

    @on(TimelineTable.Pasted)
    def _pasted(self, event: TimelineTable.Pasted) -> None:
        refused = self.add_lines(event.text)
        if refused:
            self.notify(refused, severity="error", timeout=8)

    def add_lines(self, text: str) -> str | None:
        """Add an entry for every `time - text` line (or Markdown table row) in `text`; or,
        when the draft could not be saved with them, say why (nothing is added)."""
        if (size := len(text.encode("utf-8", "surrogatepass"))) > MAX_BYTES:
            return f"This paste is {over_text(size)}: {size_limit_text()}; paste it in parts."
        window = self.session.draft.window
        added = timeline.parse_entries(
            text, window.start, window.zone, self.entries, self.settings.dayfirst
        )
        if not added:
            self.notify(
                "No entries found: write one per line, like '12:32 PM - Pagers alerted the team'.",
                severity="warning",
                timeout=8,
            )
            return None
        entries = [*self.entries, *added]
        if too_many := too_big(self.session.draft.revised(timeline=entries)):
            return f"These {len(added)} entries are too many: {too_many}."
        self.adopt_clock(text)
        if self._store(entries, added[0]):
            nothing = unread_text(added) + joined_text(timeline.joined_time_lines(text, added))
            self.notify(
                f"Added {len(added)} entries with their kinds guessed from the wording "
                f"(marked {GUESSED_MARK}): check the Kind column.{nothing}",
                severity="warning" if nothing else "information",
                timeout=10 if nothing else 6,
            )
        return None

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def focus_point(self, point: str) -> None:
        self.query_one(TimelineTable).focus()
