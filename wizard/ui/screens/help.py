"""F1: every key of the app, read from the same bindings the footer and the palette use."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from wizard.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import App

Group = tuple[str, Sequence[Binding]]
ARROWS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}
KEY_WIDTH = 16

OPEN_DRAFT = Binding(
    "enter", "select", "Open", id="welcome.open", tooltip="Open the highlighted draft to go on"
)
DIALOG_KEYS = [
    Binding(
        "enter",
        "press",
        "Press",
        id="dialog.press",
        tooltip="Press the focused button (the safe one is focused first)",
    ),
    Binding("tab,shift+tab", "focus", "Next", id="dialog.focus", tooltip="Next / previous button"),
    Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without a change"),
]
EDITING_ACTIONS = {
    "select_all": "Select all the text",
    "cursor_word_left(True)": "Select the word to the left",
    "cursor_left_word(True)": "Select the word to the left",
    "cursor_word_right(True)": "Select the word to the right",
    "cursor_right_word(True)": "Select the word to the right",
    "undo": "Undo the last change",
    "redo": "Redo what was undone",
    "delete_word_left": "Delete the word to the left",
    "delete_left_word": "Delete the word to the left",
    "cut": "Cut the selection",
    "copy": "Copy the selection",
    "paste": "Paste",
}
RESUMING = (
    "Drafts save themselves a second after you stop typing, and when you quit. "
    "To go on with one: `pmwizard resume` opens the most recently changed draft at its "
    "first incomplete section, `pmwizard resume NAME` another, and the welcome screen "
    "(`pmwizard`) lists every draft: Enter on one opens it. `pmwizard list` shows them all."
)


def editing_keys(widget: type[Input] | type[TextArea]) -> list[Binding]:
    """The text-editing keys of a field, from its own bindings: select, undo, cut, copy."""
    found = []
    for binding in widget.BINDINGS:
        if isinstance(binding, Binding) and binding.action in EDITING_ACTIONS:
            description = EDITING_ACTIONS[binding.action]
            found.append(Binding(binding.key, binding.action, description, tooltip=description))
    return found


def list_names(app: App[Any]) -> str:
    """The lists the open draft's template has, as its parts name them (`Action Items,
    Lessons`); any template's where no draft is open."""
    session = getattr(app, "session", None)
    if session is None:
        return "improvements, tasks, action items"
    template = session.rubric.template
    names = [
        part.heading or section.title
        for section in template.sections
        for part in section.parts
        if part.kind != "text"
    ]
    return ", ".join(dict.fromkeys(names)) or "items"


def help_groups(app: App[Any]) -> list[Group]:
    """Where each set of keys works, with the bindings themselves."""
    from wizard.ui.keys import in_force
    from wizard.ui.screens.entry_form import EntryForm, EntryText
    from wizard.ui.screens.paste_form import PasteForm
    from wizard.ui.screens.review import ReviewScreen
    from wizard.ui.screens.timeline import TimelineTable
    from wizard.ui.screens.welcome import WelcomeScreen
    from wizard.ui.widgets.list_editor import ItemTable
    from wizard.ui.widgets.zone_picker import ZonePicker

    keymap = getattr(app, "keys_in_force", {})

    def bindings(items: Iterable[object]) -> list[Binding]:
        return in_force((item for item in items if isinstance(item, Binding)), keymap)

    return [
        ("Everywhere", bindings(app.BINDINGS)),
        ("Welcome screen", bindings([OPEN_DRAFT, *WelcomeScreen.BINDINGS])),
        ("Timeline (on the table)", bindings(TimelineTable.BINDINGS)),
        (f"On a list ({list_names(app)})", bindings(ItemTable.BINDINGS)),
        ("Review", bindings(ReviewScreen.BINDINGS)),
        ("Timeline entry dialog", bindings([*EntryForm.BINDINGS, *EntryText.BINDINGS])),
        ("Paste lines dialog", bindings(PasteForm.BINDINGS)),
        ("Time zone picker", bindings(ZonePicker.BINDINGS)),
        ("Other dialogs", bindings(DIALOG_KEYS)),
        ("Editing a one-line field", editing_keys(Input)),
        ("Editing a text box", editing_keys(TextArea)),
    ]


def key_text(binding: Binding, every: bool = False) -> str:
    """A binding's key as the footer shows it (`^↑`, `enter`); `every`: all its keys."""
    if binding.key_display:
        return binding.key_display
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(_one_key(key) for key in (keys if every else keys[:1]))


def _one_key(key: str) -> str:
    *modifiers, name = key.split("+")
    shown = ARROWS.get(name, name)
    shown = "+".join([*(m for m in modifiers if m != "ctrl"), shown])
    return f"^{shown}" if "ctrl" in modifiers else shown


def keys_line(bindings: Iterable[object]) -> str:
    """`a Add · enter Edit · c Copy`: the keys of a table as its footer names them."""
    return " · ".join(
        f"{key_text(b)} {b.description}" for b in bindings if isinstance(b, Binding) and b.show
    )


def key_table(bindings: Sequence[Binding]) -> Table:
    """Two columns: the keys (never cut) and what they do (wrapped to the width)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=KEY_WIDTH)
    table.add_column(ratio=1)
    for binding in bindings:
        table.add_row(
            Text(key_text(binding, every=True)), Text(binding.tooltip or binding.description)
        )
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works, and how to resume a draft; arrows and PageDown scroll."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, groups: Iterable[Group]) -> None:
        super().__init__(id="help")
        self.groups = [(name, list(bindings)) for name, bindings in groups]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for where, bindings in self.groups:
                    yield Static(where, classes="help-group")
                    yield Static(key_table(bindings), classes="help-table")
                yield Static("Resuming a draft", classes="help-group")
                yield Static(RESUMING, classes="help-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()
