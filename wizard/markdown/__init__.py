"""The exported document: its writer, its HTML page and its word counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.model import Postmortem

FORMATS = {"markdown": ("Markdown", ".md"), "html": ("HTML", ".html"), "json": ("JSON", ".json")}
"""Each export format's name for people and the file suffix it is saved with."""


def render(pm: Postmortem, fmt: str) -> str:
    """The postmortem as `markdown`, `html` or `json` (the draft file's own text)."""
    if fmt == "html":
        from wizard.markdown import html

        return html.to_html(pm)
    if fmt == "json":
        from wizard.drafts import dump

        return dump(pm)
    from wizard.markdown import writer

    return writer.to_markdown(pm)
