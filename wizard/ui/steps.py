"""The wizard's steps: one per exported section, then the review."""

from __future__ import annotations

from wizard.templates import classic

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
