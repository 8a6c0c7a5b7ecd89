"""The drafts list's summary index: always what the drafts hold, rebuilt when stale or damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wizard.drafts import MAX_BYTES, DraftStore, dump, size_limit_text
from wizard.example import example_postmortem
from wizard.model import Postmortem
from wizard.rubric import evaluate
from wizard.summaries import INDEX, Summary


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def summaries(store: DraftStore) -> dict[str, Summary | None]:
    return {info.name: info.summary for info in store.info()}


def index(store: DraftStore) -> dict[str, dict[str, object]]:
    drafts = json.loads((store.root / INDEX).read_text(encoding="utf-8"))["drafts"]
    assert isinstance(drafts, dict)
    return drafts


def expected(draft: Postmortem) -> Summary:
    report = evaluate(draft)
    return Summary(draft.title, report.total, report.met, len(report.results))


def test_the_index_holds_what_each_draft_holds(store: DraftStore) -> None:
    example = example_postmortem()
    store.save("full", example)
    store.save("half", Postmortem(title="Half done"))
    assert not (store.root / INDEX).exists()
    first = summaries(store)
    assert first == {"full": expected(example), "half": expected(Postmortem(title="Half done"))}
    assert set(index(store)) == {"full.json", "half.json"}
    assert summaries(store) == first  # read back from the index


def test_a_draft_changed_after_its_summary_is_read_again(store: DraftStore) -> None:
    store.save("draft", Postmortem(title="Before"))
    assert summaries(store)["draft"] == expected(Postmortem(title="Before"))
    store.load("draft")
    store.save("draft", Postmortem(title="After"))
    assert summaries(store)["draft"] == expected(Postmortem(title="After"))
    assert index(store)["draft.json"]["title"] == "After"


def test_a_same_size_edit_with_the_old_mtime_put_back_is_still_seen(store: DraftStore) -> None:
    path = store.save("draft", Postmortem(title="Aaaa"))
    assert summaries(store)["draft"] == expected(Postmortem(title="Aaaa"))
    before = os.stat(path)
    with open(path, "r+b") as file:  # in place, same size, then the old times put back
        file.write(dump(Postmortem(title="Bbbb")).encode("utf-8"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert summaries(store)["draft"] == expected(Postmortem(title="Bbbb"))


def test_a_stale_entry_is_never_shown(store: DraftStore) -> None:
    store.save("draft", Postmortem(title="Real"))
    summaries(store)
    data = json.loads((store.root / INDEX).read_text(encoding="utf-8"))
    entry = data["drafts"]["draft.json"]
    entry["title"], entry["stamp"][1] = "Stale", entry["stamp"][1] - 1
    (store.root / INDEX).write_text(json.dumps(data), encoding="utf-8")
    assert summaries(store)["draft"] == expected(Postmortem(title="Real"))
    assert index(store)["draft.json"]["title"] == "Real"


@pytest.mark.parametrize(
    "damage",
    [
        "nope{",
        "[]",
        '{"version": "0.0.0-other", "drafts": {}}',
        "\xff\xfe",
        '{"version": "VERSION", "drafts": {"draft.json": {"stamp": [1], "title": 3}}}',
        '{"version": "VERSION", "drafts": {"draft.json": {"stamp": "x"}}}',
        '{"version": "VERSION", "drafts": []}',
    ],
)
def test_a_damaged_index_is_ignored_and_rebuilt(store: DraftStore, damage: str) -> None:
    from wizard import __version__

    store.save("draft", Postmortem(title="Real"))
    (store.root / INDEX).write_text(damage.replace("VERSION", __version__), encoding="utf-8")
    assert summaries(store)["draft"] == expected(Postmortem(title="Real"))
    assert index(store)["draft.json"]["title"] == "Real"


def test_an_index_that_is_no_regular_file_is_ignored(store: DraftStore) -> None:
    store.save("draft", Postmortem(title="Real"))
    os.mkfifo(store.root / INDEX)  # reading it would block: it is refused unread
    assert summaries(store)["draft"] == expected(Postmortem(title="Real"))
    (store.root / INDEX).unlink()
    huge = store.root / "huge.bin"
    huge.write_bytes(b" " * (9 * 1024 * 1024))
    (store.root / INDEX).symlink_to(huge)
    assert summaries(store)["draft"] == expected(Postmortem(title="Real"))
    assert huge.stat().st_size == 9 * 1024 * 1024  # the link was replaced, not its target


def test_unreadable_and_linked_drafts_are_read_every_time(store: DraftStore) -> None:
    store.save("good", Postmortem(title="Good"))
    (store.root / "bad.json").write_text("nope{", encoding="utf-8")
    (store.root / "big.json").write_bytes(b" " * (MAX_BYTES + 1))
    outside = store.root.parent / "outside.json"
    outside.write_text(dump(Postmortem(title="Linked")), encoding="utf-8")
    (store.root / "linked.json").symlink_to(outside)
    found = summaries(store)
    assert "is not valid JSON" in (found["bad"].error or "")  # type: ignore[union-attr]
    assert size_limit_text() in (found["big"].error or "")  # type: ignore[union-attr]
    assert found["linked"] == expected(Postmortem(title="Linked"))
    assert set(index(store)) == {"good.json"}
    outside.write_text(dump(Postmortem(title="Linked, edited")), encoding="utf-8")
    assert summaries(store)["linked"] == expected(Postmortem(title="Linked, edited"))


def test_deleted_drafts_leave_the_index(store: DraftStore) -> None:
    store.save("one", Postmortem(title="One"))
    store.save("two", Postmortem(title="Two"))
    summaries(store)
    store.delete("one")
    assert set(summaries(store)) == {"two"}
    assert set(index(store)) == {"two.json"}


def test_listing_reads_no_draft(store: DraftStore) -> None:
    os.utime(store.save("draft", Postmortem(title="Real")), ns=(10**18, 10**18))
    (store.root / "bad.json").write_text("nope{", encoding="utf-8")
    listed = store.listing()
    assert [info.name for info in listed] == ["bad", "draft"]
    assert listed[1].modified.timestamp() == 10**9
    assert all(info.summary is None for info in listed)
    assert not (store.root / INDEX).exists()
