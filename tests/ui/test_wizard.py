"""The wizard's behaviour: resume, live counts, validation at the field, autosave, keys."""

from __future__ import annotations

import gc
import json
import weakref
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, TextArea
from waiting import autosaved, search_palette, until

from wizard.drafts import read_draft
from wizard.example import example_postmortem
from wizard.model import Postmortem, Window
from wizard.opening import session_for
from wizard.rubric import evaluate
from wizard.session import Session
from wizard.ui.screens.help import HelpScreen
from wizard.ui.screens.review import ReviewScreen
from wizard.ui.screens.root_cause import RootCauseScreen
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.screens.timeline import TimelineScreen
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.word_count import WordCount

SIZE = (110, 36)


def field_error(screen, widget_id: str) -> str:
    widget = screen.query_one(f"#{widget_id}")
    field = next(a for a in widget.ancestors_with_self if isinstance(a, Field))
    return field.error


async def test_resume_restores_every_field_and_opens_first_incomplete(make_app, store) -> None:
    draft = example_postmortem().revised(tasks=[])  # C2 now missing
    store.save("half", draft)
    session = session_for(store, "resume", None, None)
    assert session is not None and session.name == "half"
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.id == "step-measures"
        app.go_to("summary")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#title", Input).value == draft.title
        assert screen.query_one("#start", Input).value == "2023-01-17 12:30"
        assert screen.query_one("#end", Input).value == "2023-01-17 13:45"
        assert screen.query_one("#zone", Input).value == "Africa/Nairobi"
        assert screen.query_one("#percent", Input).value == "62"
        assert screen.query_one("#down", TextArea).text == draft.impact.down
        app.go_to("timeline")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == len(draft.timeline)
        app.go_to("root_cause")
        await pilot.pause()
        assert app.screen.query_one("#root-cause", TextArea).text == draft.root_cause


async def test_complete_draft_resumes_on_review_with_save_focused(make_app, store) -> None:
    store.save("done", example_postmortem())
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is not None and app.focused.id == "save-markdown"
        assert "# Checkout outage" in app.screen.preview_source
        app.screen.query_one("#preview").scroll_visible(animate=False)
        await pilot.pause()
        assert "Duka" in app.export_screenshot()


