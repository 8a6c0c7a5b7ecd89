"""The kind of each timeline entry, guessed from its words and its place in the timeline.

`guess_timeline` is the one guesser: paste, import and check hand it a whole timeline in time
order; the entry form asks through `guess_entry` for the entry being typed, with the
timeline around it when known. A kind the author gave is passed in and kept as it is: it is
context for the others, never guessed again. Every guess says why in a few words
(`guessed from "alert"`, `first sign of trouble`). What one entry's words say is read in
`kind_words` from cues kept as data (`kinds.toml`), compiled on first use, so nothing here
costs start-up time; the place of each entry in the timeline is applied in `kind_order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from wizard.kind_order import Context
from wizard.kind_words import (
    KEPT,
    LONGEST,
    NO_WORDS,
    TOO_LONG,
    Given,
    Guess,
    Reading,
    read,
    unreadable,
)
from wizard.model import Detection, Kind, TimelineEntry

__all__ = [
    "KEPT",
    "LONGEST",
    "NO_WORDS",
    "TOO_LONG",
    "Guess",
    "guess_entries",
    "guess_entry",
    "guess_timeline",
    "reads_like",
    "time_order",
    "unreadable",
]


def guess_entry(
    text: str,
    before: Sequence[TimelineEntry] = (),
    after: Sequence[TimelineEntry] = (),
    *,
    detected_by: Detection | None = None,
) -> Guess:
    """The guess for one entry as it is typed; `before` and `after` are the timeline's other
    entries in time order, when known: the author's kinds are kept, guessed ones guessed
    again. `detected_by`, when the author chose how the problem was noticed but not the
    kind, is kept: a guess of a detection carries it, never a method guessed from the words."""
    texts = [e.text for e in before] + [text] + [e.text for e in after]
    given: list[Given | None] = [None if e.guessed else _given(e) for e in before]
    given += [None] + [None if e.guessed else _given(e) for e in after]
    guess = guess_timeline(texts, given)[len(before)]
    if detected_by is not None and guess.kind is Kind.DETECTION:
        return Guess(guess.kind, detected_by, guess.reason)
    return guess


def guess_entries(
    entries: Sequence[TimelineEntry], zone: str, keep: Sequence[bool] = ()
) -> list[TimelineEntry]:
    """`entries` with their kinds guessed from the whole timeline, in time order (an entry
    without a time stays after the one it follows); an entry whose `keep` is true keeps its
    kind. The entries come back in the order given, a guessed kind marked `guessed`."""
    order = time_order(entries, zone)
    texts = [entries[i].text for i in order]
    given = [_given(entries[i]) if i < len(keep) and keep[i] else None for i in order]
    found = list(entries)
    for index, guess in zip(order, guess_timeline(texts, given), strict=True):
        if guess.guessed:
            found[index] = entries[index].model_copy(
                update={"kind": guess.kind, "detected_by": guess.detected_by, "guessed": True}
            )
    return found


def _given(entry: TimelineEntry) -> Given:
    return entry.kind, entry.detected_by


def time_order(entries: Sequence[TimelineEntry], zone: str) -> list[int]:
    """Indexes in time order; an untimed entry keeps its place after the entry before it."""
    keys: list[datetime] = []
    last = datetime.min.replace(tzinfo=UTC)
    for entry in entries:
        moment = entry.at(zone)
        last = moment.astimezone(UTC) if moment is not None else last
        keys.append(last)
    return sorted(range(len(entries)), key=lambda i: keys[i])


def guess_timeline(texts: Sequence[str], given: Sequence[Given | None] = ()) -> list[Guess]:
    """A guess for each entry of a timeline, `texts` in time order. `given[i]`, when set, is
    the author's kind for entry i: kept as it is, and context for the rest."""
    return _settled([read(text) for text in texts], given)


def _settled(readings: list[Reading], given: Sequence[Given | None] = ()) -> list[Guess]:
    """The guesses for a timeline whose entries' words are `readings`, in time order."""
    fixed = list(given) + [None] * (len(readings) - len(given))
    guesses = [
        Guess(g[0], g[1] if g[0] is Kind.DETECTION else None, KEPT) if g else r.guess()
        for g, r in zip(fixed, readings, strict=True)
    ]
    Context(readings, guesses, [g is not None for g in fixed]).settle()
    return guesses


def reads_like(texts: Sequence[str], kind: Kind) -> int | None:
    """The entry of a timeline (`texts` in time order) that could be of `kind`: the first the
    guesser gives that kind, reading the whole timeline afresh; else the one whose words hold
    the strongest cue of it (the earliest of equals). None when no entry reads like it."""
    readings, guesses = _afresh(tuple(texts))
    guessed = [i for i, g in enumerate(guesses) if g.kind is kind]
    if guessed:
        return guessed[0]
    scores = [(reading.score(kind), -index) for index, reading in enumerate(readings)]
    best = max(scores, default=(0.0, 0))
    return -best[1] if best[0] > 0 else None


@lru_cache(maxsize=2)
def _afresh(texts: tuple[str, ...]) -> tuple[list[Reading], list[Guess]]:
    """The words and the fresh guesses of a timeline: asked once for each kind it lacks."""
    readings = [read(text) for text in texts]
    return readings, _settled(readings)
