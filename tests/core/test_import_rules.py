"""The importer's named rules, each on its own: window, summary sentences, labels, owners."""

from __future__ import annotations

from datetime import date, datetime

from wizard.importer import import_text
from wizard.importer.blocks import Block
from wizard.importer.build import _sorted_sentences
from wizard.importer.labels import label_name
from wizard.importer.measures import due_date, free_owner_due, task_from_line
from wizard.importer.reader import Reader
from wizard.importer.times import find_stamps, make_entry
from wizard.importer.window import _marked_window, _spans, _timeline_window
from wizard.kinds import guess_entries
from wizard.model import Kind

FIELDS = {"down": "", "experience": "", "service": "", "root_cause": ""}


def entry(text: str, hour: int, minute: int = 0) -> object:
    return make_entry(text, datetime(2024, 5, 1, hour, minute))


def test_outage_markers_give_the_window() -> None:
    entries = [
        entry("Deploy started", 9),
        entry("Errors begin <START OF OUTAGE>", 10),
        entry("Rollback done <END OF OUTAGE>", 11, 30),
    ]
    assert _marked_window(entries, "UTC") == (
        datetime(2024, 5, 1, 10),
        datetime(2024, 5, 1, 11, 30),
    )
    assert _marked_window(entries[:1], "UTC") is None


def test_a_timeline_window_needs_an_entry_that_resolves_it() -> None:
    unresolved = [entry("Alert fired", 9), entry("Provider sent its report", 14)]
    assert _timeline_window(unresolved, "UTC") == (None, None)
    resolved = guess_entries(
        [*unresolved[:1], entry("Service restored and the incident resolved", 10)], "UTC"
    )
    assert resolved[-1].kind == Kind.RESOLUTION
    assert _timeline_window(resolved, "UTC") == (datetime(2024, 5, 1, 9), datetime(2024, 5, 1, 10))


def test_a_stated_length_wins_over_the_timelines_last_resolution() -> None:
    text = (
        "# Node deletion\n\n## Summary\n\nJobs could not be scheduled for a period of "
        "30 minutes.\n\n## Timeline\n\n"
        "- 2024-05-01 10:00 - A command deleted every worker node\n"
        "- 2024-05-01 10:30 - New nodes joined and deployments are running again\n"
        "- 2024-05-01 11:00 - Verified all systems operational\n"
    )
    window = import_text(text).draft.window
    assert (window.start, window.end) == (datetime(2024, 5, 1, 10), datetime(2024, 5, 1, 10, 30))
    unstated = import_text(text.replace("for a period of 30 minutes", "overnight")).draft
    assert unstated.window.end == datetime(2024, 5, 1, 11)  # the timeline's resolution


def test_a_written_span_wins_over_other_times_near_it() -> None:
    text = (
        "From 7:50 PM PDT to 10:42 PM PDT on July 3, 2024 payments failed; fixed by 11:05 PM PDT."
    )
    stamps = find_stamps(text)
    start, end = _spans(text, stamps)
    assert (start.value.hour, end.value.hour, end.value.minute) == (19, 22, 42)
    lone = "Alert at 9:00 UTC, report at 14:00 UTC."
    assert _spans(lone, find_stamps(lone)) == find_stamps(lone)


def test_summary_sentences_sort_by_their_words() -> None:
    text = "The API was down. Customers could not pay. It was caused by a bad release."
    down, experience, cause = _sorted_sentences(text, FIELDS)
    assert down == ["The API was down."]
    assert experience == ["Customers could not pay."]
    assert cause == ["It was caused by a bad release."]


def test_headings_in_other_words_and_with_mojibake_name_their_section() -> None:
    assert label_name("\u00e2\u008f\u00b0 Timeline:") == "timeline"
    assert label_name("\u00f0 Root cause:") == "root_cause"
    assert label_name("How storage processes requests, and how this went wrong") == "root_cause"
    assert label_name("What we will do") == "measures"
    assert label_name("Introduction") == "summary"


