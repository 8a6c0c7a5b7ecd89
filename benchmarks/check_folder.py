"""`pmwizard check` over a folder of 1,000 documents: every core against one.

The folder holds the corpora's documents repeated to 1,000 files. The measured run is the
installed command (a process pool, one worker per core); the baseline is the same check in one
process in the same run, so the ratio shows what the pool gains on this machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import import_corpus
from benchmarks.harness import Plan, child_env, pmwizard, python
from benchmarks.report import Result, within

FILES = 1000
BUDGET_SECONDS = 10.0
_ONE_PROCESS = (
    "import sys\n"
    "from wizard.checking import _check_file, _markdown_under\n"
    "from pathlib import Path\n"
    "for path in _markdown_under(Path(sys.argv[1])):\n"
    "    print(_check_file(str(path), path).label)\n"
)


def make_folder(root: Path, count: int = FILES) -> Path:
    """`count` Markdown files made from the corpora's documents, in a new folder."""
    documents = [text for f in import_corpus.folders() for _, text in import_corpus.texts(f)]
    folder = root / "postmortems"
    folder.mkdir()
    for number in range(count):
        text = documents[number % len(documents)] if documents else "# Outage\n"
        (folder / f"pm-{number:04d}.md").write_text(text, encoding="utf-8")
    return folder


def _seconds(command: list[str], home: Path) -> float:
    began = time.perf_counter()
    subprocess.run(
        command, env=child_env(PMWIZARD_HOME=str(home)), capture_output=True, check=False
    )
    return time.perf_counter() - began


def run(plan: Plan) -> list[Result]:
    """Seconds for `pmwizard check` on 1,000 files, and the ratio to one process."""
    root = Path(tempfile.mkdtemp(prefix="pmwizard-check-"))
    try:
        folder = make_folder(root)
        pooled = min(_seconds(pmwizard("check", str(folder)), root) for _ in range(2))
        alone = _seconds(python("-c", _ONE_PROCESS, str(folder)), root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    detail = (
        f"{FILES} files: every core {pooled:.1f} s, one process {alone:.1f} s "
        f"({alone / pooled:.1f}x faster with the pool)"
    )
    return [within("check_folder", "s", BUDGET_SECONDS, detail, value=pooled)]
