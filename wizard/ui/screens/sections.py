"""The step screens of a draft, built from its template: a screen for each section by its
layout, the classic screens for the sections they were written for, and the review. Each
screen's module is imported when the screen is first built, so the first paint waits for
one screen, not all of them."""

from __future__ import annotations

from pathlib import Path

from wizard import templates
from wizard.session import Session
from wizard.settings import Settings
from wizard.templates.template import Section
from wizard.ui.screens.base import SectionScreen
from wizard.ui.steps import REVIEW


def screen_for(section: Section, session: Session, settings: Settings) -> SectionScreen:
    """The screen that shows `section` of the draft's template."""
    if section.layout == "summary":
        from wizard.ui.screens.summary import SummaryScreen

        return SummaryScreen(session, settings, section.id)
    if section.layout == "timeline":
        from wizard.ui.screens.timeline import TimelineScreen

        return TimelineScreen(session, settings, section.id)
    from wizard.ui.screens.measures import MeasuresScreen
    from wizard.ui.screens.root_cause import RootCauseScreen

    # Screens with their own wording for the parts of a classic section show any section
    # holding exactly those parts.
    classic = templates.classic()
    for screen in (RootCauseScreen, MeasuresScreen):
        if section.parts == classic.section(screen.STEP).parts:
            return screen(session, settings, section.id)
    from wizard.ui.screens.parts import PartsScreen

    return PartsScreen(session, settings, section.id)


def build_step(step: str, session: Session, settings: Settings, start_dir: Path) -> SectionScreen:
    """The screen of one step of the draft: a section of its template, or the review."""
    if step == REVIEW:
        from wizard.ui.screens.review import ReviewScreen

        return ReviewScreen(session, settings, start_dir)
    return screen_for(session.rubric.template.section(step), session, settings)
