"""Open the wizard for `pmwizard`, `pmwizard new` and `pmwizard resume`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.drafts import DraftStore
    from wizard.session import Session


def session_for(
    store: DraftStore, command: str | None, name: str | None, ref: str | None
) -> Session | None:
    """The session the command asks for (None: the welcome screen); DraftError if it can't."""
    if command not in ("new", "resume"):
        return None
    from wizard.drafts import SUFFIX, DraftError, DraftStore, new_draft_name
    from wizard.session import Session

    if command == "new":
        if name:
            name = new_draft_name(name)
            if store.exists(name):
                raise DraftError(
                    f"a draft named {name!r} exists already; open it with: pmwizard resume {name}"
                )
        return Session(store, name)
    ref = ref or store.latest()
    if ref is None:
        raise DraftError(f"no drafts in {store.root} yet; start one with: pmwizard new")
    path = store.resolve(ref)
    if path.name.endswith(SUFFIX + ".bak"):
        return recovered_session(store, path)
    try:
        draft = store.load(str(path))
    except DraftError as error:
        backup = path.with_name(path.name + ".bak")
        if not backup.is_file():
            raise
        raise DraftError(
            f"{error}; the previous version is kept: open it with: pmwizard resume {backup}"
        ) from None
    if path.parent.resolve() != store.root.resolve():
        store = DraftStore(path.parent)
        store.load(str(path))
    return Session(store, path.name.removesuffix(SUFFIX), draft)


def recovered_session(store: DraftStore, backup: Path) -> Session:
    """A backup opened as a new draft `NAME-recovered`; the unreadable original stays as is."""
    from wizard.drafts import SUFFIX, read_draft
    from wizard.session import Session

    draft = read_draft(backup)
    stem = backup.name.removesuffix(SUFFIX + ".bak")
    session = Session(store, store.new_name(f"{stem}-recovered"), draft)
    session.dirty = True
    return session


def launch(store: DraftStore, command: str | None, name: str | None, ref: str | None) -> int:
    """Run the app; the draft is saved once more however it ends."""
    from wizard.drafts import DraftError
    from wizard.textsafe import terminal_safe
    from wizard.ui.app import WizardApp

    session = session_for(store, command, name, ref)
    app = WizardApp(store, session, start_dir=Path.cwd())
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
    session = app.session
    path = session.saved_path if session is not None and not session.read_only else None
    if saved and path is not None and path.exists():
        print(f"Draft saved: {terminal_safe(str(path))}")
    return app.return_code or (0 if saved else 1)
