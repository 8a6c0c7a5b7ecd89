"""How a list editor shows and reads a model's items: its columns, and an item to and from
a row (plain data, for the screens that describe lists without drawing one yet)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Item = TypeVar("Item")

CHECKED = "yes"
"""A checkbox column's value in a row when ticked (empty when not)."""


@dataclass(frozen=True)
class Column:
    """One column of the list: its key in a row, its label, an example for its field, and
    whether it is typed (`text`) or ticked (`check`, shown as ✓); `shows`: the row's key the
    table cell shows when not `key` (the form edits `key`); `in_table`: False for a field of
    the form that the table shows inside another column."""

    key: str
    label: str
    placeholder: str = ""
    kind: Literal["text", "check"] = "text"
    shows: str = ""
    in_table: bool = True

    def cell(self, row: dict[str, str]) -> str:
        value = row.get(self.shows or self.key, "")
        if self.kind == "check":
            return "✓" if value == CHECKED else ""
        return value


@dataclass(frozen=True)
class ItemShape(Generic[Item]):
    """How a list's items show and are read: `show` gives an item's text by column key (a
    ticked box is CHECKED), `read` makes an item of the form's values (ValueError says what
    is wrong, in the author's words)."""

    columns: Sequence[Column]
    show: Callable[[Item], dict[str, str]]
    read: Callable[[dict[str, str]], Item]
