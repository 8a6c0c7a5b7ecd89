"""The author's own keys: `keys.toml` beside the drafts maps binding ids to keys. Read and
checked here; an unknown id or a key that is not one is reported and left out."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

KEYS_FILE = "keys.toml"
_BINDINGS = {
    "app": (
        *("next", "previous", "save", "zone", "help", "editor", "copy_document"),
        *("copy_section", "quit", "palette"),
    ),
    "welcome": ("new", "import", "example", "rename", "delete", "restore"),
    "template": ("choose", "cancel"),
    "timeline": ("add", "edit", "duplicate", "delete", "undo", "paste", "accept_kinds"),
    "list": ("add", "edit", "delete", "undo", "up", "down"),
    "entry": ("cancel", "save", "text_enter"),
    "paste": ("cancel", "add"),
    "review": ("scroll_up", "scroll_down", "page_up", "page_down", "scroll_home", "scroll_end"),
    "zone_picker": ("pick", "down", "up", "page_down", "page_up", "cancel"),
    "help": ("close",),
    "confirm": ("no",),
    "prompt": ("cancel",),
    "choose": ("cancel",),
}
BINDING_IDS = frozenset(f"{where}.{name}" for where, names in _BINDINGS.items() for name in names)
"""The id of every binding of the wizard, by where it works, as data: `keys.toml` is checked
against them without loading the screens that hold the bindings (a test holds this list to
the bindings themselves)."""
MAX_BYTES = 64 * 1024
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {
        *("up", "down", "left", "right", "home", "end", "pageup", "pagedown"),
        *("insert", "delete", "backspace", "tab", "enter", "escape", "space"),
        *(f"f{number}" for number in range(1, 25)),
    }
)


def key_problem(key: str) -> str | None:
    """Why `key` (`ctrl+j`, `f2`, `alt+right`, `question_mark`) is not a key, or None."""
    *modifiers, name = key.split("+")
    unknown = [m for m in modifiers if m not in MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (ctrl, shift, alt, meta, super)"
    if not name:
        return "a key is missing after the last +"
    if len(name) == 1 and name.isprintable() and not name.isspace():
        return None
    if name in NAMED_KEYS or _character_named(name):
        return None
    return f"{name!r} is not a key name"


TYPED_IN = {"app", "entry", "paste", "prompt", "zone_picker"}
"""Where a binding works while the author types in a field (the app's keys on every step)."""
_EDITING = frozenset({"space", "backspace", "delete", "left", "right", "home", "end"})
_EDITING_ALL = _EDITING | {"up", "down", "pageup", "pagedown", "enter", "tab"}


def typing_problem(binding_id: str, key: str) -> str | None:
    """Why `key` cannot be `binding_id`'s: a key that types or edits text (`a`, `space`,
    `left`, `shift+a`) for a binding that works while a field is being typed in would fire
    instead of typing. None when it can."""
    where = binding_id.split(".")[0]
    if where not in TYPED_IN:
        return None
    *modifiers, name = key.split("+")
    if set(modifiers) - {"shift"}:
        return None  # ctrl, alt and the like never type
    editing = _EDITING_ALL if where == "app" else _EDITING
    if name in editing or len(name) == 1 or (name not in NAMED_KEYS and _character_named(name)):
        return "it would fire instead of typing in a field; use ctrl+, alt+ or a function key"
    return None


def _character_named(name: str) -> bool:
    """`question_mark`, `full_stop`: a character given by its Unicode name, as Textual does."""
    try:
        return len(unicodedata.lookup(name.replace("_", " ").upper())) == 1
    except KeyError:
        return False


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """`app.next = "f2"` and `[app] next = "f2"` alike: (dotted id, value)."""
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def _keys_of(value: Any) -> list[str] | None:
    """The keys of one entry: `"ctrl+j"`, `"ctrl+j,f2"` or `["ctrl+j", "f2"]`."""
    if isinstance(value, str):
        return [key.strip() for key in value.split(",")]
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return [key.strip() for item in value for key in item.split(",")]
    return None


def parse_keymap(
    text: str, known: Collection[str] = BINDING_IDS
) -> tuple[dict[str, str], list[str]]:
    """The keymap (binding id -> `key1,key2`) and what was left out, and why."""
    import tomllib  # only when a keys file is there, not at every start

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return {}, [f"it is not valid TOML ({error}); every key keeps its default"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(data):
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"no binding {binding_id!r}{hint}")
            continue
        keys = _keys_of(value)
        if keys is None:
            problems.append(f'{binding_id!r} needs a key as text, like "ctrl+j"')
            continue
        found = ((key, key_problem(key) or typing_problem(binding_id, key)) for key in keys)
        why = next(((key, problem) for key, problem in found if problem), None)
        if why is not None:
            problems.append(f"{why[0]!r} for {binding_id!r}: {why[1]}")
            continue
        keymap[binding_id] = ",".join(keys)
    return keymap, problems


def read_keymap(
    root: Path, known: Collection[str] = BINDING_IDS
) -> tuple[dict[str, str], str | None]:
    """The keymap in `root/keys.toml` (empty when there is none) and one line saying what
    was ignored in it, or None."""
    path = Path(root) / KEYS_FILE
    if not path.exists():
        return {}, None
    try:
        if not path.is_file():
            return {}, f"{path} is not a file: every key keeps its default"
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        return {}, f"{path}: {error.strerror or error}; every key keeps its default"
    if len(data) > MAX_BYTES:
        return {}, f"{path} is over 64 KB: every key keeps its default"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}, f"{path} is not UTF-8 text: every key keeps its default"
    keymap, problems = parse_keymap(text, known)
    if not problems:
        return keymap, None
    return keymap, f"{path}: {'; '.join(problems)}. Ignored."
