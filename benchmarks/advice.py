"""Blaming-wording advice over the corpora, judged by hand labels: false alarms per ten
documents, flags per document, and the task advice given.

Run `python -m benchmarks.advice [--all]` to list every flag with its label (`--all` also
lists the task advice). Each document is read as `check` reads it (the importer), and every
flag the blame advice raises is looked up in `tests/advice/labels.tsv` (corpus, file, id,
field, text, verdict, note): `true` when the wording does put a mistake on a person, `false`
when it does not. A flag nobody labelled counts as a false alarm until someone reads it.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.harness import Plan
from benchmarks.import_corpus import CORPUS, DEVELOPMENT, read_manifest
from benchmarks.report import Result, within
from wizard.advice import Advice, blame_advice, task_advice

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "advice" / "labels.tsv"
FOLDERS = {"shared": CORPUS, "development": DEVELOPMENT}
FALSE_PER_TEN_BUDGET = 1.0

Key = tuple[str, str, str, str, str]
"""(corpus, file, advice id, field, text found): one flag, as listed."""
Label = tuple[str, str, str, str]
"""(corpus, file, advice id, text found): a flag as labels find it, wherever the importer
puts the text (the field is in the file for the reader)."""


@dataclass
class Flags:
    """The blame advice of every document read, and the task advice beside it."""

    documents: Counter[str] = field(default_factory=Counter)  # per corpus
    flags: list[Key] = field(default_factory=list)
    tasks: Counter[str] = field(default_factory=Counter)  # task advice by id
    task_count: int = 0


def load_labels(path: Path = LABELS) -> dict[Label, bool]:
    """Each labelled flag and whether it is a true alarm."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(r["corpus"], r["file"], r["id"], r["text"]): r["verdict"] == "true" for r in rows}


def label_of(flag: Key) -> Label:
    return (flag[0], flag[1], flag[2], flag[4])


def documents(folders: dict[str, Path] = FOLDERS) -> list[tuple[str, Path]]:
    """(corpus, file) of every document a MANIFEST.tsv lists; a corpus without one is
    skipped."""
    found: list[tuple[str, Path]] = []
    for corpus, folder in folders.items():
        if (folder / "MANIFEST.tsv").exists():
            found.extend((corpus, folder / row["file"]) for row in read_manifest(folder))
    return found


def key(corpus: str, path: Path, advice: Advice) -> Key:
    return (corpus, path.name, advice.id, advice.field, " ".join(advice.text.split()))


def gather(found: Sequence[tuple[str, Path]]) -> Flags:
    """Read every document as `check` does and collect its advice."""
    from wizard.importer import import_file

    flags = Flags()
    for corpus, path in found:
        draft = import_file(path).draft
        flags.documents[corpus] += 1
        flags.flags.extend(key(corpus, path, a) for a in blame_advice(draft))
        flags.tasks.update(a.id for a in task_advice(draft.tasks))
        flags.task_count += len(draft.tasks)
    return flags


def run(plan: Plan, folders: dict[str, Path] = FOLDERS, labels: Path = LABELS) -> list[Result]:
    """False alarms per ten documents (the budget), then flags per document of each corpus
    and the task advice per task."""
    found = documents(folders)
    if not found:
        note = "skipped: no corpus with a MANIFEST.tsv"
        return [Result("advice", "false/10 docs", None, True, value=0.0, detail=note)]
    flags = gather(found)
    judged = load_labels(labels)
    verdicts = [judged.get(label_of(k)) for k in flags.flags]
    true, false = verdicts.count(True), verdicts.count(False)
    unlabelled = verdicts.count(None)
    total = sum(flags.documents.values())
    detail = (
        f"{len(flags.flags)} flags in {total} documents: {true} true, {false} false, "
        f"{unlabelled} unlabelled (counted false)"
    )
    per_ten = 10 * (false + unlabelled) / total
    results = [within("advice", "false/10 docs", FALSE_PER_TEN_BUDGET, detail, value=per_ten)]
    for corpus, count in flags.documents.items():
        mine = [k for k in flags.flags if k[0] == corpus]
        kinds = Counter(k[2] for k in mine)
        said = ", ".join(f"{i} {n}" for i, n in sorted(kinds.items())) or "none"
        text = f"{len(mine)} flags in {count} documents ({said})"
        results.append(within(f"advice.{corpus}", "flags/doc", None, text, value=len(mine) / count))
    said = ", ".join(f"{i} {n}" for i, n in sorted(flags.tasks.items())) or "none"
    per_task = sum(flags.tasks.values()) / max(flags.task_count, 1)
    text = f"{flags.task_count} tasks: {said}"
    results.append(within("advice.tasks", "advice/task", None, text, value=per_task))
    return results


def main(argv: Sequence[str]) -> int:
    """`python -m benchmarks.advice [--all]`: every flag with its label."""
    judged = load_labels()
    found = documents()
    flags = gather(found)
    for flag in flags.flags:
        said = judged.get(label_of(flag))
        verdict = "UNLABELLED" if said is None else "true" if said else "false"
        print(verdict, *flag, sep="\t")
    if "--all" in argv:
        from wizard.importer import import_file

        for corpus, path in found:
            for advice in task_advice(import_file(path).draft.tasks):
                print("task", corpus, path.name, advice.line(), sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
