"""Markdown and HTML export, and word counts taken from the exported prose."""

from __future__ import annotations

import random
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from wizard.example import example_postmortem
from wizard.markdown import counts, writer
from wizard.markdown import html as html_export
from wizard.model import Impact, Kind, Postmortem, Task, TimelineEntry, Window

GOLDEN = Path(__file__).parent / "golden" / "example.md"
HEADINGS = [
    "Issue Summary",
    "Timeline",
    "Root Cause and Resolution",
    "Corrective and Preventative Measures",
]


def headings(text: str, level: int) -> list[str]:
    return [
        counts.prose(t["children"]).strip()
        for t in counts.walk(counts.parse(text))
        if t["type"] == "heading" and t["attrs"]["level"] == level
    ]


# --- the golden file ----------------------------------------------------------------------


def test_the_example_matches_the_golden_file() -> None:
    assert writer.to_markdown(example_postmortem()) == GOLDEN.read_text(encoding="utf-8")


def test_the_golden_file_has_the_promised_shape() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    assert text.startswith("# Checkout outage at Duka Online\n\n## Issue Summary\n")
    assert headings(text, 1) == ["Checkout outage at Duka Online"]
    assert headings(text, 2) == HEADINGS
    assert (
        "**Duration:** January 17, 2023, 12:30 PM - 1:45 PM EAT (UTC+03:00) (1 h 15 min)\n" in text
    )
    bullets = re.findall(r"^- (\d{1,2}:\d\d [AP]M) - \S", text, flags=re.M)
    pm_times = ["12:32 PM", "12:36 PM", "12:44 PM", "12:58 PM", "1:15 PM", "1:24 PM", "1:45 PM"]
    assert bullets == pm_times
    task = (
        "- [ ] Add monitoring on connection pool wait time "
        "(type: detect; priority: P1; owner: Brian; due: 2023-01-27)"
    )
    assert f"\n{task}\n" in text
    assert "- [x] Refund duplicate charges (owner: Dana)\n" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_timeline_is_in_time_order_even_when_typed_out_of_order() -> None:
    pm = example_postmortem()
    shuffled = list(pm.timeline)
    random.Random(3).shuffle(shuffled)
    assert shuffled != pm.timeline
    assert writer.to_markdown(pm.revised(timeline=shuffled)) == GOLDEN.read_text("utf-8")


def test_the_example_renders_tasks_as_a_task_list() -> None:
    tokens = counts.walk(counts.parse(writer.to_markdown(example_postmortem())))
    checks = [t["attrs"]["checked"] for t in tokens if t["type"] == "task_list_item"]
    assert checks == [False, False, False, True]


# --- durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "written"),
    [
        (
            dict(
                start=datetime(2023, 1, 17, 23, 30),
                end=datetime(2023, 1, 18, 1, 15),
                zone="Africa/Nairobi",
            ),
            "January 17, 2023, 11:30 PM - January 18, 2023, 1:15 AM EAT (UTC+03:00) (1 h 45 min)",
        ),
        (
            dict(start=datetime(2023, 12, 31, 23, 30), end=datetime(2024, 1, 1, 0, 15)),
            "December 31, 2023, 11:30 PM - January 1, 2024, 12:15 AM UTC (45 min)",
        ),
        (
            dict(
                start=datetime(2023, 3, 12, 1, 30),
                end=datetime(2023, 3, 12, 3, 30),
                zone="America/Los_Angeles",
            ),
            "March 12, 2023, 1:30 AM PST (UTC-08:00) - 3:30 AM PDT (UTC-07:00) (1 h)",
        ),
        (
            dict(
                start=datetime(2023, 11, 5, 1, 30),
                end=datetime(2023, 11, 5, 1, 30),
                end_fold=1,
                zone="America/Los_Angeles",
            ),
            "November 5, 2023, 1:30 AM PDT (UTC-07:00) - 1:30 AM PST (UTC-08:00) (1 h)",
        ),
        (
            dict(
                start=datetime(2023, 1, 17, 12, 0),
                end=datetime(2023, 1, 19, 13, 5),
                zone="Asia/Kolkata",
            ),
            "January 17, 2023, 12:00 PM - January 19, 2023, 1:05 PM IST (UTC+05:30)"
            " (2 d 1 h 5 min)",
        ),
    ],
)
def test_duration_is_written_right(window: dict[str, Any], written: str) -> None:
    assert writer.duration_text(Window(**window)) == written
    summary = writer.section_markdown(Postmortem(window=Window(**window)), "summary")
    assert f"**Duration:** {written}" in summary.splitlines()


