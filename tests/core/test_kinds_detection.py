"""The detection by its place in the timeline: one entry, the first that notices the problem,
when the words say it or not. The timelines are made up for these tests."""

from __future__ import annotations

from wizard.kinds import KEPT, guess_entries, guess_entry, guess_timeline
from wizard.model import Detection, Kind, TimelineEntry

QUIET = [
    "Merged the change to the cache eviction settings",
    "The checkout returns 503 errors for most shoppers",
    "Looked at the cache hit rate graphs",
    "Reverted the eviction change",
    "Checkout works again",
]
"""No entry says how the problem was noticed."""
DECLARED = [
    "Pushed the new rate limiter config to the gateway",
    "Incident declared, SEV-2",
    "Alert GatewayLatencyHigh fired for the eu cluster",
    "Rolled back the rate limiter config",
    "Latency back to normal",
]
"""The declaration comes before the entry telling how it was noticed."""
TOLD = [
    "Pushed the new rate limiter config to the gateway",
    "A monitoring alert on gateway latency paged the on-call engineer",
    "Incident declared, SEV-2",
    "Rolled back the rate limiter config",
    "Latency back to normal",
]
"""An entry says how it was noticed, before the declaration."""


def detections(texts: list[str]) -> list[int]:
    return [i for i, g in enumerate(guess_timeline(texts)) if g.kind is Kind.DETECTION]


def test_a_timeline_without_words_of_noticing_gets_its_first_sign_as_the_detection() -> None:
    guesses = guess_timeline(QUIET)
    assert [g.kind for g in guesses][:2] == [Kind.OTHER, Kind.DETECTION]
    assert detections(QUIET) == [1]
    assert guesses[1].reason == "first sign of trouble"
    assert guesses[1].detected_by is Detection.OTHER  # no way of noticing is told


def test_an_incident_declared_before_any_word_of_noticing_is_the_detection() -> None:
    guesses = guess_timeline(DECLARED)
    assert detections(DECLARED) == [1]
    assert guesses[1].reason == "the incident declared, first sign of the problem"
    assert guesses[1].detected_by is Detection.MONITORING  # told by the alert after it
    assert guesses[2].kind is Kind.OTHER
    opening = ["Incident declared: logins fail for customers", *DECLARED[2:]]
    assert detections(opening) == [0]


def test_a_declaration_says_how_it_was_noticed_when_its_words_do() -> None:
    texts = [DECLARED[0], "Support declared an incident after customer complaints", *DECLARED[2:]]
    guess = guess_timeline(texts)[1]
    assert (guess.kind, guess.detected_by) == (Kind.DETECTION, Detection.CUSTOMER)


def test_an_explicit_detection_keeps_its_place_and_the_declaration_after_it_is_other() -> None:
    guesses = guess_timeline(TOLD)
    assert detections(TOLD) == [1]
    assert guesses[1].detected_by is Detection.MONITORING
    assert guesses[1].reason.startswith("guessed from")
    assert guesses[2].kind is Kind.OTHER


def test_the_first_sign_comes_after_a_marked_onset() -> None:
    texts = [
        "Batch jobs on db-2 are slow",
        "Start of outage: the primary stops accepting writes",
        "API requests fail for all tenants",
        "Failed over to the replica",
        "Writes succeed again",
    ]
    assert detections(texts) == [2]


def test_a_single_entry_is_guessed_from_its_words_alone() -> None:
    assert detections(["Incident declared, SEV-2"]) == []
    assert detections(["The checkout returns 503 errors"]) == []
    alert = guess_timeline(["A monitoring alert on gateway latency fired"])
    assert (alert[0].kind, alert[0].detected_by) == (Kind.DETECTION, Detection.MONITORING)


def test_a_timeline_of_follow_ups_gets_no_detection() -> None:
    texts = [
        "Postmortem meeting held with the payments team",
        "Filed action items for the cache settings",
        "Added an alert on checkout error rate",
        "Incident review scheduled for next week",
    ]
    assert detections(texts) == []
    after = ["Checkout works again after the cache fix", "Incident declared resolved", *texts]
    assert detections(after) == []
    assert guess_timeline(texts)[2].reason == 'guessed from "added an alert"'  # a new alert


def test_the_authors_kind_wins_and_the_detection_goes_elsewhere() -> None:
    given = [None, (Kind.ESCALATION, None), None, None, None]
    guesses = guess_timeline(DECLARED, given)
    assert (guesses[1].kind, guesses[1].reason) == (Kind.ESCALATION, KEPT)
    assert [i for i, g in enumerate(guesses) if g.kind is Kind.DETECTION] == [2]
    chosen = [None, None, (Kind.DETECTION, Detection.MONITORING), None, None]
    guesses = guess_timeline(DECLARED, chosen)
    assert guesses[2].reason == KEPT
    assert [i for i, g in enumerate(guesses) if g.kind is Kind.DETECTION] == [2]


def test_the_entry_form_and_an_import_guess_the_same_detection() -> None:
    entries = [TimelineEntry(text=text, guessed=True) for text in DECLARED]
    typed = guess_entry(DECLARED[1], entries[:1], entries[2:])
    assert (typed.kind, typed.detected_by) == (Kind.DETECTION, Detection.MONITORING)
    imported = guess_entries(entries, "UTC")
    assert [e.kind for e in imported][1:3] == [Kind.DETECTION, Kind.OTHER]
    assert imported[1].guessed and imported[1].detected_by is Detection.MONITORING


def test_looking_into_alerts_before_any_word_of_noticing_is_the_first_sign() -> None:
    texts = [
        "Search index rebuild started on the eu cluster",
        "Checked the heap usage of search-3",
        "Engineers start looking into the flapping search latency alerts",
        "Restarted search-3",
        "Search latency back to normal",
    ]
    guesses = guess_timeline(texts)
    assert detections(texts) == [2]
    assert guesses[2].detected_by is Detection.MONITORING


def test_trouble_found_once_someone_is_looking_is_a_finding_not_the_detection() -> None:
    texts = [
        "Released version 7 of the shop",
        "First look at the web server logs",
        "Found the image module disabled, and 'no such file' errors in the log",
        "Fixed the module path; requests return 200 again",
    ]
    assert detections(texts) == []
    assert guess_timeline(texts)[2].kind is Kind.INVESTIGATION


def test_web_pages_in_trouble_are_a_symptom_not_a_page_to_someone() -> None:
    """`pages` is a noun as often as a verb: checkout pages returning errors page no one."""
    texts = [
        "Deploy of release 4.2 to production",
        "Checkout pages return 503 errors for most users",
        "The on-call engineer looked at the load balancer logs",
        "Rolled back release 4.2; errors stopped",
    ]
    guesses = guess_timeline(texts)
    assert guesses[1].kind is Kind.DETECTION
    assert "pages" not in guesses[1].reason
    assert all(g.kind is not Kind.ESCALATION for g in guesses)
    assert guess_timeline(["The monitoring pages the on-call engineer"])[0].kind is Kind.DETECTION
    assert guess_timeline(["Priya paged the database team"])[0].kind is Kind.ESCALATION
