"""Section headings and field labels as people write them, mapped to the draft's parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.importer.blocks import Block

_SECTIONS: dict[str, tuple[str, ...]] = {
    "summary": (
        r"(?:(?:issue|incident|outage|executive|event)\s+)?(?:summary|sumary|summery|overview)"
        r"(?:\s+of\s+(?:the\s+)?(?:issue|incident|outage|events?))?",
        r"issue in summary|tl;?\s?dr|what happened|what went wrong|introduction",
        r"incident (?:description|details)",
    ),
    "timeline": (
        r"(?:the\s+|incident\s+|detailed\s+)?time\s?line(?:\s+of\s+(?:the\s+)?events)?",
        r"chronology|sequence of events",
        r"(?:here(?:'|’)?s |here is )?(?:a |the )?(?:(?:detailed|full|brief|short) )?time\s?line"
        r"\s(?:of|for)\s.*",
    ),
    "rcr": (
        r"(?:root\s+)?causes?\s*(?:and|&|/)\s*(?:resolution|solution|fix|remediation|recovery)s?",
    ),
    "measures": (
        r"(?:(?:corrective|correction|correct|preventative|preventive|prevention|preventation"
        r"|preventitive)\s*(?:and|&|/)?\s*)+(?:measures?|actions?|steps)(?:\s+to\s+be\s+taken)?",
        r"prevention|measures\s.*|follow[- ]?ups?|lessons? learned|next steps|future measures",
        r"what we will do.*|where do we go from here|actions? already taken|plan",
        r"what (?:are|will) we(?: be)? (?:doing|do) to prevent.*|how (?:will|do) we prevent.*",
    ),
    "conclusion": (r"conclusions?|closing(?: thoughts)?|final (?:thoughts|words)|disclaimer",),
    "other": (
        r"references|appendix|files|authors?|attendees|atendees|participants|stats|statistics",
        r"acknowledg\w*|background(?: context)?|notes?|a dash of humou?r|requirements|resources",
        r"(?:table of )?contents|data|affected \w+|troubleshooting.*|faq|publication.*",
        r"signature|about (?:me|us|the author)",
    ),
}
_FIELDS: dict[str, tuple[str, ...]] = {
    "root_cause": (
        r"root\s+causes?(?:\s+analysis)?(?:\s+of\s+(?:the\s+)?(?:outage|issue|incident|problem))?",
        r"causes?|what (?:was|were) the (?:root )?causes?|root cause summary",
        r"what caused (?:it|the (?:outage|issue|incident))|contributing factors",
        r"why did (?:it|this) happen|how .+ went wrong",
    ),
    "resolution": (
        r"resolution(?:\s+(?:and|&)\s+(?:recovery|remediation))?|solution|(?:the )?fix",
        r"recovery|mitigation",
        r"how (?:did we|we|was it|it was) (?:fix|fixed|resolve|resolved|solve|solved)"
        r"(?: it| the (?:issue|problem|outage))?",
    ),
    "recovering": (r"recovering .*",),
    "remediation": (r"remediations?",),
    "improvements": (
        r"improvements?(?:\s*(?:/|and|&)\s*fix(?:es)?)?|fixes|things we learned.*",
        r"what we learned|what went well|what worked|what didn'?t work|where we got lucky",
    ),
    "improving": (r"improv\w+ .*",),
    "tasks": (
        r"(?:specific\s+)?tasks?(?:\s+list)?|tasks? to .*|action items?|todo(?: list)?",
        r"to-do(?: list)?|action plan|follow[- ]up (?:tasks|items|actions)",
        r"remediation (?:items|actions|tasks|plan|steps)",
    ),
    "down": (r"what was down or slow|what was down",),
    "experience": (r"what users experienced|user experience",),
    "percent": (r"users affected|percentage of users(?: affected)?|share of users",),
    "impact": (
        r"(?:user|customer|business|service)?\s*impact(?:\s+on\s+.*)?",
        r".*\simpact|who was affected",
    ),
    "duration": (
        r"duration|date\s*(?:/|and)?\s*time|date|time|when|outage (?:window|duration)",
        r"start(?:ed)?(?: time)?|end(?:ed)?(?: time)?|period|time ?frame",
    ),
    "response": (r"response(?: times?)?|time to (?:detect|escalate|resolve)",),
    "service": (r"components?|services? affected|affected services?|systems? affected|service",),
    "description": (r"description",),
    "task": (r"task",),
    "owner": (r"owners?|assignee|responsible|assigned to",),
    "due": (r"due(?: date)?|deadline",),
}
SECTION_LABELS = frozenset(_SECTIONS)
"""Labels that name a whole section wherever they stand."""
_LABELS = re.compile(
    "|".join(
        f"(?P<{name}>{'|'.join(patterns)})"
        for name, patterns in (*_SECTIONS.items(), *_FIELDS.items())
    )
)
"""Every label in one pattern, each a named group: the first that matches names the label."""
_HEADING_ONLY = {"improving": "improvements", "recovering": "resolution"}
_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:")
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+"
)
"""UTF-8 read as Latin-1 or cp1252 (an emoji before a heading's words becomes `â\x8f°`)."""
_MOJIBAKE_LEAD = re.compile("^[^\\w]*[\u00c2-\u00f4](?=\\s)")
"""What is left of such an emoji once its control characters were dropped (`ð Root cause`)."""
_PARENS = re.compile(r"\([^()]*\)|\*\([^()]*\)\*")
_NOT_LABEL_CHARS = re.compile(r"[^\w\s/&;'’\-]")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|0x[0-9a-f]+\.?|[ivx]+\.)\s+")
_LEADING_DIGIT = re.compile(r"[^\w]*\d")
_LETTER = re.compile(r"[^\W\d_]")
_COLON = re.compile(r"\s*[:：]\s*")
SUMMARY_FIELDS = {
    "duration",
    "impact",
    "service",
    "down",
    "experience",
    "percent",
    "description",
    "response",
}


