"""The rubric as data: each point is an id, a section, a label and a test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wizard import templates
from wizard.markdown import counts
from wizard.model import KIND_LABELS, Kind, Postmortem
from wizard.time import timezones

if TYPE_CHECKING:
    from wizard.templates.template import Point as PointSpec
    from wizard.templates.template import Template, Words

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


class Facts:
    """What a point may look at: the draft and the exported word counts."""

    def __init__(self, pm: Postmortem, words: dict[str, int], total: int) -> None:
        self.pm, self.words, self.total = pm, words, total

    @cached_property
    def timeline(self) -> list[Any]:
        """The entries in time order (as the export writes them), sorted once for all points."""
        return self.pm.sorted_timeline()

    @cached_property
    def _by_kind(self) -> dict[Kind, list[Any]]:
        found: dict[Kind, list[Any]] = {}
        for entry in self.timeline:
            if entry.text.strip():
                found.setdefault(entry.kind, []).append(entry)
        return found

    def entries(self, kind: Kind) -> list[Any]:
        """The entries of `kind` holding text, in time order (as the export writes them)."""
        return list(self._by_kind.get(kind, ()))


Verdict = tuple[bool, str]


class Point(NamedTuple):
    """One rubric point; `test` says whether it is met and why, in a few words."""

    id: str
    section: str
    label: str
    test: Callable[[Facts], Verdict]
    # The timeline kind whose entry would meet the point: while none is there, `with_hints`
    # names the entry that reads like one.
    kind: Kind | None = None


class Result(NamedTuple):
    id: str
    section: str
    label: str
    met: bool
    why: str
    hint: str = ""  # what could meet the point (`entry 2 reads like a detection: mark it?`)

    @property
    def said(self) -> str:
        """Why, and the hint when there is one: what the panel and `check` show."""
        return f"{self.why}; {self.hint}" if self.hint else self.why


@dataclass(frozen=True)
class Rubric:
    name: str
    points: tuple[Point, ...]
    template: Template = field(default_factory=templates.classic)

    def sections(self) -> list[str]:
        return list(dict.fromkeys(p.section for p in self.points))


def counted(count: int, noun: str) -> str:
    """`1 point`, `3 points`: a count and its noun in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def points_text(count: int) -> str:
    """`1 point`, `3 points`."""
    return counted(count, "point")


def _value(pm: Postmortem, path: str) -> Any:
    """The draft's value at a dotted path (`impact.percent`, `parts.trigger`); a part the
    draft does not hold yet is empty text."""
    value: Any = pm
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else getattr(value, part)
    return value


def _text(value: Any) -> str:
    """A text field's text, or a list's items one to a line."""
    return value if isinstance(value, str) else "\n".join(str(item) for item in value)


