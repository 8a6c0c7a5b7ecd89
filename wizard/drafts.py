"""Draft storage: one indented JSON file per draft, written atomically, never clobbered."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.model import Postmortem

SUFFIX = ".json"
TRASH = "trash"
"""The folder beside the drafts where deleted ones wait (`pmwizard restore` brings them back)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class DraftError(Exception):
    """A draft that cannot be read or written; the message is one line naming the file."""


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


def read_bytes(path: Path, what: str, missing: str, limit: int | None = None) -> bytes:
    """A file's bytes, or DraftError with one line naming it: `missing` when there is none,
    a folder, a file of `limit` bytes or more, or one it may not read."""
    try:
        if path.is_dir():
            raise DraftError(f"{path} is a folder, not a {what} file")
        if limit is not None and (size := path.stat().st_size) >= limit:
            raise DraftError(
                f"{path} is {size / 1e6:.1f} MB: pmwizard reads {what} files under "
                f"{limit / 1e6:.0f} MB"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{missing} at {path}") from None
    except PermissionError:
        raise DraftError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise DraftError(f"cannot read {path}: {error.strerror or error}") from None


def read_draft(path: Path) -> Postmortem:
    """Load one draft file, or DraftError with a sentence that names it."""
    from pydantic import ValidationError

    from wizard.model import Postmortem, first_error, upgrade

    raw = read_bytes(path, "draft", "no draft")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DraftError(f"{path} is not a draft: it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DraftError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
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
    # Every draft pmwizard writes has all its keys; one without them was cut short or hand-made.
    keys = (field.alias or name for name, field in Postmortem.model_fields.items())
    missing = [key for key in keys if key not in data]
    if missing:
        listed = ", ".join(repr(key) for key in missing[:4])
        raise DraftError(f"{path} is not a whole draft: it has no {listed}")
    return draft


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync and rename."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


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
    """One draft as `list` shows it: the model, or the reason it cannot be read."""

    name: str
    path: Path
    modified: datetime
    draft: Postmortem | None
    error: str | None


class DraftStore:
    """The folder of drafts; remembers which files it wrote so it never clobbers others."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        self._written: dict[Path, int] = {}

    def path(self, name: str) -> Path:
        return self.root / f"{check_name(name)}{SUFFIX}"

    def backup_path(self, name: str) -> Path:
        return self.root / f"{check_name(name)}{SUFFIX}.bak"

    def names(self) -> list[str]:
        """Draft names, most recently changed first."""
        if not self.root.is_dir():
            return []
        stamped = []
        for file in self.root.glob(f"*{SUFFIX}"):
            # Files whose names a draft cannot have (spaces, a leading dot) are not drafts.
            if not _is_name(file.name[: -len(SUFFIX)]):
                continue
            with contextlib.suppress(OSError):
                if file.is_file():
                    stamped.append((file.stat().st_mtime_ns, file.name[: -len(SUFFIX)]))
        stamped.sort(reverse=True)
        return [name for _, name in stamped]

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
        path = self.resolve(ref)
        pm = read_draft(path)
        self._remember(path)
        return pm

    def info(self) -> list[DraftInfo]:
        found = []
        for name in self.names():
            path = self.path(name)
            modified = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
            try:
                found.append(DraftInfo(name, path, modified, read_draft(path), None))
            except DraftError as error:
                found.append(DraftInfo(name, path, modified, None, str(error)))
        return found

    def new_name(self, base: str) -> str:
        """`base`, or `base-2`, `base-3` ... whichever is free."""
        stem = slugify(base)[:90]
        name, n = stem, 1
        while self.path(name).exists():
            n += 1
            name = f"{stem}-{n}"
        return name

    def save(self, name: str, pm: Postmortem) -> Path:
        """Write the draft atomically, keeping the previous good version as `.bak`."""
        path = self.path(name)
        self._guard(path)
        try:
            if path.exists():
                self._backup(path, self.backup_path(name))
            write_atomic(path, dump(pm))
        except OSError as error:
            raise DraftError(f"cannot save {path}: {error.strerror or error}") from None
        self._remember(path)
        return path

    def _remember(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            self._written[path] = path.stat().st_mtime_ns

    def _guard(self, path: Path) -> None:
        """Refuse to replace a file this store did not write, unless it is a good draft."""
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return
        if self._written.get(path) == mtime:
            return
        try:
            read_draft(path)
        except DraftError as error:
            raise DraftError(f"{error}; it was left untouched") from None

    @staticmethod
    def _backup(path: Path, backup: Path) -> None:
        tmp = backup.with_name(f".{backup.name}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            os.link(path, tmp)
            os.replace(tmp, backup)
        except OSError:
            # Best effort: a backup that cannot be made must not stop the save itself.
            tmp.unlink(missing_ok=True)

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
        self._written.pop(self.path(old), None)
        self._remember(self.path(new))
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
        self._written.pop(self.path(name), None)
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
        self._remember(self.path(name))
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


def save_export(path: Path, text: str, force: bool = False) -> Path:
    """Write an exported document atomically; an existing file needs `force`."""
    path = path.expanduser().absolute()
    try:
        if path.is_dir():
            raise DraftError(f"{path} is a folder; give a file name")
        if not path.parent.is_dir():
            raise DraftError(f"cannot write {path}: the folder {path.parent} does not exist")
        if force:
            write_atomic(path, text, mode=0o644)
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
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            # No hard links here (FAT, some network shares): claim the name, then fill it.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
