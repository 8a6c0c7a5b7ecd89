"""Copying the rendered Markdown: the whole postmortem or one section, with a toast saying
how much; over 1 MB is refused."""

from __future__ import annotations

from textual.widgets import TextArea
from ui_helpers import example_app, notices

from wizard.example import example_postmortem
from wizard.markdown import writer
from wizard.ui.clipboard import MAX_COPY_BYTES, copy_text

SIZE = (110, 36)


async def test_ctrl_r_copies_the_whole_postmortem_with_what_was_just_typed(make_app, store) -> None:
    app = example_app(make_app, store, "root_cause")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one("#root-cause", TextArea).focus()
        await pilot.press("end", *" Typed just now.")
        await pilot.press("ctrl+r")
        await pilot.pause()
        expected = writer.to_markdown(app.session.draft)
        assert "Typed just now." in expected
        assert app.clipboard == expected
        lines, chars = len(expected.splitlines()), len(expected)
        assert notices(app) == [
            f"Copied the postmortem to the clipboard: {lines} lines, {chars:,} characters."
        ]


async def test_ctrl_g_copies_the_section_on_screen(make_app, store) -> None:
    app = example_app(make_app, store, "timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        section = writer.section_markdown(example_postmortem(), "timeline") + "\n"
        assert app.clipboard == section
        assert app.clipboard.startswith("## Timeline\n")
        assert notices(app)[0].startswith("Copied the Timeline section to the clipboard: ")


async def test_the_review_offers_the_whole_postmortem_only(make_app, store) -> None:
    app = example_app(make_app, store, "review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.check_action("copy_section", ()) is False
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.clipboard == writer.to_markdown(example_postmortem())


async def test_the_palette_copies_a_section(make_app, store) -> None:
    app = example_app(make_app, store, "measures")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"copy this section")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == writer.section_markdown(example_postmortem(), "measures") + "\n"


async def test_over_a_megabyte_is_refused_with_a_message(make_app, store) -> None:
    app = example_app(make_app, store, "summary")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        huge = "word " * (MAX_COPY_BYTES // 5 + 1)
        assert not copy_text(app, huge, "the postmortem")
        await pilot.pause()
        assert app.clipboard == ""
        assert notices(app) == [
            f"Not copied: the postmortem is {len(huge):,} bytes, over the 1 MB (1,048,576 bytes) "
            "a terminal takes at once. Save it as Markdown instead."
        ]
        assert copy_text(app, huge[:MAX_COPY_BYTES], "the postmortem")
        assert app.clipboard == huge[:MAX_COPY_BYTES]
