"""Word counting on the exported prose, through mistune's token tree."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.model import Postmortem
    from wizard.templates.template import Template

PLUGINS = ["strikethrough", "table", "task_lists"]


@cache
def _ast_parser() -> Any:
    import mistune  # on first use: a draft opened again is counted from the memo file

    return mistune.create_markdown(renderer=None, plugins=PLUGINS)


def parse(markdown: str) -> list[dict[str, Any]]:
    """mistune's token tree for `markdown` (shared by the counter and the importer)."""
    tokens: list[dict[str, Any]] = _ast_parser()(markdown)
    return tokens


def walk(tokens: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every token of a mistune tree, depth first."""
    found = []
    for token in tokens:
        found.append(token)
        found.extend(walk(token.get("children", [])))
    return found


_SKIP = {"block_code", "block_html", "inline_html", "thematic_break"}


def prose(tokens: Iterable[dict[str, Any]]) -> str:
    """The readable text of a token tree, markup removed, blocks on their own lines."""
    out: list[str] = []

    def walk(items: Iterable[dict[str, Any]]) -> None:
        for token in items:
            kind = token["type"]
            if kind in _SKIP:
                continue
            if kind in ("text", "codespan"):
                out.append(token.get("raw", ""))
            elif kind in ("softbreak", "linebreak"):
                out.append(" ")
            if "children" in token:
                walk(token["children"])
                out.append("\n" if kind not in _INLINE else "")

    walk(tokens)
    return "".join(out)


_INLINE = {"emphasis", "strong", "link", "strikethrough", "image", "codespan"}


def count_words(markdown: str) -> int:
    """Words of prose in `markdown`: tokens that hold a letter or a digit."""
    return words_in(prose(parse(markdown)))


_WORD = re.compile(r"\S*?[^\W_]\S*")
"""A whitespace-separated token holding a letter or a digit (`[^\\W_]` is `str.isalnum`)."""


def words_in(text: str) -> int:
    """Words in plain text: whitespace-separated tokens with a letter or digit."""
    return len(_WORD.findall(text))


def kept_count(markdown: str) -> int:
    """`count_words(markdown)`, answered from the memo file when a run before counted the
    same text (keyed by its SHA-256, so the file stays small): a draft opened as it was left
    is counted without parsing it, or loading the Markdown parser, before its first frame."""
    from wizard import memo

    digest = hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest()
    return memo.recall("words", digest, lambda _: count_words(markdown))


Count = Callable[[str], int]


def section_words(
    pm: Postmortem, template: Template | None = None, count: Count = count_words
) -> dict[str, int]:
    """Words per section of the exported Markdown (headings included)."""
    from wizard import templates
    from wizard.markdown.writer import section_markdown

    template = template or templates.of(pm)
    return {s: count(section_markdown(pm, s, template)) for s in template.section_ids}


def frame_words(pm: Postmortem, count: Count = count_words) -> int:
    """Words of the exported document outside its four sections: the title, and the closing
    Unsorted part while the draft holds unsorted text."""
    from wizard.markdown.writer import title_markdown, unsorted_markdown

    return count(title_markdown(pm)) + count(unsorted_markdown(pm) or "")


def total_words(pm: Postmortem, per_section: dict[str, int] | None = None) -> int:
    """Words of the whole exported document: the title, every section, the unsorted part."""
    counts = per_section if per_section is not None else section_words(pm)
    return frame_words(pm) + sum(counts.values())


def author_words(pm: Postmortem, field: str) -> int:
    """Words the author wrote in one top-level field of a draft (`root_cause`, `timeline`:
    its entries' text, `tasks`: their text and owners), as the document counts them; the
    lines pmwizard writes around them (headings, labels, times) are not theirs."""
    value = getattr(pm, field, None)
    if field == "impact":
        texts = [pm.impact.down, pm.impact.experience]
    elif field == "timeline":
        texts = [entry.text for entry in pm.timeline]
    elif field == "tasks":
        texts = [part for task in pm.tasks for part in (task.text, task.owner or "")]
    elif field == "improvements":
        texts = list(pm.improvements)
    elif field == "parts":
        texts = [t for v in pm.parts.values() for t in ([v] if isinstance(v, str) else v)]
    elif field in AUTHOR_FIELDS and isinstance(value, str):
        texts = [value]
    else:
        return 0
    return sum(words_in(text) for text in texts)


AUTHOR_FIELDS = (
    "title",
    "service",
    "impact",
    "root_cause_summary",
    "timeline",
    "root_cause",
    "resolution",
    "improvements",
    "tasks",
    "parts",
    "unsorted",
)
"""The fields whose words the author types (or an import kept) and the export carries."""
