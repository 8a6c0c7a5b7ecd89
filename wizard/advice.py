"""Advice beside the rubric: blaming wording in any text of a draft (`B1`...) and tasks a
reviewer would send back (`A1`...). Advice never changes whether the rubric passes and never
blocks saving or export. The words are data (`blame.toml`, `actions.toml`), read and
compiled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import Enum
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

if TYPE_CHECKING:
    from wizard.cues import AnyOf
    from wizard.model import Postmortem

BLAME_FILE, ACTIONS_FILE = "blame.toml", "actions.toml"
_NOT_TEXT = frozenset({"schema_version", "zone", "second_zone", "clock"})
"""Fields of a draft that hold settings, not the author's prose."""
_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_UPPER = re.compile(r"(?<!\\)[A-Z]")
"""A capital letter in a pattern (not an escape such as `\\S`): it could never match."""
_SAME_TASK = 0.75
"""Share of normalised words two tasks hold in common from which one repeats the other."""


class Advice(NamedTuple):
    """One piece of advice: its kind's id, the draft's dotted path, what was found, and what
    to write instead."""

    id: str
    field: str
    text: str
    suggestion: str

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "field": self.field,
            "text": self.text,
            "suggestion": self.suggestion,
        }

    def line(self, where: str | None = None) -> str:
        """`B1 Root Cause: "human error" - name the condition ...`: the field named `where`
        (by default its path)."""
        return f'{self.id} {where or self.field}: "{self.text}" - {self.suggestion}'


class AdviceDataError(ValueError):
    """A data file of the advice is broken: a packaging error, never the author's."""


class BlameKind(NamedTuple):
    id: str
    suggestion: str
    exempt: str | None = None  # a pattern of wording of the kind that blames nobody


class BlameRules(NamedTuple):
    kinds: tuple[BlameKind, ...]
    patterns: AnyOf  # every kind's, matched against the text in lower case
    kind_of: dict[str, BlameKind]  # by pattern
    person_id: str
    person_suggestion: str
    person: re.Pattern[str]
    names: frozenset[str]
    not_names: frozenset[str]
    mistake_verbs: frozenset[str]
    person_verbs: frozenset[str]


class ActionRules(NamedTuple):
    suggestions: dict[str, str]
    verbs: frozenset[str]
    vague: frozenset[str]
    stop: frozenset[str]


def _data(name: str) -> dict[str, Any]:
    from importlib import resources

    from wizard import memo

    try:
        text = resources.files("wizard").joinpath(name).read_text(encoding="utf-8")
        return memo.toml(text)
    except (OSError, ValueError) as error:  # a TOMLDecodeError is a ValueError
        raise AdviceDataError(f"wizard/{name} cannot be read: {error}") from None


