"""The benchmark suite's shape: its JSON, its harness and each measure run once, tiny.

Nothing here asserts a speed: the numbers come from `python -m benchmarks`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not installed

from benchmarks import (  # noqa: E402
    advice,
    agreement,
    cli_time,
    keystrokes,
    kind_model,
    kinds,
    memory,
    startup,
    worst_case,
)
from benchmarks.harness import TINY, child_env, paired_ratio, python, rounds  # noqa: E402
from benchmarks.report import Result, table, within  # noqa: E402
from benchmarks.sample import draft_of, words_of  # noqa: E402
from wizard import templates  # noqa: E402
from wizard.example import example_postmortem  # noqa: E402
from wizard.ui.steps import steps  # noqa: E402

KEYS = {"name", "unit", "budget", "ok", "detail"}
STEPS = list(steps(templates.classic()))


def test_json_lists_one_object_per_result() -> None:
    done = subprocess.run(
        python("-m", "benchmarks", "--quick", "--json", "zone_filter"),
        env=child_env(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    [result] = json.loads(done.stdout)
    assert set(result) == KEYS | {"value"}
    assert result["name"] == "zone_filter" and result["unit"] == "ms/key"
    assert isinstance(result["ok"], bool) and result["budget"] == 5.0


def test_unknown_benchmark_is_one_line_on_stderr() -> None:
    done = subprocess.run(
        python("-m", "benchmarks", "nope"), capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 2
    assert "unknown benchmark 'nope'" in done.stderr


def test_ratio_and_value_results_have_their_key() -> None:
    ratio = within("startup", "x", 1.3, "d", ratio=1.5).as_json()
    value = within("import", "docs/s", None, "d", value=12.0).as_json()
    assert set(ratio) == KEYS | {"ratio"} and ratio["ok"] is False
    assert set(value) == KEYS | {"value"} and value["ok"] is True


def test_table_marks_misses_and_information() -> None:
    text = table(
        [
            within("startup", "x", 1.3, "slow", ratio=2.0),
            within("import", "docs/s", None, "", value=150.0),
        ]
    )
    assert "MISS" in text and "info" in text and "2.00x" in text


def test_rounds_rotate_who_goes_first() -> None:
    order: list[str] = []
    samples = rounds(
        {"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 2.0}, 2
    )
    assert order == ["a", "b", "b", "a"]
    assert paired_ratio(samples["b"], samples["a"]) == 2.0


def test_sample_drafts_have_the_words_asked_for() -> None:
    for size in (1_000, 10_000):
        assert abs(words_of(draft_of(size)) - size) < size * 0.05


def test_each_app_timed_at_startup_reaches_the_frame_it_waits_for(tmp_path: Path) -> None:
    """The bare app, the welcome screen read from the emulated terminal (20 drafts and none
    start as 200 do), the wizard resumed to the draft's title, and the floor showing it."""
    homes, draft = startup.homes(tmp_path)
    assert sorted(p.name for p in homes["drafts20"].glob("*.json"))[::19] == [
        "draft-001.json",
        "draft-020.json",
    ]
    assert len(list(homes["drafts200"].glob("*.json"))) == 200
    apps = startup.launchers(homes, draft)
    assert list(apps) == ["bare", "empty", "drafts20", "drafts200", "resume", "floor"]
    for name in ("bare", "drafts200", "resume", "floor"):
        assert apps[name]() > 0, name


def test_startup_rows_compare_each_app_with_its_baseline() -> None:
    seconds = {"bare": 0.5, "empty": 0.6, "drafts20": 0.7, "drafts200": 0.735}
    seconds |= {"floor": 0.6, "resume": 0.9}
    results = startup.rows({name: [value] for name, value in seconds.items()})
    assert [r.name for r in results] == [
        "startup.empty",
        "startup.drafts20",
        "startup.drafts200",
        "startup.resume",
    ]
    assert [round(r.ratio or 0, 6) for r in results] == [1.2, 1.4, 1.05, 1.5]
    assert [r.ok for r in results] == [True, False, True, False]
    assert "600 ms vs bare Textual 500 ms (median of 1)" in results[0].detail


def test_no_frame_is_an_error(tmp_path: Path) -> None:
    look = startup.Look("never", "never")
    with pytest.raises(startup.NoFrame):
        startup.interactive_at(python("-c", "pass"), look, child_env(), str(tmp_path))


def test_typing_in_the_wizard(tmp_path: Path) -> None:
    seconds = keystrokes.typing_runs(draft_of(1_000), tmp_path, bursts=1)["wizard"]()
    assert seconds > 0


def test_counting_reports_each_size_and_the_growth() -> None:
    names = [r.name for r in keystrokes.counting(TINY)]
    assert names == [
        "typing.count_1k",
        "typing.count_10k",
        "typing.count_50k",
        "typing.count_growth",
    ]


