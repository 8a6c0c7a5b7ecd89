"""Step screens are let go when left and built again from the draft: nothing typed is lost,
and a screen holding what the draft does not (refused text, an undo history) stays."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable, Input, TextArea

from wizard.example import example_postmortem
from wizard.model import Postmortem, TimelineEntry, Window
from wizard.session import Session

SIZE = (110, 36)


async def visit(app, pilot, step: str) -> None:
    app.go_to(step)
    await pilot.pause()
    await pilot.pause()


async def test_only_the_step_on_show_stays_built(make_app, store) -> None:
    app = make_app(Session(store, "walk", example_postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            for step in app.steps:
                await visit(app, pilot, step)
                assert [s.STEP for s in app.step_screens()] == [step]
                assert app.current_step() == step


async def test_typed_text_survives_leaving_a_step_at_once(make_app, store) -> None:
    app = make_app(Session(store, "typed", Postmortem()), step="root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#root-cause", TextArea)
        area.focus()
        await pilot.press(*"Pool")
        await visit(app, pilot, "summary")  # before the typing debounce ran
        await visit(app, pilot, "root_cause")
        assert app.screen.query_one("#root-cause", TextArea).text == "Pool"
        assert app.session is not None and app.session.draft.root_cause == "Pool"


async def test_refused_text_keeps_its_screen(make_app, store) -> None:
    app = make_app(Session(store, "refused", Postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#percent", Input).value = "250"
        await pilot.pause()
        await visit(app, pilot, "timeline")
        await visit(app, pilot, "summary")
        assert app.screen is screen
        percent = app.screen.query_one("#percent", Input)
        assert percent.value == "250"
        # It let go of its drawn lines when left, and draws them again.
        assert any("250" in percent.render_line(y).text for y in range(percent.size.height))


async def test_a_timeline_undo_survives_other_steps(make_app, store) -> None:
    start = datetime(2023, 1, 17, 12, 30)
    window = Window(start=start, end=datetime(2023, 1, 17, 13, 45), zone="Africa/Nairobi")
    entry = TimelineEntry(time=start, text="Pagers alerted the team")
    app = make_app(Session(store, "undo", Postmortem(window=window, timeline=[entry])))
    async with app.run_test(size=SIZE) as pilot:
        await visit(app, pilot, "timeline")
        app.screen.query_one(DataTable).focus()
        await pilot.press("d")
        await pilot.pause()
        await visit(app, pilot, "summary")
        await visit(app, pilot, "timeline")
        app.screen.query_one(DataTable).focus()
        await pilot.press("u")
        await pilot.pause()
        assert app.session is not None
        assert [e.text for e in app.session.draft.timeline] == ["Pagers alerted the team"]


async def test_a_rebuilt_step_comes_back_as_it_was_left(make_app, store) -> None:
    long = "\n".join(f"Line {n} of what caused it." for n in range(60))
    draft = example_postmortem().model_copy(update={"root_cause": long})
    app = make_app(Session(store, "view", draft))
    async with app.run_test(size=(100, 24)) as pilot:
        await visit(app, pilot, "root_cause")
        left = app.screen
        area = left.query_one("#root-cause", TextArea)
        area.focus()
        area.move_cursor((40, 5))
        await pilot.pause()
        resolution = left.query_one("#resolution", TextArea)
        resolution.move_cursor((0, 3))
        form = left.query_one("#form")
        form.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        scrolled = (area.scroll_y, form.scroll_y)
        assert scrolled[0] > 0 and scrolled[1] > 1
        await visit(app, pilot, "summary")
        await visit(app, pilot, "root_cause")
        back = app.screen
        assert back is not left  # let go and built again
        area = back.query_one("#root-cause", TextArea)
        assert back.focused is area
        assert area.cursor_location == (40, 5)
        assert back.query_one("#resolution", TextArea).cursor_location == (0, 3)
        assert (area.scroll_y, back.query_one("#form").scroll_y) == scrolled


async def test_a_rebuilt_timeline_keeps_its_row_and_focus(make_app, store) -> None:
    app = make_app(Session(store, "rows", example_postmortem()))
    async with app.run_test(size=SIZE) as pilot:
        await visit(app, pilot, "timeline")
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        row = table.cursor_row
        assert row == 2
        await visit(app, pilot, "measures")
        await visit(app, pilot, "timeline")
        table = app.screen.query_one(DataTable)
        assert app.screen.focused is table
        assert table.cursor_row == row
