"""Random drafts survive the JSON file exactly, and Markdown export and import in content.

The drafts hold any Unicode, Markdown metacharacters, headings and fences inside answers,
HTML, link definitions, tables, very long text and empty fields, windows in zones with DST
and odd offsets, timeline entries with times (some in their own zone) and tasks with owners
and due dates.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.drafts import DraftStore, dump, read_draft
from wizard.importer.times import UNDATED
from wizard.markdown import counts, writer
from wizard.markdown import html as html_export
from wizard.model import Detection, Impact, Kind, Postmortem, Task, TimelineEntry, Window

ZONES = [
    "America/Sao_Paulo",
    "Europe/Paris",
    "Africa/Kampala",
    "UTC",
    "Africa/Nairobi",
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
]
# Second zones also include ones whose letters name another zone first (China's CST reads as
# Chicago's, Israel's IST as India's): the export must keep their offset.
SECOND_ZONES = [*ZONES, "Asia/Shanghai", "Asia/Jerusalem", "America/Havana", "Asia/Manila"]
# Markdown and HTML that an answer might hold, and the shapes of the export's own lines.
PIECES = [
    "#",
    "# Heading",
    "## Timeline",
    "### Tasks",
    "#hashtag",
    ">",
    "> quoted",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "`",
    "```",
    "```python\n",
    "~~~",
    "    indented",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "<!-- note -->",
    "[x]: http://a",
    "[link](javascript:alert(1))",
    "| a | b |",
    "|---|---|",
    "---",
    "***",
    "===",
    "\\",
    "&amp;",
    "&#60;",
    "[ ] ",
    "[x] ",
    "(owner: Ann; due: 2023-01-01)",
    "12:30 PM - ",
    "2023-01-17 12:30",
    "**Root cause:**",
    "Issue Summary",
    ": ",
    " - ",
    "%",
    "\n",
    "\n\n",
    "  \n",
    "\t",
    "é",
    "日本語",
    "🙂",
    "\u200b",
]


def text_from(pieces: list[str], alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Empty, a few pieces run together, or a very long paragraph."""
    piece = st.one_of(st.sampled_from(pieces), st.text(alphabet, max_size=10))
    prose = st.lists(piece, max_size=8).map("".join)
    long_prose = st.integers(100, 600).map(lambda n: "The pool ran dry again. " * n)
    return st.one_of(st.just(""), prose, prose, prose, long_prose)


ANY_TEXT = text_from(PIECES, st.characters())
# Answers without the shapes that once did not come back (each pinned by an example in GAPS
# below): inline markup (* _ ` ~ [ ]), '#' glued to a word, a backslash ending a line, an
# HTML comment, a time starting a sentence, a percentage, a label or a section name as an
# answer, answers without letters or ending in a dash.
INLINE = "*_`~[]#\\%"
PLAIN_PIECES = [
    p
    for p in PIECES
    if not any(c in p for c in INLINE)
    and not any(g in p for g in ("owner:", "Root cause", "12:30", "<!--"))
] + ["# Heading and more words ", "## Timeline of the day ", "### Tasks were queued "]
PLAIN_TEXT = text_from(PLAIN_PIECES, st.characters(exclude_characters=INLINE)).map(
    lambda text: f"Zeta {text} end." if text else text
)
PLAIN_OWNER = st.text(st.characters(exclude_characters="();" + INLINE), max_size=20).map(
    lambda text: f"Ann {text}"
)
instants = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0, tzinfo=UTC)
)


def wall_clock(moment: datetime, zone: str) -> tuple[datetime, int]:
    """`moment` as a wall-clock time in `zone` and its fold (never in a DST gap)."""
    local = moment.astimezone(ZoneInfo(zone))
    return local.replace(tzinfo=None, fold=0), local.fold


