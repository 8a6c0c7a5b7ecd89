"""The wizard's steps: one per section of the draft's template, then the review."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.templates.template import Template

REVIEW = "review"
"""The last step of every template: the document, the whole rubric and Save Markdown."""
REVIEW_TITLE, REVIEW_SHORT = "Review and save", "Review"

# The form's name for a model path, where a message must say which field it is about.
FIELD_LABELS = {
    "window.start": "Start",
    "window.end": "End",
    "window.zone": "Time zone",
    "second_zone": "Also show times in",
    "impact.percent": "Users affected (%)",
}


def steps(template: Template) -> tuple[str, ...]:
    """The steps of a draft following `template`: its sections in order, then the review."""
    return (*template.section_ids, REVIEW)


def step_titles(template: Template) -> dict[str, str]:
    """Each step's title (the section's heading), by step."""
    return {**template.headings, REVIEW: REVIEW_TITLE}


def short_titles(template: Template) -> dict[str, str]:
    """Each step's short name, as the stepper shows it."""
    return {**{s.id: s.title for s in template.sections}, REVIEW: REVIEW_SHORT}


def step_after(found: tuple[str, ...], step: str, offset: int) -> str:
    """The step of `found` `offset` places away from `step`, clamped to the first and last."""
    index = min(max(found.index(step) + offset, 0), len(found) - 1)
    return found[index]
