"""Timeline kinds: guessed from the words and the place of each entry, the author's kept."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wizard import timeline
from wizard.importer import import_text
from wizard.kinds import KEPT, LONGEST, guess_entries, guess_entry, guess_timeline
from wizard.model import Detection, Kind, TimelineEntry

LABELS = Path(__file__).resolve().parents[1] / "kinds" / "labels.tsv"
HELD_OUT_3 = LABELS.with_name("heldout3.tsv")
START = datetime(2024, 3, 5, 23, 40)


def kinds(texts: list[str]) -> list[Kind]:
    return [g.kind for g in guess_timeline(texts)]


# --- the sentences guessed wrong before -----------------------------------------------------

ISSUE_TIMELINE = (
    "11:40 PM - An engineer changed the DNS record for api.example.com as part of a load "
    "balancer migration.\n"
    "11:52 PM - A monitoring alert on queue latency paged the on-call engineer.\n"
    "11:58 PM - The engineer investigated the database, assuming slow writes were to blame.\n"
    "12:20 AM - The database turned out to be healthy; the slow writes were a symptom.\n"
    "12:31 AM - Escalated to the networking team.\n"
    "12:40 AM - Reverted the DNS record.\n"
    "12:55 AM - Service fully restored; error rates back to normal.\n"
)


def test_an_alert_that_pages_the_on_call_is_a_detection_by_monitoring() -> None:
    guess = guess_entry("A monitoring alert on queue latency paged the on-call engineer.")
    assert (guess.kind, guess.detected_by) == (Kind.DETECTION, Detection.MONITORING)


def test_investigating_on_an_assumption_is_an_investigation() -> None:
    text = "The engineer investigated the database, assuming slow writes were to blame."
    assert guess_entry(text).kind is Kind.INVESTIGATION


def test_a_change_made_as_part_of_a_migration_is_the_trigger() -> None:
    text = (
        "An engineer changed the DNS record for api.example.com as part of a load balancer "
        "migration."
    )
    assert guess_entry(text).kind is Kind.OTHER


def test_a_complaint_passed_on_by_support_is_a_detection_by_a_customer() -> None:
    text = (
        "A customer complaint on social media about failed checkouts; the support team "
        "alerted the on-call engineer."
    )
    guess = guess_entry(text)
    assert (guess.kind, guess.detected_by) == (Kind.DETECTION, Detection.CUSTOMER)


def test_the_same_sentences_pasted_as_a_timeline() -> None:
    entries = timeline.parse_entries(ISSUE_TIMELINE, START, "UTC")
    assert [e.kind for e in entries] == [
        Kind.OTHER,
        Kind.DETECTION,
        Kind.INVESTIGATION,
        Kind.MISLEADING,
        Kind.ESCALATION,
        Kind.MITIGATION,
        Kind.RESOLUTION,
    ]
    assert entries[1].detected_by is Detection.MONITORING


# --- words alone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "method"),
    [
        ("A monitoring alert fired for the checkout error rate", Kind.DETECTION, "monitoring"),
        ("PagerDuty alerted teams", Kind.DETECTION, "monitoring"),
        ("The team was alerted to the issue and began investigating", Kind.DETECTION, "monitoring"),
        ("A customer reported that payments fail", Kind.DETECTION, "customer"),
        ("Lots of emails received about slow service", Kind.DETECTION, "customer"),
        ("End users alerted us that the reports were empty", Kind.DETECTION, "customer"),
        ("The on-call engineer noticed 500 errors on the dashboard", Kind.DETECTION, "monitoring"),
        ("Betty noticed the page was blank", Kind.DETECTION, "engineer"),
        ("Alice, staring at her monitor, noticed the API was down", Kind.DETECTION, "engineer"),
        ("Escalated to the database team", Kind.ESCALATION, None),
        ("Paged the DB team", Kind.ESCALATION, None),
        ("The storage vendor was brought in", Kind.ESCALATION, None),
        ("Initially we assumed the payment provider was slow", Kind.MISLEADING, None),
        ("Their systems turned out not to be the cause", Kind.MISLEADING, None),
        ("Tried restarting the relay: no change", Kind.MISLEADING, None),
        ("Rolled back the release on all servers", Kind.MITIGATION, None),
        ("Rollback failed: the config store was locked", Kind.MITIGATION, None),
        ("Restarted the web servers", Kind.MITIGATION, None),
        ("Service restored for every user", Kind.RESOLUTION, None),
        ("The incident was resolved", Kind.RESOLUTION, None),
        ("Service restored, but errors remained", Kind.MITIGATION, None),
        ("Investigated the load balancer logs", Kind.INVESTIGATION, None),
        ("Checked the disk usage, then restarted nginx", Kind.MITIGATION, None),
        ("Found the disk full of old logs and cleared them", Kind.MITIGATION, None),
        ("Checked the logs of the restarted workers", Kind.INVESTIGATION, None),
        ("Looked at the queue depth", Kind.INVESTIGATION, None),
        ("Configuration push begins", Kind.OTHER, None),
        ("Posted an update on the status page", Kind.OTHER, None),
        ("Warned by the support desk about failing logins", Kind.DETECTION, "customer"),
        ("Zabbix reports the mail relay unreachable", Kind.DETECTION, "monitoring"),
        ("A developer reports the search page broken", Kind.DETECTION, "engineer"),
        ("Bug 4412 filed about blank invoices", Kind.DETECTION, "customer"),
        ("The payments issue was assigned to the platform lead", Kind.ESCALATION, None),
        ("Case opened with the hosting provider", Kind.ESCALATION, None),
        ("Upgraded a package called leftpad", Kind.MITIGATION, None),
        ("Error recreated on a staging server", Kind.INVESTIGATION, None),
        ("Profiling results inconclusive", Kind.MISLEADING, None),
        ("Marked the broken replicas as unhealthy", Kind.MITIGATION, None),
        ("Payment service operational", Kind.RESOLUTION, None),
        ("No longer seeing timeouts on the gateway", Kind.RESOLUTION, None),
        ("The DBA spots the bad index and rebuilds it - OUTAGE ENDS", Kind.RESOLUTION, None),
    ],
)
def test_kind_from_wording(text: str, kind: Kind, method: str | None) -> None:
    guess = guess_entry(text)
    assert guess.kind is kind
    assert guess.detected_by == (Detection(method) if method else None)


def test_a_label_before_the_text_names_the_kind() -> None:
    assert guess_entry("Misleading path: restarted the cache").kind is Kind.MISLEADING
    labelled = guess_entry("**Detection (customer complaint):** Checkout failed")
    assert (labelled.kind, labelled.detected_by) == (Kind.DETECTION, Detection.CUSTOMER)
    assert guess_entry("Update: we restarted the workers").kind is Kind.MITIGATION


def test_each_guess_says_why_in_a_few_words() -> None:
    assert guess_entry("A disk alert fired").reason == 'guessed from "a disk alert"'
    assert guess_entry("Investigated the logs").reason == 'guessed from "investigated"'
    assert guess_entry("Escalation: the DBA team").reason == 'labelled "escalation"'
    assert guess_entry("Lunch").reason == "no words of another kind"
    assert guess_entry("FIRING: DiskFull on db-3").reason == 'guessed from "firing"'
    assert guess_entry("Is the replica stuck?").reason == 'guessed from "stuck?"'
    texts = ["Deployed release 4.2", "Checked the site and got 502 errors", "Rolled back"]
    guess = guess_timeline(texts)[1]
    assert (guess.kind, guess.reason) == (Kind.DETECTION, "first sign of trouble")
    assert guess_timeline(texts)[2].reason == "the last fix in the timeline"


@pytest.mark.parametrize("text", ["", "   ", "12:32", "12:32 PM UTC", "—", "x" * 5000])
def test_bad_input_is_other_and_never_dropped(text: str) -> None:
    guess = guess_entry(text)
    assert guess.kind is Kind.OTHER and guess.detected_by is None
    assert guess.reason in ("no words to guess from", "too long to guess")
    entries = guess_entries([TimelineEntry(text=text)], "UTC")
    assert [e.text for e in entries] == [text]


def test_a_long_entry_is_other_from_its_length() -> None:
    text = "A monitoring alert fired. " * (LONGEST // 20)
    assert guess_entry(text).kind is Kind.OTHER
    assert guess_entry(text[: LONGEST - 100]).kind is Kind.DETECTION


# --- context --------------------------------------------------------------------------------


def test_only_the_first_detection_counts() -> None:
    found = guess_timeline(
        [
            "Queue depth alert fired",
            "The on-call noticed the alert and started investigating the workers",
            "Scaled the workers",
            "All queues drained, service back to normal",
        ]
    )
    assert [g.kind for g in found] == [
        Kind.DETECTION,
        Kind.INVESTIGATION,
        Kind.MITIGATION,
        Kind.RESOLUTION,
    ]


def test_a_second_detection_when_the_problem_comes_back() -> None:
    assert (
        kinds(
            [
                "Disk alert fired on db-1",
                "Cleared old logs; service back to normal",
                "The disk alert fired again on db-1",
                "Resized the disk",
                "Service fully restored",
            ]
        ).count(Kind.DETECTION)
        == 2
    )


def test_entries_before_the_detection_are_the_trigger_and_onset() -> None:
    assert kinds(
        [
            "Deployed release 4.2 to every region",
            "Error rates start climbing",
            "A latency alert fired",
            "Rolled back release 4.2",
            "Error rates back to normal",
        ]
    ) == [Kind.OTHER, Kind.OTHER, Kind.DETECTION, Kind.MITIGATION, Kind.RESOLUTION]


def test_a_partial_recovery_is_a_mitigation_and_the_end_a_resolution() -> None:
    assert kinds(
        [
            "A monitoring alert fired",
            "Failed over to the standby region; most traffic recovered",
            "All traffic restored and the incident closed",
        ]
    ) == [Kind.DETECTION, Kind.MITIGATION, Kind.RESOLUTION]


def test_a_fix_after_the_resolution_is_a_follow_up() -> None:
    assert (
        kinds(["A disk alert fired", "Service restored", "Deployed a fix for the log rotation"])[-1]
        is Kind.OTHER
    )


def test_a_fix_ending_the_timeline_is_the_resolution() -> None:
    assert kinds(["An alert fired", "Checked the logs", "Rolled back the release"])[-1] is (
        Kind.RESOLUTION
    )


def test_a_single_entry_is_read_by_its_words_alone() -> None:
    assert guess_entry("Rolled back the release").kind is Kind.MITIGATION
    assert guess_entry("Checked the site and got 502 errors").kind is Kind.INVESTIGATION


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("After checking the logs for an hour, we restarted the workers", Kind.MITIGATION),
        ("Service restored. However, some users still see errors.", Kind.MITIGATION),
        ("GitHub updates their status page to say the problem is fixed", Kind.OTHER),
        ("Follow-up mail saying the service is restored", Kind.OTHER),
        ("The on-call engineer arrived and joined the bridge", Kind.OTHER),
        ("The storage team arrived", Kind.ESCALATION),
        ("Reached out to the affected customers", Kind.OTHER),
        ("The outage began at 08:00 but was detected 10 minutes later", Kind.OTHER),
        ("Restored from backup; replaying the last hour of writes", Kind.MITIGATION),
    ],
)
def test_kind_from_how_the_sentence_is_built(text: str, kind: Kind) -> None:
    assert guess_entry(text).kind is kind


def test_the_detection_comes_after_the_onset() -> None:
    assert kinds(
        [
            "An engineer noticed flaky builds last month and filed a ticket",
            "Release 3.1 ships <START OF OUTAGE>",
            "Users report that checkout fails",
            "Rolled back release 3.1",
            "Checkout works again",
        ]
    ) == [Kind.OTHER, Kind.OTHER, Kind.DETECTION, Kind.MITIGATION, Kind.RESOLUTION]


def test_saying_how_it_was_noticed_beats_telling_the_trouble() -> None:
    found = guess_timeline(
        [
            "Users cannot log in",
            "Support received complaints about failed logins",
            "Restarted the identity service",
            "Logins work again",
        ]
    )
    assert [g.kind for g in found][:2] == [Kind.OTHER, Kind.DETECTION]
    assert found[1].detected_by is Detection.CUSTOMER


def test_with_no_detection_the_first_trouble_is_it_and_users_suffering_are_no_source() -> None:
    found = guess_timeline(["Deployed 4.2", "500 error showing on the site", "Rolled back 4.2"])
    assert (found[1].kind, found[1].detected_by) == (Kind.DETECTION, Detection.OTHER)
    status = guess_timeline(
        ["Investigating - Some customers cannot pay", "Identified - a bad release", "Resolved"]
    )
    assert (status[0].kind, status[0].detected_by) == (Kind.DETECTION, Detection.OTHER)


def test_a_restart_loop_is_trouble_and_a_negated_return_no_recovery() -> None:
    found = guess_timeline(
        [
            "Queue consumers restarting in a loop",
            "Found a poisoned message at the head of the queue",
            "Cleared the poisoned message",
            "Orders flowing again",
        ]
    )
    assert (found[0].kind, found[0].detected_by) == (Kind.DETECTION, Detection.OTHER)
    assert [g.kind for g in found][1:] == [Kind.INVESTIGATION, Kind.MITIGATION, Kind.RESOLUTION]
    assert guess_entry("Users say their pods are not starting back up").kind is not Kind.RESOLUTION


def test_seeing_the_alerts_after_the_detection_is_no_finding() -> None:
    assert kinds(
        [
            "A disk alert fired on db1",
            "Back at my desk, I notice the pager alerts",
            "Cleared old WAL files",
            "Disk usage back to normal",
        ]
    ) == [Kind.DETECTION, Kind.OTHER, Kind.MITIGATION, Kind.RESOLUTION]


def test_more_reports_after_the_detection_and_findings_before_the_fix() -> None:
    assert kinds(
        [
            "A latency alert fired",
            "A user tweets that the app is slow",
            "Slow calls all go to the inventory service",
            "Failed the inventory database over to its replica",
            "Latency back to normal",
        ]
    ) == [Kind.DETECTION, Kind.OTHER, Kind.INVESTIGATION, Kind.MITIGATION, Kind.RESOLUTION]


# --- how people write a timeline as it happens -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "FIRING: QueueBacklogHigh: orders-queue above 10k messages",
        "[ALERT] checkout p95 latency over 2s",
        "PROBLEM - disk /srv 97% on mail-03",
        "billing-api-prod-5xx-alarm 12 errors in 5 minutes",
        "#payments-alerts: card authorisations failing",
    ],
)
def test_an_alert_written_as_its_name_is_a_detection_by_monitoring(text: str) -> None:
    guess = guess_entry(text)
    assert (guess.kind, guess.detected_by) == (Kind.DETECTION, Detection.MONITORING)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            'Status page update "A fix has been deployed and we are watching the results"',
            Kind.OTHER,
        ),
        ("Statuspage update: resolved", Kind.OTHER),
        ("Statuspage notice sent - the incident is resolved", Kind.OTHER),
        ("Restarted the ingest workers; the errors persist", Kind.MISLEADING),
        ("Flushed the CDN cache, which has the same problem afterwards", Kind.MISLEADING),
        ("Someone suggested the connection pool size - wasn't that", Kind.MISLEADING),
        ("Bounced the proxy but the timeouts continued", Kind.MISLEADING),
        ("Tried a bigger heap for the indexer, no change", Kind.MISLEADING),
        ("Maria asked the storage folks to look at the disk latency", Kind.ESCALATION),
        ("Pinged the DB team", Kind.ESCALATION),
        ("Raised a support ticket with the CDN provider", Kind.ESCALATION),
        ("Opens a case on the vendor's portal with the failing request", Kind.ESCALATION),
        ("Sam emailed Joe, the account manager at the hosting company", Kind.ESCALATION),
        ("@platform-oncall can someone take a look at the gateway?", Kind.ESCALATION),
        ("I reckon the new TLS config is to blame", Kind.INVESTIGATION),
        ("Makes me wonder whether the DNS cache is stale", Kind.INVESTIGATION),
        ("Is the consumer group stuck on one partition?", Kind.INVESTIGATION),
        ("Dana suggests a certificate problem", Kind.INVESTIGATION),
        ("Looks like the mail relay is unhappy again", Kind.INVESTIGATION),
        ("Should we roll back the gateway release?", Kind.INVESTIGATION),
        ("Tempted to restart the scheduler for now", Kind.INVESTIGATION),
        ("We need to redeploy the billing service, I reckon", Kind.INVESTIGATION),
        ("Couldn't fail over: the replica is behind", Kind.OTHER),
        ("It's not fixed yet", Kind.OTHER),
        ("Rolled back the gateway release", Kind.MITIGATION),
        ("We had to restart the scheduler", Kind.MITIGATION),
        ("Priya rolls back to the previous build of the web app", Kind.MITIGATION),
        ("Drained the bad node; latency begins to fall back to normal", Kind.MITIGATION),
        ("Priya confirms the impact has passed", Kind.RESOLUTION),
        ("The uptime checker reports the checkout endpoint OK", Kind.RESOLUTION),
        ("Killed the import job, but the errors continue to pile up", Kind.MISLEADING),
        ("The cleanup job continues to delete old rows", Kind.OTHER),
        ("Restarted the mail relay in case it was holding stale connections", Kind.MISLEADING),
        ("Kicked off a fresh reindex of the products index", Kind.MITIGATION),
        ("We're working on a fix for the parser", Kind.OTHER),
        ("Started working on a long-term solution", Kind.MITIGATION),
        ("Nagios declares db-main.int.example.net OK.", Kind.RESOLUTION),
        ("Terminated the stuck batch instances", Kind.MITIGATION),
        ("Further logs confirming the theory that the cron job was involved", Kind.INVESTIGATION),
    ],
)
def test_kind_from_how_people_write_as_it_happens(text: str, kind: Kind) -> None:
    """Status-page messages, fixes that changed nothing, calling others in, thinking aloud,
    fixes weighed or denied, fixes and recoveries in other words."""
    assert guess_entry(text).kind is kind


TIMELINES = {
    "alerts after the first named one tell nothing new": [
        ("FIRING: CacheUnavailable: image cache has reduced availability", Kind.DETECTION),
        ("FIRING: [3x] BackendErrorsHigh: errors from search.discovery.internal", Kind.OTHER),
        ("Restarted the cache frontends", Kind.MITIGATION),
        ("Image cache availability back to normal", Kind.RESOLUTION),
    ],
    "a report passed on after the detection is an escalation": [
        ("Customers report that the search box returns nothing", Kind.DETECTION),
        ("Kim reports the issue in #search-team", Kind.ESCALATION),
        ("Rebuilt the search index", Kind.MITIGATION),
        ("Search works again", Kind.RESOLUTION),
    ],
    "the system's state told during the incident is a finding": [
        ("FIRING: OrdersLatencyHigh", Kind.DETECTION),
        ("Restarted the order workers", Kind.MITIGATION),
        ("the order pods are crashlooping", Kind.INVESTIGATION),
        ("Marta: every replica unhealthy", Kind.INVESTIGATION),
        ("Reverted the worker image", Kind.MITIGATION),
        ("Order latency back to normal", Kind.RESOLUTION),
    ],
    "the state told after a recovery that did not last is a finding": [
        ("FIRING: HomepageDown", Kind.DETECTION),
        ("Merged the revert, homepage working again", Kind.RESOLUTION),
        ("still broken on the events page", Kind.INVESTIGATION),
        ("Cleared the page cache", Kind.MITIGATION),
        ("Homepage and events pages fully restored", Kind.RESOLUTION),
    ],
    "several entries of clear work before a late detection keep their kinds": [
        ("Deployed release 7.1 of the order service", Kind.OTHER),
        ("Investigated the idle queue consumers", Kind.INVESTIGATION),
        ("Escalated to the messaging team", Kind.ESCALATION),
        ("Checked the broker logs", Kind.INVESTIGATION),
        ("A customer emailed support about missing orders", Kind.DETECTION),
        ("Restarted the broker", Kind.MITIGATION),
        ("Orders flowing again", Kind.RESOLUTION),
    ],
    "one entry of work before the detection is background": [
        ("Checked the backup job as every morning", Kind.OTHER),
        ("FIRING: OrdersQueueStalled", Kind.DETECTION),
        ("Restarted the broker", Kind.MITIGATION),
        ("Orders flowing again", Kind.RESOLUTION),
    ],
    "a stopgap ending the timeline is no resolution": [
        ("A latency alert fired", Kind.DETECTION),
        ("Checked the cache hit rate", Kind.INVESTIGATION),
        ("Disabled the cache for now", Kind.MITIGATION),
    ],
    "a fix that only partly worked ending the timeline is no resolution": [
        ("A latency alert fired", Kind.DETECTION),
        ("Checked the logs", Kind.INVESTIGATION),
        ("Latency recovering, but climbs again", Kind.MITIGATION),
    ],
    "recovery work after the marked end of the outage is a follow-up": [
        ("FIRING: SearchClusterRed", Kind.DETECTION),
        ("Moved search traffic to the second region; impact ends", Kind.RESOLUTION),
        ("Next morning the team restores the first region's cluster", Kind.OTHER),
    ],
}
"""Timelines written for the rules of an entry's place: each entry and the kind it gets."""


