"""The rubric as data: each point is an id, a section, a label and a test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC
from functools import lru_cache
from typing import Any

from wizard.markdown import counts, writer
from wizard.model import Kind, Postmortem
from wizard.time import timezones

WORDS_MIN, WORDS_MAX = 400, 600
DETAIL_WORDS = 20
MAX_SENTENCES = 2

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
# Abbreviations whose dot does not end a sentence ("paged the DB team, e.g. Ana").
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|a\.m|p\.m)\.", re.IGNORECASE)


@lru_cache(maxsize=4096)
def sentences(text: str) -> int:
    """How many sentences `text` holds (ends at . ! ? followed by a space or the end); kept
    for the texts seen lately, as every edit checks every timeline entry again."""
    plain = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text.strip())
    pieces = _SENTENCE_END.split(plain)
    return sum(1 for piece in pieces if any(ch.isalnum() for ch in piece))


@dataclass(frozen=True)
class Facts:
    """What a point may look at: the draft and the exported word counts."""

    pm: Postmortem
    words: dict[str, int]
    total: int

    def entries(self, kind: Kind) -> list[Any]:
        """The entries of `kind`, in time order (as the export writes them)."""
        return [e for e in self.pm.sorted_timeline() if e.kind is kind and e.text.strip()]


Verdict = tuple[bool, str]


@dataclass(frozen=True)
class Point:
    """One rubric point; `test` says whether it is met and why, in a few words."""

    id: str
    section: str
    label: str
    test: Callable[[Facts], Verdict]


@dataclass(frozen=True)
class Result:
    id: str
    section: str
    label: str
    met: bool
    why: str


@dataclass(frozen=True)
class Rubric:
    name: str
    points: tuple[Point, ...]

    def sections(self) -> list[str]:
        return list(dict.fromkeys(p.section for p in self.points))


def points_text(count: int) -> str:
    """`1 point`, `3 points`."""
    return f"{count} point" if count == 1 else f"{count} points"


def _filled(text: str, missing: str, met: str) -> Verdict:
    return (True, met) if text.strip() else (False, missing)


def _s1(f: Facts) -> Verdict:
    w = f.pm.window
    if w.start is None and w.end is None:
        return False, "no start and end time"
    if w.start is None or w.end is None:
        return False, "no start time" if w.start is None else "no end time"
    if not w.dated:
        return False, "the times have no date: give the day"
    if w.zone_from_computer:
        return False, f"confirm the time zone: {w.zone} was taken from this computer"
    minutes = w.minutes or 0
    return True, f"{timezones.format_minutes(minutes)}, {w.zone}"


def _s4(f: Facts) -> Verdict:
    p = f.pm.impact.percent
    return (False, "no share of users given") if p is None else (True, f"{p:g}% of users")


def _s5(f: Facts) -> Verdict:
    text = f.pm.root_cause_summary
    if not text.strip():
        return False, "no root cause in the summary"
    count = sentences(text)
    if count > MAX_SENTENCES:
        return False, f"{count} sentences: keep it to one or two"
    return True, "root cause stated"


def _has(kind: Kind, missing: str, met: str) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        found = f.entries(kind)
        return (True, f"{met} ({len(found)})") if found else (False, missing)

    return test


def _t1(f: Facts) -> Verdict:
    timed = [e for e in f.entries(Kind.DETECTION) if e.time is not None]
    if timed:
        zone = f.pm.window.zone
        moments = [e.at(zone) for e in timed]
        moment = min(moments, key=lambda m: m.astimezone(UTC))
        return True, f"detected at {timezones.format_clock(moment, f.pm.clock)}"
    if f.entries(Kind.DETECTION):
        return False, "the detection entry has no time"
    return False, "no detection entry"


def _t2(f: Facts) -> Verdict:
    for entry in f.entries(Kind.DETECTION):
        if entry.detected_by is not None:
            return True, f"detected by {entry.detected_by.value}"
    return False, "how the issue was detected is not said"


def _t7(f: Facts) -> Verdict:
    entries = [e for e in f.pm.timeline if e.text.strip()]
    if not entries:
        return False, "the timeline is empty"
    if any(sentences(e.text) > MAX_SENTENCES for e in entries):
        written = [e for e in f.pm.sorted_timeline() if e.text.strip()]  # numbered as exported
        long = [n for n, e in enumerate(written, 1) if sentences(e.text) > MAX_SENTENCES]
        listed = ", ".join(str(n) for n in long[:5])
        return False, f"entries longer than two sentences: {listed}"
    return True, "1 short entry" if len(entries) == 1 else f"{len(entries)} short entries"


def _detail(attr: str, what: str) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        count = counts.words_in(getattr(f.pm, attr))
        if count == 0:
            return False, f"no {what}"
        if count < DETAIL_WORDS:
            return False, f"{what}: {count} words, give at least {DETAIL_WORDS}"
        return True, f"{what}: {count} words"

    return test


def _c1(f: Facts) -> Verdict:
    items = [i for i in f.pm.improvements if i.strip()]
    if not items:
        return False, "no improvements listed"
    return True, "1 improvement" if len(items) == 1 else f"{len(items)} improvements"


def _c2(f: Facts) -> Verdict:
    tasks = [t for t in f.pm.tasks if t.text.strip()]
    if len(tasks) >= 2:
        return True, f"{len(tasks)} tasks"
    return False, "list at least two specific tasks" + (f" (have {len(tasks)})" if tasks else "")


def _w1(f: Facts) -> Verdict:
    if f.total < WORDS_MIN:
        return False, f"{f.total} words, {WORDS_MIN - f.total} short of {WORDS_MIN}"
    if f.total > WORDS_MAX:
        return False, f"{f.total} words, {f.total - WORDS_MAX} over {WORDS_MAX}"
    return True, f"{f.total} words"


CLASSIC = Rubric(
    "classic",
    (
        Point("S1", "summary", "Duration with start, end and time zone", _s1),
        Point(
            "S2",
            "summary",
            "Which service was down or slow",
            # The affected service alone answers it as well as the "what was down" text.
            lambda f: _filled(
                f.pm.impact.down.strip() or f.pm.service,
                "what was down is not said",
                "service named",
            ),
        ),
        Point(
            "S3",
            "summary",
            "What users experienced",
            lambda f: _filled(
                f.pm.impact.experience, "what users saw is not said", "user experience described"
            ),
        ),
        Point("S4", "summary", "Percentage of users affected", _s4),
        Point("S5", "summary", "Root cause in a sentence or two", _s5),
        Point("T1", "timeline", "When the issue was detected", _t1),
        Point("T2", "timeline", "How it was detected", _t2),
        Point(
            "T3",
            "timeline",
            "Actions taken and what was investigated",
            _has(Kind.INVESTIGATION, "no investigation entry", "investigation"),
        ),
        Point(
            "T4",
            "timeline",
            "Misleading investigation paths",
            _has(Kind.MISLEADING, "no misleading path entry", "misleading paths"),
        ),
        Point(
            "T5",
            "timeline",
            "Who it was escalated to",
            _has(Kind.ESCALATION, "no escalation entry", "escalation"),
        ),
        Point(
            "T6",
            "timeline",
            "How it was resolved",
            _has(Kind.RESOLUTION, "no resolution entry", "resolution"),
        ),
        Point("T7", "timeline", "Every entry one or two sentences", _t7),
        Point("R1", "root_cause", "What caused it, in detail", _detail("root_cause", "root cause")),
        Point("R2", "root_cause", "How it was fixed, in detail", _detail("resolution", "fix")),
        Point("C1", "measures", "What can be improved, broadly", _c1),
        Point("C2", "measures", "Specific tasks, like a TODO list", _c2),
        Point("W1", "document", f"{WORDS_MIN}-{WORDS_MAX} words in all", _w1),
    ),
)

RUBRICS = {CLASSIC.name: CLASSIC}


@dataclass(frozen=True)
class Report:
    """The rubric applied to one postmortem."""

    results: list[Result]
    words: dict[str, int]
    total: int
    found: dict[str, bool] = field(default_factory=dict)
    window: dict[str, Any] | None = None

    @property
    def passed(self) -> bool:
        return all(r.met for r in self.results)

    @property
    def met(self) -> int:
        return sum(r.met for r in self.results)

    def missing(self) -> list[Result]:
        return [r for r in self.results if not r.met]

    def as_json(self) -> dict[str, Any]:
        """The `check --json` object."""
        return {
            "words": self.total,
            "sections": {
                s: {"found": self.found.get(s, False), "words": self.words.get(s, 0)}
                for s in writer.SECTIONS
            },
            "window": self.window,
            "rubric": [
                {"id": r.id, "label": r.label, "met": r.met, "why": r.why} for r in self.results
            ],
            "passed": self.passed,
        }


def window_json(pm: Postmortem) -> dict[str, Any] | None:
    """The incident window as the JSON report gives it, or None until it is complete."""
    w = pm.window
    if w.start_at is None or w.end_at is None:
        return None
    if not w.dated:
        start, end = f"T{w.start_at:%H:%M}", f"T{w.end_at:%H:%M}"
    else:
        start, end = w.start_at.isoformat(), w.end_at.isoformat()
    return {
        "start": start,
        "end": end,
        "zone": w.zone,
        "minutes": w.minutes,
    }


# The points a form field answers: while the field holds text the model refused, the draft
# keeps its last good value, and these points say what is wrong instead of judging that.
FIELD_POINTS: dict[str, tuple[str, ...]] = {
    "window.start": ("S1",),
    "window.end": ("S1",),
    "window.zone": ("S1",),
    "impact.percent": ("S4",),
}


def with_invalid_fields(report: Report, invalid: dict[str, str]) -> Report:
    """`report` with the points of fields holding refused text unmet, giving the reason."""
    return with_unmet(
        report,
        {point: why for path, why in invalid.items() for point in FIELD_POINTS.get(path, ())},
    )


def with_unmet(report: Report, reasons: dict[str, str]) -> Report:
    """`report` with the points in `reasons` (id -> why) unmet, saying why."""
    if not reasons:
        return report
    results = [
        replace(r, met=False, why=reasons[r.id]) if r.id in reasons else r for r in report.results
    ]
    return replace(report, results=results)


def sections_found(pm: Postmortem) -> dict[str, bool]:
    """Which sections of a draft hold anything yet."""
    return {
        "summary": any(
            (
                pm.window.start,
                pm.impact.down.strip(),
                pm.impact.experience.strip(),
                pm.impact.percent is not None,
                pm.root_cause_summary.strip(),
            )
        ),
        "timeline": any(e.text.strip() for e in pm.timeline),
        "root_cause": bool(pm.root_cause.strip() or pm.resolution.strip()),
        "measures": any(i.strip() for i in pm.improvements)
        or any(t.text.strip() for t in pm.tasks),
    }


def evaluate(
    pm: Postmortem,
    rubric: Rubric = CLASSIC,
    words: dict[str, int] | None = None,
    total: int | None = None,
    found: dict[str, bool] | None = None,
) -> Report:
    """Every point of `rubric` for `pm`; word counts come from the export unless given."""
    words = words if words is not None else counts.section_words(pm)
    total = total if total is not None else counts.total_words(pm, words)
    facts = Facts(pm, words, total)
    results = []
    for point in rubric.points:
        met, why = point.test(facts)
        results.append(Result(point.id, point.section, point.label, met, why))
    return Report(
        results,
        words,
        total,
        found if found is not None else sections_found(pm),
        window_json(pm),
    )
