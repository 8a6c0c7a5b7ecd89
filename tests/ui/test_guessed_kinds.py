"""Guessed kinds: marked in the timeline until the author keeps or changes them, named by
the rubric when an entry could meet a missing point, explained in the entry form."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Select, TextArea

from wizard import timeline
from wizard.model import Detection, Kind, Postmortem, TimelineEntry, Window
from wizard.session import Session
from wizard.timeline import joined_time_lines
from wizard.ui.screens.entry_form import EntryForm
from wizard.ui.screens.help import help_groups
from wizard.ui.screens.timeline import TimelineScreen
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.rubric_panel import RubricPanel

SIZE = (110, 36)
START = datetime(2023, 1, 17, 12, 30)
PASTED = (
    "12:32 PM - A monitoring alert on queue latency paged the on-call engineer\n"
    "12:58 PM - Escalated to the database team\n"
    "1:45 PM - Rolled back the release and service was fully restored\n"
)


def draft(*entries: TimelineEntry) -> Postmortem:
    window = Window(start=START, end=datetime(2023, 1, 17, 13, 45), zone="UTC")
    return Postmortem(window=window, timeline=list(entries))


def kinds_shown(screen: TimelineScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def notes(screen: TimelineScreen) -> str:
    return str(screen.query_one("#timeline-notes").render())


async def pasted(pilot, text: str = PASTED) -> TimelineScreen:
    """The timeline screen after `text` came through the paste dialog."""
    await pilot.press("p")
    await pilot.pause()
    pilot.app.screen.query_one("#paste-text").load_text(text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


async def test_pasted_kinds_are_marked_until_kept_with_one_key(make_app, store) -> None:
    app = make_app(Session(store, "g1", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.active_bindings["k"].enabled  # nothing guessed yet
        screen = await pasted(pilot)
        assert kinds_shown(screen) == ["Detection?", "Escalation?", "Resolution?"]
        assert all(e.guessed for e in app.session.draft.timeline)
        assert "3 kinds were guessed from the wording" in notes(screen)
        assert "press k to keep them all" in notes(screen)
        assert screen.active_bindings["k"].enabled
        await pilot.press("k")
        await pilot.pause()
        assert kinds_shown(screen) == ["Detection", "Escalation", "Resolution"]
        assert not any(e.guessed for e in app.session.draft.timeline)
        assert [e.kind for e in app.session.draft.timeline] == [
            Kind.DETECTION,
            Kind.ESCALATION,
            Kind.RESOLUTION,
        ]
        assert "guessed" not in notes(screen)
        assert not screen.active_bindings["k"].enabled


async def test_saving_an_entry_keeps_its_kind_and_changing_it_too(make_app, store) -> None:
    app = make_app(Session(store, "g2", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await pasted(pilot)
        await pilot.press("enter")  # edit the first entry, save it as it is
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert kinds_shown(screen) == ["Detection", "Escalation?", "Resolution?"]
        await pilot.press("down", "enter")  # the second: a kind of the author's own
        await pilot.pause()
        app.screen.query_one("#entry-kind", Select).value = Kind.INVESTIGATION.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert kinds_shown(screen) == ["Detection", "Investigation", "Resolution?"]
        assert [e.guessed for e in app.session.draft.timeline] == [False, False, True]
        assert "1 kind was guessed" in notes(screen)


async def test_the_marks_survive_a_save_and_the_key_is_in_help_and_palette(make_app, store) -> None:
    session = Session(store, "g3", draft())
    app = make_app(session, step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await pasted(pilot)
        titles = [title for title, _, _ in screen.palette_commands()]
        assert "Timeline: keep guessed kinds" in titles
        groups = dict(help_groups(app))
        assert "timeline.accept_kinds" in [b.id for b in groups["Timeline (on the table)"]]
        assert app.save_now()
    loaded = store.load("g3")
    assert [e.guessed for e in loaded.timeline] == [True, True, True]


async def test_the_rubric_panel_names_the_entry_that_could_meet_a_point(make_app, store) -> None:
    pm = draft(
        TimelineEntry(time=START, text="Deployed release 4.2 to the queue workers"),
        TimelineEntry(
            time=START.replace(minute=40),
            kind=Kind.ESCALATION,
            text="A monitoring alert on queue latency paged the on-call engineer",
        ),
    )
    app = make_app(Session(store, "g4", pm), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(RubricPanel)
        hint = "entry 2 reads like a detection: mark it?"
        t1 = next(r for r in panel.results if r.id == "T1")
        assert t1.said == f"no detection entry; {hint}"
        shown = " ".join(str(panel.get_option("T1").prompt).split())
        assert hint in shown
        await pilot.press("down", "enter")  # mark entry 2 as the detection
        await pilot.pause()
        app.screen.query_one("#entry-kind", Select).value = Kind.DETECTION.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        t1 = next(r for r in panel.results if r.id == "T1")
        assert t1.met and not t1.hint


def note_of(form: EntryForm, control: str) -> str:
    field = form.query_one(control).parent
    assert isinstance(field, Field)
    return field.note


async def type_in(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def new_entry(pilot, text: str) -> EntryForm:
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EntryForm)
    form.query_one("#entry-text", TextArea).focus()
    await type_in(pilot, text)
    await pilot.pause()
    return form


async def test_the_form_says_why_and_a_picked_kind_is_never_guessed_again(make_app, store) -> None:
    app = make_app(Session(store, "g5", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await new_entry(pilot, "A disk alert fired")
        assert form.query_one("#entry-kind", Select).value == Kind.DETECTION.value
        assert note_of(form, "#entry-kind") == 'guessed from "a disk alert"'
        form.query_one("#entry-kind", Select).value = Kind.OTHER.value  # the author's pick
        await pilot.pause()
        assert note_of(form, "#entry-kind") == ""
        await type_in(pilot, "; rolled back and service fully restored")
        await pilot.pause()
        assert form.query_one("#entry-kind", Select).value == Kind.OTHER.value
        assert note_of(form, "#entry-kind") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = app.session.draft.timeline[0]
        assert (entry.kind, entry.guessed) == (Kind.OTHER, False)


async def test_a_guessed_entry_shows_its_place_based_reason(make_app, store) -> None:
    app = make_app(Session(store, "g6", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pasted(
            pilot,
            "12:31 PM - Deployed release 4.2\n"
            "12:32 PM - 500 error showing on the site\n"
            "12:50 PM - Rolled back 4.2\n",
        )
        assert [e.kind for e in app.session.draft.timeline][1] is Kind.DETECTION
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.press("enter")  # the second entry, still a guess
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#entry-text", TextArea).text == "500 error showing on the site"
        assert form.query_one("#entry-kind", Select).value == Kind.DETECTION.value
        assert note_of(form, "#entry-kind") == "guessed: first sign of trouble"


async def test_how_it_was_detected_picked_alone_is_kept_by_every_guess(make_app, store) -> None:
    app = make_app(Session(store, "g7", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await new_entry(pilot, "Pagers alerted the on-call engineer")
        detected = form.query_one("#entry-detected", Select)
        assert form.query_one("#entry-kind", Select).value == Kind.DETECTION.value
        assert detected.value == Detection.MONITORING.value
        detected.value = Detection.ENGINEER.value  # picked by the author; the kind is not
        await pilot.pause()
        form.query_one("#entry-text", TextArea).focus()
        await type_in(pilot, " about checkout errors")
        await pilot.pause()
        assert form.query_one("#entry-kind", Select).value == Kind.DETECTION.value
        assert detected.value == Detection.ENGINEER.value
        assert note_of(form, "#entry-kind") == 'guessed from "pagers alerted"'
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = app.session.draft.timeline[0]
        assert (entry.kind, entry.detected_by) == (Kind.DETECTION, Detection.ENGINEER)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("—", "no words say what happened yet: the kind is Other until you pick one"),
        ("12:32 PM", "no words say what happened yet: the kind is Other until you pick one"),
        ("A monitoring alert fired. " * 193, "over 2,000 characters, too long to guess a kind"),
    ],
)
async def test_an_entry_that_reads_as_nothing_is_other_and_kept(
    make_app, store, text: str, message: str
) -> None:
    app = make_app(Session(store, "g8", draft()), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#entry-text", TextArea).load_text(text)
        await pilot.pause()
        assert form.query_one("#entry-kind", Select).value == Kind.OTHER.value
        assert note_of(form, "#entry-text").startswith(message)
        assert note_of(form, "#entry-kind") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        entry = app.session.draft.timeline[0]
        assert entry.kind is Kind.OTHER and entry.text == " ".join(text.split())


async def test_pasted_lines_with_no_words_or_too_long_are_kept_as_other(make_app, store) -> None:
    long = "A monitoring alert fired and paged the on-call engineer. " * 90
    app = make_app(Session(store, "g9", draft()), step="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pasted(
            pilot, f"12:32 PM - A disk alert fired\n12:40 PM -\n12:41 PM - ???\n12:50 PM - {long}\n"
        )
        entries = app.session.draft.timeline
        assert [(e.kind, e.text) for e in entries[1:]] == [
            (Kind.OTHER, ""),
            (Kind.OTHER, "???"),
            (Kind.OTHER, long.strip()),
        ]
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Added 4 entries" in said
        assert "2 have no words and 1 is too long to guess: kept as Other" in said


async def test_a_pasted_line_with_an_impossible_time_is_named_not_joined_silently(
    make_app, store
) -> None:
    app = make_app(Session(store, "g10", draft()), step="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pasted(
            pilot,
            "12:32 PM - A disk alert fired\n25:61 - The standby took over\n"
            "12:50 PM - Service restored\n",
        )
        texts = [e.text for e in app.session.draft.timeline]
        assert any("25:61 - The standby took over" in text for text in texts)  # nothing lost
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Added 2 entries" in said
        assert (
            "1 line beginning with a time was not read as an entry "
            "('25:61 - The standby took over'): joined to the entry above" in said
        )


def test_only_lines_joined_to_an_entry_are_named() -> None:
    entries = timeline.parse_entries(
        "9:05 - Alert fired\n9.70 pods restarted\n25:30 - odd\nno time here\n9:10 - Fixed",
        None,
        "UTC",
    )
    pasted_text = "9:05 - Alert fired\n9.70 pods restarted\n25:30 - odd\n9:10 - Fixed"
    assert joined_time_lines(pasted_text, entries) == ["25:30 - odd"]
