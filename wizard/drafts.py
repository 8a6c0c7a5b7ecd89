"""Draft storage: one indented JSON file per draft, written atomically, never clobbered."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.lock import DraftLock
    from wizard.model import Postmortem
    from wizard.summaries import Summary

SUFFIX = ".json"
TRASH = "trash"
"""The folder beside the drafts where deleted ones wait (`pmwizard restore` brings them back)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_BYTES = 256 * 1024
"""The largest postmortem pmwizard takes, one limit for all its forms: a draft file it writes
or reads, and a Markdown or text file that `check` or `import` reads. Some 40,000 words: ten
times the longest postmortem we know of, and small enough that every command on one stays
quick. A draft's Markdown is not held to it on every save (rendering it each time would slow
typing in a long draft): a draft near the limit whose text is mostly characters Markdown
escapes can export to a file `check` refuses by name, while the draft itself is kept."""


class DraftError(Exception):
    """A draft that cannot be read or written; the message is one line naming the file."""


class DraftChanged(DraftError):
    """The file on disk is not the one this store last read or wrote: it was left as it is."""


def default_root() -> Path:
    """$PMWIZARD_HOME when set, else the user data folder's `pmwizard/drafts`."""
    home = os.environ.get("PMWIZARD_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("pmwizard", appauthor=False)) / "drafts"


def slugify(text: str, fallback: str = "postmortem") -> str:
    """A file-name-safe name: `Checkout outage, Jan 17` -> `checkout-outage-jan-17`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def _is_name(name: str) -> bool:
    return bool(_NAME.match(name)) and ".." not in name


def check_name(name: str) -> str:
    """`name` if it can be a draft's name, else DraftError."""
    if not _is_name(name):
        raise DraftError(
            f"{name!r} is not a draft name: use letters, digits, '-', '_' or '.' (up to 100)"
        )
    return name


def size_text(size: int) -> str:
    """`512 KB`, `1.5 MB`: a file size for messages."""
    if size < 1_000_000:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1e6:.1f} MB".replace(".0 MB", " MB")


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _not_regular(path: Path, mode: int, what: str) -> DraftError:
    if stat.S_ISDIR(mode):
        return DraftError(f"{path} is a folder, not a {what} file")
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    return DraftError(f"{path} is {kind}: pmwizard reads only regular {what} files")


def _export_target(path: Path) -> Path:
    """Where an export to `path` goes: `path`, or the regular file a link there points to;
    DraftError for anything else (a device, a pipe, a dangling link)."""
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise DraftError(f"{path} is a link to nothing; give a file name") from None
        return path
    if stat.S_ISDIR(mode):
        raise DraftError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise DraftError(f"{path} is {kind}: pmwizard writes only regular files")
    return Path(os.path.realpath(path)) if linked else path


def size_limit_text() -> str:
    """The postmortem size limit as every message names it."""
    return f"pmwizard takes a postmortem of up to {size_text(MAX_BYTES)}"


def _too_big(path: Path, size: int, what: str, limit: int) -> DraftError:
    if limit == MAX_BYTES:
        return DraftError(f"{path} is {size_text(size)}: {size_limit_text()}")
    return DraftError(
        f"{path} is {size_text(size)}: pmwizard reads {what} files up to {size_text(limit)}"
    )


def new_draft_name(text: str) -> str:
    """The name a person gave a new draft (`--name`), without a `.json` they may have added."""
    return check_name(text.removesuffix(SUFFIX) or text)


