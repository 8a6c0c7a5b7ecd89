"""The work kept between runs: patterns compiled from their kept form match as re compiles
them, values come back as fresh copies, and `check` and `export` say the same whether the file
is missing, written, broken or never written."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import child_env

from wizard import memo

PATTERNS = [
    (r"\b(?:human|operator)[- ]errors?\b", 0),
    (r"(?P<name>[A-Z][a-z]+)\s+(?P<verb>[a-z]+)", 0),
    (r"^ {0,3}(#{1,6})(?!#+)(?P<text>.*)$", re.M),
    (r"(?:[^\W\d_]|\d)+(?=\s)", re.I | re.S),
    (r"(?<=\n)- (?:\[[ x]\] )?", re.M),
]
TEXTS = ["Bob restarted the Human error box", "## Heading\n- [x] Ana fixed it\n", "A1 b_2 ÉTÉ\n"]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_kept_pattern_matches_as_re_compiles_it(pattern: str, flags: int) -> None:
    compiled = re.compile(pattern, flags)
    kept = memo._pattern((pattern, flags), memo._form(pattern, flags))
    assert (kept.pattern, kept.flags, kept.groups) == (
        compiled.pattern,
        compiled.flags,
        compiled.groups,
    )
    assert kept.groupindex == compiled.groupindex
    for text in TEXTS:
        assert [m.span() for m in kept.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert [m.groupdict() for m in kept.finditer(text)] == [
            m.groupdict() for m in compiled.finditer(text)
        ]


def test_a_broken_form_is_refused() -> None:
    pattern, flags = PATTERNS[0]
    state, code, groups, index, names = memo._form(pattern, flags)
    with pytest.raises((RuntimeError, TypeError, ValueError)):
        memo._pattern((pattern, flags), (state, code[: len(code) // 2], groups, index, names))


def test_a_recalled_value_is_a_fresh_copy() -> None:
    calls: list[str] = []

    def work(text: str) -> dict[str, list[str]]:
        calls.append(text)
        return {"words": text.split()}

    text = "kept between calls"
    first = memo.recall("test", text, work)
    first["words"].append("changed")
    assert memo.recall("test", text, work) == {"words": ["kept", "between", "calls"]}
    assert calls == [text]


def test_an_error_is_not_kept() -> None:
    with pytest.raises(ValueError):
        memo.toml("key = ")
    with pytest.raises(ValueError):
        memo.toml("key = ")


def _run(args: list[str], home: Path, cache: Path, write: bool = True) -> tuple[str, str, int]:
    env = child_env(home) | {"PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        capture_output=True,
        env=env,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return done.stdout, done.stderr, done.returncode


def _kept_file(cache: Path) -> list[Path]:
    return sorted(cache.rglob("memo.*.marshal"))


def test_commands_say_the_same_with_the_file_missing_kept_or_broken(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    assert _run(["new", "--example"], home, cache, write=False)[2] == 0
    assert not _kept_file(cache)
    commands = [["check", "example", "--json"], ["export", "example"]]
    fresh = [_run(args, home, cache, write=False) for args in commands]
    assert not _kept_file(cache)  # never written where Python writes no bytecode
    assert [_run(args, home, cache) for args in commands] == fresh
    kept = _kept_file(cache)
    assert [path.name.split(".")[1] for path in kept] == ["check", "export"]  # one a command
    written = [path.stat().st_mtime_ns for path in kept]
    contents = [marshal.loads(path.read_bytes()) for path in kept]
    assert [_run(args, home, cache) for args in commands] == fresh
    assert [path.stat().st_mtime_ns for path in kept] == written  # nothing new: not written
    for path in kept:
        path.write_bytes(path.read_bytes()[:1000])
    assert [_run(args, home, cache) for args in commands] == fresh
    assert [marshal.loads(path.read_bytes()) for path in kept] == contents  # written whole


def test_an_unwritable_place_changes_nothing(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    cache.write_text("a file where the folder would be")
    assert _run(["new", "--example"], home, cache, write=False)[2] == 0
    fresh = _run(["check", "example"], home, tmp_path / "other", write=False)
    assert _run(["check", "example"], home, cache) == fresh
    assert cache.read_text() == "a file where the folder would be"
    assert not list(tmp_path.rglob(".memo.*"))  # no temporary file left behind


def test_word_counts_kept_are_the_counts_of_that_very_text(monkeypatch) -> None:
    """A draft opened as it was left is counted from the memo; any change to a section's
    text is counted afresh (the key is the text's digest, never its name or place)."""
    from wizard.example import example_postmortem
    from wizard.markdown import counts

    pm = example_postmortem()
    fresh = counts.section_words(pm), counts.frame_words(pm)
    kept = counts.section_words(pm, count=counts.kept_count)
    assert (kept, counts.frame_words(pm, count=counts.kept_count)) == fresh

    def no_parsing(markdown: str) -> int:
        raise AssertionError(f"parsed again: {markdown[:40]!r}")

    monkeypatch.setattr(counts, "count_words", no_parsing)
    assert counts.section_words(pm, count=counts.kept_count) == kept  # all from the memo
    changed = pm.revised(root_cause=pm.root_cause + " One more sentence here.")
    with pytest.raises(AssertionError, match="parsed again"):
        counts.section_words(changed, count=counts.kept_count)


def test_a_resumed_draft_as_left_opens_without_the_markdown_parser(tmp_path: Path) -> None:
    """Quitting keeps the draft's counts; opening it again, unchanged, counts from them and
    loads no Markdown parser before the first frame."""
    from wizard.drafts import DraftStore
    from wizard.example import example_postmortem

    DraftStore(tmp_path / "home").save("left", example_postmortem())
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wizard import memo\n"
        "from wizard.drafts import DraftStore\n"
        "from wizard.session import Session\n"
        "memo.load('resume')\n"
        "store = DraftStore(Path(sys.argv[1]))\n"
        "session = Session(store, 'left', store.load('left'))\n"
        "print('mistune' in sys.modules, session.total_words)\n"
        "session.keep_counts()\n"
        "memo.keep()\n"
    )
    env = child_env(tmp_path / "home") | {"PYTHONPYCACHEPREFIX": str(tmp_path / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "home")],
            capture_output=True,
            env=env,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    first, second = run(), run()
    assert first.startswith("True ")  # counted by parsing, then kept
    assert second == first.replace("True", "False")  # the same counts, no parser loaded
