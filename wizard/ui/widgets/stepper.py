"""The list of steps, marked done (✓), started (!) or untouched (○), with the current one lit."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.rubric import Report
from wizard.ui.steps import REVIEW

MARKS = {"done": "✓", "started": "!", "empty": "○"}


def step_state(report: Report, found: dict[str, bool], step: str) -> str:
    """`done` when every point of the step is met, `started` when it has content (the
    review: when any section has)."""
    if step == REVIEW:
        return "done" if report.passed else ("started" if any(found.values()) else "empty")
    points = [r for r in report.results if r.section == step]
    if points and all(r.met for r in points):
        return "done"
    return "started" if found.get(step) else "empty"


class Stepper(OptionList):
    """Every step of the wizard (`titles`: each step's short name, in order); choosing one
    opens it."""

    class Chosen(Message):
        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

    def __init__(self, current: str, titles: dict[str, str], **kwargs: object) -> None:
        super().__init__(*(Option(title, id=s) for s, title in titles.items()), **kwargs)  # type: ignore[arg-type]
        self.current = current
        self.titles = titles
        self.steps = tuple(titles)
        self._marks: list[str] = []

    def on_mount(self) -> None:
        self.highlighted = self.steps.index(self.current)

    def show(self, report: Report, found: dict[str, bool]) -> None:
        """Refresh the marks from a rubric report (nothing to redraw when none changed)."""
        marks = [MARKS[step_state(report, found, step)] for step in self.steps]
        if marks == self._marks:
            return
        self._marks = marks
        for step, mark in zip(self.steps, marks, strict=True):
            here = "▶ " if step == self.current else "  "
            self.replace_option_prompt(step, Content(f"{here}{mark} {self.titles[step]}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