@pytest.mark.parametrize("timeline", TIMELINES.values(), ids=TIMELINES.keys())
def test_kinds_from_the_place_in_a_timeline(timeline: list[tuple[str, Kind]]) -> None:
    assert kinds([text for text, _ in timeline]) == [kind for _, kind in timeline]


def test_hindsight_on_a_hypothesis_stays_a_misleading_path() -> None:
    assert guess_entry("We assumed the cache was at fault").kind is Kind.MISLEADING


def test_the_path_of_a_link_is_no_ones_words() -> None:
    """`deploy` in a build link says nothing of what the writer did."""
    text = "Still broken https://ci.example.com/shop/deploy-prod/builds/42"
    assert guess_entry(text).kind is Kind.OTHER


def test_an_alert_first_is_the_detection_before_a_wordier_report_later() -> None:
    found = guess_timeline(
        [
            "Checkout error rate at 12%, alert in the ops channel",
            "Looked at the payment gateway dashboards",
            "Support tells us customers report failed payments",
            "Rolled back the gateway release",
            "Payments work again",
        ]
    )
    assert [g.kind for g in found][:3] == [Kind.DETECTION, Kind.INVESTIGATION, Kind.OTHER]
    assert found[0].detected_by is Detection.MONITORING


# --- the author's choice --------------------------------------------------------------------


