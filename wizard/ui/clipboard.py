"""Copy the rendered Markdown (the whole document or one section) to the clipboard, through
the terminal (OSC 52: it works over SSH and in tmux with `set-clipboard on`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.ui.app import WizardApp

MAX_COPY_BYTES = 1024 * 1024
"""Larger text is refused: it would flood the terminal, and many drop it anyway."""


def copy_text(app: WizardApp, text: str, what: str) -> bool:
    """Put `text` on the clipboard and say how much went; refuse it over MAX_COPY_BYTES."""
    size = len(text.encode("utf-8"))
    if size > MAX_COPY_BYTES:
        app.notify(
            f"Not copied: {what} is {size:,} bytes, over the 1 MB ({MAX_COPY_BYTES:,} bytes) "
            "a terminal takes at once. Save it as Markdown instead.",
            severity="warning",
        )
        return False
    app.copy_to_clipboard(text)
    lines = len(text.splitlines())
    app.notify(
        f"Copied {what} to the clipboard: {lines:,} {'line' if lines == 1 else 'lines'}, "
        f"{len(text):,} characters.",
        timeout=4,
    )
    return True


def copy_document(app: WizardApp) -> None:
    """The whole postmortem as `Save Markdown` writes it, with the text typed so far."""
    from wizard.markdown import writer

    session = app.session
    if session is None:
        return
    app.flush_typing()
    copy_text(app, writer.to_markdown(session.draft, session.rubric.template), "the postmortem")


def copy_section(app: WizardApp) -> None:
    """The section of the step on screen, heading included."""
    from wizard.markdown import writer

    session, step = app.session, app.current_step()
    headings = session.rubric.template.headings if session is not None else {}
    if session is None or step is None or step not in headings:
        app.notify("Go to a section (not the review) to copy it; the whole postmortem copies.")
        return
    app.flush_typing()
    text = writer.section_markdown(session.draft, step, session.rubric.template) + "\n"
    copy_text(app, text, f"the {headings[step]} section")
