"""The `pmwizard` command line, run as a user runs it, with its own home: in this process
through the console script's function, and as a child process for each command's contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import REPO, error_line, pmwizard, pmwizard_process

import wizard
from wizard.drafts import DraftStore, dump
from wizard.example import example_postmortem
from wizard.markdown import counts, writer
from wizard.model import Postmortem

IDS = ["S1", "S2", "S3", "S4", "S5", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]
IDS += ["R1", "R2", "C1", "C2", "W1"]


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def example(home: Path) -> Path:
    """The example draft, saved in-process (the `new --example` test runs the command)."""
    return DraftStore(home).save("example", example_postmortem())


@pytest.fixture
def incomplete(home: Path) -> Path:
    return DraftStore(home).save("half", Postmortem(title="Half done", service="API"))


# --- version and help --------------------------------------------------------------------


def test_version(home: Path) -> None:
    result = pmwizard_process("--version", home=home)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pmwizard {wizard.__version__}"


def test_help_lists_every_command(home: Path) -> None:
    result = pmwizard_process("--help", home=home)
    assert result.returncode == 0
    for command in ("new", "resume", "list", "import", "export", "check", "schema"):
        assert f"\n    {command} " in result.stdout, command


def test_an_unknown_command_is_a_usage_error(home: Path) -> None:
    result = pmwizard_process("frobnicate", home=home)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


# --- new --example, list ----------------------------------------------------------------


def test_new_example_writes_a_finished_draft(home: Path) -> None:
    result = pmwizard_process("new", "--example", home=home)
    assert result.returncode == 0, result.stderr
    assert "'example'" in result.stdout and str(home / "example.json") in result.stdout
    assert DraftStore(home).load("example") == example_postmortem()
    again = pmwizard("new", "--example", home=home)
    assert again.returncode == 0
    assert sorted(DraftStore(home).names()) == ["example", "example-2"]


def test_new_example_with_a_name(home: Path) -> None:
    assert pmwizard("new", "--example", "--name", "demo", home=home).returncode == 0
    assert DraftStore(home).names() == ["demo"]
    taken = pmwizard("new", "--example", "--name", "demo", home=home)
    assert taken.returncode == 2
    assert "exists already" in error_line(taken)
    bad = pmwizard("new", "--example", "--name", "../escape", home=home)
    assert bad.returncode == 2
    assert "is not a draft name" in error_line(bad)


def test_list(home: Path, example: Path, incomplete: Path) -> None:
    (home / "broken.json").write_text("nope{", encoding="utf-8")
    result = pmwizard_process("list", home=home)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(rows) == {"example", "half", "broken"}
    assert "17/17 points" in rows["example"] and "Checkout outage at Duka Online" in rows["example"]
    assert "Half done" in rows["half"]
    assert "unreadable" in rows["broken"] and "is not valid JSON" in rows["broken"]


def test_list_json(home: Path, example: Path, incomplete: Path) -> None:
    result = pmwizard("list", "--json", home=home)
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    words = counts.total_words(example_postmortem())
    assert rows["example"]["title"] == "Checkout outage at Duka Online"
    assert (rows["example"]["words"], rows["example"]["met"], rows["example"]["points"]) == (
        words,
        17,
        17,
    )
    assert rows["example"]["path"] == str(example) and rows["example"]["error"] is None
    assert rows["example"]["modified"][:4].isdigit()
    assert rows["half"]["met"] < 17


def test_list_reads_the_same_from_the_drafts_and_from_their_summaries(
    home: Path, example: Path, incomplete: Path
) -> None:
    (home / "broken.json").write_text("nope{", encoding="utf-8")
    cold = [pmwizard("list", home=home).stdout, pmwizard("list", "--json", home=home).stdout]
    assert (home / ".summaries.json").is_file()
    warm = [pmwizard("list", home=home).stdout, pmwizard("list", "--json", home=home).stdout]
    assert warm == cold
    keys = ["name", "path", "modified", "title", "words", "met", "points", "error"]
    assert all(list(row) == keys for row in json.loads(warm[1]))
    (home / ".summaries.json").write_text("{", encoding="utf-8")
    assert pmwizard("list", home=home).stdout == cold[0]


def test_list_aligns_its_columns_for_long_names(home: Path, example: Path) -> None:
    long_name = "a-very-long-draft-name-about-the-checkout-outage-of-january"
    DraftStore(home).save(long_name, Postmortem(title="Long"))
    lines = pmwizard("list", home=home).stdout.splitlines()
    assert len(lines) == 2
    assert len({line.index(" words") for line in lines}) == 1
    assert len({line.index(" points") for line in lines}) == 1


def test_list_with_no_drafts(home: Path) -> None:
    result = pmwizard("list", home=home)
    assert result.returncode == 0 and "No drafts yet" in result.stdout
    assert json.loads(pmwizard("list", "--json", home=home).stdout) == []
    assert not home.exists()


# --- rename, delete, restore ---------------------------------------------------------------


def test_rename_moves_the_draft_and_its_backup(home: Path, example: Path) -> None:
    store = DraftStore(home)
    store.load("example")  # a store replaces only a draft it has read
    store.save("example", example_postmortem())  # a second save makes the backup
    result = pmwizard_process("rename", "example", "checkout-outage", home=home)
    assert result.returncode == 0, result.stderr
    assert "Renamed 'example' to 'checkout-outage'" in result.stdout
    assert sorted(p.name for p in home.iterdir()) == [
        "checkout-outage.json",
        "checkout-outage.json.bak",
    ]
    assert pmwizard("check", "checkout-outage", home=home).returncode == 0


def test_delete_moves_to_the_trash_and_restore_brings_back(home: Path, example: Path) -> None:
    before = example.read_bytes()
    result = pmwizard_process("delete", "example", home=home)
    assert result.returncode == 0, result.stderr
    assert "pmwizard restore example" in result.stdout
    assert not example.exists() and (home / "trash" / "example.json").read_bytes() == before
    assert json.loads(pmwizard("list", "--json", home=home).stdout) == []
    result = pmwizard_process("restore", "example", home=home)
    assert result.returncode == 0, result.stderr
    assert example.read_bytes() == before and not (home / "trash" / "example.json").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("rename", "example", "half"), "a draft named 'half' exists already"),
        (("rename", "nope", "other"), "no draft named 'nope'"),
        (("rename", "example", "bad name"), "'bad name' is not a draft name"),
        (("delete", "nope"), "no draft named 'nope'"),
        (("restore", "nope"), "no deleted draft named 'nope'"),
        (("restore", "example"), "no deleted draft named 'example'"),
    ],
)
def test_rename_delete_restore_errors_exit_2_with_one_line(
    home: Path, example: Path, incomplete: Path, args: tuple[str, ...], said: str
) -> None:
    result = pmwizard(*args, home=home)
    assert result.returncode == 2
    assert said in error_line(result)
    assert example.exists() and incomplete.exists()


def test_restore_refuses_over_a_draft_of_the_same_name(home: Path, example: Path) -> None:
    assert pmwizard("delete", "example", home=home).returncode == 0
    DraftStore(home).save("example", Postmortem(title="Another"))
    result = pmwizard("restore", "example", home=home)
    assert result.returncode == 2
    assert "rename it first" in error_line(result)


def test_a_draft_open_in_another_wizard_is_neither_renamed_nor_deleted(
    home: Path, example: Path
) -> None:
    from wizard.lock import DraftLock

    lock = DraftLock(example)
    assert lock.acquire()
    try:
        for args in (("rename", "example", "other"), ("delete", "example")):
            result = pmwizard_process(*args, home=home)
            assert result.returncode == 2
            assert "is open in another pmwizard" in error_line(result)
    finally:
        lock.release()
    assert example.exists()


# --- check --------------------------------------------------------------------------------


def test_check_a_finished_draft(home: Path, example: Path) -> None:
    result = pmwizard_process("check", "example", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for point in IDS:
        assert f"✓ {point}" in result.stdout
    assert "17/17 points: every point met" in result.stdout


def test_check_json(home: Path, example: Path) -> None:
    result = pmwizard("check", "example", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["words", "sections", "window", "rubric", "passed", "metrics", "advice"]
    assert data["metrics"] == {
        "time_to_detect_minutes": 2,
        "time_to_escalate_minutes": 28,
        "time_to_resolve_minutes": 75,
    }
    assert data["words"] == counts.total_words(example_postmortem())
    assert set(data["sections"]) == {"summary", "timeline", "root_cause", "measures"}
    for section in data["sections"].values():
        assert set(section) == {"found", "words"} and section["found"] is True
        assert isinstance(section["words"], int) and section["words"] > 0
    assert data["window"] == {
        "start": "2023-01-17T12:30:00+03:00",
        "end": "2023-01-17T13:45:00+03:00",
        "zone": "Africa/Nairobi",
        "minutes": 75,
    }
    assert [r["id"] for r in data["rubric"]] == IDS
    assert all(set(r) == {"id", "label", "met", "why"} and r["met"] is True for r in data["rubric"])
    assert data["rubric"][0]["label"] == "Duration with start, end and time zone"
    assert data["passed"] is True


def test_check_an_unfinished_draft_exits_1(home: Path, incomplete: Path) -> None:
    result = pmwizard_process("check", "half", home=home)
    assert result.returncode == 1
    assert "✗ S1" in result.stdout and "✓ S2" in result.stdout
    data = json.loads(pmwizard("check", "half", "--json", home=home).stdout)
    assert data["passed"] is False and data["window"] is None
    assert not next(r for r in data["rubric"] if r["id"] == "W1")["met"]


def test_check_by_path(home: Path, example: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    copy.write_text(example.read_text("utf-8"), encoding="utf-8")
    assert pmwizard("check", str(copy), home=home).returncode == 0


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "no draft named 'gone'"),
        ("nope{", "is not valid JSON"),
        ('{"schema": 9, "title": "from the future"}', "has draft schema 9"),
    ],
    ids=["missing", "invalid-json", "unknown-schema"],
)
def test_check_errors_exit_2_with_one_line(home: Path, content: str | None, said: str) -> None:
    if content is not None:
        home.mkdir()
        (home / "gone.json").write_text(content, encoding="utf-8")
    result = pmwizard("check", "gone", home=home)
    assert result.returncode == 2
    assert said in error_line(result)
    assert result.stdout == ""
    if content is not None:
        assert (home / "gone.json").read_text(encoding="utf-8") == content


# --- export -------------------------------------------------------------------------------


def test_export_to_stdout(home: Path, example: Path) -> None:
    result = pmwizard_process("export", "example", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == writer.to_markdown(example_postmortem())
    assert result.stdout == (REPO / "tests" / "core" / "golden" / "example.md").read_text("utf-8")


def test_export_to_a_file_refuses_to_overwrite_without_force(
    home: Path, example: Path, tmp_path: Path
) -> None:
    target = tmp_path / "postmortem.md"
    first = pmwizard("export", "example", "-o", str(target), home=home)
    assert first.returncode == 0, first.stderr
    assert str(target) in first.stdout
    assert target.read_text("utf-8") == writer.to_markdown(example_postmortem())

    target.write_text("my own edits\n", encoding="utf-8")
    refused = pmwizard("export", "example", "-o", str(target), home=home)
    assert refused.returncode == 2
    assert "exists already; pass --force" in error_line(refused)
    assert target.read_text("utf-8") == "my own edits\n"

    forced = pmwizard("export", "example", "-o", str(target), "--force", home=home)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text("utf-8") == writer.to_markdown(example_postmortem())


def test_export_into_a_missing_folder_is_one_line(home: Path, example: Path) -> None:
    result = pmwizard("export", "example", "-o", "no/such/folder/pm.md", home=home)
    assert result.returncode == 2
    assert "does not exist" in error_line(result)


def test_export_write_failure_is_one_line(home: Path, example: Path) -> None:
    result = pmwizard("export", "example", "-o", "x" * 300 + ".md", "--force", home=home)
    assert result.returncode == 2
    assert "cannot write" in error_line(result)


def test_export_html(home: Path, example: Path) -> None:
    result = pmwizard("export", "example", "--format", "html", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<h2>Issue Summary</h2>" in result.stdout


def test_export_json_is_the_draft(home: Path, example: Path) -> None:
    result = pmwizard("export", "example", "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == dump(example_postmortem()) == example.read_text("utf-8")
    assert Postmortem.model_validate_json(result.stdout) == example_postmortem()


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_export_to_dash_writes_standard_output(
    home: Path, example: Path, tmp_path: Path, fmt: str
) -> None:
    to_stdout = pmwizard("export", "example", "--format", fmt, home=home)
    dashed = pmwizard("export", "example", "--format", fmt, "-o", "-", home=home)
    assert dashed.returncode == 0, dashed.stderr
    assert dashed.stdout == to_stdout.stdout and dashed.stdout.strip()
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("fmt", "said", "kept"),
    [
        ("markdown", "written in a closing 'Unsorted' part", "## Unsorted\n\nNotes from the call"),
        (
            "html",
            "written in a closing 'Unsorted' part",
            "<h2>Unsorted</h2>\n<p>Notes from the call",
        ),
        ("json", 'kept in its "unsorted" field', '"unsorted": "Notes from the call'),
    ],
)
def test_export_keeps_unsorted_text_and_says_so(home: Path, fmt: str, said: str, kept: str) -> None:
    DraftStore(home).save("notes", Postmortem(title="Notes", unsorted="Notes from the call."))
    result = pmwizard("export", "notes", "--format", fmt, "--allow-incomplete", home=home)
    assert result.returncode == 0
    assert kept in result.stdout
    assert result.stderr == f"pmwizard: the draft's Unsorted text (4 words) is {said}" + (
        "; move it into its sections in the wizard to leave it out\n" if fmt != "json" else "\n"
    )


def test_check_of_the_export_gives_the_drafts_report(home: Path, example: Path) -> None:
    support = example_postmortem()
    first = support.timeline[0].revised(
        text="Support paged the on-call engineer after customers wrote in.",
        detected_by="customer",
    )
    window = support.window.revised(zone="America/Sao_Paulo")
    DraftStore(home).save(
        "support", support.revised(timeline=[first, *support.timeline[1:]], window=window)
    )
    for name in ("example", "support"):
        assert pmwizard("export", name, "-o", f"{name}.md", home=home).returncode == 0
        of_draft = pmwizard("check", "--json", name, home=home)
        of_file = pmwizard("check", "--json", f"{name}.md", home=home)
        assert of_draft.returncode == of_file.returncode == 0
        assert json.loads(of_file.stdout) == json.loads(of_draft.stdout)
        imported = pmwizard("import", f"{name}.md", "--name", f"{name}-back", home=home)
        assert imported.returncode == 0, imported.stderr
        assert "Check:" not in imported.stdout
        back = DraftStore(home).load(f"{name}-back")
        original = DraftStore(home).load(name)
        assert back == original.revised(
            timeline=[e.model_dump() for e in original.sorted_timeline()]
        )


def test_export_refuses_an_incomplete_draft(home: Path, incomplete: Path) -> None:
    result = pmwizard("export", "half", home=home)
    assert result.returncode == 2
    assert result.stdout == ""
    line = error_line(result)
    assert "misses 16 points" in line and "--allow-incomplete" in line
    for point in [p for p in IDS if p != "S2"]:
        assert f"{point} " in line
    assert "S2 " not in line
    allowed = pmwizard("export", "half", "--allow-incomplete", home=home)
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.startswith("# Half done\n")


def test_export_of_a_missing_draft(home: Path) -> None:
    result = pmwizard_process("export", "nothing", home=home)
    assert result.returncode == 2
    assert "no draft named 'nothing'" in error_line(result)


# --- schema -------------------------------------------------------------------------------


def test_schema_prints_the_drafts_json_schema(home: Path) -> None:
    result = pmwizard_process("schema", home=home)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema == Postmortem.model_json_schema(by_alias=True)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["properties"]["schema"]["const"] == 3
    assert "clock" in schema["properties"]
    assert schema["properties"]["template"]["default"] == "classic"
    assert {"title", "window", "impact", "timeline", "tasks"} <= set(schema["properties"])


# --- in this process as in a child process --------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("check", "half"), ("export", "example", "--format", "html"), ("list", "--json"), ("x",)],
    ids=["check-exit-1", "export-html", "list-json", "usage-error"],
)
def test_a_command_run_in_this_process_does_as_a_process_does(
    home: Path, example: Path, incomplete: Path, args: tuple[str, ...]
) -> None:
    """The in-process runner most tests use gives the exit code and the bytes of a real run."""
    here = pmwizard(*args, home=home)
    child = pmwizard_process(*args, home=home)
    assert (here.returncode, here.stdout, here.stderr) == (
        child.returncode,
        child.stdout,
        child.stderr,
    )
    assert here.stdout or here.stderr


# --- the core never imports Textual -------------------------------------------------------


def test_the_core_and_check_never_import_textual(home: Path, example: Path) -> None:
    code = (
        "import sys\n"
        "import wizard.cli, wizard.model, wizard.rubric, wizard.drafts, wizard.checking\n"
        "import wizard.markdown.writer, wizard.markdown.counts, wizard.time.timezones\n"
        "import wizard.keymap\n"
        "code = wizard.cli.main(['check', 'example'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not loaded, loaded\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, PMWIZARD_HOME=str(home), PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "17/17 points" in result.stdout


def test_importtime_of_check_shows_no_textual(home: Path, example: Path) -> None:
    result = pmwizard_process("check", "example", home=home, python=("-X", "importtime"))
    assert result.returncode == 0
    modules = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "wizard.rubric" in modules  # the report really was imported-timed
    assert not [m for m in modules if m.split(".")[0] == "textual"]