def test_a_given_kind_is_kept_and_counts_as_context() -> None:
    given = [(Kind.MITIGATION, None), None, None]
    found = guess_timeline(["A monitoring alert fired", "An alert fired", "Restarted"], given)
    assert found[0].kind is Kind.MITIGATION and found[0].reason == KEPT
    assert not found[0].guessed and found[1].guessed
    assert found[1].kind is Kind.DETECTION  # the author's first entry is not one


def test_the_authors_detection_is_the_one() -> None:
    given = [None, None, (Kind.DETECTION, Detection.CUSTOMER), None]
    texts = ["Deployed 4.2", "A disk alert fired", "Support called: checkout fails", "Rolled back"]
    found = guess_timeline(texts, given)
    assert [g.kind for g in found] == [Kind.OTHER, Kind.OTHER, Kind.DETECTION, Kind.RESOLUTION]
    assert found[2].detected_by is Detection.CUSTOMER


def test_the_entry_form_guess_sees_the_timeline_around_it() -> None:
    before = [TimelineEntry(text="Pager went off", kind=Kind.DETECTION)]
    after = [TimelineEntry(text="Service restored", kind=Kind.RESOLUTION)]
    alone = guess_entry("Noticed errors in the API logs")
    placed = guess_entry("Noticed errors in the API logs", before, after)
    assert alone.kind is Kind.DETECTION and placed.kind is Kind.INVESTIGATION


