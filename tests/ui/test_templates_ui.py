"""A draft's template in the wizard: one whose file is gone or refused opens read-only, saying
why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wizard.drafts import DraftStore
from wizard.model import Postmortem
from wizard.session import Session
from wizard.ui.app import WizardApp


async def open_first_listed(app: WizardApp, pilot: Any) -> None:
    """Open the first draft of the welcome screen's list, as Enter on it does."""
    from textual.widgets import OptionList

    await pilot.pause()
    app.screen.query_one(OptionList).focus()
    await pilot.press("enter")
    await pilot.pause()


def _hostile_template() -> str:
    """Classic as a team's `team.toml` whose Timeline step's short name and heading carry
    terminal controls (clear the screen, set the title, write the clipboard)."""
    from wizard import templates

    text = templates.builtin_text("classic").replace('name = "classic"', 'name = "team"', 1)
    return text.replace(
        'short = "Timeline"', 'short = "S\\u001b[2J\\u001b]0;PWNED\\u0007x"', 1
    ).replace('heading = "Timeline"', 'heading = "Tl\\u001b]52;c;SGVsbG8=\\u0007y"', 1)


@pytest.mark.parametrize(
    ("kept", "why"),
    [
        (None, "(no file "),
        (_hostile_template(), ": line 30, sections[2].heading: holds a control character (U+001B)"),
    ],
)
async def test_a_draft_whose_template_is_gone_or_refused_opens_read_only(
    store: DraftStore,
    make_app: Callable[..., WizardApp],
    isolated_home: Path,
    kept: str | None,
    why: str,
) -> None:
    if kept is not None:
        assert "PWNED" in kept and "SGVsbG8" in kept
        (isolated_home / "templates").mkdir(parents=True)
        (isolated_home / "templates" / "team.toml").write_text(kept, encoding="utf-8")
    path = store.save("ours", Postmortem(template="team", title="Ours", root_cause="Kept."))
    before = path.read_bytes()
    app = make_app(Session(store, "ours", store.load("ours")))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        file = str(isolated_home / "templates" / "team.toml")
        assert any(file in t and why in t for t in toasts), toasts
        assert app.session is not None and app.session.read_only
        screen = app.export_screenshot()  # classic's steps stand in
        assert "Timeline" in screen and "PWNED" not in screen and "SGVsbG8" not in screen
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == before


async def test_a_team_template_names_the_steps_its_way(
    store: DraftStore, make_app: Callable[..., WizardApp], isolated_home: Path
) -> None:
    from textual.widgets import Static

    from wizard import templates

    text = templates.builtin_text("classic").replace('name = "classic"', 'name = "team"', 1)
    (isolated_home / "templates").mkdir(parents=True)
    (isolated_home / "templates" / "team.toml").write_text(
        text.replace('heading = "Root Cause and Resolution"', 'heading = "Why It Broke"', 1),
        encoding="utf-8",
    )
    store.save("ours", Postmortem(template="team", title="Ours"))
    app = make_app(Session(store, "ours", store.load("ours")), step="root_cause")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        title = app.screen.query_one(".screen-title", Static)
        assert str(title.render()) == "Why It Broke"
        assert app.session is not None and not app.session.read_only


async def test_new_offers_every_template_classic_first_and_a_file_it_cannot_use_in_one_line(
    store: DraftStore, make_app: Callable[..., WizardApp], isolated_home: Path
) -> None:
    from textual.widgets import OptionList

    from wizard import templates
    from wizard.ui.screens.summary import SummaryScreen
    from wizard.ui.screens.template_choice import TemplateChoice

    folder = isolated_home / "templates"
    folder.mkdir(parents=True)
    text = templates.builtin_text("classic").replace('name = "classic"', 'name = "team"', 1)
    (folder / "team.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text('name = "broken"\ntitle = 3\n', encoding="utf-8")
    (folder / "sre.toml").write_text(text.replace('"team"', '"sre"', 1), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TemplateChoice)
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert [line.split(" ")[0] for line in lines] == ["classic", "sre", "✗", "✗", "team"]
        assert lines[2].startswith("✗ broken.toml: line 2, title: ") and "\n" not in lines[2]
        assert lines[3].startswith("✗ sre.toml: not used: it has the name of the built-in ")
        assert options.get_option_at_index(2).disabled and options.get_option_at_index(3).disabled
        assert options.highlighted == 0
        await pilot.press("down", "down", "enter")  # past sre, over the unusable lines, to team
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session is not None and app.session.draft.template == "team"


async def test_a_plain_enter_on_new_makes_a_classic_draft(
    make_app: Callable[..., WizardApp],
) -> None:
    from wizard.ui.screens.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # New (focused), then the first template
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session is not None and app.session.draft.template == "classic"
        assert app.steps == ("summary", "timeline", "root_cause", "measures", "review")


async def test_escape_on_the_template_choice_starts_nothing(
    make_app: Callable[..., WizardApp],
) -> None:
    from wizard.ui.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.session is None


async def test_the_welcome_list_opens_a_draft_whose_template_is_gone_read_only(
    store: DraftStore, make_app: Callable[..., WizardApp], isolated_home: Path
) -> None:
    path = store.save("ours", Postmortem(template="team", title="Ours", root_cause="Kept."))
    before = path.read_bytes()
    [info] = store.info()
    assert info.summary is not None and info.summary.error is None
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_first_listed(app, pilot)
        assert app.session is not None and app.session.read_only
        assert "team.toml" in (app.session.read_only_reason or "")
    assert path.read_bytes() == before


async def test_an_sre_draft_from_the_welcome_list_opens_its_own_steps(
    store: DraftStore, make_app: Callable[..., WizardApp]
) -> None:
    from wizard.example import sre_example_postmortem
    from wizard.ui.screens.review import ReviewScreen

    store.save("sre", sre_example_postmortem())
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_first_listed(app, pilot)
        assert isinstance(app.screen, ReviewScreen)  # every point met: the review
        assert app.session is not None and not app.session.read_only
        assert app.steps[:3] == ("summary", "impact", "root_causes")
