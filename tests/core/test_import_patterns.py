"""How company reports, project blogs, status pages and hand-written notes are read: one
test per pattern people write, through import_text and the named rules behind it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from wizard.importer import import_text, missing_words
from wizard.importer.blocks import Block
from wizard.importer.front import split_front_matter
from wizard.importer.labels import label_name
from wizard.importer.times import day_note, find_minutes, find_stamps
from wizard.importer.updates import read_updates, stamp_of
from wizard.kinds import guess_entry
from wizard.model import Kind


def entries(text: str) -> list[tuple[datetime | None, str]]:
    return [(e.time, e.text) for e in import_text(text).draft.timeline]


# --- headings in other words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("What happened", "summary"),
        ("Background", "other"),
        ("How the cache serves reads, and how this went wrong", "root_cause"),
        ("Contributing factors", "root_cause"),
        ("Next steps", "measures"),
        ("Action items", "tasks"),
        ("Follow-ups", "measures"),
        ("Lessons learned", "measures"),
        ("Impact", "impact"),
        ("Recovery", "resolution"),
        ("Remediation", "remediation"),
        ("Remediation items", "tasks"),
        ("Timeline of events on the day (all times UTC)", "timeline"),
        ("Here's a timeline of the evening", "timeline"),
    ],
)
def test_headings_in_other_words(heading: str, name: str) -> None:
    assert label_name(heading) == name


def test_remediation_holds_tasks_when_a_list_follows_and_the_fix_otherwise() -> None:
    listed = import_text("# Outage\n\n## Remediation\n\n- Add a disk alert. Owner: Kim\n")
    assert [(t.text, t.owner) for t in listed.draft.tasks] == [("Add a disk alert", "Kim")]
    prose = import_text("# Outage\n\n## Remediation\n\nWe failed over to the replica.\n")
    assert prose.draft.resolution == "We failed over to the replica." and not prose.draft.tasks


def test_a_sentence_announcing_lessons_opens_the_measures() -> None:
    text = (
        "# Outage\n\n## Resolution\n\nThe cache was flushed.\n\n## Afterwards\n\n"
        "The lessons we take from this are as follows:\n\n- Stage config changes.\n"
    )
    result = import_text(text)
    assert result.found["measures"]
    assert result.draft.improvements == ["Stage config changes."]
    assert not missing_words(text, result)


# --- timelines in other shapes ----------------------------------------------------------------


def test_a_timeline_as_a_run_of_headings_with_dates_in_any_order() -> None:
    text = (
        "# Queue stall\n\n## Timeline\n\n### 2022 March 4 23:40 UTC\n\nConsumers stopped.\n\n"
        "### 5 Mar 2022 00:10 UTC\n\nOn-call paged.\n\n### 2022-03-05 01:00 UTC\n\n"
        "Queue drained, service restored.\n"
    )
    assert entries(text) == [
        (datetime(2022, 3, 4, 23, 40), "Consumers stopped."),
        (datetime(2022, 3, 5, 0, 10), "On-call paged."),
        (datetime(2022, 3, 5, 1, 0), "Queue drained, service restored."),
    ]


def test_a_time_table_at_the_very_end_is_the_timeline_with_ranges_at_their_start() -> None:
    text = (
        "# Disk outage\n\nFrom 8:10 PM CET on May 2, 2024 to 1:00 AM CET on May 3, 2024 writes "
        "failed.\n\n## Next steps\n\n- Alert on disk errors\n\n"
        "| Time (CET) | Status | Description |\n| --- | --- | --- |\n"
        "| 20:10 | Investigating | Writes fail |\n| 22:30-23:15 | Identified | Bad disk found |\n"
        "| 00:50 | Resolved | Writes back to normal |\n"
    )
    result = import_text(text)
    assert result.found["timeline"] and result.draft.tasks[0].text == "Alert on disk errors"
    times = [e.time for e in result.draft.timeline]
    assert times == [
        datetime(2024, 5, 2, 20, 10),
        datetime(2024, 5, 2, 22, 30),
        datetime(2024, 5, 3, 0, 50),
    ]
    assert "(until 23:15)" in result.draft.timeline[1].text
    assert result.draft.window.zone == "Europe/Berlin"


def test_status_page_updates_with_the_stamp_after_the_text() -> None:
    text = (
        "Elevated errors\n\nResolved\n\nAll requests succeed again.\n"
        "Posted Feb 02, 2023 - 10:40 PST\n\n"
        "Investigating\n\nWe see errors on the API.\nPosted Feb 02, 2023 - 09:55 PST\n"
    )
    result = import_text(text)
    assert result.found["timeline"]
    assert entries(text) == [
        (datetime(2023, 2, 2, 10, 40), "Resolved: All requests succeed again."),
        (datetime(2023, 2, 2, 9, 55), "Investigating: We see errors on the API."),
    ]
    window = result.draft.window
    assert (window.start, window.end) == (datetime(2023, 2, 2, 9, 55), datetime(2023, 2, 2, 10, 40))
    assert not missing_words(text, result)


def test_status_updates_under_state_words_with_a_closing_stamp_line() -> None:
    text = (
        "Resolved -\nQueues are empty, normal operations restored.\nApr 9, 15:20 EDT\n"
        "Investigating -\nJobs are delayed.\nApr 9, 14:05 EDT\n"
    )
    found = entries(text)
    assert [t.time() if t else None for t, _ in found] == [
        datetime(2000, 1, 1, 15, 20).time(),
        datetime(2000, 1, 1, 14, 5).time(),
    ]
    assert found[0][1].startswith("Resolved")


def test_status_updates_with_the_stamp_before_the_text() -> None:
    text = (
        "# Mail delays\n\nMail was delayed on June 3, 2022.\n\n3:10 PM EDT\n\n"
        "Mail flows again for most customers.\n\n1:45 PM EDT\n\nWe are looking into delays.\n"
    )
    assert entries(text) == [
        (datetime(2022, 6, 3, 15, 10), "Mail flows again for most customers."),
        (datetime(2022, 6, 3, 13, 45), "We are looking into delays."),
    ]


def test_status_lines_that_start_with_their_time() -> None:
    text = (
        "Checkout errors\n\nResolved - 10:42 PM PDT The incident is resolved.\n\n"
        "Update - 9:01 PM PDT We rolled back the release.\n\n"
        "Investigating - 8:02 PM PDT Some customers cannot pay.\n\n"
        "On July 3, 2024 payments failed.\n"
    )
    result = import_text(text)
    assert entries(text) == [
        (datetime(2024, 7, 3, 22, 42), "Resolved - The incident is resolved."),
        (datetime(2024, 7, 3, 21, 1), "Update - We rolled back the release."),
        (datetime(2024, 7, 3, 20, 2), "Investigating - Some customers cannot pay."),
    ]
    window = result.draft.window
    assert (window.start, window.end) == (datetime(2024, 7, 3, 20, 2), datetime(2024, 7, 3, 22, 42))
    assert any("taken from the timeline" in note for note in result.notes)
    assert not missing_words(text, result)


def test_a_lone_page_stamp_dates_the_text_but_is_never_the_window() -> None:
    text = (
        "Chat outage\n\nThe incident started at around 22:05 UTC and was resolved by 22:50, "
        "with a restart at 23:10-23:12.\n\nPosted Jan 9, 2024 - 23:30 UTC\n"
    )
    blocks = read_updates([Block("line", "Posted Jan 9, 2024 - 23:30 UTC")])
    assert blocks[0].kind == "stamp"
    window = import_text(text).draft.window
    assert (window.start, window.end) == (datetime(2024, 1, 9, 22, 5), datetime(2024, 1, 9, 22, 50))


def test_a_stamp_line_needs_a_date_or_a_zone() -> None:
    assert stamp_of(Block("line", "Posted Nov 06, 2023 - 12:00 PST")) is not None
    assert stamp_of(Block("line", "Resolved May 01 at 04:00pm BST")) is not None
    assert stamp_of(Block("line", "12:00")) is None
    assert stamp_of(Block("line", "Posted by the team")) is None


def test_html_paragraphs_with_emoji_shortcodes_are_entries() -> None:
    text = (
        "## Timeline\n\n<p>:small_blue_diamond:09:05 UTC+2: Alert fired.</p>\n"
        "<p>:small_blue_diamond:09:40 UTC+2: Config reverted, service restored.</p>\n"
    )
    found = import_text(text).draft.timeline
    assert [(e.time.time() if e.time else None, e.text) for e in found] == [
        (datetime(2000, 1, 1, 9, 5).time(), "Alert fired."),
        (datetime(2000, 1, 1, 9, 40).time(), "Config reverted, service restored."),
    ]


def test_a_time_inside_a_timeline_line_makes_it_an_entry() -> None:
    text = (
        "## Timeline\n\nMonitoring first saw errors on March 3rd at 11:50pm UTC, the team was "
        "paged.\nThe fix was deployed at 12:20am UTC\n"
    )
    found = entries(text)
    assert [t for t, _ in found] == [datetime(2000, 3, 3, 23, 50), datetime(2000, 3, 4, 0, 20)]


# --- dates and zones --------------------------------------------------------------------------


def test_a_date_given_once_for_the_timeline_moves_entries_after_midnight() -> None:
    assert day_note("Unless otherwise noted all events happened on 2019-10-21.") == date(
        2019, 10, 21
    )
    assert day_note("All times are UTC.") is None
    text = (
        "## Timeline (all times Eastern)\n\nAll events happened on 2021-02-09.\n\n"
        "- 23:30 deploy started\n- 00:20 errors stopped, incident closed\n"
    )
    result = import_text(text)
    assert [e.time for e in result.draft.timeline] == [
        datetime(2021, 2, 9, 23, 30),
        datetime(2021, 2, 10, 0, 20),
    ]
    assert result.draft.window.zone == "America/New_York"


def test_a_date_only_in_the_title_dates_the_timeline() -> None:
    text = (
        "Mail delays 21 Oct 2023\n\nMail was slow.\n\n## Timeline\n\n- 08:05 alert\n"
        "- 09:00 fixed, service restored\n"
    )
    result = import_text(text)
    assert result.draft.title == "Mail delays 21 Oct 2023"
    assert result.draft.window.start == datetime(2023, 10, 21, 8, 5)
    assert any("taken from the title" in note for note in result.notes)


@pytest.mark.parametrize(
    ("written", "zone", "offset_hours"),
    [
        ("2024-01-10 09:00 Pacific", "America/Los_Angeles", -8),
        ("2024-07-10 09:00 PT", "America/Los_Angeles", -7),
        ("2024-07-10 09:00 Eastern", "America/New_York", -4),
        ("2024-07-10 09:00 GMT+1", "Etc/GMT-1", 1),
        ("2024-07-10 09:00 UTC+2", "Etc/GMT-2", 2),
        ("2024-07-10 09:00 BRT", "America/Sao_Paulo", -3),
    ],
)
def test_zone_words(written: str, zone: str, offset_hours: int) -> None:
    (stamp,) = find_stamps(written)
    assert stamp.zone == zone
    pm = import_text(f"## Summary\n\nDuration: {written} to 10:00\n").draft
    start = pm.window.start_at
    assert start is not None and start.utcoffset().total_seconds() == offset_hours * 3600  # type: ignore[union-attr]


def test_a_zone_named_once_in_the_timeline_heading() -> None:
    text = "## Timeline (all times West African Time)\n\n- 08:05 alert\n- 09:00 service restored\n"
    assert import_text(text).draft.window.zone == "Africa/Lagos"


# --- front matter -----------------------------------------------------------------------------


def test_yaml_front_matter_with_spaced_keys_and_folded_values() -> None:
    text = (
        "---\ntitle: Login failures\ndate created: 2025-02-14\nsummary: >\n  Logins failed\n"
        "  after the rotation.\n---\n\n## Timeline\n\n- 16:15 alert fired\n"
    )
    front = split_front_matter(text)
    assert front is not None and front.title == "Login failures"
    result = import_text(text)
    assert result.draft.title == "Login failures"
    assert result.draft.timeline[0].time == datetime(2000, 1, 1, 16, 15)  # not the creation date
    assert not missing_words(text, result)


def test_plain_title_lines_on_top_and_toml_front_matter_give_the_title() -> None:
    plain = "title: Webhooks delayed\nauthor: Sam\n\nWebhooks were late for an hour.\n"
    result = import_text(plain)
    assert result.draft.title == "Webhooks delayed"
    assert "author: Sam" in result.draft.unsorted
    toml = '+++\ntitle = "DNS outage"\nlayout = "post"\n+++\n\nThe DNS record vanished.\n'
    assert import_text(toml).draft.title == "DNS outage"
    assert split_front_matter("title of the talk\n\nbody\n") is None


# --- windows ----------------------------------------------------------------------------------


def test_a_window_in_words_wins_over_cut_offs_and_stamps() -> None:
    text = (
        "# Storage outage\n\nFrom 7:13 PM BRT on March 2, 2024 to 2:38 PM BRT on March 3, 2024, "
        "uploads failed. Tokens issued before 2024-03-01 12:30 UTC had to be refreshed.\n"
    )
    window = import_text(text).draft.window
    assert (window.start, window.end, window.zone) == (
        datetime(2024, 3, 2, 19, 13),
        datetime(2024, 3, 3, 14, 38),
        "America/Sao_Paulo",
    )


def test_the_timelines_start_and_a_stated_length_give_a_window() -> None:
    text = (
        "Bot offline\n\nThe bot was down for a total of 2 hours and 10 minutes.\n\nTimeline\n"
        "Monitoring first saw the outage on May 3rd at 10:00pm UTC.\n"
    )
    window = import_text(text).draft.window
    assert window.start is not None and window.minutes == 130
    assert find_minutes("delayed for up to three hours") is None


def test_no_window_without_a_span_or_a_resolved_timeline() -> None:
    text = (
        "# Website attack\n\n## Timeline\n\n- 2023-01-04 05:13: alert fired\n"
        "- 2023-01-04 09:15: provider asked for logs\n"
    )
    assert import_text(text).draft.window.start is None


# --- users affected, owners, closing lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "percent"),
    [
        ("About 40% of users saw stale results.", 40),
        ("It affected 100% of the traffic to the site.", 100),
        ("Most users, typically 80%, saw slow pages.", 80),
        ("Payments failed for about 30% of attempts.", None),
        ("It caused 85% of our network to return errors.", None),
        ("Only 50% of our userbase was able to log in again.", None),
        ("All impacted users got an e-mail.", None),
    ],
)
def test_users_affected_only_from_a_stated_share(sentence: str, percent: float | None) -> None:
    assert import_text(f"## Summary\n\n{sentence}\n").draft.impact.percent == percent


def test_an_action_item_table_with_owner_and_due_columns() -> None:
    text = (
        "## Action items\n\n| Action | Owner | Due | Bug |\n| --- | --- | --- | --- |\n"
        "| Pin dependencies | kim | 2024-05-01 | #12 |\n| Add a canary | lee | | |\n"
    )
    result = import_text(text)
    tasks = [(t.text, t.owner, t.due) for t in result.draft.tasks]
    assert tasks == [
        ("Pin dependencies (Bug: #12)", "kim", date(2024, 5, 1)),
        ("Add a canary", "lee", None),
    ]
    assert not missing_words(text, result)


def test_lines_naming_an_owner_are_tasks_and_closing_lines_are_not() -> None:
    text = (
        "# Relay\n\n## What we will do\n\n"
        "Turn log rotation on. Owner: Ada. Due Date: Oct 27, 2023\n"
        "Watch the disk. Owner: Bo. Due Date: Oct 31, 2023\n\nThanks to everyone on the call.\n\n"
        "Sincerely,\nthe mail team\n"
    )
    result = import_text(text)
    assert [(t.owner, t.due) for t in result.draft.tasks] == [
        ("Ada", date(2023, 10, 27)),
        ("Bo", date(2023, 10, 31)),
    ]
    assert result.draft.improvements == []
    assert "Thanks to everyone on the call." in result.draft.unsorted
    assert "the mail team" in result.draft.unsorted
    signed = import_text("## Next steps\n\nAdd a disk alert.\n\n— Dana, on behalf of SRE\n").draft
    assert signed.improvements == ["Add a disk alert."]


def test_a_yearless_due_date_takes_the_year_of_the_others() -> None:
    text = (
        "## Action items\n\n- Pin certificates — owner Ana, due 28/03/2025\n"
        "- Subscribe to notices (Rui, by April 4)\n"
    )
    assert [t.due for t in import_text(text).draft.tasks] == [date(2025, 3, 28), date(2025, 4, 4)]


def test_an_email_address_is_no_owner() -> None:
    text = "## Next steps\n\n- Questions go to help@example.org.\n"
    assert import_text(text).draft.tasks[0].owner is None


def test_a_resolution_is_undone_only_by_a_setback_in_its_own_sentence() -> None:
    assert (
        guess_entry("Service restored. The cause was a bad deploy, but we know why.").kind
        == Kind.RESOLUTION
    )
    assert guess_entry("Service restored, but errors remained.").kind != Kind.RESOLUTION
