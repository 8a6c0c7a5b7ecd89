"""Escape sequences and control characters never reach a terminal or an exported file.

Hostile text comes in through pasted answers, imported Markdown, hand-edited draft files and
file names; it is cleaned in the model, in `check`, `list`, `import` and `export` output, in
error messages that quote it, and on screen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, TextArea
from waiting import autosaved, until

from wizard.drafts import DraftStore, dump
from wizard.example import example_postmortem
from wizard.markdown import writer
from wizard.model import Postmortem
from wizard.session import Session
from wizard.textsafe import clean_text, json_text, terminal_safe
from wizard.ui.app import WizardApp

Unsafe = Callable[[str], list[str]]
SIZE = (100, 32)

# (what it is, the hostile text, what is left of it once cleaned)
HOSTILE = [
    ("csi-colour", "\x1b[31mred\x1b[0m", "red"),
    ("osc-title", "\x1b]0;pwned\x07", ""),
    ("osc-title-st", "\x1b]2;pwned\x1b\\", ""),
    ("clear-screen", "\x1b[2J\x1b[H", ""),
    ("bell", "\x07", ""),
    ("c1-csi", "\x9b2J", ""),
    ("c1-osc", "\x9d0;pwned\x9c", ""),
    ("nul", "a\x00b", "ab"),
    ("backspaces", "safe\x08\x08\x08\x08evil", "safeevil"),
    ("carriage-return", "echo safe\recho evil", "echo safe\necho evil"),
    ("hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),
    ("reset", "\x1bc", "c"),
    ("charset", "\x1b(0lqk\x1b(B", "lqk"),
    ("delete", "x\x7fy", "xy"),
    ("lone-esc", "\x1b", ""),
]
# Every kind at once, around words that must survive.
MIXED = "Checkout " + " ".join(raw for _, raw, _ in HOSTILE) + " outage"
# For files: no NUL, and the escape sequences only (a file dense with BEL, BS or DEL is binary
# to the importer), as a coloured terminal log pasted into a document would have them.
ESCAPES = " ".join(raw for _, raw, _ in HOSTILE if "\x1b" in raw or "\x9b" in raw or "\r" in raw)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def hostile_draft_json() -> dict[str, Any]:
    """A draft file's content with hostile text in every free-text field, as if hand-edited."""
    data = json.loads(dump(example_postmortem()))
    data["title"] = MIXED
    data["service"] = MIXED
    data["impact"]["down"] = MIXED
    data["root_cause"] = MIXED + "\n\n" + data["root_cause"]
    data["timeline"][0]["text"] = MIXED
    data["improvements"][0] = MIXED
    data["tasks"][0]["owner"] = MIXED
    data["tasks"][1]["text"] = MIXED
    return data


def hostile_markdown() -> str:
    """The example postmortem as Markdown with hostile text in the title, the summary, the
    timeline, the root cause and a task (a few places, as a real paste would put it)."""
    lines = writer.to_markdown(example_postmortem()).splitlines()
    targets = ("# ", "**Service affected:**", "- 12:32 PM", "At 9:10 AM", "- [ ]")
    for number, line in enumerate(lines):
        if line.startswith(targets):
            lines[number] = f"{line} {ESCAPES}"
    lines[0] += " " + MIXED.replace("\x00", "")
    return "\n".join(lines) + "\n"


