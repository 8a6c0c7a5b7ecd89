"""Neutralising terminal escape sequences and control characters in untrusted text."""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves, clear screen)
    # OSC, DCS, SOS, PM and APC strings (titles, hyperlinks) with their terminator; an
    # unterminated one loses only its introducer below, so the text after it is kept.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    # Other escapes (charset switches, save cursor) or a lone ESC; a letter after it is kept.
    r"|\x1b(?:[!-/]+[0-~]|[0-_])?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # C0/C1 controls but tab and newline
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Any character either pattern above could touch: text without one is already clean."""
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


def json_text(data: Any, indent: int | None = 2) -> str:
    """`json.dumps(data, ensure_ascii=False)` safe to print: json leaves DEL and the C1
    controls (U+0080-U+009F, which some terminals obey) raw, so they are escaped here too."""
    text = _SURROGATE.sub("\ufffd", json.dumps(data, indent=indent, ensure_ascii=False))
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
