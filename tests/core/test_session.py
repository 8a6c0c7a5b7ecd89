"""The open draft: edits validated, counts kept per section and always equal to a recount."""

from __future__ import annotations

from datetime import datetime

import pytest

from wizard.advice import advise
from wizard.drafts import DraftStore, read_draft
from wizard.example import example_postmortem
from wizard.model import Kind, Task, TimelineEntry
from wizard.rubric import evaluate
from wizard.session import EditError, Session


@pytest.fixture
def session(isolated_home) -> Session:
    return Session(DraftStore(isolated_home), "s", example_postmortem())


def assert_counts_fresh(session: Session) -> None:
    fresh = evaluate(session.draft)
    assert (session.words, session.total_words) == (fresh.words, fresh.total)


def test_counts_follow_every_kind_of_edit(session: Session) -> None:
    session.edit("title", "A much longer title for the outage")
    assert_counts_fresh(session)
    session.edit("root_cause", "Short now.")
    assert_counts_fresh(session)
    entries = [e for e in session.draft.timeline if e.kind is not Kind.ESCALATION]
    session.edit("timeline", entries)  # the summary's response times change too
    assert_counts_fresh(session)
    session.edit("window", {**session.draft.window.model_dump(), "zone": "UTC"})
    assert_counts_fresh(session)
    session.edit("second_zone", "America/New_York")
    assert_counts_fresh(session)
    session.edit("impact.percent", "12.5")
    assert_counts_fresh(session)


def test_advice_follows_every_kind_of_edit(session: Session) -> None:
    def advised() -> set[str]:
        found = session.advice()
        assert found == advise(session.draft)
        return {a.field for a in found}

    assert "root_cause" not in advised()
    session.edit("root_cause", "Human error: Bob forgot to renew the certificate.")
    assert "root_cause" in advised()
    entries = list(session.draft.timeline)
    entries[0] = entries[0].model_copy(update={"text": "Bob forgot to drain the node."})
    session.edit("timeline", entries)
    assert "timeline.0.text" in advised()
    session.edit("impact.experience", "Users saw errors because of operator error.")
    assert "impact.experience" in advised()
    session.edit("tasks", [*session.draft.tasks, Task(text="Look into things")])
    assert f"tasks.{len(session.draft.tasks) - 1}.owner" in advised()
    session.edit("root_cause", "The renewal job had no alert.")
    assert "root_cause" not in advised()
    assert "timeline.0.text" in advised()


def test_a_refused_edit_keeps_the_draft_and_names_the_field(session: Session) -> None:
    before = session.draft
    with pytest.raises(EditError) as caught:
        session.edit("impact.percent", 250)
    assert caught.value.field == "impact.percent"
    assert "250% is not a share of users" in caught.value.message
    assert session.draft is before and not session.dirty


def test_a_field_holding_refused_text_leaves_its_point_unmet_until_fixed(
    session: Session,
) -> None:
    heard: list[str] = []
    session.listeners.append(heard.append)
    assert {r.id: r.met for r in session.report().results}["S4"]
    session.mark_invalid("impact.percent", "250% is not a share of users: give 0 to 100")
    s4 = next(r for r in session.report().results if r.id == "S4")
    assert (s4.met, s4.why) == (False, "250% is not a share of users: give 0 to 100")
    assert session.draft.impact.percent == 62  # the last good value is kept
    session.mark_invalid("impact.percent", "250% is not a share of users: give 0 to 100")
    assert heard == ["impact"]  # told once, not again for the same message
    session.mark_invalid("impact.percent", None)
    assert {r.id: r.met for r in session.report().results}["S4"]
    assert heard == ["impact", "impact"]


def test_save_writes_only_when_changed_and_read_only_never(session: Session) -> None:
    assert session.save() is False
    session.edit("title", "Changed")
    assert session.save() is True
    assert read_draft(session.store.path("s")).title == "Changed"
    session.read_only = True
    session.edit("title", "Not saved")
    assert session.save() is False
    assert read_draft(session.store.path("s")).title == "Changed"


def test_a_new_draft_gets_a_dated_name_on_first_save(isolated_home) -> None:
    session = Session(DraftStore(isolated_home), None)
    session.edit("timeline", [TimelineEntry(time=datetime(2023, 1, 1, 10, 0), text="First entry")])
    session.save()
    assert session.name is not None and session.name.startswith("postmortem-")
    assert read_draft(session.store.path(session.name)).timeline[0].text == "First entry"