def test_how_it_was_detected_chosen_alone_is_kept_as_the_words_change() -> None:
    chosen = Detection.CUSTOMER
    for typed in ("A disk alert", "A disk alert fired", "A disk alert fired on db-1"):
        guess = guess_entry(typed, detected_by=chosen)
        assert (guess.kind, guess.detected_by) == (Kind.DETECTION, chosen) and guess.guessed
    assert guess_entry("A disk alert fired").detected_by is Detection.MONITORING
    later = guess_entry("Rolled back the release", detected_by=chosen)
    assert (later.kind, later.detected_by) == (Kind.MITIGATION, None)


def test_guessing_entries_keeps_those_marked_and_their_order() -> None:
    entries = [
        TimelineEntry(time=datetime(2024, 1, 1, 10, 5), text="Rolled back", kind=Kind.OTHER),
        TimelineEntry(time=datetime(2024, 1, 1, 10, 0), text="A disk alert fired"),
        TimelineEntry(text="Meeting to review the alert"),
    ]
    found = guess_entries(entries, "UTC", keep=[True])
    assert [e.text for e in found] == [e.text for e in entries]
    assert [e.kind for e in found] == [Kind.OTHER, Kind.DETECTION, Kind.OTHER]
    assert found[1].detected_by is Detection.MONITORING


