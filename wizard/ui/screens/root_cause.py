"""Root Cause and Resolution: two long answers in soft-wrapped text areas."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import TextArea

from wizard.ui.screens.base import SectionScreen
from wizard.ui.widgets.field import Field


class RootCauseScreen(SectionScreen):
    """What caused the issue and how it was fixed, each in detail."""

    STEP = "root_cause"
    INTRO = "Explain it to an engineer from another team: what happened, why, and what fixed it."

    def compose_form(self) -> Iterable[Widget]:
        yield Field(
            "Root cause, in detail",
            TextArea(
                name="root_cause",
                id="root-cause",
                placeholder="e.g. At 09:10 a configuration release changed ...",
                classes="long",
            ),
            hint="At least 20 words: the chain of events, not just the trigger.",
        )
        yield Field(
            "Resolution, in detail",
            TextArea(
                name="resolution",
                id="resolution",
                placeholder="e.g. We rolled back the configuration on all servers ...",
                classes="long",
            ),
            hint="At least 20 words: what was done, by whom, and how you knew it worked.",
        )
