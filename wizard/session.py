"""One open draft: edits go through the model, counts are kept per section, saves are atomic."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from wizard import templates
from wizard.drafts import (
    MAX_BYTES,
    DraftChanged,
    DraftError,
    DraftStore,
    check_name,
    dump,
    size_limit_text,
    size_text,
    slugify,
)
from wizard.lock import DraftLock, LockError
from wizard.markdown import counts, writer
from wizard.model import DEFAULT_TEMPLATE, Postmortem, Window, describe_errors
from wizard.rubric import (
    Report,
    Rubric,
    evaluate,
    rubric_for,
    rubric_of,
    with_hints,
    with_invalid_fields,
)
from wizard.templates import TemplateError
from wizard.time import zone_names

if TYPE_CHECKING:
    from wizard.advice import Advice, Advisor

DATED_NAME = re.compile(r"postmortem-\d{4}-\d{2}-\d{2}(?:-\d+)?")
"""The name pmwizard gives a draft saved before it has a title; such a draft takes its
title's name once it has one (a name the author chose stays)."""


def blank_draft(template: str = DEFAULT_TEMPLATE) -> Postmortem:
    """A new draft following `template`, in this computer's zone (to be confirmed)."""
    window = Window(zone=zone_names.local_zone_name(), zone_from_computer=True)
    return Postmortem(template=template, window=window)


