"""A row table whose one free column takes the width left over and wraps long text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey

CELL_PADDING = 2
MIN_FILL = 16
"""The fill column's least width before the fixed columns wrap their cells to make room."""


def two_line_width(text: str) -> int:
    """The least width at which `text` wraps, between words, into two lines at most."""
    words = text.split()
    if not words:
        return 0
    for width in range(max(map(len, words)), len(text)):
        lines, used = 1, -1
        for word in words:
            if used + 1 + len(word) > width:
                lines, used = lines + 1, len(word)
            else:
                used += 1 + len(word)
        if lines <= 2:
            return width
    return len(text)


class WrappingTable(DataTable[Text]):
    """Columns with a width stay fixed; the column given as `fill` gets the rest."""

    def __init__(self, fill: str, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.fill = fill
        self._cells: list[Sequence[str]] = []
        self._laid_width = -1  # the width the columns were last fitted to

    def add_column(
        self,
        label: str | Text,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Text | None = None,
    ) -> ColumnKey:
        """A column whose label is plain text: read as markup, it would load Rich's emoji
        table (thousands of names) for nothing."""
        plain = Text(label) if isinstance(label, str) else label
        return super().add_column(plain, width=width, key=key, default=default)

    def _room(self) -> int:
        """The width left for the fill column."""
        fixed = sum(
            (column.width or 0) + CELL_PADDING
            for key, column in self.columns.items()
            if key != ColumnKey(self.fill)
        )
        return self.size.width - fixed - CELL_PADDING - 2

    def fill_width(self) -> int:
        """The fill column's width: the room left, however narrow (wrapped text can be read;
        text cut off at the table's edge cannot)."""
        return max(self._room(), 10)

    def show_rows(self, rows: Sequence[Sequence[str]], cursor: int | None = None) -> None:
        """Replace every row (plain text, no markup), keeping the cursor near where it was;
        the fixed columns fit their longest cell, the fill column takes the rest. Where that
        leaves the fill column too narrow (a second zone's times at 80 columns), the fixed
        columns wrap their cells onto two lines, widest first, until it has room."""
        self._cells = [list(row) for row in rows]
        self._laid_width = self.size.width
        fixed_columns: list[tuple[int, Column]] = []
        for index, (key, fixed) in enumerate(self.columns.items()):
            if key != ColumnKey(self.fill):
                longest = max((len(row[index]) for row in self._cells), default=0)
                fixed.width = max(len(str(fixed.label)), longest)
                fixed.auto_width = False
                fixed_columns.append((index, fixed))
        if self.size.width and self._room() < MIN_FILL:
            self._narrow(fixed_columns)
        row = self.cursor_row if cursor is None else cursor
        fill = self.columns.get(ColumnKey(self.fill))
        if fill is not None:
            fill.width = self.fill_width()
            fill.auto_width = False
        self.clear()
        for cells in self._cells:
            self.add_row(*(Text(cell) for cell in cells), height=None)
        if self._cells:
            self.move_cursor(row=max(0, min(row, len(self._cells) - 1)))

    def _narrow(self, fixed_columns: list[tuple[int, Column]]) -> None:
        """Wrap the fixed columns' cells onto two lines, the widest saving first, until the
        fill column has MIN_FILL cells (or none can give more)."""
        narrow = []
        for index, fixed in fixed_columns:
            least = max((two_line_width(row[index]) for row in self._cells), default=0)
            narrow.append((max(len(str(fixed.label)), least), fixed))
        for least, fixed in sorted(narrow, key=lambda n: n[0] - (n[1].width or 0)):
            if self._room() >= MIN_FILL:
                break
            width = fixed.width or 0
            fixed.width = min(width, max(least, width - (MIN_FILL - self._room())))

    def on_resize(self) -> None:
        if self.size.width != self._laid_width:
            self.show_rows(self._cells)