def holds(value: Any) -> bool:
    """Whether a field's value holds anything: text that is not blank, a list with such an
    item (a task or an entry by its text), any other value set."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(holds(item) for item in value)
    if hasattr(value, "text"):
        return holds(value.text)
    return value is not None


def _filled(spec: PointSpec) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        filled = any(holds(_value(f.pm, path)) for path in spec.fields)
        return (True, spec.met) if filled else (False, spec.missing)

    return test


def _window(spec: PointSpec) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
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

    return test


def _share(spec: PointSpec) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        p = _value(f.pm, spec.fields[0])
        return (False, "no share of users given") if p is None else (True, f"{p:g}% of users")

    return test


def _at_most(count: int) -> str:
    return "one or two" if count == 2 else f"at most {count}"


def _sentences(spec: PointSpec) -> Callable[[Facts], Verdict]:
    limit = spec.max or MAX_SENTENCES

    def test(f: Facts) -> Verdict:
        text = _value(f.pm, spec.fields[0])
        if not text.strip():
            return False, spec.missing
        count = sentences(text)
        if count > limit:
            return False, f"{count} sentences: keep it to {_at_most(limit)}"
        return True, spec.met

    return test


def _has(spec: PointSpec) -> Callable[[Facts], Verdict]:
    kind = spec.kind or Kind.OTHER

    def test(f: Facts) -> Verdict:
        found = f.entries(kind)
        return (True, f"{spec.met} ({len(found)})") if found else (False, spec.missing)

    return test


def _detected_at(spec: PointSpec) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        timed = [e for e in f.entries(Kind.DETECTION) if e.time is not None]
        if timed:
            zone = f.pm.window.zone
            moments = [e.at(zone) for e in timed]
            moment = min(moments, key=lambda m: m.astimezone(UTC))
            return True, f"detected at {timezones.format_clock(moment, f.pm.clock)}"
        if f.entries(Kind.DETECTION):
            return False, "the detection entry has no time"
        return False, "no detection entry"

    return test


def _detected_by(spec: PointSpec) -> Callable[[Facts], Verdict]:
    def test(f: Facts) -> Verdict:
        for entry in f.entries(Kind.DETECTION):
            if entry.detected_by is not None:
                return True, f"detected by {entry.detected_by.value}"
        return False, "how the issue was detected is not said"

    return test


def _short_entries(spec: PointSpec) -> Callable[[Facts], Verdict]:
    limit = spec.max or MAX_SENTENCES
    words = {1: "one sentence", 2: "two sentences"}.get(limit, f"{limit} sentences")

    def test(f: Facts) -> Verdict:
        entries = [e for e in f.pm.timeline if e.text.strip()]
        if not entries:
            return False, "the timeline is empty"
        if any(sentences(e.text) > limit for e in entries):
            written = [e for e in f.timeline if e.text.strip()]  # numbered as exported
            long = [n for n, e in enumerate(written, 1) if sentences(e.text) > limit]
            listed = ", ".join(str(n) for n in long[:5])
            return False, f"entries longer than {words}: {listed}"
        return True, "1 short entry" if len(entries) == 1 else f"{len(entries)} short entries"

    return test


def _words(spec: PointSpec) -> Callable[[Facts], Verdict]:
    least, what = spec.min or 0, spec.what or spec.fields[0].replace("_", " ")

    def test(f: Facts) -> Verdict:
        count = sum(counts.words_in(_text(_value(f.pm, path))) for path in spec.fields)
        if count == 0:
            return False, f"no {what}"
        if count < least:
            return False, f"{what}: {counted(count, 'word')}, give at least {least}"
        return True, f"{what}: {counted(count, 'word')}"

    return test


def _items(spec: PointSpec) -> Callable[[Facts], Verdict]:
    least, noun = spec.min or 1, spec.what or "item"

    def test(f: Facts) -> Verdict:
        items = [i for path in spec.fields for i in _value(f.pm, path) if holds(i)]
        if len(items) >= least:
            return True, counted(len(items), noun)
        missing = spec.missing or f"list at least {counted(least, noun)}"
        return False, missing + (f" (have {len(items)})" if items else "")

    return test


def _total_words(words: Words) -> Callable[[PointSpec], Callable[[Facts], Verdict]]:
    def make(spec: PointSpec) -> Callable[[Facts], Verdict]:
        least, most = words.min, words.max

        def test(f: Facts) -> Verdict:
            if f.total < least:
                return False, f"{counted(f.total, 'word')}, {least - f.total} short of {least}"
            if f.total > most:
                return False, f"{f.total} words, {f.total - most} over {most}"
            return True, f"{counted(f.total, 'word')}"

        return test

    return make


_CHECKS: dict[str, Callable[[PointSpec], Callable[[Facts], Verdict]]] = {
    "filled": _filled,
    "window": _window,
    "share": _share,
    "sentences": _sentences,
    "timeline_kind": _has,
    "detected_at": _detected_at,
    "detected_by": _detected_by,
    "short_entries": _short_entries,
    "words": _words,
    "items": _items,
}


def rubric_for(template: Template) -> Rubric:
    """The rubric a template's points make."""
    checks = dict(_CHECKS)
    if template.words is not None:
        checks["total_words"] = _total_words(template.words)
    points = tuple(
        Point(spec.id, spec.section, spec.label, checks[spec.check](spec), spec.kind)
        for spec in template.points
    )
    return Rubric(template.name, points, template)


