"""How long the zone picker's filter takes per keystroke, over every zone tzdata knows."""

from __future__ import annotations

import json
import statistics
import time
from datetime import date

from wizard.time import timezones
from wizard.time.zone_search import search_zones, zone_index

QUERIES = ("nairobi", "new york", "America/Los", "pst", "ist", "+05:30", "utc+03:00", "-08:00")
BUDGET_MS = 5.0
ON = date(2023, 1, 17)
RECENT = ("Europe/Berlin", "Asia/Tokyo", "America/New_York")


def _keystrokes() -> list[str]:
    """Every prefix of every query: what the filter sees as someone types them."""
    return [query[:end] for query in QUERIES for end in range(1, len(query) + 1)]


def _timed_ms(query: str) -> float:
    began = time.perf_counter()
    search_zones(query, ON, RECENT)
    return (time.perf_counter() - began) * 1000


def measure(rounds: int = 20) -> dict[str, float | int]:
    """Median, 95th percentile and worst ms per keystroke with a warm index; cold build too."""
    zone_index.cache_clear()
    began = time.perf_counter()
    zone_index(ON)
    build_ms = (time.perf_counter() - began) * 1000
    typed = _keystrokes()
    samples = sorted(_timed_ms(query) for _ in range(rounds) for query in typed)
    median = statistics.median(samples)
    return {
        "zones": len(timezones.all_zones()),
        "keystrokes": len(typed) * rounds,
        "index_build_ms": round(build_ms, 2),
        "median_ms": round(median, 3),
        "p95_ms": round(samples[int(len(samples) * 0.95)], 3),
        "max_ms": round(samples[-1], 3),
        "budget_ms": BUDGET_MS,
        "median_share_of_budget": round(median / BUDGET_MS, 3),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
