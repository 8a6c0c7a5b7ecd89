"""One benchmark result, the table and the `--json` list the suite prints."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    """A measured value (or a ratio against a baseline) and its upper budget, if it has one."""

    name: str
    unit: str
    budget: float | None
    ok: bool
    value: float | None = None
    ratio: float | None = None
    detail: str = ""

    @property
    def measured(self) -> float:
        return self.ratio if self.ratio is not None else (self.value or 0.0)

    def as_json(self) -> dict[str, Any]:
        """`{"name", "value" or "ratio", "unit", "budget", "ok", "detail"}`."""
        key = "ratio" if self.ratio is not None else "value"
        return {
            "name": self.name,
            key: round(self.measured, 4),
            "unit": self.unit,
            "budget": self.budget,
            "ok": self.ok,
            "detail": self.detail,
        }


def within(
    name: str, unit: str, budget: float | None, detail: str = "", **measured: float
) -> Result:
    """A result that is ok when at most `budget` (no budget: reported, always ok)."""
    value = measured.get("ratio", measured.get("value", 0.0))
    ok = budget is None or value <= budget
    return Result(name, unit, budget, ok, detail=detail, **measured)


def to_json(results: Iterable[Result]) -> str:
    return json.dumps([r.as_json() for r in results], indent=2, ensure_ascii=False)


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _measured_text(result: Result) -> str:
    if result.ratio is not None:
        return f"{result.ratio:.2f}x"
    return f"{_number(result.measured)} {result.unit}"


def _budget_text(result: Result) -> str:
    if result.budget is None:
        return "-"
    if result.ratio is not None:
        return f"<= {result.budget:g}x"
    return f"<= {result.budget:g} {result.unit}"


def table(results: Iterable[Result]) -> str:
    """A plain-text table: name, measured, budget, ok, detail."""
    rows = [("benchmark", "measured", "budget", "ok", "detail")]
    for result in results:
        verdict = "ok" if result.ok else "MISS"
        if result.budget is None:
            verdict = "info"
        rows.append(
            (result.name, _measured_text(result), _budget_text(result), verdict, result.detail)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(line.rstrip() for line in lines)