def test_first_incomplete_section(session: Session) -> None:
    assert session.first_incomplete() == "review"
    session.edit("tasks", [])
    assert session.first_incomplete() == "measures"


def test_every_save_includes_text_typed_but_not_yet_applied(session: Session) -> None:
    session.edit("root_cause", "applied")
    session.stage("root_cause", "applied, then typed on")
    session.stage("impact.down", "Checkout API")
    assert session.save()
    saved = read_draft(session.store.path("s"))
    assert saved.root_cause == "applied, then typed on"
    assert saved.impact.down == "Checkout API"
    assert session.draft.root_cause == "applied"
    session.edit("root_cause", "applied, then typed on")
    assert "root_cause" not in session.staged


def test_staging_says_when_the_first_unsaved_change_comes(session: Session) -> None:
    session.save(force=True)
    assert session.stage("root_cause", "t") is True  # the autosave clock starts here
    assert session.stage("root_cause", "ty") is False
    assert session.save()
    assert session.stage("root_cause", "typ") is True


def test_a_clock_change_recounts_the_document(session: Session) -> None:
    before = session.total_words
    session.edit("clock", "24h")  # `12:32 PM` is two words, `12:32` one
    assert_counts_fresh(session)
    assert session.total_words < before


def test_your_words_are_the_authors_and_follow_each_edit(isolated_home) -> None:
    session = Session(DraftStore(isolated_home), None)
    assert session.total_words > 0 and session.your_words == 0  # headings only
    session.edit("root_cause", "The pool ran dry at noon.")
    assert session.your_words == 6
    session.edit("tasks", [{"text": "Add pool alerts", "owner": "Ann Lee"}])
    assert session.your_words == 6 + 3 + 2
    session.edit("title", "Pool outage")
    assert session.your_words == 13
    assert session.total_words > session.your_words


def test_a_new_draft_takes_the_computers_zone_to_be_confirmed(isolated_home) -> None:
    session = Session(DraftStore(isolated_home), None)
    assert session.draft.window.zone == "Africa/Nairobi"  # TZ of the tests
    assert session.draft.window.zone_from_computer
    s1 = next(r for r in session.report().results if r.id == "S1")
    assert not s1.met


def test_a_dated_name_follows_the_title_once_and_a_chosen_name_stays(isolated_home) -> None:
    store = DraftStore(isolated_home)
    session = Session(store, None)
    session.edit("impact.percent", "5")
    session.save()
    assert session.name is not None and session.name.startswith("postmortem-")
    session.edit("title", "Checkout outage")
    assert session.name_after_title() == "checkout-outage"
    assert store.names() == ["checkout-outage"] and session.lock is not None
    assert session.lock.held
    session.edit("title", "Another title")
    assert session.name_after_title() is None  # named once
    chosen = Session(store, "my-name")
    chosen.edit("title", "Whatever")
    assert chosen.name_after_title() is None and chosen.name == "my-name"
    session.close()


def test_an_unsaved_draft_takes_its_titles_name_at_once(isolated_home) -> None:
    store = DraftStore(isolated_home)
    session = Session(store, None)
    session.edit("title", "Login outage")
    assert session.name_after_title() == "login-outage"
    session.save()
    assert store.names() == ["login-outage"]
    session.close()


def test_two_new_drafts_named_at_once_each_get_their_own_name(isolated_home) -> None:
    """Two wizards (or a wizard and an import) that name a new draft before either saves
    never share the name: it is taken, with its lock, when chosen."""
    store = DraftStore(isolated_home)
    first, second = Session(store, None), Session(store, None)
    day = datetime(2026, 12, 1).date()
    assert first.ensure_name(day) == "postmortem-2026-12-01"
    assert second.ensure_name(day) == "postmortem-2026-12-01-2"
    titled, also = Session(store, None), Session(store, None)
    for session in (titled, also):
        session.edit("title", "Login outage")
    assert (titled.name_after_title(), also.name_after_title()) == (
        "login-outage",
        "login-outage-2",
    )
    for session in (first, second, titled, also):
        session.edit("root_cause", f"Written as {session.name}.")
        assert session.save()
    for session in (first, second, titled, also):
        assert session.name is not None
        assert store.load(session.name).root_cause == f"Written as {session.name}."
        session.close()