def _words(data: dict[str, Any], key: str, source: str) -> frozenset[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise AdviceDataError(f"wizard/{source}: {key} must be a list of words")
    return frozenset(w.lower() for w in words)


def _text(data: dict[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AdviceDataError(f"wizard/{source}: {key} must be a text")
    return value


def blame_rules_from(data: dict[str, Any], source: str = BLAME_FILE) -> BlameRules:
    """The blame rules of a parsed `blame.toml`; AdviceDataError says what is broken."""
    from wizard.cues import either, literals

    kinds: list[BlameKind] = []
    written: list[tuple[str, BlameKind]] = []
    for number, kind in enumerate(data.get("kind") or (), 1):
        where = f"kind {number}"
        patterns = kind.get("patterns") if isinstance(kind, dict) else None
        if not isinstance(patterns, list) or not patterns:
            raise AdviceDataError(f"wizard/{source}: {where} needs a list of patterns")
        try:
            if any(_UPPER.search(p) for p in patterns):
                raise re.error("patterns are matched in lower case: write them so")
            for pattern in patterns:
                literals(pattern)  # reads it: compiled when first tried
            exempt = kind.get("exempt") or []
            if any(_UPPER.search(p) for p in exempt):
                raise re.error("patterns are matched in lower case: write them so")
            unless = "|".join(f"(?:{p})" for p in exempt) if exempt else None
            if unless is not None:
                literals(unless)
        except (re.error, TypeError) as error:
            raise AdviceDataError(
                f"wizard/{source}: {where} has a broken pattern: {error}"
            ) from None
        kinds.append(
            BlameKind(_text(kind, "id", source), _text(kind, "suggestion", source), unless)
        )
        written.extend((pattern, kinds[-1]) for pattern in patterns)
    if not kinds:
        raise AdviceDataError(f"wizard/{source}: no [[kind]] of blaming wording")
    person = data.get("person")
    if not isinstance(person, dict):
        raise AdviceDataError(f"wizard/{source}: no [person] table")
    ids = [k.id for k in kinds] + [_text(person, "id", source)]
    if len(set(ids)) != len(ids):
        raise AdviceDataError(f"wizard/{source}: an id is used twice")
    every = either([pattern for pattern, _ in written])
    kind_of = dict(written)
    return BlameRules(
        tuple(kinds),
        every,
        kind_of,
        person["id"],
        _text(person, "suggestion", source),
        re.compile(
            r"(?:^|[.!?;:]\s+|\n\s*(?:[-*•]\s+)?)(?P<name>[A-Z][a-z]+)"
            r"(?:\s+[A-Z][a-z]+)?\s+(?P<verb>[a-z]+)"
        ),
        _words(person, "first_names", source),
        _words(person, "not_names", source),
        _words(person, "mistake_verbs", source),
        _words(person, "person_verbs", source),
    )


def action_rules_from(data: dict[str, Any], source: str = ACTIONS_FILE) -> ActionRules:
    """The task rules of a parsed `actions.toml`; AdviceDataError says what is broken."""
    advice = data.get("advice")
    if not isinstance(advice, dict) or not advice:
        raise AdviceDataError(f"wizard/{source}: no [advice.*] suggestions")
    suggestions = {key: _text(value, "suggestion", source) for key, value in advice.items()}
    missing = {"A1", "A2", "A3", "A4", "A5"} - set(suggestions)
    if missing:
        raise AdviceDataError(f"wizard/{source}: no suggestion for {', '.join(sorted(missing))}")
    return ActionRules(
        suggestions,
        _words(data, "verbs", source),
        _words(data, "vague", source),
        _words(data, "stop", source),
    )


@cache
def blame_rules() -> BlameRules:
    return blame_rules_from(_data(BLAME_FILE))


@cache
def action_rules() -> ActionRules:
    return action_rules_from(_data(ACTIONS_FILE))


# --- blaming wording ---------------------------------------------------------------------


def text_fields(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every piece of prose in a draft: `root_cause`,
    `timeline.3.text`, `improvements.0`, `tasks.2.owner` (lists counted from 0)."""
    for name in type(model).model_fields:
        if name in _NOT_TEXT:
            continue
        yield from _texts_in(getattr(model, name), f"{prefix}{name}")


def _texts_in(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        yield from text_fields(value, f"{path}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_in(item, f"{path}.{index}")
    elif isinstance(value, str) and not isinstance(value, Enum) and value.strip():
        yield path, value


def blame_in(text: str, field: str) -> list[Advice]:
    """Blaming wording in one text, each kind and wording once, in the order found."""
    return list(_blame_in(text, field))


@lru_cache(maxsize=1024)
def _blame_in(text: str, field: str) -> tuple[Advice, ...]:
    """`blame_in`, kept for texts seen before: an edit changes one field of a draft."""
    rules = blame_rules()
    plain = text.translate(_STRAIGHT)
    lower = _lower(plain)
    found: list[tuple[int, Advice]] = []
    ends: dict[str, int] = {}
    for match in rules.patterns.finditer(lower):  # leftmost first: overlaps said once
        kind = rules.kind_of[match.re.pattern]
        if match.start() < ends.get(kind.id, 0) or _exempt(kind, lower, match):
            continue
        ends[kind.id] = match.end()
        said = plain[match.start() : match.end()]
        found.append((match.start(), Advice(kind.id, field, said, kind.suggestion)))
    for match in rules.person.finditer(plain):
        if _blames_person(match["name"].lower(), match["verb"], rules):
            said = match[0].lstrip(".!?;:-*• \n\t")
            found.append(
                (match.start(), Advice(rules.person_id, field, said, rules.person_suggestion))
            )
    seen: set[tuple[str, str]] = set()
    kept = []
    for _, advice in sorted(found, key=lambda f: f[0]):
        key = (advice.id, advice.text.lower())
        if key not in seen:
            seen.add(key)
            kept.append(advice)
    return tuple(kept)


def _exempt(kind: BlameKind, lower: str, match: re.Match[str]) -> bool:
    """True when the match lies in wording of its kind that blames nobody."""
    if kind.exempt is None:
        return False
    return any(
        e.start() <= match.start() and match.end() <= e.end()
        for e in re.compile(kind.exempt).finditer(
            lower, max(0, match.start() - 80), match.end() + 80
        )
    )


def _lower(text: str) -> str:
    """`text` in lower case, letter for letter (a letter whose lower case is longer stays)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _blames_person(name: str, verb: str, rules: BlameRules) -> bool:
    """True when `Name verb` puts a mistake on a person: a first name with a verb of a
    mistake, or any name with a verb only a person does."""
    if name in rules.not_names:
        return False
    if name in rules.names and verb in rules.mistake_verbs:
        return True
    return verb in rules.person_verbs


def blame_advice(draft: BaseModel) -> list[Advice]:
    """Blaming wording in every text field of a draft."""
    return [advice for field, text in text_fields(draft) for advice in blame_in(text, field)]


# --- action items ------------------------------------------------------------------------

_LEAD = re.compile(
    r"^\W*(?:\[[ xX]?\]\s*)?(?:[A-Z]+-\d+\W+)?(?:[\w /&-]{1,40}?[*_]*:[*_]*\s+(?=\W*\w))?"
    r"\W*(?:[A-Za-z]+ly\s+(?=[a-z]))?"
)
"""A bullet, a check box, a ticket key (`OPS-12`), a short label (`**Monitoring:** `) and an
adverb (`Regularly `) before what a task says to do."""


def verb_form(word: str, verbs: frozenset[str]) -> tuple[bool, str | None]:
    """(whether `word` is an imperative verb, the base form when it is another form of one:
    `adding` -> `add`). Prefixes (`re-enable`, `reconfigure`) and -ize/-ify verbs count."""
    word = word.lower()
    if word in verbs:
        return True, None
    for prefix in ("re-", "re", "un", "pre", "auto-", "auto", "de", "dis", "over", "co-"):
        rest = word.removeprefix(prefix)
        if rest != word and len(rest) >= 3 and rest in verbs:
            return True, None
    if word.endswith(("ize", "ise", "ify")) and len(word) > 5:
        return True, None
    return False, _base_form(word, verbs)


def _base_form(word: str, verbs: frozenset[str]) -> str | None:
    """The verb `word` is an -ing, -ed or -s form of, if any."""
    for ending, endings in (
        ("ing", ("", "e")),
        ("ied", ("y",)),
        ("ed", ("", "e")),
        ("ies", ("y",)),
    ):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            for tail in endings:
                if stem + tail in verbs:
                    return stem + tail
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs:
                return stem[:-1]
    if word.endswith("s") and word[:-1] in verbs:
        return word[:-1]
    if word.endswith("es") and word[:-2] in verbs:
        return word[:-2]
    return None


def _normalised(words: Sequence[str], stop: frozenset[str]) -> frozenset[str]:
    """Words of a task for comparing it with another: no stop words, crude stems."""
    kept = set()
    for word in words:
        if word in stop:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        kept.add(word)
    return frozenset(kept)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _task_body(text: str) -> str:
    """What a task says to do: links as their text, without what `_LEAD` matches."""
    return _LEAD.sub("", _LINK.sub(r"\1", text.translate(_STRAIGHT)))


def _task_words(text: str) -> list[str]:
    return [w.lower().strip("'-") for w in _WORD.findall(_task_body(text))]


def task_advice(tasks: Sequence[Any]) -> list[Advice]:
    """For each task: starts with a verb (A1), names a concrete thing (A2), has an owner
    (A3) and, unless done, a due date (A4), and does not repeat an earlier task (A5)."""
    rules = action_rules()
    found: list[Advice] = []
    earlier: list[tuple[frozenset[str], str]] = []
    for index, task in enumerate(tasks):
        text = " ".join(str(getattr(task, "text", "") or "").split())
        words = _task_words(text)
        if not words:
            continue
        field = f"tasks.{index}"
        say = rules.suggestions
        is_verb, base = verb_form(words[0], rules.verbs)
        if not is_verb:
            first = _WORD.search(_task_body(text))
            shown = first[0] if first else words[0]
            hint = f"'{base.capitalize()}' rather than '{shown}'" if base else ""
            found.append(Advice("A1", f"{field}.text", shown, _joined(say["A1"], hint)))
        rest = words[1:] if is_verb else words
        named = [w for w in rest if w not in rules.stop and w not in rules.vague]
        if not named:
            found.append(Advice("A2", f"{field}.text", text, say["A2"]))
        if not str(getattr(task, "owner", "") or "").strip():
            found.append(Advice("A3", f"{field}.owner", text, say["A3"]))
        if getattr(task, "due", None) is None and not getattr(task, "done", False):
            found.append(Advice("A4", f"{field}.due", text, say["A4"]))
        mine = _normalised(words, rules.stop)
        for other, other_text in earlier:
            if mine and other and len(mine & other) / len(mine | other) >= _SAME_TASK:
                hint = f"it repeats '{other_text}'"
                found.append(Advice("A5", f"{field}.text", text, f"{hint}: {say['A5']}"))
                break
        earlier.append((mine, text))
    return found


def _joined(suggestion: str, hint: str) -> str:
    return f"{hint}: {suggestion}" if hint else suggestion


def advise(draft: BaseModel) -> list[Advice]:
    """All the advice on a draft: blaming wording first, then the tasks'."""
    return blame_advice(draft) + task_advice(getattr(draft, "tasks", ()))


class Advisor:
    """`advise` for successive versions of one draft, worked out again only for the fields an
    edit changed: an edit replaces the value of the field it changes and leaves the others
    the very same objects, so a field whose value is the one seen last keeps its advice."""

    def __init__(self) -> None:
        self._blame: dict[str, tuple[Any, list[Advice]]] = {}
        self._tasks: tuple[Any, list[Advice]] | None = None

    def advise(self, draft: BaseModel) -> list[Advice]:
        """The same list as `advise(draft)`."""
        found: list[Advice] = []
        for name in type(draft).model_fields:
            if name in _NOT_TEXT:
                continue
            value = getattr(draft, name)
            kept = self._blame.get(name)
            if kept is None or kept[0] is not value:
                blamed = [a for path, text in _texts_in(value, name) for a in blame_in(text, path)]
                kept = self._blame[name] = (value, blamed)
            found += kept[1]
        tasks = getattr(draft, "tasks", ())
        if self._tasks is None or self._tasks[0] is not tasks:
            self._tasks = (tasks, task_advice(tasks))
        return found + self._tasks[1]


def as_written(draft: Postmortem) -> Postmortem:
    """The draft as its document holds it: list items without text left out, the timeline
    in time order. `check` advises on this, so a draft and its export get the same advice."""
    return draft.model_copy(
        update={
            "timeline": [e for e in draft.sorted_timeline() if e.text.strip()],
            "improvements": [i for i in draft.improvements if i.strip()],
            "tasks": [t for t in draft.tasks if t.text.strip()],
        }
    )
