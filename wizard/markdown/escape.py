"""Author text in the export: block structure and HTML neutralised, inline markup as typed.

What the author typed is inline Markdown: emphasis, code spans and links render as such.
Everything else shows as typed: a backslash stays a backslash, `<b>` and `&amp;` stay text,
and a line cannot start a heading, list, quote, fence or table. Code spans are left exactly
as typed, since Markdown shows their content as it is (escapes would show as backslashes).
`unescape` undoes `escape_block` and `escape_inline` exactly.
"""

from __future__ import annotations

import re
from functools import cache

_PUNCTUATION = r"[!-/:-@\[-`{-~]"
# A backslash before punctuation (or ending the text, where it would make a hard break or
# escape what follows, such as the backtick opening a code span).
_PUNCT_AFTER_BACKSLASH = re.compile(rf"\\(?={_PUNCTUATION}|\Z)")
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_ESCAPED = re.compile(rf"\\({_PUNCTUATION})")
# What makes a line start a block: a heading, quote, fence, table, setext underline, an
# ordered list's number; `* + -` before a space (a list item) or in a thematic break (`***`,
# `- - -`, `--` as an underline); `[` of a link reference definition (`[id]: url`), of a
# checkbox (`[ ]`), or whose label this line does not close (it could close on the next).
_LINE_START = re.compile(
    r"^(?:[#>=_|~:]|\d+(?=[.)])|[*+\-](?=\s|$)|(?:\*[ \t]*){3,}$|(?:-[ \t]*)+$"
    r"|\[(?!(?:\\.|[^\\\[\]])*\](?!:))|\[[ xX]\](?=\s|$))"
)


_TICKS = re.compile(r"`+")
_ESCAPE_OR_TICKS = re.compile(rf"\\{_PUNCTUATION}|`+")
"""Where a code span could open (a run of backticks), and, in escaped text, a backslash
before punctuation, which escapes it (checked first, as a backslash comes first)."""


@cache
def _closing(run: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{run}}}(?!`)")


def code_spans(text: str, escaped: bool) -> list[tuple[bool, str]]:
    """`text` cut into (is code, piece): a code span is a run of backticks up to the next run
    of the same length, as Markdown reads it. With `escaped`, a backslash before punctuation
    outside a span escapes it, so an escaped backtick opens nothing."""
    pieces: list[tuple[bool, str]] = []
    opener = _ESCAPE_OR_TICKS if escaped else _TICKS
    start = i = 0
    while found := opener.search(text, i):
        i, end = found.span()
        if text[i] == "\\":  # an escape: what it escapes opens nothing
            i = end
            continue
        closer = _closing(end - i).search(text, end)
        if closer is None:
            i = end
            continue
        if start < i:
            pieces.append((False, text[start:i]))
        pieces.append((True, text[i : closer.end()]))
        start = i = closer.end()
    if start < len(text):
        pieces.append((False, text[start:]))
    return pieces


def _escape_text(text: str, guard: re.Pattern[str] | None) -> str:
    """Text outside code spans: backslashes doubled where Markdown would take them as
    escapes; `<`, entities and backticks (which close nowhere on the line, so could only
    pair with one on another line) escaped; and what `guard` matches escaped too."""
    text = _PUNCT_AFTER_BACKSLASH.sub(r"\\\\", text)
    text = _ENTITY.sub(r"\\&", text.replace("<", "\\<").replace("`", "\\`"))
    return guard.sub(lambda match: f"\\{match.group(0)}", text) if guard else text


def _escape_line(line: str, guard: re.Pattern[str] | None = None) -> str:
    pieces = code_spans(line.strip(), escaped=False)
    escaped = "".join(piece if code else _escape_text(piece, guard) for code, piece in pieces)
    if not pieces or pieces[0][0]:  # a line that starts with a code span starts no block
        return escaped
    match = _LINE_START.match(escaped)
    if not match:
        return escaped
    if match.group(0).isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def escape_block(text: str) -> str:
    """Author text as Markdown paragraphs that cannot become headings, HTML, code or lists."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        "\n".join(_escape_line(line) for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def escape_inline(text: str, guard: re.Pattern[str] | None = None) -> str:
    """Author text for one line (a bullet, a label): newlines become spaces; what `guard`
    matches outside code spans is escaped as well (a task's `(owner: `)."""
    return _escape_line(" ".join(text.split()), guard)


def unescape(text: str) -> str:
    """Author text back from escaped lines: every backslash escape outside code spans undone."""
    return "".join(
        piece if code else _ESCAPED.sub(r"\1", piece) for code, piece in code_spans(text, True)
    )
