"""Live word counts: this section and the whole document against the target range."""

from __future__ import annotations

from textual.widgets import Static

from wizard.rubric import WORDS_MAX, WORDS_MIN


def range_class(total: int) -> str:
    """`-under`, `-in` or `-over` the target range."""
    if total < WORDS_MIN:
        return "-under"
    return "-over" if total > WORDS_MAX else "-in"


def plural(words: int) -> str:
    return f"{words} word" if words == 1 else f"{words} words"


class WordCount(Static):
    """`This section: N words`, `Total: 467 words, 449 yours` and the target, coloured by
    range: the total is the document's (W1), and `yours` the words the author wrote."""

    _text = ""

    def show(self, section_words: int | None, total: int, yours: int) -> None:
        lines = []
        if section_words is not None:
            lines.append(f"This section: {plural(section_words)}")
        lines.append(f"Total: {plural(total)}, {yours} yours")
        lines.append(f"Target: {WORDS_MIN}-{WORDS_MAX} words")
        text = "\n".join(lines)
        if text != self._text:
            self.update(text, layout=text.count("\n") != self._text.count("\n"))
            self._text = text
        for name in ("-under", "-in", "-over"):
            self.set_class(name == range_class(total), name)
