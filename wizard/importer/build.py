"""From the reader's filed parts to a validated Postmortem: summary, window, timeline, measures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wizard import templates
from wizard.importer import times
from wizard.importer.blocks import wraps
from wizard.importer.measures import Measures, written_year
from wizard.importer.reader import Part, Reader
from wizard.importer.result import ImportResult, unsorted_text
from wizard.importer.window import Timing, find_timing
from wizard.markdown import counts
from wizard.model import Impact, Postmortem, Task

SECTIONS = templates.classic().section_ids
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_CAUSE = re.compile(
    r"\broot[- ]?cause|\bcaused by\b|\bcause of\b|\bdue to\b|\bbecause\b|\bstemmed from"
    r"|\btriggered by|\bculprit|\bwas caused|\bresulted from|\boriginated",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"\b(?:users?|customers?|visitors?|clients?|people|subscribers|anyone|everyone|shoppers)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?<![\w.,])(?P<sign>-)?(?P<number>\d(?:[\d,.]*\d)?)\s*%")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_BARE_NUMBER = re.compile(r"\s*-?\d[\d,.]*\s*")
_EVERYONE = re.compile(
    r"\b(?:all|every|100 percent of)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:users?|customers?|visitors?"
    r"|clients?)\b",
    re.IGNORECASE,
)
_OF_PEOPLE = re.compile(
    r"\s+of\s+(?:the\s+|our\s+|all\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:users?|user ?base"
    r"|customers?|visitors?|clients?|people|subscribers|shoppers|merchants|members|players"
    r"|accounts|developers|tenants|sellers|buyers|viewers|listeners|readers|traffic)\b"
    r"(?P<after>[^.;]{0,30})",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+of\s", re.IGNORECASE)
_UNHARMED = re.compile(
    r"^\s*(?:(?:was|were|are|is)\s+)?(?:able to|unaffected|not affected|could still|still)",
    re.IGNORECASE,
)


def _of_people(text: str, start: int, end: int) -> bool:
    """True when the `N%` at `start`-`end` is a share of people hit: `40% of users saw ...`,
    `100% of the traffic`, `most users, typically 80%, ...`; not `85% of our network`, `30%
    of attempts`, `50% of users were able to ...`."""
    if _OF.match(text, end):
        found = _OF_PEOPLE.match(text, end)
        return found is not None and not _UNHARMED.match(found["after"])
    before = text[max(0, start - 50) : start]
    return bool(_PEOPLE.search(_CLAUSE_END.split(before)[-1]))


_FIX = re.compile(
    r"(?:to (?:fix|resolve|solve|remedy|address|defeat|mitigate|recover|kickstart|restore)\b"
    r"|the (?:fix|solution|resolution|remedy)\b|(?:this|it|the (?:issue|problem|outage|error))"
    r"(?: was| has been)? (?:fixed|resolved|solved|corrected)|(?:we|i|the (?:\w+ )*team|engineers?"
    r"|they)(?: then| quickly| immediately| finally)?(?: was able to| were able to)? (?:fix|resolv"
    r"|restor|roll|restart|correct|replac|revert|chang|updat|appl|deploy|recreat|limit|adjust"
    r"|redeploy|manually|failed over)|(?:after|upon|once) (?:identifying|finding|discovering|the "
    r"(?:problem|issue|error|misconfiguration)|this)|by (?:correcting|fixing|replacing|restarting"
    r"|rolling|changing|updating|enabling)|resolution\b|solution\b)",
    re.IGNORECASE,
)
_TITLE_NOISE = re.compile(
    r"post-?mortem\w*|postmo\w*|project|report|incident|title|readme|my|first|the|a|0x[0-9a-f]+"
    r"|\d+",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(
    r"post-?mortem|outage|incident|report|failure|meltdown|downtime|disruption", re.IGNORECASE
)
_RESPONSE_WORDS = re.compile(
    r"\b(?:time|to|detect(?:ed|ion)?|escalat(?:ed|e|ion)|resol(?:ved?|ution)|after|mitigat(?:ed|e)"
    r"|\d+|d|h|min|days?)\b|[^\w]",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;]\s")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2,}")
_NON_WORD = re.compile(r"\W")
_LOOSE = ("impact", "description", "prose", "auto")


def _wordy(text: str) -> bool:
    """True when `text` says more than a number (`about 62% of users`, not `62%`)."""
    return bool(_TWO_LETTERS.search(text))


def _title_line(part: Part) -> bool:
    """A short line of the opening that names the incident (`Postmortem: Checkout outage`)."""
    text = part.text.strip()
    short = len(text.split()) <= 14 and not text.endswith(".")
    return part.kind == "line" and part.counted and short and bool(_TITLE_WORDS.search(text))


_FIELD_LINE = re.compile(r"[^\W\d][\w ]{0,25}:\s")


def _first_line(intro: list[Part]) -> list[Part]:
    """The document's first line, after a date alone, when it reads as a title: short, no
    sentence, no field (`Status: final`), more than `Postmortem` (`Search indexer fell
    behind during the catalogue import`)."""
    for part in intro:
        text = part.text.strip()
        if part.kind != "line" or not part.counted:
            return []
        dated = times.DATE_ONLY.search(text)
        if dated and not _wordy(text[: dated.start()] + text[dated.end() :]):
            continue
        sentence = len(text.split()) > 14 or text.endswith((".", ":", "?", "!"))
        said = _TITLE_NOISE.sub("", _NON_WORD.sub(" ", text)).strip()
        if sentence or not said or _FIELD_LINE.match(text):
            return []
        return [part]
    return []


def _joined(parts: Iterable[Part]) -> str:
    """Parts as text: wrapped lines joined, other lines of a paragraph kept, paragraphs apart."""
    out: list[str] = []
    last: Part | None = None
    for part in parts:
        text = part.text.strip()
        if not text:
            continue
        if last is not None:
            same = part.group == last.group
            out.append((" " if wraps(last.text, text) else "\n") if same else "\n\n")
        out.append(text)
        last = part
    return "".join(out)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def _merged_lines(parts: list[Part]) -> list[Part]:
    """Lines that continue the line before (a hard wrap, a paragraph of an item) joined to it."""
    merged: list[Part] = []
    for part in parts:
        last = merged[-1] if merged else None
        joins = (
            last is not None
            and not part.fresh
            and part.group == last.group
            and part.slot == last.slot
            and (part.kind == "cont" or wraps(last.text, part.text))
        )
        if last is not None and joins:
            last.text = f"{last.text} {part.text}".strip()
        else:
            merged.append(
                Part(
                    part.slot,
                    part.kind,
                    part.group,
                    part.text,
                    part.checked,
                    part.level,
                    part.fresh,
                )
            )
    return merged


class Builder:
    """Turns a Reader's filed parts into a validated Postmortem and the import's report."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader
        self.parts = reader.parts
        self.notes: list[str] = []
        self.unsorted: list[str] = []
        self.unmet: list[tuple[str, str]] = []
        self.year: int | None = None  # the incident's, for due dates written without one

    def of(self, where: str, *slots: str) -> list[Part]:
        """The parts filed under `where`, only those of `slots` when given."""
        return [p for p in self.parts.get(where, []) if not slots or p.slot in slots]

    def result(self) -> ImportResult:
        """The validated draft, which sections were found, the counts and the notes."""
        title, intro = self.title()
        impact, root_summary, service = self.summary(self.opening_summary(intro))
        timing = self.timing(title, intro)
        root_cause, resolution = self.root_cause()
        if timing.dated and timing.window.start is not None:
            self.year = timing.window.start.year
        improvements, tasks = self.measures()
        self.unsorted.append(_joined(self.of("unsorted")))
        draft = Postmortem(
            title=title,
            service=service,
            window=timing.window.revised(dated=timing.dated),
            impact=impact,
            root_cause_summary=root_summary,
            timeline=timing.entries,
            root_cause=root_cause,
            resolution=resolution,
            improvements=improvements,
            tasks=tasks,
            unsorted=self.unsorted_text(),
        )
        found = {s: s in self.r.found and self.filled(s, draft) for s in SECTIONS}
        return ImportResult(
            draft,
            found,
            dict(self.r.words),
            self.r.total,
            timing.dated,
            tuple(c for c in self.r.consumed if c.strip()),
            tuple(self.notes),
            tuple(self.unmet),
        )

    def opening_summary(self, intro: list[Part]) -> list[Part]:
        """The untitled opening read as the summary when no section is called that; else the
        opening is kept, unsorted."""
        prose = [p for p in intro if p.kind != "heading" and p.counted and _wordy(p.text)]
        if "summary" in self.r.found or not prose:
            self.unsorted.append(_joined(intro))
            return []
        self.r.found.add("summary")
        self.r.words["summary"] += sum(counts.words_in(p.text) for p in prose)
        taken = {id(p) for p in prose}  # by identity: parts compare by value, and slowly
        self.unsorted.append(_joined(p for p in intro if id(p) not in taken))
        return prose

    def timing(self, title: str, intro: list[Part]) -> Timing:
        """The window and the dated timeline; what it guessed goes to the notes."""
        timing = find_timing(
            stated=[p.text for p in self.of("summary", "duration")],
            summary=[p.text for p in self.of("summary") if p.slot != "duration"],
            title=title,
            opening=[p.text for p in intro],
            pieces=self.r.pieces,
            timeline_zone=self.r.timeline_zone,
            unknown_zone=self.r.unknown_zone,
            noted_day=self.r.noted_day,
            page_day=self.r.page_day,
            around=self.r.around,
        )
        self.notes.extend(timing.notes)
        self.unmet.extend(timing.unmet)
        self.unsorted.extend(f"Duration: {text}" for text in timing.unsorted)
        self.r.consumed.extend(timing.consumed)
        return timing

    def unsorted_text(self) -> str:
        """What found no place, after a `Check:` line for every guess the author should
        confirm (the summary screen shows it above the fields)."""
        return unsorted_text(self.notes, self.unsorted)

    def filled(self, section: str, draft: Postmortem) -> bool:
        """True when a section that was named also holds something."""
        return self.r.words.get(section, 0) > 0 or (section == "timeline" and bool(draft.timeline))

    # -- title and summary

    def title(self) -> tuple[str, list[Part]]:
        """The document's title: a level-1 heading that says something, else the first heading
        or short line naming the incident; the rest of the opening stays in `intro`."""
        intro = self.of("intro")
        if self.r.meta_title:
            return self.r.meta_title, intro
        candidates = [p for p in intro if p.kind == "heading" or _title_line(p)]
        candidates += _first_line(intro)
        if not candidates:
            return "", intro
        meaningful = [
            p for p in candidates if _TITLE_NOISE.sub("", _NON_WORD.sub(" ", p.text)).strip()
        ]
        top = [p for p in meaningful if p.kind == "heading" and p.level <= 1]
        chosen = (top or _first_line(intro) or meaningful or candidates)[0]
        return chosen.text.strip(), [p for p in intro if p is not chosen]

    def summary(self, intro: list[Part]) -> tuple[Impact, str, str]:
        """Impact, root cause in brief and service: labelled fields first; other sentences
        by their words (a cause, what people saw, else what was down)."""
        parts = self.of("summary")
        self.response_lines(p for p in parts if p.slot == "response")
        fields = {
            name: _joined(p for p in parts if p.slot == name)
            for name in ("down", "experience", "service", "root_cause")
        }
        loose = [p for p in parts if p.slot in _LOOSE or (p.slot == "percent" and _wordy(p.text))]
        down, experience, cause = _sorted_sentences(
            " ".join(p.text for p in [*loose, *intro]), fields
        )
        impact = Impact(
            down=" ".join(down),
            experience=" ".join(experience),
            percent=self.percent(parts + intro),
        )
        resolution = [p for p in parts if p.slot == "resolution"]
        if resolution:
            self.parts.setdefault("root_cause", [])[:0] = resolution
        causes = [fields["root_cause"], *cause]
        return impact, " ".join(c for c in causes if c), fields["service"]

    def response_lines(self, parts: Iterable[Part]) -> None:
        """Response times are computed from the timeline: figures alone are read as
        structure, anything more is kept (unsorted)."""
        for part in parts:
            figures_only = not _RESPONSE_WORDS.sub("", times.DURATION.sub("", part.text)).strip()
            if figures_only:
                self.r.consumed.append(part.text)
            else:
                self.unsorted.append(f"Response: {part.text}")

    def percent(self, parts: list[Part]) -> float | None:
        """The share of users: the first `Users affected:` field that gives or refuses one (a
        later one is kept, unsorted), else the first `N% of users` of other text (not `85% of
        our network`, not `50% of users were able to ...`), else 100 for `all users`."""
        decided, share = False, None
        for part in (p for p in parts if p.slot == "percent"):
            if decided:
                if not _wordy(part.text):
                    self.unsorted.append(f"Users affected: {part.text}")
                continue
            decided, share = self.labelled_share(part)
        if decided:
            return share
        for part in (p for p in parts if p.slot != "percent"):
            for match in _PERCENT.finditer(part.text):
                people = _of_people(part.text, match.start(), match.end())
                value = _share(match) if people else None
                if value is not None and 0 <= value <= 100:
                    return value
        return 100.0 if any(_EVERYONE.search(p.text) for p in parts) else None

    def labelled_share(self, part: Part) -> tuple[bool, float | None]:
        """A `Users affected:` field's share: (True, share) when it gives one, (True, None)
        when its figure cannot be a share (`250%`, `-5%`, `6,2%`, `62`: refused), (False,
        None) when it has no figure."""
        for match in _PERCENT.finditer(part.text):
            value = _share(match)
            if value is not None and 0 <= value <= 100:
                self.r.consumed.append(match.group(0))
                return True, value
            self.refuse_percent(part.text, _percent_problem(match, value))
            return True, None
        if _BARE_NUMBER.fullmatch(part.text):
            figure = part.text.strip()
            self.refuse_percent(part.text, f"{figure} has no %: give the share of users")
            return True, None
        return False, None

    def refuse_percent(self, text: str, problem: str) -> None:
        """A `Users affected:` figure that is no share: noted, its line kept, S4 left unmet."""
        self.notes.append(problem)
        self.unmet.append(("S4", problem))
        self.unsorted.append(f"Users affected: {text}")

    # -- root cause and measures

    def root_cause(self) -> tuple[str, str]:
        """Root cause and resolution; an unlabelled combined section is cut at the fix."""
        parts = self.of("root_cause")
        cause = [p for p in parts if p.slot == "root_cause"]
        fix = [p for p in parts if p.slot == "resolution"]
        before, after = _split_fix([p for p in parts if p.slot == "auto"])
        return _joined(before + cause), _joined(fix + after)

    def measures(self) -> tuple[list[str], list[Task]]:
        """Improvements and tasks (see wizard.importer.measures)."""
        parts = _merged_lines(self.of("measures"))
        self.year = self.year or written_year(p.text for p in parts)
        sorting = Measures(self.year, self.notes, self.r.consumed, self.unsorted)
        return sorting.sort(parts)


