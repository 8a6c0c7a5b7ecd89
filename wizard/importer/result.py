"""What an import gives back: the draft and what the source held."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.model import Postmortem

CHECK = "Check: "
"""How a note the author should check starts in the draft's unsorted text."""


@dataclass(frozen=True)
class ImportResult:
    """A draft made from a written postmortem, and what the source held.

    `found`: which of the four sections the source has; `words`: prose words per section of
    the source and `total` in all (the exporter's counter); `consumed`: text read as structure
    rather than content (headings, labels, times); `notes`: what the author should check;
    `unmet`: rubric points the source gives a value for that could not be kept, with why
    (`S4`, `250% is not a share of users: give 0 to 100`).
    """

    draft: Postmortem
    found: dict[str, bool]
    words: dict[str, int]
    total: int
    dated: bool = True
    consumed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unmet: tuple[tuple[str, str], ...] = ()


def unsorted_text(notes: Iterable[str], texts: Iterable[str]) -> str:
    """A draft's unsorted text from `texts` (in order): first one paragraph of `Check:` lines,
    those already in the texts (an export read back holds the first import's) and then the
    import's `notes`, each once, then the rest of the texts as they are."""
    checks: list[str] = []
    kept = []
    for text in texts:
        paragraphs = text.split("\n\n")
        held = [p for p in paragraphs if _checks(p)]
        checks += [line for p in held for line in p.strip("\n").split("\n")]
        rest = "\n\n".join(p for p in paragraphs if not _checks(p)) if held else text
        kept.append(rest)
    checks += [f"{CHECK}{note}" for note in notes]
    return "\n\n".join(t for t in ("\n".join(dict.fromkeys(checks)), *kept) if t.strip())


def _checks(paragraph: str) -> bool:
    """True for a paragraph of `Check:` lines only."""
    lines = paragraph.strip("\n").split("\n")
    return all(line.startswith(CHECK) and line[len(CHECK) :].strip() for line in lines)
