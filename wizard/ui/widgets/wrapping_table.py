"""A row table whose one free column takes the width left over and wraps long text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

CELL_PADDING = 2


class WrappingTable(DataTable[Text]):
    """Columns with a width stay fixed; the column given as `fill` gets the rest."""

    def __init__(self, fill: str, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.fill = fill
        self._cells: list[Sequence[str]] = []

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

    def fill_width(self) -> int:
        fixed = sum(
            (column.width or 0) + CELL_PADDING
            for key, column in self.columns.items()
            if key != ColumnKey(self.fill)
        )
        return max(self.size.width - fixed - CELL_PADDING - 2, 16)

    def show_rows(self, rows: Sequence[Sequence[str]], cursor: int | None = None) -> None:
        """Replace every row (plain text, no markup), keeping the cursor near where it was;
        the fixed columns fit their longest cell, the fill column takes the rest."""
        self._cells = [list(row) for row in rows]
        for index, (key, fixed) in enumerate(self.columns.items()):
            if key != ColumnKey(self.fill):
                longest = max((len(row[index]) for row in self._cells), default=0)
                fixed.width = max(len(str(fixed.label)), longest)
                fixed.auto_width = False
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

    def on_resize(self) -> None:
        column = self.columns.get(ColumnKey(self.fill))
        if column is not None and column.width != self.fill_width():
            self.show_rows(self._cells)
