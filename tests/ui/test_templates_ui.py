"""A draft's template in the wizard: one whose file is gone opens read-only, saying why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


async def test_a_draft_whose_template_is_gone_opens_read_only(
    store: DraftStore, make_app: Callable[..., WizardApp], isolated_home: Path
) -> None:
    path = store.save("ours", Postmortem(template="team", title="Ours", root_cause="Kept."))
    before = path.read_bytes()
    app = make_app(Session(store, "ours", store.load("ours")))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(str(isolated_home / "templates" / "team.toml") in t for t in toasts), toasts
        assert app.session is not None and app.session.read_only
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


async def test_new_asks_which_template_and_offers_the_built_ins_for_a_broken_one(
    store: DraftStore, make_app: Callable[..., WizardApp], isolated_home: Path
) -> None:
    from textual.widgets import Button

    from wizard import templates
    from wizard.ui.screens.dialogs import Choose
    from wizard.ui.screens.summary import SummaryScreen

    folder = isolated_home / "templates"
    folder.mkdir(parents=True)
    text = templates.builtin_text("classic").replace('name = "classic"', 'name = "team"', 1)
    (folder / "team.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text('name = "broken"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels[0].startswith("classic: ") and labels[1] == "broken: broken"
        await pilot.click("#choice-1")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert [str(b.label) for b in app.screen.query(Button)] == [labels[0]]
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(str(folder / "broken.toml") in t for t in toasts), toasts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#choice-2")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session is not None and app.session.draft.template == "team"


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


async def test_an_sre_draft_from_the_welcome_list_is_refused_with_a_message_and_kept(
    store: DraftStore, make_app: Callable[..., WizardApp]
) -> None:
    from wizard.example import sre_example_postmortem
    from wizard.ui.screens.welcome import WelcomeScreen

    path = store.save("sre", sre_example_postmortem())
    before = path.read_bytes()
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_first_listed(app, pilot)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("no screen for the sections" in t for t in toasts), toasts
        assert any("pmwizard check --template sre" in t for t in toasts), toasts
        assert app.session is None and isinstance(app.screen, WelcomeScreen)
    assert path.read_bytes() == before


async def test_new_goes_straight_to_classic_while_sre_has_no_screens(
    make_app: Callable[..., WizardApp],
) -> None:
    from wizard.ui.screens.summary import SummaryScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session is not None and app.session.draft.template == "classic"


async def test_the_wizard_imports_an_sre_style_document_as_classic(
    make_app: Callable[..., WizardApp],
) -> None:
    from wizard.ui.screens.summary import SummaryScreen

    source = Path(__file__).parents[1] / "core" / "sre" / "sonnet.md"
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.import_file(str(source)) is None
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.session is not None
        draft = app.session.draft
        assert draft.template == "classic" and draft.root_cause.startswith("Cascading failure")
        assert [t.owner for t in draft.tasks] == ["jennifer", "martym", "docbrown"]
