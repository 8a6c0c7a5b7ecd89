"""A program run in a pseudo-terminal and read through a terminal emulator (pyte).

`interactive_at` times how long a program takes to show a screen a person can act on: the
rows holding a marker (the focused widget) and the footer look as they do once the program
has settled. The settled look is the frame a second after both first appeared; cells that
still change then (a blinking cursor) are left out of the comparison.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

import pyte

SIZE = (32, 100)
TIMEOUT = 30.0
SETTLE = 1.0
BLINK = 0.6

Cell = tuple[str, str, str, bool, bool]
Frame = tuple[tuple[Cell, ...], ...]


class NoFrame(RuntimeError):
    """The program never drew the expected screen (it crashed or shows something else)."""


@dataclass(frozen=True)
class Look:
    """What a screen a person can act on shows: `marker` (text of, or in, the focused widget)
    and `footer` (text of the footer's last key)."""

    marker: str
    footer: str


def _frame(screen: pyte.Screen) -> Frame:
    rows, cols = screen.lines, screen.columns
    return tuple(
        tuple(
            (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse)
            for cell in (screen.buffer[y][x] for x in range(cols))
        )
        for y in range(rows)
    )


def _text(row: tuple[Cell, ...]) -> str:
    return "".join(cell[0] for cell in row)


def _rows_of(frame: Frame, look: Look) -> list[int]:
    """The rows to compare: the marker's rows with the line above and below (a border), and
    the footer's row."""
    marked = [y for y, row in enumerate(frame) if look.marker in _text(row)]
    footer = [y for y, row in enumerate(frame) if look.footer in _text(row)]
    if not marked or not footer:
        return []
    near = {y + step for y in marked for step in (-1, 0, 1) if 0 <= y + step < len(frame)}
    return sorted(near | {footer[-1]})


def _same(frame: Frame, settled: Frame, rows: list[int], still: set[tuple[int, int]]) -> bool:
    return all(
        frame[y][x] == settled[y][x]
        for y in rows
        for x in range(len(settled[y]))
        if (y, x) not in still
    )


def _open_terminal() -> tuple[int, int]:
    master, slave = pty.openpty()
    rows, cols = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return master, slave


class _Reader:
    """Everything the program writes, fed to an emulated screen; a frame kept per read."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.screen = pyte.Screen(SIZE[1], SIZE[0])
        self.stream = pyte.ByteStream(self.screen)
        self.frames: list[tuple[float, Frame]] = []
        self.raw_tail = b""
        self.closed = False

    def read_until(self, deadline: float) -> None:
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            if not data:
                self.closed = True  # the program has gone
                return
            self.raw_tail = (self.raw_tail + data)[-400:]
            self.stream.feed(data)
            self.frames.append((time.perf_counter(), _frame(self.screen)))

    def first_seen(self, look: Look, began: float) -> float | None:
        """When the marker and the footer first stood on the screen together."""
        while time.perf_counter() - began < TIMEOUT and not self.closed:
            count = len(self.frames)
            self.read_until(time.perf_counter() + 0.2)
            for moment, frame in self.frames[count:]:
                if _rows_of(frame, look):
                    return moment
        return None


def interactive_at(command: list[str], look: Look, env: dict[str, str], cwd: str) -> float:
    """Seconds from spawning `command` in a terminal until it shows `look` as it does once
    settled: its focused widget drawn focused and its footer."""
    master, slave = _open_terminal()
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True
    )
    os.close(slave)
    reader = _Reader(master)
    try:
        seen = reader.first_seen(look, began)
        if seen is None:
            tail = reader.raw_tail.decode("utf-8", errors="replace")[-300:]
            raise NoFrame(f"no screen with {look} after {TIMEOUT:.0f} s; last output: {tail!r}")
        reader.read_until(seen + SETTLE)
        settled = _frame(reader.screen)
        reader.read_until(seen + SETTLE + BLINK)
        later = _frame(reader.screen)
    finally:
        process.kill()
        process.wait()
        os.close(master)
    rows = _rows_of(settled, look)
    still = {(y, x) for y in rows for x in range(len(settled[y])) if settled[y][x] != later[y][x]}
    for moment, frame in reader.frames:
        if moment >= seen and _same(frame, settled, rows, still):
            return moment - began
    raise NoFrame(f"the screen with {look} never settled")
