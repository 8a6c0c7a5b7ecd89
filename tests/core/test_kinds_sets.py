"""The hand-labelled sets of fresh public reports are whole: enough entries and timelines,
valid labels, a source for every timeline, and no timeline shared with another set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wizard.model import Detection, Kind

FOLDER = Path(__file__).resolve().parents[1] / "kinds"
FRESH = {"heldout4": (120, 15), "heldout5": (60, 8), "heldout6": (180, 14)}
"""Fresh sets of public reports: least entries, least timelines."""


def rows(name: str) -> list[dict[str, str]]:
    with (FOLDER / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("name", sorted(FRESH))
def test_the_fresh_sets_of_public_reports_are_whole(name: str) -> None:
    found = rows(name)
    least, timelines = FRESH[name]
    assert len(found) >= least and len({r["file"] for r in found}) >= timelines
    assert {r["corpus"] for r in found} == {name}
    for row in found:
        assert (Kind(row["kind"]) is Kind.DETECTION) == bool(row["detected_by"]), row
        if row["detected_by"]:
            Detection(row["detected_by"])
        if row["position"] == "1":
            assert row["note"].startswith("source: "), row
        assert row["text"] and "\t" not in row["text"]
    assert len({(r["file"], r["position"]) for r in found}) == len(found)
    others = {"labels", "heldout", "heldout2", "heldout3", *FRESH} - {name}
    assert not {r["file"] for r in found} & {r["file"] for o in others for r in rows(o)}
