"""Which template a new postmortem follows: the built-in ones, classic first and chosen by a
plain Enter, then the team's own from the drafts' `templates/` folder."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.templates import TemplateInfo
from wizard.textsafe import terminal_safe


def template_line(info: TemplateInfo) -> str:
    """`classic · Classic postmortem (...)`; a team's: `team · Our format · team.toml`; a
    broken file: `✗ broken.toml: line 3, sections[1].id: ...` (why it cannot be used)."""
    if info.error is not None:
        where = Path(info.source).name
        return f"✗ {where}{info.error.removeprefix(info.source)}"
    if info.source == "built-in":
        return f"{info.name} · {info.title}"
    return f"{info.name} · {info.title} · {Path(info.source).name}"


class TemplateList(OptionList):
    """The templates; Enter starts a postmortem following the highlighted one (handled in
    the list, so that it follows the arrow keys typed before it)."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Start",
            id="template.choose",
            tooltip="Start a postmortem following the highlighted template",
        ),
    ]


class TemplateChoice(ModalScreen[str | None]):
    """Pick a template by name; a broken template file is listed (greyed, saying why) and the
    others stay on offer."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="template.cancel",
            tooltip="Close without starting a postmortem",
        ),
    ]

    def __init__(self, found: list[TemplateInfo]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        options = [
            Option(  # a broken file's line is only read (it may share a built-in's name)
                Content(terminal_safe(template_line(info))),
                id=None if info.error else info.name,
                disabled=bool(info.error),
            )
            for info in self.found
        ]
        with Vertical(classes="dialog", id="template-dialog"):
            yield Static("Which template should the postmortem follow?", classes="dialog-title")
            yield TemplateList(*options, id="templates")
            yield Static(
                "Enter starts it. Your own templates are templates/NAME.toml beside your "
                "drafts: pmwizard template export classic writes one to start from.",
                classes="field-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
