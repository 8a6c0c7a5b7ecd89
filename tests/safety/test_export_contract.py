"""The exported Markdown is the postmortem: `check` judges it as the wizard judged the draft,
`import` gives the draft back, and what the author typed renders as typed.

Drafts come from test_roundtrip's strategy: every kind and way of detection, zones with and
without letters (America/Sao_Paulo), zones whose letters name another zone first, a second
zone, entries on several days and in zones of their own, empty and very long answers,
Markdown and HTML inside answers, and unsorted text.
"""

from __future__ import annotations

import re
import tempfile
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from test_roundtrip import SETTINGS, drafts

from wizard.checking import check_all
from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.importer import MAX_BYTES, import_text, missing_words
from wizard.markdown import html as html_export
from wizard.markdown import writer
from wizard.model import Kind, Postmortem, Task, TimelineEntry, Window
from wizard.time import timezones


def checked(pm: Postmortem) -> tuple[dict[str, Any], dict[str, Any]]:
    """`check --json`'s object for the draft and for its exported Markdown."""
    markdown = writer.to_markdown(pm)
    with tempfile.TemporaryDirectory() as folder:
        store = DraftStore(Path(folder))
        draft = store.save("draft", pm)
        exported = Path(folder) / "draft.md"
        exported.write_text(markdown, encoding="utf-8")
        of_draft, of_file = check_all([str(draft), str(exported)], store)
    return of_draft.as_json(), of_file.as_json()


# --- check agrees with the wizard --------------------------------------------------------------


@SETTINGS
@given(drafts())
def test_check_judges_the_export_as_the_wizard_judged_the_draft(pm: Postmortem) -> None:
    # A random draft whose export is over the size `check` reads is not drawn: that refusal
    # is tested apart.
    assume(len(writer.to_markdown(pm).encode("utf-8")) <= MAX_BYTES)
    of_draft, of_file = checked(pm)
    assert of_file == of_draft


def test_check_judges_the_example_and_a_detection_by_support_the_same() -> None:
    pm = example_postmortem()
    support = pm.timeline[0].revised(
        text="Support paged the on-call engineer after customers wrote in.",
        detected_by="customer",
    )
    for draft in (pm, pm.revised(timeline=[support, *pm.timeline[1:]])):
        of_draft, of_file = checked(draft.revised(window=draft.window.revised(zone="UTC")))
        assert of_file == of_draft and of_file["passed"]
        of_draft, of_file = checked(
            draft.revised(
                window=Window(
                    start=datetime(2023, 1, 17, 12, 30),
                    end=datetime(2023, 1, 17, 13, 45),
                    zone="America/Sao_Paulo",
                ),
                second_zone="Europe/Paris",
            )
        )
        assert of_file == of_draft and of_file["passed"]
        assert of_file["window"]["zone"] == "America/Sao_Paulo"


# --- import gives the draft back ----------------------------------------------------------------


def _inline(text: str) -> str:
    return " ".join(text.split())


def _block(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.strip())
    lines = ("\n".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)
    return "\n\n".join(p for p in lines if p)


def _fold(wall: datetime | None, zone: str, fold: int) -> int:
    """The fold that matters: 0 unless the time happens twice."""
    return fold if wall is not None and timezones.is_ambiguous(wall, zone) else 0


def normal(pm: Postmortem) -> dict[str, Any]:
    """A draft as its export can hold it: whitespace as Markdown keeps it, blank items left
    out, entries in time order, a zone or a fold or a way of detection only where it means
    something, and the zone only when some time shows it."""
    zone = pm.window.zone
    entries = [e for e in pm.sorted_timeline() if e.text.strip()]
    shown = pm.window.start or pm.window.end or any(e.time for e in entries)
    window = pm.window
    second = (
        pm.second_zone
        if pm.second_zone != zone and (window.start or any(e.time for e in entries))
        else None
    )
    return {
        "title": _inline(pm.title) or "Postmortem",
        "window": window.revised(
            zone=zone if shown else "UTC",
            start_fold=_fold(window.start, zone, window.start_fold),
            end_fold=_fold(window.end, zone, window.end_fold),
        ),
        "second_zone": second,
        "service": _inline(pm.service),
        "impact": (_inline(pm.impact.down), _inline(pm.impact.experience), pm.impact.percent),
        "root_cause_summary": _inline(pm.root_cause_summary),
        "timeline": [
            (
                e.time,
                e.zone if e.time and e.zone != zone else None,
                _fold(e.time, e.zone or zone, e.fold),
                e.kind,
                e.detected_by if e.kind is Kind.DETECTION else None,
                _inline(e.text),
            )
            for e in entries
        ],
        "root_cause": _block(pm.root_cause),
        "resolution": _block(pm.resolution),
        "improvements": [_inline(i) for i in pm.improvements if i.strip()],
        "tasks": [
            (_inline(t.text), _inline(t.owner or "") or None, t.due, t.done)
            for t in pm.tasks
            if t.text.strip()
        ],
        "unsorted": _block(pm.unsorted),
    }


