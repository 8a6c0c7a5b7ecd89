"""Corrective and Preventative Measures: improvements and a TODO list of tasks."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Label

from wizard.ui.screens.parts import PartsScreen, item_shape, list_intro
from wizard.ui.widgets.list_editor import ListEditor


class MeasuresScreen(PartsScreen):
    """Broad improvements, then specific tasks with optional owner and due date."""

    STEP = "measures"

    @property
    def intro(self) -> str:
        return list_intro()

    def compose_form(self) -> Iterable[Widget]:
        improvements = item_shape(
            "Improvement", "e.g. Alert on connection wait time, not only on errors"
        )
        yield Label("What can be improved, broadly", classes="field-label")
        yield ListEditor(improvements, "improvement", id="improvements")
        yield Label("Specific tasks (a TODO list)", classes="field-label")
        yield ListEditor(self.task_shape(), "task", id="tasks")