class EditError(ValueError):
    """An edit the model refused; `field` is the dotted path it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Session:
    """The draft being written: validated edits, cached word counts, thread-safe saving."""

    def __init__(
        self,
        store: DraftStore,
        name: str | None,
        draft: Postmortem | None = None,
        rubric: Rubric | None = None,
        read_only: bool = False,
    ) -> None:
        self.store = store
        self.name = name
        self.draft = draft or blank_draft()
        # Why the draft can only be read when no other wizard has it (a folder pmwizard may
        # not write in, a lock file that is a link, a template file gone), for the UI to say.
        self.read_only_reason: str | None = None
        self.rubric = rubric or self._rubric()
        self.words, self.frame_words = self._counted(counts.kept_count)
        # The author's own words per field (the rest of the document's are pmwizard's lines).
        self.yours = {f: counts.author_words(self.draft, f) for f in counts.AUTHOR_FIELDS}
        self.dirty = False
        self.saved_path = store.path(name) if name else None
        self.saved_at: datetime | None = None
        self.read_only = read_only or self.read_only_reason is not None
        self.lock: DraftLock | None = None
        self._lock = threading.Lock()
        self._size: int | None = None  # the draft file's bytes, as far as the edits tell
        self._sizes: dict[str, tuple[str, int]] = {}  # field -> (text, its bytes in the file)
        # One save or rename at a time (a rename saves first), so the newest snapshot is
        # written last and an autosave never writes under a name the draft has just left.
        self._saving = threading.RLock()
        self.listeners: list[Callable[[str], None]] = []
        # Fields whose text the model refused (path -> why); the draft keeps the last good
        # value, and the rubric shows the reason instead (see `report`).
        self.invalid: dict[str, str] = {}
        # Text typed into a field and not yet applied (the UI applies it after a pause, to
        # recount once): every save includes it, so what is on screen is what is saved.
        self.staged: dict[str, str] = {}
        # Things a save did that the person should hear of (a draft kept beside another).
        self.notices: list[str] = []
        self._advice: tuple[Postmortem, list[Advice]] | None = None
        self._advisor: Advisor | None = None

    def _counted(self, count: counts.Count) -> tuple[dict[str, int], int]:
        """Words per section of the exported document, and of its title and unsorted part."""
        template = self.rubric.template
        return counts.section_words(self.draft, template, count), counts.frame_words(
            self.draft, count
        )

    def keep_counts(self) -> None:
        """Put the draft's word counts, as it is left, in the memo file: opened again as it
        is, it is counted from there (see `counts.kept_count`)."""
        self._counted(counts.kept_count)

    def advice(self) -> list[Advice]:
        """The advice on the draft as it stands (worked out once per version of it, and then
        only for the fields that changed; the rules are read on first use, not at start-up)."""
        if self._advisor is None:
            from wizard.advice import Advisor

            self._advisor = Advisor()
        draft = self.draft
        if self._advice is None or self._advice[0] is not draft:
            self._advice = (draft, self._advisor.advise(draft))
        return self._advice[1]

    def _rubric(self) -> Rubric:
        """The rubric of the draft's template; when that template cannot be read, the classic
        one (with a section showing the draft's other parts), the draft read-only so that the
        file stays as it is."""
        try:
            return rubric_of(self.draft, self.store.root)
        except TemplateError as error:
            self.read_only_reason = f"{error}; the draft's file is kept as it is"
            return rubric_for(templates.stand_in(self.draft))

    @property
    def total_words(self) -> int:
        return self.frame_words + sum(self.words.values())

    @property
    def your_words(self) -> int:
        """How many of the document's words the author wrote (never more than it has)."""
        return min(sum(self.yours.values()), self.total_words)

    def report(self, hints_for: str | None = None) -> Report:
        """The rubric from the cached counts (never recounts the document); points whose
        field holds refused text are unmet, with the field's message; the unmet points of
        section `hints_for` name the entry that could meet them."""
        report = evaluate(self.draft, self.rubric, words=dict(self.words), total=self.total_words)
        report = with_invalid_fields(report, self.invalid, self.rubric.template)
        if hints_for is None:
            return report
        return with_hints(report, self.draft, self.rubric, hints_for)

    def mark_invalid(self, field: str, message: str | None) -> None:
        """Note that `field` holds text the model refused (None: it is fine again)."""
        before = self.invalid.get(field)
        if message:
            self.invalid[field] = message
        else:
            self.invalid.pop(field, None)
        if self.invalid.get(field) != before:
            for listener in self.listeners:
                listener(field.partition(".")[0])

    def edit(self, field: str, value: Any) -> None:
        """Set a top-level field or a dotted path (`impact.percent`); EditError if refused."""
        top = _top_level(self.draft, field, value)
        grown = self._make_room(field, value, top) if isinstance(value, str) else 0
        self.replace(self.draft, dict([top]), field)
        if self._size is not None:
            self._size += grown

    def _make_room(self, field: str, text: str, change: tuple[str, Any]) -> int:
        """How many bytes `text` adds to the draft file at `field`; EditError when the file
        would then be too big to save (a draft already too big, made so by other edits, takes
        any: the save says why). The file is only written out to measure it when the draft is
        first edited and when an edit takes it near the limit: the bytes each edit adds are
        counted from the field's text alone, and a save measures the file again."""
        if self._size is None:
            self._size = len(dump(self.draft).encode("utf-8", "surrogatepass"))
        if self._size > MAX_BYTES:
            return 0  # not saved whatever the edit: measured again once a save goes through
        grown = self._growth(field, text)
        if grown > 0 and self._size + grown > MAX_BYTES:
            updated = _revised(self.draft, dict([change]))
            whole = len(dump(updated).encode("utf-8", "surrogatepass"))
            if whole > MAX_BYTES:
                raise EditError(
                    field,
                    f"the draft would be {over_text(whole)}: {size_limit_text()}; "
                    "shorten this text or another",
                )
            self._size = whole - grown  # measured: exact once the edit is counted
        return grown

    def _growth(self, field: str, text: str) -> int:
        """The bytes `text` at `field` adds to the draft file (fewer: below 0); each text is
        measured once, as the field's old text is the one measured on the key before."""
        size = saved_size(text)
        old = _text_at(self.draft, field)
        known = self._sizes.get(field)
        self._sizes[field] = (text, size)
        return size - (known[1] if known is not None and known[0] == old else saved_size(old))

    def _fits(self, draft: Postmortem, grown: int) -> bool:
        """`draft`, `grown` bytes bigger than the session's, could be saved for its size
        (written out to measure it only near the limit)."""
        if self._size is not None and self._size + grown <= MAX_BYTES:
            return True
        return too_big(draft) is None

    def stage(self, field: str, text: str) -> bool:
        """Keep text typed into `field` for the next save, before `edit` applies it; True
        when the draft held no unsaved change before (the autosave clock starts now)."""
        with self._lock:
            self.staged[field] = text
            was_dirty, self.dirty = self.dirty, True
        return not was_dirty

    def replace(self, draft: Postmortem, changes: dict[str, Any], field: str = "") -> None:
        """Validate `changes` onto the draft and announce which section changed."""
        try:
            updated = _revised(draft, changes)
        except ValidationError as error:
            raise EditError(field or next(iter(changes)), _message(error)) from None
        with self._lock:
            self.draft = updated
            self.dirty = True
            self.staged.pop(field, None)
        for key in changes:
            self._recount(key)

    def _snapshot(self) -> Postmortem:
        """The draft with the staged text that the model accepts and that leaves it small
        enough to save (the rest keeps its last valid value, as the field says)."""
        draft, grown = self.draft, 0
        for field, text in self.staged.items():
            try:
                head, value = _top_level(draft, field, text)
                staged = _revised(draft, {head: value})
            except (EditError, ValidationError):
                continue
            growth = self._growth(field, text)
            if self._fits(staged, grown + growth):
                draft, grown = staged, grown + growth
        return draft

    def _recount(self, key: str) -> None:
        if key in ("title", "unsorted"):
            self.frame_words = counts.frame_words(self.draft)
        if key in self.yours:
            self.yours[key] = counts.author_words(self.draft, key)
        template = self.rubric.template
        for section in template.field_sections.get(key, ()):
            markdown = writer.section_markdown(self.draft, section, template)
            self.words[section] = counts.count_words(markdown)
        for listener in self.listeners:
            listener(key)

    def ensure_name(self, today: date | None = None) -> str:
        """The draft's name, choosing a free one on first save (`postmortem-2026-11-30`: the
        title may still be half typed; `name_after_title` renames it once it is written)."""
        if self.name is None:
            stamp = (today or date.today()).isoformat()
            self.claim_name(f"postmortem-{stamp}")
        assert self.name is not None
        return self.name

    def claim_name(self, base: str) -> str:
        """Take the first free name from `base`, and its lock, for a draft not saved yet (see
        `DraftStore.claim`); where no lock can be made, the first free name (the save then
        says why it cannot write)."""
        try:
            self.name, self.lock = self.store.claim(base)
        except LockError:
            self.name = self.store.new_name(base)
        self.saved_path = self.store.path(self.name)
        return self.name

    def rename(self, new: str) -> None:
        """Give the draft the name `new` (its files move; the lock follows); DraftError for a
        name that is not one, is taken, or a draft another wizard has open."""
        with self._saving:
            check_name(new)
            if self.read_only:
                raise DraftError(f"the draft {self.name!r} is open in another wizard")
            if new == self.name:
                return
            if self.name is None or not self.store.exists(self.name):
                if self.store.exists(new):
                    raise DraftError(f"a draft named {new!r} exists already in {self.store.root}")
                held = self.lock is not None and self.lock.held
                self.close()  # the lock of a name not taken after all
                self.lock, self.name = None, new
                if held:
                    self.take_lock()
                return
            self.save()
            held = self.lock is not None and self.lock.held
            self.close()
            self.lock = None
            try:
                self.saved_path = self.store.rename(self.name, new)
                self.name = new
            finally:
                if held:
                    self.take_lock()

    def name_after_title(self) -> str | None:
        """Rename a draft still called by its date (`postmortem-2026-11-30`) after its title,
        once it has one; the new name, or None when nothing changed."""
        title = slugify(self.draft.title, fallback="")
        if not title or self.read_only:
            return None
        with self._saving:
            if self.name is None:  # not saved yet: the first save takes this name
                self.claim_name(title)
                return self.name
            if not DATED_NAME.fullmatch(self.name):
                return None
            new = self.store.new_name(title)
            self.rename(new)
            return new

    def take_lock(self) -> str | None:
        """Hold the draft's lock; None when held, else who has the draft open. A lock that
        cannot be taken at all (no permission, a link) makes the session read-only, with
        `read_only_reason` saying why."""
        if self.name is None or self.read_only:
            return None
        self.lock = self.lock or DraftLock(self.store.path(self.name))
        try:
            return None if self.lock.acquire() else self.lock.holder()
        except LockError as error:
            self.read_only = True
            self.read_only_reason = str(error)
            return None

    def close(self) -> None:
        """Let go of the draft (the lock); the last save has been done by then."""
        if self.lock is not None:
            self.lock.release()

    def save(self, force: bool = False) -> bool:
        """Write the draft if it changed (or `force`); True when something was written.
        One save runs at a time, so the newest snapshot is always written last. When the file
        was changed by another program, it is kept and the draft is saved beside it under a
        new name (see `notices`). DraftError when nothing could be written; the draft then
        stays unsaved, and the next save tries again."""
        if self.read_only:
            return False
        with self._saving:
            with self._lock:
                if not (self.dirty or force):
                    return False
                draft = self._snapshot()
                self.dirty = False
            try:
                self._write(draft)
            except BaseException:
                with self._lock:
                    self.dirty = True
                raise
            if self.saved_path is not None and draft is self.draft:
                with contextlib.suppress(OSError):
                    self._size = self.saved_path.stat().st_size
        return True

    def _write(self, draft: Postmortem) -> None:
        name = self.ensure_name()
        holder = self.take_lock()
        if self.read_only:
            raise DraftError(self.read_only_reason or "the draft can only be read")
        if holder is not None:
            raise DraftError(f"the draft {name!r} is open in {holder}; it was not saved")
        try:
            self.saved_path = self.store.save(name, draft)
        except DraftChanged as changed:
            self.saved_path = self._save_beside(draft, changed)
        self.saved_at = datetime.now()

    def _save_beside(self, draft: Postmortem, changed: DraftChanged) -> Path:
        """Keep the file another program changed, and save this draft under a free name."""
        old = self.name or ""
        new = self.store.free_name(old)
        moved = DraftLock(self.store.path(new))
        if not moved.acquire():
            raise changed
        try:
            path = self.store.save(new, draft)
        except BaseException:
            moved.release()
            raise
        self.close()
        self.lock, self.name = moved, new
        self.notices.append(
            f"{changed} Your draft is saved beside it as {new!r}: compare the two and keep "
            "what you need."
        )
        return path

    def first_incomplete(self) -> str:
        """The first section with a point not met, else `review`."""
        report = self.report()
        for section in self.rubric.template.section_ids:
            if any(not r.met for r in report.results if r.section == section):
                return section
        return "review"


_WIDEST_CHARACTER = 6
"""The most bytes one character takes in a draft file: a control character is `\\u001b`."""


def saved_size(text: str) -> int:
    """The bytes `text` takes in a draft file (a JSON string in UTF-8, without its quotes)."""
    if len(text) > MAX_BYTES:
        return len(text.encode("utf-8", "surrogatepass"))  # too big whatever its escapes
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")) - 2


def over_text(size: int) -> str:
    """`5.2 MB`, a size over the limit as a message gives it: `just over 256 KB` where the
    two would read the same."""
    if size_text(size) == size_text(MAX_BYTES):
        return f"just over {size_text(MAX_BYTES)}"
    return size_text(size)


def too_long(text: str) -> str | None:
    """Why `text` cannot be one field's value: a draft holding it could not be saved; else
    None. Cheap for a field of ordinary length, as it runs on every edit."""
    if len(text) * _WIDEST_CHARACTER <= MAX_BYTES:
        return None
    size = saved_size(text)
    if size <= MAX_BYTES:
        return None
    return f"this text is {over_text(size)}: {size_limit_text()}; shorten it to keep it"


def too_big(draft: Postmortem) -> str | None:
    """Why `draft` could not be saved for its size, else None (writes the draft out: for
    an edit of many entries at once, such as a paste, not for every key)."""
    size = len(dump(draft).encode("utf-8", "surrogatepass"))
    if size <= MAX_BYTES:
        return None
    return f"the draft would be {over_text(size)}: {size_limit_text()}"


def _text_at(draft: Postmortem, field: str) -> str:
    """The draft's text at `field` (a dotted path), or '' where it holds none."""
    value: Any = draft
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    return value if isinstance(value, str) else ""


def _top_level(draft: Postmortem, field: str, value: Any) -> tuple[str, Any]:
    """(top-level field, its new value) for setting `field` (a dotted path, too) to `value`;
    EditError for a text too long to save."""
    if isinstance(value, str) and (why := too_long(value)):
        raise EditError(field, why)
    head, _, rest = field.partition(".")
    if rest:
        part = getattr(draft, head)
        if isinstance(part, dict):  # a template's part (`parts.trigger`): validated with the draft
            return head, {**part, rest: value}
        try:
            value = part.revised(**{rest: value})
        except ValidationError as error:
            raise EditError(field, _message(error)) from None
    return head, value


def _revised(draft: Postmortem, changes: dict[str, Any]) -> Postmortem:
    """`draft` with `changes`; a single field is validated alone (and the model's rules)."""
    if len(changes) != 1:
        revised: Postmortem = draft.revised(**changes)
        return revised
    [(name, value)] = changes.items()
    updated = draft.model_copy()
    Postmortem.__pydantic_validator__.validate_assignment(updated, name, value)
    return updated


def _message(error: ValidationError) -> str:
    return describe_errors(error)[0][1]
