"""`pmwizard check` speaks the words of the template a document follows: an SRE postmortem's
action items are never called tasks, its sections go by their headings; the JSON keys, the
fields' paths and the exit codes stay as they are."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cli_helpers import pmwizard_process

from wizard.example import EXAMPLES
from wizard.markdown import writer
from wizard.model import Task

VAGUE_TASKS = [Task(text="monitoring"), Task(text="the pool fix"), Task(text="the pool fix")]


def written(tmp_path: Path, template: str) -> Path:
    """The template's example with vague, repeated tasks and a blaming root cause."""
    pm = EXAMPLES[template]().revised(
        tasks=VAGUE_TASKS, root_cause="It was human error: Bob removed the pool limit."
    )
    path = tmp_path / f"{template}.md"
    path.write_text(writer.to_markdown(pm), encoding="utf-8")
    return path


def messages(found: dict[str, Any]) -> list[str]:
    """Every sentence `check --json` says (rubric labels and reasons, advice suggestions)."""
    said = [str(p[k]) for p in found["rubric"] for k in ("label", "why")]
    return said + [a["suggestion"] for a in found["advice"]]


def without_quotes(line: str) -> str:
    """A line without what it quotes from the document."""
    return re.sub(r"\"[^\"]*\"|'[^']*'", "", line)


def test_an_sre_document_is_checked_in_its_own_words(isolated_home: Path, tmp_path: Path) -> None:
    text = pmwizard_process("check", str(written(tmp_path, "sre")), home=isolated_home)
    assert text.returncode == 1, text.stderr
    lines = text.stdout.splitlines()
    assert not [line for line in lines if "task" in without_quotes(line).lower()]
    words = next(line for line in lines if re.match(r"\d+ words \(", line))
    assert "Action Items " in words and "Root Causes " in words and "_" not in words
    advice = [line.strip() for line in lines if line.startswith("  A")]
    assert advice and all(line.split(":")[0].startswith("A") for line in advice)
    assert any(line.startswith("A5 Action Item 3:") for line in advice)
    assert any(line.strip().startswith('B1 Root Causes: "human error"') for line in lines)

    found = json.loads(
        pmwizard_process(
            "check", "--json", str(written(tmp_path, "sre")), home=isolated_home
        ).stdout
    )
    assert not [m for m in messages(found) if "task" in without_quotes(m).lower()]
    assert "action_items" in found["sections"]  # the keys stay ids
    assert {a["field"] for a in found["advice"]} >= {"tasks.0.text", "tasks.2.text"}


def test_a_classic_document_keeps_its_own_words_and_the_same_keys(
    isolated_home: Path, tmp_path: Path
) -> None:
    text = pmwizard_process("check", str(written(tmp_path, "classic")), home=isolated_home)
    assert any(line.strip().startswith("A5 Task 3:") for line in text.stdout.splitlines())
    classic = pmwizard_process(
        "check", "--json", str(written(tmp_path, "classic")), home=isolated_home
    )
    sre = pmwizard_process("check", "--json", str(written(tmp_path, "sre")), home=isolated_home)
    assert classic.returncode == sre.returncode == 1
    first, second = json.loads(classic.stdout), json.loads(sre.stdout)
    assert first.keys() == second.keys()
    for found in (first, second):
        assert {key for point in found["rubric"] for key in point} == {"id", "label", "met", "why"}
        assert {key for a in found["advice"] for key in a} == {"id", "field", "text", "suggestion"}
