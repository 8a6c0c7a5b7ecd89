"""What every section screen shares: the sidebar, field binding, live validation and counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from wizard.session import EditError, Session
from wizard.settings import Settings
from wizard.templates.template import Section, Template
from wizard.textsafe import clean_text
from wizard.time import time_text
from wizard.ui.screens.wizard_screen import WizardScreen
from wizard.ui.steps import short_titles, step_titles
from wizard.ui.widgets.advice_panel import AdvicePanel, field_text, step_of
from wizard.ui.widgets.field import Field, field_input
from wizard.ui.widgets.footer import KeyFooter
from wizard.ui.widgets.header import TitleHeader
from wizard.ui.widgets.rubric_panel import RubricPanel
from wizard.ui.widgets.stepper import Stepper
from wizard.ui.widgets.word_count import WordCount

# Advice and the list editor load when a screen first has advice or a list to show.
if TYPE_CHECKING:
    from wizard.advice import Advice
    from wizard.ui.view import View
    from wizard.ui.widgets.list_editor import ListEditor

SHORT = 36
"""Rows below which the sidebar leaves out its Advice group."""
TEXT_DEBOUNCE = 0.3
"""Seconds from the first key typed into a text area to its text reaching the draft (and the
counts), however fast or steadily the typing goes on. Saves do not wait for it: the session
holds the typed text from the first key."""


class SectionScreen(WizardScreen):
    """A step of the wizard: a form on the right, the stepper and its rubric points on the left."""

    class Typed(Message):
        """Text was typed that the draft does not hold yet (the next save includes it): the
        autosave clock starts with the first such key after a save."""

    STEP: str = ""
    """The step: the id of the template's section the screen shows (or `review`)."""
    INTRO: ClassVar[str] = ""
    view_left: View | None = None
    """Where the person was on the screen this one replaces (the step let go when left):
    its focus, cursors and scroll offsets come back once this one is mounted."""
    CONTROLS: ClassVar[str] = "#form Input, #form TextArea, #form DataTable, #form Button"
    """The form's controls, in the order the focus takes them."""

    def __init__(self, session: Session, settings: Settings, step: str | None = None) -> None:
        if step is not None:
            self.STEP = step
        super().__init__(id=f"step-{self.STEP}")
        self.session = session
        self.settings = settings
        self._pending: dict[str, str] = {}
        # What each bound field held when it was last loaded or its change was handled: a
        # field showing something else has keys the draft has not taken yet.
        self._seen: dict[str, str] = {}
        self._flush_timer: Timer | None = None
        self._advised: list[Advice] | None = None  # the advice shown last
        self._advice_queued = False  # the first advice waits for the first frame
        # The form's first control (the title, on the first step) takes the focus as the
        # screen is first shown: left to Textual, the focus would go to the stepper and then
        # move, rebuilding the footer's keys, holding the first frame back and giving the
        # keys typed meanwhile to the stepper.
        first = "#title" if self.template.section_ids[0] == self.STEP else self.CONTROLS
        self.AUTO_FOCUS = first  # type: ignore[misc]  # this screen's, not the class's

    def use_settings(self, settings: Settings) -> None:
        """Follow new settings (the app's, changed from the palette)."""
        self.settings = settings
        self.refresh_status()

    @property
    def template(self) -> Template:
        """The template the draft follows (its sections, points and word range)."""
        return self.session.rubric.template

    @property
    def section(self) -> Section | None:
        """The template's section this step shows (None: the review)."""
        return next((s for s in self.template.sections if s.id == self.STEP), None)

    @property
    def intro(self) -> str:
        """The line under the title: what the step asks for, or its keys."""
        return self.INTRO

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Horizontal(id="body"):
            short = "-short" if self.app.size.height < SHORT else ""
            with Vertical(id="sidebar", classes=short):
                yield Stepper(self.STEP, short_titles(self.template), id="stepper")
                yield WordCount(id="word-count")
                yield Static("Rubric points", classes="panel-title")
                yield RubricPanel(id="rubric")
                yield AdvicePanel(id="advice")
            with VerticalScroll(id="form", can_focus=False):
                yield Static(step_titles(self.template)[self.STEP], classes="screen-title")
                if self.intro:
                    yield Static(self.intro, classes="screen-intro")
                yield from self.first_fields()
                yield from self.compose_form()
        yield KeyFooter(compact=True)

    def first_fields(self) -> Iterable[Widget]:
        """On the first section's screen: the text an import could not place (while there is
        any: nothing is dropped) and the title."""
        if self.template.section_ids[0] != self.STEP:
            return
        if self.session.draft.unsorted.strip():
            yield Field(
                "Unsorted text from the import",
                TextArea(name="unsorted", id="unsorted", classes="long"),
                hint="Nothing was dropped: move each part to the field it belongs in, then "
                "delete it here. Until then it is exported as a closing Unsorted part.",
                id="unsorted-field",
            )
        yield Field(
            "Title",
            field_input("title", "title", "e.g. Checkout outage on January 17"),
        )

    def compose_form(self) -> Iterable[Widget]:
        """The step's own fields."""
        return ()

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback) of this step's own actions, for the command palette."""
        return ()

    def on_mount(self) -> None:
        # Textual calls every class's on_mount, this one last: a screen's own on_mount does
        # not call it again (filling the form twice). The status is drawn when the screen is
        # shown (on_screen_resume), once.
        self.load()
        controls = self.query(self.CONTROLS)
        title = self.query("#title")
        first = title.first() if title else next((c for c in controls if c.focusable), None)
        left = self.view_left
        if left is not None:  # built again: the focus, cursors and scroll as they were left
            from wizard.ui import view

            first = view.give_back_cursors(self, left) or first
            self.call_after_refresh(view.give_back_scroll, self, left)
            if first is not None:
                first.focus(scroll_visible=False)
            return
        if first is None:
            return
        if self.focused is not first:
            first.focus()
            return
        # Focused as the screen was shown, before the form was filled and laid out: it is
        # brought into view, as focusing it now would.
        self.call_after_refresh(self._center_focused, first)

    def on_resize(self, event: events.Resize) -> None:
        # A short terminal keeps the sidebar's room for the rubric points: the advice is
        # said under each field and list too.
        self.query_one("#sidebar").set_class(event.size.height < SHORT, "-short")

    def _center_focused(self, widget: Widget) -> None:
        if self.focused is widget and not self.can_view_entire(widget):
            self.scroll_to_center(widget, origin_visible=True)

    @on(Input.Blurred, "#title")
    async def _left_title(self) -> None:
        await self.app.run_action("name_after_title")

    def on_screen_resume(self) -> None:
        self.refresh_status()

    # --- model -> widgets -------------------------------------------------

    def load(self) -> None:
        """Fill every bound control from the draft."""
        for widget in self.query("Input, TextArea"):
            path = widget.name
            if not path:
                continue
            value = self.display_value(path)
            if isinstance(widget, Input):
                with widget.prevent(Input.Changed):
                    widget.value = value
                widget.cursor_position = len(value)
            elif isinstance(widget, TextArea):
                with widget.prevent(TextArea.Changed):
                    widget.load_text(value)
            self._seen[path] = value

    def draft_value(self, path: str) -> Any:
        """The draft's value at a dotted path (`impact.percent`, `parts.trigger`); None for a
        template's part the draft holds nothing of yet."""
        value: Any = self.session.draft
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else getattr(value, part)
        return value

    def display_value(self, path: str) -> str:
        """The text a control shows for a model path."""
        value = self.draft_value(path)
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def refresh_status(self, section: str | None = None) -> None:
        """Redraw the stepper, the counts and this step's rubric points."""
        if not self.is_mounted:
            return
        report = self.session.report(hints_for=self.STEP)
        self.query_one(Stepper).show(report, report.found)
        words = self.session.words.get(self.STEP)
        session = self.session
        self.query_one(WordCount).show(
            words, session.total_words, session.your_words, self.template.words
        )
        self.query_one(RubricPanel).show(self.points(report.results))
        if self._advised is not None:
            self.show_advice(self.session.advice())
        elif not self._advice_queued:
            # The first frame goes out without advice (its rules take a while to read): it
            # is worked out once that frame is on screen, for the draft as it then stands.
            self._advice_queued = True
            self.after_first_frame(self._show_first_advice)

    def _show_first_advice(self) -> None:
        self._advice_queued = False
        if self.is_mounted and self._advised is None:
            self.show_advice(self.session.advice())

    def points(self, results: list[Any]) -> list[Any]:
        return [r for r in results if r.section == self.STEP]

    def step_advice(self, found: list[Advice]) -> list[Advice]:
        """The advice on this step's fields, for the sidebar."""
        return [a for a in found if step_of(a.field, self.template) == self.STEP]

    def show_advice(self, found: list[Advice]) -> None:
        """Each field's advice dim under it, and this step's in the sidebar's Advice group."""
        if found == self._advised:
            return
        self._advised = list(found)
        for field in self.query(Field):
            path = getattr(field.control, "name", None)
            if path:
                field.show_advice(field_text([a for a in found if a.field == path]))
        for editor in self.list_editors():
            path = editor.name or editor.id
            mine = [a for a in found if a.field.startswith(f"{path}.")]
            editor.show_advice(field_text(mine, items=True, template=self.template))
        self.query_one(AdvicePanel).show(self.step_advice(found), self.template)

    # --- widgets -> model -------------------------------------------------

    def apply(self, path: str, value: Any, widget: Widget) -> bool:
        """Send one edit to the draft; show the model's objection at the field."""
        try:
            self.session.edit(path, value)
        except EditError as error:
            self.show_error(widget, error.message)
            return False
        self.show_error(widget, None)
        return True

    def adopt_clock(self, typed: str) -> None:
        """The draft takes a clock with the first time the author types: the one they chose
        for pmwizard if they did, else the style they typed (`23:40` is 24-hour)."""
        if self.session.draft.clock is not None or self.session.read_only:
            return
        style = self.settings.clock or time_text.clock_style(typed)
        if style is not None:
            self.session.edit("clock", style)

    def show_note(self, widget: Widget, message: str | None) -> None:
        """Say at the widget's field how its text was read."""
        for ancestor in widget.ancestors_with_self:
            if isinstance(ancestor, Field):
                ancestor.show_note(message)
                return

    def show_error(self, widget: Widget, message: str | None) -> None:
        """Show `message` at the widget's field; the rubric hears of it too."""
        path = getattr(widget, "name", None)
        if path:
            self.session.mark_invalid(path, message)
        for ancestor in widget.ancestors_with_self:
            if isinstance(ancestor, Field):
                ancestor.show_error(message)
                return

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        cleaned = clean_text(event.value)
        if cleaned != event.value:
            with event.input.prevent(Input.Changed):
                event.input.value = cleaned
        if event.input.name and event.input.name not in self.manual_fields():
            event.stop()
            self._seen[event.input.name] = cleaned
            self.apply(event.input.name, self.convert(event.input.name, event.value), event.input)

    def manual_fields(self) -> set[str]:
        """Model paths this screen handles itself (instead of the generic binding)."""
        return set()

    def convert(self, path: str, text: str) -> Any:
        """Turn a control's text into the value the model expects."""
        return text

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        path = event.text_area.name
        if not path:
            return
        text = event.text_area.text
        if clean_text(text) != text:
            with event.text_area.prevent(TextArea.Changed):
                event.text_area.load_text(clean_text(text))
        event.stop()
        self._pending[path] = self._seen[path] = event.text_area.text
        if self.session.stage(path, event.text_area.text) or self._flush_timer is None:
            # The first key after a save starts the autosave clock (so does each first
            # unapplied key); the keys after it have nothing to add.
            self.post_message(self.Typed())
        # Started by the first unapplied key and never pushed back, so steady typing still
        # reaches the draft within TEXT_DEBOUNCE.
        if self._flush_timer is None:
            self._flush_timer = self.set_timer(TEXT_DEBOUNCE, self.flush)

    def catch_up(self) -> None:
        """Apply what every field shows, including keys whose change message has not been
        handled yet (a save on a signal can come between the two): then the saved draft
        holds all that is on the screen."""
        self.flush()
        if self.session.read_only:
            return
        manual = self.manual_fields()
        for widget in self.query("Input, TextArea"):
            path = widget.name
            if not path or path in manual or not isinstance(widget, Input | TextArea):
                continue
            shown = clean_text(widget.value if isinstance(widget, Input) else widget.text)
            if shown != self._seen.get(path, shown):
                self._seen[path] = shown
                self.apply(path, self.convert(path, shown), widget)

    def holds_more_than_draft(self) -> bool:
        """True while the screen shows what a screen built again from the draft would not:
        text the model refused, a list's form being filled, an undo history."""
        paths = {w.name for w in self.query("Input, TextArea") if w.name}
        if paths & set(self.session.invalid):
            return True
        for editor in self.list_editors():
            if editor.editing is not None or editor.deleted:
                return True
            if any(isinstance(f, Input) and f.value.strip() for f in editor.inputs()):
                return True
        return False

    def flush(self) -> None:
        """Apply the text typed into text areas since the last flush."""
        if self._flush_timer is not None:
            self._flush_timer.stop()
            self._flush_timer = None
        pending, self._pending = self._pending, {}
        for path, text in pending.items():
            widget = next((w for w in self.query(TextArea) if w.name == path), None)
            if widget is not None:
                self.apply(path, text, widget)

    # --- navigation -------------------------------------------------------

    @on(Stepper.Chosen)
    def _step_chosen(self, event: Stepper.Chosen) -> None:
        self.app.call_later(self.wizard.go_to, event.step)

    @on(RubricPanel.Chosen)
    def _point_chosen(self, event: RubricPanel.Chosen) -> None:
        self.focus_point(event.point)

    def focus_point(self, point: str) -> None:
        """Put the cursor in the field that answers `point` (the first of the point's fields
        on this screen), else in the first field."""
        widget = self.point_widget(point)
        if widget is None:
            candidates = list(self.query("#form Input, #form TextArea, #form DataTable"))
            widget = candidates[0] if candidates else None
        if widget is not None:
            widget.focus()
            widget.scroll_visible()

    def point_widget(self, point: str) -> Widget | None:
        """The control of the first of `point`'s fields that this screen shows."""
        spec = next((p for p in self.template.points if p.id == point), None)
        controls = list(self.query("#form Input, #form TextArea"))
        editors = self.list_editors()
        for path in spec.fields if spec is not None else ():
            for control in controls:
                if control.name == path:
                    return control
            for editor in editors:
                if path in (editor.name, editor.id):
                    return editor.query_one("ItemTable")
        return None

    def list_editors(self) -> list[ListEditor[Any]]:
        """The screen's lists (none: the list editor's module is not loaded for it)."""
        found = self.query("ListEditor")
        if not found:
            return []
        from wizard.ui.widgets.list_editor import ListEditor

        return list(found.results(ListEditor))
