"""The kind of each timeline entry, guessed from its words and its place in the timeline.

`guess_timeline` is the one guesser: paste, import and check hand it a whole timeline in time
order; the entry form asks through `guess_entry` for the entry being typed, with the
timeline around it when known. A kind the author gave is passed in and kept as it is: it is
context for the others, never guessed again. Every guess says why in a few words
(`guessed from "alert"`, `first sign of trouble`). The words' cues are data
(`kinds.toml`), read and compiled on first use, so nothing here costs start-up time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from wizard.cues import AnyOf, Finder, either
from wizard.model import Detection, Kind, TimelineEntry

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
_AFTER_DETECTION = (Kind.ESCALATION, Kind.RESOLUTION, Kind.MISLEADING)
_WORK = (Kind.INVESTIGATION, Kind.ESCALATION, Kind.MISLEADING)
_CLEAR = 2.5
"""The score of words that say their kind clearly, in the entry's first clause."""
_LATE = 2
"""Entries of clear work on the problem before the detection that make it a late one."""
_FINDING_WORDS = 3
"""Words an entry needs to tell a finding (`lunch` tells none)."""
_TIMELINE = 3
"""Entries needed before their places say anything (first, before, last)."""


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
    fixed = list(given) + [None] * (len(texts) - len(given))
    readings = [_read(text) for text in texts]
    guesses = [
        Guess(g[0], g[1] if g[0] is Kind.DETECTION else None, KEPT) if g else r.guess()
        for g, r in zip(fixed, readings, strict=True)
    ]
    _Context(readings, guesses, [g is not None for g in fixed]).settle()
    return guesses


def reads_like(texts: Sequence[str], kind: Kind) -> int | None:
    """The entry of a timeline (`texts` in time order) that could be of `kind`: the first the
    guesser gives that kind, reading the whole timeline afresh; else the one whose words hold
    the strongest cue of it (the earliest of equals). None when no entry reads like it."""
    guessed = [i for i, g in enumerate(guess_timeline(texts)) if g.kind is kind]
    if guessed:
        return guessed[0]
    scores = [(_read(text).score(kind), -index) for index, text in enumerate(texts)]
    best = max(scores, default=(0.0, 0))
    return -best[1] if best[0] > 0 else None


# --- the words of one entry ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: Kind
    weight: float
    pattern: AnyOf
    anywhere: bool  # counts as much in a later clause as in the first
    noticing: bool  # tells how the problem was noticed, not only that it showed


