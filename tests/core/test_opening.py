"""Opening a draft: the session a command asks for, a recovered backup, a held lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.drafts import DraftError, DraftStore
from wizard.example import example_postmortem
from wizard.lock import DraftLock
from wizard.opening import new_session, opening, recovery, session_for


@pytest.fixture
def store(isolated_home: Path) -> DraftStore:
    return DraftStore(isolated_home)


def broken(store: DraftStore, name: str) -> None:
    """A draft saved twice (so it has a backup), then cut short on disk."""
    store.save(name, example_postmortem())
    store.save(name, example_postmortem().revised(title="Second version"))
    store.path(name).write_text("{ truncated", encoding="utf-8")


def test_only_new_and_resume_open_a_session(store: DraftStore) -> None:
    assert session_for(store, None, None, None) is None
    session = session_for(store, "new", "checkout-outage", None)
    assert session is not None and session.name == "checkout-outage" and not session.dirty


def test_new_refuses_a_name_taken(store: DraftStore) -> None:
    store.save("taken", example_postmortem())
    with pytest.raises(DraftError, match="exists already; open it with: pmwizard resume taken"):
        session_for(store, "new", "taken", None)


def test_resume_opens_the_latest_draft_or_says_there_is_none(store: DraftStore) -> None:
    with pytest.raises(DraftError, match=r"no drafts in .* start one with: pmwizard new"):
        session_for(store, "resume", None, None)
    store.save("done", example_postmortem())
    session = session_for(store, "resume", None, None)
    assert session is not None and session.name == "done"
    assert session.draft == example_postmortem()


def test_an_unreadable_draft_names_its_backup_which_opens_as_a_new_draft(
    store: DraftStore,
) -> None:
    broken(store, "bad")
    with pytest.raises(DraftError, match=r"pmwizard resume .*bad\.json\.bak"):
        session_for(store, "resume", None, "bad")
    session = session_for(store, "resume", None, str(store.backup_path("bad")))
    assert session is not None and session.name == "bad-recovered" and session.dirty
    assert session.draft.title == "Checkout outage at Duka Online"
    assert store.path("bad").read_text(encoding="utf-8") == "{ truncated"


def test_recovery_offers_the_previous_version_under_a_new_name(store: DraftStore) -> None:
    broken(store, "broken")
    found = recovery(store, "broken", "broken.json is not valid JSON")
    assert found is not None
    assert found.name == "broken-recovered"
    assert found.draft.title == "Checkout outage at Duka Online"
    assert found.error == "broken.json is not valid JSON"
    assert found.saved.year >= 2024


def test_no_recovery_without_a_readable_backup(store: DraftStore) -> None:
    store.save("once", example_postmortem())
    store.path("once").write_text("{", encoding="utf-8")
    assert recovery(store, "once", "unreadable") is None
    store.backup_path("once").write_text("{", encoding="utf-8")
    assert recovery(store, "once", "unreadable") is None


def test_opening_takes_the_lock_or_says_who_holds_it(store: DraftStore) -> None:
    store.save("shared", example_postmortem())
    mine = opening(new_session(store, "shared", example_postmortem()))
    assert mine.held_by is None and not mine.session.read_only
    theirs = opening(new_session(store, "shared", example_postmortem()))
    try:
        assert theirs.held_by is not None and "pmwizard" in theirs.held_by
        session = theirs.read_only()
        assert session.read_only and session is theirs.session
    finally:
        mine.session.close()
        theirs.session.close()


def test_a_held_lock_elsewhere_is_named(store: DraftStore) -> None:
    store.save("held", example_postmortem())
    other = DraftLock(store.path("held"))
    assert other.acquire()
    try:
        found = opening(new_session(store, "held", example_postmortem()))
        assert found.held_by is not None and found.read_only_reason is None
    finally:
        other.release()


def test_a_fresh_session_is_to_be_written_at_once(store: DraftStore) -> None:
    assert new_session(store, "ex", example_postmortem(), fresh=True).dirty
    assert not new_session(store, None, None).dirty
