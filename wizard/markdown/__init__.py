"""The exported document: its writer, its HTML page and its word counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.model import Postmortem
    from wizard.templates.template import Template

FORMATS = {"markdown": ("Markdown", ".md"), "html": ("HTML", ".html"), "json": ("JSON", ".json")}
"""Each export format's name for people and the file suffix it is saved with."""


def render(pm: Postmortem, fmt: str, template: Template | None = None) -> str:
    """The postmortem as `markdown`, `html` or `json` (the draft file's own text), laid out by
    `template` (by default the one it follows)."""
    if fmt == "html":
        from wizard.markdown import html

        return html.to_html(pm, template)
    if fmt == "json":
        from wizard.drafts import dump

        return dump(pm)
    from wizard.markdown import writer

    return writer.to_markdown(pm, template)
