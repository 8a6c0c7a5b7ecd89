"""Status-page updates read as timeline entries, wherever they stand in a document.

Status pages write an incident as a run of updates, each stamped with its time: the stamp
after the text (`Posted Mar 08, 2022 - 13:01 PST`, or a line `Mar 13, 10:16 MDT` closing the
paragraph), or before it (a paragraph or heading that is only `6:55 PM PST`), often under a
state word (`Resolved`, `Update -`, `Investigating -`). Two stamps or more make such a run: each
update becomes one `update` block holding its stamp and its text. A lone stamp with a state or
publication word (`Posted Dec 16, 2023 - 00:00 UTC`, `Resolved May 01 at 04:00pm BST`) is when
the page was written: a `stamp` block, never the incident's start or end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wizard.importer import times
from wizard.importer.blocks import Block

_STATES = (
    r"investigating|identified|monitoring|update[ds]?|resolved|post-?mortem|scheduled"
    r"|in progress|verifying|completed|mitigated|recovering"
)
_PUBLISHED = r"(?:last\s+)?(?:posted|updated|published)"
_STAMP_LINE = re.compile(
    rf"(?P<word>(?:{_PUBLISHED}|{_STATES})\b(?:\s+(?:on|at))?\s*[-–:]?\s*)?(?P<when>.+?)[\s.]*",
    re.IGNORECASE,
)
_STATE_TIME = re.compile(rf"(?P<state>(?:{_STATES})\s*[-–:])\s*(?P<rest>\d.*)", re.IGNORECASE)
_STATE_LINE = re.compile(rf"(?:{_STATES})\s*[-–:]?(?:\s|$)", re.IGNORECASE)
_PUBLISHED_WORD = re.compile(_PUBLISHED, re.IGNORECASE)
_STATE_WORD = re.compile(rf"(?:{_STATES})\s*[-–]?", re.IGNORECASE)
_STAMPED = ("line", "heading")
_CLOCK = re.compile(r"\d[:.]\d\d|\d\s*[apAP]\.?\s?[mM]\b|noon|midnight", re.IGNORECASE)
"""Something like a clock time: lines without one are never stamps (a quick test first)."""


def stamp_of(block: Block) -> tuple[str, times.Stamp] | None:
    """(the words before the time, the time) of a line or heading that is only a time with a
    date or a zone, after an optional publication or state word; None for anything else."""
    text = block.text.strip()
    if block.kind not in _STAMPED or len(text) > 80 or not _CLOCK.search(text):
        return None
    match = _STAMP_LINE.fullmatch(text)
    if match is None:
        return None
    moment = times.MOMENT.fullmatch(match["when"])
    stamp = times.stamp_from(moment) if moment else None
    if stamp is None or not (stamp.has_date or stamp.zone):
        return None
    return (match["word"] or "").strip(), stamp


def read_updates(blocks: list[Block]) -> list[Block]:
    """`blocks` with every run of status-page updates as `update` blocks and a lone page
    stamp as a `stamp` block."""
    marks = [i for i, block in enumerate(blocks) if stamp_of(block) is not None]
    if len(marks) < 2:
        blocks = _page_stamp(blocks, marks[0]) if marks else blocks
        return _state_updates(blocks)
    if _trailing(blocks, marks[0]):
        spans = _trailing_spans(blocks, marks)
    else:
        spans = _leading_spans(blocks, marks)
    out: list[Block] = []
    position = 0
    for mark, (start, end) in zip(marks, spans, strict=True):
        out.extend(blocks[position:start])
        out.append(_update(blocks[mark], [b for b in blocks[start:end] if b is not blocks[mark]]))
        position = end
    out.extend(blocks[position:])
    return out


def state_stamp(block: Block) -> tuple[str, times.Stamp] | None:
    """(the text without its time, the time) of a line like `Update - 9:01 PM PDT We rolled
    back the release.`: a state word, then a time with a date or a zone, then the update."""
    match = _STATE_TIME.match(block.text.strip()) if block.kind == "line" else None
    moment = times.MOMENT.match(match["rest"]) if match else None
    stamp = times.stamp_from(moment) if moment else None
    if match is None or stamp is None or not (stamp.has_date or stamp.zone):
        return None
    rest = match["rest"][len(stamp.written) :].strip(" -–:")
    return f"{match['state']} {rest}".strip(), stamp


def _state_updates(blocks: list[Block]) -> list[Block]:
    """Two lines or more like `Update - 9:01 PM PDT ...` are updates, each with the lines of
    its paragraph after it."""
    if sum(1 for block in blocks if state_stamp(block)) < 2:
        return blocks
    out: list[Block] = []
    for block in blocks:
        found = state_stamp(block)
        last = out[-1] if out else None
        if found is not None:
            text, stamp = found
            out.append(replace(block, kind="update", text=text, source=stamp.written))
        elif last is not None and last.kind == "update" and block.group == last.group:
            out[-1] = replace(last, text=f"{last.text} {block.text.strip()}")
        else:
            out.append(block)
    return out


def _page_stamp(blocks: list[Block], mark: int) -> list[Block]:
    """A lone stamp after a publication or state word is the page's, not the incident's."""
    found = stamp_of(blocks[mark])
    if found is None or not found[0]:
        return blocks
    return [*blocks[:mark], replace(blocks[mark], kind="stamp"), *blocks[mark + 1 :]]


def _trailing(blocks: list[Block], mark: int) -> bool:
    """True when stamps close their updates: `Posted ...`, or a stamp line ending the
    paragraph its update's text began."""
    found = stamp_of(blocks[mark])
    if found is not None and _PUBLISHED_WORD.match(found[0]):
        return True
    before = blocks[mark - 1] if mark else None
    return before is not None and before.group == blocks[mark].group and before.kind == "line"


