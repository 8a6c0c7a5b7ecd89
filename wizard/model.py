"""The postmortem as pydantic models: every rule about a single value lives here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core.core_schema import SerializerFunctionWrapHandler

from wizard.textsafe import clean_text, terminal_safe
from wizard.time import timezones
from wizard.time.timezones import ClockStyle

SCHEMA_VERSION: Final = 3
"""The draft file's format: 2 added `clock` and the window's `zone_from_computer`, 3 the
`template` the draft follows; older files are read by filling those in (see `upgrade`)."""
DEFAULT_TEMPLATE: Final = "classic"
_TEMPLATE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")

Text = Annotated[str, AfterValidator(clean_text)]


class Model(BaseModel):
    """Base for every part of a draft: unknown keys are refused, text is cleaned."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def revised(self, **changes: Any) -> Any:
        """A validated copy with `changes` applied (model_copy does not validate)."""
        data = self.model_dump(by_alias=True)
        data.update(changes)
        return type(self).model_validate(data)


def _minute(value: datetime | None) -> datetime | None:
    return value.replace(second=0, microsecond=0) if value else value


FIRST_YEAR, LAST_YEAR = 1970, 2100


def year_problem(value: datetime | None) -> str | None:
    """Why `value` cannot be a time of an incident (a year outside 1970-2100), else None."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return None
    return (
        f"{value.date().isoformat()} is not a date of an incident: "
        f"give a year from {FIRST_YEAR} to {LAST_YEAR}"
    )


class Window(Model):
    """When the incident ran: wall-clock start and end in one IANA zone."""

    start: datetime | None = None
    end: datetime | None = None
    zone: str = "UTC"
    start_fold: Literal[0, 1] = 0
    end_fold: Literal[0, 1] = 0
    # False when the times came without a day (an import): the date part is a stand-in.
    dated: bool = True
    # True while `zone` is the one taken from this computer and the author has not yet
    # confirmed it (S1 asks them to); choosing or keeping a zone sets it False.
    zone_from_computer: bool = False

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return timezones.canonical_zone(value)

    @model_validator(mode="before")
    @classmethod
    def _to_wall_clock(cls, data: Any) -> Any:
        """Aware date-times are converted to the window's zone and stored as wall-clock."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        zone_name = data.get("zone") or "UTC"
        for key in ("start", "end"):
            value = data.get(key)
            if isinstance(value, str) and value:
                try:
                    value = datetime.fromisoformat(value)
                except ValueError:
                    continue
            if isinstance(value, datetime) and value.tzinfo is not None:
                try:
                    zone = timezones.get_zone(zone_name)
                    local = value.astimezone(zone)
                except (ValueError, OverflowError):  # the year check below says what is wrong
                    continue
                data[key] = local.replace(tzinfo=None, fold=0)
                data[f"{key}_fold"] = local.fold
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Window:
        self.start, self.end = _minute(self.start), _minute(self.end)
        for name in ("start", "end"):
            value = getattr(self, name)
            if problem := year_problem(value):
                raise ValueError(f"{name} {problem}")
            if value is not None and (gap := timezones.gap_message(value, self.zone)):
                raise ValueError(f"{name} {gap}")
        start_at, end_at = self.start_at, self.end_at
        # Compare instants: aware times sharing one tzinfo compare as wall clocks, ignoring fold.
        if start_at and end_at and end_at.astimezone(UTC) <= start_at.astimezone(UTC):
            same_day = start_at.date() == end_at.date()
            fmt = "%H:%M" if same_day else "%Y-%m-%d %H:%M"
            start_text, end_text = f"{start_at:{fmt}}", f"{end_at:{fmt}}"
            if start_at.utcoffset() != end_at.utcoffset():
                start_text += f" {timezones.zone_label(start_at)}"
                end_text += f" {timezones.zone_label(end_at)}"
            word = "the same as" if end_at.astimezone(UTC) == start_at.astimezone(UTC) else "before"
            raise ValueError(
                f"end {end_text} is {word} start {start_text}: "
                "the incident must end after it starts"
            )
        return self

    @property
    def start_at(self) -> datetime | None:
        """The start as an aware date-time."""
        return timezones.localize(self.start, self.zone, self.start_fold) if self.start else None

    @property
    def end_at(self) -> datetime | None:
        """The end as an aware date-time."""
        return timezones.localize(self.end, self.zone, self.end_fold) if self.end else None

    @property
    def minutes(self) -> int | None:
        """The real elapsed minutes, DST changes included; None until both ends are set."""
        if not (self.start_at and self.end_at):
            return None
        elapsed = self.end_at.astimezone(UTC) - self.start_at.astimezone(UTC)
        return int(elapsed.total_seconds() // 60)


class Impact(Model):
    """Who and what suffered."""

    down: Text = ""
    experience: Text = ""
    percent: float | None = None

    @field_validator("percent", mode="before")
    @classmethod
    def _percentage(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"{str(value).lower()} is not a number: give 0 to 100")
        if isinstance(value, str):
            text = value.strip().rstrip("%").strip()
            if not text:
                return None
            try:
                value = float(text)
            except ValueError:
                raise ValueError(f"{value.strip()!r} is not a number: give 0 to 100") from None
        if isinstance(value, (int, float)) and not 0 <= value <= 100:
            raise ValueError(f"{value:g}% is not a share of users: give 0 to 100")
        return value


class Kind(StrEnum):
    """What a timeline entry records."""

    DETECTION = "detection"
    INVESTIGATION = "investigation"
    MISLEADING = "misleading"
    ESCALATION = "escalation"
    MITIGATION = "mitigation"
    RESOLUTION = "resolution"
    OTHER = "other"


KIND_LABELS = {
    Kind.DETECTION: "Detection",
    Kind.INVESTIGATION: "Investigation",
    Kind.MISLEADING: "Misleading path",
    Kind.ESCALATION: "Escalation",
    Kind.MITIGATION: "Mitigation",
    Kind.RESOLUTION: "Resolution",
    Kind.OTHER: "Other",
}


class Detection(StrEnum):
    """How the incident was noticed."""

    MONITORING = "monitoring"
    ENGINEER = "engineer"
    CUSTOMER = "customer"
    OTHER = "other"


DETECTION_LABELS = {
    Detection.MONITORING: "Monitoring alert",
    Detection.ENGINEER: "An engineer noticed",
    Detection.CUSTOMER: "Customer complaint",
    Detection.OTHER: "Other",
}


class TimelineEntry(Model):
    """One line of the timeline; `zone` overrides the incident's zone when set."""

    time: datetime | None = None
    zone: str | None = None
    fold: Literal[0, 1] = 0
    kind: Kind = Kind.OTHER
    text: Text = ""
    detected_by: Detection | None = None
    # True while the kind is one pmwizard guessed (a paste, an import) and the author has not
    # confirmed it; written to the draft only while true, so other drafts read as before.
    guessed: bool = False

    @model_serializer(mode="wrap")
    def _without_confirmed(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not self.guessed:
            data.pop("guessed", None)
        return data

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return timezones.canonical_zone(value) if value else None

    @field_validator("time")
    @classmethod
    def _naive_minute(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("give the time without a zone; set the entry's zone instead")
        if problem := year_problem(value):
            raise ValueError(problem)
        return _minute(value)

    def at(self, default_zone: str) -> datetime | None:
        """The entry's moment as an aware date-time."""
        if self.time is None:
            return None
        return timezones.localize(self.time, self.zone or default_zone, self.fold)


TaskType = Literal["prevent", "mitigate", "detect", "process"]
"""What an action item does about the incident (the SRE template's action item types)."""
Priority = Literal["P0", "P1", "P2", "P3"]
TASK_DETAILS: Final = ("type", "priority", "link")
"""A task's optional details some templates write; a draft holds them only while set."""

OPTIONAL_KEYS: Final = ("parts",)
"""The draft's keys a file leaves out while they are empty."""
MAX_PARTS: Final = 64
"""The most parts a draft's `parts` mapping holds (each a template part's text or list)."""
MAX_PART_ITEMS: Final = 500
_PART_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")


class Task(Model):
    """A specific follow-up, like a TODO item; `type`, `priority` and `link` (an action
    item's details) are left out of the draft file while unset."""

    text: Text = ""
    owner: Text | None = None
    due: date | None = None
    done: bool = False
    type: TaskType | None = None
    priority: Priority | None = None
    link: Text | None = None

    @field_validator("priority", mode="before")
    @classmethod
    def _priority(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("link")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        """A link is one line (its spaces kept as one); blank is none."""
        return " ".join(value.split()) or None if value is not None else None

    @model_serializer(mode="wrap")
    def _without_unset_details(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for name in TASK_DETAILS:
            if data.get(name) is None:
                data.pop(name, None)
        return data


PartValue = Text | list[Text]


# Default factories as plain functions: pydantic reads a factory's signature at start-up, and
# reading a builtin's or a model's costs far more than reading a function's.
def new_list() -> list[Any]:
    return []


def new_dict() -> dict[str, Any]:
    return {}


def _new_window() -> Window:
    return Window()


def _new_impact() -> Impact:
    return Impact()


def _parts(value: dict[str, PartValue]) -> dict[str, PartValue]:
    """A draft's `parts`: names like template field ids, at most MAX_PARTS of them, lists of
    at most MAX_PART_ITEMS items."""
    if len(value) > MAX_PARTS:
        raise ValueError(f"{len(value)} parts: a draft holds at most {MAX_PARTS}")
    for name, item in value.items():
        if not _PART_ID.fullmatch(name):
            raise ValueError(f"{terminal_safe(name)[:40]!r} is not a part name")
        if isinstance(item, list) and len(item) > MAX_PART_ITEMS:
            raise ValueError(f"part {name}: {len(item)} items, at most {MAX_PART_ITEMS}")
    return value


class Postmortem(Model):
    """A whole postmortem draft, as stored on disk (`schema` is the file format version)."""

    schema_version: Literal[3] = Field(default=SCHEMA_VERSION, alias="schema")
    # The template the draft follows (its sections, rubric and screens), by name.
    template: str = DEFAULT_TEMPLATE
    title: Text = ""
    service: Text = ""
    window: Window = Field(default_factory=_new_window)
    second_zone: str | None = None
    # How times are written in the document: `12h` (11:40 PM) or `24h` (23:40); None until
    # the author's first typed time (or a choice) decides, written as 12h meanwhile.
    clock: ClockStyle | None = None
    impact: Impact = Field(default_factory=_new_impact)
    root_cause_summary: Text = ""
    timeline: list[TimelineEntry] = Field(default_factory=new_list)
    root_cause: Text = ""
    resolution: Text = ""
    improvements: list[Text] = Field(default_factory=new_list)
    tasks: list[Task] = Field(default_factory=new_list)
    # The text of a template's parts the fields above do not hold (the SRE template's
    # trigger, detection, lessons), by the part's field id: text, or a list of items.
    parts: Annotated[dict[str, PartValue], AfterValidator(_parts)] = Field(default_factory=new_dict)
    unsorted: Text = ""

    @model_serializer(mode="wrap")
    def _without_empty_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not self.parts:
            data.pop("parts", None)
        return data

    @field_validator("template")
    @classmethod
    def _template_name(cls, value: str) -> str:
        if not _TEMPLATE_NAME.fullmatch(value):
            raise ValueError(f"{value!r} is not a template name: lower-case letters, digits, _")
        return value

    @field_validator("second_zone")
    @classmethod
    def _known_second_zone(cls, value: str | None) -> str | None:
        return timezones.canonical_zone(value) if value and value.strip() else None

    @field_validator("timeline")
    @classmethod
    def _timeline_times_exist(
        cls, timeline: list[TimelineEntry], info: ValidationInfo
    ) -> list[TimelineEntry]:
        """Entry times exist in their zone; checked when the timeline changes."""
        window = info.data.get("window")
        if window is not None:
            _check_times(timeline, window.zone)
        return timeline

    @field_validator("window")
    @classmethod
    def _timeline_times_still_exist(cls, window: Window, info: ValidationInfo) -> Window:
        """The same check when the window's zone changes (`timeline` is known on assignment)."""
        _check_times(info.data.get("timeline", ()), window.zone)
        return window

    def sorted_timeline(self) -> list[TimelineEntry]:
        """Entries in time order; entries without a time keep their place at the end."""
        zone = self.window.zone
        timed = [e for e in self.timeline if e.time is not None]
        untimed = [e for e in self.timeline if e.time is None]
        timed.sort(key=lambda e: _utc(e.time, e.zone or zone, e.fold))
        return timed + untimed


@lru_cache(maxsize=8192)
def _utc(naive: datetime, zone: str, fold: int) -> datetime:
    """The moment of a wall-clock time in `zone`, in UTC; kept for the times seen lately, as
    every edit sorts the timeline again."""
    return timezones.localize(naive, zone, fold).astimezone(UTC)


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A draft file's data at the current schema: schema 1 gains `clock` (not chosen yet),
    its window keeping its zone as chosen; schemas 1 and 2 follow the classic template.
    ValueError for a schema this pmwizard cannot read."""
    version = data.get("schema")
    if version == SCHEMA_VERSION:
        return data
    if version == 1:
        data = {**data, "schema": 2, "clock": None}
        version = 2
    if version == 2:
        return {**data, "schema": SCHEMA_VERSION, "template": DEFAULT_TEMPLATE}
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ValueError(
            f"has draft schema {version}; this pmwizard reads schema {SCHEMA_VERSION}: "
            "upgrade pmwizard to open it"
        )
    raise ValueError(f"has an unknown draft schema {version!r}")


def _check_times(timeline: Iterable[TimelineEntry], zone: str) -> None:
    for number, entry in enumerate(timeline, 1):
        moment_zone = entry.zone or zone
        if entry.time is not None and (gap := timezones.gap_message(entry.time, moment_zone)):
            raise ValueError(f"timeline entry {number}: {gap}")


def describe_errors(error: ValidationError) -> list[tuple[str, str]]:
    """(field path, sentence) pairs from a pydantic error, in a person's words."""
    found = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        if item["type"] == "extra_forbidden":
            message = "is not a field pmwizard knows"
        elif item["type"] in ("datetime_from_date_parsing", "datetime_parsing"):
            message = f"{item.get('input')!r} is not a date and time like 2023-01-17 12:30"
        found.append((terminal_safe(path), terminal_safe(message)))
    return found


def first_error(error: ValidationError) -> str:
    """The first problem of a validation error as one line: `window: end ... before ...`."""
    path, message = describe_errors(error)[0]
    return f"{path}: {message}" if path else message
