"""`pmwizard check` and `pmwizard import`: the rubric over drafts and written postmortems."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wizard.advice import Advice
from wizard.drafts import SUFFIX, DraftError, DraftStore, read_draft
from wizard.model import Postmortem
from wizard.rubric import (
    Report,
    counted,
    evaluate,
    points_text,
    rubric_of,
    with_hints,
    with_unmet,
)
from wizard.templates import CLASSIC, TemplateError

if TYPE_CHECKING:
    from wizard.templates.template import Template
from wizard.textsafe import json_text, terminal_safe

EXIT_OK, EXIT_MISSING, EXIT_ERROR = 0, 1, 2
MARKDOWN_SUFFIXES = (".md", ".markdown")
_DOCUMENT_SUFFIXES = (*MARKDOWN_SUFFIXES, ".txt")


class Checked(NamedTuple):
    """One target of `check`: its report, incident metrics and advice, or why it could not
    be read."""

    label: str
    report: Report | None
    error: str | None = None
    metrics: dict[str, Any] | None = None
    advice: tuple[Advice, ...] = ()
    names: dict[str, str] = {}  # never changed: a default shared by every one
    """What the template the document follows calls each section and advised field, by id
    or path: the text report speaks its words (the JSON keeps the ids)."""
    is_file: bool = True
    """False for a folder holding no Markdown: said on stderr, never a row or a count of the
    text report (the JSON list keeps its object)."""

    def as_json(self) -> dict[str, Any]:
        """The `check --json` object: the core issue's shape plus `metrics` and `advice`."""
        if self.report is None:
            return {"error": self.error}
        advice = [a.as_json() for a in self.advice]
        return {**self.report.as_json(), "metrics": self.metrics or {}, "advice": advice}


def review(
    path: Path, template: Template | None = None, hints: bool = False
) -> tuple[Report, dict[str, Any]]:
    """The rubric report and metrics of a draft file or a written postmortem (any extension),
    by `template`'s rubric (default: a draft's own template, else classic); `hints`: unmet
    timeline points name the entry that could meet them (for the text report)."""
    from wizard import timeline

    report, draft, _template = _reviewed(path, template, hints)
    return report, timeline.metrics(draft)


def _reviewed(
    path: Path, template: Template | None = None, hints: bool = False
) -> tuple[Report, Postmortem, Template]:
    """The rubric report of a file, the draft it was judged on (a written postmortem's is
    what the importer read) and the template judged by; `template` and `hints` as for
    `review`."""
    from wizard.rubric import classic_rubric, rubric_for

    if path.suffix == SUFFIX:
        pm = read_draft(path)
        rubric = rubric_for(template) if template else rubric_of(pm)
        report = evaluate(pm, rubric)
    else:
        from wizard import importer

        result = importer.import_file(path, template)
        pm = result.draft
        if pm.template == CLASSIC:
            rubric = classic_rubric()
        else:
            rubric = rubric_for(template) if template else rubric_of(pm)
        report = evaluate(pm, rubric, words=result.words, total=result.total, found=result.found)
        report = with_unmet(report, dict(result.unmet))
    return (with_hints(report, pm, rubric) if hints else report), pm, rubric.template


def _markdown_under(folder: Path) -> list[Path]:
    """Every Markdown file under `folder`, sorted; hidden folders and symlinked ones skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in files
            if Path(name).suffix.lower() in MARKDOWN_SUFFIXES and not name.startswith(".")
        )
    return sorted(found)


class _Target(NamedTuple):
    label: str
    path: Path | None
    error: str | None
    is_file: bool = True


def _targets(refs: list[str], store: DraftStore) -> Iterator[_Target]:
    """Every target (its file or why there is none); folders give every Markdown file under
    them, or one error that is no file's."""
    for ref in refs:
        path = Path(ref).expanduser()
        if path.is_dir():
            files = _markdown_under(path)
            if not files:
                yield _Target(ref, None, f"{ref}: no .md files in this folder", is_file=False)
            for file in files:
                yield _Target(str(file), file, None)
            continue
        if path.exists() or path.is_symlink():  # a pipe or a device is refused when read
            yield _Target(ref, path, None)
            continue
        if os.sep in ref or "/" in ref or path.suffix.lower() in _DOCUMENT_SUFFIXES:
            yield _Target(ref, None, f"no file at {ref}")
            continue
        try:
            yield _Target(ref, store.resolve(ref), None)
        except DraftError as error:
            yield _Target(ref, None, str(error))


POOL_FROM = 16
"""From this many files on, `check` reads them in a process pool, one worker per core."""


def check_all(
    refs: list[str], store: DraftStore, template: Template | None = None, hints: bool = False
) -> list[Checked]:
    """Every target checked, in the order given, by `template`'s rubric when given; one that
    cannot be read is reported, never raised. Many files are read on every core. `hints`:
    see `review`."""
    targets = list(_targets(refs, store))
    files = [(t.label, t.path) for t in targets if t.path is not None]
    if len(files) >= POOL_FROM and (os.cpu_count() or 1) > 1:
        done = iter(_in_pool(files, template))
    else:
        done = iter([_check_file(label, path, template, hints) for label, path in files])
    return [
        Checked(t.label, None, t.error, is_file=t.is_file) if t.path is None else next(done)
        for t in targets
    ]


def _in_pool(files: list[tuple[str, Path]], template: Template | None) -> list[Checked]:
    """`files` checked by a process pool, results in the same order."""
    from concurrent.futures import ProcessPoolExecutor

    workers = os.cpu_count() or 1
    labels, paths = zip(*files, strict=True)
    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        templates = [template] * len(files)
        return list(pool.map(_check_file, labels, paths, templates, chunksize=chunk))


