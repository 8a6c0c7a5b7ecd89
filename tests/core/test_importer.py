"""The importer: postmortems as people write them become drafts, and nothing they wrote is lost."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.drafts import DraftError, size_limit_text
from wizard.example import example_postmortem
from wizard.importer import (
    ImportResult,
    decode,
    import_file,
    import_text,
    missing_words,
)
from wizard.importer.times import UNDATED
from wizard.markdown import counts, writer
from wizard.model import Detection, Kind

ALL_FOUND = {"summary": True, "timeline": True, "root_cause": True, "measures": True}

BODY = {
    "summary": "The checkout API was down for 75 minutes; 62% of users could not pay.",
    "timeline": "- 12:32 PM - A monitoring alert fired\n- 1:45 PM - Rolled back the release",
    "root_cause": "A configuration change shrank the database connection pool.",
    "measures": "- [ ] Add monitoring on pool wait time\n- [x] Refund duplicate charges",
}


def document(headings: dict[str, str], style: str) -> str:
    """A small postmortem whose section headings are written in `style`."""
    parts = ["# Checkout outage"]
    for section, heading in headings.items():
        label = {
            "atx": f"## {heading}",
            "html": f"<h3>{heading}:</h3>\n",
            "bold": f"**{heading}:**",
            "plain": f"{heading}:",
            "item": f"* {heading}:\n",
            "emoji": f"## 📝 {heading} 💡",
            "setext": f"{heading}\n---",
        }[style]
        parts.append(f"{label}\n\n{BODY[section]}")
    return "\n\n".join(parts) + "\n"


CLASSIC = {
    "summary": "Issue Summary",
    "timeline": "Timeline",
    "root_cause": "Root Cause and Resolution",
    "measures": "Corrective and Preventative Measures",
}
WORDINGS = {
    "summary": "Issue in summary",
    "timeline": "Timeline of events",
    "root_cause": "Resolution and Recovery",
    "measures": "Tasks to Address the Issue",
}


def lost_words(text: str, result: ImportResult) -> Counter[str]:
    return missing_words(text, result)


# --- sections, however they are marked --------------------------------------------------------


@pytest.mark.parametrize("style", ["atx", "html", "bold", "plain", "item", "emoji", "setext"])
def test_sections_in_every_heading_style(style: str) -> None:
    text = document(CLASSIC, style)
    result = import_text(text)
    assert result.found == ALL_FOUND, text
    pm = result.draft
    assert pm.title == "Checkout outage"
    assert pm.impact.percent == 62
    assert [e.text for e in pm.timeline] == ["A monitoring alert fired", "Rolled back the release"]
    assert pm.root_cause == BODY["root_cause"]
    assert [t.text for t in pm.tasks] == [
        "Add monitoring on pool wait time",
        "Refund duplicate charges",
    ]
    assert [t.done for t in pm.tasks] == [False, True]
    assert not lost_words(text, result)


def test_wording_that_varies() -> None:
    result = import_text(document(WORDINGS, "atx"))
    assert result.found == ALL_FOUND
    assert result.draft.resolution == BODY["root_cause"]


def test_separate_root_cause_and_resolution_sections() -> None:
    text = "## Root Cause\nA typo in the config.\n\n## Resolution\nWe fixed the typo.\n"
    pm = import_text(text).draft
    assert (pm.root_cause, pm.resolution) == ("A typo in the config.", "We fixed the typo.")


def test_a_combined_section_is_cut_where_it_turns_to_the_fix() -> None:
    text = (
        "## Root cause and resolution\n"
        "A typo in wp-settings.php asked for a missing file. To fix this, a Puppet manifest "
        "corrected the typo on every server.\n"
    )
    pm = import_text(text).draft
    assert pm.root_cause == "A typo in wp-settings.php asked for a missing file."
    assert pm.resolution.startswith("To fix this, a Puppet manifest")


def test_summary_fields_and_prose() -> None:
    text = (
        "## Issue Summary\n"
        "**Duration:** June 5, 2024, 14:00 - 17:00 UTC\n\n"
        "**Impact:** The web app was down. About 85% of our users saw 503 errors.\n\n"
        "**Root Cause:** A misconfigured load balancer sent all traffic to one server.\n"
    )
    result = import_text(text)
    pm = result.draft
    assert pm.impact.down == "The web app was down."
    assert pm.impact.experience == "About 85% of our users saw 503 errors."
    assert pm.impact.percent == 85
    assert pm.root_cause_summary.startswith("A misconfigured load balancer")
    assert (pm.window.start, pm.window.end, pm.window.zone) == (
        datetime(2024, 6, 5, 14, 0),
        datetime(2024, 6, 5, 17, 0),
        "UTC",
    )
    assert result.found["summary"] and not result.found["timeline"]


def test_all_users_reads_as_100_percent() -> None:
    pm = import_text("## Summary\nAll users were affected by the outage.\n").draft
    assert pm.impact.percent == 100


# --- timelines -------------------------------------------------------------------------------


def test_timeline_kinds_and_detection_method_are_inferred() -> None:
    text = (
        "## Timeline\n"
        "- 14:00 UTC - Monitoring alert triggered on error rates\n"
        "- 14:05 UTC - Checked the web server logs\n"
        "- 14:15 UTC - Assumed a database bottleneck; it turned out not to be\n"
        "- 14:30 UTC - Escalated to the DevOps team\n"
        "- 15:10 UTC - Rolled back the load balancer change\n"
    )
    entries = import_text(text).draft.timeline
    assert [e.kind for e in entries] == [
        Kind.DETECTION,
        Kind.INVESTIGATION,
        Kind.MISLEADING,
        Kind.ESCALATION,
        Kind.RESOLUTION,
    ]
    assert entries[0].detected_by is Detection.MONITORING


def test_guessed_kinds_are_marked_and_labelled_or_exported_ones_are_not() -> None:
    text = (
        "## Timeline\n"
        "- 14:00 UTC - Monitoring alert triggered on error rates\n"
        "- 14:30 UTC - Escalation: the DevOps team was called\n"
        "- 15:10 UTC - Rolled back the change; service fully restored\n"
    )
    pm = import_text(text).draft
    assert [(e.kind, e.guessed) for e in pm.timeline] == [
        (Kind.DETECTION, True),
        (Kind.ESCALATION, False),
        (Kind.RESOLUTION, True),
    ]
    # The export writes every kind as a label: read back, no kind is a guess any more.
    back = import_text(writer.to_markdown(pm)).draft
    assert [e.kind for e in back.timeline] == [e.kind for e in pm.timeline]
    assert not any(e.guessed for e in back.timeline)


def test_nested_bullets_join_their_entry() -> None:
    text = "## Timeline\n- **15:00 UTC: Uh-oh**\n  - Alerts fired for HTTP 500s.\n"
    entries = import_text(text).draft.timeline
    assert [e.text for e in entries] == ["Uh-oh: Alerts fired for HTTP 500s."]


def test_date_headings_date_the_entries_below() -> None:
    text = (
        "## Timeline\n### 2020-02-20\n- 23:50 UTC: alert fired\n"
        "### 2020-02-21\n- 09:27 UTC: fixed\n"
    )
    entries = import_text(text).draft.timeline
    assert [e.time for e in entries] == [
        datetime(2020, 2, 20, 23, 50),
        datetime(2020, 2, 21, 9, 27),
    ]


def test_an_entry_with_its_own_zone() -> None:
    text = (
        "Duration: 2023-01-17, 12:00 - 14:00 EAT\n\n"
        "## Timeline\n- 1:30 AM PST - a customer reported\n"
    )
    pm = import_text(text).draft
    assert pm.window.zone == "Africa/Nairobi"
    assert pm.timeline[0].zone == "America/Los_Angeles"
    assert pm.timeline[0].time == datetime(2023, 1, 17, 1, 30)


# --- the incident window ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "minutes", "zone"),
    [
        ("From 8.25 PM to 10.54 PM EAT, requests failed.", 149, "Africa/Nairobi"),
        ("On July 1st 2022, from 12:02 to 12:20 AM EAT all requests failed.", 18, "Africa/Nairobi"),
        ("Duration: 1hour 30mins from 19:30 to 21:00 WAT", 90, "Africa/Lagos"),
        ("The outage started at 08:00 GMT and ended at 10:00 GMT.", 120, "Etc/GMT"),
        ("From 15 Feb at 00:25AM 2022 to 16 Feb at 3:36PM (UTC-05), Apache failed.", 2351, None),
        ("On 2023-11-12 at 11:00am PST our database failed for 30 minutes.", 30, None),
        ("At 10:00 PM UTC we had a 2-hour outage.", 120, "UTC"),
        ("Duration: 2024-08-20, 15:15 GMT+1 to 16:05 GMT+1 (50 minutes)", 50, "Etc/GMT-1"),
        ("It ran from 10:05 AM to 11:45 AM UTC+2 on September 20th, 2024.", 100, "Etc/GMT-2"),
        ("From 11 PM to 1:30 AM UTC nothing worked.", 150, "UTC"),
        ("Duration: 01-11-2021, 12:00 AM PDT to 01-12-2021, 4:00 PM PDT", 2400, None),
    ],
)
def test_window_from_the_summary(summary: str, minutes: int, zone: str | None) -> None:
    pm = import_text(f"## Issue Summary\n{summary}\n").draft
    assert pm.window.minutes == minutes
    if zone:
        assert pm.window.zone == zone


def test_start_in_the_summary_and_end_from_the_timeline() -> None:
    text = (
        "## Summary\nFrom Aug 28, 2023 6:00 AM (GMT+03:00), Apache failed.\n\n"
        "## Timeline\n* 6:26 AM: email received\n* 7:58 AM: back online\n"
    )
    pm = import_text(text).draft
    assert (pm.window.start, pm.window.end) == (
        datetime(2023, 8, 28, 6, 0),
        datetime(2023, 8, 28, 7, 58),
    )


def test_window_from_the_timeline_when_the_summary_states_none() -> None:
    text = (
        "## Summary\nThe site was down on September 11th, 2018.\n\n"
        "## Timeline\n* 08:15 - 500 errors\n* 08:36 - running normally\n"
    )
    result = import_text(text)
    assert result.draft.window.minutes == 21
    assert result.draft.window.start == datetime(2018, 9, 11, 8, 15)
    assert "no time zone is given: UTC is assumed until you set the real one" in result.notes


def test_times_without_a_date_sit_on_the_placeholder_day() -> None:
    result = import_text("## Summary\nFrom 3:31 to 6:02 pm EET the server failed.\n")
    pm = result.draft
    assert not result.dated
    assert pm.window.start == datetime.combine(UNDATED, datetime.min.time()).replace(
        hour=15, minute=31
    )
    assert pm.window.minutes == 151
    assert any("no date is given" in note for note in result.notes)


def test_a_date_without_a_year_is_not_a_dated_window() -> None:
    result = import_text("## Summary\nOn Friday, March 1 we were down from 8:00AM - 8:45AM PST.\n")
    assert result.draft.window.minutes == 45
    assert result.draft.window.start is not None
    assert (result.draft.window.start.month, result.draft.window.start.day) == (3, 1)
    assert not result.dated


def test_outage_markers_in_the_timeline_win() -> None:
    text = (
        "## Summary\nDate/time: 2023-08-26 21:14 PDT<br> Duration: 15 hours 40 minutes\n\n"
        "## Timeline\n### 2023-08-25\n21:14 - DNS change live. \\<START OF OUTAGE><br>\n"
        "### 2023-08-26\n12:55 - DNS fixed. \\<END OF OUTAGE>\n"
    )
    assert import_text(text).draft.window.minutes == 941


# --- what cannot be mapped is kept ------------------------------------------------------------


def test_unknown_sections_and_closing_words_go_to_unsorted() -> None:
    text = (
        document(CLASSIC, "atx") + "\n## Conclusion\nThanks for reading!\n\n## Files\nREADME.md\n"
    )
    result = import_text(text)
    assert "Conclusion\n\nThanks for reading!" in result.draft.unsorted
    assert "README.md" in result.draft.unsorted
    assert not lost_words(text, result)


def test_an_assignment_question_before_the_answer_is_read_for_the_answer() -> None:
    question = (
        "Requirements:\n\n"
        "Issue Summary (that is often what executives will read) made of:\n\n"
        "- duration of the outage with start and end times (including timezone)\n"
        "- what was the root cause\n\n"
        "Timeline (format bullet point, format: time - keep it short, 1 or 2 sentences) "
        "must contain:\n\n"
        "- when was the issue detected\n\n"
        "Root cause and resolution must contain:\n\n- explain in detail what was causing it\n\n"
        "Be brief and straight to the point, between 400 to 600 words\n\n"
    )
    answer = document(CLASSIC, "atx")
    result = import_text(question + answer)
    assert result.found == ALL_FOUND
    pm = result.draft
    assert "duration of the outage" in pm.unsorted
    assert "when was the issue detected" in pm.unsorted
    assert [e.text for e in pm.timeline] == ["A monitoring alert fired", "Rolled back the release"]
    assert "explain" not in pm.root_cause
    assert not lost_words(question + answer, result)


def test_front_matter_gives_the_title() -> None:
    text = (
        '---\nlayout: post\ntitle: "crates.io incident report"\n---\n\n'
        "## Timeline\n- 21:17 UTC: x\n"
    )
    result = import_text(text)
    assert result.draft.title == "crates.io incident report"
    assert "layout: post" in result.draft.unsorted


def test_tasks_with_owner_and_due_lines() -> None:
    text = (
        "Corrective and Preventative Measures\n"
        "Action Items:\n"
        "Task: Patch the Nginx servers\nOwner: DevOps Team\nDue Date: Aug 20, 2024\n"
        "Task: Add alerting on 502s\nOwner: Monitoring Team\nDue Date: soon\n"
    )
    tasks = import_text(text).draft.tasks
    assert [(t.text, t.owner, t.due) for t in tasks] == [
        ("Patch the Nginx servers", "DevOps Team", date(2024, 8, 20)),
        ("Add alerting on 502s (soon)", "Monitoring Team", None),
    ]


MEASURES = "# Outage\n\n## Corrective and Preventative Measures\n\n"


def test_an_impossible_due_date_stays_in_the_task_with_a_note() -> None:
    result = import_text(f"{MEASURES}- [ ] Renew cert (owner: Ann; due: 2023-02-30)\n")
    [task] = result.draft.tasks
    assert (task.text, task.owner, task.due) == ("Renew cert (due: 2023-02-30)", "Ann", None)
    assert any("2023-02-30" in note for note in result.notes)


@pytest.mark.parametrize(
    ("written", "due"),
    [("Jan 24", date(2023, 1, 24)), ("2023-1-24", date(2023, 1, 24)), ("soon", None)],
)
def test_a_due_date_after_the_owner_is_read(written: str, due: date | None) -> None:
    summary = "**Duration:** January 17, 2023, 12:30 PM - 1:45 PM UTC\n\n"
    text = MEASURES.replace("\n\n## ", f"\n\n{summary}## ")
    result = import_text(f"{text}- [ ] Add alert (owner: Ann; due: {written})\n")
    [task] = result.draft.tasks
    assert (task.owner, task.due) == ("Ann", due)
    assert task.text == ("Add alert" if due else f"Add alert (due: {written})")


def test_a_due_date_without_a_year_and_no_dated_incident_is_kept() -> None:
    result = import_text(f"{MEASURES}- [ ] Add alert (owner: Ann; due: Jan 24)\n")
    [task] = result.draft.tasks
    assert (task.text, task.owner, task.due) == ("Add alert (due: Jan 24)", "Ann", None)
    assert any("Jan 24" in note for note in result.notes)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("1,000%", "1,000% is not a share of users"),
        ("6,2%", "6,2% is not a number pmwizard reads"),
        ("-5%", "-5% is not a share of users"),
        ("62", "62 has no %"),
    ],
)
def test_a_share_of_users_is_read_whole_or_refused(written: str, problem: str) -> None:
    text = f"# Outage\n\n## Issue Summary\n\nUsers affected: {written}\n"
    result = import_text(text)
    assert result.draft.impact.percent is None
    assert any(problem in note for note in result.notes)
    assert dict(result.unmet)["S4"].startswith(problem)
    assert f"Users affected: {written}" in result.draft.unsorted
    assert not missing_words(text, result)


@pytest.mark.parametrize(("written", "percent"), [("1,5 %", None), ("12.5 %", 12.5)])
def test_a_share_in_prose_is_read_whole_or_not_at_all(written: str, percent: float | None) -> None:
    result = import_text(f"# Outage\n\n## Issue Summary\n\nAbout {written} of users saw errors.\n")
    assert result.draft.impact.percent == percent and not result.notes


def test_a_response_line_with_more_than_figures_is_kept() -> None:
    text = "# Outage\n\n## Issue Summary\n\n**Response:** resolved after 5 min, but late\n"
    result = import_text(text)
    assert "but late" in result.draft.unsorted
    assert not missing_words(text, result)


def test_a_window_in_the_year_9999_is_left_unset_with_a_note() -> None:
    text = "# Outage\n\n**Duration:** December 31, 9999, 11:30 PM - 12:45 AM UTC\n"
    result = import_text(text)
    assert result.draft.window.start is None and result.draft.window.end is None
    assert any("9999" in note for note in result.notes) and "S1" in dict(result.unmet)
    assert "11:30 PM - 12:45 AM" in result.draft.unsorted


@pytest.mark.parametrize(
    "text",
    [
        "**Duration:** December 31, 9999, 11:30 PM UTC, lasting 2 hours\n",
        "## Timeline\n\n- December 31, 9999, 11:40 PM UTC - a\n- 12:10 AM - b\n",
        "**Duration:** January 1, 0001, 12:30 AM - 1:00 AM UTC+05:00\n",
    ],
)
def test_dates_at_the_calendars_ends_raise_no_overflow(text: str) -> None:
    assert import_text(f"# Outage\n\n{text}").draft is not None


def test_prose_measures_are_improvements_and_lists_are_tasks() -> None:
    text = (
        "## Corrective and preventative measures\n"
        "We will test every configuration change.\n\n- Add a config linter\n- Alert on 500s\n\n"
        "Thank you for your patience.\n"
    )
    result = import_text(text)
    assert result.draft.improvements == ["We will test every configuration change."]
    assert [t.text for t in result.draft.tasks] == ["Add a config linter", "Alert on 500s"]
    assert result.draft.unsorted == "Thank you for your patience."


# --- round trip and counts -------------------------------------------------------------------


def test_our_own_export_comes_back_as_it_was() -> None:
    pm = example_postmortem()
    result = import_text(writer.to_markdown(pm))
    back = result.draft
    assert result.found == ALL_FOUND and result.dated and not result.notes
    assert (back.title, back.service, back.window, back.impact) == (
        pm.title,
        pm.service,
        pm.window,
        pm.impact,
    )
    assert back.root_cause_summary == pm.root_cause_summary
    assert [(e.time, e.text, e.detected_by) for e in back.timeline] == [
        (e.time, e.text, e.detected_by) for e in pm.timeline
    ]
    assert (back.root_cause, back.resolution) == (pm.root_cause, pm.resolution)
    assert (back.improvements, back.tasks) == (pm.improvements, pm.tasks)
    assert back.unsorted == ""
    assert result.total == counts.total_words(pm)
    assert result.words == counts.section_words(pm)


def test_word_counts_use_the_exporters_counter() -> None:
    text = document(CLASSIC, "atx")
    result = import_text(text)
    assert result.total == counts.count_words(text)
    assert sum(result.words.values()) == result.total - counts.count_words("# Checkout outage")


def test_crlf_and_odd_characters_are_read() -> None:
    text = document(CLASSIC, "plain").replace("\n", "\r\n")
    assert import_text(text).found == ALL_FOUND


# --- unreadable files ------------------------------------------------------------------------


def test_encodings_are_tried_before_giving_up(tmp_path: Path) -> None:
    text = document(CLASSIC, "atx").replace("Checkout", "Café checkout")
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"):
        path = tmp_path / f"{encoding}.md"
        path.write_bytes(text.encode(encoding))
        result = import_file(path)
        assert result.draft.title == "Café checkout outage", encoding
        assert result.found == ALL_FOUND


def test_decode_refuses_binary() -> None:
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is None
    assert decode(bytes(range(256)) * 4) is None
    assert decode(b"\x00\x01binary\x00") is None


def test_decode_reads_utf16_without_a_bom() -> None:
    assert decode("Issue Summary: café".encode("utf-16-le")) == "Issue Summary: café"
    assert decode("Issue Summary: café".encode("utf-16-be")) == "Issue Summary: café"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_text("  \n\n  "), "is empty"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00" * 50), "is not text"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: None, "no file at"),
    ],
    ids=["empty", "blank", "binary", "folder", "missing"],
)
def test_unreadable_files_raise_one_line(tmp_path: Path, make: Any, said: str) -> None:
    path = tmp_path / "pm.md"
    make(path)
    with pytest.raises(DraftError) as caught:
        import_file(path)
    message = str(caught.value)
    assert said in message and str(path) in message and "\n" not in message


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(20_000_000)
    with pytest.raises(DraftError, match=f"20 MB: {size_limit_text()}"):
        import_file(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("# Secret\n")
    path.chmod(0)
    with pytest.raises(DraftError, match="permission denied"):
        import_file(path)


# --- any text at all ----------------------------------------------------------------------------

PIECES = [
    "## Timeline\n",
    "## Issue Summary\n",
    "**Root Cause:** ",
    "- 12:30 PM - ",
    "| 2023-03-12 02:30 | gap |\n",
    "Duration: 2023-03-12 02:15 to 02:45 America/New_York\n",
    "* [x] ",
    "Task: x\nOwner: y\nDue Date: Feb 30, 2023\n",
    "25:61 PM ",
    "- [ ] x (owner: A; due: Jan 24)\n",
    "- [ ] x (due: 2023-02-30)\n",
    "Users affected: 1,000%\n",
    "**Response:** resolved after 5 min, ",
    "Duration: December 31, 9999, 11:30 PM - 12:45 AM UTC\n",
    "```markdown\n",
    "<h2>Tasks</h2>\n",
    "\n\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=25))
def test_any_text_imports_without_an_error_and_loses_nothing(pieces: list[str]) -> None:
    text = "".join(pieces)
    result = import_text(text)
    assert result.draft is not None
    assert not missing_words(text, result)