def _trailing_spans(blocks: list[Block], marks: list[int]) -> list[tuple[int, int]]:
    """Each update from the block after the stamp before it to its own stamp; the first
    from the first state word before it, else from the start of the text after the title."""
    first = _first_start(blocks, marks[0])
    starts = [first, *(mark + 1 for mark in marks[:-1])]
    return [(start, mark + 1) for start, mark in zip(starts, marks, strict=True)]


def _first_start(blocks: list[Block], mark: int) -> int:
    headings = [i for i in range(mark) if blocks[i].kind == "heading"]
    low = headings[-1] + 1 if headings else 0
    states = [i for i in range(low, mark) if _STATE_LINE.match(blocks[i].text.strip())]
    if states:
        return states[0]
    return next((i for i in range(low, mark) if blocks[i].group != blocks[low].group), low)


def _leading_spans(blocks: list[Block], marks: list[int]) -> list[tuple[int, int]]:
    """Each update from its stamp to the next stamp or heading; the last one keeps the
    paragraph after it (or, under a heading, what stands before the next heading)."""
    spans = []
    for index, mark in enumerate(marks):
        limit = marks[index + 1] if index + 1 < len(marks) else len(blocks)
        end = mark + 1
        while end < limit and blocks[end].kind != "heading":
            last = index + 1 == len(marks) and blocks[mark].kind != "heading"
            if last and end > mark + 1 and blocks[end].group != blocks[end - 1].group:
                break
            end += 1
        spans.append((mark, end))
    return spans


def _update(stamp_block: Block, body: list[Block]) -> Block:
    """One update: its stamp's words and time as `source`, its text joined."""
    found = stamp_of(stamp_block)
    assert found is not None
    parts = []
    for block in body:
        text = block.text.strip()
        bare = _STATE_WORD.fullmatch(text)
        parts.append(f"{text.rstrip(' -–')}:" if bare else text)
    counted = stamp_block.counted and all(b.counted for b in body)
    return Block(
        "update",
        " ".join(p for p in parts if p),
        group=stamp_block.group,
        counted=counted,
        source=stamp_block.text.strip(),
    )
