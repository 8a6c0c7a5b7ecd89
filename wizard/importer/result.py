"""What an import gives back: the draft and what the source held."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model import Postmortem


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