def normal_label(text: str) -> str:
    """A label reduced to its words: `## 📝 Issue Summary (EAT):` -> `issue summary`."""
    text = (
        _PARENS.sub(" ", _SHORTCODE.sub(" ", _MOJIBAKE_LEAD.sub(" ", _MOJIBAKE.sub(" ", text))))
        .lower()
        .replace("_", " ")
    )
    text = _NOT_LABEL_CHARS.sub(" ", text)
    text = _NUMBERING.sub("", text)
    return " ".join(text.split()).strip(" -/&;")


def label_name(text: str) -> str | None:
    """Which label `text` is (`summary`, `timeline`, `root_cause` ...), or None."""
    normal = normal_label(text)
    if not normal or len(normal) > 60:
        return None
    found = _LABELS.fullmatch(normal)
    return found.lastgroup if found else None


@dataclass(frozen=True)
class Label:
    """A label found at the start of a block; `rest` is the text after it on the same line."""

    name: str
    written: str
    rest: str
    extra: str


def find_label(block: Block) -> Label | None:
    """The label a heading, a line or a list item starts with, if any."""
    text = block.text.strip()
    if not text or block.kind not in ("heading", "line", "item"):
        return None
    extra = " ".join(m.group(0).strip("*() ") for m in _PARENS.finditer(text))
    name = label_name(text) if block.kind == "heading" or not text.endswith(".") else None
    if name in _HEADING_ONLY:
        name = _HEADING_ONLY[name] if block.kind == "heading" else None
    if name is not None:
        return Label(name, text, "", extra)
    if block.kind == "heading":
        return Label("unknown", text, "", extra)
    match = _COLON.search(text)
    if match is None or match.start() > 60:
        return None
    head = text[: match.start()]
    if _LEADING_DIGIT.match(head) or not _LETTER.search(head):
        return None
    name = label_name(head)
    if name is None or name in _HEADING_ONLY:
        return None
    return Label(name, text[: match.end()].strip(), text[match.end() :].strip(), extra)
