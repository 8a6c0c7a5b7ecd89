"""Import speed and recognition over the shared postmortem corpus.

Run `python -m benchmarks.import_corpus [FOLDER]`: documents per second for the whole import
(read, mistune parse, sorting, the rubric), the same for a bare mistune parse of the same text
as a baseline measured in the same run, and how well sections and incident windows are found
against the corpus's MANIFEST.tsv.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.importer import ImportResult, import_text
from wizard.markdown import counts, writer
from wizard.rubric import evaluate

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "postmortems"
SECTIONS = writer.SECTIONS


def read_manifest(folder: Path) -> list[dict[str, str]]:
    """The MANIFEST.tsv rows: one per postmortem, what a careful reader found in it."""
    with (folder / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def states_window(row: dict[str, str]) -> bool:
    """True when the summary states the window (the note does not say `from ...`)."""
    return not row["window_note"].strip().lower().startswith("from")


@dataclass
class Scores:
    """How the importer did against MANIFEST.tsv; `misses` names each miss."""

    sections: int = 0
    sections_found: int = 0
    stated: int = 0
    stated_right: int = 0
    derived: int = 0
    derived_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def section_rate(self) -> float:
        return self.sections_found / self.sections if self.sections else 1.0

    @property
    def window_rate(self) -> float:
        return self.stated_right / self.stated if self.stated else 1.0

    @property
    def timeline_window_rate(self) -> float:
        return self.derived_right / self.derived if self.derived else 1.0

    def add(self, row: dict[str, str], result: ImportResult) -> None:
        """Score one file against its MANIFEST row."""
        for section in SECTIONS:
            if row[f"has_{section}"] == "yes":
                self.sections += 1
                self.sections_found += result.found[section]
                if not result.found[section]:
                    self.misses.append(f"{row['file']}: {section} not found")
        expected = int(row["window_minutes"]) if row["window_minutes"].strip() else None
        minutes = result.draft.window.minutes
        right = minutes == expected
        if states_window(row):
            self.stated, self.stated_right = self.stated + 1, self.stated_right + right
        else:
            self.derived, self.derived_right = self.derived + 1, self.derived_right + right
        if not right:
            self.misses.append(f"{row['file']}: window {minutes} min, MANIFEST says {expected}")

    def summary(self) -> str:
        """The three rates on one line."""
        return (
            f"sections found {self.section_rate:.1%} ({self.sections_found}/{self.sections}); "
            f"window minutes right {self.window_rate:.1%} ({self.stated_right}/{self.stated}) "
            f"where the summary states it; timeline-derived windows right "
            f"{self.timeline_window_rate:.1%} ({self.derived_right}/{self.derived})"
        )


def imported(folder: Path) -> list[tuple[dict[str, str], str, ImportResult]]:
    """(MANIFEST row, source text, import result) for every file MANIFEST lists."""
    rows = []
    for row in read_manifest(folder):
        text = (folder / row["file"]).read_text(encoding="utf-8")
        rows.append((row, text, import_text(text)))
    return rows


def score(folder: Path) -> Scores:
    """The importer's scores over every MANIFEST file."""
    scores = Scores()
    for row, _, result in imported(folder):
        scores.add(row, result)
    return scores


def _rate(work: Callable[[str], object], texts: list[str], seconds: float) -> float:
    """Documents per second for `work`, repeated over `texts` for at least `seconds`."""
    done, began = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - began) < seconds or done == 0:
        for text in texts:
            work(text)
        done += len(texts)
    return done / elapsed


def _check(text: str) -> None:
    result = import_text(text)
    evaluate(result.draft, words=result.words, total=result.total, found=result.found)


def measure(folder: Path = CORPUS, seconds: float = 2.0) -> dict[str, float]:
    """Speed (import + rubric, and a bare mistune parse as baseline) and recognition rates."""
    texts = [(folder / row["file"]).read_text(encoding="utf-8") for row in read_manifest(folder)]
    baseline = _rate(counts.parse, texts, seconds)
    speed = _rate(_check, texts, seconds)
    scores = score(folder)
    return {
        "documents": len(texts),
        "docs_per_second": speed,
        "parse_docs_per_second": baseline,
        "cost_vs_parse": baseline / speed,
        "section_rate": scores.section_rate,
        "window_rate": scores.window_rate,
        "timeline_window_rate": scores.timeline_window_rate,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the measurements; exit 2 when the folder holds no MANIFEST.tsv."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else CORPUS
    if not (folder / "MANIFEST.tsv").is_file():
        print(f"no MANIFEST.tsv in {folder}", file=sys.stderr)
        return 2
    found = measure(folder)
    print(f"corpus: {int(found['documents'])} postmortems in {folder}")
    print(
        f"import + rubric: {found['docs_per_second']:.0f} documents/s "
        f"(bare mistune parse: {found['parse_docs_per_second']:.0f}/s, "
        f"import costs {found['cost_vs_parse']:.1f}x a parse); "
        f"1,000 files take about {1000 / found['docs_per_second']:.1f} s"
    )
    print(f"sections found: {found['section_rate']:.1%}")
    print(f"window minutes right (summary states it): {found['window_rate']:.1%}")
    print(f"window minutes right (from the timeline): {found['timeline_window_rate']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
