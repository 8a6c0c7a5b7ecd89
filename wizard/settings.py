"""Small preferences kept beside the drafts: the time zones picked most recently."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from wizard.drafts import write_atomic
from wizard.time import timezones, zone_names

RECENT_ZONES_FILE = ".recent-zones.json"
RECENT_LIMIT = 8


def load_recent(root: Path) -> list[str]:
    """The recently picked zones, newest first; a missing or damaged file means none."""
    try:
        data = json.loads((Path(root) / RECENT_ZONES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    listed = data.get("zones") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    known = (zone_names.lookup_zone(item) for item in listed if isinstance(item, str))
    return list(dict.fromkeys(zone for zone in known if zone))[:RECENT_LIMIT]


def remember_zone(root: Path, zone: str) -> list[str]:
    """Put `zone` first among the recent zones and save them; a failed save is not an error."""
    name = timezones.canonical_zone(zone)
    zones = [name, *(known for known in load_recent(root) if known != name)][:RECENT_LIMIT]
    text = json.dumps({"zones": zones}, indent=2) + "\n"
    with contextlib.suppress(OSError):
        write_atomic(Path(root) / RECENT_ZONES_FILE, text)
    return zones


PREFERENCES_FILE = ".preferences.json"


def load_preferences(root: Path) -> dict[str, object]:
    """Small user choices (like the day/month order); a missing or damaged file means none."""
    try:
        data = json.loads((Path(root) / PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_preference(root: Path, key: str, value: object) -> None:
    """Remember one choice; a failed save is not an error."""
    data = {**load_preferences(root), key: value}
    with contextlib.suppress(OSError):
        write_atomic(Path(root) / PREFERENCES_FILE, json.dumps(data, indent=2) + "\n")


def day_first(root: Path) -> bool:
    """Whether `01/02/2023` means 1 February (True) or January 2 (False, the default)."""
    return load_preferences(root).get("dayfirst") is True