def test_an_unfinished_window_is_written_as_such() -> None:
    window = Window(start=datetime(2023, 1, 17, 12, 30), zone="Africa/Nairobi")
    assert writer.duration_text(window) == (
        "from January 17, 2023, 12:30 PM EAT (UTC+03:00) (end not set)"
    )
    assert writer.duration_text(Window()) is None
    assert "Duration" not in writer.to_markdown(Postmortem())


def test_timeline_across_midnight_shows_dates() -> None:
    """Without a start to take the year from, each day carries its year."""
    pm = Postmortem(
        window=Window(zone="Africa/Nairobi"),
        timeline=[
            TimelineEntry(time=datetime(2023, 1, 18, 0, 10), text="Recovered."),
            TimelineEntry(time=datetime(2023, 1, 17, 23, 40), text="Alert fired."),
        ],
    )
    assert writer.section_markdown(pm, "timeline").splitlines()[2:] == [
        "All times EAT (UTC+03:00).",
        "",
        "- Jan 17, 2023, 11:40 PM - **Note:** Alert fired.",
        "- Jan 18, 2023, 12:10 AM - **Note:** Recovered.",
    ]


def test_timeline_across_dst_marks_the_entries_in_the_other_offset() -> None:
    pm = Postmortem(
        window=Window(
            start=datetime(2023, 11, 5, 0, 30),
            end=datetime(2023, 11, 5, 1, 40),
            end_fold=1,
            zone="America/Los_Angeles",
        ),
        timeline=[
            TimelineEntry(time=datetime(2023, 11, 5, 1, 35), fold=1, text="Second 1:35."),
            TimelineEntry(time=datetime(2023, 11, 5, 1, 35), text="First 1:35."),
            TimelineEntry(time=datetime(2023, 11, 5, 9, 0), zone="UTC", text="In UTC."),
        ],
    )
    assert writer.section_markdown(pm, "timeline").splitlines()[2:] == [
        "All times PDT (UTC-07:00) unless marked.",
        "",
        "- 1:35 AM - **Note:** First 1:35.",
        "- 9:00 AM UTC - **Note:** In UTC.",
        "- 1:35 AM PST - **Note:** Second 1:35.",
    ]


def test_blank_timeline_entries_are_left_out() -> None:
    pm = Postmortem(
        timeline=[
            TimelineEntry(time=datetime(2023, 1, 17, 12, 0), text="  "),
            TimelineEntry(text="Undated note."),
        ]
    )
    lines = writer.section_markdown(pm, "timeline").splitlines()
    assert [line for line in lines if line.startswith("-")] == ["- **Note:** Undated note."]


def test_tasks_with_and_without_owner_and_due_date() -> None:
    pm = Postmortem(
        tasks=[
            Task(text="Patch Nginx", owner="Ana", due=date(2023, 2, 1)),
            Task(text="Add memory monitoring", done=True),
            Task(text="  "),
        ]
    )
    assert writer.section_markdown(pm, "measures").splitlines()[-2:] == [
        "- [ ] Patch Nginx (owner: Ana; due: 2023-02-01)",
        "- [x] Add memory monitoring",
    ]


# --- author text cannot break the document -----------------------------------------------

NASTY = [
    "# Heading\n## Timeline",
    "Title\n===\nSub\n---",
    "<script>alert(1)</script>\n<div>block html</div>",
    "```\nfenced code\n```\n~~~\ntilde fence\n~~~",
    "    indented code\n\tand a tab",
    "- dash list\n* star list\n+ plus list\n1. ordered\n2) ordered paren",
    "[ref]: https://evil.example/track\n[click][ref]",
    "> quoted\n***\n___",
    "| a | b |\n|---|---|\n| 1 | 2 |\nleft | right\n:-- | --:\nx | y",
    "[ ] not a task\n[x] nor this",
    "ends with a backslash \\\nand \\# an escaped hash",
]


def nasty_postmortem(text: str) -> Postmortem:
    return Postmortem(
        title=text,
        service=text,
        impact=Impact(down=text, experience=text, percent=5),
        root_cause_summary=text,
        timeline=[TimelineEntry(time=datetime(2023, 1, 17, 12, 0), kind=Kind.OTHER, text=text)],
        root_cause=text,
        resolution=text,
        improvements=[text],
        tasks=[Task(text=text, owner=text)],
    )