def test_a_fresh_draft_takes_the_next_name_when_its_own_is_taken(isolated_home) -> None:
    from wizard.opening import new_session

    store = DraftStore(isolated_home)
    holder = new_session(store, "example", example_postmortem(), fresh=True)
    later = new_session(store, "example", example_postmortem(), fresh=True)
    assert (holder.name, later.name) == ("example", "example-2")
    assert holder.save() and later.save()
    assert sorted(store.names()) == ["example", "example-2"]
    holder.close()
    later.close()


def test_renaming_a_draft_not_yet_saved_lets_go_of_the_old_names_lock(isolated_home) -> None:
    store = DraftStore(isolated_home)
    session = Session(store, None)
    session.ensure_name(datetime(2026, 12, 1).date())
    session.rename("chosen")
    assert session.save(force=True)
    assert store.names() == ["chosen"]
    other = Session(store, None)
    assert other.ensure_name(datetime(2026, 12, 1).date()) == "postmortem-2026-12-01"
    session.close()
    other.close()


def test_rename_moves_the_files_and_keeps_the_lock(isolated_home) -> None:
    store = DraftStore(isolated_home)
    session = Session(store, "old", example_postmortem())
    session.save(force=True)
    session.save(force=True)  # a backup
    session.rename("new")
    assert sorted(p.name for p in store.root.iterdir() if not p.name.endswith(".lock")) == [
        "new.json",
        "new.json.bak",
    ]
    assert session.lock is not None and session.lock.held
    session.edit("title", "Renamed")
    session.save()
    assert read_draft(store.path("new")).title == "Renamed"
    session.close()


# --- a field too long to save ----------------------------------------------------------------


def test_a_text_too_long_to_save_is_refused_at_its_field(session: Session) -> None:
    from wizard.drafts import MAX_BYTES, size_limit_text

    before = session.draft.root_cause
    with pytest.raises(EditError) as refused:
        session.edit("root_cause", "x" * (MAX_BYTES + 1))
    assert refused.value.field == "root_cause" and size_limit_text() in refused.value.message
    assert session.draft.root_cause == before
    with pytest.raises(EditError, match="this text is just over 256 KB"):
        session.edit("impact.experience", "é" * (MAX_BYTES // 2 + 1))  # bytes, not letters
    session.edit("impact.experience", "e" * (MAX_BYTES // 2 + 1))
    session.edit("root_cause", "The pool ran out. " * 100)
    assert session.save()


def test_a_text_is_measured_as_the_draft_file_holds_it(session: Session) -> None:
    """Quotes and line breaks take two bytes each in the file: half the limit of them is
    too many, while as many letters fit."""
    from wizard.drafts import MAX_BYTES

    with pytest.raises(EditError):
        session.edit("root_cause", '"\n' * (MAX_BYTES // 4 + 1))
    session.edit("root_cause", "ab" * (MAX_BYTES // 4 + 1))
    assert session.save()


def test_staged_text_too_long_to_save_stays_out_of_the_saved_draft(
    session: Session, isolated_home
) -> None:
    from wizard.drafts import MAX_BYTES

    before = session.draft.title
    session.stage("title", "t" * (MAX_BYTES + 1))
    session.stage("resolution", "Rolled back and watched it for an hour.")
    assert session.save()
    saved = read_draft(DraftStore(isolated_home).path("s"))
    assert saved.title == before
    assert saved.resolution == "Rolled back and watched it for an hour."


def test_texts_each_short_enough_are_refused_where_together_they_would_not_save(
    session: Session,
) -> None:
    from wizard.drafts import MAX_BYTES

    half = "The pool ran out. " * (MAX_BYTES // 2 // 18)
    session.edit("root_cause", half)
    with pytest.raises(EditError, match="shorten this text or another") as refused:
        session.edit("resolution", half)
    assert refused.value.field == "resolution"
    session.edit("resolution", half[: len(half) // 2])  # room for this much
    assert session.save()
    session.edit("root_cause", "Short now.")
    session.edit("resolution", half)  # the room the root cause gave back
    assert session.save()
