"""The review's document view: the export laid out as a reader sees it, at any width."""

from __future__ import annotations

import subprocess
import sys

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from wizard.ui.widgets.document_view import DocumentView

DOCUMENT = """# Checkout outage

## Timeline

- 12:32 PM - **Detection:** A monitoring alert fired for checkout errors above five percent.
- 12:40 PM - *Escalation* to the `db` team.

### Tasks

- [ ] Add monitoring on the pool
- [x] Refund duplicate charges

1. first
2. second
   - nested

> quoted words

    code line

| Owner | Due |
|---|---|
| Amina | 2023-01-24 |
"""


class DocumentApp(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield DocumentView(self.markdown)


def shown(view: DocumentView) -> list[str]:
    """Every line the view draws, trailing blanks dropped."""
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


async def test_blocks_show_as_a_reader_sees_them() -> None:
    app = DocumentApp(DOCUMENT)
    async with app.run_test(size=(50, 60)) as pilot:
        await pilot.pause()
        lines = shown(app.query_one(DocumentView))
    assert lines[:3] == ["Checkout outage", "", "Timeline"]
    # A long item wraps under its own text, not under its bullet.
    start = lines.index("• 12:32 PM - Detection: A monitoring alert fired")
    assert lines[start + 1] == "  for checkout errors above five percent."
    assert "• 12:40 PM - Escalation to the db team." in lines
    assert [line for line in lines if "☐" in line or "☒" in line] == [
        "• ☐ Add monitoring on the pool",
        "• ☒ Refund duplicate charges",
    ]
    assert lines[lines.index("1. first") + 1 : lines.index("1. first") + 3] == [
        "2. second",
        "   ◦ nested",
    ]
    assert "▌ quoted words" in lines
    assert "  code line" in lines
    table = lines.index("Owner │ Due")
    assert lines[table + 1 : table + 3] == ["──────┼───────────", "Amina │ 2023-01-24"]
    # No word of the Markdown is lost.
    words = " ".join(lines).split()
    for word in ("monitoring", "alert", "fired", "checkout", "percent.", "Refund", "nested"):
        assert word in words


async def test_styles_mark_emphasis_and_headings() -> None:
    app = DocumentApp("## Impact\n\nUsers saw **errors** and *delays*.\n")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        heading = view.render_line(0)
        body = view.render_line(2)
    assert heading.text.rstrip() == "Impact"
    assert all(segment.style and segment.style.underline for segment in heading if segment.text)
    styles = {segment.text: segment.style for segment in body if segment.text.strip()}
    assert styles["errors"] is not None and styles["errors"].bold
    assert styles["delays"] is not None and styles["delays"].italic


async def test_it_lays_out_again_at_a_new_width_and_for_new_text() -> None:
    app = DocumentApp("- " + "word " * 30)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        narrow = len(shown(view))
        await pilot.resize_terminal(80, 20)
        await pilot.pause()
        assert len(shown(view)) < narrow
        assert all(line.startswith(("• ", "  ")) for line in shown(view) if line)
        view.show("# Another\n")
        await pilot.pause()
        assert shown(view)[0] == "Another"
        assert view.size.height == 1


def test_the_view_loads_no_second_markdown_parser() -> None:
    """The view lays the export out with the parser the word counts use: Rich's Markdown
    (markdown-it, Pygments) stays unloaded."""
    script = (
        "import asyncio, sys\n"
        "from wizard.example import example_postmortem\n"
        "from wizard.ui.widgets.document_view import DocumentView\n"
        "from wizard.markdown.writer import to_markdown\n"
        "from textual.app import App\n"
        "class A(App):\n"
        "    def compose(self):\n"
        "        yield DocumentView(to_markdown(example_postmortem()))\n"
        "async def main():\n"
        "    async with A().run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in ('markdown_it', 'pygments', 'rich.markdown') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


async def test_long_code_lines_and_loose_items_keep_every_word() -> None:
    code = "x = " + " + ".join(f"term{n}" for n in range(12))
    markdown = f"- first part\n\n  second part\n\n- next\n\n```\n{code}\n```\n"
    app = DocumentApp(markdown)
    async with app.run_test(size=(30, 30)) as pilot:
        await pilot.pause()
        lines = shown(app.query_one(DocumentView))
    assert lines[:5] == ["• first part", "", "  second part", "", "• next"]
    assert all(len(line) <= 30 for line in lines)
    assert "".join(lines[6:]).replace(" ", "") == code.replace(" ", "")