@st.composite
def entries(
    draw: st.DrawFn,
    base: datetime,
    zone: str,
    texts: st.SearchStrategy[str],
    one_day: bool,
    undated: bool = False,
) -> TimelineEntry:
    """An entry up to three days after `base` (or that day only, in the window's zone; or,
    `undated`, within 24 hours of it in the window's zone, as times without a day can say)."""
    local = one_day or undated
    own_zone = None if local else draw(st.one_of(st.none(), st.none(), st.sampled_from(ZONES)))
    fields: dict[str, Any] = {
        "zone": own_zone,
        "kind": draw(st.sampled_from(Kind)),
        "text": draw(texts),
        "detected_by": draw(st.one_of(st.none(), st.sampled_from(Detection))),
    }
    if draw(st.integers(0, 4)):
        start, _ = wall_clock(base, zone)
        left = max(0, 24 * 60 - 61 - start.hour * 60 - start.minute)  # an hour for DST
        later = draw(st.integers(0, left) if one_day else st.integers(-600, 3 * 24 * 60))
        later = draw(st.integers(0, 24 * 60 - 1)) if undated else later
        fields["time"], fields["fold"] = wall_clock(
            base + timedelta(minutes=later), own_zone or zone
        )
    return TimelineEntry(**fields)


@st.composite
def drafts(
    draw: st.DrawFn,
    texts: st.SearchStrategy[str] = ANY_TEXT,
    owners: st.SearchStrategy[str] | None = None,
    anchored: bool = False,
) -> Postmortem:
    """A random draft; `anchored`: it has a start and an end, a first entry at the start, the
    other entries later that day, no second zone (what Markdown keeps today, see GAPS)."""
    zone = draw(st.sampled_from(ZONES))
    base = draw(instants)
    window = Window(zone=zone)
    undated = False
    if anchored or draw(st.integers(0, 3)):
        undated = not anchored and not draw(st.integers(0, 3))
        if undated:  # times without a day sit on 2000-01-01 in the window's zone
            base = wall_instant(datetime.combine(UNDATED, base.time()), zone)
        end = base + timedelta(minutes=draw(st.integers(1, 3 * 24 * 60)))
        open_ended = not anchored and not draw(st.integers(0, 5))
        end_at = None if open_ended else end
        window = Window(start=base, end=end_at, zone=zone, dated=not undated)
    timeline = draw(
        st.lists(entries(base, zone, texts, one_day=anchored, undated=undated), max_size=6)
    )
    if anchored:
        start, fold = wall_clock(base, zone)
        timeline.insert(0, TimelineEntry(time=start, fold=fold, text=draw(texts) or "Alert."))
    percent = draw(
        st.one_of(st.none(), st.integers(0, 100), st.integers(0, 1000).map(lambda n: n / 10))
    )
    tasks = st.builds(
        Task,
        text=texts,
        owner=st.one_of(st.none(), texts if owners is None else owners),
        due=st.one_of(st.none(), st.dates(date(2001, 1, 1), date(2036, 12, 31))),
        done=st.booleans(),
    )
    second_zone = (
        None if anchored else st.one_of(st.none(), st.none(), st.sampled_from(SECOND_ZONES))
    )
    return Postmortem(
        title=draw(texts),
        service=draw(texts),
        window=window,
        second_zone=draw(second_zone) if second_zone is not None else None,
        clock=draw(st.sampled_from([None, "12h", "24h"])),
        impact=Impact(down=draw(texts), experience=draw(texts), percent=percent),
        root_cause_summary=draw(texts),
        timeline=timeline,
        root_cause=draw(texts),
        resolution=draw(texts),
        improvements=draw(st.lists(texts, max_size=4)),
        tasks=draw(st.lists(tasks, max_size=4)),
        unsorted=draw(texts),
    )


def wall_instant(wall: datetime, zone: str) -> datetime:
    """The instant a wall-clock time in `zone` stands for."""
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def plain_drafts() -> st.SearchStrategy[Postmortem]:
    return drafts(PLAIN_TEXT, PLAIN_OWNER, anchored=True)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- (a) the draft file ------------------------------------------------------------------------


@SETTINGS
@given(drafts())
def test_the_json_round_trip_is_exact(pm: Postmortem) -> None:
    text = dump(pm)
    back = Postmortem.model_validate_json(text)
    assert back == pm
    assert dump(back) == text


@settings(max_examples=25, deadline=None)
@given(drafts())
def test_a_saved_draft_loads_back_the_same(pm: Postmortem) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = DraftStore(Path(folder)).save("draft", pm)
        assert read_draft(path) == pm
        assert path.read_text(encoding="utf-8") == dump(pm)


# --- (b) the exported document's structure -----------------------------------------------------


def heading_text(token: dict[str, Any]) -> str:
    return counts.prose([token]).strip()


