"""The step screens of a draft, built from its template: a screen for each section by its
layout, the classic screens for the sections they were written for, and the review."""

from __future__ import annotations

from pathlib import Path

from wizard import templates
from wizard.session import Session
from wizard.settings import Settings
from wizard.templates.template import Section
from wizard.ui.screens.base import SectionScreen
from wizard.ui.screens.measures import MeasuresScreen
from wizard.ui.screens.parts import PartsScreen
from wizard.ui.screens.review import ReviewScreen
from wizard.ui.screens.root_cause import RootCauseScreen
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.screens.timeline import TimelineScreen

CLASSIC_PARTS: tuple[type[SectionScreen], ...] = (RootCauseScreen, MeasuresScreen)
"""Screens with their own wording for the parts of a classic section: they show any
section holding exactly those parts."""


def screen_for(section: Section, session: Session, settings: Settings) -> SectionScreen:
    """The screen that shows `section` of the draft's template."""
    if section.layout == "summary":
        return SummaryScreen(session, settings, section.id)
    if section.layout == "timeline":
        return TimelineScreen(session, settings, section.id)
    classic = templates.classic()
    for screen in CLASSIC_PARTS:
        if section.parts == classic.section(screen.STEP).parts:
            return screen(session, settings, section.id)
    return PartsScreen(session, settings, section.id)


def step_screens(session: Session, settings: Settings, start_dir: Path) -> list[SectionScreen]:
    """A screen for every section of the draft's template, in order, then the review."""
    sections = session.rubric.template.sections
    screens = [screen_for(section, session, settings) for section in sections]
    return [*screens, ReviewScreen(session, settings, start_dir)]