def _check_file(
    label: str, path: Path, template: Template | None = None, hints: bool = False
) -> Checked:
    """One file's report, or the one line that says why it could not be read."""
    from wizard import advice, timeline

    try:
        report, draft, judged_by = _reviewed(path, template, hints)
        metrics = timeline.metrics(draft)
    except (DraftError, TemplateError) as failure:
        return Checked(label, None, str(failure))
    except Exception as failure:  # a bug must not hide the other files' reports
        return Checked(label, None, _unexpected(path, failure))
    found = advice.advise(advice.as_written(draft))
    names = {s: judged_by.section_name(s) for s in report.words}
    names |= {a.field: judged_by.field_name(a.field) for a in found}
    return Checked(label, report, metrics=metrics, advice=tuple(found), names=names)


def _unexpected(path: Path, failure: Exception) -> str:
    """One line for an error pmwizard did not expect while checking `path`."""
    detail = " ".join(str(failure).split())
    kind = type(failure).__name__
    return (
        f"{path} could not be checked ({kind}{': ' + detail if detail else ''}); please report it"
    )


def _exit_code(checked: list[Checked]) -> int:
    if any(c.report is None for c in checked):
        return EXIT_ERROR
    if any(c.report and not c.report.passed for c in checked):
        return EXIT_MISSING
    return EXIT_OK


def _full_report(report: Report, names: dict[str, str]) -> str:
    lines = []
    for result in report.results:
        mark = "✓" if result.met else "✗"
        lines.append(f"{mark} {result.id:<3} {result.label:<42} {terminal_safe(result.said)}")
    words = ", ".join(f"{names.get(k, k)} {v}" for k, v in report.words.items())
    lines.append(f"{counted(report.total, 'word')} ({words})")
    missing = len(report.missing())
    verdict = f"{points_text(missing)} missing" if missing else "every point met"
    lines.append(f"{report.met}/{len(report.results)} points: {verdict}")
    return "\n".join(lines)


def _advice_lines(checked: Checked, indent: str = "") -> list[str]:
    """`Advice (never blocks): 2` and a line for each, its field named in the template's
    words, or nothing when there is none."""
    if not checked.advice:
        return []
    head = f"{indent}Advice (never changes the result): {len(checked.advice)}"
    lines = (a.line(checked.names.get(a.field)) for a in checked.advice)
    return [head, *(f"{indent}  {terminal_safe(line)}" for line in lines)]


def _one_line(checked: Checked) -> str:
    label = terminal_safe(checked.label)
    report = checked.report
    if report is None:
        return f"{label}: error: {terminal_safe(checked.error or '')}"
    missing = " ".join(r.id for r in report.missing())
    tail = f"missing {missing}" if missing else "all met"
    total = counted(report.total, "word")
    return f"{label}: {report.met}/{len(report.results)} points, {total}, {tail}"


def _total_line(checked: list[Checked]) -> str:
    """`2 files: 1 passed, 0 missing points, 1 unreadable` over the files in `checked`."""
    passed = sum(1 for c in checked if c.report and c.report.passed)
    errors = sum(1 for c in checked if c.report is None)
    return (
        f"{counted(len(checked), 'file')}: {passed} passed, "
        f"{len(checked) - passed - errors} missing points, {errors} unreadable"
    )


def run_check(
    refs: list[str], as_json: bool, store: DraftStore, template: Template | None = None
) -> int:
    """Print the report(s) and return the exit code: 0 all met, 1 some missing, 2 unreadable."""
    one = len(refs) == 1 and not Path(refs[0]).expanduser().is_dir()
    checked = check_all(refs, store, template, hints=one and not as_json)
    many = len(checked) > 1 or not one
    for c in checked:
        if c.report is None:
            print(f"pmwizard: {terminal_safe(c.error or '')}", file=sys.stderr)
    if as_json and many:
        objects = [{"file": c.label, **c.as_json()} for c in checked]
        print(json_text(objects))
    elif as_json and checked[0].report is not None:
        print(json_text(checked[0].as_json()))
    elif many and (files := [c for c in checked if c.is_file]):
        for c in files:
            print("\n".join([_one_line(c), *_advice_lines(c, "  ")]))
        print(_total_line(files))
    elif (report := checked[0].report) is not None:
        print("\n".join([_full_report(report, checked[0].names), *_advice_lines(checked[0])]))
    return _exit_code(checked)


def run_import(path: Path, name: str | None, store: DraftStore) -> int:
    """Turn a written postmortem into a draft and say where it went."""
    from wizard import importer
    from wizard.drafts import new_draft_name
    from wizard.lock import new_draft

    result = importer.import_file(path)
    given = new_draft_name(name) if name else None
    with new_draft(store, given, result.draft.title or path.stem) as draft_name:
        saved = store.save(draft_name, result.draft)
    rubric = rubric_of(result.draft)
    report = evaluate(result.draft, rubric)
    named = rubric.template.section_name
    found = ", ".join(named(s) for s, ok in result.found.items() if ok) or "none"
    where = terminal_safe(str(saved))
    print(f"Imported {terminal_safe(str(path))} as draft {draft_name!r} ({where})")
    print(f"Sections found: {found}; rubric {report.met}/{len(report.results)} points met")
    for note in result.notes:
        print(f"Check: {note}")
    if result.draft.unsorted.strip():
        print("Some text could not be sorted into a section: see 'Unsorted' in the wizard.")
    print(f"Finish it with: pmwizard resume {draft_name}")
    return EXIT_OK
