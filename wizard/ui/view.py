"""Where the person was on a step screen, beyond what the draft holds: the focused control,
each cursor and each scroll offset. A step screen left is let go and built again from the
draft when shown again; this is kept meanwhile and given back to the screen built in its
place, so the step comes back as it was left."""

from __future__ import annotations

from typing import Any, NamedTuple

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, TextArea


class Kept(NamedTuple):
    """One widget's place: its position among the screen's widgets (in tree order), its
    class and id (the rebuilt widget at that position must have the same), its cursor (None:
    it has none) and its scroll offset."""

    place: int
    kind: str
    id: str | None
    cursor: Any
    scroll: tuple[float, float]


class View(NamedTuple):
    """A screen's cursors and scroll offsets, and the widget that had the focus."""

    widgets: tuple[Kept, ...]
    focused: Kept | None


def _widgets(screen: Screen[Any]) -> list[Widget]:
    return [node for node in screen.walk_children(Widget)]


def _cursor(widget: Widget) -> Any:
    if isinstance(widget, Input):
        return widget.cursor_position
    if isinstance(widget, TextArea):
        return widget.selection
    if isinstance(widget, DataTable):
        return widget.cursor_coordinate
    return None


def keep_view(screen: Screen[Any]) -> View:
    """What `screen` shows beyond the draft: its cursors, scroll offsets and focus."""
    widgets = _widgets(screen)
    kept = []
    for index, widget in enumerate(widgets):
        cursor = _cursor(widget)
        scroll = (widget.scroll_x, widget.scroll_y)
        if cursor is not None or any(scroll):
            kept.append(Kept(index, type(widget).__name__, widget.id, cursor, scroll))
    focused = next(
        (
            Kept(index, type(widget).__name__, widget.id, None, (0, 0))
            for index, widget in enumerate(widgets)
            if widget is screen.focused
        ),
        None,
    )
    return View(tuple(kept), focused)


def _matching(widgets: list[Widget], index: int, kind: str, id: str | None) -> Widget | None:
    widget = widgets[index] if index < len(widgets) else None
    if widget is None or type(widget).__name__ != kind or widget.id != id:
        return None  # the screen was built differently: leave it as built
    return widget


def give_back_cursors(screen: Screen[Any], view: View) -> Widget | None:
    """Put each cursor back as `view` holds them (before the first layout); the widget that
    had the focus, if the screen has it."""
    widgets = _widgets(screen)
    for kept in view.widgets:
        widget = _matching(widgets, kept.place, kept.kind, kept.id)
        if widget is None or kept.cursor is None:
            continue
        if isinstance(widget, Input):
            widget.cursor_position = kept.cursor
        elif isinstance(widget, TextArea):
            widget.selection = kept.cursor
        elif isinstance(widget, DataTable) and widget.is_valid_coordinate(kept.cursor):
            widget.cursor_coordinate = kept.cursor
    if view.focused is None:
        return None
    place, kind, id, _, _ = view.focused
    target = _matching(widgets, place, kind, id)
    return target if target is not None and target.focusable else None


def give_back_scroll(screen: Screen[Any], view: View) -> None:
    """Scroll each widget back to where `view` holds it (once the screen is laid out)."""
    widgets = _widgets(screen)
    for kept in view.widgets:
        widget = _matching(widgets, kept.place, kept.kind, kept.id)
        if widget is not None and any(kept.scroll):
            widget.scroll_to(*kept.scroll, animate=False, immediate=True)
