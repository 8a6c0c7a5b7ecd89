"""Neutralising terminal escape sequences and control characters in untrusted text."""

from __future__ import annotations

import re

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences (titles, hyperlinks)
    r"|\x1b[@-_]?"  # other escapes
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # C0/C1 controls but tab and newline
)


def clean_text(value: str) -> str:
    """Drop terminal escapes and control characters (tab and newline stay); unify line ends."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


def terminal_safe(value: str) -> str:
    """Text safe to print on one terminal line."""
    return " ".join(clean_text(value).split("\n"))
