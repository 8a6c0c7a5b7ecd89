"""The wizard's steps: one per exported section, then the review."""

from __future__ import annotations

from wizard.markdown import HEADINGS, SECTIONS

STEPS: tuple[str, ...] = (*SECTIONS, "review")
STEP_TITLES = {**HEADINGS, "review": "Review and save"}
SHORT_TITLES = {
    "summary": "Issue Summary",
    "timeline": "Timeline",
    "root_cause": "Root Cause",
    "measures": "Measures",
    "review": "Review",
}


def step_after(step: str, offset: int) -> str:
    """The step `offset` places away, clamped to the first and last."""
    index = min(max(STEPS.index(step) + offset, 0), len(STEPS) - 1)
    return STEPS[index]