def test_owners_and_due_dates_in_free_forms() -> None:
    cases = {
        "Pin intermediates — owner Marina, due 28/03/2025": ("Marina", date(2025, 3, 28)),
        "Subscribe to notices (Rafael, by April 4)": ("Rafael", date(2024, 4, 4)),
        "batch the import updates @marcus 2024-11-15": ("marcus", date(2024, 11, 15)),
        "Dead-letter events. Owner: J. Okafor. Due Date: Nov 10, 2023": (
            "J. Okafor",
            date(2023, 11, 10),
        ),
        "Exclude non-Android plugins. OWNER: blasten@ (DONE).": ("blasten@", None),
        "Review retries — @carl by 2024-09-15": ("carl", date(2024, 9, 15)),
        "Add an alert on saturation @ana due Sep 20": ("ana", date(2024, 9, 20)),
    }
    for text, (owner, due) in cases.items():
        task, consumed = free_owner_due(text, False, 2024)
        assert (task.owner, task.due) == (owner, due), text
        assert consumed and owner not in task.text
    plain = free_owner_due("Add monitoring on pool wait time", False, 2024)[0]
    assert plain.owner is None and plain.text == "Add monitoring on pool wait time"


def test_a_day_first_due_date_is_read_only_when_it_cannot_be_month_first() -> None:
    assert due_date("28/03/2025", None) == date(2025, 3, 28)
    assert due_date("03/04/2025", None) == date(2025, 3, 4)


def test_task_labels_count_only_among_the_measures() -> None:
    reader = Reader([Block("line", "Owner: Dana")])
    reader.read()
    assert "measures" not in reader.parts


def test_every_guess_is_a_check_line_in_the_notes_and_the_unsorted_text() -> None:
    text = (
        "# Mail delays 21 Oct 2023\n\nMail was delayed for customers.\n\n"
        "## Timeline (all times Pacific)\n\n- 08:05 first delay alert\n"
        "- 10:12 queue empty, service restored\n"
    )
    result = import_text(text)
    assert result.draft.window.start == datetime(2023, 10, 21, 8, 5)
    checks = [line for line in result.draft.unsorted.splitlines() if line.startswith("Check: ")]
    assert checks == [f"Check: {note}" for note in result.notes]
    assert any("taken from the title" in c for c in checks)
    assert any("taken from the timeline" in c for c in checks)
    assert any("America/Los_Angeles (PDT on that date)" in c for c in checks)


def test_an_owner_and_due_date_in_one_parenthesis_as_people_write_them() -> None:
    notes: list[str] = []
    written = task_from_line("Add an alert (owner: Amina, due 2024-09-01)", False, 2024, notes)[0]
    assert (written.text, written.owner, written.due) == ("Add an alert", "Amina", date(2024, 9, 1))
    exported = task_from_line(
        "Page the team (owner: Smith, J.; due: 2024-09-02)", False, None, notes
    )
    assert (exported[0].owner, exported[0].due) == ("Smith, J.", date(2024, 9, 2))
    assert notes == []


def test_check_lines_already_in_the_text_are_kept_once_before_the_rest() -> None:
    from wizard.importer.result import unsorted_text

    exported = "Check: the zone was guessed\nCheck: no date is given\n\nConclusion\n\n\nAll done."
    kept = unsorted_text(["no date is given", "the year was guessed"], [exported, "More."])
    assert kept == (
        "Check: the zone was guessed\nCheck: no date is given\nCheck: the year was guessed"
        "\n\nConclusion\n\n\nAll done.\n\nMore."
    )
    assert unsorted_text([], [kept]) == kept
    mixed = "Check: the logs\nthen the dashboards"  # a sentence of the author's, not a note
    assert unsorted_text(["a note"], [mixed]) == f"Check: a note\n\n{mixed}"
