"""Advice on wording beside the rubric: a group in the sidebar and a dim line under a field.
Advice is never an error: it changes no rubric point and blocks nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from wizard.templates import classic

if TYPE_CHECKING:
    from wizard.advice import Advice
    from wizard.templates.template import Template

QUOTED = 24
"""Characters of the words found shown before an ellipsis (the sidebar is narrow)."""


def step_of(field: str, template: Template | None = None) -> str:
    """The wizard step whose form holds `field` in a draft of `template` (by default the
    classic one: `tasks.2.owner` -> `measures`); the title is on the first step."""
    template = template or classic()
    head = field.partition(".")[0]
    if head == "title":
        return template.section_ids[0]
    sections = template.field_sections.get(head, ("review",))
    # A field feeds its own section first of all (the timeline also feeds the summary's times).
    return head if head in sections else sections[0]


def where(field: str, template: Template | None = None) -> str:
    """`Root cause`, `Task 3`: the field of a dotted path in the words of `template` (by
    default the classic one)."""
    return (template or classic()).field_name(field)


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"}"'


def field_text(
    found: list[Advice], items: bool = False, template: Template | None = None
) -> str | None:
    """The lines under a field (`B1 "human error": name the condition ...`), each list item
    named in `template`'s words (`Task 2, A3: ...`); None when there is nothing to say."""
    lines = []
    for advice in found:
        head = f"{where(advice.field, template)}, {advice.id}" if items else advice.id
        said = "" if items else f" {quoted(advice.text)}"
        lines.append(f"{head}{said}: {advice.suggestion}")
    return "\n".join(lines) or None


class AdvicePanel(VerticalScroll, can_focus=False):
    """The sidebar's Advice group: what was found where, hidden when there is none; it
    scrolls (with the mouse) when there is more than its share of the sidebar."""

    _shown: list[Advice] | None = None  # what the lines say (None: nothing shown yet)

    def compose(self) -> ComposeResult:
        yield Static("Advice", classes="panel-title")
        yield Static("", classes="advice-lines")

    def on_mount(self) -> None:
        self.add_class("-empty")  # by class, not `display`: a short sidebar hides it too

    def show(self, found: list[Advice], template: Template | None = None) -> None:
        """`✎ B1 Root cause` and, dim under it, the words found, for each piece of advice;
        fields named in `template`'s words."""
        if found == self._shown:
            return
        self._shown = list(found)
        parts: list[str | tuple[str, str]] = []
        for advice in found:
            parts += ["\n" if parts else "", f"✎ {advice.id} {where(advice.field, template)}\n"]
            parts.append((f"  {quoted(advice.text)}", "dim"))
        self.query_one(".advice-lines", Static).update(Content.assemble(*parts))
        self.set_class(not found, "-empty")
