"""Neutralising terminal escape sequences and control characters in untrusted text."""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""The C0 and C1 controls and DEL, but tab and newline (a character class's inside)."""
_BIDI = "\u202a-\u202e\u2066-\u2069"
"""The bidirectional embeddings, overrides and isolates, which reorder the text after them."""
_CONTROL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves, clear screen)
    # OSC, DCS, SOS, PM and APC strings (titles, hyperlinks) with their terminator; an
    # unterminated one loses only its introducer below, so the text after it is kept.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    # Other escapes (charset switches, save cursor) or a lone ESC; a letter after it is kept.
    r"|\x1b(?:[!-/]+[0-~]|[0-_])?"
    rf"|[{_CONTROLS}]"  # C0/C1 controls but tab and newline
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SUSPECT = re.compile(rf"[{_CONTROLS}\ud800-\udfff]")
"""Any character either pattern above could touch: text without one is already clean."""
_NOT_ONE_LINE = re.compile(rf"[\t\n\r{_CONTROLS}\u2028\u2029{_BIDI}\ud800-\udfff]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def clean_text(value: str) -> str:
    """Drop terminal escapes and control characters (tab and newline stay); unify line ends.

    A lone surrogate (an undecodable byte of a file name) becomes U+FFFD, so the text can
    always be written as UTF-8.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _SUSPECT.search(value) is None:
        return value
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))


def terminal_safe(value: str) -> str:
    """Text safe to print on one terminal line."""
    return " ".join(clean_text(value).split("\n"))


def line_problem(value: str) -> str | None:
    """What keeps `value` from being one line of plain text (a heading, a label), naming the
    first character at fault (`a control character (U+001B)`); None when nothing does."""
    found = _NOT_ONE_LINE.search(value)
    if found is None:
        return None
    char = found.group()
    if char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        what = "a line break"
    elif re.match(f"[{_BIDI}]", char):
        what = "a bidirectional control"
    elif _SURROGATE.match(char):
        what = "a lone surrogate"
    else:
        what = "a control character"
    return f"{what} (U+{ord(char):04X})"


def json_text(data: Any, indent: int | None = 2) -> str:
    """`json.dumps(data, ensure_ascii=False)` safe to print: json leaves DEL and the C1
    controls (U+0080-U+009F, which some terminals obey) raw, so they are escaped here too."""
    text = _SURROGATE.sub("\ufffd", json.dumps(data, indent=indent, ensure_ascii=False))
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
