"""Work a command does again from the same text on every run, kept between runs the way Python
keeps bytecode: the regular expressions it compiled, the shipped data files it parsed, the
literal texts of its patterns.

A file for each command beside this module's bytecode, for this Python only. `load` reads the
command's file at its start (one file for a process), `keep` writes it at the end when the
run worked something out that the file did not hold, and never where Python writes no
bytecode. Every value is keyed by the whole text
it was worked out from, so a changed pattern or file is never answered from the file; a file
that is missing, from another Python, or broken is ignored and worked out again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MAX_VALUES, MAX_PATTERNS = 4096, 512
"""The most values and patterns the file holds; beyond, a run keeps only what it used."""
_VERSION = 2
_CODE = "I"
"""The regex engine's code words, unsigned 32-bit: kept as bytes, far quicker to read."""

_values: dict[tuple[str, str], bytes] = {}  # each value as marshal writes it
_stored: set[tuple[str, str]] = set()  # the values the file held when read
_compiled: dict[tuple[str, int], tuple[Any, ...]] = {}  # each pattern's compiled form
_loaded: list[Path] = []


def recall(kind: str, text: str, work: Callable[[str], T]) -> T:
    """`work(text)`, answered from the file when a run before worked it out for `text`: a
    fresh copy each time. Only values marshal writes are kept (text, numbers, lists, dicts,
    sets); an error is never kept."""
    key = (kind, text)
    stored = _values.get(key)
    if stored is not None:
        copy: T = marshal.loads(stored)
        return copy
    value = work(text)
    with contextlib.suppress(ValueError):
        _values[key] = marshal.dumps(value)  # type: ignore[arg-type]  # checked by marshal
    return value


def toml(text: str) -> dict[str, Any]:
    """The TOML `text` parsed, as `tomllib.loads` parses it (raising what it raises)."""
    return recall("toml", text, _parsed_toml)


def _parsed_toml(text: str) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(text)


def _path(name: str) -> Path | None:
    """Where the file `name` is, beside this module's bytecode; None when Python keeps none."""
    import importlib.util

    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    try:
        bytecode = Path(importlib.util.cache_from_source(__file__))
    except (NotImplementedError, ValueError):
        return None
    return bytecode.with_name(f"memo.{name}.{tag}.marshal")


def _stamp() -> tuple[Any, ...]:
    """What the file's compiled patterns depend on: this exact Python and its regex engine."""
    import _sre

    return (_VERSION, sys.version, _sre.MAGIC)


def load(name: str) -> None:
    """Read the file `name` (one for each command: each holds only what its command works
    out): its patterns are compiled at once (no parsing), its values recalled."""
    path = _path(name)
    if path is None or _loaded:
        return
    _loaded.append(path)
    try:
        stamp, values, compiled = marshal.loads(path.read_bytes())
        if stamp != _stamp():
            return
        patterns = {key: _pattern(key, form) for key, form in compiled.items()}
        if not all(type(v) is bytes and type(k) is tuple for k, v in values.items()):
            return
    except (OSError, EOFError, ValueError, TypeError, AttributeError, RuntimeError, re.error):
        return
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    for (pattern, flags), compiled_pattern in patterns.items():
        cache.setdefault((str, pattern, flags), compiled_pattern)
    _compiled.update(compiled)
    for key, value in values.items():
        _values.setdefault(key, value)
    _stored.update(values)


def _pattern(key: tuple[str, int], form: tuple[Any, ...]) -> re.Pattern[str]:
    """The pattern compiled from its stored form (the engine checks the form is sound)."""
    import _sre

    pattern, _ = key
    flags, code, groups, groupindex, indexgroup = form
    if not isinstance(pattern, str):
        raise TypeError("a pattern is text")
    words = array(_CODE, code).tolist()
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)
    return compiled


def _form(pattern: str, flags: int) -> tuple[Any, ...]:
    """What `_sre` compiles `pattern` from, as re's compiler makes it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = array(_CODE, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    state_flags = int(flags | parsed.state.flags)
    return (state_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _used_patterns() -> list[tuple[str, int]]:
    """The patterns this run compiled (or took from the file), as re keeps them."""
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    return [
        (pattern, int(flags))
        for kind, pattern, flags in list(cache)
        if kind is str and not flags & re.DEBUG
    ]


def _new_patterns() -> dict[tuple[str, int], tuple[Any, ...]]:
    """The compiled forms of the patterns this run compiled that the file does not hold."""
    return {key: _form(*key) for key in _used_patterns() if key not in _compiled}


def keep() -> None:
    """Write the file when this run worked out something it does not hold; any failure
    leaves the file as it was (the next run works it out again)."""
    if not _loaded or sys.dont_write_bytecode:
        return
    path = _loaded[0]
    try:
        patterns = _new_patterns()
    except Exception:  # another Python's compiler: keep no patterns
        patterns = {}
    values = {k: v for k, v in _values.items() if k not in _stored}
    if not patterns and not values:
        return
    kept = {k: v for k, v in _values.items() if k in _stored}
    if len(kept) + len(values) > MAX_VALUES:
        kept = {}
    compiled = _compiled | patterns
    if len(compiled) > MAX_PATTERNS:
        compiled = {k: compiled[k] for k in _used_patterns() if k in compiled}
    data = marshal.dumps((_stamp(), kept | values, compiled))
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
        _compiled.update(patterns)
        _stored.update(values)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
