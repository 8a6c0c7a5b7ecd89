"""Import speed and recognition over the shared corpus and the development corpus.

Run `python -m benchmarks.import_corpus [FOLDER ...]`: documents per second for the whole
import (read, mistune parse, sorting, the rubric) over every folder, a bare mistune parse of the
same text as a baseline measured in the same run (passes of each in turn, the best of each
kept), and for each folder how well sections,
windows, timed entries, owners and due dates are read against its MANIFEST.tsv.

Two manifests are read. The shared corpus's rows say which sections a careful reader found and
the window's length (`window_note` starting `from` when it comes from the timeline). The
development corpus (tests/corpus) adds `window_from` (stated, timeline or none), every timed
entry's wall-clock time in `entry_zone`, and the owners and due dates written.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from wizard.importer import ImportResult, import_text, missing_words
from wizard.markdown import counts, writer
from wizard.model import Postmortem
from wizard.rubric import evaluate
from wizard.time import timezones, zone_names

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "postmortems"
DEVELOPMENT = ROOT / "tests" / "corpus"
SECTIONS = writer.SECTIONS
MAX_LOST = 0.02
_WORD = re.compile(r"[^\W_]+")


def read_manifest(folder: Path) -> list[dict[str, str]]:
    """The MANIFEST.tsv rows: one per postmortem, what a careful reader found in it."""
    with (folder / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def window_source(row: dict[str, str]) -> str:
    """Where the labelled window comes from: `stated`, `timeline` or `none`."""
    if "window_from" in row:
        return row["window_from"].strip() or "none"
    return "timeline" if row["window_note"].strip().lower().startswith("from") else "stated"


def states_window(row: dict[str, str]) -> bool:
    """True when the document states the window rather than the timeline giving it."""
    return window_source(row) == "stated"


def _zone(name: str) -> str:
    return zone_names.zone_from_text(name) or name


def _labelled_moment(written: str, zone: str) -> tuple[datetime | None, str]:
    """A labelled entry time as a UTC moment (None when undated) and its UTC clock `HH:MM`."""
    if re.fullmatch(r"\d{2}:\d{2}", written):
        wall = datetime.combine(date(2000, 1, 1), datetime.strptime(written, "%H:%M").time())
        moment = timezones.localize(wall, zone).astimezone(UTC)
        return None, moment.strftime("%H:%M")
    moment = timezones.localize(datetime.fromisoformat(written), zone).astimezone(UTC)
    return moment, moment.strftime("%H:%M")


def _entry_keys(result: ImportResult) -> tuple[Counter[datetime], Counter[str]]:
    """The draft's timed entries as UTC moments and as UTC clocks."""
    zone = result.draft.window.zone or "UTC"
    moments = [m.astimezone(UTC) for e in result.draft.timeline if (m := e.at(zone))]
    return Counter(moments), Counter(m.strftime("%H:%M") for m in moments)


def _words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def export_lost(draft: Postmortem) -> tuple[int, int]:
    """(words of the draft's written fields, those the Markdown export drops)."""
    texts = [draft.title, draft.service, draft.impact.down, draft.impact.experience]
    texts += [draft.root_cause_summary, draft.root_cause, draft.resolution, *draft.improvements]
    texts += [e.text for e in draft.timeline]
    texts += [f"{t.text} {t.owner or ''}" for t in draft.tasks]
    kept = _words(" ".join(texts))
    markdown = writer.to_markdown(draft)
    exported = _words(counts.prose(counts.parse(markdown))) | _words(markdown)
    return sum(kept.values()), sum((kept - exported).values())


