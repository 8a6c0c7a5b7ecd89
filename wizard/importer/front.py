"""Front matter above a postmortem: YAML (`---`), TOML (`+++`) or plain `title:` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCED = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>(?:[^\n]*\n)*?)(?:(?P=fence)|\.\.\.)[ \t]*(?:\n|\Z)"
)
_KEY = r"[A-Za-z_][\w -]{0,30}?"
_FIELD = re.compile(rf"\s*{_KEY}\s*[:=](?:\s|$)")
_MORE = re.compile(r"\s+\S|\s*-\s")
"""A folded value's next line (indented) or an item of a YAML list."""
_TITLE = re.compile(r"^title\s*[:=]\s*(?P<title>.*?)\s*$", re.IGNORECASE | re.MULTILINE)
_PLAIN_KEYS = re.compile(
    r"(?:title|author|authors|source|date|created|updated|published|status|tags|category)"
    r"\s*:\s*\S",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FrontMatter:
    """What stands above the text: its title, its other lines, and the text after it."""

    title: str
    rest: str
    body: str
    written: str = ""
    """The title as written (`title:`), read as structure."""


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter of `text`: a fenced YAML or TOML block whose lines are `key: value`
    (keys may hold spaces; values may fold onto indented lines), or a first paragraph of
    `title:` / `author:` / `source:` lines; None when there is none."""
    fenced = _FENCED.match(text)
    if fenced and _is_fields(fenced["body"]):
        return _front(fenced["body"], text[fenced.end() :])
    first, _, after = text.partition("\n\n")
    lines = [line for line in first.splitlines() if line.strip()]
    plain = lines and all(_PLAIN_KEYS.match(line) for line in lines)
    if plain and _TITLE.search(first):
        return _front(first, after)
    return None


def _is_fields(body: str) -> bool:
    lines = [line for line in body.splitlines() if line.strip()]
    if not lines or not _FIELD.match(lines[0]):
        return False
    return all(_FIELD.match(line) or _MORE.match(line) for line in lines)


def _front(body: str, after: str) -> FrontMatter:
    title = _TITLE.search(body)
    rest = _TITLE.sub("", body).strip()
    if title is None:
        return FrontMatter("", rest, after)
    return FrontMatter(title["title"].strip("\"'"), rest, after, "title:")
