"""`python -m benchmarks [--quick] [--json] [NAME ...]`: run the suite, print the results."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from benchmarks.harness import FULL, QUICK, progress
from benchmarks.report import Result, table, to_json
from benchmarks.suite import BENCHMARKS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure pmwizard against bare Textual and Python baselines run alongside.",
        epilog="Exit code 1 when a result misses its budget.",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds: under 3 minutes")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    return parser


def run_suite(names: Sequence[str], quick: bool) -> list[Result]:
    """Run the named benchmarks in order; progress goes to stderr."""
    plan = QUICK if quick else FULL
    results: list[Result] = []
    for name in names:
        began = time.perf_counter()
        progress(f"{name} ...")
        results.extend(BENCHMARKS[name](plan))
        progress(f"{name} done in {time.perf_counter() - began:.0f} s")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    results = run_suite(args.names or list(BENCHMARKS), args.quick)
    print(to_json(results) if args.json else table(results))
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
