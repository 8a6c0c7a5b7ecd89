"""A field's text too long for a draft to save: refused at the field, kept there, the draft
saving on with what it held."""

from __future__ import annotations

from textual.widgets import Input, TextArea
from ui_helpers import example_app, type_text
from waiting import until

from wizard.drafts import MAX_BYTES, size_limit_text
from wizard.example import example_postmortem
from wizard.ui.widgets.field import Field

SIZE = (110, 36)
LONG = ("Connections ran out in the pool as retries piled up. " * 20 + "\n") * (
    MAX_BYTES // 1000 + 20
)
"""Lines as a paste from a log would bring, together just over the size limit."""


def error_at(widget: Input | TextArea) -> str:
    field = next(a for a in widget.ancestors if isinstance(a, Field))
    return field.error


async def test_a_text_area_pasted_past_the_limit_keeps_the_text_and_the_draft_saves(
    make_app, store
) -> None:
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE) as pilot:
        area = app.screen.query_one("#root-cause", TextArea)
        area.focus()
        await type_text(pilot, LONG)
        app.screen.flush()
        assert "this text is" in error_at(area) and size_limit_text() in error_at(area)
        assert LONG in area.text  # what was pasted is still there to shorten
        assert app.session.draft.root_cause == example_postmortem().root_cause
        resolution = app.screen.query_one("#resolution", TextArea)
        resolution.focus()
        await type_text(pilot, " Checked by the on-call engineer the next day.")
        app.screen.flush()
        assert app.save_now()
        saved = store.load("draft")
        assert "Checked by the on-call engineer the next day." in saved.resolution
        assert saved.root_cause == example_postmortem().root_cause
        assert "NOT SAVED" not in app.sub_title
        area.focus()
        area.load_text(area.text[: len(area.text) // 4])  # shortened: taken, the message goes
        await until(pilot, lambda: not error_at(area), "the message gone")
        app.screen.flush()
        assert app.session.draft.root_cause == area.text
        assert app.save_now()


async def test_a_title_past_the_limit_is_refused_at_the_title(make_app, store) -> None:
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE) as pilot:
        title = app.screen.query_one("#title", Input)
        title.focus()
        await type_text(pilot, LONG.replace("\n", " "))
        await until(pilot, lambda: size_limit_text() in error_at(title), "the title's message")
        assert len(title.value) > MAX_BYTES
        assert app.session.draft.title == example_postmortem().title
        app.save_now()
        assert "NOT SAVED" not in app.sub_title
        assert store.load("draft").title == example_postmortem().title


async def test_texts_that_together_would_not_save_name_the_field_that_went_over(
    make_app, store
) -> None:
    half = LONG[: len(LONG) // 2]
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE) as pilot:
        root_cause = app.screen.query_one("#root-cause", TextArea)
        resolution = app.screen.query_one("#resolution", TextArea)
        root_cause.load_text(half)
        await until(pilot, lambda: app.session.draft.root_cause == half, "the root cause taken")
        resolution.load_text(half)
        await until(pilot, lambda: "shorten this text or another" in error_at(resolution))
        assert not error_at(root_cause) and resolution.text == half
        app.save_now()
        assert app.unsaved is None and "NOT SAVED" not in app.sub_title
        assert store.load("draft").root_cause == half


async def test_an_entry_too_long_to_save_is_refused_in_its_form(make_app, store) -> None:
    from wizard.ui.screens.entry_form import EntryForm

    app = example_app(make_app, store, "timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = list(app.session.draft.timeline)
        await pilot.press("a")
        await pilot.pause()
        area = app.screen.query_one("#entry-text", TextArea)
        area.load_text(LONG)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm) and area.text == LONG
        assert size_limit_text() in error_at(area)
        assert app.session.draft.timeline == entries
