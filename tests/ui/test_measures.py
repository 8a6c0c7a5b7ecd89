"""The measures lists: rows drawn from the draft's tasks and improvements, each change a
proposal of the new list that the screen applies to the draft."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input
from waiting import until

from wizard.example import example_postmortem
from wizard.model import Task
from wizard.session import Session
from wizard.ui.tasks import read_due
from wizard.ui.widgets.list_editor import ListEditor

SIZE = (110, 36)


def table_rows(app, editor_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{editor_id} DataTable", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_rows_are_the_drafts_tasks(make_app, store) -> None:
    draft = example_postmortem()
    app = make_app(Session(store, "rows", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#tasks", ListEditor)
        assert editor.items == draft.tasks
        assert all(isinstance(item, Task) for item in editor.items)
        last = draft.tasks[-1]
        assert table_rows(app, "tasks")[-1] == [last.text, last.owner or "", "", "✓"]
        first = draft.tasks[0]
        assert table_rows(app, "tasks")[0][0] == f"{first.text} ({first.type}, {first.priority})"
        assert [row[0] for row in table_rows(app, "improvements")] == draft.improvements


async def test_moving_a_task_moves_it_in_the_draft(make_app, store) -> None:
    draft = example_postmortem()
    first, second = draft.tasks[:2]
    app = make_app(Session(store, "move", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#tasks DataTable").focus()
        await pilot.press("ctrl+down")
        await until(pilot, lambda: app.session.draft.tasks[:2] == [second, first], "the move")
        assert table_rows(app, "tasks")[1][0].startswith(first.text)
        await pilot.press("ctrl+up")
        await until(pilot, lambda: app.session.draft.tasks[:2] == [first, second], "the move back")


async def test_editing_a_task_loads_it_and_replaces_it(make_app, store) -> None:
    draft = example_postmortem()
    app = make_app(Session(store, "edit", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#tasks DataTable").focus()
        await pilot.press("enter")
        await pilot.pause()
        owner = app.screen.query_one("#tasks .col-owner", Input)
        assert owner.value == (draft.tasks[0].owner or "")
        owner.value = "Wanjiru"
        owner.focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.session.draft.tasks[0].owner == "Wanjiru", "the edit")
        assert app.session.draft.tasks[0].text == draft.tasks[0].text
        assert app.session.draft.tasks[1:] == draft.tasks[1:]
        assert table_rows(app, "tasks")[0][1] == "Wanjiru"


async def test_a_tasks_type_and_priority_are_typed_in_the_form(make_app, store) -> None:
    draft = example_postmortem()
    app = make_app(Session(store, "details", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def field(name: str) -> Input:
            return app.screen.query_one(f"#tasks .col-{name}", Input)

        field("text").value = "Page the database team on pool exhaustion"
        field("type").value = "Bogus"
        field("text").focus()
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#tasks .field-error").render())
        assert "Type: " in error and "'detect'" in error
        assert app.session.draft.tasks == draft.tasks
        field("type").value = "Detect"
        field("priority").value = "p0"
        field("text").focus()
        await pilot.press("enter")
        await until(pilot, lambda: len(app.session.draft.tasks) == len(draft.tasks) + 1, "the add")
        added = app.session.draft.tasks[-1]
        assert (added.type, added.priority) == ("detect", "P0")
        assert table_rows(app, "tasks")[-1][0].endswith("pool exhaustion (detect, P0)")


async def test_typing_into_an_item_loaded_for_editing_adds_to_its_text(make_app, store) -> None:
    draft = example_postmortem()
    app = make_app(Session(store, "edit-more", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#improvements DataTable").focus()
        await pilot.press("enter")
        await pilot.pause()
        text = app.screen.query_one("#improvements Input", Input)
        assert app.focused is text and text.value == draft.improvements[0]
        await pilot.press(*" soon")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: app.session.draft.improvements[0] == f"{draft.improvements[0]} soon",
            "the item with the words added",
        )


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("Feb 3", date(2027, 2, 3)),  # earlier in the year than the incident: the next one
        ("Dec 12", date(2026, 12, 12)),
        ("Nov 28", date(2026, 11, 28)),  # the incident's own day
        ("02/03", date(2027, 2, 3)),
        ("2026-02-03", date(2026, 2, 3)),  # a year written is kept, even before the incident
        ("3 February 2026", date(2026, 2, 3)),
        ("", None),
    ],
)
def test_a_due_date_without_a_year_falls_after_the_incident(written: str, due) -> None:
    assert read_due({"due": written}, date(2026, 11, 28), dayfirst=False) == due


async def test_an_error_under_the_list_form_goes_once_its_text_is_changed(make_app, store):
    draft = example_postmortem()
    app = make_app(Session(store, "stale", draft), step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#tasks", ListEditor)
        form = editor.query_one(".col-due", Input)
        editor.query_one(".col-text", Input).value = "Add a check on pool sizes"
        form.value = "Feb 30"
        form.focus()
        await pilot.press("enter")
        await until(pilot, lambda: "Feb 30" in editor.query_one(".field-error").content, "error")
        await pilot.press("backspace", "backspace", "3")
        await until(pilot, lambda: not editor.query_one(".field-error").display, "error gone")
        note = editor.query_one(".field-note")
        assert note.display and "February 3" in str(note.content)
        assert len(app.session.draft.tasks) == len(draft.tasks)  # nothing was added
