"""The rubric points of one step, ticking as they are met; choosing one jumps to its field."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.rubric import Result


class RubricPanel(OptionList):
    """One line per point: `✓ S1 Duration ...` with why it is (not) met."""

    _results: tuple[Result, ...] = ()

    class Chosen(Message):
        def __init__(self, point: str, section: str) -> None:
            super().__init__()
            self.point = point
            self.section = section

    def show(self, results: list[Result]) -> None:
        """Replace the lines with `results`, keeping the highlight where it was."""
        if tuple(results) == self._results:
            return
        self._results = tuple(results)
        highlighted = self.highlighted
        self.set_options(
            Option(Content(f"{'✓' if r.met else '✗'} {r.id} {r.label}\n   {r.why}"), id=r.id)
            for r in results
        )
        self._sections = {r.id: r.section for r in results}
        if highlighted is not None and highlighted < len(results):
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        point = event.option.id or ""
        self.post_message(self.Chosen(point, self._sections.get(point, "")))
