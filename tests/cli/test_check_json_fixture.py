"""`check --json` for classic drafts and documents stays exactly as recorded (the `advice`
key came later, on top of the recorded keys: its shape is checked, its content elsewhere)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import REPO, pmwizard

HERE = Path(__file__).parent / "check_json"
CORPUS = REPO / "tests" / "corpus"
INPUTS = {
    "example.json": HERE / "example.json",
    "empty.json": HERE / "empty.json",
    "partial.json": HERE / "partial.json",
    "example.md": HERE / "example.md",
    **{
        f"corpus-{name}": CORPUS / f"{name}.md"
        for name in (
            "stripe-2019-07-10-api-degradation",
            "notes-plain-text",
            "rust-2023-01-25-dns-outage",
            "notes-heading-timeline",
        )
    },
}


def _recorded(name: str) -> object:
    return json.loads((HERE / f"{name}.out.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_check_json_is_unchanged(name: str, tmp_path: Path) -> None:
    source = INPUTS[name]
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    result = pmwizard("check", "--json", str(target), home=tmp_path / "home")
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)
    advice = found.pop("advice")
    assert all(set(a) == {"id", "field", "text", "suggestion"} for a in advice)
    assert found == _recorded(name)
