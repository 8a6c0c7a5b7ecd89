"""Finding a zone by city, abbreviation or offset; recent zones; the local default."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from wizard import settings
from wizard.time import timezones, zone_names
from wizard.time.zone_search import ZoneRow, search_zones

WINTER = date(2023, 1, 17)
SUMMER = date(2023, 7, 17)


def zones(query: str, on: date = WINTER, recent: tuple[str, ...] = ()) -> list[str]:
    return [row.zone for row in search_zones(query, on, recent)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("nairobi", "Africa/Nairobi"),
        ("Nairobi", "Africa/Nairobi"),
        ("new york", "America/New_York"),
        ("new_york", "America/New_York"),
        ("los", "America/Los_Angeles"),
        ("america/new", "America/New_York"),
        ("kenya", "Africa/Nairobi"),
        ("germany", "Europe/Berlin"),
        ("pacific time", "America/Los_Angeles"),
        ("Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_city_country_and_name_put_the_zone_first(query: str, first: str) -> None:
    assert zones(query)[0] == first


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("são paulo", "America/Sao_Paulo"),
        ("SÃO PAULO", "America/Sao_Paulo"),
        ("zürich", "Europe/Zurich"),
        ("méxico", "America/Mexico_City"),
        ("bogotá", "America/Bogota"),
        ("curaçao", "America/Curacao"),
        ("réunion", "Indian/Reunion"),
    ],
)
def test_search_ignores_accents_and_letter_case(query: str, first: str) -> None:
    assert zones(query)[0] == first


def test_a_zone_field_reads_a_city_written_with_accents() -> None:
    assert zone_names.zone_in_field("São Paulo") == "America/Sao_Paulo"
    assert zone_names.zone_in_field("zürich") == "Europe/Zurich"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("PST", ["America/Los_Angeles", "America/Vancouver", "America/Tijuana"]),
        ("eat", ["Africa/Nairobi"]),
        ("WAT", ["Africa/Lagos"]),
        ("GMT", ["Etc/GMT", "Europe/London"]),
        ("IST", ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
        ("CST", ["America/Chicago", "Asia/Shanghai", "America/Havana"]),
        ("CET", ["Europe/Berlin", "Europe/Paris"]),
    ],
)
def test_an_abbreviation_lists_its_candidates_first(query: str, expected: list[str]) -> None:
    assert zones(query)[: len(expected)] == expected


def test_an_abbreviation_also_finds_every_zone_using_it_that_day() -> None:
    winter, summer = zones("CET", WINTER), zones("CET", SUMMER)
    assert "Europe/Warsaw" in winter
    assert "Europe/Warsaw" not in summer[5:]
    assert "Europe/Warsaw" in zones("CEST", SUMMER)


@pytest.mark.parametrize("query", ["+3", "UTC+03:00", "utc+3", "GMT+3", "+03", "+0300"])
def test_offset_forms_find_zones_three_hours_east(query: str) -> None:
    found = search_zones(query, WINTER)
    names = [row.zone for row in found]
    assert "Africa/Nairobi" in names
    assert "Europe/Moscow" in names
    assert found[0].offset == "UTC+03:00"
    assert {row.offset for row in found} <= {"UTC+03:00", "UTC+03:30"}


@pytest.mark.parametrize("query", ["-08:00", "UTC-8", "-8", "GMT-08"])
def test_negative_offsets(query: str) -> None:
    found = search_zones(query, WINTER)
    assert found[0].zone == "America/Los_Angeles"
    assert {row.offset for row in found} == {"UTC-08:00"}


@pytest.mark.parametrize("query", ["+05:30", "+0530", "+530", "UTC+5:30"])
def test_half_hour_offsets(query: str) -> None:
    assert "Asia/Kolkata" in zones(query)
    assert {row.offset for row in search_zones(query, WINTER)} == {"UTC+05:30"}


def test_a_whole_hour_lists_whole_hours_before_the_odd_ones() -> None:
    offsets = [row.offset for row in search_zones("+5", WINTER)]
    assert offsets[0] == "UTC+05:00"
    assert "UTC+05:45" in offsets
    assert offsets.index("UTC+05:30") > offsets.index("UTC+05:00")


def test_offsets_follow_the_date() -> None:
    assert "America/Los_Angeles" in zones("-07:00", SUMMER)
    assert "America/Los_Angeles" not in zones("-07:00", WINTER)


def test_a_row_shows_zone_abbreviation_and_offset() -> None:
    row = search_zones("nairobi", WINTER)[0]
    assert isinstance(row, ZoneRow)
    assert (row.zone, row.abbreviation, row.offset, row.minutes) == (
        "Africa/Nairobi",
        "EAT",
        "UTC+03:00",
        180,
    )
    assert row.label.split() == ["Africa/Nairobi", "EAT", "UTC+03:00"]
    summer = search_zones("los angeles", SUMMER)[0]
    assert (summer.abbreviation, summer.offset) == ("PDT", "UTC-07:00")


def test_labels_line_up_in_columns() -> None:
    rows = search_zones("", WINTER)
    assert len({row.label.rindex("UTC") for row in rows}) == 1


def test_nothing_typed_lists_every_zone() -> None:
    assert len(search_zones("", WINTER)) == len(timezones.all_zones())


def test_nothing_matches_gives_no_rows() -> None:
    assert search_zones("zzzz", WINTER) == []


def test_recent_zones_come_first() -> None:
    recent = ("Europe/Berlin", "Asia/Tokyo")
    assert zones("", recent=recent)[:2] == ["Europe/Berlin", "Asia/Tokyo"]
    assert zones("+9", recent=recent)[0] == "Asia/Tokyo"
    assert zones("o", recent=recent)[:2] == ["Europe/Berlin", "Asia/Tokyo"]
    assert "Europe/Berlin" not in zones("nairobi", recent=recent)


def test_filtering_is_well_under_five_milliseconds() -> None:
    search_zones("warm", WINTER)
    began = time.perf_counter()
    for query in ("n", "na", "nai", "nair", "nairo", "+0", "+05", "+05:3", "ist", "new y"):
        search_zones(query, WINTER)
    assert (time.perf_counter() - began) / 10 < 0.05


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("America/New_York", "America/New_York"),
        (":Europe/Berlin", "Europe/Berlin"),
        ("africa/nairobi", "Africa/Nairobi"),
        ("Etc/UTC", "UTC"),
        ("", "UTC"),
        ("not a zone", "UTC"),
    ],
)
def test_local_zone_honours_tz(
    monkeypatch: pytest.MonkeyPatch, setting: str, expected: str
) -> None:
    monkeypatch.setenv("TZ", setting)
    assert zone_names.local_zone_name() == expected


def test_local_zone_from_a_path_in_tz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "zoneinfo" / "Asia" / "Tokyo"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(target)
    monkeypatch.setenv("TZ", str(link))
    assert zone_names.local_zone_name() == "Asia/Tokyo"


def test_the_conftest_zone_is_the_local_zone() -> None:
    assert zone_names.local_zone_name() == "Africa/Nairobi"


def test_recent_zones_are_remembered_newest_first(tmp_path: Path) -> None:
    assert settings.load_recent(tmp_path) == []
    settings.remember_zone(tmp_path, "europe/berlin")
    settings.remember_zone(tmp_path, "Asia/Tokyo")
    assert settings.remember_zone(tmp_path, "Europe/Berlin") == ["Europe/Berlin", "Asia/Tokyo"]
    assert settings.load_recent(tmp_path) == ["Europe/Berlin", "Asia/Tokyo"]
    saved = json.loads((tmp_path / ".recent-zones.json").read_text(encoding="utf-8"))
    assert saved == {"zones": ["Europe/Berlin", "Asia/Tokyo"]}


def test_recent_zones_are_capped(tmp_path: Path) -> None:
    for zone in zone_names.canonical_zones()[:20]:
        settings.remember_zone(tmp_path, zone)
    assert len(settings.load_recent(tmp_path)) == settings.RECENT_LIMIT


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"zones": "UTC"}', '{"zones": [3]}'])
def test_a_damaged_recent_file_counts_as_empty(tmp_path: Path, content: str) -> None:
    (tmp_path / ".recent-zones.json").write_text(content, encoding="utf-8")
    assert settings.load_recent(tmp_path) == []
    assert settings.remember_zone(tmp_path, "UTC") == ["UTC"]


def test_unknown_names_in_the_recent_file_are_dropped(tmp_path: Path) -> None:
    (tmp_path / ".recent-zones.json").write_text('{"zones": ["Mars/Olympus", "UTC"]}')
    assert settings.load_recent(tmp_path) == ["UTC"]


def python_prints(code: str) -> list[str]:
    """What a fresh interpreter prints for `code`: no caches warmed by other tests."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.split()


def test_the_zone_modules_do_not_import_textual() -> None:
    code = "import sys, wizard.time.timezones, wizard.time.zone_search, wizard.settings;"
    assert python_prints(code + "print('textual' in sys.modules)") == ["False"]


def test_importing_builds_nothing() -> None:
    code = (
        "import wizard.time.timezones as t, wizard.time.zone_search as s;"
        "print(t.all_zones.cache_info().currsize, s.zone_index.cache_info().currsize)"
    )
    assert python_prints(code) == ["0", "0"]
