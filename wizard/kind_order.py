"""The place of each entry in its timeline, applied to the guesses its words gave: one
detection (the first entry that notices the problem), the trigger and background before
it, findings after it, partial recoveries before the resolution, follow-ups after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.kind_words import Guess, Reading
from wizard.model import Detection, Kind

_AFTER_DETECTION = (Kind.ESCALATION, Kind.RESOLUTION, Kind.MISLEADING)
_RECOVERY = (Kind.RESOLUTION, Kind.MITIGATION)
_WORK = (Kind.INVESTIGATION, Kind.ESCALATION, Kind.MISLEADING)
_CLEAR = 2.5
"""The score of words that say their kind clearly, in the entry's first clause."""
_LATE = 2
"""Entries of clear work on the problem before the detection that make it a late one."""
_END_MARKED = 3.5
"""Recovery words this strong mark the outage's end (`impact ends`): later ones follow up."""
_FINDING_WORDS = 3
"""Words an entry needs to tell a finding (`lunch` tells none)."""
_TIMELINE = 3
"""Entries needed before their places say anything (first, before, last)."""


@dataclass(slots=True)
class Context:
    """The timeline's order applied to the words' guesses: one detection, the trigger before
    it, partial recoveries before the resolution, follow-ups after it."""

    readings: list[Reading]
    guesses: list[Guess]
    fixed: list[bool]

    def __len__(self) -> int:
        return len(self.guesses)

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
        declared = self.declared(found, onset)
        if declared is not None:
            found = [declared, *found]
        elif not found:
            return self.first_sign()
        noticed = [i for i in found if self.fixed[i] or self.readings[i].noticed]
        chosen = (noticed or found)[0] if declared is None else declared
        first = next((i for i in found if self.fixed[i]), chosen)
        back, seen = False, first  # a recovery among the guesses from `first` up to `seen`
        for other in found:
            if other > first:
                back = back or self.recovered(seen, other)
                seen = other
            if other != first and not (other > first and self.recurs(back, other)):
                self.set(other, self.readings[other].demoted())
        return first

    def onset(self) -> int:
        """The first entry saying the outage began, else 0."""
        found = (i for i, r in enumerate(self.readings) if r.says("onset"))
        return next(found, 0)

    def declared(self, found: list[int], onset: int) -> int | None:
        """The entry saying the incident was declared, from the onset on and before any entry
        whose words tell the problem was noticed: someone noticed it then, so it is the
        detection. It tells how when its words do, else as the first entry after it that says
        so (`Incident declared`, then `Alert X fired`). None when the author chose a
        detection, or a recovery or a run of work on the problem comes first."""
        if any(self.fixed[i] for i in found):
            return None
        work = 0
        for index in range(onset, found[0] if found else len(self.guesses)):
            reading = self.readings[index]
            if self.fixed[index] or reading.recovers:
                return None
            work += self.works(index)
            if work >= _LATE:
                return None
            if reading.says("declared"):
                method = reading.method
                if method is Detection.OTHER and found:
                    method = self.guesses[found[0]].detected_by or method
                reason = "the incident declared, first sign of the problem"
                self.set(index, Guess(Kind.DETECTION, method, reason))
                return index
        return None

    def recovered(self, start: int, end: int) -> bool:
        """A guess from `start` up to `end` (not included) is a recovery."""
        return any(g.kind in _RECOVERY for g in self.guesses[start:end])

    def recurs(self, back: bool, later: int) -> bool:
        """Entry `later` tells the problem came back, after a recovery (`back`)."""
        return back and self.readings[later].says("recurrence")

    def first_sign(self) -> int | None:
        """The first entry showing trouble (with a word of noticing or seeing it, or with no
        words of another kind), before anyone looks into it or recovers it; not the onset
        nor any entry before it (a change before it is the likely trigger). Once someone
        looks into it without saying why, trouble seen next is a finding: only the next
        look into an alert or a report (`start looking into the latency alerts`) tells how
        it was noticed."""
        onset = self.onset()
        looked = False
        for index in range(onset + 1 if self.readings[onset].says("onset") else 0, len(self)):
            guess, reading = self.guesses[index], self.readings[index]
            if guess.kind in _AFTER_DETECTION or self.fixed[index] or reading.recovers:
                return None
            best = reading.best()
            shows = (
                best is not Kind.OTHER
                and reading.says("symptom")
                and (best in (None, Kind.INVESTIGATION) or reading.score(Kind.DETECTION))
            )
            looks = guess.kind is Kind.INVESTIGATION
            if (shows and not looked) or (looks and reading.says("told")):
                self.set(index, reading.as_kind(Kind.DETECTION, "first sign of trouble"))
                return index
            if looks and looked:
                return None  # looked into already: noticed without saying how
            looked = looked or looks
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
        marked = [i for i in found if self.readings[i].score(Kind.RESOLUTION) >= _END_MARKED]
        for index in found:
            if marked and index > marked[0]:
                self.set(index, Guess(Kind.OTHER, None, "after the end of the outage"))
        found = [i for i in found if not marked or i <= marked[0]]
        for index in range(found[-1] + 1, len(self.guesses)):
            if self.guesses[index].kind is Kind.MITIGATION:
                self.set(index, Guess(Kind.OTHER, None, "after the resolution: a follow-up"))
            elif self.guesses[index].kind is Kind.ESCALATION:
                self.set(index, Guess(Kind.OTHER, None, "after the resolution: telling others"))

    def last_fix(self) -> None:
        """With no resolution, the last fix, ending a timeline that has a detection, is the
        resolution, unless its words make it a stopgap or a partial one."""
        if not self.kinds(Kind.DETECTION):
            return
        tail = [i for i, g in enumerate(self.guesses) if g.kind is not Kind.OTHER][-1:]
        for index in tail:
            reading = self.readings[index]
            if reading.says("interim") or reading.says("partial"):
                continue
            if self.guesses[index].kind is Kind.MITIGATION and index >= len(self.guesses) - 2:
                self.set(index, Guess(Kind.RESOLUTION, None, "the last fix in the timeline"))