async def test_word_count_updates_while_typing(make_app, store) -> None:
    app = make_app(Session(store, "words"), step="root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RootCauseScreen)
        counter = app.screen.query_one(WordCount)
        before = app.session.total_words
        await pilot.press(*["space" if c == " " else c for c in "one two three four five"])
        await until(pilot, lambda: "5 yours" in str(counter.render()), "the count of typed words")
        assert app.session.words["root_cause"] >= 7  # heading words + five typed
        assert app.session.total_words == before + 5 + 2  # "### Root Cause" appears too
        assert f"Total: {app.session.total_words} words, 5 yours" in str(counter.render())
        assert counter.has_class("-under")


async def test_the_sidebar_counts_the_document_and_says_how_much_is_yours(make_app, store) -> None:
    app = make_app(Session(store, "yours"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        counter = app.screen.query_one(WordCount)
        empty = app.session.total_words
        assert empty > 0  # headings: W1 counts the document, generated lines included
        assert f"Total: {empty} words, 0 yours" in str(counter.render())
    app = make_app(Session(store, "example-yours", example_postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        counter = app.screen.query_one(WordCount)
        total, yours = app.session.total_words, app.session.your_words
        assert total == evaluate(example_postmortem()).total
        assert 0 < yours < total
        assert f"Total: {total} words, {yours} yours" in str(counter.render())


async def test_invalid_percent_shows_message_and_keeps_text(make_app, store) -> None:
    app = make_app(Session(store, "bad"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#percent", Input).focus()
        await pilot.press("2", "5", "0")
        await pilot.pause()
        assert "250% is not a share of users" in field_error(app.screen, "percent")
        assert app.screen.query_one("#percent", Input).value == "250"
        assert app.session.draft.impact.percent == 25  # the last valid value stays
        await pilot.press("backspace")
        await pilot.pause()
        assert field_error(app.screen, "percent") == ""
        assert app.session.draft.impact.percent == 25


async def test_end_before_start_is_reported_at_end(make_app, store) -> None:
    app = make_app(Session(store, "window"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        screen.query_one("#start", Input).value = "2023-01-17 14:00"
        screen.query_one("#end", Input).value = "2023-01-17 13:45"
        await pilot.pause()
        assert "end 13:45 is before start 14:00" in field_error(screen, "end")
        assert screen.query_one("#end", Input).value == "2023-01-17 13:45"
        screen.query_one("#zone", Input).value = "Europ/Berlin"
        await pilot.pause()
        assert "did you mean Europe/Berlin" in field_error(screen, "zone")


async def test_autosave_reaches_the_disk(make_app, store) -> None:
    app = make_app(Session(store, "auto"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Disk", "space", *"full")
        await autosaved(pilot)
        on_disk = json.loads(store.path("auto").read_text())
        assert on_disk["title"] == "Disk full"
        assert on_disk["schema"] == 3
        assert "saved" in app.sub_title


async def test_quit_saves_text_typed_just_before(make_app, store) -> None:
    app = make_app(Session(store, "quit"), step="root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"lost", "space", *"nothing")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert read_draft(store.path("quit")).root_cause == "lost nothing"


async def test_a_save_holds_what_the_fields_show_before_their_change_is_handled(
    make_app, store
) -> None:
    """A save on a signal can come between a key drawn in a field and the field's change
    message: what the fields show is saved all the same."""
    app = make_app(Session(store, "drawn"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        service = app.screen.query_one("#service", Input)
        with service.prevent(Input.Changed):
            service.value = "Checkout API"
        experience = app.screen.query_one("TextArea", TextArea)
        with experience.prevent(TextArea.Changed):
            experience.load_text("Orders failed")
        assert app.save_now()
    saved = read_draft(store.path("drawn"))
    assert saved.service == "Checkout API"
    assert experience.name and "Orders failed" in json.dumps(saved.model_dump(mode="json"))


async def test_a_new_draft_takes_its_title_s_name_when_the_next_step_is_shown(
    make_app, store
) -> None:
    app = make_app(Session(store, "postmortem-2026-11-30"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"DB", "space", *"outage", "ctrl+n")
        await until(pilot, lambda: app.session is not None and app.session.name == "db-outage")
        assert "db-outage" in app.sub_title


async def test_next_previous_keys_and_stepper(make_app, store) -> None:
    app = make_app(Session(store, "nav", Postmortem(window=Window(start=datetime(2023, 1, 1)))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.click("#stepper", offset=(5, 4))  # the fifth line: Review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_help_lists_every_key(make_app, store) -> None:
    app = make_app(Session(store, "help"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {k for _, bindings in app.screen.groups for b in bindings for k in b.key.split(",")}
        assert {"ctrl+n", "ctrl+b", "alt+right", "alt+left", "ctrl+s", "ctrl+q", "f1"} <= keys
        assert {"ctrl+p", "ctrl+o", "ctrl+r", "ctrl+g"} <= keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


DRAFT_COMMANDS = {
    "Save Markdown…",
    "Export HTML…",
    "Export JSON…",
    "Import a file…",
    "Rename draft…",
    "Switch to day-first dates",
    "Switch to 24-hour times",
    "Change the time zone…",
    "Theme",
}
"""What the palette offers on every step, each named for what it will do."""


@pytest.mark.parametrize("step", ["summary", "timeline", "root_cause", "measures", "review"])
async def test_every_steps_palette_has_the_draft_commands(make_app, store, step: str) -> None:
    app = make_app(Session(store, "palette"), step=step)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {c.title for c in app.get_system_commands(app.screen)} >= DRAFT_COMMANDS


async def test_palette_offers_every_step(make_app, store) -> None:
    app = make_app(Session(store, "palette"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Go to: Timeline", "Save draft", "Quit"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await search_palette(pilot, "Go to: Root", "Go to: Root")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RootCauseScreen)


async def test_review_save_never_overwrites_silently(make_app, store, tmp_path) -> None:
    store.save("done", example_postmortem())
    target = tmp_path / "checkout-outage-at-duka-online.md"
    target.write_text("keep me")
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Save Markdown
        await pilot.pause()
        await pilot.press("enter")  # default path
        await pilot.pause()
        await pilot.press("enter")  # "Cancel" is focused on the overwrite question
        await pilot.pause()
        assert target.read_text() == "keep me"
        # Back at the path, as typed, to write elsewhere or try again.
        path = app.screen.query_one("#prompt-value", Input)
        assert path.value == "./checkout-outage-at-duka-online.md"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # Overwrite
        await pilot.pause()
        assert target.read_text().startswith("# Checkout outage at Duka Online")
        assert str(target) in str(app.screen.query_one("#saved-path").render())


async def save_as(pilot, typed: str) -> str:
    """Save Markdown (focused on the review) at `typed`; the error under the path, if any."""
    await pilot.press("enter")  # Save Markdown
    await pilot.pause()
    pilot.app.screen.query_one("#prompt-value", Input).value = typed
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    found = pilot.app.screen.query(".field-error")
    return str(found.first().render()) if found and found.first().display else ""


async def test_saving_to_a_missing_folder_says_so_at_the_path_and_keeps_it(
    make_app, store, tmp_path
) -> None:
    store.save("done", example_postmortem())
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        typed = str(tmp_path / "no-such-folder" / "pm.md")
        error = await save_as(pilot, typed)
        assert f"the folder {tmp_path / 'no-such-folder'} does not exist" in error
        assert app.screen.query_one("#prompt-value", Input).value == typed  # still open
        app.screen.query_one("#prompt-value", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert f"{tmp_path} is a folder" in str(app.screen.query_one(".field-error").render())
        app.screen.query_one("#prompt-value", Input).value = str(tmp_path / "pm.md")
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "pm.md").exists(), "the file written")


async def test_saving_over_the_draft_or_a_file_of_the_drafts_folder_is_refused_at_the_path(
    make_app, store
) -> None:
    draft = store.save("done", example_postmortem())
    before = draft.read_bytes()
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        error = await save_as(pilot, str(draft))
        assert f"{draft} is the draft being exported" in error
        path = app.screen.query_one("#prompt-value", Input)
        assert path.value == str(draft)  # still open, to give another file
        path.value = str(store.root / "keys.toml")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one(".field-error").render())
        assert f"{store.root / 'keys.toml'} is a file pmwizard keeps in the drafts folder" in said
    assert draft.read_bytes() == before
    assert not (store.root / "keys.toml").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a /proc nobody can write in")
async def test_a_file_that_cannot_be_written_brings_the_path_back_with_why(make_app, store) -> None:
    store.save("done", example_postmortem())
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        error = await save_as(pilot, "/proc/pmwizard-cannot-write-here.md")
        assert "cannot write /proc/pmwizard-cannot-write-here.md" in error
        assert app.screen.query_one("#prompt-value", Input).value.startswith("/proc/")


async def test_unsorted_import_text_is_shown_and_editable(make_app, store) -> None:
    draft = Postmortem(unsorted="Lessons learned: keep the runbook current.")
    app = make_app(Session(store, "unsorted", draft), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query("#unsorted-field")
        area = app.screen.query_one("#unsorted", TextArea)
        assert area.text == draft.unsorted
        area.load_text("")
        area.post_message(TextArea.Changed(area))
        await until(pilot, lambda: app.session.draft.unsorted == "", "the emptied text applied")


async def test_unsorted_field_is_hidden_when_empty(make_app, store) -> None:
    app = make_app(Session(store, "sorted"), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#unsorted-field")


async def test_palette_offers_the_list_actions_on_measures(make_app, store) -> None:
    app = make_app(Session(store, "lists", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Improvements: add", "Tasks: delete"} <= set(titles)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Tasks: add")
        command.callback()
        await pilot.pause()
        assert app.focused is not None and "col-text" in app.focused.classes


async def test_a_task_typed_field_by_field_with_tab_lands_in_its_columns(make_app, store) -> None:
    app = make_app(Session(store, "tabs", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#tasks .col-text", Input).focus()
        fields = ("Add a pool size check", " ", "Amina", "Feb 1", "prevent", "P2", "OPS-12")
        for text in fields:
            if text == " ":  # the Done box, beside the task: space ticks it
                assert app.focused is app.screen.query_one("#tasks .col-done", Checkbox)
                await pilot.press("space", "tab")
                continue
            for char in text:
                await pilot.press("space" if char == " " else char)
            await pilot.press("tab")
        assert app.focused is app.screen.query_one("#tasks .list-submit")
        await pilot.press("enter")
        await pilot.pause()
        task = app.session.draft.tasks[-1]
        assert (task.text, task.owner, str(task.due), task.done) == (
            "Add a pool size check",
            "Amina",
            "2023-02-01",  # the incident's year
            True,
        )
        assert (task.type, task.priority, task.link) == ("prevent", "P2", "OPS-12")
        table = app.screen.query_one("#tasks DataTable")
        assert [str(cell) for cell in table.get_row_at(table.row_count - 1)][2:] == [
            "2023-02-01",
            "✓",
        ]


async def test_a_deleted_list_item_comes_back_with_u(make_app, store) -> None:
    app = make_app(Session(store, "undo", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = list(app.session.draft.improvements)
        app.screen.query_one("#improvements DataTable").focus()
        await pilot.press("down", "d")
        await pilot.pause()
        assert app.session.draft.improvements == [before[0], *before[2:]]
        await pilot.press("u")
        await pilot.pause()
        assert app.session.draft.improvements == before


async def test_a_task_with_a_bad_due_date_is_refused_at_the_form(make_app, store) -> None:
    app = make_app(Session(store, "bad-task", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = list(app.session.draft.tasks)
        inputs = {
            name: app.screen.query_one(f"#tasks .col-{name}", Input)
            for name in ("text", "owner", "due")
        }
        inputs["text"].value = "Renew the certificate"
        inputs["due"].value = "2023-02-30"
        inputs["text"].focus()
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#tasks .field-error").render())
        assert "Due: 2023-02-30 is not a date: February 2023 has 28 days" in error
        assert app.session.draft.tasks == before
        assert inputs["due"].value == "2023-02-30"  # what was typed stays


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Apr 4 2025", "2025-04-04"),
        ("Apr 4", "2023-04-04"),
        ("4 April", "2023-04-04"),
        ("2025-04-04", "2025-04-04"),
        ("04/04", "2023-04-04"),
    ],
)
async def test_due_takes_the_forms_the_start_takes_and_shows_what_it_read(
    make_app, store, typed: str, read: str
) -> None:
    app = make_app(Session(store, "due", example_postmortem()), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#tasks")
        app.screen.query_one("#tasks .col-text", Input).value = "Renew the certificate"
        due = app.screen.query_one("#tasks .col-due", Input)
        due.value = typed
        await pilot.pause()
        note = str(editor.query_one(".field-note").render())
        assert f"{date.fromisoformat(read):%B} {date.fromisoformat(read).day}" in note
        due.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.session.draft.tasks[-1].due) == read
        table = editor.query_one(DataTable)
        assert str(table.get_row_at(table.row_count - 1)[2]) == read


async def test_the_palette_has_one_quit_and_one_help(make_app, store) -> None:
    app = make_app(Session(store, "palette", example_postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Quit") == 1 and titles.count("Help") == 1
        assert "Keys" not in titles


@pytest.mark.parametrize(("size", "owner_room"), [((100, 30), 30), ((80, 24), 14)])
async def test_owner_due_and_the_task_columns_fit(make_app, store, size, owner_room) -> None:
    app = make_app(Session(store, "room", example_postmortem()), step="measures")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#tasks .col-due", Input)
        owner = app.screen.query_one("#tasks .col-owner", Input)
        assert due.content_region.width >= len("2025-03-28") + 1  # the cursor after it too
        assert owner.content_region.width >= owner_room
        for table in app.screen.query(DataTable):
            widths = sum(c.get_render_width(table) for c in table.columns.values())
            assert widths <= table.scrollable_content_region.width  # no header cut ("Don")


async def test_garbage_collection_paused_for_start_up_resumes_after_the_first_frame(
    make_app,
) -> None:
    gc.disable()  # as `pmwizard` starts the app
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_the_first_step_let_go_is_collected_after_a_paused_start_up(make_app, store) -> None:
    """Start-up's long-lived objects are left out of collections, the first screen is not:
    once the person moves on, that step's widgets are freed like any other step's."""
    gc.disable()  # as `pmwizard` starts the app: collection paused, start-up left out
    gc.freeze()
    try:
        app = make_app(Session(store, "room", example_postmortem()), step="summary")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first = weakref.ref(app.screen)
            app.go_to("timeline")
            await pilot.pause()
            await pilot.pause()
            gc.collect()
            assert first() is None
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_resumed_first_step_has_its_title_focused_to_add_to(make_app, store) -> None:
    """The title takes the focus as the step is shown, before the form is filled: its text is
    not selected (a key typed would replace a whole title), the cursor waits at its end."""
    draft = example_postmortem().revised(impact=example_postmortem().impact.revised(percent=None))
    store.save("half", draft)
    app = make_app(session_for(store, "resume", None, None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        title = screen.query_one("#title", Input)
        assert app.focused is title
        assert title.selection.is_empty and title.cursor_position == len(draft.title)
        assert screen.query_one("#stepper").has_focus is False
        await pilot.press("X")
        await until(
            pilot,
            lambda: app.session is not None and app.session.draft.title == f"{draft.title}X",
        )


async def test_a_key_typed_on_a_step_gone_back_to_adds_to_its_field(make_app, store) -> None:
    store.save("done", example_postmortem())
    app = make_app(session_for(store, "resume", None, "done"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        while not isinstance(app.screen, SummaryScreen):
            await pilot.press("ctrl+b")
            await pilot.pause()
        assert app.focused is app.screen.query_one("#title", Input)
        await pilot.press("X")
        title = example_postmortem().title
        await until(pilot, lambda: app.session.draft.title == f"{title}X", "the key added")
        await pilot.press("tab", "Y")  # the next field too: added to, not replaced
        await until(pilot, lambda: app.session.draft.service.endswith("Y"), "added to service")
        assert app.session.draft.service == f"{example_postmortem().service}Y"