def test_pasted_lines_take_the_timeline_around_them_as_context() -> None:
    around = [
        TimelineEntry(time=datetime(2024, 3, 5, 23, 50), text="Pager fired", kind=Kind.OTHER),
        TimelineEntry(time=datetime(2024, 3, 5, 23, 52), text="x", kind=Kind.DETECTION),
    ]
    pasted = timeline.parse_entries("23:55 - Noticed the queue growing", START, "UTC", around)
    assert [e.kind for e in pasted] == [Kind.INVESTIGATION]
    assert [e.kind for e in around] == [Kind.OTHER, Kind.DETECTION]


def test_an_import_guesses_with_the_timeline_in_time_order() -> None:
    text = (
        "# Payments\n\n## Timeline\n\n"
        "- 21:01 - Update: we rolled back the gateway release; error rates are dropping.\n"
        "- 20:20 - Identified: the errors come from the gateway release.\n"
        "- 20:02 - Investigating: customers report failed card payments.\n"
        "- 23:05 - Resolved: payments work normally again.\n"
    )
    entries = import_text(text).draft.timeline
    found = {e.text.split(":")[0]: e.kind for e in entries}
    assert found == {
        "Update": Kind.MITIGATION,
        "Identified": Kind.INVESTIGATION,
        "Investigating": Kind.DETECTION,
        "Resolved": Kind.RESOLUTION,
    }


