"""The postmortem as a standalone HTML page, rendered from its Markdown."""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import mistune

from wizard.markdown.counts import PLUGINS
from wizard.markdown.writer import to_markdown
from wizard.model import Postmortem

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.55 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1f2328; }}
h1, h2, h3 {{ line-height: 1.25; }}
h2 {{ border-bottom: 1px solid #d0d7de; padding-bottom: .3em; margin-top: 2rem; }}
li.task-list-item {{ list-style: none; }}
.task-list-item-checkbox {{ margin: 0 .5em 0 0; }}
</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


@cache
def _html_renderer() -> Any:
    markdown = mistune.create_markdown(escape=True, plugins=PLUGINS)
    renderer: Any = markdown.renderer
    renderer.register("task_list_item", _task_item)
    return markdown


def _task_item(renderer: Any, text: str, checked: bool = False) -> str:
    """A task's checkbox, a space, then its text (copied as text, the two stay apart)."""
    box = f'<input class="task-list-item-checkbox" type="checkbox" disabled{" checked" * checked}/>'
    text = f"<p>{box} {text[3:]}" if text.startswith("<p>") else f"{box} {text}"
    return f'<li class="task-list-item">{text}</li>\n'


def to_html(pm: Postmortem) -> str:
    """A standalone HTML page of the postmortem."""
    body = _html_renderer()(to_markdown(pm))
    return _PAGE.format(title=html.escape(pm.title or "Postmortem"), body=body)
