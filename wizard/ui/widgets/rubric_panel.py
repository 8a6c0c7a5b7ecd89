"""The rubric points of one step, ticking as they are met; choosing one jumps to its field."""

from __future__ import annotations

import re

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.rubric import Result

WHY_INDENT = "   "


def point_prompt(result: Result, width: int) -> Content:
    """`✓ S1 Duration …` with its wrapped lines under the label, and why it is (not) met
    below in a dimmer style; `width` 0 leaves the wrapping to the list."""
    head = f"{'✓' if result.met else '✗'} {result.id} "
    label, why = head + result.label, WHY_INDENT + result.said
    if width > len(head) + 8:
        label = "\n".join(wrap_words(result.label, width, head, " " * len(head)))
        why = "\n".join(wrap_words(result.said, width, WHY_INDENT, WHY_INDENT))
    return Content.assemble(label, "\n", (why, "dim"))


_PARTS = re.compile(r"[^/_]+[/_]?|[/_]")


def wrap_words(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` in lines of at most `width`, broken between words; a word too long for a line
    (a zone like `America/Argentina/Buenos_Aires`) breaks after a `/` or `_`, and only a part
    too long even then is cut."""
    room = width - len(rest)
    pieces: list[tuple[str, bool]] = []  # (text, a space before it)
    for word in text.split():
        parts = [word] if len(word) <= room else _PARTS.findall(word)
        for number, part in enumerate(parts):
            while len(part) > room:
                pieces.append((part[:room], number == 0))
                part, number = part[room:], 1
            pieces.append((part, number == 0))
    lines: list[str] = []
    line, start = first, first
    for piece, spaced in pieces:
        joined = f"{line} {piece}" if spaced and line != start else f"{line}{piece}"
        if len(joined) > width and line != start:
            lines.append(line)
            joined, start = rest + piece, rest
        line = joined
    lines.append(line)
    return lines


class RubricPanel(OptionList):
    """One entry per point: `✓ S1 Duration ...` with why it is (not) met."""

    _results: tuple[Result, ...] = ()
    _width = 0

    class Chosen(Message):
        def __init__(self, point: str, section: str) -> None:
            super().__init__()
            self.point = point
            self.section = section

    @property
    def results(self) -> tuple[Result, ...]:
        """The points shown, in order."""
        return self._results

    def show(self, results: list[Result]) -> None:
        """Replace the lines with `results`, keeping the highlight where it was."""
        if tuple(results) == self._results:
            return
        self._results = tuple(results)
        self._sections = {r.id: r.section for r in results}
        self._draw()

    def _draw(self) -> None:
        highlighted = self.highlighted
        self._width = self.scrollable_content_region.width
        self.set_options(Option(point_prompt(r, self._width), id=r.id) for r in self._results)
        if highlighted is not None and highlighted < len(self._results):
            self.highlighted = highlighted

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def watch_show_vertical_scrollbar(self) -> None:
        # A scrollbar coming or going changes the room for the lines, and no resize says so.
        self.call_later(self._fit)

    def _fit(self) -> None:
        """Wrap the lines again if the room for them changed since."""
        if self._results and self.scrollable_content_region.width != self._width:
            self._draw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        point = event.option.id or ""
        self.post_message(self.Chosen(point, self._sections.get(point, "")))
