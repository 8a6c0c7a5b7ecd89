"""What the drafts list shows of each draft (title, words, points), kept in one index file
beside the drafts, so that listing them reads only the drafts that changed.

An entry holds the draft file's size, mtime, inode and ctime when it was summarised; any
change to the file changes one of them, and the entry is then computed again from the
draft. The index is a cache: a missing, damaged or foreign one is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.drafts import (
    MAX_BYTES,
    DraftError,
    DraftInfo,
    parse_draft,
    read_bytes,
    write_atomic,
)

INDEX = ".summaries.json"
"""The index file in the drafts folder (a leading dot: never taken for a draft)."""
MAX_INDEX_BYTES = 8 * 1024 * 1024

Stamp = tuple[int, int, int, int]


@dataclass(frozen=True)
class Summary:
    """A draft's title, word count and rubric points met, or why it cannot be read."""

    title: str | None = None
    words: int | None = None
    met: int | None = None
    points: int | None = None
    error: str | None = None


def indexed(root: Path, infos: list[DraftInfo]) -> list[DraftInfo]:
    """`infos` (drafts in folder `root`) with the summaries the index holds of files unchanged
    since; no draft is read, so the others stay without one (see `summarized`)."""
    index = SummaryIndex(root).load()
    return [replace(info, summary=index.kept(info)) for info in infos]


def stamp(status: os.stat_result) -> Stamp:
    """What changes whenever a file is written, replaced or touched."""
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


def summarize(path: Path) -> tuple[Summary, Stamp | None]:
    """The summary of the draft at `path`, and the stamp of the file it was read from (None
    when it must not be kept: an error, a link, or a file that changed while being read)."""
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
        before = stamp(os.stat(path))
        raw = read_bytes(path, "draft", "no draft", MAX_BYTES)
        draft = parse_draft(path, raw)
        # pydantic and the rubric load only for a draft
        from wizard.rubric import classic_rubric, evaluate, rubric_of
        from wizard.templates import TemplateError

        try:
            rubric = rubric_of(draft, path.parent)
        except TemplateError:  # it still opens, read-only, saying why
            rubric = classic_rubric()
        report = evaluate(draft, rubric)
        after = stamp(os.stat(path))
    except DraftError as error:
        return Summary(error=str(error)), None
    except OSError as error:
        return Summary(error=f"cannot read {path}: {error.strerror or error}"), None
    except Exception as error:  # one damaged draft must not hide the others
        reason = " ".join(str(error).split()) or type(error).__name__
        return Summary(error=f"{path} is damaged: {reason}"), None
    summary = Summary(draft.title, report.total, report.met, len(report.results))
    return summary, (before if before == after and not linked else None)


SAVE_EVERY = 25
"""Drafts summarised between two writes of the index while a long list fills."""


def summarized(root: Path, infos: list[DraftInfo]) -> Iterator[DraftInfo]:
    """Each of `infos` (drafts in folder `root`) with its summary: from the index while the
    file is unchanged, read from the draft otherwise; the index is written as it goes."""
    index = SummaryIndex(root).load()
    fresh = 0
    try:
        for info in infos:
            summary = index.kept(info)
            if summary is None:
                summary, found = summarize(info.path)
                index.put(info.path.name, found, summary)
                fresh += 1
                if fresh % SAVE_EVERY == 0:
                    index.save(keep=None)
            yield replace(info, summary=summary)
    finally:
        index.save(keep={info.path.name for info in infos})


class SummaryIndex:
    """The summaries kept in a drafts folder's index file, each with the stamp of the draft
    file it was computed from."""

    def __init__(self, root: Path) -> None:
        self.path = root / INDEX
        self.entries: dict[str, tuple[Stamp, Summary]] = {}
        self.changed = False

    def load(self) -> SummaryIndex:
        """Read the index; anything wrong with it (missing, damaged, another version, not a
        regular file) leaves it empty, to be rebuilt."""
        try:
            data = json.loads(read_bytes(self.path, "index", "no index", MAX_INDEX_BYTES))
        except (DraftError, ValueError, RecursionError):
            return self
        if not isinstance(data, dict) or data.get("version") != __version__:
            return self
        drafts = data.get("drafts")
        if not isinstance(drafts, dict):
            return self
        for name, entry in drafts.items():
            parsed = _entry(entry)
            if parsed is not None:
                self.entries[name] = parsed
        return self

    def get(self, name: str, status: os.stat_result) -> Summary | None:
        """The summary of draft file `name`, if computed from the file as it is now."""
        kept = self.entries.get(name)
        if kept is None or kept[0] != stamp(status):
            return None
        return kept[1]

    def kept(self, info: DraftInfo) -> Summary | None:
        """The summary of the draft `info`, if computed from its file as it is now."""
        try:
            status = os.stat(info.path)
        except OSError:
            return None
        return self.get(info.path.name, status)

    def put(self, name: str, found: Stamp | None, summary: Summary) -> None:
        """Keep `summary` for draft file `name` as stamped `found` (None: forget it)."""
        if found is None:
            self.changed |= self.entries.pop(name, None) is not None
            return
        if self.entries.get(name) != (found, summary):
            self.entries[name] = (found, summary)
            self.changed = True

    def save(self, keep: set[str] | None) -> None:
        """Write the index if anything changed, without the drafts not in `keep` (when
        given); a folder that cannot be written keeps the old index (it is only a cache)."""
        for gone in set(self.entries) - keep if keep is not None else ():
            del self.entries[gone]
            self.changed = True
        if not self.changed:
            return
        drafts = {
            name: {"stamp": list(found), **summary.__dict__}
            for name, (found, summary) in sorted(self.entries.items())
        }
        text = json.dumps({"version": __version__, "drafts": drafts}, indent=1)
        with contextlib.suppress(OSError):
            write_atomic(self.path, text + "\n")
            self.changed = False


def _entry(entry: Any) -> tuple[Stamp, Summary] | None:
    """One index entry checked field by field; None for anything malformed."""
    if not isinstance(entry, dict):
        return None
    found = entry.get("stamp")
    if not (isinstance(found, list) and len(found) == 4 and all(_is_int(n) for n in found)):
        return None
    title, counts = entry.get("title"), [entry.get(key) for key in ("words", "met", "points")]
    if not isinstance(title, str) or not all(_is_int(n) for n in counts):
        return None
    words, met, points = (int(n or 0) for n in counts)
    if met > points or entry.get("error") is not None:
        return None
    return (found[0], found[1], found[2], found[3]), Summary(title, words, met, points)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
