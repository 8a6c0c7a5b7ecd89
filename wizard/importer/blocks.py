"""A Markdown document as a flat list of blocks (headings, lines, list items, rows)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from wizard.markdown import counts


@dataclass(frozen=True)
class Block:
    """One readable piece in reading order, as prose (markup removed).

    `kind`: heading, line (of a paragraph), item (a list item's first paragraph), cont (more of
    an item), head/row (a table's), code, figure (an image alone). `level`: a heading's level or
    a list's depth; `group`: the paragraph or item it belongs to; `counted`: whether its words
    count as prose (the exporter's counter skips code and HTML).
    """

    kind: str
    text: str
    level: int = 0
    group: int = 0
    checked: bool | None = None
    counted: bool = True
    source: str = ""
    """The inline Markdown of a line or item when it holds markup (`*not*`, `` `pool` ``)."""


_HTML_HEADING = re.compile(r"<h([1-6])[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</br>", re.IGNORECASE)
_MARKDOWN_CODE = {"markdown", "md"}
_UNSPACED_HEADING = re.compile(r"#{1,6}(?=[^\s#])")


class _Walker:
    """Turns mistune's token tree into Blocks; groups number paragraphs and list items."""

    def __init__(self) -> None:
        self.group = 0

    def _next_group(self) -> int:
        self.group += 1
        return self.group

    def walk(self, tokens: Iterable[dict[str, Any]], depth: int = 0) -> Iterator[Block]:
        """The blocks of `tokens`, in reading order; block quotes are read as their content."""
        for token in tokens:
            kind = token["type"]
            if kind == "heading":
                text = _inline_text(token.get("children", []))
                yield Block("heading", text, token["attrs"]["level"], self._next_group())
            elif kind == "paragraph":
                yield from self._lines(token.get("children", []))
            elif kind == "list":
                yield from self._list(token, depth)
            elif kind == "block_quote":
                yield from self.walk(token.get("children", []), depth)
            elif kind == "table":
                yield from self._table(token)
            elif kind == "block_code":
                yield from self._code(token, depth)
            elif kind == "block_html":
                yield from self._html(token.get("raw", ""))

    def _lines(self, children: list[dict[str, Any]]) -> Iterator[Block]:
        """A paragraph's lines; `#Title` (no space) still reads as a heading."""
        group = self._next_group()
        for line in _split_lines(children):
            text = counts.prose(line)
            if not text.strip():
                continue
            if all(t["type"] == "image" or not t.get("raw", "x").strip() for t in line):
                yield Block("figure", text, group=group)
                continue
            heading = _UNSPACED_HEADING.match(text)
            if heading:
                yield Block("heading", text[heading.end() :], len(heading.group(0)), group)
                continue
            yield Block("line", text, group=group, source=_marked_up([line], text))

    def _list(self, token: dict[str, Any], depth: int) -> Iterator[Block]:
        for item in token.get("children", []):
            checked = (
                item.get("attrs", {}).get("checked") if item["type"] == "task_list_item" else None
            )
            group = self._next_group()
            first = True
            for child in item.get("children", []):
                if first and child["type"] in ("block_text", "paragraph"):
                    lines = _split_lines(child["children"])
                    text = " ".join(counts.prose(line) for line in lines)
                    source = _marked_up(lines, text)
                    yield Block("item", text, depth, group, checked, source=source)
                    first = False
                elif child["type"] == "list":
                    yield from self._list(child, depth + 1)
                else:
                    for block in self.walk([child], depth):
                        yield Block("cont", block.text, depth, group, counted=block.counted)
            if first:
                yield Block("item", "", depth, group, checked)

    def _table(self, token: dict[str, Any]) -> Iterator[Block]:
        for part in token.get("children", []):
            rows = [part] if part["type"] == "table_head" else part.get("children", [])
            for row in rows:
                cells = [counts.prose(cell.get("children", [])).strip() for cell in row["children"]]
                kind = "head" if part["type"] == "table_head" else "row"
                yield Block(kind, " | ".join(cells), group=self._next_group())

    def _code(self, token: dict[str, Any], depth: int) -> Iterator[Block]:
        """A fenced Markdown block is read as Markdown (a report pasted inside ```markdown);
        an indented block as plain lines (usually text indented by accident); other code whole."""
        raw = token.get("raw", "")
        info = (token.get("attrs", {}).get("info") or "").strip().lower()
        if info in _MARKDOWN_CODE:
            yield from self.walk(counts.parse(raw), depth)
        elif token.get("style") == "indent":
            group = self._next_group()
            for line in raw.splitlines():
                if line.strip():
                    yield Block("line", line.strip(), group=group, counted=False)
        else:
            yield Block("code", raw.rstrip("\n"), group=self._next_group(), counted=False)

    def _html(self, raw: str) -> Iterator[Block]:
        """An HTML block: tags dropped, `<h3>` read as a heading, and the Markdown lines that
        CommonMark swallows into the block (up to the next blank line) read as Markdown."""
        markdown_lines: list[str] = []
        for line in raw.splitlines():
            if line.lstrip().startswith("<") or not line.strip():
                yield from self._swallowed(markdown_lines)
                markdown_lines = []
                yield from self._html_line(line)
            else:
                markdown_lines.append(line)
        yield from self._swallowed(markdown_lines)

    def _swallowed(self, lines: list[str]) -> Iterator[Block]:
        for block in self.walk(counts.parse("\n".join(lines))) if lines else ():
            yield replace(block, counted=False)

    def _html_line(self, raw: str) -> Iterator[Block]:
        group = self._next_group()
        position = 0
        for start, end, level, inner in _html_headings(raw):
            yield from _html_lines(raw[position:start], group)
            text = _html_text(inner)
            if text:
                yield Block("heading", text, level, self._next_group(), counted=False)
            position = end
        yield from _html_lines(raw[position:], group)


def _html_headings(raw: str) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, level, inner HTML) of each `<hN>...</hN>` in `raw`, in linear time: a level
    whose closing tag is missing is not searched for again."""
    position, unclosed = 0, set()
    for opening in _HTML_HEADING.finditer(raw):
        level = opening.group(1)
        if opening.start() < position or level in unclosed:
            continue
        closing = re.compile(rf"</h{level}\s*>", re.IGNORECASE).search(raw, opening.end())
        if closing is None:
            unclosed.add(level)
            continue
        yield opening.start(), closing.end(), int(level), raw[opening.end() : closing.start()]
        position = closing.end()


def _html_lines(raw: str, group: int) -> Iterator[Block]:
    for line in _BREAK_TAG.sub("\n", raw).splitlines():
        text = _html_text(line)
        if any(ch.isalnum() for ch in text):
            yield Block("line", text, group=group, counted=False)


def _html_text(raw: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", raw)).split())


def _inline_text(children: list[dict[str, Any]]) -> str:
    return " ".join(counts.prose(children).split())


_WRAPS = {"emphasis": "*", "strong": "**", "strikethrough": "~~"}


def _inline_source(tokens: Iterable[dict[str, Any]]) -> str:
    """Inline tokens written back as Markdown: emphasis, code spans and links kept."""
    out = []
    for token in tokens:
        kind = token["type"]
        inner = _inline_source(token.get("children", []))
        if kind in _WRAPS:
            out.append(f"{_WRAPS[kind]}{inner}{_WRAPS[kind]}")
        elif kind == "codespan":
            raw = token.get("raw", "")
            fence = "`" * (max(map(len, re.findall("`+", raw)), default=0) + 1)
            pad = " " if raw.startswith("`") or raw.endswith("`") else ""
            out.append(f"{fence}{pad}{raw}{pad}{fence}")
        elif kind in ("link", "image"):
            url = token.get("attrs", {}).get("url", "")
            bang = "!" if kind == "image" else ""
            out.append(inner if inner == url else f"{bang}[{inner}]({url})")
        elif kind == "softbreak":
            out.append(" ")
        else:
            out.append(token.get("raw", inner))
    return "".join(out)


def _marked_up(lines: list[list[dict[str, Any]]], text: str) -> str:
    """The inline Markdown of `lines` when it holds markup the prose `text` lost, else ''."""
    if not any(t["type"] in (*_WRAPS, "codespan", "link") for line in lines for t in line):
        return ""
    source = " ".join(_inline_source(line).strip() for line in lines)
    return source if source != text.strip() else ""


def _split_lines(children: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Inline tokens cut into lines at breaks (and at `<br>`; soft breaks then join)."""
    has_br = any(
        t["type"] == "inline_html" and _BREAK_TAG.fullmatch(t.get("raw", "").strip())
        for t in children
    )
    lines: list[list[dict[str, Any]]] = [[]]
    for token in children:
        kind = token["type"]
        is_br = kind == "inline_html" and _BREAK_TAG.fullmatch(token.get("raw", "").strip())
        if kind == "linebreak" or is_br or (kind == "softbreak" and not has_br):
            lines.append([])
        elif kind == "softbreak":
            lines[-1].append({"type": "text", "raw": " "})
        else:
            lines[-1].append(token)
    return [line for line in lines if line]


def document_blocks(text: str) -> Iterator[Block]:
    """The blocks of a whole document."""
    return _Walker().walk(counts.parse(text))


_WRAP_END = re.compile(r"(?:[,(\-–—/]|\b(?:and|or|the|to|of|a|an|with|for|in|on|at|by))\s*$")


def wraps(before: str, after: str) -> bool:
    """True when `after` continues the line `before` (a hard wrap), not a new statement."""
    return after[:1].islower() or bool(_WRAP_END.search(before.rstrip()[-8:]))
