"""One writer per draft: an advisory lock the operating system drops when its process dies."""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; every lock is granted there
    fcntl = None  # type: ignore[assignment]


class DraftLock:
    """`NAME.json.lock` beside a draft, held with flock while a wizard has the draft open.

    A crashed or killed process cannot leave it stuck: the kernel releases the lock with
    the process, and the next wizard simply takes it.
    """

    def __init__(self, draft_path: Path) -> None:
        self.path = draft_path.with_name(draft_path.name + ".lock")
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another live process holds it."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        handle.flush()
        self._handle = handle
        return True

    def holder(self) -> str:
        """Who holds it, as written in the lock file (`pid 1234 on host`), for messages."""
        try:
            pid, _, host = self.path.read_text(encoding="utf-8").strip().partition(" ")
        except OSError:
            return "another pmwizard"
        return f"another pmwizard (pid {pid} on {host})" if pid else "another pmwizard"

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        with contextlib.suppress(OSError):
            self.path.unlink()
        handle.close()
