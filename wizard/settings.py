"""The author's settings and small memories kept beside the drafts: the day/month order,
the clock, and the time zones picked most recently."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.drafts import write_atomic

# The zone modules load when recent zones are read, not before the welcome screen is drawn.
if TYPE_CHECKING:
    from wizard.time.timezones import ClockStyle

RECENT_ZONES_FILE = ".recent-zones.json"
RECENT_LIMIT = 8


def load_recent(root: Path) -> list[str]:
    """The recently picked zones, newest first; a missing or damaged file means none."""
    from wizard.time import zone_names

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
    from wizard.time import timezones

    name = timezones.canonical_zone(zone)
    zones = [name, *(known for known in load_recent(root) if known != name)][:RECENT_LIMIT]
    text = json.dumps({"zones": zones}, indent=2) + "\n"
    with contextlib.suppress(OSError):
        write_atomic(Path(root) / RECENT_ZONES_FILE, text)
    return zones


PREFERENCES_FILE = ".preferences.json"


@dataclass(frozen=True)
class Settings:
    """What the whole app follows: how numeric dates are read (`dayfirst`: 01/02/2023 is
    1 February), the clock the author last chose (None: each draft takes the style its
    author types first) and the colour theme (None: Textual's default)."""

    dayfirst: bool = False
    clock: ClockStyle | None = None
    theme: str | None = None


def load_settings(root: Path) -> Settings:
    """The saved settings; a missing or damaged file, or a value it does not know, means the
    default for that value."""
    try:
        data = json.loads((Path(root) / PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    clock, theme = data.get("clock"), data.get("theme")
    return Settings(
        dayfirst=data.get("dayfirst") is True,
        clock=clock if clock in ("12h", "24h") else None,
        theme=theme if isinstance(theme, str) else None,
    )


def save_settings(root: Path, settings: Settings) -> None:
    """Remember the settings; a failed save is not an error (they still hold for this run)."""
    text = json.dumps(asdict(settings), indent=2) + "\n"
    with contextlib.suppress(OSError):
        write_atomic(Path(root) / PREFERENCES_FILE, text)
