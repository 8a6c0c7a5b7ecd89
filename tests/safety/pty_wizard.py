"""The real wizard in a pseudo-terminal that a test types into, signals and closes."""

from __future__ import annotations

import json
import os
import re
import select
import stat
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyte
import pytest

if sys.platform == "win32":
    pytest.skip("no pseudo-terminals on Windows", allow_module_level=True)
termios = pytest.importorskip("termios", reason="no pseudo-terminals on this platform")
fcntl = pytest.importorskip("fcntl", reason="no pseudo-terminals on this platform")

COLUMNS, LINES = 100, 32
# Drawn once the Issue Summary form is up: the title field's placeholder (it has the focus).
READY = b"e.g. Checkout outage"
# Drawn once any step of a draft is up (the sidebar), and once the welcome screen is.
STEP_READY = b"Rubric points"
WELCOME_READY = b"Resume a draft"
KEY_GAP = 0.03  # seconds between keystrokes: a fast typist


class Wizard:
    """`pmwizard ARGS` (default `new --name NAME`) running in a pseudo-terminal that this
    test types into."""

    def __init__(
        self,
        env: dict[str, str],
        home: Path,
        name: str = "typed",
        args: tuple[str, ...] | None = None,
        ready: bytes = READY,
        settle: float = 0.3,
        prefix: tuple[str, ...] = (),
    ) -> None:
        self.env = dict(env, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
        self.draft = home / f"{name}.json"
        self.name = name
        self.args = args if args is not None else ("new", "--name", name)
        self.prefix = prefix  # a command the wizard runs under (setpriv)
        self.ready = ready
        self.settle = settle  # seconds to let the first screen settle once drawn
        self.output = bytearray()
        self._screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self._screen)
        self._drawn = 0  # how much of `output` the screen has been fed
        self.master: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Wizard:
        master, slave = os.openpty()
        self.master = master
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))

        def controlling_terminal() -> None:
            # The pty becomes the wizard's terminal, so closing it sends SIGHUP, as a
            # terminal window does.
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        try:
            self.process = subprocess.Popen(
                [*self.prefix, sys.executable, "-m", "wizard", *self.args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                start_new_session=True,
                preexec_fn=controlling_terminal,
            )
        finally:
            os.close(slave)
        if not self.wait_for(self.ready, since=0, timeout=30):
            pytest.fail(f"the wizard did not draw its form: {self.screen_text()!r}")
        self.pump(self.settle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.close_terminal()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def pump(self, seconds: float) -> None:
        """Read what the wizard draws for `seconds` (or until its terminal is gone)."""
        end = time.monotonic() + seconds
        while self.master is not None and (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the wizard closed its side
                chunk = b""
            if not chunk:
                time.sleep(min(left, 0.05))
                continue
            self.output.extend(chunk)

    def wait_for(self, needle: bytes, since: int, timeout: float) -> bool:
        """True once `needle` was drawn after output offset `since`, False after `timeout`."""
        end = time.monotonic() + timeout
        while needle not in self.output[since:]:
            if time.monotonic() > end or (self.process and self.process.poll() is not None):
                return False
            self.pump(0.05)
        return True

    def screen(self) -> pyte.Screen:
        """The terminal's screen as the wizard has drawn it so far (through an emulator)."""
        self._stream.feed(bytes(self.output[self._drawn :]))
        self._drawn = len(self.output)
        return self._screen

    def wait_drawn(self, drawn: Callable[[pyte.Screen], bool], timeout: float) -> bool:
        """True once the screen shows what `drawn` looks for, False after `timeout`."""
        end = time.monotonic() + timeout
        while not drawn(self.screen()):
            if time.monotonic() > end or (self.process and self.process.poll() is not None):
                return False
            self.pump(0.05)
        return True

    def type(self, text: str, shown: bool = True) -> None:
        """Type `text` key by key; with `shown`, wait until the title field shows all of it."""
        assert self.master is not None
        mark = len(self.output)
        for char in text:
            os.write(self.master, char.encode())
            self.pump(KEY_GAP)
        if shown:
            assert self.wait_for(text.encode()[-12:], since=mark, timeout=5), (
                f"the wizard did not show {text!r}: {self.screen_text()!r}"
            )

    def type_steadily(self, seconds: float, every: float = 0.1) -> list[tuple[float, str]]:
        """Type one key every `every` seconds for `seconds`, no pause; (time, typed so far)."""
        assert self.master is not None
        typed, log = "", []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            char = "abcdefghij"[len(typed) % 10]
            os.write(self.master, char.encode())
            typed += char
            log.append((time.monotonic(), typed))
            self.pump(every)
        return log

    def close_terminal(self) -> None:
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def wait_exit(self, timeout: float = 10) -> int | None:
        """The exit status, or None if the wizard is still running after `timeout`."""
        assert self.process is not None
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            if self.master is not None:
                self.pump(0.05)
            else:
                time.sleep(0.05)
        return self.process.poll()

    def title_on_disk(self) -> str | None:
        """The title in the draft file (None when there is no file yet); it must be private."""
        try:
            raw = self.draft.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        assert stat.S_IMODE(self.draft.stat().st_mode) == 0o600
        return str(json.loads(raw)["title"])

    def screen_text(self) -> str:
        return bytes(self.output[-2000:]).decode("utf-8", "replace")

    def press(self, keys: str) -> None:
        """Press keys one by one (Tab moves between fields); an escape sequence (`\x1b[Z`,
        shift+tab) is one key, written whole as a terminal does: split, its ESC would be
        read as the Escape key."""
        assert self.master is not None
        for key in re.findall(r"\x1b\[[0-9;]*[@-~]|\x1b.|.", keys, re.S):
            os.write(self.master, key.encode())
            self.pump(0.1)

    def field_on_disk(self, path: str) -> str | None:
        """A field of the draft file (`impact.down`), None when there is no file yet."""
        try:
            value: Any = json.loads(self.draft.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        for part in path.split("."):
            value = value[part]
        return str(value)
