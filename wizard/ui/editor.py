"""Long answers in the author's own editor: the text goes to `$VISUAL` (else `$EDITOR`, else
`vi`) in a private temp file and comes back into the field as if typed."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

FALLBACK_EDITOR = "vi"
MAX_BYTES = 1024 * 1024
"""An edited text larger than this is not taken back (a draft holds far less)."""


class EditorFailed(Exception):
    """The editor could not run or gave no text back: one line saying why."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run, with its arguments (`code --wait`): `$VISUAL`, `$EDITOR`, `vi`."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value) or [value]
            except ValueError:  # an unbalanced quote: take it as one program name
                return [value]
    return [FALLBACK_EDITOR]


def run_editor(text: str, command: list[str], suffix: str = ".md") -> str:
    """Open `text` in `command` and return what it saved; EditorFailed when the editor is
    missing, exits non-zero or leaves something that is not text. The temp file is readable
    by its owner only and removed afterwards."""
    name = Path(command[0]).name
    handle, path = tempfile.mkstemp(prefix="pmwizard-", suffix=suffix)  # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text if not text or text.endswith("\n") else text + "\n")
        try:
            status = subprocess.run([*command, path], check=False).returncode
        except FileNotFoundError:
            raise EditorFailed(
                f"No editor {name!r} found: set $VISUAL or $EDITOR. The text is unchanged."
            ) from None
        except OSError as error:
            raise EditorFailed(
                f"The editor {name!r} could not start ({error.strerror or error}). "
                "The text is unchanged."
            ) from None
        if status != 0:
            raise EditorFailed(
                f"The editor {name!r} exited with status {status}. The text is unchanged."
            )
        return _read_back(Path(path), had_newline=text.endswith("\n"))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _read_back(path: Path, had_newline: bool) -> str:
    """The edited file's text, without the final newline editors add."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise EditorFailed(
            f"The edited text could not be read ({error.strerror}). The text is unchanged."
        ) from None
    if len(data) > MAX_BYTES:
        raise EditorFailed("The edited text is over 1 MB. The text is unchanged.")
    try:
        edited = data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditorFailed("The edited file is not UTF-8 text. The text is unchanged.") from None
    edited = edited.replace("\r\n", "\n")
    if edited.endswith("\n") and not had_newline:
        edited = edited[:-1]
    return edited


def edit_focused_text(app: App[Any]) -> None:
    """Open the text box with the cursor in the editor; its text comes back through the same
    path as typing (validated, counted, saved). A one-line message when it cannot."""
    from textual.app import SuspendNotSupported
    from textual.widgets import TextArea

    area = app.focused
    if not isinstance(area, TextArea):
        app.notify("Put the cursor in a text box first, then open it in your editor.")
        return
    if area.read_only:
        app.notify("This text box is read-only.", severity="warning")
        return
    save_now = getattr(app, "save_now", None)
    if callable(save_now):
        save_now()  # what is typed is safe on disk while the terminal belongs to the editor
    try:
        with app.suspend():
            edited = run_editor(area.text, editor_command())
    except SuspendNotSupported:
        app.notify(
            "An editor cannot open here (this terminal cannot be handed over). "
            "The text is unchanged.",
            severity="warning",
        )
        return
    except EditorFailed as error:
        app.notify(str(error), severity="warning")
        return
    if edited != area.text:
        area.replace(edited, (0, 0), area.document.end)
    area.focus()