def sections(tokens: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The top-level tokens under each h2, blank lines left out."""
    found: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] = []
    for token in tokens:
        if token["type"] == "heading" and token["attrs"]["level"] == 2:
            current = found.setdefault(heading_text(token), [])
        elif token["type"] != "blank_line":
            current.append(token)
    return found


@SETTINGS
@given(drafts())
def test_the_exported_markdown_keeps_its_structure(pm: Postmortem) -> None:
    tokens = counts.parse(writer.to_markdown(pm))
    kinds = {token["type"] for token in counts.walk(tokens)}
    assert not kinds & {"block_html", "inline_html", "block_code", "table", "thematic_break"}
    top = [t for t in tokens if t["type"] != "blank_line"]
    assert top[0]["type"] == "heading" and top[0]["attrs"]["level"] == 1
    levels = [t["attrs"]["level"] for t in counts.walk(tokens) if t["type"] == "heading"]
    closing = [writer.UNSORTED_HEADING] if pm.unsorted.strip() else []
    assert levels.count(1) == 1 and levels.count(2) == 4 + len(closing)
    parts = sections(tokens)
    assert list(parts) == [*writer.HEADINGS.values(), *closing]

    def shapes(name: str) -> list[str]:
        return [
            f"h{t['attrs']['level']} {heading_text(t)}" if t["type"] == "heading" else t["type"]
            for t in parts[writer.HEADINGS[name]]
        ]

    assert set(shapes("summary")) <= {"paragraph"}
    timeline = shapes("timeline")
    assert set(timeline) <= {"paragraph", "list"} and timeline.count("list") <= 1
    assert set(shapes("root_cause")) <= {"h3 Root Cause", "h3 Resolution", "paragraph"}
    assert shapes("measures") == [
        *(["h3 Improvements", "list"] if any(i.strip() for i in pm.improvements) else []),
        *(["h3 Tasks", "list"] if any(t.text.strip() for t in pm.tasks) else []),
    ]
    lists = [t for t in parts[writer.HEADINGS["timeline"]] if t["type"] == "list"]
    entries = [e for e in pm.timeline if e.text.strip()]
    assert sum(len(t["children"]) for t in lists) == len(entries)


@SETTINGS
@given(drafts())
def test_the_exported_html_runs_no_script(pm: Postmortem) -> None:
    page = html_export.to_html(pm).lower()
    assert "<script" not in page and "<b>" not in page
    assert 'href="javascript:' not in page


# --- (c) export to Markdown, import back --------------------------------------------------------


@pytest.fixture(scope="module")
def importer() -> ModuleType:
    return pytest.importorskip("wizard.importer", reason="the Markdown importer is not there yet")


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def content(pm: Postmortem) -> dict[str, Any]:
    """What a reader gets from the draft: its prose (whitespace aside), times as instants."""
    zone = pm.window.zone

    def instant(moment: datetime | None) -> datetime | None:
        return moment.astimezone(UTC) if moment else None

    return {
        "title": norm(pm.title) or "Postmortem",
        "service": norm(pm.service),
        "down": norm(pm.impact.down),
        "experience": norm(pm.impact.experience),
        "percent": pm.impact.percent,
        "summary": norm(pm.root_cause_summary),
        # A draft without its window gets one from the timeline: compare complete ones only.
        "window": (instant(pm.window.start_at), instant(pm.window.end_at))
        if pm.window.start and pm.window.end
        else None,
        "timeline": [
            (instant(e.at(zone)), norm(e.text)) for e in pm.sorted_timeline() if e.text.strip()
        ],
        "root_cause": norm(pm.root_cause),
        "resolution": norm(pm.resolution),
        "improvements": [norm(i) for i in pm.improvements if i.strip()],
        "tasks": [(norm(t.text), norm(t.owner), t.due, t.done) for t in pm.tasks if t.text.strip()],
        "second_zone": second_offsets(pm),
        # Times come back on the clock they were written in (12-hour unless chosen).
        "clock": (pm.clock or "12h") if written_times(pm) else None,
    }


def written_times(pm: Postmortem) -> bool:
    """Whether the export writes any time of day (the duration's or an entry's)."""
    return pm.window.start is not None or any(e.time and e.text.strip() for e in pm.timeline)


def second_offsets(pm: Postmortem, shown: bool = True) -> list[timedelta | None] | None:
    """The second zone's offset at the start and at each entry; `shown`: None when the export
    leaves it out, being the window's zone (a draft read back without a window may take its
    zone from the second one)."""
    zone = pm.window.zone
    if not pm.second_zone or (shown and pm.second_zone == zone):
        return None
    moments = [pm.window.start_at, *(e.at(zone) for e in pm.sorted_timeline() if e.text.strip())]
    second = ZoneInfo(pm.second_zone)
    offsets = [m.astimezone(second).utcoffset() for m in moments if m is not None]
    return offsets or None


def assert_same_content(importer: ModuleType, pm: Postmortem) -> None:
    back = importer.import_text(writer.to_markdown(pm)).draft
    expected, found = content(pm), content(back)
    found["second_zone"] = second_offsets(back, shown=False)
    if expected["window"] is None:
        found["window"] = None
    assert found == expected


@SETTINGS
@given(plain_drafts())
def test_export_then_import_of_plain_answers_gives_the_same_content(
    importer: ModuleType, pm: Postmortem
) -> None:
    assert_same_content(importer, pm)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@SETTINGS
@given(drafts())
def test_export_then_import_of_any_answers_gives_the_same_content(
    importer: ModuleType, pm: Postmortem
) -> None:
    assert_same_content(importer, pm)


def at(day: int, hour: int, minute: int, text: str) -> TimelineEntry:
    return TimelineEntry(time=datetime(2023, 1, day, hour, minute), text=text)


NAIROBI = Window(
    start=datetime(2023, 1, 17, 12, 30), end=datetime(2023, 1, 17, 13, 45), zone="Africa/Nairobi"
)
OVERNIGHT = Window(
    start=datetime(2023, 1, 17, 22, 30), end=datetime(2023, 1, 18, 1, 45), zone="Africa/Nairobi"
)
IMPORTER = "wizard/importer"
EXPORTER = "wizard/markdown.py"

# (id, draft, where the fix went, what went wrong): the smallest drafts found whose Markdown
# export did not import back the same. The importer now reads pmwizard's own layout exactly
# (wizard/importer/exported.py) and the exporter escapes what could be misread; each shape
# stays here as a regression check. The plain strategy above leaves these shapes out.
GAPS: list[tuple[str, Postmortem, str, str]] = [
    (
        "emphasis",
        Postmortem(root_cause="It was *not* the network."),
        IMPORTER,
        "inline markup is flattened to prose (blocks.py calls counts.prose): 'It was not the "
        "network.'; keep the inline source (mistune's MarkdownRenderer over inline tokens)",
    ),
    (
        "code-span",
        Postmortem(root_cause="The `max_connections` setting was 20."),
        IMPORTER,
        "the backticks of a code span are dropped: 'The max_connections setting was 20.'",
    ),
    (
        "link",
        Postmortem(root_cause="See the [runbook](https://wiki.example/rb) first."),
        IMPORTER,
        "a link keeps only its text, the URL is lost: 'See the runbook first.'",
    ),
    (
        "hashtag",
        Postmortem(root_cause="#4521 broke the deploy."),
        IMPORTER,
        "a line starting '#word' is read as a heading (blocks.py _lines, the '#Title' rule) "
        "though the export escaped it ('\\#4521'), so the whole answer is lost",
    ),
    (
        "heading-line",
        Postmortem(root_cause="The pool ran dry.\n## Notes"),
        IMPORTER,
        "a line of an answer that reads like a heading ('## Notes', escaped in the export) "
        "is dropped",
    ),
    (
        "no-letters",
        Postmortem(impact=Impact(down="—")),
        IMPORTER,
        "a summary answer without letters ('**What was down or slow:** —') is dropped",
    ),
    (
        "label-in-answer",
        Postmortem(root_cause="Root cause: the pool size was 20."),
        IMPORTER,
        "a label starting an answer is taken as structure: 'the pool size was 20.'",
    ),
    (
        "label-line",
        Postmortem(resolution="We rolled back.\nTodo: add graphs."),
        IMPORTER,
        "a line of an answer starting with a label ('Todo:') leaves the answer: 'add graphs.' "
        "becomes a task and the resolution is 'We rolled back.'",
    ),
    (
        "comment-line",
        Postmortem(resolution="We rolled back.\n<!-- note -->\nAll good."),
        IMPORTER,
        "a line holding an HTML comment (escaped in the export: '\\<!-- note -->') loses "
        "the rest of the answer: 'We rolled back.'",
    ),
    (
        "percent-guessed",
        Postmortem(root_cause_summary="A bad deploy hit 40% of hosts."),
        IMPORTER,
        "a draft that gives no share of users gets one from any percentage in the summary: "
        "'40% of hosts' reads back as 40% of users affected",
    ),
    (
        "section-name-item",
        Postmortem(improvements=["Lessons learned"]),
        IMPORTER,
        "an improvement named like a section ('- Lessons learned') is dropped",
    ),
    (
        "section-name-title",
        Postmortem(title="Timeline"),
        IMPORTER,
        "a title named like a section ('# Timeline') is read as one: the title is 'Postmortem'",
    ),
    (
        "owner-parentheses",
        Postmortem(tasks=[Task(text="Add alerts", owner="Ann (SRE)")]),
        IMPORTER,
        "an owner with parentheses is not read back: the task reads 'Add alerts (owner: Ann "
        "(SRE))' with no owner (measures.py _EXPORT_TASK stops the owner at the first ')')",
    ),
    (
        "owner-backslash",
        Postmortem(tasks=[Task(text="Add alerts", owner="Ann \\")]),
        EXPORTER,
        "an owner ending in a backslash escapes the ')' after it: '(owner: Ann \\)' reads back "
        "as 'Ann' (_task_line/escape_inline: double a trailing backslash)",
    ),
    (
        "line-end-backslash",
        Postmortem(resolution="Copied it to C:\\\nand restarted."),
        EXPORTER,
        "a backslash ending a line of an answer makes a Markdown hard break and is lost: "
        "'Copied it to C: and restarted.' (_escape_line: double a trailing backslash)",
    ),
    (
        "trailing-dash",
        Postmortem(window=NAIROBI, timeline=[at(17, 12, 32, "Rolled back -")]),
        IMPORTER,
        "a dash ending a timeline entry ('-', '--', '—') is stripped: 'Rolled back'",
    ),
    (
        "sentence-then-time",
        Postmortem(window=NAIROBI, timeline=[at(17, 12, 32, "Paged Ann. At 12:40 she joined.")]),
        IMPORTER,
        "an entry whose second sentence starts with a time is split in two: 'Paged Ann.' at "
        "12:32 PM and 'she joined.' at 12:40 PM",
    ),
    (
        "second-zone",
        Postmortem(window=NAIROBI, second_zone="UTC", timeline=[at(17, 12, 32, "Alert fired.")]),
        IMPORTER,
        "with a second zone an entry reads '12:32 PM (9:32 AM UTC) - Alert fired.' and the "
        "bracket stays in the text: '(9:32 AM UTC) - Alert fired.'",
    ),
    (
        "intro-alone",
        Postmortem(
            window=Window(start=datetime(2023, 1, 17, 12, 30), zone="Asia/Kathmandu"),
            second_zone="Asia/Kolkata",
        ),
        IMPORTER,
        "a timeline holding only its intro ('All times UTC+05:45, with IST in brackets.') "
        "gets the intro as an entry (or the export could leave the intro out)",
    ),
    (
        "no-window",
        Postmortem(timeline=[TimelineEntry(time=datetime(2028, 3, 5, 12, 32), text="Alert.")]),
        EXPORTER,
        "without a window, entries are written with month and day but no year, and read back "
        "in 2000 (writer.entry_time_text: write the year when there is no start)",
    ),
]


@pytest.mark.parametrize("pm", [pytest.param(pm, id=name) for name, pm, _, _ in GAPS])
def test_known_gaps_of_the_markdown_round_trip(importer: ModuleType, pm: Postmortem) -> None:
    assert_same_content(importer, pm)


@pytest.mark.parametrize(
    "pm",
    [
        pytest.param(
            Postmortem(
                window=OVERNIGHT, timeline=[at(17, 22, 32, "Alert."), at(18, 1, 40, "Fixed.")]
            ),
            id="two-days",
        ),
        pytest.param(
            Postmortem(window=NAIROBI, timeline=[at(18, 1, 5, "Refunds sent.")]),
            id="next-day-only",
        ),
    ],
)
def test_entry_dates_survive_the_round_trip(importer: ModuleType, pm: Postmortem) -> None:
    assert_same_content(importer, pm)
