"""The words of one timeline entry: what each kind's cues (`kinds.toml`) find in it, how
strongly, and why in a few words; how a detection in it was noticed. The cues are read and
compiled on first use, so importing this costs no start-up time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wizard.cues import AnyOf, Finder, either
from wizard.model import Detection, Kind

LONGEST = 2000
"""Characters past which an entry is no sentence or two to read: it is `other`."""

KEPT = "your choice"
NO_WORDS = "no words to guess from"
TOO_LONG = "too long to guess"
"""The reasons of an entry that reads as nothing: the kind is `other`."""
_ORDER = (
    Kind.DETECTION,
    Kind.ESCALATION,
    Kind.MISLEADING,
    Kind.RESOLUTION,
    Kind.INVESTIGATION,
    Kind.MITIGATION,
    Kind.OTHER,
)
_CLAUSE_COST = 0.35
_ALARM = 4.0
"""An alert's own text (`FIRING: DiskFull`) is a detection as surely as a label names one."""
_NOTICING = 3.0
"""A detection cue this strong says how the problem was noticed, not only that it showed."""
_DISTANCE_COST = 0.001
_MOST_DISTANCE = 0.3


@dataclass(frozen=True, slots=True)
class Guess:
    """A kind for an entry, how a detection was noticed, and why, in a few words."""

    kind: Kind
    detected_by: Detection | None
    reason: str

    @property
    def guessed(self) -> bool:
        """False when the kind is the author's, passed in and kept."""
        return self.reason != KEPT


Given = tuple[Kind, Detection | None]
"""A kind the author chose (and how a detection was noticed): kept, never guessed."""


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: Kind
    weight: float
    pattern: AnyOf
    anywhere: bool  # counts as much in a later clause as in the first
    noticing: bool  # tells how the problem was noticed, not only that it showed


@dataclass(frozen=True, slots=True)
class Rules:
    cues: tuple[_Cue, ...]
    heads: Finder  # the literal starts of every cue's patterns
    index: dict[str, tuple[tuple[int, int], ...]]  # each start: the cues and patterns it begins
    label: re.Pattern[str]
    labels: dict[str, tuple[Kind, float] | None]
    flags: dict[str, AnyOf]
    methods: tuple[tuple[Detection, AnyOf], ...]
    people: AnyOf
    alerted: re.Pattern[str]
    breaks: re.Pattern[str]
    intent: re.Pattern[str]
    proposal: re.Pattern[str]


@cache
def load_rules() -> Rules:
    """The cues of kinds.toml, compiled once, on first use."""
    import tomllib

    data: dict[str, Any] = tomllib.loads(
        Path(__file__).with_name("kinds.toml").read_text(encoding="utf-8")
    )
    cues = tuple(
        _Cue(
            Kind(cue["kind"]),
            float(cue["weight"]),
            either(cue["patterns"]),
            cue.get("anywhere", cue["kind"] == Kind.RESOLUTION.value),
            cue.get("noticing", cue["kind"] == Kind.DETECTION.value and cue["weight"] >= _NOTICING),
        )
        for cue in data["cue"]
    )
    table = data["labels"]
    labels: dict[str, tuple[Kind, float] | None] = dict.fromkeys(table["neutral"]["names"])
    for kind, names in table["lean"].items():
        labels.update((name, (Kind(kind), float(table["lean_weight"]))) for name in names)
    for kind, names in table["kinds"].items():
        labels.update((name, (Kind(kind), float(table["strong_weight"]))) for name in names)
    flags = {name: either(data[name]["patterns"]) for name in _FLAGS}
    method = data["method"]
    methods = tuple((d, either(method[d.value])) for d in _METHODS)
    return Rules(
        cues,
        Finder.of(h for cue in cues for h in cue.pattern.by_head),
        _index(cues),
        re.compile(table["pattern"]),
        labels,
        flags,
        methods,
        either(method["people"]),
        re.compile(method["alerted"]),
        re.compile(r"[,;:!?()]|\.(?:\s|$)|\s[-–—]\s"),
        re.compile(data["intent"]["pattern"]),
        re.compile(data["proposal"]["pattern"]),
    )