@SETTINGS
@given(drafts())
def test_import_of_an_export_gives_the_draft_back(pm: Postmortem) -> None:
    text = writer.to_markdown(pm)
    result = import_text(text)
    assert not result.notes and not result.unmet
    assert not missing_words(text, result)
    assert normal(result.draft) == normal(pm)


# --- what the author typed renders as typed -----------------------------------------------------

# (typed, shown): inline markup renders as such; everything else shows as typed.
MARKUP = [
    ("`List<String>`", "List<String>"),
    ("`C:\\.cache`", "C:\\.cache"),
    ("`` a`b ``", "a`b"),
    ("`*not emphasis*`", "*not emphasis*"),
    ("`&amp; <b>`", "&amp; <b>"),
    ("*maybe*", "maybe"),
    ("**Note:**", "Note:"),
    ("[the runbook](https://wiki.example/rb)", "the runbook"),
    ("[`kubectl` docs](https://k8s.example)", "kubectl docs"),
]
LITERAL = [
    "# Heading",
    "## Timeline",
    "~~~",
    "- item",
    "* item",
    "+ item",
    "1. one",
    "2) two",
    "> quoted",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "<!-- note -->",
    "<https://a.example>",
    "&amp;",
    "&#60;",
    "C:\\.cache",
    "C:\\",
    "a \\* b",
    "|a|b|",
    "---",
    "***",
    "===",
    "[ref]: http://a.example",
    "[ ] box",
    "[x]",
    "12:30 PM - paged",
    "(owner: Ann)",
    "; due: 2023-01-01",
    "_",
    "~~",
    "é 日本語 🙂",
    "plain words",
]
# Backticks that close nowhere: shown as typed, but kept apart from code spans, which they
# would close.
BACKTICKS = ["`", "``", "```", "```python", "a ` b"]


@st.composite
def typed(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Pieces of an answer as (typed, shown), at least one."""
    if draw(st.booleans()):
        pieces = st.one_of(st.sampled_from(MARKUP), st.sampled_from(LITERAL).map(lambda p: (p, p)))
        return draw(st.lists(pieces, min_size=1, max_size=6))
    literal = draw(st.lists(st.sampled_from(LITERAL), max_size=5))
    tick = draw(st.sampled_from(BACKTICKS))
    return [(p, p) for p in [*literal, tick]]


class _Blocks(HTMLParser):
    """The text shown in each block of a page: (tag, text) in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("h1", "h2", "h3", "p", "li"):
            self.blocks.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self.blocks:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)


def shown(page: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(page.split("<main>", 1)[1])
    return [(tag, " ".join(text.split())) for tag, text in parser.blocks]


def after(blocks: list[tuple[str, str]], heading: tuple[str, str]) -> list[tuple[str, str]]:
    return blocks[blocks.index(heading) + 1 :]


@SETTINGS
@given(typed(), typed(), typed(), st.booleans())
def test_what_the_author_typed_renders_as_typed(
    line: list[tuple[str, str]],
    other: list[tuple[str, str]],
    owner: list[tuple[str, str]],
    two_lines: bool,
) -> None:
    text, seen = " ".join(t for t, _ in line), " ".join(s for _, s in line)
    more, more_seen = " ".join(t for t, _ in other), " ".join(s for _, s in other)
    who, who_seen = " ".join(t for t, _ in owner), " ".join(s for _, s in owner)
    cause = f"{text}\n{more}" if two_lines else f"{text}\n\n{more}"
    pm = Postmortem(
        title=text,
        window=Window(start=datetime(2023, 1, 17, 12, 30), zone="UTC"),
        timeline=[TimelineEntry(time=datetime(2023, 1, 17, 12, 32), kind=Kind.OTHER, text=text)],
        root_cause=cause,
        tasks=[Task(text=more, owner=who)],
    )
    blocks = shown(html_export.to_html(pm))
    assert blocks[0] == ("h1", _inline(seen))
    timeline = after(blocks, ("h2", "Timeline"))
    assert timeline[1] == ("li", _inline(f"12:32 PM - Note: {seen}"))
    cause_shown = after(blocks, ("h3", "Root Cause"))
    paragraphs = [t for tag, t in cause_shown[: 1 if two_lines else 2]]
    assert " ".join(paragraphs) == _inline(f"{seen} {more_seen}")
    tasks = after(blocks, ("h3", "Tasks"))
    assert tasks[0] == ("li", _inline(f"{more_seen} (owner: {who_seen})"))
    assert [tag for tag, _ in blocks].count("h2") == 4


def test_a_code_span_and_a_path_render_without_stray_backslashes() -> None:
    pm = Postmortem(root_cause="Look at `List<String>` and `C:\\.cache`, then C:\\.cache again.")
    markdown = writer.section_markdown(pm, "root_cause")
    assert "`List<String>` and `C:\\.cache`, then C:\\\\.cache again." in markdown
    page = html_export.to_html(pm)
    assert "<code>List&lt;String&gt;</code> and <code>C:\\.cache</code>, then C:\\.cache" in page
