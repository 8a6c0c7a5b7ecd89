"""Timeline: entries in time order with kinds; add, edit, duplicate, delete and undo."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from wizard.markdown import entry_time_text
from wizard.model import KIND_LABELS, TimelineEntry
from wizard.session import EditError
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.entry_form import EntryForm


class TimelineTable(DataTable[Content]):
    """The entries; every key here acts on the highlighted row."""

    BINDINGS = [
        Binding("a", "screen.add", "Add", id="timeline.add", tooltip="Add an entry"),
        Binding("enter", "screen.edit", "Edit", id="timeline.edit", tooltip="Edit the entry"),
        Binding(
            "c", "screen.duplicate", "Duplicate", id="timeline.duplicate", tooltip="Copy the entry"
        ),
        Binding(
            "d,delete", "screen.delete", "Delete", id="timeline.delete", tooltip="Delete the entry"
        ),
        Binding(
            "u",
            "screen.undo",
            "Undo delete",
            id="timeline.undo",
            tooltip="Bring back the last deleted entry",
        ),
    ]


class TimelineScreen(SectionScreen):
    """The story in time order: detection, investigation, escalation, resolution."""

    STEP = "timeline"
    INTRO = "a add · enter edit · c duplicate · d delete · u undo. Entries stay in time order."
    POINT_WIDGETS = {f"T{n}": "timeline-table" for n in range(1, 8)}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._deleted: list[tuple[int, TimelineEntry]] = []

    def compose_form(self) -> Iterable[Widget]:
        table: TimelineTable = TimelineTable(
            cursor_type="row", zebra_stripes=True, id="timeline-table"
        )
        yield table
        yield Static("", id="timeline-notes", markup=False)

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        yield "Timeline: add entry", "Add a timeline entry", self.action_add
        yield "Timeline: edit entry", "Edit the highlighted entry", self.action_edit
        yield "Timeline: duplicate entry", "Copy the highlighted entry", self.action_duplicate
        yield "Timeline: delete entry", "Delete the highlighted entry", self.action_delete
        yield "Timeline: undo delete", "Bring back the last deleted entry", self.action_undo

    def on_mount(self) -> None:
        table = self.query_one(TimelineTable)
        table.add_column("Time", key="time", width=18)
        table.add_column("Kind", key="kind", width=16)
        table.add_column("What happened", key="text")
        super().on_mount()
        table.focus()

    def load(self) -> None:
        super().load()
        self._show_rows()

    @property
    def entries(self) -> list[TimelineEntry]:
        return self.session.draft.timeline

    def _show_rows(self, cursor: int | None = None) -> None:
        table = self.query_one(TimelineTable)
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        draft = self.session.draft
        days = {e.time.date() for e in draft.timeline if e.time}
        for entry in draft.timeline:
            table.add_row(
                Content(entry_time_text(entry, draft, with_date=len(days) > 1) or "—"),
                Content(KIND_LABELS[entry.kind]),
                Content(entry.text),
            )
        if draft.timeline:
            table.move_cursor(row=max(0, min(row, len(draft.timeline) - 1)))
        self._show_notes()

    def _show_notes(self) -> None:
        if not self.entries:
            self.query_one("#timeline-notes", Static).update(
                "No entries yet: press a to add the first one (when was the issue detected?)."
            )
            return
        self.query_one("#timeline-notes", Static).update("")

    def _store(self, entries: list[TimelineEntry], focus: TimelineEntry | None) -> None:
        """Save `entries` in time order and put the cursor on `focus`."""
        ordered = self.session.draft.revised(timeline=entries).sorted_timeline()
        try:
            self.session.edit("timeline", ordered)
        except EditError as error:
            self.notify(error.message, severity="error")
            return
        cursor = next((i for i, e in enumerate(ordered) if e is focus), None)
        self._show_rows(cursor)

    def _cursor(self) -> int | None:
        table = self.query_one(TimelineTable)
        return table.cursor_row if self.entries else None

    def _open_form(self, entry: TimelineEntry | None, replace: int | None, title: str) -> None:
        window = self.session.draft.window

        def done(result: TimelineEntry | None) -> None:
            if result is None:
                return
            entries = list(self.entries)
            if replace is None:
                entries.append(result)
            else:
                entries[replace] = result
            self._store(entries, result)

        self.app.push_screen(EntryForm(entry, window.start, window.zone, title), done)

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
        self._deleted.append((index, removed))
        self._store(entries, entries[min(index, len(entries) - 1)] if entries else None)
        self.notify("Entry deleted: press u to undo", timeout=4)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo")
            return
        _, entry = self._deleted.pop()
        self._store([*self.entries, entry], entry)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def focus_point(self, point: str) -> None:
        self.query_one(TimelineTable).focus()