@pytest.mark.parametrize("text", NASTY)
def test_author_text_cannot_break_the_structure(text: str) -> None:
    out = writer.to_markdown(nasty_postmortem(text))
    tokens = counts.walk(counts.parse(out))
    kinds = {t["type"] for t in tokens}
    assert headings(out, 1) and len(headings(out, 1)) == 1
    assert headings(out, 2) == HEADINGS
    assert headings(out, 3) == ["Root Cause", "Resolution", "Improvements", "Tasks"]
    forbidden = {"block_html", "block_code", "block_quote", "thematic_break", "table"}
    assert not kinds & forbidden
    assert "inline_html" not in kinds and "link" not in kinds
    # Exactly the three bullets we wrote: one timeline entry, one improvement, one task.
    items = [t for t in tokens if t["type"] in ("list_item", "task_list_item")]
    assert len(items) == 3
    assert [t["attrs"]["checked"] for t in tokens if t["type"] == "task_list_item"] == [False]
    # Every word the author typed is still there, in every field.
    said = counts.prose(counts.parse(out))
    for word in re.findall(r"[A-Za-z]{3,}", text):
        assert said.count(word) >= 11, word


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("**Problem 1:** the disk filled.", "**Problem 1:** the disk filled."),
        ("[Add disk alerts](https://example.com/1)", "[Add disk alerts](https://example.com/1)"),
        ("*maybe* the disk", "*maybe* the disk"),
        ("-5 degrees, +3 more", "-5 degrees, +3 more"),
        ("* a list item", "\\* a list item"),
        ("- a list item", "\\- a list item"),
        ("+ a list item", "\\+ a list item"),
        ("***", "\\***"),
        ("--", "\\--"),
        ("[ref]: https://evil.example", "\\[ref]: https://evil.example"),
        ("[ ] not a task", "\\[ ] not a task"),
        ("[a label that goes on", "\\[a label that goes on"),
    ],
)
def test_a_line_is_escaped_only_where_it_would_start_a_block(line: str, written: str) -> None:
    assert writer.escape_block(line) == written


def test_inline_markup_starting_a_line_renders_as_such() -> None:
    pm = Postmortem(
        root_cause="**Problem 1:** the disk filled.",
        improvements=["[Add disk alerts](https://example.com/1)"],
    )
    page = html_export.to_html(pm)
    assert "<strong>Problem 1:</strong> the disk filled." in page
    assert '<a href="https://example.com/1">Add disk alerts</a>' in page


def test_author_text_keeps_its_paragraphs() -> None:
    out = writer.to_markdown(Postmortem(root_cause="First paragraph.\n\n\nSecond one."))
    paragraphs = [t for t in counts.parse(out) if t["type"] == "paragraph"]
    assert [counts.prose(p["children"]) for p in paragraphs] == [
        "First paragraph.",
        "Second one.",
    ]


@pytest.mark.parametrize("title", ["Outage #", "Outage ##", "#", "C# build broke"])
def test_a_title_keeps_its_hashes(title: str) -> None:
    assert headings(writer.to_markdown(Postmortem(title=title)), 1) == [title]


def test_an_untitled_postmortem_gets_a_title() -> None:
    assert writer.to_markdown(Postmortem()).startswith("# Postmortem\n")


# --- HTML ---------------------------------------------------------------------------------


def test_html_is_a_standalone_page() -> None:
    page = html_export.to_html(example_postmortem())
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Checkout outage at Duka Online</title>" in page
    assert "<h1>Checkout outage at Duka Online</h1>" in page
    assert re.findall(r"<h2>(.*?)</h2>", page) == HEADINGS
    assert page.count('type="checkbox"') == 4
    assert re.findall(r'type="checkbox" disabled(?: checked)?/>(.)', page) == [" "] * 4
    assert "<link" not in page and "<script" not in page and "http" not in page


def test_html_escapes_what_the_author_typed() -> None:
    evil = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    page = html_export.to_html(
        Postmortem(title=evil, root_cause=evil + " see [me](javascript:alert(3))")
    )
    assert "<script" not in page and "<img" not in page
    assert "javascript:" not in page.split("<body>")[1]
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.split("<body>")[1]


# --- word counts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("**Duration:**", 1),
        ("**Duration:** January 17, 2023", 4),
        ("- [ ]", 0),
        ("- [ ] Patch Nginx", 2),
        ("- [x] Patch Nginx (owner: Ana)", 4),
        ("## Issue Summary", 2),
        ("- 12:32 PM - Alert fired.", 4),
        ("[the docs](https://example.com/a/very/long/path)", 2),
        ("Use `kubectl rollout undo` now", 5),
        ("```\nnot prose at all\n```", 0),
        ("<div>raw html</div>", 0),
        ("---", 0),
        ("a - b — c", 3),
        ("", 0),
    ],
)
def test_count_words_counts_prose_not_markup(text: str, count: int) -> None:
    assert counts.count_words(text) == count


def test_section_words_for_a_small_postmortem() -> None:
    pm = Postmortem(
        title="Disk full",
        impact=Impact(percent=62),
        improvements=["Add alerts"],
        tasks=[Task(text="Patch Nginx", owner="Ana")],
    )
    # Headings count: "Issue Summary" 2, "Timeline" 1, "Root Cause and Resolution" 4,
    # "Corrective and Preventative Measures" 4 + "Improvements" 1 + "Tasks" 1.
    assert counts.section_words(pm) == {
        "summary": 2 + 3,  # Users affected: 62%
        "timeline": 1,
        "root_cause": 4,
        "measures": 6 + 2 + 4,  # Add alerts; Patch Nginx (owner: Ana)
    }
    assert counts.total_words(pm) == 2 + 5 + 1 + 4 + 12