@dataclass
class Scores:
    """How the importer did against a MANIFEST; `misses` names each miss."""

    sections: int = 0
    sections_found: int = 0
    stated: int = 0
    stated_right: int = 0
    derived: int = 0
    derived_right: int = 0
    unstated: int = 0
    invented: int = 0
    entries: int = 0
    entries_right: int = 0
    owners: int = 0
    owners_found: int = 0
    dues: int = 0
    dues_found: int = 0
    worst_lost: float = 0.0
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

    @property
    def entry_rate(self) -> float:
        return self.entries_right / self.entries if self.entries else 1.0

    @property
    def owner_due_rate(self) -> float:
        written = self.owners + self.dues
        return (self.owners_found + self.dues_found) / written if written else 1.0

    def add(self, row: dict[str, str], text: str, result: ImportResult) -> None:
        """Score one file against its MANIFEST row."""
        self._sections(row, result)
        self._window(row, result)
        if "entries" in row:
            self._entries(row, result)
            self._tasks(row, result)
        self._lost(row, text, result)

    def _sections(self, row: dict[str, str], result: ImportResult) -> None:
        for section in SECTIONS:
            if row[f"has_{section}"] == "yes":
                self.sections += 1
                self.sections_found += result.found[section]
                if not result.found[section]:
                    self.misses.append(f"{row['file']}: {section} not found")

    def _window(self, row: dict[str, str], result: ImportResult) -> None:
        source = window_source(row)
        window = result.draft.window
        if source == "none":
            self.unstated += 1
            if window.start is not None:
                self.invented += 1
                self.misses.append(f"{row['file']}: window invented from {window.start}")
            return
        expected = int(row["window_minutes"]) if row["window_minutes"].strip() else None
        right = window.minutes == expected and self._start_right(row, result)
        if source == "stated":
            self.stated, self.stated_right = self.stated + 1, self.stated_right + right
        else:
            self.derived, self.derived_right = self.derived + 1, self.derived_right + right
        if not right:
            self.misses.append(
                f"{row['file']}: window {window.start} {window.minutes} min {window.zone}, "
                f"MANIFEST says {row['window_start']} {expected} min ({source})"
            )

    @staticmethod
    def _start_right(row: dict[str, str], result: ImportResult) -> bool:
        """The start's wall clock (and date, when the label has one) is the labelled one."""
        start, label = result.draft.window.start, row["window_start"].strip()
        if start is None or not label:
            return start is None
        if label.startswith("T"):
            return start.strftime("%H:%M") == label[1:]
        return start == datetime.fromisoformat(label)

    def _entries(self, row: dict[str, str], result: ImportResult) -> None:
        labelled = [w for w in row["entries"].split(";") if w.strip()]
        moments, clocks = _entry_keys(result)
        zone = _zone(row["entry_zone"] or "UTC")
        right = 0
        for written in labelled:
            moment, clock = _labelled_moment(written.strip(), zone)
            if moment is not None and moments[moment] > 0:
                moments[moment] -= 1
                right += 1
            elif moment is None and clocks[clock] > 0:
                clocks[clock] -= 1
                right += 1
        self.entries += len(labelled)
        self.entries_right += right
        if right < len(labelled):
            self.misses.append(f"{row['file']}: {right}/{len(labelled)} timed entries right")

    def _tasks(self, row: dict[str, str], result: ImportResult) -> None:
        tasks = result.draft.tasks
        owners = Counter(t.owner.casefold() for t in tasks if t.owner)
        for owner in (o.strip() for o in row["owners"].split(";") if o.strip()):
            self.owners += 1
            if owners[owner.casefold()] > 0:
                owners[owner.casefold()] -= 1
                self.owners_found += 1
            else:
                self.misses.append(f"{row['file']}: owner {owner!r} not found")
        dues = Counter(t.due.isoformat() for t in tasks if t.due)
        for due in (d.strip() for d in row["dues"].split(";") if d.strip()):
            self.dues += 1
            found = [d for d in dues if d == due or (due.startswith("--") and d[4:] == due[1:])]
            if found and dues[found[0]] > 0:
                dues[found[0]] -= 1
                self.dues_found += 1
            else:
                self.misses.append(f"{row['file']}: due date {due} not found")

    def _lost(self, row: dict[str, str], text: str, result: ImportResult) -> None:
        source = counts.words_in(counts.prose(counts.parse(text))) or 1
        on_import = sum(missing_words(text, result).values()) / source
        kept, dropped = export_lost(result.draft)
        on_export = dropped / kept if kept else 0.0
        worst = max(on_import, on_export)
        self.worst_lost = max(self.worst_lost, worst)
        if worst > MAX_LOST:
            self.misses.append(
                f"{row['file']}: lost {on_import:.1%} on import, {on_export:.1%} on export"
            )

    def summary(self) -> str:
        """The rates on one line."""
        return (
            f"sections found {self.section_rate:.1%} ({self.sections_found}/{self.sections}); "
            f"stated windows right {self.window_rate:.1%} ({self.stated_right}/{self.stated}); "
            f"timeline windows right {self.timeline_window_rate:.1%} "
            f"({self.derived_right}/{self.derived}); invented windows {self.invented} of "
            f"{self.unstated} without one; timed entries right {self.entry_rate:.1%} "
            f"({self.entries_right}/{self.entries}); owners and due dates found "
            f"{self.owner_due_rate:.1%} ({self.owners_found + self.dues_found}/"
            f"{self.owners + self.dues}); most words lost in one document {self.worst_lost:.1%}"
        )


