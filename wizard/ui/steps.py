"""The wizard's steps: one per exported section, then the review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.templates import classic

if TYPE_CHECKING:
    from wizard.templates.template import Template

_CLASSIC = classic()
STEPS: tuple[str, ...] = (*_CLASSIC.section_ids, "review")
STEP_TITLES = {**_CLASSIC.headings, "review": "Review and save"}
SHORT_TITLES = {**{s.id: s.title for s in _CLASSIC.sections}, "review": "Review"}

# The form's name for a model path, where a message must say which field it is about.
FIELD_LABELS = {
    "window.start": "Start",
    "window.end": "End",
    "window.zone": "Time zone",
    "second_zone": "Also show times in",
    "impact.percent": "Users affected (%)",
}


def step_after(step: str, offset: int) -> str:
    """The step `offset` places away, clamped to the first and last."""
    index = min(max(STEPS.index(step) + offset, 0), len(STEPS) - 1)
    return STEPS[index]


def unshown(template: Template) -> str | None:
    """Why the wizard cannot show a draft of `template` (sections it has no screen for), or
    None when it can."""
    missing = [s.heading for s in template.sections if s.id not in STEPS]
    if not missing:
        return None
    return (
        f"the wizard has no screen for the sections {', '.join(map(repr, missing))} of the "
        f"template {template.name!r} yet; the draft is kept as it is: use pmwizard export "
        f"to write it and pmwizard check --template {template.name} FILE to check a document"
    )
