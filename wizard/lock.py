"""One writer per draft: an advisory lock the operating system drops when its process dies."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from wizard.drafts import DraftError, DraftStore
from wizard.textsafe import terminal_safe

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; every lock is granted there
    fcntl = None  # type: ignore[assignment]

_OPEN = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_OPEN |= getattr(os, "O_NOFOLLOW", 0)


class LockError(DraftError):
    """The lock file cannot be used (no permission, a link, not a file): the draft can only
    be read."""


class DraftLock:
    """`NAME.json.lock` beside a draft, held with flock while a wizard has the draft open.

    A crashed or killed process cannot leave it stuck: the kernel releases the lock with
    the process, and the next wizard simply takes it. The file is private (0600), never
    followed when it is a link, and removed while still locked, so a second process never
    locks a file that is no longer the draft's lock.
    """

    def __init__(self, draft_path: Path) -> None:
        self.path = draft_path.with_name(draft_path.name + ".lock")
        self._fd: int | None = None
        self._guard = threading.Lock()  # a signal's thread may let go while the app does

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another live process holds it, LockError
        when the lock file cannot be used."""
        if self._fd is not None:
            return True
        for _ in range(10):
            fd = self._open()
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    return False
            if self._still_here(fd):
                break
            os.close(fd)  # the holder removed it as we locked it: take the new one
        else:
            raise LockError(f"cannot lock {self.path}: it keeps being replaced")
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        self._fd = fd
        return True

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, _OPEN, 0o600)
        except OSError as error:
            if os.path.islink(self.path):
                raise LockError(
                    f"{self.path} is a symbolic link; pmwizard does not follow it: "
                    "remove it to edit this draft"
                ) from None
            raise LockError(f"cannot lock {self.path}: {error.strerror or error}") from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise LockError(f"{self.path} is not a regular file: remove it to edit this draft")
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
        return fd

    def _still_here(self, fd: int) -> bool:
        """True when the locked file is still the one at the lock's path."""
        try:
            here = os.lstat(self.path)
        except OSError:
            return False
        mine = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)

    def holder(self) -> str:
        """Who holds it, as written in the lock file (`pid 1234 on host`), for messages."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return "another pmwizard"
        try:
            text = os.read(fd, 200).decode("utf-8", "replace") if _regular(fd) else ""
        except OSError:
            text = ""
        finally:
            os.close(fd)
        pid, _, host = text.strip().partition(" ")
        if not pid.isdigit():
            return "another pmwizard"
        return f"another pmwizard (pid {pid} on {terminal_safe(host)[:64]})"

    def release(self) -> None:
        """Remove the lock file while still holding the lock, then let go."""
        with self._guard:
            fd, self._fd = self._fd, None
        if fd is None:
            return
        if self._still_here(fd):
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(fd)


def _regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


@contextlib.contextmanager
def new_draft(store: DraftStore, name: str | None, base: str) -> Iterator[str]:
    """The name a new draft written from the command line takes, its lock held meanwhile:
    `name` as given (DraftError when a draft has it or a wizard has it open), else the first
    free name from `base` (see `DraftStore.claim`)."""
    if name is None:
        name, lock = store.claim(base)
    else:
        lock = DraftLock(store.path(name))
        if not lock.acquire():
            raise DraftError(f"the draft {name!r} is open in {lock.holder()}; close it there first")
        if store.exists(name):
            lock.release()
            raise DraftError(f"a draft named {name!r} exists already in {store.root}")
    try:
        yield name
    finally:
        lock.release()
