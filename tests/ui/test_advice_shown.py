"""Advice in the wizard: a dim line under the field and an Advice group in the sidebar,
never an error and never in the rubric's way."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from wizard.example import EXAMPLES, example_postmortem
from wizard.model import Task
from wizard.session import Session
from wizard.ui.widgets.advice_panel import AdvicePanel
from wizard.ui.widgets.field import Field
from wizard.ui.widgets.list_editor import ListEditor
from wizard.ui.widgets.rubric_panel import RubricPanel

SIZE = (110, 36)


def shown_advice(owner) -> str:
    """The advice line under a field or list as shown ("": none shown; a field makes the
    line when it first has advice)."""
    lines = owner.query(".field-advice").results(Static)
    return next((str(line.render()) for line in lines if line.display), "")


async def test_blaming_words_get_advice_under_the_field_and_in_the_sidebar(make_app, store):
    session = Session(store, "example", example_postmortem())
    app = make_app(session, step="root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        area = screen.query_one("#root-cause", TextArea)
        field = next(a for a in area.ancestors if isinstance(a, Field))
        panel = screen.query_one(AdvicePanel)
        assert not shown_advice(field) and not panel.display
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" It was human error", "full_stop")
        screen.flush()
        await pilot.pause()
        line = shown_advice(field)
        assert line.startswith('✎ B1 "human error": ')
        assert field.error == "" and not field.has_class("-invalid")
        assert panel.display
        assert '✎ B1 Root Cause\n  "human error"' in str(panel.query_one(".advice-lines").render())
        rubric = screen.query_one(RubricPanel)
        assert all(r.met for r in rubric.results) and session.report().passed
        area.clear()
        await pilot.press(*"The pool was too small.")
        screen.flush()
        await pilot.pause()
        assert not shown_advice(field) and not panel.display


async def test_task_advice_is_under_the_task_list_with_the_task_named(make_app, store):
    draft = example_postmortem()
    draft = draft.revised(tasks=[*draft.model_dump()["tasks"], {"text": "Monitoring"}])
    session = Session(store, "example", draft)
    app = make_app(session, step="measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#tasks", ListEditor)
        text = shown_advice(editor)
        assert text.startswith("✎ Task 5, A1: 'Monitor' rather than 'Monitoring'")
        assert "\n✎ Task 5, A3: " in text and "\n✎ Task 5, A4: " in text
        assert not shown_advice(app.screen.query_one("#improvements", ListEditor))
        lines = str(app.screen.query_one(AdvicePanel).query_one(".advice-lines").render())
        assert '✎ A1 Task 5\n  "Monitoring"' in lines
        assert session.report().passed
        session.edit("tasks", [t.model_dump() for t in draft.tasks[:4]] + [Task().model_dump()])
        await pilot.pause()
        assert not shown_advice(editor)


async def test_an_sre_action_item_is_named_as_the_template_names_it(make_app, store):
    draft = EXAMPLES["sre"]()
    draft = draft.revised(tasks=[*draft.model_dump()["tasks"], {"text": "Monitoring"}])
    app = make_app(Session(store, "example", draft), step="action_items")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen.query_one(ListEditor)
        assert shown_advice(editor).startswith("✎ Action Item 5, A1: ")
        lines = str(app.screen.query_one(AdvicePanel).query_one(".advice-lines").render())
        assert '✎ A1 Action Item 5\n  "Monitoring"' in lines and "Task" not in lines


async def test_the_review_shows_every_steps_advice(make_app, store):
    draft = example_postmortem()
    draft = draft.revised(title="Human error in checkout", resolution=draft.resolution)
    app = make_app(Session(store, "example", draft), step="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(AdvicePanel)
        assert panel.display
        assert '✎ B1 Title\n  "Human error"' in str(panel.query_one(".advice-lines").render())


async def test_a_short_terminal_gives_the_sidebar_to_the_rubric_points(make_app, store):
    draft = EXAMPLES["sre"]()
    draft = draft.revised(tasks=[*draft.tasks, Task(text="Pin Kafka client versions")])
    app = make_app(Session(store, "short", draft), step="action_items")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(AdvicePanel)
        rubric = app.screen.query_one(RubricPanel)
        assert panel._shown and not panel.display  # advice there, said under the list
        assert shown_advice(app.screen.query_one(ListEditor))
        assert rubric.size.height >= 4
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        await pilot.pause()
        assert panel.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert not panel.display and rubric.size.height >= 4