def texts(folder: Path) -> list[tuple[dict[str, str], str]]:
    """(MANIFEST row, source text) for every file MANIFEST lists."""
    return [
        ((row), (folder / row["file"]).read_text(encoding="utf-8")) for row in read_manifest(folder)
    ]


def imported(folder: Path) -> list[tuple[dict[str, str], str, ImportResult]]:
    """(MANIFEST row, source text, import result) for every file MANIFEST lists."""
    return [(row, text, import_text(text)) for row, text in texts(folder)]


def score(folder: Path) -> Scores:
    """The importer's scores over every MANIFEST file."""
    scores = Scores()
    for row, text, result in imported(folder):
        scores.add(row, text, result)
    return scores


def _rates(
    works: list[Callable[[str], object]], documents: list[str], seconds: float
) -> list[float]:
    """Documents per second of this process's CPU time for each of `works`, passes over
    `documents` taken in turn for at least `seconds`; each the best of its passes, so other
    load on this shared machine slows no work more than the other."""
    best = [float("inf")] * len(works)
    began = time.perf_counter()
    while time.perf_counter() - began < seconds or best[-1] == float("inf"):
        for index, work in enumerate(works):
            start = time.process_time()
            for text in documents:
                work(text)
            best[index] = min(best[index], time.process_time() - start)
    return [len(documents) / max(elapsed, 1e-9) for elapsed in best]


def _check(text: str) -> None:
    result = import_text(text)
    evaluate(result.draft, words=result.words, total=result.total, found=result.found)


def folders() -> list[Path]:
    """The corpora that are present: the shared one and the development one."""
    return [f for f in (CORPUS, DEVELOPMENT) if (f / "MANIFEST.tsv").is_file()]


@dataclass(frozen=True)
class Measured:
    """Import speed over the chosen folders, against a bare mistune parse, and each folder's
    scores."""

    documents: int
    docs_per_second: float
    parse_docs_per_second: float
    scores: dict[Path, Scores]

    @property
    def cost_vs_parse(self) -> float:
        return self.parse_docs_per_second / self.docs_per_second


def measure(chosen: list[Path] | None = None, seconds: float = 2.0) -> Measured:
    """Speed over every folder (import + rubric, and a bare mistune parse as baseline, in
    turns for `seconds` each) and each folder's scores."""
    chosen = folders() if chosen is None else chosen
    documents = [text for folder in chosen for _, text in texts(folder)]
    baseline, speed = _rates([counts.parse, _check], documents, seconds * 2)
    scores = {folder: score(folder) for folder in chosen}
    return Measured(len(documents), speed, baseline, scores)


def main(argv: list[str] | None = None) -> int:
    """Print the measurements; exit 2 when a folder holds no MANIFEST.tsv."""
    args = sys.argv[1:] if argv is None else argv
    chosen = [Path(a) for a in args] or folders()
    for folder in chosen:
        if not (folder / "MANIFEST.tsv").is_file():
            print(f"no MANIFEST.tsv in {folder}", file=sys.stderr)
            return 2
    found = measure(chosen)
    speed = found.docs_per_second
    print(
        f"{found.documents} documents: import + rubric {speed:.0f} documents/s (bare "
        f"mistune parse: {found.parse_docs_per_second:.0f}/s, import costs "
        f"{found.cost_vs_parse:.1f}x a parse); 1,000 files take about "
        f"{1000 / speed:.1f} s on one core"
    )
    for folder, scores in found.scores.items():
        print(f"{folder}: {scores.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
