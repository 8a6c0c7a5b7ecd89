"""Drafts of a chosen size for the benchmarks: the example, padded with plausible prose."""

from __future__ import annotations

import itertools
from datetime import timedelta

from wizard.example import example_postmortem
from wizard.markdown import counts
from wizard.model import Kind, Postmortem, TimelineEntry

EDITED_WORDS = 500
_SENTENCES = (
    "The checkout service queued requests while the database pool stayed small.",
    "Engineers compared dashboards for latency, errors and saturation across regions.",
    "A rollback restored the previous configuration on every server within minutes.",
    "Customers retried payments, which doubled the load on the remaining connections.",
    "The team wrote down each step so that the next responder can follow it.",
)
_AVERAGE = sum(counts.words_in(s) for s in _SENTENCES) / len(_SENTENCES)


def prose(words: int) -> str:
    """About `words` words of sentences, in paragraphs of five."""
    sentences: list[str] = []
    counted = 0
    for sentence in itertools.cycle(_SENTENCES):
        if counted >= words:
            break
        sentences.append(sentence)
        counted += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def _entries(pm: Postmortem, words: int) -> list[TimelineEntry]:
    """Timeline entries of one or two sentences, spread over the incident, about `words`."""
    start = pm.window.start
    assert start is not None
    count = max(1, round(words / (_AVERAGE + 2)))
    return [
        TimelineEntry(
            time=start + timedelta(minutes=index * 70 // count),
            kind=Kind.INVESTIGATION,
            text=_SENTENCES[index % len(_SENTENCES)],
        )
        for index in range(count)
    ]


def draft_of(words: int, edited_words: int = EDITED_WORDS) -> Postmortem:
    """The example with a root cause of `edited_words` words and about `words` in all.

    The root cause is what the typing benchmarks edit; the rest of the growth goes into
    the timeline and the improvements, so a bigger draft has the same edited section.
    """
    pm = example_postmortem().revised(root_cause=prose(edited_words))
    rest = max(0, words - counts.total_words(pm))
    extra = round(rest / 2 / _AVERAGE)
    improvements = [_SENTENCES[i % len(_SENTENCES)] for i in range(extra)]
    return pm.revised(
        timeline=[*pm.timeline, *_entries(pm, rest - rest // 2)],
        improvements=[*pm.improvements, *improvements],
    )


def words_of(pm: Postmortem) -> int:
    return counts.total_words(pm)
