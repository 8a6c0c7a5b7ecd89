"""Open the wizard for `pmwizard`, `pmwizard new` and `pmwizard resume`."""

from __future__ import annotations

import contextlib
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.drafts import DraftStore
    from wizard.templates.template import Template


def launch(
    store: DraftStore,
    command: str | None,
    name: str | None,
    ref: str | None,
    template: Template | None = None,
) -> int:
    """Run the app; the draft is saved once more however it ends."""
    # Start-up makes objects that live as long as the app (modules, classes, the draft):
    # collecting garbage among them finds none and costs a pause before the first frame.
    # They are left out of every collection; the app resumes collecting once that frame is
    # drawn (`resume_collection`). The screens are not left out: a step let go is collected.
    gc.disable()
    from wizard.drafts import DraftError
    from wizard.opening import session_for
    from wizard.textsafe import terminal_safe
    from wizard.ui.app import WizardApp

    session = session_for(store, command, name, ref, template)
    app = WizardApp(store, session, start_dir=Path.cwd())
    gc.freeze()
    app.handle_signals()
    saved = True
    try:
        app.run()
    finally:
        if app.session is not None:
            try:
                app.session.save()
            except (DraftError, OSError) as error:
                saved = False
                print(
                    f"pmwizard: the draft could not be saved: {terminal_safe(str(error))}",
                    file=sys.stderr,
                )
            app.session.close()
            with contextlib.suppress(Exception):  # a cache: never in the way of quitting
                app.session.keep_counts()
    from wizard import memo

    memo.keep()  # what the run worked out after its first frame too
    session = app.session
    path = session.saved_path if session is not None and not session.read_only else None
    if saved and path is not None and path.exists():
        print(f"Draft saved: {terminal_safe(str(path))}")
    return app.return_code or (0 if saved else 1)


def resume_collection() -> None:
    """After the first frame: garbage collection, paused by `launch`, runs again."""
    if not gc.isenabled():
        gc.enable()