def _index(cues: tuple[_Cue, ...]) -> dict[str, tuple[tuple[int, int], ...]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for number, cue in enumerate(cues):
        for head, orders in cue.pattern.by_head.items():
            index.setdefault(head, []).extend((number, order) for order in orders)
    return {head: tuple(found) for head, found in index.items()}


_FLAGS = (
    "partial",
    "full",
    "interim",
    "recurrence",
    "symptom",
    "told",
    "onset",
    "declared",
    "later",
    "alarm",
)
_METHODS = (Detection.MONITORING, Detection.CUSTOMER, Detection.ENGINEER)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORDS = re.compile(r"[^\W\d_]{2,}")
_LINK = re.compile(r"\bhttps?://([^/\s]*)\S*")
"""A link: its host may tell what it is (`status.example.com`), its path is no one's words."""
_NOT_WORDS = frozenset({"am", "pm", "utc", "gmt", "at", "on", "by", "around", "about"})


@dataclass(slots=True)
class Reading:
    """What the words of one entry say: a score and the cue shown for each kind; the rest
    (how it was noticed, whether it says the problem came back) is read when asked."""

    scores: dict[Kind, float]
    shown: dict[Kind, str]
    text: str = ""  # lower case, without its labels; empty when the entry reads as nothing
    whole: str = ""  # lower case, labels and all
    plain: str = ""
    partial: bool = False  # the sentence of its recovery words says it was partial
    noticed: bool = False  # words of noticing (`alert fired`), not only of trouble (`users can't`)
    by: Detection | None = None  # how it was noticed, when the entry's form tells it

    def says(self, flag: str) -> bool:
        """True when the words hold the flag's cues (`recurrence`, `symptom`)."""
        return bool(self.text) and bool(load_rules().flags[flag].search(self.text))

    @property
    def method(self) -> Detection:
        if self.by is not None:
            return self.by
        return _method(self.whole, load_rules(), self.noticed) if self.whole else Detection.OTHER

    def best(self, without: tuple[Kind, ...] = ()) -> Kind | None:
        found = [(s, -_ORDER.index(k), k) for k, s in self.scores.items() if k not in without]
        return max(found)[2] if found else None

    def guess(self, without: tuple[Kind, ...] = ()) -> Guess:
        kind = self.best(without)
        if kind is None:
            return Guess(Kind.OTHER, None, self.plain or "no words of another kind")
        return self.as_kind(kind, self.shown[kind])

    def demoted(self) -> Guess:
        """The guess once an earlier entry is the detection: its next kind; a person
        noticing something more is looking into it; one more report from users, or the
        monitoring's alerts seen again with nothing else said, tells nothing new."""
        method, best = self.method, self.best((Kind.DETECTION,))
        if method is Detection.CUSTOMER and best in (None, Kind.INVESTIGATION):
            return Guess(Kind.OTHER, None, "another report after the detection")
        if method is Detection.MONITORING and best is None:
            return Guess(Kind.OTHER, None, "another alert after the detection")
        engineer = dict(load_rules().methods)[Detection.ENGINEER]
        if best is not None or not engineer.search(self.text):
            guess = self.guess(without=(Kind.DETECTION,))
            if guess.kind is Kind.RESOLUTION and self.partial:
                return Guess(Kind.MITIGATION, None, "a partial recovery")
            return guess
        return Guess(Kind.INVESTIGATION, None, "noticed after the detection")

    def as_kind(self, kind: Kind, reason: str) -> Guess:
        return Guess(kind, self.method if kind is Kind.DETECTION else None, reason)

    @property
    def recovers(self) -> bool:
        """Its words tell of a recovery, whole or partial."""
        return Kind.RESOLUTION in self.scores

    def score(self, kind: Kind) -> float:
        return self.scores.get(kind, 0.0)


def unreadable(text: str) -> str | None:
    """Why `text` reads as nothing (NO_WORDS, TOO_LONG): its kind is `other`; else None."""
    if len(text) > LONGEST:
        return TOO_LONG
    if not any(w.lower() not in _NOT_WORDS for w in _WORDS.findall(text)):
        return NO_WORDS
    return None


def read(text: str) -> Reading:
    """The cues in `text`; an entry with no words, or far too long, reads as nothing."""
    if (nothing := unreadable(text)) is not None:
        return Reading({}, {}, plain=nothing)
    rules = load_rules()
    lower = whole = _LINK.sub(r"\1", text.lower().translate(_QUOTES))
    scores: dict[Kind, float] = {}
    shown: dict[Kind, str] = {}
    noticed = False
    while (label := rules.label.match(lower)) and (name := label["label"].strip()) in rules.labels:
        lower = lower[label.end() :]
        if (named := rules.labels[name]) is not None and named[0] not in scores:
            scores[named[0]], shown[named[0]] = named[1], f'labelled "{name}"'
            noticed = noticed or named[0] is Kind.DETECTION
    if alarm := rules.flags["alarm"].search(lower):
        shown = {Kind.DETECTION: _shown(lower, alarm)}
        by = Detection.MONITORING
        return Reading({Kind.DETECTION: _ALARM}, shown, lower, whole, noticed=True, by=by)
    breaks = [m.start() for m in rules.breaks.finditer(lower)]
    tried: list[set[int]] = [set(cue.pattern.always) for cue in rules.cues]
    for head in rules.heads.held(lower):
        for number, order in rules.index.get(head, ()):
            tried[number].add(order)
    lead = led.end() if (led := _LEAD.match(lower)) else 0
    recovery = None
    for cue, orders in zip(rules.cues, tried, strict=True):
        found = _first(cue, lower, rules, orders) if orders else None
        if found is None:
            continue
        clauses = 0 if cue.anywhere else bisect_right(breaks, found.start())
        clauses += 2 * (found.start() < lead)  # `after checking the logs, we ...`: background
        value = (
            cue.weight
            - _CLAUSE_COST * min(clauses, 3)
            - min(_DISTANCE_COST * found.start(), _MOST_DISTANCE)
        )
        noticed = noticed or cue.noticing
        if value > scores.get(cue.kind, 0.0):
            scores[cue.kind], shown[cue.kind] = value, _shown(lower, found)
            recovery = found if cue.kind is Kind.RESOLUTION else recovery
    if Kind.DETECTION in scores and rules.flags["later"].search(lower):
        del scores[Kind.DETECTION], shown[Kind.DETECTION]
        noticed = False
    reading = Reading(scores, shown, lower, whole, noticed=noticed)
    if recovery is not None:
        sentence = _sentence_at(lower, recovery.start(), recovery.end())
        partial, full = rules.flags["partial"], rules.flags["full"]
        after = max(lower.rfind(mark, 0, recovery.start()) for mark in ".!?;") + 1 + len(sentence)
        setback = _SETBACK.match(lower, after)
        reading.partial = bool(partial.search(sentence) or setback) and not full.search(sentence)
    return reading


def _first(cue: _Cue, text: str, rules: Rules, tried: set[int]) -> re.Match[str] | None:
    """The first match of `cue`; for a fix or a recovery, the first said as done: not
    weighed, asked about or denied (`should we roll back`, `couldn't restart it`), and for a
    recovery not said as a purpose or as hearsay (`a restart to bring the site back online`,
    `to say the problem is fixed`)."""
    first = cue.pattern.search(text, tried)
    if first is None or cue.kind not in _DONE:
        return first
    frames = (rules.proposal, rules.intent) if cue.kind is Kind.RESOLUTION else (rules.proposal,)

    def done(found: re.Match[str]) -> bool:
        before = max(0, found.start() - 40)
        return not any(frame.search(text, before, found.start()) for frame in frames)

    if done(first):
        return first
    return next((found for found in cue.pattern.finditer(text, tried) if done(found)), None)


_DONE = (Kind.MITIGATION, Kind.RESOLUTION)


_LEAD = re.compile(r"\W*(?:after|once|following|having)\b[^,;.]{0,120},")
"""An opening clause telling what came before the entry's own act."""
_SETBACK = re.compile(
    r"[.!?;]\s*(?:however|but|unfortunately|still)\b"
    r"|[.!?;,]\s*(?:now |still )?(?:replaying|restoring|rebuilding|reprocessing|backfilling"
    r"|catching up|resyncing|reindexing|recovering|draining|working on)\b"
)
"""The end of a sentence, and the next one starting with a setback or with recovery work
still going on."""


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of `text` around `start`..`end`."""
    begin = max(text.rfind(mark, 0, start) for mark in ".!?;")
    ends = [i for mark in ".!?;" if (i := text.find(mark, end)) >= 0]
    return text[begin + 1 : min(ends) if ends else len(text)]


_WORD_END = re.compile(r"\w*")
_MARKS = re.compile(r"^[^\w?]+|[^\w?]+$")


def _shown(text: str, found: re.Match[str]) -> str:
    """A cue as the reason shows it, in whole words: `guessed from "alert"`, or for a longer
    match its first and last words (`"monitoring … paged"`), without the marks around them
    (`FIRING:` shows `"firing"`)."""
    end = _WORD_END.match(text, found.end())
    parts = _MARKS.sub("", text[found.start() : end.end() if end else found.end()]).split()
    words = " ".join(parts) if len(parts) <= 3 else f"{parts[0]} … {parts[-1]}"
    return f'guessed from "{words}"'


def _method(lower: str, rules: Rules, noticed: bool) -> Detection:
    """How a detection was noticed: a named source (monitor, customer) before a person; of
    two sources, the one written first; `alerted` alone (`the team was alerted`) is an alert.
    Users named in an entry that tells no noticing (`users cannot log in`) are no source."""
    found = {d: m.start() for d, m in ((d, p.search(lower)) for d, p in rules.methods) if m}
    if noticed and (people := rules.people.search(lower)):
        found[Detection.CUSTOMER] = min(
            found.get(Detection.CUSTOMER, people.start()), people.start()
        )
    sources = {d: at for d, at in found.items() if d is not Detection.ENGINEER}
    if sources:
        return min(sources, key=lambda d: sources[d])
    if Detection.ENGINEER in found:
        return Detection.ENGINEER
    return Detection.MONITORING if rules.alerted.search(lower) else Detection.OTHER