@dataclass(frozen=True, slots=True)
class _Rules:
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
def _rules() -> _Rules:
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
    return _Rules(
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


_FLAGS = ("partial", "full", "recurrence", "symptom", "onset", "later", "alarm")
_METHODS = (Detection.MONITORING, Detection.CUSTOMER, Detection.ENGINEER)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORDS = re.compile(r"[^\W\d_]{2,}")
_LINK = re.compile(r"\bhttps?://([^/\s]*)\S*")
"""A link: its host may tell what it is (`status.example.com`), its path is no one's words."""
_NOT_WORDS = frozenset({"am", "pm", "utc", "gmt", "at", "on", "by", "around", "about"})


@dataclass(slots=True)
class _Reading:
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
        return bool(self.text) and bool(_rules().flags[flag].search(self.text))

    @property
    def method(self) -> Detection:
        if self.by is not None:
            return self.by
        return _method(self.whole, _rules(), self.noticed) if self.whole else Detection.OTHER

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
        engineer = dict(_rules().methods)[Detection.ENGINEER]
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


def _read(text: str) -> _Reading:
    """The cues in `text`; an entry with no words, or far too long, reads as nothing."""
    if (nothing := unreadable(text)) is not None:
        return _Reading({}, {}, plain=nothing)
    rules = _rules()
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
        return _Reading({Kind.DETECTION: _ALARM}, shown, lower, whole, noticed=True, by=by)
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
    reading = _Reading(scores, shown, lower, whole, noticed=noticed)
    if recovery is not None:
        sentence = _sentence_at(lower, recovery.start(), recovery.end())
        partial, full = rules.flags["partial"], rules.flags["full"]
        after = max(lower.rfind(mark, 0, recovery.start()) for mark in ".!?;") + 1 + len(sentence)
        setback = _SETBACK.match(lower, after)
        reading.partial = bool(partial.search(sentence) or setback) and not full.search(sentence)
    return reading


def _first(cue: _Cue, text: str, rules: _Rules, tried: set[int]) -> re.Match[str] | None:
    """The first match of `cue`; for a fix or a recovery, the first said as done: not
    weighed, asked about or denied (`should we roll back`, `couldn't restart it`), and for a
    recovery not said as a purpose or as hearsay (`a restart to bring the site back online`,
    `to say the problem is fixed`)."""
    if cue.kind not in _DONE:
        return cue.pattern.search(text, tried)
    frames = (rules.proposal, rules.intent) if cue.kind is Kind.RESOLUTION else (rules.proposal,)
    for found in cue.pattern.finditer(text, tried):
        before = max(0, found.start() - 40)
        if not any(frame.search(text, before, found.start()) for frame in frames):
            return found
    return None


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


def _shown(text: str, found: re.Match[str]) -> str:
    """A cue as the reason shows it, in whole words: `guessed from "alert"`, or for a longer
    match its first and last words (`"monitoring … paged"`)."""
    end = _WORD_END.match(text, found.end())
    parts = text[found.start() : end.end() if end else found.end()].split()
    words = " ".join(parts) if len(parts) <= 3 else f"{parts[0]} … {parts[-1]}"
    return f'guessed from "{words}"'


def _method(lower: str, rules: _Rules, noticed: bool) -> Detection:
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


# --- the place of each entry in the timeline ----------------------------------------------


@dataclass(slots=True)
class _Context:
    """The timeline's order applied to the words' guesses: one detection, the trigger before
    it, partial recoveries before the resolution, follow-ups after it."""

    readings: list[_Reading]
    guesses: list[Guess]
    fixed: list[bool]

    def kinds(self, kind: Kind) -> list[int]:
        return [i for i, g in enumerate(self.guesses) if g.kind is kind]

    def settle(self) -> None:
        """Partial recoveries for any entry; the rest needs a timeline around the entry."""
        for index in self.kinds(Kind.RESOLUTION):
            if self.readings[index].partial:
                self.set(index, Guess(Kind.MITIGATION, None, "a partial recovery"))
        if len(self.guesses) < _TIMELINE:
            return
        first = self.detection()
        if first is not None:
            self.before_detection(first)
        onset = self.onset()
        self.before_detection(onset if first is None else min(first, onset), "before the onset")
        self.resolution()
        if first is not None:
            self.findings(first)

    def findings(self, first: int) -> None:
        """Between the detection and the resolution, an entry with no words of any kind tells
        what was found: before the first fix, any that says something (`slow calls all go to
        the inventory service`); after it, one telling the system's state (`the pods are
        still crashlooping`), even after a recovery that did not last."""
        ends = self.kinds(Kind.RESOLUTION)
        fixed = False
        for index in range(first + 1, ends[-1] if ends else len(self.guesses)):
            kind = self.guesses[index].kind
            fixed = fixed or kind in (Kind.MITIGATION, Kind.RESOLUTION)
            reading = self.readings[index]
            said = len(reading.text.split()) >= _FINDING_WORDS and not reading.scores
            if said and kind is Kind.OTHER and (not fixed or reading.says("symptom")):
                self.set(index, Guess(Kind.INVESTIGATION, None, "a finding after the detection"))

    def set(self, index: int, guess: Guess) -> None:
        if not self.fixed[index]:
            self.guesses[index] = guess

    def detection(self) -> int | None:
        """The author's detection, else the first one, counts; another only when its words
        say the problem came back after a recovery. Without one, the first sign of trouble
        is the detection."""
        found = self.kinds(Kind.DETECTION)
        onset = self.onset()
        after = [i for i in found if i >= onset]
        if after and not any(self.fixed[i] for i in found if i < onset):
            for index in found:
                if index < onset:
                    self.set(index, Guess(Kind.OTHER, None, "before the outage began"))
            found = after
        if not found:
            return self.first_sign()
        noticed = [i for i in found if self.fixed[i] or self.readings[i].noticed]
        first = next((i for i in found if self.fixed[i]), (noticed or found)[0])
        for other in found:
            if other != first and not (other > first and self.recurs(first, other)):
                self.set(other, self.readings[other].demoted())
        return first

    def onset(self) -> int:
        """The first entry saying the outage began, else 0."""
        found = (i for i, r in enumerate(self.readings) if r.says("onset"))
        return next(found, 0)

    def recurs(self, first: int, later: int) -> bool:
        between = self.guesses[first:later]
        back = any(g.kind in (Kind.RESOLUTION, Kind.MITIGATION) for g in between)
        return back and self.readings[later].says("recurrence")

    def first_sign(self) -> int | None:
        """The first entry showing trouble (with a word of noticing or seeing it, or with no
        words of another kind), before anyone looks into it or recovers it; not one telling
        the onset (a change before it is the likely trigger)."""
        for index, (guess, reading) in enumerate(zip(self.guesses, self.readings, strict=True)):
            if guess.kind in _AFTER_DETECTION or self.fixed[index] or reading.recovers:
                return None
            best = reading.best()
            if (
                best is not Kind.OTHER
                and reading.says("symptom")
                and (best in (None, Kind.INVESTIGATION) or reading.score(Kind.DETECTION))
            ):
                self.set(index, reading.as_kind(Kind.DETECTION, "first sign of trouble"))
                return index
            if guess.kind is Kind.INVESTIGATION:
                return None  # looked into already: noticed without saying how
        return None

    def before_detection(self, first: int, reason: str = "before the detection") -> None:
        """Entries before a detection (or the onset) are the trigger, the onset or
        background; but where several read clearly as work on the problem (looking into it,
        calling others in, a dead end), it was noticed before the entry taken for the
        detection, and those keep their kinds."""
        work = [i for i in range(first) if self.works(i)]
        kept = set(work) if len(work) >= _LATE else set()
        for index in range(first):
            if self.guesses[index].kind is not Kind.OTHER and index not in kept:
                self.set(index, Guess(Kind.OTHER, None, reason))

    def works(self, index: int) -> bool:
        """The entry's words say, clearly, that someone is working on the problem."""
        kind = self.guesses[index].kind
        return kind in _WORK and self.readings[index].score(kind) >= _CLEAR

    def resolution(self) -> None:
        """Without any resolution, a fix ending the timeline is it; a fix after the
        resolution is a follow-up."""
        found = self.kinds(Kind.RESOLUTION)
        if not found:
            self.last_fix()
            return
        for index in range(found[-1] + 1, len(self.guesses)):
            if self.guesses[index].kind is Kind.MITIGATION:
                self.set(index, Guess(Kind.OTHER, None, "after the resolution: a follow-up"))
            elif self.guesses[index].kind is Kind.ESCALATION:
                self.set(index, Guess(Kind.OTHER, None, "after the resolution: telling others"))

    def last_fix(self) -> None:
        """With no resolution, the last fix, ending a timeline that has a detection, is the
        resolution."""
        if not self.kinds(Kind.DETECTION):
            return
        tail = [i for i, g in enumerate(self.guesses) if g.kind is not Kind.OTHER][-1:]
        for index in tail:
            if self.guesses[index].kind is Kind.MITIGATION and index >= len(self.guesses) - 2:
                self.set(index, Guess(Kind.RESOLUTION, None, "the last fix in the timeline"))
