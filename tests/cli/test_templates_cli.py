"""`pmwizard templates`, `template export`, and `--template` on `new` and `check`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from cli_helpers import error_line, pmwizard, pmwizard_process

from wizard import templates
from wizard.drafts import DraftStore
from wizard.opening import session_for

CHECK_JSON = Path(__file__).parent / "check_json"


def _team_file(home: Path, name: str = "team") -> Path:
    """The classic template exported and renamed, as a team starts its own."""
    folder = home / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    done = pmwizard("template", "export", "classic", "-o", str(path), home=home)
    assert done.returncode == 0, done.stderr
    text = path.read_text(encoding="utf-8").replace('name = "classic"', f'name = "{name}"', 1)
    path.write_text(text.replace("title = ", 'title = "Our team" #', 1), encoding="utf-8")
    return path


def _runner(command: tuple[str, ...]) -> Callable[..., CompletedProcess[str]]:
    """How to run `command`: `new` opens the wizard when it starts, so it runs as a process."""
    return pmwizard_process if command == ("new",) else pmwizard


def test_templates_lists_the_built_in_and_the_teams_own(tmp_path: Path) -> None:
    home = tmp_path / "home"
    alone = pmwizard_process("templates", home=home)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.splitlines() == [
        f"classic  {templates.classic().title}  (built-in)",
        f"sre      {templates.builtin('sre').title}  (built-in)",
    ]
    path = _team_file(home)
    (home / "templates" / "broken.toml").write_text('name = "broken"\n', encoding="utf-8")
    listed = pmwizard("templates", home=home).stdout.splitlines()
    assert listed[0].startswith("classic ") and listed[1].startswith("sre ")
    assert listed[2].startswith("broken   broken: ") and "title: Field required" in listed[2]
    assert listed[3] == f"team     Our team  ({path})"


def test_template_export_writes_the_built_in(tmp_path: Path) -> None:
    home = tmp_path / "home"
    shown = pmwizard_process("template", "export", "classic", home=home)
    assert shown.returncode == 0 and shown.stdout == templates.builtin_text("classic")
    target = tmp_path / "start.toml"
    assert pmwizard("template", "export", "classic", "-o", str(target), home=home).returncode == 0
    assert target.read_text(encoding="utf-8") == templates.builtin_text("classic")
    again = pmwizard("template", "export", "classic", "-o", str(target), home=home)
    assert again.returncode == 2 and "exists already" in error_line(again)


def test_a_teams_copy_of_classic_judges_as_classic(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _team_file(home)
    for source in ("example.json", "partial.json", "example.md"):
        target = tmp_path / source
        target.write_bytes((CHECK_JSON / source).read_bytes())
        done = pmwizard("check", "--json", "--template", "team", str(target), home=home)
        assert done.returncode in (0, 1), done.stderr
        recorded = json.loads((CHECK_JSON / f"{source}.out.json").read_text(encoding="utf-8"))
        assert json.loads(done.stdout)["rubric"] == recorded["rubric"]


@pytest.mark.parametrize("command", [("new",), ("new", "--example"), ("check", "x.md")])
def test_an_unknown_template_lists_the_known_ones(tmp_path: Path, command: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    _team_file(home)
    done = _runner(command)(*command[:1], "--template", "nope", *command[1:], home=home)
    assert done.returncode == 2
    line = error_line(done)
    assert "no template named 'nope'" in line and line.endswith(
        "known templates: classic, sre, team"
    )


@pytest.mark.parametrize("command", [("new",), ("check", "x.md")])
def test_a_broken_template_file_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    path = _team_file(home)
    text = path.read_text(encoding="utf-8").replace('check = "words"', 'check = "wordy"', 1)
    path.write_text(text, encoding="utf-8")
    line_number = text.splitlines().index('check = "wordy"') + 1
    done = _runner(command)(*command[:1], "--template", "team", *command[1:], home=home)
    assert done.returncode == 2
    assert f"{path}: line {line_number}, points[" in error_line(done)


def test_new_with_a_template_starts_a_draft_that_follows_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _team_file(home)
    store = DraftStore(home)
    session = session_for(store, "new", None, None, templates.find("team", home))
    assert session is not None
    assert session.draft.template == "team"
    assert session.rubric.template.title == "Our team"
    session.edit("title", "Ours")
    assert session.save(force=True)
    assert store.load(session.name or "").template == "team"
    listed = pmwizard("list", "--json", home=home)
    assert json.loads(listed.stdout)[0]["points"] == len(templates.classic().points)


def test_the_sre_example_meets_its_rubric_as_a_draft_and_as_its_export(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = pmwizard("new", "--template", "sre", "--example", home=home)
    assert made.returncode == 0, made.stderr
    draft = json.loads((home / "example.json").read_text(encoding="utf-8"))
    assert draft["template"] == "sre" and draft["parts"]["trigger"]
    of_draft = pmwizard("check", "--json", "example", home=home)
    assert of_draft.returncode == 0, of_draft.stdout
    target = tmp_path / "example.md"
    assert pmwizard("export", "example", "-o", str(target), home=home).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "## Trigger" in text and "### Where we got lucky" in text and "(type: prevent;" in text
    of_file = pmwizard("check", "--json", str(target), home=home)
    assert of_file.returncode == 0, of_file.stdout
    assert json.loads(of_file.stdout) == json.loads(of_draft.stdout)
    assert [p["id"] for p in json.loads(of_file.stdout)["rubric"]][:3] == ["S1", "I1", "R1"]


def test_template_export_writes_the_sre_template(tmp_path: Path) -> None:
    shown = pmwizard("template", "export", "sre", home=tmp_path / "home")
    assert shown.returncode == 0 and shown.stdout == templates.builtin_text("sre")
    assert templates.parse(shown.stdout, "sre").name == "sre"


def test_check_with_the_sre_template_reads_an_sre_style_document(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "core" / "sre" / "checkout.md"
    text = source.read_text(encoding="utf-8").replace("## What triggered it", "## Spark")
    text = text.replace("## How it was detected", "## Detection notes")
    target = tmp_path / "checkout.md"
    target.write_text(text, encoding="utf-8")
    classic = pmwizard(
        "check", "--json", "--template", "classic", str(target), home=tmp_path / "home"
    )
    assert "W1" in [p["id"] for p in json.loads(classic.stdout)["rubric"]]
    done = pmwizard("check", "--json", "--template", "sre", str(target), home=tmp_path / "home")
    report = json.loads(done.stdout)
    sections = report["sections"]
    assert sections["impact"]["found"] and sections["lessons"]["found"]
    # Headings that name nothing are kept unsorted.
    assert not sections["trigger"]["found"] and not sections["detection"]["found"]
    unmet = [p["id"] for p in report["rubric"] if not p["met"]]
    assert unmet == ["R2", "D1"] and done.returncode == 1


def _hostile_file(home: Path) -> tuple[Path, str]:
    """A team's template whose Timeline step carries terminal controls and a line break in its
    short name and heading; and the line `pmwizard` refuses it with."""
    path = _team_file(home, "esc")
    text = path.read_text(encoding="utf-8")
    plain = 'heading = "Timeline"\nshort = "Timeline"'
    hostile = (
        'heading = "Tl\\u001b]52;c;SGVsbG8=\\u0007\\u0085x\\u000ay"\n'
        'short = "S\\u001b[2J\\u001b]0;PWNED\\u0007x"'
    )
    assert plain in text
    path.write_text(text.replace(plain, hostile, 1), encoding="utf-8")
    number = text.splitlines().index('heading = "Timeline"') + 1
    return path, (
        f"{path}: line {number}, sections[2].heading: holds a control character (U+001B): "
        "a template's text is shown and written as one line of plain text"
    )


@pytest.mark.parametrize("form", ["markdown", "html", "json"])
def test_a_draft_on_a_template_with_terminal_controls_is_not_exported(
    tmp_path: Path, form: str
) -> None:
    home = tmp_path / "home"
    _path, refusal = _hostile_file(home)
    assert pmwizard("new", "--example", home=home).returncode == 0
    draft = home / "example.json"
    data = json.loads(draft.read_text(encoding="utf-8"))
    draft.write_text(json.dumps({**data, "template": "esc"}), encoding="utf-8")
    target = tmp_path / f"example.{form}"
    done = pmwizard_process("export", "example", "--format", form, "-o", str(target), home=home)
    assert done.returncode == 2 and done.stdout == "" and not target.exists()
    assert error_line(done) == f"pmwizard: {refusal}"
    to_stdout = pmwizard_process("export", "example", "--format", form, home=home)
    assert to_stdout.returncode == 2 and to_stdout.stdout == ""
    assert error_line(to_stdout) == f"pmwizard: {refusal}"


def test_a_template_with_terminal_controls_is_listed_broken_and_refused_by_check(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    path, refusal = _hostile_file(home)
    listed = pmwizard_process("templates", home=home)
    assert listed.returncode == 0 and "\x1b" not in listed.stdout
    assert listed.stdout.splitlines()[2] == f"esc      broken: {refusal}  ({path})"
    document = tmp_path / "x.md"
    document.write_text("# Ours\n\n## Timeline\n\n- 10:00 it broke\n", encoding="utf-8")
    checked = pmwizard("check", "--template", "esc", str(document), home=home)
    assert checked.returncode == 2 and error_line(checked) == f"pmwizard: {refusal}"


def test_a_team_file_named_like_a_built_in_template_is_listed_as_not_used(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = home / "templates"
    folder.mkdir(parents=True)
    path = folder / "classic.toml"
    path.write_text(templates.builtin_text("classic"), encoding="utf-8")
    listed = pmwizard_process("templates", home=home)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"classic  {templates.classic().title}  (built-in)",
        f"sre      {templates.builtin('sre').title}  (built-in)",
        f"classic  broken: {path}: not used: it has the name of the built-in template 'classic'; "
        f"rename the file and the name in it  ({path})",
    ]
    unknown = pmwizard("check", "--template", "nope", "x.md", home=home)
    assert error_line(unknown).endswith("known templates: classic, sre")