def _share(match: re.Match[str]) -> float | None:
    """The figure of an `N%` match (`1,000` reads as 1000, `-5` as -5), or None when it is
    no plain number (`6,2`, `1.2.3`)."""
    number = match["number"]
    if not _NUMBER.fullmatch(number):
        return None
    value = float(number.replace(",", ""))
    return -value if match["sign"] else value


def _percent_problem(match: re.Match[str], value: float | None) -> str:
    """Why an `N%` figure is no share of users."""
    written = f"{match['sign'] or ''}{match['number']}%"
    if value is None:
        return f"{written} is not a number pmwizard reads: write the share like 6.2%"
    return f"{written} is not a share of users: give 0 to 100"


def _sorted_sentences(text: str, fields: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """The labelled `fields` and the unlabelled summary sentences as (what was down, what
    people saw, the cause): a cause by its words unless a cause was labelled, people by
    theirs, the rest what was down; with nothing down, the first of several experience
    sentences says it."""
    down = [fields["down"]] if fields["down"] else []
    experience = [fields["experience"]] if fields["experience"] else []
    cause: list[str] = []
    for sentence in _sentences(text):
        if not fields["root_cause"] and _CAUSE.search(sentence):
            cause.append(sentence)
        elif _PEOPLE.search(sentence):
            experience.append(sentence)
        else:
            down.append(sentence)
    if not down and len(experience) > 1:
        down.append(experience.pop(0))
    return down, experience, cause


def _split_fix(parts: list[Part]) -> tuple[list[Part], list[Part]]:
    """A `Root cause and resolution` text cut where it turns to the fix."""
    groups = list(dict.fromkeys(p.group for p in parts))
    for group in groups[1:]:
        first = next(p for p in parts if p.group == group)
        if _FIX.match(first.text.strip(" -*")):
            cut = parts.index(first)
            return parts[:cut], parts[cut:]
    for position, part in enumerate(parts):
        sentences = _sentences(part.text)
        for index, sentence in enumerate(sentences):
            if (index or position) and _FIX.match(sentence):
                head = Part(part.slot, part.kind, part.group, " ".join(sentences[:index]))
                tail = Part(part.slot, part.kind, -1, " ".join(sentences[index:]))
                return [*parts[:position], head], [tail, *parts[position + 1 :]]
    return parts, []
