"""The timeline editor with the keyboard alone: add, edit, delete, undo, duplicate, paste."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import DataTable, Input, TextArea

from wizard.drafts import MAX_BYTES, size_limit_text
from wizard.model import Detection, Kind, Postmortem, TimelineEntry, Window
from wizard.session import Session
from wizard.settings import Settings
from wizard.ui.screens.entry_form import EntryForm
from wizard.ui.screens.paste_form import PasteForm
from wizard.ui.screens.timeline import TimelineScreen
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.ribbon import ribbon_cells
from wizard.ui.widgets.wrapping_table import two_line_width

SIZE = (110, 36)
START = datetime(2023, 1, 17, 12, 30)


def draft(*entries: TimelineEntry) -> Postmortem:
    window = Window(start=START, end=datetime(2023, 1, 17, 13, 45), zone="Africa/Nairobi")
    return Postmortem(window=window, timeline=list(entries))


def rows(screen: TimelineScreen) -> list[tuple[str, str, str]]:
    table = screen.query_one(DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def type_in(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_add_entries_with_the_keyboard_keeps_time_order(make_app, store) -> None:
    app = make_app(Session(store, "t1", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for time, text in (("13:45", "Resolved"), ("12:32", "Alert fired")):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, EntryForm)
            await type_in(pilot, time)
            await pilot.press("tab")  # the text comes right after the time
            await type_in(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        # The first time typed, 13:45, is on a 24-hour clock: the draft follows the author.
        assert [r[0] for r in rows(app.screen)] == ["12:32", "13:45"]
        assert app.session.draft.clock == "24h"
        assert [e.text for e in app.session.draft.timeline] == ["Alert fired", "Resolved"]
        assert app.session.draft.timeline[0].time == datetime(2023, 1, 17, 12, 32)


async def test_edit_changes_time_and_kind_and_reorders(make_app, store) -> None:
    entries = (
        TimelineEntry(time=datetime(2023, 1, 17, 12, 40), text="Checked dashboards"),
        TimelineEntry(time=datetime(2023, 1, 17, 12, 50), text="Rolled back"),
    )
    app = make_app(Session(store, "t2", draft(*entries)), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # edit the second entry
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#entry-time", Input).value == "2023-01-17 12:50"
        await pilot.press("end", "ctrl+u", *"12:35", "tab", "tab")  # past the text, to the kind
        await pilot.press("enter")  # open the kind list
        await pilot.pause()
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        first = app.session.draft.timeline[0]
        assert (first.text, first.time.minute) == ("Rolled back", 35)
        assert first.kind is not Kind.OTHER


async def test_invalid_time_in_the_form_keeps_the_text(make_app, store) -> None:
    app = make_app(Session(store, "t3", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "25:99")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        time_input = form.query_one("#entry-time", Input)
        field = next(a for a in time_input.ancestors if isinstance(a, Field))
        assert "not a time" in field.error
        assert time_input.value == "25:99"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.draft.timeline == []


async def test_delete_then_undo_and_duplicate(make_app, store) -> None:
    entries = (
        TimelineEntry(time=datetime(2023, 1, 17, 12, 32), text="Alert", kind=Kind.DETECTION),
        TimelineEntry(time=datetime(2023, 1, 17, 13, 0), text="Escalated", kind=Kind.ESCALATION),
    )
    app = make_app(Session(store, "t4", draft(*entries)), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert [e.text for e in app.session.draft.timeline] == ["Escalated"]
        await pilot.press("u")
        await pilot.pause()
        assert [e.text for e in app.session.draft.timeline] == ["Alert", "Escalated"]
        await pilot.press("c")
        await pilot.pause()
        assert [e.text for e in app.session.draft.timeline] == ["Alert", "Alert", "Escalated"]
        notes = str(app.screen.query_one("#timeline-notes").render())
        assert "entries 1 and 2 are both at 12:32 PM" in notes


async def test_paste_many_lines_infers_kinds(make_app, store) -> None:
    app = make_app(Session(store, "t5", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PasteForm)
        app.screen.query_one("#paste-text").load_text(
            "12:32 PM - Pagers alerted the on-call engineer\n"
            "12:58 PM - Escalated to the database team\n"
            "1:45 PM - Rolled back the release and the issue was resolved\n"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        kinds = [e.kind for e in app.session.draft.timeline]
        assert kinds == [Kind.DETECTION, Kind.ESCALATION, Kind.RESOLUTION]
        metrics = str(app.screen.query_one("#metrics").render())
        assert "Detected +2 min" in metrics and "escalated +28 min" in metrics
        assert "resolved +1 h 15 min" in metrics


def test_ribbon_marks_detection_escalation_and_resolution() -> None:
    pm = draft(
        TimelineEntry(time=datetime(2023, 1, 17, 12, 30), kind=Kind.DETECTION, text="a"),
        TimelineEntry(time=datetime(2023, 1, 17, 13, 0), kind=Kind.ESCALATION, text="b"),
        TimelineEntry(time=datetime(2023, 1, 17, 13, 45), kind=Kind.RESOLUTION, text="c"),
        TimelineEntry(time=datetime(2023, 1, 17, 13, 15), kind=Kind.OTHER, text="d"),
    )
    cells = ribbon_cells(pm, 11)
    assert cells == "D━━━E━·━━━R"


async def test_a_new_entry_guesses_its_kind_from_the_words(make_app, store) -> None:
    app = make_app(Session(store, "t6", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "12:40")
        await pilot.press("tab")
        await type_in(pilot, "A customer reported failed payments")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#entry-kind").value == "detection"
        assert form.query_one("#entry-detected").value == "customer"
        await pilot.press("enter")
        await pilot.pause()
        entry = app.session.draft.timeline[0]
        assert (entry.kind, entry.detected_by) == (Kind.DETECTION, Detection.CUSTOMER)


async def test_a_kind_picked_by_hand_is_kept(make_app, store) -> None:
    entries = (TimelineEntry(time=START, kind=Kind.MITIGATION, text="Rolled back"),)
    app = make_app(Session(store, "t7", draft(*entries)), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "end")
        await type_in(pilot, " and the alert fired")
        await pilot.pause()
        assert app.screen.query_one("#entry-kind").value == "mitigation"


async def test_what_happened_wraps_and_enter_saves_the_entry(make_app, store) -> None:
    text = (
        "The on-call engineer checked the payment provider's status page and the dashboards. "
        "Latency on checkout was ten times normal."
    )
    app = make_app(Session(store, "wrap", draft()), step="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "12:36")
        await pilot.press("tab")
        area = app.screen.query_one("#entry-text", TextArea)
        assert app.focused is area
        area.insert(text)
        await pilot.pause()
        assert area.wrapped_document.height > 1  # two sentences wrap, never scroll sideways
        assert area.scroll_x == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert app.session.draft.timeline[0].text == text


@pytest.mark.parametrize(("dayfirst", "day"), [(False, date(2023, 5, 6)), (True, date(2023, 6, 5))])
async def test_the_entry_form_and_the_paste_dialog_follow_the_date_order(
    make_app, store, dayfirst: bool, day: date
) -> None:
    app = make_app(Session(store, "order", draft()), step="timeline")
    app.settings = Settings(dayfirst=dayfirst)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "05/06/2023 12:40")
        await pilot.press("tab")
        await type_in(pilot, "Checked the dashboards")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#paste-text", TextArea).load_text(
            "05/06/2023 12:50 - Rolled back\n17/01/2023 13:00 - Resolved\n"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        dates = sorted(e.time.date() for e in app.session.draft.timeline)
        # 17/01/2023 has one reading whatever the order: January 17.
        assert dates == sorted([day, day, date(2023, 1, 17)])


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("12:32 PM (9:32 AM UTC)", 13),  # "12:32 PM" / "(9:32 AM UTC)"
        ("Investigation?", 14),  # one word: never cut
        ("Misleading path?", 10),
        ("", 0),
    ],
)
def test_a_cell_wraps_onto_two_lines_at_least(text: str, width: int) -> None:
    assert two_line_width(text) == width


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_times_in_two_zones_leave_the_entries_room_and_nothing_is_cut(make_app, store, size):
    from wizard.example import example_postmortem

    draft = example_postmortem()
    guessed = [entry.model_copy(update={"guessed": True}) for entry in draft.timeline]
    app = make_app(Session(store, "zones", draft.revised(second_zone="UTC", timeline=guessed)))
    async with app.run_test(size=size) as pilot:
        app.go_to("timeline")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("TimelineTable", DataTable)
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        assert table.virtual_size.width <= table.size.width, widths  # no column cut off
        assert widths["text"] >= 10, widths
        # Each time shows whole, on two lines at most, where one would leave no room.
        assert widths["time"] >= two_line_width("1:05 PM (10:05 AM UTC)"), widths


async def _paste(pilot, app, text: str) -> str:
    """Paste `text` in the paste dialog and press ctrl+s; the message under the text."""
    await pilot.press("p")
    await pilot.pause()
    app.screen.query_one("#paste-text", TextArea).load_text(text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    error = app.screen.query(".field-error").first()
    return str(error.render()) if error.display else ""


async def test_a_paste_over_the_size_limit_is_refused_at_the_text(make_app, store) -> None:
    app = make_app(Session(store, "huge", draft()), step="timeline")
    line = "12:32 PM - Pagers alerted the team\n"
    text = line * (MAX_BYTES // len(line) + 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = await _paste(pilot, app, text)
        assert isinstance(app.screen, PasteForm)
        assert said.startswith("✗ This paste is") and size_limit_text() in said
        assert app.screen.query_one("#paste-text", TextArea).text == text  # nothing lost
        assert app.session.draft.timeline == [] and app.session.draft.clock is None
        app.screen.query_one("#paste-text", TextArea).load_text(line * 3)
        await pilot.pause()
        assert not app.screen.query_one(".field-error").display  # the text changed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PasteForm)
        assert len(app.session.draft.timeline) == 3


async def test_a_paste_of_more_entries_than_a_draft_can_save_is_refused(make_app, store) -> None:
    """Each entry takes more room in the draft file than its line: the paste is refused when
    the draft it would make could not be saved, not only when the text is too big."""
    app = make_app(Session(store, "many", draft()), step="timeline")
    lines = [
        f"{h % 12 + 1}:{m:02d} PM - Checked shard {h * 60 + m}"
        for h in range(24)
        for m in range(60)
    ]
    text = "\n".join(lines)
    assert len(text.encode()) < MAX_BYTES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = await _paste(pilot, app, text)
        assert isinstance(app.screen, PasteForm)
        assert f"These {len(lines)} entries are too many: the draft would be" in said
        assert size_limit_text() in said
        assert app.session.draft.timeline == []
