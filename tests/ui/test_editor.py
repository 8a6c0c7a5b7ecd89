"""Long answers in the author's editor: the run itself with fake editors, and the wizard's
key and palette command with the terminal hand-over stubbed where a test has no terminal."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.widgets import TextArea
from ui_helpers import example_app, notices

from wizard.example import example_postmortem
from wizard.ui.editor import FALLBACK_EDITOR, EditorFailed, editor_command, run_editor

SIZE = (110, 36)
NEW_ROOT_CAUSE = "A config push removed the pool limit.\nEvery worker then opened 400 connections."


def fake_editor(folder: Path, body: str) -> Path:
    """A script that acts as an editor: `body` runs with the file to edit as $1."""
    script = folder / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o700)
    return script


def rewriting_editor(folder: Path, text: str) -> Path:
    """An editor that notes the file's mode and name, then writes `text` (and a newline)."""
    (folder / "new.txt").write_text(text + "\n", encoding="utf-8")
    return fake_editor(
        folder,
        f'stat -c %a "$1" > "{folder}/mode"; printf %s "$1" > "{folder}/path"; '
        f'cp "{folder}/new.txt" "$1"',
    )


# --- the editor run itself -----------------------------------------------------------------


def test_the_editor_gets_a_private_temp_file_and_its_text_comes_back(tmp_path: Path) -> None:
    editor = rewriting_editor(tmp_path, "edited\nsecond line")
    assert run_editor("original", [str(editor)]) == "edited\nsecond line"
    assert (tmp_path / "mode").read_text().strip() == "600"
    used = Path((tmp_path / "path").read_text())
    assert used.suffix == ".md" and not used.exists()


def test_the_editor_sees_the_text_as_it_was(tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, f'cp "$1" "{tmp_path}/seen"')
    assert run_editor("line one\nline two", [str(editor)]) == "line one\nline two"
    assert (tmp_path / "seen").read_text() == "line one\nline two\n"


def test_an_editor_that_fails_leaves_no_text_and_says_why(tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, 'printf changed > "$1"; exit 3')
    with pytest.raises(EditorFailed) as failed:
        run_editor("original", [str(editor)])
    assert str(failed.value) == (
        "The editor 'fake-editor' exited with status 3. The text is unchanged."
    )


def test_a_missing_editor_says_how_to_name_one(tmp_path: Path) -> None:
    with pytest.raises(EditorFailed) as failed:
        run_editor("original", [str(tmp_path / "no-such-editor")])
    assert "No editor 'no-such-editor' found: set $VISUAL or $EDITOR" in str(failed.value)
    assert "\n" not in str(failed.value)


def test_what_is_not_text_is_not_taken_back(tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, 'printf "\\377\\376" > "$1"')
    with pytest.raises(EditorFailed, match="not UTF-8"):
        run_editor("original", [str(editor)])


def test_the_editor_is_visual_then_editor_then_vi() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "nano -R"}) == ["nano", "-R"]
    assert editor_command({}) == [FALLBACK_EDITOR]
    assert editor_command({"EDITOR": "'unbalanced"}) == ["'unbalanced"]


# --- the wizard's key and palette command --------------------------------------------------


def hand_over(app) -> None:
    """Let the app 'suspend' in a test: the terminal hand-over is what Pilot cannot do."""
    app.suspend = contextlib.nullcontext


async def press_editor_key(app, pilot, widget_id: str = "root-cause") -> TextArea:
    """Put the cursor in a text box and press the editor key."""
    await pilot.pause()
    area = app.screen.query_one(f"#{widget_id}", TextArea)
    area.focus()
    await pilot.press("ctrl+o")
    await pilot.pause()
    return area


async def test_ctrl_o_puts_the_edited_text_in_the_field_as_if_typed(
    make_app, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(rewriting_editor(tmp_path, NEW_ROOT_CAUSE)))
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        hand_over(app)
        area = await press_editor_key(app, pilot)
        assert area.text == NEW_ROOT_CAUSE
        app.screen.flush()
        assert app.session.draft.root_cause == NEW_ROOT_CAUSE
        assert app.save_now()
        assert store.load("draft").root_cause == NEW_ROOT_CAUSE
        await pilot.press("ctrl+z")  # one edit, undone like typing
        await pilot.pause()
        assert area.text == example_postmortem().root_cause


async def test_edited_text_is_cleaned_as_typed_text_is(
    make_app, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(rewriting_editor(tmp_path, "Pool \x1b[31mlimit\x07 gone.")))
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE) as pilot:
        hand_over(app)
        area = await press_editor_key(app, pilot)
        app.screen.flush()
        assert "\x1b" not in area.text and "\x07" not in area.text
        assert app.session.draft.root_cause == area.text


async def test_the_palette_opens_the_text_box_in_the_editor(
    make_app, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(rewriting_editor(tmp_path, "Rolled back everywhere.")))
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE) as pilot:
        hand_over(app)
        await pilot.pause()
        area = app.screen.query_one("#resolution", TextArea)
        area.focus()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"your editor")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert area.text == "Rolled back everywhere."


async def test_a_failing_editor_leaves_the_field_and_says_so(
    make_app, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(fake_editor(tmp_path, 'printf lost > "$1"; exit 1')))
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        hand_over(app)
        area = await press_editor_key(app, pilot)
        assert area.text == example_postmortem().root_cause
        assert notices(app) == [
            "The editor 'fake-editor' exited with status 1. The text is unchanged."
        ]


async def test_without_a_terminal_to_hand_over_the_field_stays(
    make_app, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pilot's headless terminal cannot be suspended, as a browser session cannot."""
    monkeypatch.setenv("VISUAL", str(rewriting_editor(tmp_path, "never seen")))
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        area = await press_editor_key(app, pilot)
        assert area.text == example_postmortem().root_cause
        assert not (tmp_path / "mode").exists()
        assert any("cannot be handed over" in text for text in notices(app))


async def test_the_editor_key_is_offered_only_in_a_text_box(make_app, store) -> None:
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#root-cause", TextArea).focus()
        await pilot.pause()
        assert app.check_action("edit_in_editor", ()) is True
        app.go_to("summary")
        await pilot.pause()
        app.screen.query_one("#title").focus()
        await pilot.pause()
        assert app.check_action("edit_in_editor", ()) is False
