"""Live word counts: this section and the whole document, against the template's range."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from wizard.templates.template import Words


def range_class(total: int, words: Words) -> str:
    """`-under`, `-in` or `-over` the target range."""
    if total < words.min:
        return "-under"
    return "-over" if total > words.max else "-in"


def plural(words: int) -> str:
    return f"{words} word" if words == 1 else f"{words} words"


class WordCount(Static):
    """`This section: N words`, `Total: 467 words, 449 yours` and the target (when the
    template has one), coloured by range: the total is the document's, and `yours` the words
    the author wrote."""

    _text = ""

    def show(self, section_words: int | None, total: int, yours: int, target: Words | None) -> None:
        lines = []
        if section_words is not None:
            lines.append(f"This section: {plural(section_words)}")
        lines.append(f"Total: {plural(total)}, {yours} yours")
        if target is not None:
            lines.append(f"Target: {target.min}-{target.max} words")
        text = "\n".join(lines)
        if text != self._text:
            self.update(text, layout=text.count("\n") != self._text.count("\n"))
            self._text = text
        shown = range_class(total, target) if target is not None else None
        for name in ("-under", "-in", "-over"):
            self.set_class(name == shown, name)
