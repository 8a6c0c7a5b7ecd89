"""Draft storage: atomic, private, backed up, and never clobbering a file it cannot read."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from wizard.drafts import (
    DraftChanged,
    DraftError,
    DraftStore,
    check_name,
    default_root,
    dump,
    read_draft,
    save_export,
    slugify,
    write_atomic,
)
from wizard.example import example_postmortem
from wizard.model import Postmortem


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_line(error: pytest.ExceptionInfo[DraftError], path: Path) -> str:
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    return message


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


# --- atomic, private writes ---------------------------------------------------------------


def test_write_atomic_leaves_only_the_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "draft.json"
    write_atomic(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert os.listdir(target.parent) == ["draft.json"]
    assert mode(target) == 0o600


def test_write_atomic_keeps_mode_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "a.json", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.json") == 0o600


def test_a_failed_rename_leaves_the_old_draft_intact(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save("outage", Postmortem(title="old"))
    before = path.read_bytes()
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DraftError) as caught:
        store.save("outage", Postmortem(title="new"))
    assert "No space left on device" in one_line(caught, path)
    assert path.read_bytes() == before
    # Nothing rotated, nothing left behind: there was no backup, and there still is none.
    assert sorted(os.listdir(store.root)) == ["outage.json"]


def test_a_failed_write_leaves_the_old_draft_intact(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save("outage", Postmortem(title="old"))
    before = path.read_bytes()

    def fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(DraftError):
        store.save("outage", Postmortem(title="new"))
    assert path.read_bytes() == before
    assert not [n for n in os.listdir(store.root) if n.endswith(".tmp")]


def test_saved_drafts_are_private_json_with_a_schema(store: DraftStore) -> None:
    path = store.save("outage", example_postmortem())
    assert path == store.root / "outage.json"
    assert mode(path) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert next(iter(data)) == "schema" and data["schema"] == 3
    assert path.read_text(encoding="utf-8") == dump(example_postmortem())
    assert '\n  "title": "Checkout outage at Duka Online",\n' in path.read_text("utf-8")


def test_the_backup_holds_the_previous_version(store: DraftStore) -> None:
    first, second, third = (Postmortem(title=t) for t in ("one", "two", "three"))
    store.save("outage", first)
    assert not store.backup_path("outage").exists()
    store.save("outage", second)
    assert store.backup_path("outage").read_text(encoding="utf-8") == dump(first)
    store.save("outage", third)
    assert store.backup_path("outage").read_text(encoding="utf-8") == dump(second)
    assert read_draft(store.path("outage")) == third
    assert mode(store.backup_path("outage")) == 0o600
    assert sorted(os.listdir(store.root)) == ["outage.json", "outage.json.bak"]


def test_load_and_save_round_trip(store: DraftStore) -> None:
    store.save("example", example_postmortem())
    assert store.load("example") == example_postmortem()
    assert DraftStore(store.root).load(str(store.path("example"))) == example_postmortem()


# --- files it cannot read are never overwritten ------------------------------------------


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"schema": 1, "title": "unfinished', "is not valid JSON (line 1, column"),
        (b"\xff\xfe not utf-8", "is not UTF-8"),
        (b'["a list"]', 'no "schema" key'),
        (b'{"title": "no schema"}', 'no "schema" key'),
        (b'{"schema": 4, "title": "from the future"}', "schema 4"),
        (b'{"schema": "one"}', "unknown draft schema 'one'"),
        (b'{"schema": 1, "impact": {"percent": 300}}', "impact.percent: 300%"),
    ],
)
def test_an_unreadable_draft_is_never_overwritten(
    store: DraftStore, content: bytes, said: str
) -> None:
    path = store.path("outage")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DraftError) as caught:
        store.save("outage", example_postmortem())
    message = one_line(caught, path)
    assert said in message and "left untouched" in message
    assert path.read_bytes() == content
    assert sorted(os.listdir(store.root)) == ["outage.json"]
    with pytest.raises(DraftError) as caught:
        store.load("outage")
    assert said in one_line(caught, path)


def test_a_future_schema_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text('{"schema": 7}', encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    assert one_line(caught, path) == (
        f"{path} has draft schema 7; this pmwizard reads schema 3: upgrade pmwizard to open it"
    )


def test_a_draft_broken_behind_the_stores_back_is_not_overwritten(store: DraftStore) -> None:
    path = store.save("outage", Postmortem(title="mine"))
    path.write_text('{"schema": 4}', encoding="utf-8")
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    with pytest.raises(DraftError):
        store.save("outage", Postmortem(title="mine, again"))
    assert path.read_text(encoding="utf-8") == '{"schema": 4}'


def test_a_good_draft_written_by_another_store_is_not_replaced(store: DraftStore) -> None:
    store.save("outage", Postmortem(title="this window"))
    other = DraftStore(store.root)
    other.load("outage")
    other.save("outage", Postmortem(title="other window"))
    with pytest.raises(DraftChanged, match="changed by another program"):
        store.save("outage", Postmortem(title="this window, later"))
    assert read_draft(store.path("outage")).title == "other window"
    assert read_draft(store.backup_path("outage")).title == "this window"


def test_a_draft_this_store_never_read_is_not_replaced(store: DraftStore) -> None:
    DraftStore(store.root).save("outage", Postmortem(title="imported elsewhere"))
    with pytest.raises(DraftChanged):
        store.save("outage", Postmortem(title="typed here"))
    assert read_draft(store.path("outage")).title == "imported elsewhere"


def test_a_draft_touched_but_unchanged_is_still_saved(store: DraftStore) -> None:
    path = store.save("outage", Postmortem(title="one"))
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    store.save("outage", Postmortem(title="two"))
    assert read_draft(path).title == "two"


def test_a_draft_rewritten_in_place_with_the_same_stamp_is_not_replaced(
    store: DraftStore,
) -> None:
    path = store.save("outage", Postmortem(title="one"))
    stamp = path.stat()
    path.write_bytes(dump(Postmortem(title="two")).encode())  # same inode, same size
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    with pytest.raises(DraftChanged):
        store.save("outage", Postmortem(title="three"))
    assert read_draft(path).title == "two"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: None, "no draft at"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_read_draft_errors_name_the_file(tmp_path: Path, make: object, said: str) -> None:
    path = tmp_path / "thing.json"
    make(path)  # type: ignore[operator]
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    assert said in one_line(caught, path)


# --- where drafts live, names ------------------------------------------------------------


def test_default_root_honours_pmwizard_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMWIZARD_HOME", str(tmp_path / "elsewhere"))
    assert default_root() == tmp_path / "elsewhere"
    assert DraftStore().root == tmp_path / "elsewhere"


def test_default_root_without_pmwizard_home_is_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PMWIZARD_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    root = default_root()
    assert root.parts[-2:] == ("pmwizard", "drafts")
    assert not root.exists()


def test_a_store_creates_nothing_until_it_saves(store: DraftStore) -> None:
    assert store.names() == [] and store.latest() is None and store.info() == []
    assert not store.root.exists()
    store.save("x", Postmortem())
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700


def test_names_are_most_recent_first_and_skip_other_files(store: DraftStore) -> None:
    for number, name in enumerate(["old", "middle", "new"]):
        path = store.save(name, Postmortem(title=name))
        stamp = 1_700_000_000_000_000_000 + number * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
    store.save("old", Postmortem(title="old, edited"))  # makes old.json.bak, touches old
    (store.root / ".hidden.json").write_text("{}")
    (store.root / "notes.txt").write_text("x")
    (store.root / "My Draft (copy).json").write_text("{}")
    (store.root / "folder.json").mkdir()
    assert store.names() == ["old", "new", "middle"]
    assert store.latest() == "old"
    assert [i.name for i in store.info()] == ["old", "new", "middle"]


def test_info_reports_unreadable_drafts_without_failing(store: DraftStore) -> None:
    store.save("good", example_postmortem())
    (store.root / "bad.json").write_text("nope{")
    info = {i.name: i for i in store.info()}
    good, bad = info["good"].summary, info["bad"].summary
    assert good is not None and bad is not None
    assert good.title == example_postmortem().title and good.met == good.points == 17
    assert good.error is None
    assert bad.title is None and "is not valid JSON" in (bad.error or "")


def test_new_name_finds_a_free_name(store: DraftStore) -> None:
    assert store.new_name("Checkout outage, Jan 17!") == "checkout-outage-jan-17"
    store.save("example", Postmortem())
    assert store.new_name("example") == "example-2"
    store.save("example-2", Postmortem())
    assert store.new_name("Example") == "example-3"
    assert slugify("???") == "postmortem"


@pytest.mark.parametrize("name", ["", "../evil", "a/b", ".hidden", "a..b", "sp ace", "x" * 101])
def test_bad_names_are_refused(store: DraftStore, name: str) -> None:
    with pytest.raises(DraftError) as caught:
        store.save(name, Postmortem())
    assert "is not a draft name" in str(caught.value)
    with pytest.raises(DraftError):
        check_name(name)


def test_resolve_by_name_or_path(store: DraftStore, tmp_path: Path) -> None:
    path = store.save("outage", Postmortem())
    assert store.resolve("outage") == path
    assert store.resolve("outage.json") == path
    assert store.resolve(str(path)) == path
    with pytest.raises(DraftError) as caught:
        store.resolve("missing")
    assert str(caught.value) == f"no draft named 'missing' in {store.root} (drafts: outage)"


# --- exported files ----------------------------------------------------------------------


def test_save_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    save_export(target, "first\n", root=tmp_path / "home")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert mode(target) == 0o644
    with pytest.raises(DraftError) as caught:
        save_export(target, "second\n", root=tmp_path / "home")
    assert one_line(caught, target).endswith("exists already; pass --force to overwrite it")
    assert target.read_text(encoding="utf-8") == "first\n"
    save_export(target, "third\n", force=True, root=tmp_path / "home")
    assert target.read_text(encoding="utf-8") == "third\n"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_save_export_without_hard_links_still_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def link(src: str | Path, dst: str | Path) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", link)
    target = tmp_path / "out" / "pm.md"
    target.parent.mkdir()
    save_export(target, "first\n", root=tmp_path / "home")
    assert target.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(DraftError):
        save_export(target, "second\n", root=tmp_path / "home")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert os.listdir(target.parent) == ["pm.md"]


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("missing/pm.md", "does not exist"),
        ("", "is a folder"),
        ("a" * 300 + ".md", "cannot write"),
    ],
    ids=["no-folder", "a-folder", "name-too-long"],
)
def test_save_export_errors_are_one_line(tmp_path: Path, where: str, said: str) -> None:
    target = tmp_path / where if where else tmp_path
    with pytest.raises(DraftError) as caught:
        save_export(target, "x", force=True, root=tmp_path / "home")
    assert said in one_line(caught, target)


def test_a_draft_without_one_of_its_fields_is_reported_and_kept(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    path = store.save("cut", example_postmortem())
    data = json.loads(path.read_text())
    del data["timeline"]
    text = json.dumps(data)
    path.write_text(text)
    with pytest.raises(DraftError, match=r"cut\.json is not a whole draft: it has no 'timeline'"):
        read_draft(path)
    with pytest.raises(DraftError):
        DraftStore(tmp_path).save("cut", example_postmortem())
    assert path.read_text() == text


# --- rename, delete, restore --------------------------------------------------------------


def test_deleting_a_name_twice_keeps_both_in_the_trash(store: DraftStore) -> None:
    store.save("scratch", Postmortem(title="first"))
    store.delete("scratch")
    store.save("scratch", Postmortem(title="second"))
    store.delete("scratch")
    assert store.names() == []
    assert sorted(store.trashed_names()) == ["scratch", "scratch-2"]
    store.restore("scratch")
    assert store.load("scratch").title == "second"
    store.restore("scratch-2")
    assert store.load("scratch-2").title == "first"


def test_rename_keeps_saving_under_the_new_name(store: DraftStore) -> None:
    store.save("old", Postmortem(title="one"))
    store.rename("old", "new")
    store.save("new", Postmortem(title="two"))
    assert store.names() == ["new"]
    assert read_draft(store.backup_path("new")).title == "one"


def test_a_schema_1_draft_is_read_and_saved_as_schema_3(store: DraftStore) -> None:
    """Drafts written before the clock and the computer's zone were kept still open."""
    data = json.loads(dump(example_postmortem()))
    data["schema"] = 1
    del data["clock"]
    del data["window"]["zone_from_computer"]
    store.root.mkdir(parents=True)
    path = store.root / "old.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    pm = store.load("old")
    assert pm.title == "Checkout outage at Duka Online"
    assert pm.clock is None and not pm.window.zone_from_computer
    store.save("old", pm)
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == 3


def test_claim_gives_up_where_no_lock_is_ever_held(tmp_path, monkeypatch) -> None:
    """A file system that refuses every lock (flock failing on each file) gets a clear error
    after a bounded number of names, never an endless search."""
    from wizard import lock
    from wizard.drafts import DraftStore

    monkeypatch.setattr(lock.DraftLock, "acquire", lambda self: False)
    store = DraftStore(tmp_path)
    with pytest.raises(lock.LockError, match="no lock could be held"):
        store.claim("outage")


def test_claim_takes_the_first_free_name_and_holds_it(tmp_path) -> None:
    from wizard.drafts import DraftStore
    from wizard.lock import DraftLock

    store = DraftStore(tmp_path)
    (tmp_path / "outage.json").write_text("{}", encoding="utf-8")
    name, held = store.claim("Outage")
    try:
        assert name == "outage-2"
        assert not DraftLock(store.path(name)).acquire()  # another one cannot take it
    finally:
        held.release()