def rubric_of(pm: Postmortem, root: Path | None = None) -> Rubric:
    """The rubric of the template a draft follows (a team's own is looked for beside the
    drafts in `root`); TemplateError when it cannot be found."""
    if pm.template == templates.CLASSIC:
        return classic_rubric()
    return rubric_for(templates.of(pm, root))


@cache
def classic_rubric() -> Rubric:
    """The classic template's rubric (read when first asked for, not at start-up)."""
    return rubric_for(templates.classic())


def __getattr__(name: str) -> Any:
    """`CLASSIC`, the classic rubric, and its word range, read when first used."""
    if name == "CLASSIC":
        return classic_rubric()
    if name in ("WORDS_MIN", "WORDS_MAX"):
        words = templates.classic().words
        assert words is not None
        return words.min if name == "WORDS_MIN" else words.max
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Report(NamedTuple):
    """The rubric applied to one postmortem."""

    results: list[Result]
    words: dict[str, int]
    total: int
    found: dict[str, bool]
    window: dict[str, Any] | None = None
    sections: tuple[str, ...] = ()

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
                for s in self.sections
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


def with_invalid_fields(
    report: Report, invalid: dict[str, str], template: Template | None = None
) -> Report:
    """`report` with the points of fields holding refused text unmet, giving the reason: while
    a form field holds text the model refused, the draft keeps its last good value, and the
    points it answers say what is wrong instead of judging that."""
    answers = (template or templates.classic()).field_points
    return with_unmet(
        report,
        {point: why for path, why in invalid.items() for point in answers.get(path, ())},
    )


def with_unmet(report: Report, reasons: dict[str, str]) -> Report:
    """`report` with the points in `reasons` (id -> why) unmet, saying why."""
    if not reasons:
        return report
    results = [
        r._replace(met=False, why=reasons[r.id]) if r.id in reasons else r for r in report.results
    ]
    return report._replace(results=results)


def with_hints(
    report: Report, pm: Postmortem, rubric: Rubric | None = None, section: str | None = None
) -> Report:
    """`report` with a hint on each unmet point (of `section`, when given) that an entry of
    a kind would meet, while the timeline has none of that kind: the entry that reads like
    one, numbered as the timeline shows it (in time order, from 1)."""
    points = (rubric or classic_rubric()).points
    kinds = {p.id: p.kind for p in points if p.kind is not None and section in (None, p.section)}
    wanted = {
        r.id: kind
        for r in report.results
        if not r.met and (kind := kinds.get(r.id)) is not None
        if not any(e.kind is kind and e.text.strip() for e in pm.timeline)
    }
    if not wanted:
        return report
    texts = tuple(e.text for e in pm.sorted_timeline())
    hints = {point: hint for point, kind in wanted.items() if (hint := _hint(texts, kind))}
    results = [r._replace(hint=hints[r.id]) if r.id in hints else r for r in report.results]
    return report._replace(results=results)


@lru_cache(maxsize=64)
def _hint(texts: tuple[str, ...], kind: Kind) -> str:
    """`entry 2 reads like a detection: mark it?`, or '' when no entry reads like `kind`."""
    from wizard.kinds import reads_like

    index = reads_like(texts, kind)
    if index is None:
        return ""
    name = KIND_LABELS[kind].lower()
    article = "an" if name[0] in "aeiou" else "a"
    return f"entry {index + 1} reads like {article} {name}: mark it?"


def sections_found(pm: Postmortem, template: Template | None = None) -> dict[str, bool]:
    """Which sections of a draft hold anything yet."""
    return {
        section.id: any(holds(_value(pm, path)) for path in section.found_fields)
        for section in (template or templates.classic()).sections
    }


def evaluate(
    pm: Postmortem,
    rubric: Rubric | None = None,
    words: dict[str, int] | None = None,
    total: int | None = None,
    found: dict[str, bool] | None = None,
) -> Report:
    """Every point of `rubric` (by default the one of the template `pm` follows) for `pm`; word
    counts come from the export unless given."""
    rubric = rubric or rubric_of(pm)
    words = words if words is not None else counts.section_words(pm, rubric.template)
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
        found if found is not None else sections_found(pm, rubric.template),
        window_json(pm),
        rubric.template.section_ids,
    )
