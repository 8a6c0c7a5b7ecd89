"""The pre-commit hook the repository offers: its entry, run on a folder as pre-commit runs
it (the files it selects passed as arguments), passes good postmortems and fails bad ones."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import REPO, pmwizard

from wizard.example import example_postmortem
from wizard.markdown import writer

HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"
MARKDOWN = (".md", ".markdown")  # what pre-commit's `types: [markdown]` selects


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(item) for item in text[1:-1].split(",") if item.strip()]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return {"true": True, "false": False}.get(text, text)


def read_hooks(path: Path) -> list[dict[str, Any]]:
    """The hooks of a `.pre-commit-hooks.yaml`: a list of flat mappings (all it needs)."""
    hooks: list[dict[str, Any]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            hooks.append({})
            line = line[2:]
        key, _, value = line.strip().partition(":")
        assert hooks, f"a key before the first hook: {raw!r}"
        hooks[-1][key.strip()] = _scalar(value)
    return hooks


@pytest.fixture
def hook() -> dict[str, Any]:
    found = [h for h in read_hooks(HOOKS_FILE) if h.get("id") == "pmwizard-check"]
    assert len(found) == 1
    return found[0]


def selected(hook: dict[str, Any], root: Path) -> list[str]:
    """The files under `root` that pre-commit hands the hook: `files` matched against the
    path from the repository's root, and of type markdown."""
    pattern = re.compile(hook.get("files", ""))
    paths = (p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file())
    return [p for p in paths if pattern.search(p) and p.endswith(MARKDOWN)]


def run_entry(hook: dict[str, Any], files: list[str], home: Path) -> int:
    """Run the hook's entry with `files`, its program being pmwizard's own console script."""
    program, *args = shlex.split(hook["entry"])
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"][program] == "wizard.cli:main"
    return pmwizard(*args, *files, home=home).returncode


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a good postmortem, notes outside the folder and a README."""
    root = tmp_path / "project"
    folder = root / "docs" / "postmortems"
    folder.mkdir(parents=True)
    (folder / "checkout.md").write_text(writer.to_markdown(example_postmortem()), "utf-8")
    (root / "README.md").write_text("# A project\n\nNot a postmortem.\n", "utf-8")
    (root / "docs" / "notes.md").write_text("Some notes.\n", "utf-8")
    (root / "docs" / "postmortems" / "data.json").write_text("{}", "utf-8")
    monkeypatch.chdir(root)
    return root


def test_the_hook_is_for_markdown_under_a_folder(hook: dict[str, Any]) -> None:
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["files"] == "^docs/postmortems/"


def test_the_hook_passes_a_folder_of_finished_postmortems(
    hook: dict[str, Any], repository: Path, isolated_home: Path
) -> None:
    files = selected(hook, repository)
    assert files == ["docs/postmortems/checkout.md"]
    assert run_entry(hook, files, isolated_home) == 0


def test_the_hook_fails_when_one_postmortem_misses_points(
    hook: dict[str, Any], repository: Path, isolated_home: Path
) -> None:
    half = "# Disk full\n\n## Issue Summary\n\nThe build server refused jobs.\n"
    (repository / "docs" / "postmortems" / "disk.md").write_text(half, "utf-8")
    files = selected(hook, repository)
    assert files == ["docs/postmortems/checkout.md", "docs/postmortems/disk.md"]
    assert run_entry(hook, files, isolated_home) == 1


def test_the_hook_fails_on_a_file_it_cannot_read(
    hook: dict[str, Any], repository: Path, isolated_home: Path
) -> None:
    (repository / "docs" / "postmortems" / "empty.md").write_text("", "utf-8")
    assert run_entry(hook, selected(hook, repository), isolated_home) == 2


def test_a_folder_given_in_the_config_replaces_the_default(
    hook: dict[str, Any], repository: Path, isolated_home: Path
) -> None:
    """What a user's `files: ^incidents/` does: only that folder is checked."""
    (repository / "incidents").mkdir()
    (repository / "incidents" / "bad.md").write_text("# Nothing here\n", "utf-8")
    assert selected(hook, repository) == ["docs/postmortems/checkout.md"]
    custom = {**hook, "files": "^incidents/"}
    assert selected(custom, repository) == ["incidents/bad.md"]
    assert run_entry(custom, selected(custom, repository), isolated_home) == 1
