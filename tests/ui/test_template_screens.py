"""Screens built from a template: an sre postmortem and a team's own sections written with
the keyboard, reviewed by their template's rubric and exported."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli_run import run_in_process
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, OptionList, Static, TextArea
from ui_helpers import fill_timeline, type_text
from waiting import autosaved, search_palette, settled, until

from wizard import templates
from wizard.drafts import DraftStore, read_draft
from wizard.opening import session_for
from wizard.session import Session
from wizard.ui.app import WizardApp
from wizard.ui.screens.parts import PartsScreen
from wizard.ui.screens.review import ReviewScreen
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.screens.template_choice import TemplateChoice
from wizard.ui.screens.timeline import TimelineScreen
from wizard.ui.widgets.stepper import Stepper

SIZE = (110, 36)
SRE_STEPS = (*templates.builtin("sre").section_ids, "review")
SUMMARY = "A configuration change shrank the checkout database pool and payments failed."
IMPACT = "Most shoppers could not pay for about an hour and many were charged twice on retry."
ROOT_CAUSES = (
    "A routine configuration release carried a staging value for the checkout database pool, "
    "so each server opened twenty connections instead of two hundred and requests queued."
)
TRIGGER = "The lunchtime traffic peak."
RESOLUTION = (
    "We rolled back the configuration on every checkout server, the pool went back to two "
    "hundred connections, and the error rate returned to normal within two minutes."
)
DETECTION = "An alert on the checkout error rate paged the on-call engineer."
ACTION_ITEMS = [
    ("Add a check that refuses small pool sizes", "Amina", "Jan 24", "prevent", "P0", "OPS-1"),
    ("Add monitoring on pool wait time", "Brian", "Jan 27", "detect", "P1", ""),
]
WENT_WELL = "The alert fired within two minutes."
WENT_WRONG = "We chased the payment provider first."
ENTRIES = [
    ("12:32", "Detection", "Monitoring alert", "An alert fired on the checkout error rate."),
    ("13:45", "Resolution", None, "The error rate was back to normal: resolved."),
]


def pmwizard(store: DraftStore, *args: str) -> subprocess.CompletedProcess[str]:
    """`pmwizard ARGS` on the store's drafts, run as a user runs it (see `cli_run`)."""
    return run_in_process(*args, home=store.root)


async def next_step(pilot: Pilot[int], step: str) -> None:
    """ctrl+n, and the step it reaches is `step`."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert pilot.app.screen.id == f"step-{step}", pilot.app.screen


def focused(pilot: Pilot[int]) -> Any:
    return pilot.app.focused


async def write_text_step(pilot: Pilot[int], step: str, text: str) -> None:
    """A step of one text part: the cursor is in it on arrival."""
    await next_step(pilot, step)
    assert isinstance(focused(pilot), TextArea), focused(pilot)
    await type_text(pilot, text)


async def add_items(pilot: Pilot[int], items: list[str]) -> None:
    """On a list's table: `a`, then each item and Enter."""
    assert isinstance(focused(pilot), DataTable), focused(pilot)
    await pilot.press("a")
    for item in items:
        await type_text(pilot, item)
        await pilot.press("enter")
        await pilot.pause()


async def add_action_items(pilot: Pilot[int]) -> None:
    assert isinstance(focused(pilot), DataTable), focused(pilot)
    await pilot.press("a")
    for text, owner, due, kind, priority, link in ACTION_ITEMS:
        await type_text(pilot, text)
        await pilot.press("tab")
        assert isinstance(focused(pilot), Checkbox)  # Done, beside the text
        for value in (owner, due, kind, priority, link):
            await pilot.press("tab")
            assert isinstance(focused(pilot), Input), focused(pilot)
            await type_text(pilot, value)
        await pilot.press("enter")
        await pilot.pause()


async def write_sre_postmortem(pilot: Pilot[int]) -> None:
    """From the welcome screen: New, the sre template, every section by keyboard, the review."""
    app = pilot.app
    assert isinstance(app, WizardApp)
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, TemplateChoice)
    await pilot.press("down", "enter")  # classic is first: sre is next
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    assert app.session is not None and app.session.draft.template == "sre"
    assert app.steps == SRE_STEPS
    assert focused(pilot).id == "title"
    await type_text(pilot, "Checkout outage")
    await pilot.press("tab")
    await type_text(pilot, "2023-01-17 12:30")
    await pilot.press("tab")
    await type_text(pilot, "13:45")
    for _ in range(6):  # the zone, its two buttons, the second zone: to the summary
        await pilot.press("tab")
        if focused(pilot).id == "part-summary":
            break
    assert focused(pilot).id == "part-summary", focused(pilot)
    await type_text(pilot, SUMMARY)
    await write_text_step(pilot, "impact", IMPACT)
    await write_text_step(pilot, "root_causes", ROOT_CAUSES)
    await write_text_step(pilot, "trigger", TRIGGER)
    await write_text_step(pilot, "resolution", RESOLUTION)
    await write_text_step(pilot, "detection", DETECTION)
    await next_step(pilot, "action_items")
    await add_action_items(pilot)
    await next_step(pilot, "lessons")
    await add_items(pilot, [WENT_WELL])
    await pilot.press("tab", "tab")  # past the form's Add button to the next list
    await add_items(pilot, [WENT_WRONG])
    await next_step(pilot, "timeline")
    assert isinstance(app.screen, TimelineScreen)
    await fill_timeline(pilot, ENTRIES)
    await next_step(pilot, "review")


