"""The rubric: every point, the example meets all, an empty draft none, each one flips alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from wizard.example import example_postmortem
from wizard.markdown import counts, writer
from wizard.model import Detection, Kind, Postmortem, Task, TimelineEntry, Window
from wizard.rubric import CLASSIC, Facts, Point, Report, Rubric, evaluate

IDS = ["S1", "S2", "S3", "S4", "S5", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]
IDS += ["R1", "R2", "C1", "C2", "W1"]
NOON = datetime(2023, 1, 17, 12, 0)


def met(report: Report) -> dict[str, bool]:
    return {r.id: r.met for r in report.results}


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def test_ids_are_exactly_the_products_in_order() -> None:
    assert [p.id for p in CLASSIC.points] == IDS
    assert [r.id for r in evaluate(Postmortem()).results] == IDS


def test_every_point_has_a_section_and_a_label() -> None:
    assert CLASSIC.sections() == ["summary", "timeline", "root_cause", "measures", "document"]
    assert all(p.label.strip() for p in CLASSIC.points)


def test_the_example_meets_every_point() -> None:
    report = evaluate(example_postmortem())
    assert [r.id for r in report.missing()] == []
    assert report.passed and report.met == 17
    assert 400 <= report.total <= 600


def test_an_empty_draft_meets_none() -> None:
    report = evaluate(Postmortem())
    assert met(report) == dict.fromkeys(IDS, False)
    assert not report.passed and report.met == 0
    why = {r.id: r.why for r in report.results}
    assert why["S1"] == "no start and end time"
    assert why["T7"] == "the timeline is empty"
    assert why["W1"].startswith(f"{report.total} words, {400 - report.total} short of 400")


def test_every_reason_is_short_and_single_line() -> None:
    for pm in (Postmortem(), example_postmortem()):
        for result in evaluate(pm).results:
            assert result.why and "\n" not in result.why and len(result.why) < 80


# --- each point flips on its own --------------------------------------------------------


def _retime(pm: Postmortem, which: Kind, **changes: Any) -> Postmortem:
    timeline = [e.revised(**changes) if e.kind is which else e for e in pm.timeline]
    return pm.revised(timeline=timeline)


def _rekind(kind: Kind) -> Callable[[Postmortem], Postmortem]:
    return lambda pm: _retime(pm, kind, kind=Kind.OTHER)


BREAK: dict[str, Callable[[Postmortem], Postmortem]] = {
    "S1": lambda pm: pm.revised(window=Window(zone="Africa/Nairobi")),
    "S2": lambda pm: pm.revised(service="", impact=pm.impact.revised(down="  ")),
    "S3": lambda pm: pm.revised(impact=pm.impact.revised(experience="")),
    "S4": lambda pm: pm.revised(impact=pm.impact.revised(percent=None)),
    "S5": lambda pm: pm.revised(root_cause_summary=""),
    "T1": lambda pm: _retime(pm, Kind.DETECTION, time=None),
    "T2": lambda pm: _retime(pm, Kind.DETECTION, detected_by=None),
    "T3": _rekind(Kind.INVESTIGATION),
    "T4": _rekind(Kind.MISLEADING),
    "T5": _rekind(Kind.ESCALATION),
    "T6": _rekind(Kind.RESOLUTION),
    "T7": lambda pm: _retime(pm, Kind.MITIGATION, text="Rolled back. Waited. Checked."),
    "R1": lambda pm: pm.revised(root_cause="A bad config."),
    "R2": lambda pm: pm.revised(resolution="Rolled back."),
    "C1": lambda pm: pm.revised(improvements=["", "  "]),
    "C2": lambda pm: pm.revised(tasks=pm.tasks[:1]),
    "W1": lambda pm: pm.revised(root_cause=pm.root_cause + " " + words(200, "more")),
}


@pytest.mark.parametrize("point", IDS)
def test_emptying_a_field_fails_only_its_point(point: str) -> None:
    report = evaluate(BREAK[point](example_postmortem()))
    missing = {r.id for r in report.missing()}
    assert point in missing
    # Taking words away may push the whole document under 400 words, nothing else.
    assert missing <= {point, "W1"}


def _entry(kind: Kind, **more: Any) -> TimelineEntry:
    return TimelineEntry(kind=kind, text="Something happened.", **more)


FILL: dict[str, dict[str, Any]] = {
    "S1": {"window": Window(start=NOON, end=datetime(2023, 1, 17, 13, 0), zone="Europe/Berlin")},
    "S2": {"impact": {"down": "The checkout API"}},
    "S2+": {"service": "Checkout API"},
    "S3": {"impact": {"experience": "Payments failed"}},
    "S4": {"impact": {"percent": 0}},
    "S5": {"root_cause_summary": "A config change shrank the pool."},
    "T1": {"timeline": [_entry(Kind.DETECTION, time=NOON)]},
    "T2": {"timeline": [_entry(Kind.DETECTION, detected_by=Detection.CUSTOMER)]},
    "T3": {"timeline": [_entry(Kind.INVESTIGATION)]},
    "T4": {"timeline": [_entry(Kind.MISLEADING)]},
    "T5": {"timeline": [_entry(Kind.ESCALATION)]},
    "T6": {"timeline": [_entry(Kind.RESOLUTION)]},
    "T7": {"timeline": [_entry(Kind.OTHER)]},
    "R1": {"root_cause": words(20)},
    "R2": {"resolution": words(20)},
    "C1": {"improvements": ["Review capacity settings"]},
    "C2": {"tasks": [Task(text="Patch Nginx"), Task(text="Add memory monitoring")]},
    "W1": {"root_cause": words(480)},
}


@pytest.mark.parametrize("fill", FILL)
def test_filling_a_field_meets_its_point(fill: str) -> None:
    point = fill.rstrip("+")
    before = evaluate(Postmortem())
    after = evaluate(Postmortem(**FILL[fill]))
    assert not met(before)[point]
    assert met(after)[point], after.results[IDS.index(point)].why


@pytest.mark.parametrize(
    ("changes", "point", "why"),
    [
        ({"window": Window(start=NOON)}, "S1", "no end time"),
        ({"window": Window(end=NOON)}, "S1", "no start time"),
        ({"root_cause_summary": "One. Two. Three."}, "S5", "3 sentences: keep it to one or two"),
        ({"timeline": [_entry(Kind.DETECTION)]}, "T1", "the detection entry has no time"),
        ({"timeline": [TimelineEntry(kind=Kind.INVESTIGATION, text=" ")]}, "T3", ""),
        ({"root_cause": words(19)}, "R1", "root cause: 19 words, give at least 20"),
        ({"tasks": [Task(text="Patch Nginx"), Task(text="")]}, "C2", ""),
    ],
)
def test_half_done_is_not_met(changes: dict[str, Any], point: str, why: str) -> None:
    result = evaluate(Postmortem(**changes)).results[IDS.index(point)]
    assert not result.met
    assert why in result.why


def test_two_sentences_are_fine_in_the_summary_and_the_timeline() -> None:
    pm = Postmortem(
        root_cause_summary="The pool shrank to 20. Requests timed out.",
        timeline=[_entry(Kind.OTHER).revised(text="Paged the DB team (v1.2.3). They joined.")],
    )
    assert met(evaluate(pm))["S5"] and met(evaluate(pm))["T7"]


@pytest.mark.parametrize(
    "text",
    [
        "Paged the DB team, e.g. Ana and Bo. They joined at once.",
        "At 3 p.m. the alert fired. We looked at the dashboards, i.e. Grafana.",
        "Compared v1.2.3 vs. v1.2.4 of the config!",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    pm = Postmortem(root_cause_summary=text, timeline=[_entry(Kind.OTHER).revised(text=text)])
    assert met(evaluate(pm))["S5"] and met(evaluate(pm))["T7"]


def test_t7_names_the_long_entries_in_time_order() -> None:
    pm = Postmortem(
        timeline=[
            TimelineEntry(time=datetime(2023, 1, 17, 13, 0), text="One. Two. Three."),
            TimelineEntry(time=datetime(2023, 1, 17, 12, 0), text="Short."),
            TimelineEntry(time=datetime(2023, 1, 17, 12, 30), text=""),
        ]
    )
    result = evaluate(pm).results[IDS.index("T7")]
    assert (result.met, result.why) == (False, "entries longer than two sentences: 2")


def test_t1_reports_the_earliest_detection_across_a_dst_change() -> None:
    la = "America/Los_Angeles"
    pm = Postmortem(
        window=Window(zone=la),
        timeline=[
            _entry(Kind.DETECTION, time=datetime(2023, 11, 5, 1, 10), fold=1),  # 01:10 PST
            _entry(Kind.DETECTION, time=datetime(2023, 11, 5, 1, 50)),  # 01:50 PDT, earlier
        ],
    )
    assert evaluate(pm).results[IDS.index("T1")].why == "detected at 1:50 AM"


def test_w1_has_both_bounds() -> None:
    over = evaluate(Postmortem(root_cause=words(700)))
    assert not met(over)["W1"]
    assert over.results[-1].why == f"{over.total} words, {over.total - 600} over 600"


def test_w1_counts_the_exported_prose() -> None:
    pm = example_postmortem()
    report = evaluate(pm)
    assert report.words == counts.section_words(pm)
    assert report.total == counts.count_words(writer.to_markdown(pm))
    assert report.results[-1].why == f"{report.total} words"


# --- the rubric is data -----------------------------------------------------------------


def test_a_custom_rubric_with_one_point_evaluates_alone() -> None:
    seen: list[Facts] = []

    def has_title(facts: Facts) -> tuple[bool, str]:
        seen.append(facts)
        return (True, "titled") if facts.pm.title else (False, "no title")

    tiny = Rubric("tiny", (Point("X1", "summary", "Has a title", has_title),))
    report = evaluate(Postmortem(title="Disk full"), tiny)
    assert [(r.id, r.met, r.why) for r in report.results] == [("X1", True, "titled")]
    assert report.passed and report.met == 1
    assert report.as_json()["rubric"] == [
        {"id": "X1", "label": "Has a title", "met": True, "why": "titled"}
    ]
    assert len(seen) == 1 and seen[0].total == report.total
    assert not evaluate(Postmortem(), tiny).passed
    assert [p.id for p in CLASSIC.points] == IDS  # untouched


def test_evaluate_takes_word_counts_from_the_caller() -> None:
    report = evaluate(Postmortem(), words={"summary": 500}, total=500, found={"summary": True})
    assert met(report)["W1"]
    assert report.as_json()["sections"]["summary"] == {"found": True, "words": 500}


def test_report_json_shape() -> None:
    data = evaluate(example_postmortem()).as_json()
    assert list(data) == ["words", "sections", "window", "rubric", "passed"]
    assert list(data["sections"]) == ["summary", "timeline", "root_cause", "measures"]
    assert all(v["found"] and v["words"] > 0 for v in data["sections"].values())
    assert data["window"] == {
        "start": "2023-01-17T12:30:00+03:00",
        "end": "2023-01-17T13:45:00+03:00",
        "zone": "Africa/Nairobi",
        "minutes": 75,
    }
    assert data["passed"] is True
    empty = evaluate(Postmortem()).as_json()
    assert empty["window"] is None
    assert not any(v["found"] for v in empty["sections"].values())


def test_s1_asks_to_confirm_a_zone_taken_from_this_computer() -> None:
    window = example_postmortem().window
    guessed = example_postmortem().revised(
        window={**window.model_dump(), "zone_from_computer": True}
    )
    s1 = evaluate(guessed).results[0]
    assert not s1.met
    assert s1.why == "confirm the time zone: Africa/Nairobi was taken from this computer"
    assert evaluate(example_postmortem()).results[0].met


def test_t1_says_the_detection_time_on_the_drafts_clock() -> None:
    t1 = {r.id: r for r in evaluate(example_postmortem().revised(clock="24h")).results}["T1"]
    assert t1.why == "detected at 12:32"