def test_memory_of_the_floor_holding_the_markdown_and_reading_the_draft(tmp_path: Path) -> None:
    text = memory.prepare(tmp_path, memory.EXAMPLE, example_postmortem())
    stages: dict[str, list[float]] = {}
    assert memory.measure_child("floor", text, str(tmp_path), memory.EXAMPLE, stages=stages) > 0
    assert set(stages) == {"opened", "peak"}


def test_memory_of_the_wizard_visiting_every_step(tmp_path: Path) -> None:
    memory.prepare(tmp_path, memory.EXAMPLE, example_postmortem())
    stages: dict[str, list[float]] = {}
    peak = memory.measure_child("wizard", str(tmp_path), memory.EXAMPLE, stages=stages)
    opened, *visited = stages
    assert opened == "opened review" and visited == [*STEPS, "peak"]  # a finished draft
    assert peak == stages["peak"][0] >= max(kib for [kib] in stages.values())


def test_memory_rows_compare_each_app_with_its_baseline() -> None:
    kib = {"wizard": 170.0, "bare": 100.0, "floor": 100.0, "resume": 140.0, "bare_example": 100.0}
    wizard = {"opened summary": [102_400.0], "review": [153_600.0], "peak": [174_080.0]}
    results = memory.rows({name: [value] for name, value in kib.items()}, wizard)
    assert [r.name for r in results] == ["memory", "memory.floor", "memory.resume"]
    assert [r.ratio for r in results] == [1.7, 1.0, 1.4]
    assert [r.ok for r in results] == [False, True, True]
    assert results[0].detail.endswith("MiB after each step: opened summary 100, review 150")


def test_cli_rows() -> None:
    results = cli_time.run(TINY)
    assert [r.name for r in results] == ["cli.check", "cli.export", "cli.pydantic_model"]
    assert all(isinstance(r, Result) and r.ratio for r in results)


def test_kinds_rows(tmp_path: Path) -> None:
    def measured(name: str) -> list[str]:
        """A set's budget rows, then one row per kind."""
        budgets = ["", ".detection_missed", ".extra_detections", ".detected_by_wrong"]
        return [name + b for b in budgets] + [f"{name}.{k}" for k in kinds.KINDS]

    results = kinds.run(TINY)
    names = [r.name for r in results]
    assert names[:4] + names[6:13] == measured("kinds")
    assert names[4:6] == ["kinds.half_A", "kinds.half_B"]
    assert names[13:24] == measured("kinds.heldout")
    assert names[24:35] == measured("kinds.heldout3")
    assert names[35:46] == measured("kinds.heldout4")
    assert names[46:57] == measured("kinds.heldout5")
    assert names[57:68] == measured("kinds.heldout6")
    assert names[68:79] == measured("kinds.heldout7")
    fresh = [f"heldout{n}" for n in range(3, 8)]
    left_out = ["half_A", "half_B", *fresh]
    assert names[79:-2] == ["kinds.loso"] + [f"kinds.loso.{s}" for s in left_out]
    assert names[-2:] == ["kinds.agreement", "kinds.speed"]
    for name in fresh:  # the rules' guesses kept as data give the first reads recorded
        row = results[names.index(f"kinds.loso.{name}")]
        rules = row.detail.partition("rules (first read): ")[2]
        first = kinds.FIRST_READ[f"kinds.{name}"].partition(" right")[0]
        assert f"accuracy {first}" in rules
    assert len(kinds.run(TINY, held_out={})) == 14
    assert len(kinds.run(TINY, second=tmp_path / "none.tsv")) == len(names) - 1
    assert kinds.run(TINY, tmp_path / "none.tsv")[0].detail.startswith("skipped")


def test_kinds_scores_a_labelled_file(tmp_path: Path) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "corpus\tfile\tposition\ttime\tkind\tdetected_by\tnote\ttext\n"
        "shared\ta.md\t1\t2024-01-01 10:00\tdetection\tmonitoring\t\tA disk alert fired\n"
        "shared\ta.md\t2\t2024-01-01 10:05\tescalation\t\t\tPaged the storage team\n"
        "shared\ta.md\t3\t\tresolution\t\t\tLunch\n",
        encoding="utf-8",
    )
    scores = kinds.evaluate(kinds.load(labels))
    assert round(scores.accuracy) == 67 and scores.detected_by == 100.0
    assert scores.confusion(kinds.Kind.RESOLUTION) == {kinds.Kind.OTHER: 1}
    assert "resolution" in kinds.matrix(scores)


