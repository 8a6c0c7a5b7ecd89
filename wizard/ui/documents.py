"""Writing the open draft to a file from the UI: ask where, confirm, never overwrite silently."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.drafts import DraftError, export_problem, save_export, slugify
from wizard.markdown import FORMATS, render
from wizard.rubric import points_text
from wizard.ui.screens.dialogs import Confirm, TextPrompt

if TYPE_CHECKING:
    from textual.app import App

    from wizard.session import Session


def default_path(session: Session, fmt: str) -> str:
    """`./<title>.md` (or `.html`, `.json`) in the folder pmwizard was started from."""
    return f"./{slugify(session.draft.title)}{FORMATS[fmt][1]}"


def resolve(text: str, start_dir: Path) -> Path:
    """A typed path, relative ones taken from the folder pmwizard was started from."""
    path = Path(text).expanduser()
    return path if path.is_absolute() else start_dir / path


def where_problem(path: Path, session: Session) -> str | None:
    """Why a file cannot be written at `path` before trying (a folder, a missing folder, a
    file of the drafts folder)."""
    if path.is_dir():
        return f"{path} is a folder: give a file name"
    if path.parent.exists() and not path.parent.is_dir():
        return f"{path.parent} is a file, not a folder"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return export_problem(path, session.store.root, session.saved_path)


async def save_document(app: App[Any], session: Session, start_dir: Path, fmt: str) -> Path | None:
    """Ask where and write the draft as `fmt`; an incomplete document (Markdown, HTML) and an
    existing file are confirmed first. The path written, or None when the author went back.
    Must run in a worker (it waits on dialogs)."""
    name, _ = FORMATS[fmt]
    report = session.report()
    if fmt != "json" and not report.passed:
        missing = ", ".join(r.id for r in report.missing())
        question = (
            f"The draft misses {points_text(len(report.missing()))} ({missing}). Save anyway?"
        )
        if not await app.push_screen_wait(Confirm(question, "Save anyway", "Go back")):
            return None
    typed, problem = default_path(session, fmt), ""
    while True:  # back to the path, as typed, until a file is written or the author cancels
        answer = await app.push_screen_wait(
            TextPrompt(
                f"Save the postmortem as {name}",
                typed,
                "Save",
                check=lambda text: where_problem(resolve(text, start_dir), session),
                hint="A path; a relative one starts in the folder pmwizard was started from",
                error=problem,
            )
        )
        if answer is None:
            return None
        typed, path = answer, resolve(answer, start_dir)
        force = False
        if path.exists():
            force = await app.push_screen_wait(
                Confirm(f"{path} exists already. Overwrite it?", "Overwrite", "Cancel")
            )
            if not force:
                problem = ""
                continue
        try:
            text = render(session.draft, fmt, session.rubric.template)
            written = save_export(
                path, text, force, root=session.store.root, draft=session.saved_path
            )
        except (DraftError, OSError) as error:
            problem = str(error)  # shown under the path: a full disk, a folder it cannot write
            continue
        break
    app.notify(f"Saved to {written}", title=f"{name} written", timeout=8)
    return written
