"""How often two readers give the same entries the same kind: raw agreement, Cohen's kappa,
each kind's agreement, and agreement on detections and on how they were noticed.

Two careful readers set the ceiling a guesser can be held to: where they part, either label
can be called right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.model import Detection, Kind

Reading = tuple[Kind, Detection | None]
"""One reader's label of an entry: its kind, and how it was noticed if a detection."""


@dataclass(frozen=True)
class Agreement:
    """Two readers' labels of the same entries, in pairs (first reader, second reader)."""

    pairs: Sequence[tuple[Reading, Reading]]

    @property
    def raw(self) -> float:
        """Share of entries both readers gave the same kind, in %."""
        return _share(sum(a[0] is b[0] for a, b in self.pairs), len(self.pairs))

    @property
    def kappa(self) -> float:
        """Cohen's kappa: agreement beyond what each reader's kind frequencies give by chance."""
        count = len(self.pairs)
        if not count:
            return 1.0
        first = Counter(a[0] for a, _ in self.pairs)
        second = Counter(b[0] for _, b in self.pairs)
        chance = sum(first[k] * second[k] for k in Kind) / count**2
        observed = self.raw / 100
        return 1.0 if chance == 1 else (observed - chance) / (1 - chance)

    def specific(self, kind: Kind) -> float:
        """Specific agreement on `kind`, in %: entries both gave it, over the mean of the
        entries each gave it (100% when neither did)."""
        both = sum(a[0] is kind and b[0] is kind for a, b in self.pairs)
        given = sum(a[0] is kind for a, _ in self.pairs) + sum(b[0] is kind for _, b in self.pairs)
        return _share(2 * both, given)

    def count(self, kind: Kind) -> tuple[int, int]:
        """How many entries each reader gave `kind`."""
        return (
            sum(a[0] is kind for a, _ in self.pairs),
            sum(b[0] is kind for _, b in self.pairs),
        )

    @property
    def detected_by(self) -> tuple[int, int]:
        """Of the entries both read as detections: how many were noticed the same way, of how
        many."""
        both = [(a[1], b[1]) for a, b in self.pairs if a[0] is b[0] is Kind.DETECTION]
        return sum(x is y for x, y in both), len(both)


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0