def test_two_readers_agreement_and_the_guesser_where_they_agree(tmp_path: Path) -> None:
    labels = tmp_path / "first.tsv"
    labels.write_text(
        "corpus\tfile\tposition\ttime\tkind\tdetected_by\tnote\ttext\n"
        "shared\ta.md\t1\t2024-01-01 10:00\tdetection\tmonitoring\t\tA disk alert fired\n"
        "shared\ta.md\t2\t2024-01-01 10:05\tescalation\t\t\tPaged the storage team\n"
        "shared\ta.md\t3\t2024-01-01 10:30\tmitigation\t\t\tTraffic shifted to the east\n"
        "shared\ta.md\t4\t2024-01-01 11:00\tresolution\t\t\tService fully restored\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.tsv"
    second.write_text(
        "corpus\tfile\tposition\tkind\tdetected_by\tnote\n"
        "shared\ta.md\t1\tdetection\tengineer\t\n"
        "shared\ta.md\t2\tescalation\t\t\n"
        "shared\ta.md\t3\tresolution\t\tor mitigation\n"
        "shared\ta.md\t4\tresolution\t\t\n",
        encoding="utf-8",
    )
    row = kinds.agreement_row(kinds.load(labels), kinds.load_readings(second))
    assert row is not None and row.name == "kinds.agreement" and row.budget is None
    assert row.value == 75.0
    assert "kappa 0.67" in row.detail and "mit 0% (1/0)" in row.detail
    assert "res 67% (1/2)" in row.detail
    assert "both read 1 entries as the detection (first 1, second 1), 0 of them" in row.detail
    assert "of the 3 entries the readers agree on" in row.detail
    assert kinds.agreement_row(kinds.load(labels), {}) is None


def test_kappa_is_zero_at_chance_and_one_when_readers_always_agree() -> None:
    a, b = (kinds.Kind.OTHER, None), (kinds.Kind.INVESTIGATION, None)
    assert agreement.Agreement([(a, a), (a, b), (b, a), (b, b)]).kappa == 0.0
    assert agreement.Agreement([(a, a), (b, b)]).kappa == 1.0
    assert agreement.Agreement([(a, a), (a, b), (b, b), (b, b)]).kappa == 0.5


def test_worst_case_rows() -> None:
    results = worst_case.run(TINY)
    assert [r.name for r in results] == ["worst.check", "worst.import", "worst.memory"]
    assert [r.unit for r in results] == ["s", "s", "MB"]
    assert all(r.value and r.budget for r in results)


def test_advice_rows(tmp_path: Path) -> None:
    names = [r.name for r in advice.run(TINY)]
    assert names[0] == "advice" and names[-1] == "advice.tasks"
    assert "advice.development" in names
    assert advice.run(TINY, folders={"none": tmp_path})[0].detail.startswith("skipped")


def test_advice_counts_false_and_unlabelled_flags_per_ten_documents(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "MANIFEST.tsv").write_text("file\na.md\nb.md\n", encoding="utf-8")
    (folder / "a.md").write_text(
        "# A\n\n## Root Cause and Resolution\nIt was human error. Bob removed the volume.\n",
        encoding="utf-8",
    )
    (folder / "b.md").write_text("# B\n\n## Root Cause\nA disk filled up.\n", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "corpus\tfile\tid\tfield\ttext\tverdict\tnote\n"
        "mine\ta.md\tB1\troot_cause\thuman error\ttrue\t\n",
        encoding="utf-8",
    )
    first, per_doc, tasks = advice.run(TINY, folders={"mine": folder}, labels=labels)
    assert first.value == 5.0 and not first.ok  # one unlabelled flag in two documents
    assert "2 flags in 2 documents: 1 true, 0 false, 1 unlabelled" in first.detail
    assert per_doc.name == "advice.mine" and per_doc.value == 1.0
    assert tasks.name == "advice.tasks"
    with labels.open("a", encoding="utf-8") as handle:
        handle.write("mine\ta.md\tB5\troot_cause\tBob removed\ttrue\t\n")
    assert advice.run(TINY, folders={"mine": folder}, labels=labels)[0].value == 0.0


def test_learned_kinds_are_measured_on_the_set_left_out(tmp_path: Path) -> None:
    labels = tmp_path / "labels.tsv"
    head = "corpus\tfile\tposition\ttime\tkind\tdetected_by\tnote\ttext\n"
    lines = [
        "t\t{f}\t1\t2024-01-01 10:00\tother\t\t\tDeploy of {s} v2 finished",
        "t\t{f}\t2\t2024-01-01 10:05\tdetection\tmonitoring\t\tLatency alert fired for {s}",
        "t\t{f}\t3\t2024-01-01 10:09\tinvestigation\t\t\tChecked the {s} dashboards",
        "t\t{f}\t4\t2024-01-01 10:15\tmitigation\t\t\tRolled back {s} to v1",
        "t\t{f}\t5\t2024-01-01 10:30\tresolution\t\t\t{s} fully recovered",
    ]
    services = ("billing", "search", "login", "queue")
    body = [line.format(f=f"{s}.md", s=s) for s in services for line in lines]
    labels.write_text(head + "\n".join(body) + "\n", encoding="utf-8")
    documents = kinds.load(labels)
    found = kind_model.leave_one_out({"a": documents[:2], "b": documents[2:]}, ())
    assert [left.name for left in found] == ["a", "b"]
    for left in found:
        assert left.model.documents == 2 and left.model.extra_detections == 0
        assert left.model.count(kinds.Kind.DETECTION) == 2
        assert not left.fresh  # no first read is kept for these: today's rules
    rules = kinds.evaluate(documents[:2])
    assert found[0].rules.accuracy == rules.accuracy