async def test_an_sre_postmortem_written_by_keyboard_is_checked_by_its_template(
    make_app: Callable[..., WizardApp], store: DraftStore, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await write_sre_postmortem(pilot)
        assert app.session is not None
        report = app.session.report()
        assert [r.id for r in report.missing()] == []
        assert [r.id for r in report.results] == [
            *("S1", "I1", "R1", "R2", "R3", "D1", "A1", "L1", "L2", "T1", "T2")
        ]
        stepper = app.screen.query_one(Stepper)
        marks = [str(stepper.get_option_at_index(n).prompt) for n in range(len(SRE_STEPS))]
        assert all("✓" in mark for mark in marks), marks
        await pilot.press("enter")  # Save Markdown, focused on arrival
        await pilot.pause()
        await pilot.press("enter")  # the default path
        await settled(pilot)
        await autosaved(pilot)
        name = app.session.name
        assert name is not None

    written = tmp_path / "checkout-outage.md"
    text = written.read_text(encoding="utf-8")
    assert "## Root Causes" in text and "### What went well" in text
    assert (
        "- [ ] Add a check that refuses small pool sizes (type: prevent; priority: P0; "
        "owner: Amina; due: 2023-01-24; link: OPS-1)"
    ) in text
    draft = read_draft(store.path(name))
    assert draft.template == "sre"
    assert draft.parts["went_wrong"] == [WENT_WRONG] and draft.parts["trigger"] == TRIGGER
    done = pmwizard(store, "check", "--template", "sre", "--json", str(written))
    assert done.returncode == 0, done.stdout + done.stderr
    checked = json.loads(done.stdout)
    assert checked["passed"] and all(point["met"] for point in checked["rubric"])
    assert len(checked["rubric"]) == 11


async def test_a_field_of_a_template_part_is_validated_and_counted_live(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    """The summary part counts its sentences as the author types; the words show live."""
    from wizard.session import blank_draft

    app = make_app(Session(store, None, blank_draft("sre")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#part-summary", TextArea)
        area.focus()
        await type_text(pilot, "It broke. Then it broke again. And once more.")
        rubric = app.screen.query_one("#rubric", OptionList)

        def said() -> str:
            return str(rubric.get_option_at_index(0).prompt)

        await until(pilot, lambda: "3 sentences" in said(), "S1 to count the sentences")
        assert said().startswith("✗ S1")
        words = str(app.screen.query_one("#word-count", Static).render())
        assert "This section: " in words and "Target" not in words  # sre has no word range


async def test_an_sre_draft_resumes_at_its_first_incomplete_section(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    from wizard.example import sre_example_postmortem

    example = sre_example_postmortem()
    store.save("sre", example.revised(parts={**example.parts, "trigger": ""}))
    session = session_for(store, "resume", None, "sre")
    assert session is not None
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PartsScreen) and app.screen.STEP == "trigger"
        assert str(app.screen.query_one(".screen-title", Static).render()) == "Trigger"
        assert focused(pilot).id == "part-trigger"
        await type_text(pilot, "A release.")
        await pilot.press("ctrl+n")
        await autosaved(pilot)
    assert read_draft(store.path("sre")).parts["trigger"] == "A release."


async def test_an_imported_sre_document_finishes_with_resume(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    source = Path(__file__).parents[1] / "core" / "sre" / "sonnet.md"
    done = pmwizard(store, "import", str(source))
    assert done.returncode == 0, done.stderr
    name = done.stdout.rsplit("pmwizard resume ", 1)[1].split()[0]
    session = session_for(store, "resume", None, name)
    assert session is not None and session.draft.template == "sre"
    app = make_app(session, step="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.steps == SRE_STEPS
        assert not app.session.read_only  # type: ignore[union-attr]


async def test_the_wizard_imports_an_sre_style_document_as_an_sre_draft(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    """From the palette of an open classic draft: Import a file…, the path, Enter."""
    from wizard.example import example_postmortem

    source = Path(__file__).parents[1] / "core" / "sre" / "sonnet.md"
    app = make_app(Session(store, "classic", example_postmortem()), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await search_palette(pilot, "Import a file", "Import a file")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, str(source))
        await pilot.press("enter")
        await until(pilot, lambda: app.session is not None and app.session.name != "classic")
        await settled(pilot)
        assert app.session is not None and app.steps == SRE_STEPS
        draft = app.session.draft
        assert draft.template == "sre" and draft.root_cause.startswith("Cascading failure")
        assert [t.owner for t in draft.tasks] == ["jennifer", "martym", "docbrown"]
        app.go_to("action_items")
        await pilot.pause()
        table = app.screen.query_one("#part-tasks DataTable", DataTable)
        assert table.row_count == 3


TEAM = """
name = "team"
title = "Team format"

[[sections]]
id = "what"
heading = "What Happened"
parts = [
  { field = "story", kind = "text" },
  { field = "customers", heading = "Customer Messages", kind = "list" },
]

[[sections]]
id = "todo"
heading = "Follow-ups"
parts = [{ field = "tasks", kind = "tasks" }]

[[points]]
id = "W1"
section = "what"
label = "The story"
check = "words"
fields = ["parts.story"]
min = 5
what = "story"

[[points]]
id = "C1"
section = "what"
label = "What customers were told"
check = "items"
fields = ["parts.customers"]
min = 1
what = "message"

[[points]]
id = "F1"
section = "todo"
label = "A follow-up"
check = "items"
fields = ["tasks"]
min = 1
what = "follow-up"
"""


async def test_a_team_template_with_sections_of_its_own_is_written_and_exported(
    make_app: Callable[..., WizardApp], store: DraftStore, tmp_path: Path
) -> None:
    (store.root / "templates").mkdir(parents=True)
    (store.root / "templates" / "team.toml").write_text(TEAM, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # classic, sre, team
        await pilot.pause()
        assert app.steps == ("what", "todo", "review")
        assert isinstance(app.screen, PartsScreen) and focused(pilot).id == "title"
        hint = app.screen.query_one("#part-story").parent.query_one(".field-hint", Static)
        assert str(hint.render()) == "W1: at least 5 words"
        await type_text(pilot, "Search went down")
        await pilot.press("tab")
        assert focused(pilot).id == "part-story"
        await type_text(pilot, "The search index filled its disk and stopped answering.")
        await pilot.press("tab")
        await add_items(pilot, ["We posted on the status page at 10:05."])
        await next_step(pilot, "todo")
        await add_items(pilot, ["Alert on the index disk at 80%"])
        await next_step(pilot, "review")
        assert app.session is not None and app.session.report().passed
        await pilot.press("enter")  # Save Markdown
        await pilot.pause()
        await pilot.press("enter")
        await settled(pilot)

    text = (tmp_path / "search-went-down.md").read_text(encoding="utf-8")
    assert "## What Happened\n\nThe search index filled its disk" in text
    assert "### Customer Messages\n\n- We posted on the status page at 10:05." in text
    assert "## Follow-ups\n\n- [ ] Alert on the index disk at 80%" in text
    done = pmwizard(store, "check", "--template", "team", str(tmp_path / "search-went-down.md"))
    assert done.returncode == 0, done.stdout + done.stderr


async def test_the_readme_template_opens_its_own_section(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(
        b.split("```", 1)[0] for b in readme.split("```toml\n")[1:] if b.startswith("name = ")
    )
    (store.root / "templates").mkdir(parents=True)
    (store.root / "templates" / "ours.toml").write_text(block, encoding="utf-8")
    session = session_for(store, "new", None, None, templates.find("ours", store.root))
    assert session is not None
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.steps == ("cause", "review")
        assert str(app.screen.query_one(".screen-title", Static).render()) == "What Broke"
        assert app.screen.query_one("#part-root_cause", TextArea)
        assert app.screen.query_one("#part-tasks DataTable", DataTable)


async def test_a_draft_whose_template_file_is_gone_opens_read_only_with_its_text(
    make_app: Callable[..., WizardApp], store: DraftStore
) -> None:
    folder = store.root / "templates"
    folder.mkdir(parents=True)
    (folder / "team.toml").write_text(TEAM, encoding="utf-8")
    session = session_for(store, "new", "ours", None, templates.find("team", store.root))
    assert session is not None
    session.edit("title", "Search went down")
    session.edit("parts.story", "The search index filled its disk.")
    session.edit("parts.customers", ["We posted on the status page."])
    assert session.save()
    session.close()
    (folder / "team.toml").unlink()
    path = store.path("ours")
    before = path.read_bytes()

    resumed = session_for(store, "resume", None, "ours")
    assert resumed is not None
    app = make_app(resumed)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.read_only
        said = [str(n.message) for n in app._notifications]
        assert any("Read-only" in s and str(folder / "team.toml") in s for s in said), said
        assert app.steps[-2:] == ("other_parts", "review")
        app.go_to("other_parts")
        await pilot.pause()
        story = app.screen.query_one("#part-story", TextArea)
        assert story.text == "The search index filled its disk."
        table = app.screen.query_one("#part-customers DataTable", DataTable)
        assert table.row_count == 1
        story.focus()
        await type_text(pilot, " More.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert path.read_bytes() == before
