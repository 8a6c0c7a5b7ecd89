"""Hostile files and folders: pipes, devices and links where files belong, drafts nested too
deep or dated in year 1, oversized drafts, homes pmwizard may not read or write, names and
paths that are not what they seem. One bad thing gets one clear line; the rest still works.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hostile import listed_drafts, one_line, unprivileged
from pty_wizard import READY, STEP_READY, Wizard
from textual.widgets import Input, OptionList

from wizard.drafts import (
    MAX_BYTES,
    DraftError,
    DraftStore,
    dump,
    read_draft,
    size_limit_text,
    size_text,
)
from wizard.example import example_postmortem
from wizard.markdown import writer
from wizard.model import TimelineEntry
from wizard.session import EditError, Session
from wizard.ui.app import WizardApp
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.widgets.field import Field

Run = Callable[..., subprocess.CompletedProcess[str]]
SIZE = (100, 32)


def example_draft(home: Path, name: str = "ex") -> Path:
    return DraftStore(home).save(name, example_postmortem())


# --- what is at `export -o` ---------------------------------------------------------------


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return str(path)


def device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))


def link_to_stdout(path: Path) -> None:
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc here")
    path.symlink_to("/proc/self/fd/1")


def runner_for(make: Callable[[Path], object], here: Run, child: Run) -> Run:
    """How to run a command on what `make` made. A pipe goes to a child process, whose timeout
    turns an open that waits for the other end into a failure instead of a hung test run; so
    does a link to standard output, which names the stream of whichever process opens it."""
    return child if make in (fifo, link_to_stdout) else here


@pytest.mark.parametrize("make", [fifo, device, link_to_stdout], ids=["fifo", "device", "fd"])
@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
def test_export_writes_only_regular_files(
    pmwizard: Run,
    pmwizard_process: Run,
    isolated_home: Path,
    tmp_path: Path,
    make: Callable[[Path], object],
    force: bool,
) -> None:
    example_draft(isolated_home)
    target = tmp_path / "out.md"
    make(target)
    before = os.lstat(target)
    run = runner_for(make, pmwizard, pmwizard_process)
    result = run("export", "ex", "-o", str(target), *(["--force"] if force else []))
    line = one_line(result)
    assert str(target) in line and "pmwizard writes only regular files" in line
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_export_through_a_link_to_a_regular_file_writes_that_file(
    pmwizard: Run, isolated_home: Path, tmp_path: Path
) -> None:
    example_draft(isolated_home)
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = pmwizard("export", "ex", "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == writer.to_markdown(example_postmortem())


# --- what is read by import and check --------------------------------------------------------


def zero_link(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return str(path)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (fifo, "is a named pipe"),
        (lambda p: "/dev/zero", "is a device"),
        (zero_link, "is a device"),
    ],
    ids=["fifo", "dev-zero", "link-to-dev-zero"],
)
@pytest.mark.parametrize("command", ["import", "check"])
def test_only_regular_files_are_read(
    pmwizard: Run,
    pmwizard_process: Run,
    tmp_path: Path,
    make: Callable[[Path], str],
    said: str,
    command: str,
) -> None:
    target = make(tmp_path / "x.md")
    line = one_line(runner_for(make, pmwizard, pmwizard_process)(command, target))
    assert target in line and said in line


def test_check_of_a_folder_reports_a_pipe_named_md_and_checks_the_rest(
    pmwizard_process: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    os.mkfifo(folder / "x.md")
    (folder / "good.md").write_text(writer.to_markdown(example_postmortem()), encoding="utf-8")
    result = pmwizard_process("check", str(folder))
    line = one_line(result)
    assert "x.md is a named pipe" in line
    assert "good.md: 17/17 points" in result.stdout


# --- one damaged draft among good ones ----------------------------------------------------


def damaged_drafts(home: Path) -> None:
    example_draft(home, "good")
    deep = '{"schema": 1, "title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (home / "deep.json").write_text(deep, encoding="utf-8")
    year_1 = json.loads(dump(example_postmortem()))
    year_1["window"]["start"] = "0001-01-01T12:00:00"
    (home / "year-1.json").write_text(json.dumps(year_1), encoding="utf-8")
    big = example_postmortem().revised(root_cause="The pool ran dry. " * 40_000)
    (home / "big.json").write_text(dump(big), encoding="utf-8")


def test_list_shows_every_draft_when_some_are_damaged(pmwizard: Run, isolated_home: Path) -> None:
    damaged_drafts(isolated_home)
    result = pmwizard("list")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(rows) == {"good", "deep", "year-1", "big"}
    assert "17/17 points" in rows["good"]
    assert "unreadable" in rows["deep"] and "nested too deeply" in rows["deep"]
    assert "unreadable" in rows["year-1"] and "0001-01-01" in rows["year-1"]
    assert f"up to {size_text(MAX_BYTES)}" in rows["big"]
    listed = json.loads(pmwizard("list", "--json").stdout)
    assert {row["name"]: row["error"] is None for row in listed} == {
        "good": True,
        "deep": False,
        "year-1": False,
        "big": False,
    }


@pytest.mark.parametrize("name", ["deep", "year-1", "big"])
@pytest.mark.parametrize("command", ["resume", "check", "export"])
def test_a_damaged_draft_is_one_line(
    pmwizard: Run, pmwizard_process: Run, isolated_home: Path, name: str, command: str
) -> None:
    damaged_drafts(isolated_home)
    run = pmwizard_process if command == "resume" else pmwizard  # resume starts the wizard
    line = one_line(run(command, name))
    assert f"{name}.json" in line


async def test_the_welcome_screen_marks_damaged_drafts_and_lists_the_rest(
    isolated_home: Path,
) -> None:
    damaged_drafts(isolated_home)
    store = DraftStore(isolated_home)
    app = WizardApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#drafts", OptionList)
        shown = listed_drafts(options)
        assert set(shown) == {"good", "deep", "year-1", "big"}
        assert "unreadable" not in shown["good"]
        assert all("unreadable" in shown[name] for name in ("deep", "year-1", "big"))
        options.focus()
        options.highlighted = list(shown).index("good")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.name == "good"


async def test_a_start_in_year_1_is_refused_at_the_field_and_a_zone_can_still_be_chosen(
    isolated_home: Path,
) -> None:
    store = DraftStore(isolated_home)
    app = WizardApp(store, Session(store, "ancient"), step="summary", autosave_delay=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        screen.query_one("#start", Input).value = "0001-01-01 12:00"
        await pilot.pause()
        start_field = next(a for a in screen.query_one("#start").ancestors if isinstance(a, Field))
        assert "give a year from 1970 to 2100" in start_field.error
        screen.query_one("#zone", Input).value = "America/New_York"
        await pilot.pause()
        assert app.is_running
        assert app.session is not None and app.session.draft.window.start is None
        assert "give a year from 1970 to 2100" in start_field.error
        screen.query_one("#start", Input).value = "2023-01-17 12:30"
        await pilot.pause()
        assert app.session.draft.window.zone == "America/New_York"
        assert app.session.draft.window.start == datetime(2023, 1, 17, 12, 30)
        await pilot.press("ctrl+q")


async def test_a_timeline_time_in_year_1_is_refused_at_the_field(isolated_home: Path) -> None:
    store = DraftStore(isolated_home)
    draft = example_postmortem().revised(timeline=[])
    app = WizardApp(store, Session(store, "ancient", draft), step="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"0001-01-01", "space", *"12:00", "enter")
        await pilot.pause()
        form = app.screen
        time_input = form.query_one("#entry-time", Input)
        field = next(a for a in time_input.ancestors if isinstance(a, Field))
        assert "give a year from 1970 to 2100" in field.error
        assert time_input.value == "0001-01-01 12:00"
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.session is not None and app.session.draft.timeline == []


# --- drafts too big to be useful ----------------------------------------------------------


def test_a_draft_over_the_size_cap_is_not_saved_and_says_why(isolated_home: Path) -> None:
    session = Session(DraftStore(isolated_home), "huge")
    with pytest.raises(EditError, match=size_limit_text()):  # refused at the field
        session.edit("root_cause", "The pool ran dry. " * 40_000)
    entries = [TimelineEntry(text="The pool ran dry. " * 20) for _ in range(1_000)]
    session.edit("timeline", entries)  # many entries, none too long: the save says why
    with pytest.raises(DraftError, match=f"the draft would be .*: {size_limit_text()}"):
        session.save()
    assert not (isolated_home / "huge.json").exists()
    assert session.dirty
    session.edit("timeline", entries[:10])
    session.edit("root_cause", "The pool ran dry.")
    assert session.save()
    assert read_draft(isolated_home / "huge.json").root_cause == "The pool ran dry."
    session.close()


# --- homes pmwizard may not read or write (permissions apply to root too) -------------------


def test_list_of_a_home_it_may_not_read_says_so(pmwizard_process: Run, isolated_home: Path) -> None:
    example_draft(isolated_home)
    isolated_home.chmod(0)
    try:
        line = one_line(pmwizard_process("list", as_user=True))
    finally:
        isolated_home.chmod(0o700)
    assert "permission denied" in line and str(isolated_home) in line


def test_list_of_a_home_that_is_a_file_says_so(pmwizard: Run, isolated_home: Path) -> None:
    isolated_home.write_text("not a folder\n", encoding="utf-8")
    line = one_line(pmwizard("list"))
    assert "is a file, not a folder of drafts" in line


@pytest.mark.parametrize("command", ["resume", "new"])
def test_a_home_it_may_not_write_opens_the_draft_read_only(
    child_env: dict[str, str], isolated_home: Path, command: str
) -> None:
    example_draft(isolated_home)
    before = sorted((p.name, p.read_bytes()) for p in isolated_home.iterdir())
    prefix = tuple(unprivileged(["true"])[:-1])
    args, ready = (("resume", "ex"), STEP_READY) if command == "resume" else (("new",), READY)
    isolated_home.chmod(0o500)
    try:
        with Wizard(child_env, isolated_home, "ex", args, ready=ready, prefix=prefix) as wizard:
            wizard.type("x", shown=False)
            assert wizard.wait_for(b"read-only", since=0, timeout=10), wizard.screen_text()
            wizard.press("\x11")  # ctrl+q
            if wizard.wait_for(b"Quit without", since=0, timeout=5):  # "x" changed the draft
                wizard.press("\x1b[Z")  # shift+tab: from "Go back" to "Quit without them"
                wizard.press("\r")
            assert wizard.wait_exit() == 0
            assert b"Traceback" not in wizard.output
            assert b"Draft saved" not in wizard.output
    finally:
        isolated_home.chmod(0o700)
    assert sorted((p.name, p.read_bytes()) for p in isolated_home.iterdir()) == before


def test_a_second_wizard_opened_read_only_does_not_say_it_saved(
    child_env: dict[str, str], isolated_home: Path
) -> None:
    example_draft(isolated_home)
    with Wizard(child_env, isolated_home, "ex", ("resume", "ex"), ready=STEP_READY) as first:
        second = Wizard(child_env, isolated_home, "ex", ("resume", "ex"), ready=b"Open read-only")
        with second:
            second.press("\t\r")  # from Cancel to "Open read-only"
            assert second.wait_for(b"read-only", since=0, timeout=10)
            second.press("\x11")
            assert second.wait_exit() == 0
            assert b"Draft saved" not in second.output
        first.press("\x11")
        assert first.wait_exit() == 0
        assert b"Draft saved" in first.output


# --- names and paths that are not what they seem -----------------------------------------------


@pytest.mark.parametrize("command", ["example", "import"])
def test_a_name_given_with_json_is_the_name_without_it(
    pmwizard: Run, isolated_home: Path, command: str
) -> None:
    Path("old.md").write_text(writer.to_markdown(example_postmortem()), encoding="utf-8")
    args = ("new", "--example") if command == "example" else ("import", "old.md")
    result = pmwizard(*args, "--name", "ok.json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in isolated_home.glob("ok*")) == ["ok.json"]
    assert "resume ok" in result.stdout
    assert pmwizard("check", "ok").returncode == 0
    assert pmwizard("check", "ok.json").returncode == 0


def test_paths_with_escape_sequences_are_printed_safely(
    pmwizard: Run, isolated_home: Path, tmp_path: Path, unsafe_in: Callable[[str], list[str]]
) -> None:
    example_draft(isolated_home)
    folder = tmp_path / "red\x1b[31m\x1b]0;pwned\x07"
    folder.mkdir()
    wrote = pmwizard("export", "ex", "-o", str(folder / "out.md"))
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout.startswith("Wrote ") and unsafe_in(wrote.stdout) == []
    listed = subprocess.run(
        [sys.executable, "-m", "wizard", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "PMWIZARD_HOME": str(folder / "home")},
        check=False,
    )
    assert listed.returncode == 0
    assert listed.stdout.startswith("No drafts yet in") and unsafe_in(listed.stdout) == []


def test_export_to_a_closed_standard_output_is_one_line(
    isolated_home: Path, child_env: dict[str, str]
) -> None:
    example_draft(isolated_home)
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "export", "ex"],
        capture_output=True,
        text=True,
        env=child_env,
        preexec_fn=lambda: os.close(1),
        check=False,
    )
    line = one_line(result)
    assert "standard output is closed" in line


def test_a_draft_at_the_size_cap_is_read(isolated_home: Path) -> None:
    pm = example_postmortem()
    filler = MAX_BYTES - len(dump(pm).encode()) - 100
    fitting = pm.revised(unsorted="x" * filler)
    path = DraftStore(isolated_home).save("fits", fitting)
    assert read_draft(path) == fitting
