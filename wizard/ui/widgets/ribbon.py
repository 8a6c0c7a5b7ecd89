"""A one-line picture of the incident: a ribbon across its window with markers for key moments."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.content import Content, Span
from textual.widget import Widget

from wizard.model import Kind, Postmortem
from wizard.time import timezones

MARKERS = {Kind.DETECTION: "D", Kind.ESCALATION: "E", Kind.RESOLUTION: "R"}
STYLES = {"D": "bold $warning", "E": "bold $accent", "R": "bold $success", "·": "$text-muted"}
LEGEND = "D detected · E escalated · R resolved · other entries"


def span_of(pm: Postmortem) -> tuple[datetime, datetime] | None:
    """The instants the ribbon spans: the incident window, else the first and last entries."""
    start, end = pm.window.start_at, pm.window.end_at
    moments = [m for e in pm.timeline if (m := e.at(pm.window.zone)) is not None]
    start = start or (min(moments, key=_utc) if moments else None)
    end = end or (max(moments, key=_utc) if moments else None)
    if start is None or end is None or _utc(end) <= _utc(start):
        return None
    return start, end


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def ribbon_cells(pm: Postmortem, width: int) -> str | None:
    """The bar itself, `width` cells: `━` for time, letters where detection, escalation and
    resolution happened, `·` for other entries (clamped to the ends when outside the window)."""
    span = span_of(pm)
    if span is None or width < 3:
        return None
    start, end = (_utc(m) for m in span)
    total = (end - start).total_seconds()
    cells = ["━"] * width
    for entry in pm.sorted_timeline():
        moment = entry.at(pm.window.zone)
        if moment is None:
            continue
        share = (_utc(moment) - start).total_seconds() / total
        index = min(max(round(share * (width - 1)), 0), width - 1)
        mark = MARKERS.get(entry.kind, "·")
        if cells[index] in ("━", "·"):
            cells[index] = mark
    return "".join(cells)


class Ribbon(Widget):
    """`12:30 PM ┣━━D━━E━━━━━━R┫ 1:45 PM` and a legend below."""

    DEFAULT_CSS = """
    Ribbon {
        height: 2;
        width: 1fr;
    }
    """

    def __init__(self, draft: Postmortem, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.draft = draft

    def show(self, draft: Postmortem) -> None:
        self.draft = draft
        self.refresh()

    def render(self) -> Content:
        span = span_of(self.draft)
        if span is None:
            return Content(
                "Set the incident start and end (or add timed entries) to see the ribbon."
            )
        left = timezones.format_clock(span[0], self.draft.clock)
        right = timezones.format_clock(span[1], self.draft.clock)
        width = max(self.size.width - len(left) - len(right) - 4, 3)
        bar = ribbon_cells(self.draft, width) or ""
        text = f"{left} ┣{bar}┫ {right}\n{LEGEND}"
        offset = len(left) + 2
        spans = [
            Span(offset + i, offset + i + 1, STYLES[c]) for i, c in enumerate(bar) if c in STYLES
        ]
        spans.append(Span(len(text) - len(LEGEND), len(text), "$text-muted"))
        return Content(text, spans=spans)
