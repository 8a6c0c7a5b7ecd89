"""Writing a whole postmortem through the UI with the keyboard alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_run import run_in_process
from textual.pilot import Pilot
from ui_helpers import fill_timeline, type_text
from waiting import settled

from wizard.drafts import DraftStore, read_draft
from wizard.importer import import_text
from wizard.model import Postmortem, Task
from wizard.rubric import evaluate
from wizard.session import Session
from wizard.ui.screens.review import ReviewScreen
from wizard.ui.screens.summary import SummaryScreen
from wizard.ui.screens.template_choice import TemplateChoice

SIZE = (110, 36)


SUMMARY_DOWN = "The checkout API returned errors for most requests while product pages stayed up."
SUMMARY_SAW = (
    "Shoppers could fill their carts but paying failed with an error page, and many retried."
)
CAUSE_BRIEF = "A configuration change shrank the checkout database pool from 200 to 20 connections."
ROOT_CAUSE = (
    "At 09:10 a routine configuration release changed the connection pool setting of the "
    "checkout service. The template used a staging value, so every server opened at most 20 "
    "database connections instead of 200. Morning traffic hid it; at the lunchtime peak "
    "requests queued for a free connection, hit the ten second timeout and failed. Retries "
    "from the mobile app doubled the load and made the queue longer still."
)
RESOLUTION = (
    "The database team compared the running settings with the previous release and found "
    "the pool size change. We rolled back the configuration on all checkout servers, which "
    "restored the pool to 200 connections within two minutes. We then refunded the duplicate "
    "charges, watched the error rate for half an hour, and confirmed with the payment "
    "provider that no order was lost during the outage window."
)
ENTRIES = [
    # (time, kind, how it was detected, text)
    (
        "12:32",
        "Detection",
        "Monitoring alert",
        "A monitoring alert fired on the checkout error rate above five percent.",
    ),
    (
        "12:36",
        "Investigation",
        None,
        "The on-call engineer checked the provider status page and dashboards.",
    ),
    (
        "12:44",
        "Misleading path",
        None,
        "We assumed the payment provider was slow; it turned out to be healthy.",
    ),
    (
        "12:58",
        "Escalation",
        None,
        "Escalated to the database team after pool wait times showed in logs.",
    ),
    (
        "13:15",
        "Investigation",
        None,
        "The database team found the pool size had dropped to 20 that morning.",
    ),
    (
        "13:24",
        "Mitigation",
        None,
        "Rolled back the configuration release on every checkout server.",
    ),
    ("13:45", "Resolution", None, "Error rate back to normal and the incident was resolved."),
]
IMPROVEMENTS = [
    "Review configuration changes that touch capacity settings like code changes.",
    "Alert on database connection wait time and not only on the error rate.",
    "Make client retries back off so an outage does not double the load.",
]
TASKS = [
    ("Add a check that refuses small pool sizes in production templates", "Amina", "2023-01-24"),
    ("Add monitoring on connection pool wait time", "Brian", "2023-01-27"),
    ("Add exponential backoff to retries in the mobile app", "Chen", "2023-02-03"),
]


async def fill_summary(pilot: Pilot[int], zone: str = "Africa/Nairobi", second: str = "") -> None:
    await type_text(pilot, "Checkout outage at Duka Online")
    await pilot.press("tab")
    await type_text(pilot, "Checkout API")
    await pilot.press("tab")
    await type_text(pilot, "2023-01-17 12:30")
    await pilot.press("tab")
    await type_text(pilot, "13:45")
    await pilot.press("tab")  # the date order switch is not in the way
    assert pilot.app.focused is not None and pilot.app.focused.id == "zone"
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, zone)
    await pilot.press("tab", "tab")  # past the Pick zone button
    await type_text(pilot, second)
    await pilot.press("tab")
    assert pilot.app.focused is not None and pilot.app.focused.id == "down"
    await type_text(pilot, SUMMARY_DOWN)
    await pilot.press("tab")
    await type_text(pilot, SUMMARY_SAW)
    await pilot.press("tab")
    await type_text(pilot, "62")
    await pilot.press("tab")
    await type_text(pilot, CAUSE_BRIEF)


async def fill_measures(pilot: Pilot[int]) -> None:
    await pilot.press("a")
    for text in IMPROVEMENTS:
        await type_text(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
    tasks_table = pilot.app.screen.query_one("#tasks DataTable")
    tasks_table.focus()
    await pilot.press("a")
    for text, owner, due in TASKS:
        await type_text(pilot, text)
        await pilot.press("tab", "tab")  # past the Done box to the owner; Add is last
        await type_text(pilot, owner)
        await pilot.press("tab")
        await type_text(pilot, due)
        await pilot.press("enter")
        await pilot.pause()


async def write_postmortem(
    pilot: Pilot[int],
    zone: str = "Africa/Nairobi",
    second: str = "",
    entries: list[tuple[str, str, str | None, str]] = ENTRIES,
) -> None:
    """From the welcome screen to the review, every section filled with the keyboard (moving
    on saves what was typed)."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("enter")  # "New postmortem" is focused on the welcome screen
    await pilot.pause()
    assert isinstance(app.screen, TemplateChoice)
    await pilot.press("enter")  # classic, first and highlighted
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    assert app.session is not None and app.session.draft.template == "classic"
    assert app.focused is not None and app.focused.id == "title"
    await fill_summary(pilot, zone, second)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await fill_timeline(pilot, entries)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert app.focused is not None and app.focused.id == "root-cause"
    await type_text(pilot, ROOT_CAUSE)
    await pilot.press("tab")
    await type_text(pilot, RESOLUTION)
    await pilot.press("ctrl+n")
    await pilot.pause()
    app.screen.query_one("#improvements DataTable").focus()
    await fill_measures(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()


async def save_and_quit(pilot: Pilot[int]) -> str:
    """Save Markdown at the default path from the review, quit, and give the draft's name."""
    await pilot.press("enter")  # Save Markdown (focused on arrival)
    await pilot.pause()
    await pilot.press("enter")  # accept the default path
    await settled(pilot)
    name = pilot.app.session.name  # type: ignore[attr-defined]
    await pilot.press("ctrl+q")
    assert isinstance(name, str)
    return name


@pytest.mark.slow
async def test_write_a_whole_postmortem_with_the_keyboard(make_app, store, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await write_postmortem(pilot)
        report = app.session.report()
        assert [r.id for r in report.missing()] == []
        fresh = evaluate(app.session.draft)
        assert (report.words, report.total) == (fresh.words, fresh.total)
        assert [r.id for r in fresh.missing()] == []
        name = await save_and_quit(pilot)

    written = tmp_path / "checkout-outage-at-duka-online.md"
    assert written.is_file()
    draft = read_draft(store.path(name))
    assert evaluate(draft).passed
    done = run_in_process("export", name, home=store.root)
    assert done.returncode == 0, done.stderr
    exported = done.stdout
    assert written.read_text(encoding="utf-8") == exported
    # The author typed 13:45 as the end: the document keeps their 24-hour clock.
    assert "- 12:32 - **Detection (monitoring alert):** A monitoring alert fired" in exported
    assert "January 17, 2023, 12:30 - 13:45 EAT (UTC+03:00) (1 h 15 min)" in exported
    of_file = pmwizard_json(store, "check", "--json", str(written))
    assert of_file == pmwizard_json(store, "check", "--json", name) and of_file["passed"]


def pmwizard_json(store: DraftStore, *args: str) -> dict[str, Any]:
    """`pmwizard ARGS` run as a user runs it (see `cli_run`), its JSON output."""
    done = run_in_process(*args, home=store.root)
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.slow
async def test_a_draft_made_in_the_wizard_is_judged_the_same_in_its_markdown(
    make_app, store, tmp_path: Path
) -> None:
    """Kinds set by hand (a detection the words would call an escalation), a zone without
    letters and a second zone: the saved Markdown is checked and imported as the draft."""
    support = "Support paged the on-call engineer after customers wrote in."
    # Fewer entries: the second zone's times count as words (W1 stays under 600).
    entries = [("12:32", "Detection", "Customer complaint", support), *ENTRIES[1:4], ENTRIES[6]]
    # The analysis and the measures come typed the same way as in the test above: the
    # keyboard writes what this test is about, the zones and the timeline's kinds.
    tasks = [
        Task(text=text, owner=owner, due=date.fromisoformat(due)) for text, owner, due in TASKS
    ]
    answered = Postmortem(
        root_cause=ROOT_CAUSE, resolution=RESOLUTION, improvements=IMPROVEMENTS, tasks=tasks
    )
    store.save("checkout", answered)
    app = make_app(Session(store, "checkout", store.load("checkout")), step="summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "title"
        await fill_summary(pilot, "America/Sao_Paulo", "Europe/Paris")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill_timeline(pilot, entries)
        for _ in range(3):  # to the analysis, the measures (both answered), the review
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert [r.why for r in app.session.report().missing()] == []
        name = await save_and_quit(pilot)

    written = tmp_path / "checkout-outage-at-duka-online.md"
    text = written.read_text(encoding="utf-8")
    assert "- 12:32 (16:32 CET) - **Detection (customer complaint):** Support paged" in text
    assert "Sao Paulo time (UTC-03:00)" in text
    assert pmwizard_json(store, "check", "--json", str(written)) == pmwizard_json(
        store, "check", "--json", name
    )
    back = import_text(text).draft
    draft = read_draft(store.path(name))
    assert back == draft.revised(timeline=[e.model_dump() for e in draft.sorted_timeline()])
