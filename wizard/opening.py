"""Opening a draft: the session a command asks for, a backup recovered as a new draft, the
lock taken or found held. Plain answers; the UI shows them and asks what the person decides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.drafts import SUFFIX, DraftError, DraftStore, new_draft_name, read_draft

# The session (and with it the model and the rubric) loads once a draft opens, not before the
# welcome screen is drawn.
if TYPE_CHECKING:
    from wizard.model import Postmortem
    from wizard.session import Session
    from wizard.templates.template import Template


@dataclass(frozen=True)
class Opening:
    """A session about to open, and what stands in the way: `held_by` says who has the draft
    open (None: the lock is ours, or the session is read-only already, `read_only_reason`
    saying why)."""

    session: Session
    held_by: str | None = None

    @property
    def read_only_reason(self) -> str | None:
        return self.session.read_only_reason

    def read_only(self) -> Session:
        """Open it anyway, read-only (nothing is saved): the answer to a held lock."""
        self.session.read_only = True
        return self.session


@dataclass(frozen=True)
class Recovery:
    """An unreadable draft's previous version, to open as the new draft `name`."""

    name: str
    draft: Postmortem
    saved: datetime
    error: str


def opening(session: Session) -> Opening:
    """Take the draft's lock for `session`; the Opening says who holds it when it is held."""
    return Opening(session, session.take_lock())


def new_session(
    store: DraftStore, name: str | None, draft: Postmortem | None, fresh: bool = False
) -> Session:
    """A session for `draft` as `name` (None, None: a new postmortem); a `fresh` one (the
    example, an import, a recovered backup) takes the first free name from `name` at once
    (see `Session.claim_name`) and is to be written under it at once."""
    from wizard.session import Session

    session = Session(store, None if fresh else name, draft)
    if fresh and name is not None:
        session.claim_name(name)  # taken now: another wizard or import may want it too
    session.dirty = fresh
    return session


def session_for(
    store: DraftStore,
    command: str | None,
    name: str | None,
    ref: str | None,
    template: Template | None = None,
) -> Session | None:
    """The session `pmwizard new|resume` asks for (None: the welcome screen), a new draft
    following `template` (default: classic); DraftError if it can't be had."""
    if command not in ("new", "resume"):
        return None
    if command == "new":
        if name:
            name = new_draft_name(name)
            if store.exists(name):
                raise DraftError(
                    f"a draft named {name!r} exists already; open it with: pmwizard resume {name}"
                )
        if template is None:
            return new_session(store, name, None)
        from wizard.rubric import rubric_for
        from wizard.session import Session, blank_draft

        return Session(store, name, blank_draft(template.name), rubric=rubric_for(template))
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
    return new_session(store, path.name.removesuffix(SUFFIX), draft)


def recovered_session(store: DraftStore, backup: Path) -> Session:
    """A backup opened as a new draft `NAME-recovered`; the unreadable original stays as is."""
    draft = read_draft(backup)
    stem = backup.name.removesuffix(SUFFIX + ".bak")
    return new_session(store, f"{stem}-recovered", draft, fresh=True)


def recovery(store: DraftStore, name: str, error: str) -> Recovery | None:
    """The previous version of the unreadable draft `name` (which failed with `error`), to
    open as `NAME-recovered`; None when there is no readable backup."""
    backup = store.backup_path(name)
    try:
        draft = read_draft(backup)
        saved = datetime.fromtimestamp(backup.stat().st_mtime)
    except (DraftError, OSError):
        return None
    return Recovery(store.new_name(f"{name}-recovered"), draft, saved, error)