def test_total_is_title_plus_sections_and_equals_the_whole_document() -> None:
    pm = example_postmortem()
    sections = counts.section_words(pm)
    title = counts.count_words(writer.title_markdown(pm))
    assert title == 5
    assert counts.total_words(pm) == title + sum(sections.values())
    assert counts.total_words(pm) == counts.count_words(writer.to_markdown(pm))
    assert counts.total_words(pm, sections) == counts.total_words(pm)


def test_each_section_stands_alone_with_its_heading() -> None:
    pm = example_postmortem()
    whole = writer.to_markdown(pm)
    for section, heading in zip(writer.SECTIONS, HEADINGS, strict=True):
        part = writer.section_markdown(pm, section)
        assert part.startswith(f"## {heading}\n\n")
        assert part in whole


def test_words_in_plain_text() -> None:
    assert counts.words_in("  one two\n three - — ...  ") == 3


def test_second_zone_is_shown_beside_the_main_one() -> None:
    text = writer.to_markdown(example_postmortem().revised(second_zone="utc"))
    assert "(1 h 15 min); 9:30 AM - 10:45 AM UTC" in text
    assert "All times EAT (UTC+03:00), with UTC in brackets." in text
    assert "- 12:32 PM (9:32 AM UTC) - **Detection (monitoring alert):** A monitoring" in text


@pytest.mark.parametrize(
    ("zone", "mark"),
    [
        ("UTC", "UTC"),
        ("America/Chicago", "CST (UTC-06:00)"),
        ("Asia/Shanghai", "CST (UTC+08:00)"),
        ("America/Sao_Paulo", "Sao Paulo time (UTC-03:00)"),
        ("Europe/Paris", "CET (Paris, UTC+01:00)"),
    ],
)
def test_the_second_zone_is_named_so_that_it_reads_back_the_same(zone: str, mark: str) -> None:
    window = Window(start=datetime(2023, 1, 17, 12, 30), zone="Africa/Nairobi")
    pm = Postmortem(window=window, second_zone=zone)
    assert f", with {mark} in brackets." in writer.to_markdown(
        pm.revised(timeline=[TimelineEntry(time=datetime(2023, 1, 17, 12, 32), text="Alert.")])
    )


def test_second_zone_across_midnight_gives_dates() -> None:
    pm = Postmortem(
        window=Window(
            start=datetime(2023, 1, 17, 1, 0),
            end=datetime(2023, 1, 17, 2, 0),
            zone="Africa/Nairobi",
        ),
        second_zone="America/New_York",
    )
    assert writer.duration_text(pm.window, pm.second_zone).endswith(
        "; Jan 16, 5:00 PM - Jan 16, 6:00 PM EST (UTC-05:00)"
    )


def test_an_undated_window_is_written_without_a_made_up_date() -> None:
    window = Window(
        start=datetime(2000, 1, 1, 20, 25),
        end=datetime(2000, 1, 1, 22, 54),
        zone="UTC",
        dated=False,
    )
    assert writer.duration_text(window) == "8:25 PM - 10:54 PM UTC (2 h 29 min)"


def test_a_24_hour_draft_writes_every_time_on_that_clock() -> None:
    pm = example_postmortem().revised(clock="24h", second_zone="America/New_York")
    text = writer.to_markdown(pm)
    assert "**Duration:** January 17, 2023, 12:30 - 13:45 EAT (UTC+03:00) (1 h 15 min)" in text
    assert "- 12:32 (04:32 EST) - **Detection (monitoring alert):** A monitoring alert" in text
    written = writer.section_markdown(pm, "summary") + writer.section_markdown(pm, "timeline")
    assert not re.search(r"\d [AP]M\b", written)  # the author's own text keeps its times
    assert "12:32 PM" in writer.to_markdown(example_postmortem())


def test_author_words_leave_out_what_pmwizard_writes() -> None:
    pm = Postmortem(
        title="Pool outage",
        root_cause="The pool ran dry.",
        timeline=[TimelineEntry(time=datetime(2023, 1, 17, 12, 32), text="Alert fired.")],
        tasks=[Task(text="Add alerts", owner="Ann", due=date(2023, 2, 1))],
    )
    yours = sum(counts.author_words(pm, field) for field in counts.AUTHOR_FIELDS)
    assert yours == 2 + 4 + 2 + 3
    assert counts.total_words(pm) > yours
