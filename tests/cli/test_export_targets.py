"""Where `pmwizard export` and `pmwizard template export` may write: never over a file the
drafts folder keeps, nor over the draft being exported, whatever the flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import error_line, pmwizard_process

from wizard.drafts import DraftStore
from wizard.example import example_postmortem
from wizard.markdown import writer


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def example(home: Path) -> Path:
    store = DraftStore(home)
    store.save("example", example_postmortem())
    return store.save("example", example_postmortem())  # a second save leaves a backup


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    "name",
    [
        "example.json",
        "example.json.bak",
        "example.json.lock",
        ".summaries.json",
        ".preferences.json",
        "keys.toml",
        "other.json",
        "trash/example.md",
    ],
)
def test_export_never_writes_over_a_file_of_the_drafts_folder(
    home: Path, example: Path, name: str
) -> None:
    target = home / name
    target.parent.mkdir(exist_ok=True)
    if not target.exists():
        target.write_text("kept\n", encoding="utf-8")
    before = _contents(home)
    result = pmwizard_process("export", "example", "-o", str(target), "--force", home=home)
    assert result.returncode == 2
    assert str(target) in error_line(result)
    assert _contents(home) == before
    listed = pmwizard_process("list", home=home).stdout.splitlines()
    assert "17/17 points" in next(line for line in listed if line.startswith("example "))


def test_the_draft_exported_by_path_is_never_written_over(home: Path, tmp_path: Path) -> None:
    draft = tmp_path / "elsewhere" / "outage.json"
    draft.parent.mkdir()
    DraftStore(draft.parent).save("outage", example_postmortem())
    before = draft.read_bytes()
    result = pmwizard_process("export", str(draft), "-o", str(draft), "--force", home=home)
    assert result.returncode == 2
    assert "the draft being exported" in error_line(result)
    assert draft.read_bytes() == before


def test_a_link_to_a_draft_is_not_written_through(
    home: Path, example: Path, tmp_path: Path
) -> None:
    link = tmp_path / "postmortem.md"
    os.symlink(example, link)
    before = example.read_bytes()
    result = pmwizard_process("export", "example", "-o", str(link), "--force", home=home)
    assert result.returncode == 2
    assert str(example) in error_line(result)
    assert example.read_bytes() == before


def test_a_new_document_beside_the_drafts_and_a_template_in_their_folder_are_written(
    home: Path, example: Path
) -> None:
    document = home / "postmortem.md"
    result = pmwizard_process("export", "example", "-o", str(document), home=home)
    assert result.returncode == 0, result.stderr
    assert document.read_text("utf-8") == writer.to_markdown(example_postmortem())

    (home / "templates").mkdir()
    template = home / "templates" / "ours.toml"
    made = pmwizard_process("template", "export", "classic", "-o", str(template), home=home)
    assert made.returncode == 0, made.stderr
    assert template.is_file()


def test_template_export_never_writes_over_a_file_of_the_drafts_folder(
    home: Path, example: Path
) -> None:
    before = _contents(home)
    result = pmwizard_process(
        "template", "export", "classic", "-o", str(example), "--force", home=home
    )
    assert result.returncode == 2
    assert "keeps in the drafts folder" in error_line(result)
    assert _contents(home) == before
