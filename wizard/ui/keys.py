"""The keys in force: the bindings' defaults with the author's `keys.toml` laid over them
(Textual's keymap), for the app, the footer and the help."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode

from wizard.keymap import KEYS_FILE, read_keymap

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp

_PACKAGES = ("wizard.ui.screens", "wizard.ui.widgets")


def every_binding() -> dict[str, Binding]:
    """Every binding of the wizard that has an id (each screen and widget), by id."""
    import importlib
    import pkgutil

    for package in _PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            importlib.import_module(f"{package}.{info.name}")
    from wizard.ui import app  # noqa: F401  (its bindings are found as a DOMNode's)

    found: dict[str, Binding] = {}
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith("wizard."):
            continue
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding)
    return found


def _subclasses(cls: type[DOMNode]) -> Iterable[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def apply_keys(app: WizardApp) -> None:
    """Lay `keys.toml` over the defaults; say in one line what in it was ignored."""
    if not (app.store.root / KEYS_FILE).exists():  # the usual case: nothing to load
        return
    keymap, problem = read_keymap(app.store.root, every_binding())
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