def test_an_entry_labelled_with_its_kind_keeps_it_and_is_context_for_the_rest() -> None:
    text = (
        "# Payments\n\n## Timeline\n\n"
        "- 10:00 - A disk alert fired on db-1.\n"
        "- 10:05 - **Detection (customer complaint):** Support forwarded failed checkouts.\n"
        "- 10:20 - Misleading path: the cache was restored from last night's copy.\n"
        "- 10:40 - Service fully restored.\n"
    )
    entries = import_text(text).draft.timeline
    assert [(e.kind, e.detected_by) for e in entries] == [
        (Kind.OTHER, None),  # before the author's detection
        (Kind.DETECTION, Detection.CUSTOMER),
        (Kind.MISLEADING, None),  # its words alone would read as a recovery
        (Kind.RESOLUTION, None),
    ]
    assert entries[1].text == "Support forwarded failed checkouts."


def test_pasted_lines_keep_the_kind_their_label_names() -> None:
    pasted = timeline.parse_entries(
        "10:00 - Escalation: restarted the workers\n10:05 - Workers restarted", START, "UTC"
    )
    assert pasted[0].kind is Kind.ESCALATION


# --- the labelled set -----------------------------------------------------------------------


def test_the_labelled_set_is_whole() -> None:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 300
    assert {r["corpus"] for r in rows} == {"shared", "development"}
    for row in rows:
        kind = Kind(row["kind"])
        assert (kind is Kind.DETECTION) == bool(row["detected_by"]), row
        if row["detected_by"]:
            Detection(row["detected_by"])
        assert row["file"].endswith(".md") and int(row["position"]) >= 1 and row["text"]
    assert len({(r["corpus"], r["file"], r["position"]) for r in rows}) == len(rows)
    assert {Kind(r["kind"]) for r in rows} == set(Kind)