def read_bytes(path: Path, what: str, missing: str, limit: int | None = None) -> bytes:
    """A regular file's bytes, or DraftError with one line naming it: `missing` when there is
    none, a folder, a pipe or a device (refused before a byte is read, so nothing blocks), a
    file over `limit` bytes, or one it may not read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DraftError(f"{missing} at {path}") from None
    except PermissionError:
        raise DraftError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise DraftError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _not_regular(path, status.st_mode, what)
        if limit is not None and status.st_size > limit:
            raise _too_big(path, status.st_size, what, limit)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if limit is not None and total > limit:
                raise _too_big(path, total, what, limit)
        return b"".join(chunks)
    except OSError as error:
        raise DraftError(f"cannot read {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)


_HUGE_NUMBER = "a number in it is too large to read"


def read_draft(path: Path) -> Postmortem:
    """Load one draft file, or DraftError with a sentence that names it."""
    return parse_draft(path, read_bytes(path, "draft", "no draft", MAX_BYTES))


def parse_draft(path: Path, raw: bytes) -> Postmortem:
    """The draft in `raw` (the bytes of `path`), or DraftError with a sentence naming it."""
    from pydantic import ValidationError

    from wizard.model import OPTIONAL_KEYS, Postmortem, first_error, upgrade

    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DraftError(f"{path} is not a draft: it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DraftError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    except RecursionError:
        raise DraftError(f"{path} is not a draft: its JSON is nested too deeply") from None
    except ValueError:  # an integer past Python's digit limit for reading one
        raise DraftError(f"{path} is not a valid draft: {_HUGE_NUMBER}") from None
    if not isinstance(data, dict) or "schema" not in data:
        raise DraftError(f'{path} is not a pmwizard draft: no "schema" key')
    try:
        data = upgrade(data)
    except ValueError as error:
        raise DraftError(f"{path} {error}") from None
    try:
        draft = Postmortem.model_validate(data)
    except ValidationError as error:
        raise DraftError(f"{path} is not a valid draft: {first_error(error)}") from None
    except OverflowError:  # an integer too large for a number of the draft
        raise DraftError(f"{path} is not a valid draft: {_HUGE_NUMBER}") from None
    # Every draft pmwizard writes has all its keys; one without them was cut short or hand-made.
    keys = (
        field.alias or name
        for name, field in Postmortem.model_fields.items()
        if name not in OPTIONAL_KEYS
    )
    missing = [key for key in keys if key not in data]
    if missing:
        listed = ", ".join(repr(key) for key in missing[:4])
        raise DraftError(f"{path} is not a whole draft: it has no {listed}")
    return draft


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync and rename."""
    tmp = _write_temp(path, text.encode("utf-8"), mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """`data` in a new temp file beside `path`, synced to disk; nothing is left behind when
    that fails (a full disk, say)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        return tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump(pm: Postmortem) -> str:
    """The draft file's text: indented JSON with `schema` first."""
    return pm.model_dump_json(by_alias=True, indent=2) + "\n"


@dataclass(frozen=True)
class DraftInfo:
    """One draft as the lists show it: its name, file and time, and once read (see
    `wizard.summaries`) its title, words and points or the reason it cannot be read."""

    name: str
    path: Path
    modified: datetime
    summary: Summary | None = None


def _digest(data: bytes) -> bytes:
    import hashlib  # only once a draft is read or written, not for `--help` or the welcome

    return hashlib.sha256(data).digest()


CLAIM_TRIES = 1000
"""The most names `DraftStore.claim` tries before it gives up."""


class DraftStore:
    """The folder of drafts; remembers what it last read or wrote at each file, so it never
    replaces a file that changed behind its back."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        # The digest of what this store last read or wrote at each draft file.
        self._seen: dict[Path, bytes] = {}

    def path(self, name: str) -> Path:
        return self.root / f"{check_name(name)}{SUFFIX}"

    def backup_path(self, name: str) -> Path:
        return self.root / f"{check_name(name)}{SUFFIX}.bak"

    def names(self) -> list[str]:
        """Draft names, most recently changed first; DraftError when the folder cannot be
        read (a file where the folder should be, no permission)."""
        return [info.name for info in self.listing()]

    def listing(self) -> list[DraftInfo]:
        """The drafts, most recently changed first, from the folder listing alone (no draft
        is read: see `info` for their titles and points); DraftError as `names`."""
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise DraftError(
                f"{self.root} is a file, not a folder of drafts: point PMWIZARD_HOME at a folder"
            ) from None
        except PermissionError:
            raise DraftError(
                f"cannot read the drafts folder {self.root}: permission denied"
            ) from None
        except OSError as error:
            raise DraftError(
                f"cannot read the drafts folder {self.root}: {error.strerror or error}"
            ) from None
        stamped = []
        for entry in entries:
            name = entry.name[: -len(SUFFIX)]
            # Files whose names a draft cannot have (spaces, a leading dot) are not drafts.
            if not entry.name.endswith(SUFFIX) or not _is_name(name):
                continue
            with contextlib.suppress(OSError, ValueError, OverflowError):
                if entry.is_file():
                    status = entry.stat()
                    modified = datetime.fromtimestamp(status.st_mtime).astimezone()
                    stamped.append((status.st_mtime_ns, name, modified))
        stamped.sort(reverse=True, key=lambda found: (found[0], found[1]))
        return [DraftInfo(name, self.root / f"{name}{SUFFIX}", when) for _, name, when in stamped]

    def latest(self) -> str | None:
        names = self.names()
        return names[0] if names else None

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def resolve(self, ref: str) -> Path:
        """A draft's file from its name or from a path to it."""
        candidate = Path(ref).expanduser()
        if "/" in ref or os.sep in ref or (ref.endswith(SUFFIX) and candidate.is_file()):
            return candidate
        name = ref.removesuffix(SUFFIX)
        path = self.path(name) if _NAME.match(name) else None
        if path is not None and path.exists():
            return path
        if candidate.exists():
            return candidate
        raise self._unknown(name)

    def _unknown(self, name: str) -> DraftError:
        known = ", ".join(self.names()[:5]) or "none yet"
        return DraftError(f"no draft named {name!r} in {self.root} (drafts: {known})")

    def load(self, ref: str) -> Postmortem:
        return self._read(self.resolve(ref))

    def _read(self, path: Path) -> Postmortem:
        raw = read_bytes(path, "draft", "no draft", MAX_BYTES)
        pm = parse_draft(path, raw)
        self._seen[path] = _digest(raw)
        return pm

    def info(self) -> list[DraftInfo]:
        """Every draft with its summary (title, words, points); one that cannot be read, for
        whatever reason, has the reason and the others still have theirs."""
        from wizard.summaries import summarized

        return list(summarized(self.root, self.listing()))

    def new_name(self, base: str) -> str:
        """`base`, or `base-2`, `base-3` ... whichever is free."""
        return self.free_name(slugify(base)[:90])

    def claim(self, base: str) -> tuple[str, DraftLock]:
        """A new draft's name, `base` or `base-2`, `base-3` ..., with its lock held: no draft
        file is there and no wizard has it open, and no other pmwizard takes it until the
        lock is let go. The place every new draft gets its name, so two at once never share
        one; LockError when no lock can be made in the folder, or none taken in
        CLAIM_TRIES names (a file system that refuses every lock)."""
        from wizard.lock import DraftLock, LockError

        stem = candidate = slugify(base)[:90]
        for n in range(2, CLAIM_TRIES + 2):
            path = self.path(candidate)
            if not os.path.lexists(path):
                lock = DraftLock(path)
                if lock.acquire():
                    if not os.path.lexists(path):  # not written before the lock was ours
                        return candidate, lock
                    lock.release()
            candidate = f"{stem}-{n}"
        raise LockError(
            f"cannot take a name for a new draft in {self.root}: no lock could be held on "
            f"{CLAIM_TRIES:,} names (does this file system allow locks?)"
        )

    def free_name(self, name: str) -> str:
        """The draft name `name`, or `name-2`, `name-3` ... whichever is free."""
        stem, candidate, n = name[:90], name, 1
        while self.path(candidate).exists():
            n += 1
            candidate = f"{stem}-{n}"
        return candidate

    def save(self, name: str, pm: Postmortem) -> Path:
        """Write the draft atomically, keeping the previous version as `.bak`. DraftChanged
        when the file on disk is not what this store last read or wrote there; DraftError when
        the draft is too big or cannot be written (then nothing on disk has changed)."""
        path = self.path(name)
        data = dump(pm).encode("utf-8")
        if len(data) > MAX_BYTES:
            raise DraftError(
                f"cannot save {path}: the draft would be {size_text(len(data))}: "
                f"{size_limit_text()}"
            )
        self._guard(path)
        try:
            tmp = _write_temp(path, data, 0o600)
            try:
                if path in self._seen:
                    self._replace_keeping_backup(tmp, path, self.backup_path(name))
                else:
                    _put_new(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except FileExistsError:
            raise DraftChanged(
                f"{path} was written by another program meanwhile; it was left untouched"
            ) from None
        except OSError as error:
            raise DraftError(f"cannot save {path}: {error.strerror or error}") from None
        self._seen[path] = _digest(data)
        return path

    def _guard(self, path: Path) -> None:
        """DraftChanged unless the file at `path` holds what this store last read or wrote
        there (or there is none)."""
        if not os.path.lexists(path):
            return
        try:
            raw = read_bytes(path, "draft", "no draft", MAX_BYTES)
        except DraftError as error:
            raise DraftChanged(f"{error}; it was left untouched") from None
        if self._seen.get(path) == _digest(raw):
            return
        try:
            parse_draft(path, raw)
        except DraftError as error:
            raise DraftChanged(f"{error}; it was left untouched") from None
        raise DraftChanged(f"{path} was changed by another program; it was left untouched")

    @staticmethod
    def _replace_keeping_backup(tmp: Path, path: Path, backup: Path) -> None:
        """Put `tmp` at `path`; the version it replaces becomes `backup` only once that worked,
        so a failed save leaves both the draft and its backup as they were."""
        kept: Path | None = backup.with_name(f".{backup.name}.{os.urandom(4).hex()}.tmp")
        try:
            os.link(path, kept)  # type: ignore[arg-type]
        except OSError:
            # No previous version, or no hard links here: the save goes on without a backup.
            kept = None
        try:
            os.replace(tmp, path)
        except BaseException:
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise
        if kept is not None:
            try:
                os.replace(kept, backup)
            except OSError:
                kept.unlink(missing_ok=True)
        _fsync_dir(path.parent)

    # --- rename, delete (to the trash) and restore -----------------------------------

    @property
    def trash(self) -> Path:
        return self.root / TRASH

    def trashed_names(self) -> list[str]:
        """Deleted drafts waiting in the trash, most recently deleted first."""
        return DraftStore(self.trash).names() if self.trash.is_dir() else []

    def name_problem(self, new: str, current: str | None = None) -> str | None:
        """Why `new` cannot be a draft's new name (not a name, or taken), or None."""
        try:
            check_name(new)
        except DraftError as error:
            return str(error)
        if new != current and self.exists(new):
            return f"a draft named {new!r} exists already"
        return None

    def rename(self, old: str, new: str) -> Path:
        """Give draft `old` (and its backup) the name `new`; DraftError for a name in use, a
        draft open in another wizard or an unknown one."""
        check_name(new)
        if not self.path(old).is_file():
            raise self._unknown(old)
        if new == old:
            return self.path(old)
        if self.path(new).exists():
            raise DraftError(f"a draft named {new!r} exists already in {self.root}")
        with self._claimed(old):
            _move_draft(self.root, old, self.root, new)
        seen = self._seen.pop(self.path(old), None)
        if seen is not None:
            self._seen[self.path(new)] = seen
        return self.path(new)

    def delete(self, name: str) -> Path:
        """Move draft `name` and its backup to the trash; a draft deleted before under that
        name stays there, renamed `NAME-2` (or the next free number)."""
        if not self.path(name).is_file():
            raise self._unknown(name)
        with self._claimed(name):
            trash = DraftStore(self.trash)
            if trash.path(name).exists():
                _move_draft(trash.root, name, trash.root, trash.new_name(name))
            _move_draft(self.root, name, trash.root, name)
        self._seen.pop(self.path(name), None)
        return trash.path(name)

    def restore(self, name: str) -> Path:
        """Bring draft `name` (and its backup) back from the trash."""
        trash = DraftStore(self.trash)
        if not trash.path(name).is_file():
            known = ", ".join(self.trashed_names()[:5]) or "none"
            raise DraftError(f"no deleted draft named {name!r} in {trash.root} (deleted: {known})")
        if self.path(name).exists():
            raise DraftError(
                f"a draft named {name!r} exists already in {self.root}; rename it first "
                f"(pmwizard rename {name} NEW)"
            )
        _move_draft(trash.root, name, self.root, name)
        with contextlib.suppress(OSError):
            self._seen[self.path(name)] = _digest(self.path(name).read_bytes())
        return self.path(name)

    @contextlib.contextmanager
    def _claimed(self, name: str) -> Iterator[None]:
        """Hold draft `name`'s lock while its files move; DraftError when another wizard has
        it open."""
        from wizard.lock import DraftLock

        lock = DraftLock(self.path(name))
        if not lock.acquire():
            raise DraftError(f"the draft {name!r} is open in {lock.holder()}; close it there first")
        try:
            yield
        finally:
            lock.release()


def _move_draft(source: Path, name: str, target: Path, new: str) -> None:
    """Move `NAME.json` and `NAME.json.bak` from folder `source` to `target` as `new`, never
    over an existing file; DraftError (one line) if the file system refuses."""
    try:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        for suffix in (SUFFIX, SUFFIX + ".bak"):
            old_path, new_path = source / f"{name}{suffix}", target / f"{new}{suffix}"
            if old_path.exists():
                _move_new(old_path, new_path)
    except FileExistsError as error:
        raise DraftError(f"{error.filename or target} exists already; nothing was moved") from None
    except OSError as error:
        where = source / f"{name}{SUFFIX}"
        raise DraftError(f"cannot move {where}: {error.strerror or error}") from None
    _fsync_dir(source)
    _fsync_dir(target)


def _link_new(tmp: Path, path: Path, mode: int) -> None:
    """Put the written file `tmp` at `path` only if nothing is there (FileExistsError
    otherwise); `tmp` may stay behind (a hard link to it), for the caller to remove."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT, some network shares): claim the name, then fill it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        os.replace(tmp, path)


def _put_new(tmp: Path, path: Path) -> None:
    """Move the written file `tmp` to `path` only if nothing is there (FileExistsError
    otherwise): a draft this store never saw is never written over, even by a race."""
    _link_new(tmp, path, 0o600)
    with contextlib.suppress(OSError):
        tmp.unlink()
    _fsync_dir(path.parent)


def _move_new(old: Path, new: Path) -> None:
    """Rename `old` to `new` only if nothing is at `new` (FileExistsError otherwise)."""
    try:
        os.link(old, new)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "exists", str(new)) from None
    except OSError:
        # No hard links here (FAT, some network shares): check, then rename.
        if new.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(new)) from None
        os.replace(old, new)
        return
    old.unlink()


def export_problem(path: Path, root: Path, draft: Path | None = None) -> str | None:
    """Why an export must not be written at `path`, or None: the drafts folder `root` keeps
    its own files there (drafts, their backups and locks, the summary index, settings,
    keys.toml, the trash), and `draft`, the draft being exported, is not to be written over
    either. Links are followed; a file in the team templates folder is the author's."""
    from wizard.keymap import KEYS_FILE

    target = Path(os.path.realpath(path.expanduser()))
    if draft is not None:
        source = Path(os.path.realpath(draft.expanduser()))
        if target.parent == source.parent and target.name in _draft_files(source.name):
            return f"{path} is the draft being exported, or its backup or lock: give another file"
    folder = Path(os.path.realpath(root.expanduser()))
    if target.parent == folder / TRASH or (
        target.parent == folder and _kept_by_store(target.name, KEYS_FILE)
    ):
        return f"{path} is a file pmwizard keeps in the drafts folder {root}: give a file elsewhere"
    return None


def _draft_files(name: str) -> tuple[str, ...]:
    """The names a draft file `name` goes by on disk: itself, its backup and its lock."""
    return (name, f"{name}.bak", f"{name}.lock")


def _kept_by_store(name: str, keys_file: str) -> bool:
    """True for a name the drafts folder uses: a draft (or any file taken for one), a backup,
    a lock, a hidden file (the summary index, settings, files being written) or the keys."""
    return (
        name.startswith(".")
        or name == keys_file
        or name.endswith((SUFFIX, f"{SUFFIX}.bak", f"{SUFFIX}.lock"))
    )


def save_export(
    path: Path, text: str, force: bool = False, *, root: Path, draft: Path | None = None
) -> Path:
    """Write an exported document atomically; an existing file needs `force`. Never over a
    file of the drafts folder `root` or over `draft`, the draft exported (see
    `export_problem`)."""
    path = path.expanduser().absolute()
    try:
        target = _export_target(path)
        problem = export_problem(target, root, draft)
        if problem is not None:
            raise DraftError(problem)
        if not path.parent.is_dir():
            raise DraftError(f"cannot write {path}: the folder {path.parent} does not exist")
        if force:
            write_atomic(target, text, mode=0o644)
        else:
            _write_new(path, text)
    except FileExistsError:
        raise DraftError(f"{path} exists already; pass --force to overwrite it") from None
    except OSError as error:
        raise DraftError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _write_new(path: Path, text: str) -> None:
    """Write a complete `path` only if nothing is there (FileExistsError otherwise)."""
    if path.exists():
        raise FileExistsError(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write_atomic(tmp, text, mode=0o644)
        _link_new(tmp, path, 0o644)
    finally:
        tmp.unlink(missing_ok=True)
