"""The exported Markdown as a reader sees it: headings, paragraphs, lists, quotes, code and
tables laid out as styled text, from the same mistune token tree the word counts read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from wizard.markdown import counts

Token = dict[str, Any]

INLINE_STYLES = {
    "strong": "bold",
    "emphasis": "italic",
    "strikethrough": "strike",
    "codespan": "bold $text-accent",
    "link": "underline $text-primary",
    "image": "italic $text-primary",
}
MARKER = "$text-primary"
"""Bullets, numbers, checkboxes and quote bars (and the indent under them)."""
BULLETS = ("•", "◦", "▪")
CHECKBOXES = {False: "☐", True: "☒"}


def heading_style(level: int) -> str:
    """The theme's style of a heading `level` (1-6), as Textual's Markdown widget draws it."""
    prefix = f"$markdown-h{min(max(level, 1), 6)}"
    return f"{prefix}-color on {prefix}-background {prefix}-text-style"


def inline(tokens: Iterable[Token]) -> Content:
    """Inline tokens as styled text: emphasis, code, links; line breaks kept."""
    parts: list[Content] = []
    for token in tokens:
        kind = token["type"]
        if kind == "softbreak":
            parts.append(Content(" "))
        elif kind == "linebreak":
            parts.append(Content("\n"))
        elif "children" in token:
            part = inline(token["children"])
            style = INLINE_STYLES.get(kind)
            parts.append(part.stylize(style) if style else part)
        else:
            text = token.get("raw", "")
            style = INLINE_STYLES.get(kind)
            parts.append(Content.styled(text, style) if style else Content(text))
    return Content("").join(parts)


@dataclass(frozen=True)
class Block:
    """A run of text laid out at a width: `first` begins its first line and `rest` every
    later one (a bullet and its hanging indent). Every line wraps at the width, a long code
    line or table row too: nothing is cut off."""

    body: Content
    first: str = ""
    rest: str = ""

    def lines(self, width: int) -> list[Content]:
        room = max(width - max(cell_len(self.first), cell_len(self.rest)), 1)
        lines: list[Content] = []
        for line in self.body.split("\n", allow_blank=True):
            lines.extend(line.wrap(room) if line else [line])
        first, rest = Content.styled(self.first, MARKER), Content.styled(self.rest, MARKER)
        return [(first if n == 0 else rest) + line for n, line in enumerate(lines)]


GAP = Block(Content(""))
"""The blank line between blocks."""


def _prefixed(blocks: Iterable[Block], first: str, rest: str) -> Iterator[Block]:
    """`blocks` indented under a marker (`first` once, then `rest`)."""
    for n, block in enumerate(blocks):
        lead = first if n == 0 else rest
        yield Block(block.body, lead + block.first, rest + block.rest)


def blocks(tokens: Iterable[Token]) -> Iterator[Block]:
    """Block tokens laid out, a blank line between each and the next."""
    started = False
    for token in tokens:
        laid = list(_block(token))
        if not laid:
            continue
        if started:
            yield GAP
        started = True
        yield from laid


def _block(token: Token) -> Iterator[Block]:
    kind = token["type"]
    children = token.get("children", [])
    if kind == "heading":
        yield Block(inline(children).stylize(heading_style(token["attrs"]["level"])))
    elif kind in ("paragraph", "block_text"):
        yield Block(inline(children))
    elif kind == "list":
        yield from _list(token)
    elif kind == "block_quote":
        yield from _prefixed(blocks(children), "▌ ", "▌ ")
    elif kind == "block_code":
        code = token.get("raw", "").rstrip("\n")
        yield Block(Content.styled(code, "$text-accent"), "  ", "  ")
    elif kind == "block_html":
        yield Block(Content(token.get("raw", "").rstrip("\n")))
    elif kind == "thematic_break":
        yield Block(Content.styled("─" * 40, "$text-muted"))
    elif kind == "table":
        yield from _table(token)
    elif children:
        yield from blocks(children)


def _list(token: Token) -> Iterator[Block]:
    """Each item under its bullet, number or checkbox, its later lines hanging under its text;
    a loose list keeps a blank line between items."""
    attrs = token.get("attrs", {})
    number = int(attrs.get("start", 1))
    bullet = BULLETS[attrs.get("depth", 0) % len(BULLETS)]
    loose = not token.get("tight", True)
    for n, item in enumerate(token.get("children", [])):
        if attrs.get("ordered"):
            marker = f"{number + n}. "
        elif item["type"] == "task_list_item":
            marker = f"{bullet} {CHECKBOXES[bool(item.get('attrs', {}).get('checked'))]} "
        else:
            marker = f"{bullet} "
        if n and loose:
            yield GAP
        children = item.get("children", [])
        inner = list(blocks(children)) if loose else [b for c in children for b in _block(c)]
        yield from _prefixed(inner or [Block(Content(""))], marker, " " * cell_len(marker))


def _table(token: Token) -> Iterator[Block]:
    """Rows of cells padded to their column's width, the header bold and ruled off."""
    rows: list[tuple[bool, list[Content]]] = []
    for part in token.get("children", []):
        found = part["children"] if part["type"] == "table_body" else [part]
        for row in found:
            rows.append(
                (part["type"] == "table_head", [inline(c["children"]) for c in row["children"]])
            )
    if not rows:
        return
    columns = max(len(cells) for _, cells in rows)
    widths = [
        max((cell_len(cells[i].plain) for _, cells in rows if i < len(cells)), default=0)
        for i in range(columns)
    ]
    for head, cells in rows:
        padded = [
            (cells[i] if i < len(cells) else Content("")).pad_right(
                widths[i] - (cell_len(cells[i].plain) if i < len(cells) else 0)
            )
            for i in range(columns)
        ]
        line = Content(" │ ").join(padded)
        yield Block(line.stylize("bold") if head else line)
        if head:
            rule = "─┼─".join("─" * w for w in widths)
            yield Block(Content.styled(rule, "$text-muted"))


class DocumentVisual(Visual):
    """The document laid out at whatever width it is drawn (the last width is remembered)."""

    def __init__(self, laid: list[Block]) -> None:
        self.laid = laid
        self._lines: tuple[int, list[Content]] = (-1, [])

    def lines(self, width: int) -> list[Content]:
        if self._lines[0] != width:
            self._lines = (width, [line for b in self.laid for line in b.lines(width)])
        return self._lines[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        document = Content("\n").join(self.lines(width))
        return document.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


def laid_out(markdown: str) -> DocumentVisual:
    """`markdown` parsed as the word counts parse it, and laid out."""
    return DocumentVisual(list(blocks(counts.parse(markdown))))


class DocumentView(Widget):
    """Markdown shown as its reader sees it, in one widget (light on a long document)."""

    DEFAULT_CSS = """
    DocumentView {
        height: auto;
    }
    """

    def __init__(self, markdown: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markdown = markdown
        self._visual = laid_out(markdown)

    def show(self, markdown: str) -> None:
        """Show `markdown` instead (nothing is done when it is the same)."""
        if markdown == self.markdown:
            return
        self.markdown = markdown
        self._visual = laid_out(markdown)
        self.refresh(layout=True)

    def render(self) -> Visual:
        return self._visual

    def render_line(self, y: int) -> Strip:
        """One line, drawn when it scrolls into view: a long document keeps no drawn lines
        for the part that is out of sight."""
        width = self.size.width
        lines = self._visual.lines(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        return Visual.to_strips(self, lines[y], width, 1, self.visual_style)[0]
