"""keys.toml: binding ids mapped to keys; what is not a binding or not a key is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.keymap import KEYS_FILE, key_problem, parse_keymap, read_keymap

KNOWN = {"app.next", "app.previous", "app.help", "timeline.add"}


@pytest.mark.parametrize(
    "key", ["f2", "ctrl+j", "alt+right", "ctrl+shift+pageup", "a", "A", "question_mark", "?"]
)
def test_keys_people_write_are_keys(key: str) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("ctrl+", "a key is missing after the last +"),
        ("", "a key is missing after the last +"),
        ("cntrl+j", "'cntrl' is not a modifier (ctrl, shift, alt, meta, super)"),
        ("nextpage", "'nextpage' is not a key name"),
        ("ctrl+ ", "' ' is not a key name"),
    ],
)
def test_what_is_not_a_key_says_why(key: str, why: str) -> None:
    assert key_problem(key) == why


def test_ids_as_dotted_keys_tables_or_lists() -> None:
    text = """
"app.next" = "f2"
app.previous = "f3,ctrl+b"
[timeline]
add = ["insert", "a"]
"""
    keymap, problems = parse_keymap(text, KNOWN)
    assert problems == []
    assert keymap == {"app.next": "f2", "app.previous": "f3,ctrl+b", "timeline.add": "insert,a"}


def test_unknown_ids_and_bad_keys_are_left_out_and_named() -> None:
    text = 'app.nxt = "f2"\napp.help = "ctrl+"\napp.previous = 5\napp.next = "f4"\n'
    keymap, problems = parse_keymap(text, KNOWN)
    assert keymap == {"app.next": "f4"}
    assert problems == [
        "no binding 'app.nxt' (did you mean 'app.next'?)",
        "'ctrl+' for 'app.help': a key is missing after the last +",
        "'app.previous' needs a key as text, like \"ctrl+j\"",
    ]


@pytest.mark.parametrize(
    ("binding_id", "key"),
    [
        ("app.quit", "a"),
        ("app.save", "shift+s"),
        ("app.next", "space"),
        ("app.previous", "left"),
        ("app.help", "question_mark"),
        ("app.next", "enter"),
        ("entry.save", "s"),
        ("paste.add", "backspace"),
        ("prompt.cancel", "q"),
    ],
)
def test_a_key_that_types_is_refused_where_fields_are_typed_in(binding_id: str, key: str) -> None:
    keymap, problems = parse_keymap(f'"{binding_id}" = "f9,{key}"\n', {binding_id})
    assert keymap == {}
    assert problems == [
        f"{key!r} for {binding_id!r}: it would fire instead of typing in a field; "
        "use ctrl+, alt+ or a function key"
    ]


@pytest.mark.parametrize(
    ("binding_id", "key"),
    [
        ("app.quit", "ctrl+q"),
        ("app.next", "alt+right"),
        ("app.help", "f1"),
        ("timeline.add", "a"),  # on the timeline's table, where nothing is typed
        ("zone_picker.down", "down"),
        ("entry.cancel", "escape"),
    ],
)
def test_keys_that_never_type_or_work_where_nothing_is_typed_are_kept(
    binding_id: str, key: str
) -> None:
    keymap, problems = parse_keymap(f'"{binding_id}" = "{key}"\n', {binding_id})
    assert (keymap, problems) == ({binding_id: key}, [])


def test_a_file_that_is_not_toml_keeps_every_default() -> None:
    keymap, problems = parse_keymap("app.next = f2\n", KNOWN)
    assert keymap == {}
    assert len(problems) == 1 and problems[0].startswith("it is not valid TOML (")


def test_no_file_is_no_keymap_and_nothing_to_say(tmp_path: Path) -> None:
    assert read_keymap(tmp_path, KNOWN) == ({}, None)


def test_what_is_ignored_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / KEYS_FILE).write_text('app.next = "f2"\nzone = "f9"\n', encoding="utf-8")
    keymap, line = read_keymap(tmp_path, KNOWN)
    assert keymap == {"app.next": "f2"}
    assert line == f"{tmp_path / KEYS_FILE}: no binding 'zone'. Ignored."


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is not a file"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00"), "is not UTF-8 text"),
        (lambda p: p.write_bytes(b"#" * 70_000), "is over 64 KB"),
    ],
)
def test_a_keys_file_it_cannot_use_keeps_every_default(tmp_path: Path, make, says: str) -> None:
    make(tmp_path / KEYS_FILE)
    keymap, line = read_keymap(tmp_path, KNOWN)
    assert keymap == {}
    assert line is not None and says in line and "\n" not in line