def test_the_public_reports_set_is_whole() -> None:
    with HELD_OUT_3.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    files = {r["file"] for r in rows}
    assert len(rows) >= 120 and len(files) >= 12
    assert {r["corpus"] for r in rows} == {"heldout3"}
    for row in rows:
        assert (Kind(row["kind"]) is Kind.DETECTION) == bool(row["detected_by"]), row
        assert row["text"] and datetime.fromisoformat(row["time"])
        if row["position"] == "1":
            assert row["note"].startswith("source: "), row
    assert len({(r["file"], r["position"]) for r in rows}) == len(rows)


def test_the_labelled_development_entries_are_in_their_files() -> None:
    corpus = LABELS.parents[1] / "corpus"
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in (r for r in rows if r["corpus"] == "development"):
        assert (corpus / row["file"]).exists(), row["file"]


# --- lightness ------------------------------------------------------------------------------


def test_start_up_never_loads_the_guesser() -> None:
    code = (
        "import sys\n"
        "import wizard.cli, wizard.timeline, wizard.checking, wizard.ui.app\n"
        "from wizard.markdown import writer\n"
        "print(*(m in sys.modules for m in ('wizard.kinds', 'wizard.kind_words', 'tomllib')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False"]


def test_the_cues_match_as_one_alternation_of_their_patterns_would() -> None:
    """Each cue's patterns are tried only when the text holds a literal start they need:
    the first match is the one a plain alternation finds, on every labelled entry."""
    import re
    import tomllib

    from wizard import kind_words

    data = tomllib.loads(Path(kind_words.__file__).with_name("kinds.toml").read_text("utf-8"))
    plain = [re.compile("|".join(f"(?:{p})" for p in cue["patterns"])) for cue in data["cue"]]
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        texts = [r["text"].lower() for r in rows]
    for cue, pattern in zip(kind_words.load_rules().cues, plain, strict=True):
        for text in texts:
            ours, theirs = cue.pattern.search(text), pattern.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (text, pattern)
