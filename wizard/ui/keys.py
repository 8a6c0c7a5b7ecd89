"""The keys in force: the bindings' defaults with the author's `keys.toml` laid over them
(Textual's keymap), for the app, the footer and the help."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

from wizard.keymap import KEYS_FILE, read_keymap

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp


def apply_keys(app: WizardApp) -> None:
    """Lay `keys.toml` over the defaults; say in one line what in it was ignored."""
    if not (app.store.root / KEYS_FILE).exists():  # the usual case: nothing to load
        return
    keymap, problem = read_keymap(app.store.root)  # the ids as data: no screen is loaded
    app.keys_in_force = keymap
    app.set_keymap(keymap)
    if "app.palette" in keymap:  # the footer finds the palette's key by this name
        app.COMMAND_PALETTE_BINDING = keymap["app.palette"].split(",")[0]  # type: ignore[misc]
    if problem:
        app.notify(problem, title="Keys", severity="warning", timeout=20, markup=False)


def in_force(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[Binding]:
    """`bindings` with the keys the keymap gives them."""
    return [
        b.with_key(keymap[b.id], key_display=None) if b.id is not None and b.id in keymap else b
        for b in bindings
    ]