def write_draft(home: Path, name: str, data: dict[str, Any]) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / f"{name}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def error_line(result: Any, unsafe_in: Unsafe) -> str:
    """The one clean line a failing command writes to stderr."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert unsafe_in(result.stderr) == [], result.stderr
    return str(lines[0])


# --- the cleaner itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "left"), [(raw, left) for _, raw, left in HOSTILE], ids=[name for name, _, _ in HOSTILE]
)
def test_clean_text_removes_the_sequence_and_keeps_the_text(
    raw: str, left: str, unsafe_in: Unsafe
) -> None:
    assert clean_text(raw) == left
    assert unsafe_in(clean_text(f"before {raw} after")) == []
    assert clean_text(f"before {raw} after").startswith("before ")
    assert clean_text(f"before {raw} after").endswith(" after")


def test_an_unterminated_title_sequence_does_not_swallow_the_rest() -> None:
    cleaned = clean_text("Start \x1b]0;half a title\nThe database ran out of connections.")
    assert "\x1b" not in cleaned
    assert cleaned.endswith("\nThe database ran out of connections.")
    assert cleaned.startswith("Start ")


def test_terminal_safe_is_one_line(unsafe_in: Unsafe) -> None:
    assert terminal_safe("one\ntwo\r\nthree\rfour") == "one two three four"
    assert unsafe_in(terminal_safe(MIXED)) == []
    assert terminal_safe("bad byte \udc9b in a file name") == "bad byte \ufffd in a file name"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=60))
def test_clean_text_of_any_text_is_safe_and_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert not [c for c in cleaned if ord(c) < 32 and c not in "\t\n"]
    assert not [c for c in cleaned if 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF]
    assert clean_text(cleaned) == cleaned
    assert "\n" not in terminal_safe(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n")))
def test_clean_text_leaves_ordinary_text_alone(text: str) -> None:
    assert clean_text(text) == text


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text(st.characters(exclude_categories=("Cs",))), st.lists, max_leaves=5))
def test_json_text_is_json_and_safe_to_print(value: Any) -> None:
    text = json_text(value)
    assert json.loads(text) == value
    assert not [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) <= 0x9F]


# --- the model ---------------------------------------------------------------------------------


def test_every_text_field_of_a_draft_is_cleaned(unsafe_in: Unsafe) -> None:
    from_json = Postmortem.model_validate_json(json.dumps(hostile_draft_json()))
    from_python = Postmortem.model_validate(hostile_draft_json())
    revised = example_postmortem().revised(title=MIXED, improvements=[MIXED, "ok"])
    for pm in (from_json, from_python, revised):
        found = [s for s in strings(pm.model_dump(mode="json")) if unsafe_in(s)]
        assert found == []
        assert pm.title == clean_text(MIXED)
    assert "Checkout red" in from_json.title and from_json.title.endswith(" outage")
    assert "echo safe\necho evil" in from_json.root_cause


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_check_of_a_hostile_markdown_file_prints_no_controls(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, tmp_path: Path, as_json: bool
) -> None:
    (tmp_path / "hostile.md").write_text(hostile_markdown(), encoding="utf-8")
    result = pmwizard("check", *(["--json"] if as_json else []), "hostile.md")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert unsafe_in(result.stdout) == []
    assert unsafe_in(result.stderr) == []
    assert result.stdout.strip()


def make_hostile_folder(tmp_path: Path) -> Path:
    """A folder with a postmortem whose file name holds an escape sequence and a C1 CSI."""
    folder = tmp_path / "reports"
    folder.mkdir()
    text = writer.to_markdown(example_postmortem())
    (folder / "evil\x1b[2J\x1b]0;pwned\x07\u009b31m.md").write_text(text, encoding="utf-8")
    (folder / "fine.md").write_text(text, encoding="utf-8")
    return folder


def test_check_of_a_folder_with_a_hostile_file_name_prints_no_controls(
    pmwizard_process: Callable[..., Any], unsafe_in: Unsafe, tmp_path: Path
) -> None:
    make_hostile_folder(tmp_path)
    result = pmwizard_process("check", "reports")
    assert result.returncode == 0, result.stderr
    assert unsafe_in(result.stdout + result.stderr) == []
    assert "reports/evil" in result.stdout and "2 passed" in result.stdout


def test_check_json_of_a_folder_with_a_hostile_file_name_prints_no_controls(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, tmp_path: Path
) -> None:
    make_hostile_folder(tmp_path)
    result = pmwizard("check", "--json", "reports")
    assert result.returncode == 0, result.stderr
    files = [row["file"] for row in json.loads(result.stdout)]
    assert any(name.startswith("reports/evil") for name in files)
    assert unsafe_in(result.stdout + result.stderr) == []


def test_import_of_a_hostile_markdown_file_stores_and_prints_clean_text(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, tmp_path: Path, isolated_home: Path
) -> None:
    (tmp_path / "hostile.md").write_text(hostile_markdown(), encoding="utf-8")
    result = pmwizard("import", "hostile.md", "--name", "hostile")
    assert result.returncode == 0, result.stderr
    assert unsafe_in(result.stdout + result.stderr) == []
    saved = json.loads((isolated_home / "hostile.json").read_text(encoding="utf-8"))
    assert [s for s in strings(saved) if unsafe_in(s)] == []
    assert "Checkout outage" in saved["title"] and "red" in saved["title"]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_export_of_a_hand_edited_hostile_draft_is_clean(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, isolated_home: Path, tmp_path: Path, fmt: str
) -> None:
    write_draft(isolated_home, "hostile", hostile_draft_json())
    shown = pmwizard("export", "hostile", "--format", fmt, "--allow-incomplete")
    assert shown.returncode == 0, shown.stderr
    assert unsafe_in(shown.stdout + shown.stderr) == []
    assert "Checkout red" in shown.stdout
    written = pmwizard("export", "hostile", "--format", fmt, "--allow-incomplete", "-o", "out")
    assert written.returncode == 0, written.stderr
    assert unsafe_in(written.stdout + written.stderr) == []
    content = (tmp_path / "out").read_bytes().decode("utf-8")
    assert unsafe_in(content.replace("\r\n", "\n")) == []
    assert content == shown.stdout
    if fmt == "json":
        assert [s for s in strings(json.loads(content)) if unsafe_in(s)] == []


def test_list_shows_a_hand_edited_hostile_title_cleaned(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, isolated_home: Path
) -> None:
    write_draft(isolated_home, "hostile", hostile_draft_json())
    text = pmwizard("list")
    as_json = pmwizard("list", "--json")
    assert text.returncode == as_json.returncode == 0, text.stderr + as_json.stderr
    assert unsafe_in(text.stdout + text.stderr + as_json.stdout + as_json.stderr) == []
    assert terminal_safe(MIXED) in text.stdout
    assert json.loads(as_json.stdout)[0]["title"] == clean_text(MIXED)


def unreadable_drafts(home: Path) -> None:
    """Drafts whose error messages quote hostile text: a zone and an unknown key."""
    zone = json.loads(dump(example_postmortem()))
    zone["window"]["zone"] = "Mars\x1b[2J\x1b]0;pwned\x07\u009b31m/Base"
    write_draft(home, "bad-zone", zone)
    key = json.loads(dump(example_postmortem()))
    key["\x1b]0;pwned\x07\u009b2Jcolour"] = "red"
    write_draft(home, "bad-key", key)


def test_list_text_reports_unreadable_hostile_drafts_cleanly(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, isolated_home: Path
) -> None:
    unreadable_drafts(isolated_home)
    result = pmwizard("list")
    assert result.returncode == 0, result.stderr
    assert unsafe_in(result.stdout + result.stderr) == []
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "unknown time zone" in rows["bad-zone"]
    assert "is not a field pmwizard knows" in rows["bad-key"]


def test_list_json_reports_unreadable_hostile_drafts_cleanly(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, isolated_home: Path
) -> None:
    unreadable_drafts(isolated_home)
    result = pmwizard("list", "--json")
    assert result.returncode == 0, result.stderr
    errors = {row["name"]: row["error"] for row in json.loads(result.stdout)}
    assert "unknown time zone" in errors["bad-zone"]
    assert unsafe_in(result.stdout + result.stderr) == []


@pytest.mark.parametrize("command", ["check", "export"])
def test_an_error_quoting_a_hostile_zone_is_one_clean_line(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe, isolated_home: Path, command: str
) -> None:
    unreadable_drafts(isolated_home)
    result = pmwizard(command, "bad-zone")
    assert result.returncode == 2
    line = error_line(result, unsafe_in)
    assert "unknown time zone" in line and "bad-zone" in line


@pytest.mark.parametrize(
    "args",
    [
        ("import", "\x1b]0;pwned\x07\x1b[2Jmissing.md"),
        ("check", "missing\x9b2J.md"),
        ("export", "\x1b[31mnot-a-draft"),
        ("new", "--name", "\x1b[2J\x1b]0;pwned\x07"),
        ("resume", "\x1b[2Jgone"),
    ],
    ids=["import", "check", "export", "new", "resume"],
)
def test_an_error_quoting_a_hostile_argument_is_one_clean_line(
    pmwizard: Callable[..., Any],
    pmwizard_process: Callable[..., Any],
    unsafe_in: Unsafe,
    args: tuple[str, ...],
) -> None:
    run = pmwizard_process if args[0] in ("new", "resume") else pmwizard  # they start the wizard
    result = run(*args)
    assert result.returncode == 2
    error_line(result, unsafe_in)


def test_a_usage_error_quoting_a_hostile_argument_prints_no_controls(
    pmwizard: Callable[..., Any], unsafe_in: Unsafe
) -> None:
    result = pmwizard("export", "x", "--format", "\x1b[2J\x1b]0;pwned\x07")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "invalid choice" in result.stderr
    assert unsafe_in(result.stdout + result.stderr) == []


# --- the wizard --------------------------------------------------------------------------------


def make_app(home: Path, tmp_path: Path, draft: Postmortem | None = None) -> WizardApp:
    store = DraftStore(home)
    session = Session(store, "hostile", draft) if draft is not None else None
    step = "summary" if session is not None else None
    return WizardApp(store, session, step=step, start_dir=tmp_path, autosave_delay=0.1)


def screen_controls(app: WizardApp, unsafe_in: Unsafe) -> list[str]:
    """Controls in what the screen shows (the screenshot keeps the text of every cell)."""
    return unsafe_in(app.export_screenshot())


async def test_a_draft_made_of_hostile_text_shows_clean_fields(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    app = make_app(isolated_home, tmp_path, Postmortem.model_validate(hostile_draft_json()))
    async with app.run_test(size=SIZE) as pilot:
        for step in ("summary", "timeline", "root_cause", "measures", "review"):
            app.go_to(step)
            await pilot.pause()
            for widget in app.screen.query("Input, TextArea"):
                value = widget.value if isinstance(widget, Input) else widget.text  # type: ignore[attr-defined]
                assert unsafe_in(value) == [], (step, widget.id)
            assert screen_controls(app, unsafe_in) == [], step
        app.go_to("summary")
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == clean_text(MIXED)


async def test_text_pasted_into_the_title_is_stored_clean(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    app = make_app(isolated_home, tmp_path, Postmortem())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#title", Input)
        app.post_message(events.Paste(MIXED))
        await pilot.pause()
        assert app.session is not None
        # A one-line field takes the first line of a paste (the carriage return ends it).
        first_line = clean_text(MIXED.splitlines()[0])
        assert app.session.draft.title == first_line
        assert first_line.startswith("Checkout red") and "safeevil" in first_line
        await autosaved(pilot)
        saved = json.loads((isolated_home / "hostile.json").read_text(encoding="utf-8"))
        assert saved["title"] == first_line


async def test_text_pasted_into_a_text_area_is_stored_clean(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    app = make_app(isolated_home, tmp_path, Postmortem())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#down", TextArea)
        area.focus()
        await pilot.pause()
        app.post_message(events.Paste(MIXED))
        session = app.session
        assert session is not None
        await until(pilot, lambda: session.draft.impact.down != "", "the paste applied")
        assert session.draft.impact.down == clean_text(MIXED)
        assert unsafe_in(app.session.draft.impact.down) == []


async def test_what_the_screen_shows_after_a_hostile_paste_has_no_controls(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    app = make_app(isolated_home, tmp_path, Postmortem())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Paste(MIXED))
        await pilot.pause()
        assert screen_controls(app, unsafe_in) == []


async def test_the_welcome_screen_lists_unreadable_hostile_drafts_cleanly(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    unreadable_drafts(isolated_home)
    app = make_app(isolated_home, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "unreadable" in app.export_screenshot()
        assert screen_controls(app, unsafe_in) == []


async def test_a_hostile_markdown_imported_in_the_wizard_shows_clean_text(
    isolated_home: Path, tmp_path: Path, unsafe_in: Unsafe
) -> None:
    (tmp_path / "hostile.md").write_text(hostile_markdown(), encoding="utf-8")
    app = make_app(isolated_home, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.import_file("hostile.md") is None
        await pilot.pause()
        assert app.session is not None
        dumped = app.session.draft.model_dump(mode="json")
        assert [s for s in strings(dumped) if unsafe_in(s)] == []
        for step in ("summary", "timeline", "root_cause", "measures", "review"):
            app.go_to(step)
            await pilot.pause()
            assert screen_controls(app, unsafe_in) == [], step
