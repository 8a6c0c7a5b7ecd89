"""Many regular expressions searched as one alternation would be, fast: each is tried only
when the text holds a literal text every match of it holds, and one pass of one pattern
finds which of those a text holds. The timeline kinds' cues (wizard/kinds.py) are read so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple


def either(patterns: list[str]) -> AnyOf:
    """`patterns` searched as `(?:p1)|(?:p2)|...` would be: the same first match. Each is
    compiled when first tried: most texts never need most of them."""
    parts = tuple((literals(p), p) for p in patterns)
    by_head: dict[str, list[int]] = {}
    for order, (heads, _) in enumerate(parts):
        for head in heads or ():
            by_head.setdefault(head, []).append(order)
    always = tuple(order for order, (heads, _) in enumerate(parts) if heads is None)
    finder = Finder.of(by_head)
    return AnyOf(parts, finder, {h: tuple(o) for h, o in by_head.items()}, always, {})


class Finder(NamedTuple):
    """Which of a set of literal texts a text holds, in one pass of one pattern."""

    pattern: re.Pattern[str]
    prefixes: dict[str, frozenset[str]]  # each text, and those of the set it starts with

    @staticmethod
    def of(texts: Iterable[str]) -> Finder:
        heads = set(texts)
        trie: dict[str, Any] = {}
        for head in heads:
            node = trie
            for char in head:
                node = node.setdefault(char, {})
            node[""] = {}
        prefixes = {h: frozenset(h[:n] for n in range(1, len(h) + 1)) & heads for h in heads}
        return Finder(re.compile(f"(?=({_trie(trie)}))" if heads else "(?!)"), prefixes)

    def held(self, text: str) -> set[str]:
        """The texts of the set that `text` holds."""
        found: set[str] = set()
        for match in self.pattern.finditer(text):
            found |= self.prefixes[match[1]]
        return found


def _trie(node: dict[str, Any]) -> str:
    """A pattern for the texts of a trie; at a place where several match, the longest."""
    ways = [re.escape(char) + _trie(rest) for char, rest in sorted(node.items()) if char]
    body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})" if ways else ""
    return f"(?:{body})?" if "" in node and body else body


class AnyOf(NamedTuple):
    """Patterns of which any may match, searched like one alternation. Each is tried only
    when the text holds one of the literal texts every match of it holds (`detect` for
    `\\bdetect(?:ed)?`): most entries hold few, so few patterns run."""

    parts: tuple[tuple[frozenset[str] | None, str], ...]  # each pattern's literals, its text
    finder: Finder
    by_head: dict[str, tuple[int, ...]]
    always: tuple[int, ...]
    compiled: dict[int, re.Pattern[str]]  # the patterns tried so far, by their place

    def pattern(self, order: int) -> re.Pattern[str]:
        """The pattern in place `order`, compiled."""
        found = self.compiled.get(order)
        if found is None:
            found = self.compiled[order] = re.compile(self.parts[order][1])
        return found

    def candidates(self, text: str) -> set[int]:
        """The patterns that may match `text`, by their place."""
        found = set(self.always)
        for head in self.finder.held(text):
            found.update(self.by_head.get(head, ()))
        return found

    def finditer(self, text: str, tried: set[int] | None = None) -> list[re.Match[str]]:
        """Every match of the patterns `tried` (by default those that may match), leftmost
        first (the earlier pattern first at a tie)."""
        found = [
            (m.start(), order, m)
            for order in sorted(self.candidates(text) if tried is None else tried)
            for m in self.pattern(order).finditer(text)
        ]
        return [m for _, _, m in sorted(found, key=lambda f: f[:2])]

    def search(self, text: str, tried: set[int] | None = None) -> re.Match[str] | None:
        """The leftmost match of the patterns `tried` (by default those that may match),
        the earlier pattern at a tie."""
        best: re.Match[str] | None = None
        for order in sorted(self.candidates(text) if tried is None else tried):
            found = self.pattern(order).search(text)
            if found and (best is None or found.start() < best.start()):
                best = found
        return best


@cache
def literals(pattern: str) -> frozenset[str] | None:
    """Literal texts one of which every match of `pattern` holds (the rarest such set, by
    its shortest text); None when unknown. re.error for a pattern that is none."""
    from wizard import memo

    return memo.recall("literals", pattern, _literals)


def _literals(pattern: str) -> frozenset[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def rarest(found: list[set[str]]) -> set[str] | None:
        return max(found, key=lambda t: (min(map(len, t)), -len(t)), default=None)

    def needed(ops: Any) -> set[str] | None:
        """The rarest set of texts one of which every match of `ops` in a row holds."""
        found: list[set[str]] = []
        text = ""
        for op, value in ops:
            if op is c.LITERAL:
                text += chr(value)
                continue
            if text:
                found.append({text})
                text = ""
            if op is c.SUBPATTERN and (inner := needed(value[-1])):
                found.append(inner)
            elif op is c.BRANCH:
                ways = [needed(branch) for branch in value[1]]
                if all(ways):
                    found.append(set().union(*ways))  # type: ignore[arg-type]
            elif (
                op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1 and (inner := needed(value[2]))
            ):
                found.append(inner)
        if text:
            found.append({text})
        return rarest(found)

    try:
        found = needed(_parser.parse(pattern))
    except (AttributeError, TypeError, ValueError, IndexError):  # another parser: always try
        return None
    return frozenset(found) if found else None
