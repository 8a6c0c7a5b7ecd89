"""The benchmark suite: each benchmark by name, and the two that wrap existing measures."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.harness import Plan
from benchmarks.report import Result, within

ZONE_BUDGET_MS = 5.0


def zone_filter(plan: Plan) -> list[Result]:
    """The zone picker's filter per keystroke over every zone (benchmarks/zone_filter.py)."""
    from benchmarks import zone_filter as zones

    found = zones.measure(rounds=plan.zone_rounds)
    median_ms = float(found["median_ms"])
    detail = (
        f"{found['zones']} zones, {found['keystrokes']} keystrokes: p95 {found['p95_ms']} ms, "
        f"worst {found['max_ms']} ms; index built once in {found['index_build_ms']} ms"
    )
    return [within("zone_filter", "ms/key", ZONE_BUDGET_MS, detail, value=median_ms)]


def corpus_import(plan: Plan) -> list[Result]:
    """Documents per second over the shared and development corpora, and how well each is
    read against its MANIFEST (sections, windows, timed entries, owners and due dates)."""
    from benchmarks import import_corpus

    folders = import_corpus.folders()
    if not folders:
        note = "skipped: no corpus with a MANIFEST.tsv"
        return [Result("import", "docs/s", None, True, value=0.0, detail=note)]
    found = import_corpus.measure(folders, seconds=plan.import_seconds)
    speed = (
        f"{found.documents} documents: import + rubric; a bare mistune parse does "
        f"{found.parse_docs_per_second:,.0f}/s ({found.cost_vs_parse:.1f}x faster)"
    )
    results = [within("import", "docs/s", None, speed, value=found.docs_per_second)]
    for folder, scores in found.scores.items():
        name = f"import.{folder.name}"
        results.append(within(name, "%", None, scores.summary(), value=scores.section_rate * 100))
    return results


def _startup(plan: Plan) -> list[Result]:
    from benchmarks import startup

    return startup.run(plan)


def _typing(plan: Plan) -> list[Result]:
    from benchmarks import keystrokes

    return keystrokes.run(plan)


def _cli(plan: Plan) -> list[Result]:
    from benchmarks import cli_time

    return cli_time.run(plan)


def _check_folder(plan: Plan) -> list[Result]:
    from benchmarks import check_folder

    return check_folder.run(plan)


def _kinds(plan: Plan) -> list[Result]:
    from benchmarks import kinds

    return kinds.run(plan)


def _advice(plan: Plan) -> list[Result]:
    from benchmarks import advice

    return advice.run(plan)


def _memory(plan: Plan) -> list[Result]:
    from benchmarks import memory

    return memory.run(plan)


def _worst(plan: Plan) -> list[Result]:
    from benchmarks import worst_case

    return worst_case.run(plan)


BENCHMARKS: dict[str, Callable[[Plan], list[Result]]] = {
    "startup": _startup,
    "typing": _typing,
    "zone_filter": zone_filter,
    "cli": _cli,
    "memory": _memory,
    "import": corpus_import,
    "kinds": _kinds,
    "advice": _advice,
    "check_folder": _check_folder,
    "worst": _worst,
}
