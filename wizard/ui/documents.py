"""Writing the open draft to a file from the UI: ask where, confirm, never overwrite silently."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.drafts import DraftError, save_export, slugify
from wizard.markdown import FORMATS, render
from wizard.rubric import points_text
from wizard.ui.screens.dialogs import Confirm, TextPrompt

if TYPE_CHECKING:
    from wizard.session import Session


def default_path(session: Session, fmt: str) -> str:
    """`./<title>.md` (or `.html`, `.json`) in the folder pmwizard was started from."""
    return f"./{slugify(session.draft.title)}{FORMATS[fmt][1]}"


def resolve(text: str, start_dir: Path) -> Path:
    """A typed path, relative ones taken from the folder pmwizard was started from."""
    path = Path(text).expanduser()
    return path if path.is_absolute() else start_dir / path


async def save_document(app: Any, session: Session, start_dir: Path, fmt: str) -> Path | None:
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
    answer = await app.push_screen_wait(
        TextPrompt(
            f"Save the postmortem as {name}",
            default_path(session, fmt),
            "Save",
            hint="A path; a relative one starts in the folder pmwizard was started from",
        )
    )
    if answer is None:
        return None
    path = resolve(answer, start_dir)
    force = False
    if path.exists():
        force = await app.push_screen_wait(
            Confirm(f"{path} exists already. Overwrite it?", "Overwrite", "Cancel")
        )
        if not force:
            return None
    try:
        written = save_export(path, render(session.draft, fmt), force=force)
    except (DraftError, OSError) as error:
        app.notify(str(error), severity="error", timeout=8)
        return None
    app.notify(f"Saved to {written}", title=f"{name} written", timeout=8)
    return written
