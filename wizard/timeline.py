"""Timeline entries: kinds inferred from wording, incident metrics and warnings, pasted entries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import pairwise

from wizard.model import Detection, Kind, Postmortem, TimelineEntry
from wizard.time import timezones

_CUES: dict[Kind, tuple[str, ...]] = {
    Kind.MISLEADING: (
        r"\bassum",
        r"\bturned out (?:not|to be (?:a |an )?(?:red herring|wrong|innocent|fine|healthy"
        r"|unrelated))",
        r"\bred herring|\bmislead|\bwrongly\b|\bincorrectly\b|\bfalse (?:lead|alarm|trail)",
        r"\bruled? out\b|\bnot (?:the|our) (?:cause|culprit|problem|issue|fault)",
        r"\b(?:initial(?:ly)?|first) (?:thought|suspect|suspicion|assumption|theory|focus|pointed)",
        r"\bthought (?:it|the|that)\b|\bspeculat|\bblam(?:e|ed|ing)\b|\bwild goose",
        r"\brabbit hole|\bdead end|\bwas innocent|\bno (?:signs|evidence) of",
        r"\b(?:found|showed|revealed) no\b|\btheory\b|\bsuspect",
    ),
    Kind.ESCALATION: (
        r"\bescalat|\bpag(?:ed|ing)\b|\b(?:called|brought|looped|pulled|roped) in\b",
        r"\bnotif(?:ied|y|ying) (?:the |our )?(?:\w+ )?(?:team|engineers?|lead|manager)",
        r"\bcontacted\b|\breached out to\b|\bhanded (?:it )?over\b",
        r"\bjoin(?:s|ed)? (?:the )?(?:call|bridge|incident|chaos)",
        r"\b(?:team|engineers?|dba|sre|on-call)\b[^.]{0,30}\b(?:joins|joined|arrived|engaged)\b",
        r"\bwas informed\b|\binformed (?:the|our)\b|\bcavalry\b",
        r"\b(?:asked|requested) (?:for )?help",
    ),
    Kind.DETECTION: (
        r"\bdetect|\bnotic(?:ed|es|ing)\b|\bspotted\b|\bfirst (?:report|alert|sign)",
        r"\b(?:was|were|got|been) (?:alerted|notified)|\balerted (?:us|the|our)\b",
        r"\balerts?\b[^.]{0,40}\b(?:fired|triggered|went off|received|raised|sent|indicat"
        r"|screamed)",
        r"\b(?:fired|triggered|raised|received|sent|got)\b[^.]{0,40}\balert",
        r"\b(?:monitoring|monitors?|pagerduty|datadog|nagios|prometheus|grafana|alarms?|pagers?)\b"
        r"[^.]{0,80}\b(?:alert|detect|notif|flag|report|warn|fired|trigger|woke|panick|scream"
        r"|freak|lit up|sen[dt])",
        r"\b(?:customers?|users?|clients?|visitors?)\b[^.]{0,40}\b(?:report|complain|tweet|reach"
        r"|contact|e-?mails?)",
        r"\breports? (?:of|from|received)|\breports? the (?:issue|problem|outage)",
        r"\brec(?:ie|ei)ved? (?:a |an |the )?(?:\w+ )?(?:report|e-?mail|complaint|ticket"
        r"|notification|alert|call)",
        r"\be-?mails? (?:received|about)|\bissue was (?:first )?(?:identified|discovered|spotted)",
        r"\bautomated (?:alert|warning)|\bwarning from",
        r"\b(?:outage|issue|problem|incident) (?:was )?(?:first )?(?:noticed|reported)",
    ),
    Kind.RESOLUTION: (
        r"\brolled back\b|\brollback (?:succe|complete)",
        r"\bsuccessful(?:ly)? (?:\w+ ){0,3}(?:rolled|rollback|restor)",
        r"\bsuccessfully (?:resolved|fixed)",
        r"\brestor(?:ed|ation|es)\b|\bresolved\b|\brecovered\b|\bregained access",
        r"\bback (?:online|up|to normal|in service)|\bback to (?:full )?health",
        r"\bfully (?:operational|functional|restored|recovered|back)",
        r"\b(?:is|was|were|now) operational",
        r"\bfix(?:es)? (?:was |is )?deployed|\bservices? (?:is |are |was |were )?back",
        r"\b(?:running|operating|functioning|working|operational) (?:normally|as expected|again)",
        r"\bnormal operations?\b|\b(?:issue|incident) (?:closed|fixed)|\bverified operational",
        r"\bcrisis averted|\bvictor|\b(?:returns?|returned) to normal|\bconfirmed working",
        r"\bavailable again",
    ),
    Kind.MITIGATION: (
        r"\bmitigat|\bwork ?around|\btemporar|\brestart|\breboot|\bfail(?:ed)? ?over",
        r"\bscal(?:ed|ing|e) (?:up|down|out)|\bscaling\b|\brerout|\bredirect|\bdisabl|\brevert",
        r"\broll ?back|\bdrain|\brate.?limit|\bpatch|\bfix(?:ed|es|ing)?\b|\bdeploy|\bhotfix",
        r"\bchanged\b|\badjust|\bupdat|\bincreas|\breplac|\bcorrect(?:ed|ing)\b|\brecreat",
        r"\bcleared\b|\bkill|\bstopp?ed\b|\bpuppet|\bre-?enabl|\bapplied\b",
    ),
    Kind.INVESTIGATION: (
        r"\binvestigat|\bcheck|\blook(?:ed|ing|s)? (?:at|into)|\bexamin|\bdebug|\breview",
        r"\banaly|\bstrace\b|\blogs?\b|\bdiagnos|\btrac(?:ed|ing)\b|\bidentif|\bfound\b",
        r"\bfinds?\b|\bdiscover|\btest(?:ed|s|ing)?\b|\bverif|\bquer|\binspect|\brealiz",
        r"\bunearth|\bsearch|\bdelv|\bexplor|\bhunt\b|\bpinpoint|\btroubleshoot|\bconfirm",
        r"\bdug\b|\bdigging\b",
    ),
}
_METHOD_CUES: dict[Detection, tuple[str, ...]] = {
    Detection.MONITORING: (
        r"\bmonitor|\balert|\bpager|\balarm|\bnagios|\bdatadog|\bprometheus|\bgrafana",
        r"\bautomated|\bdashboard|\bwarning from|\bhealth ?check",
    ),
    Detection.CUSTOMER: (
        r"\bcustomer|\busers?\b|\bclients?\b|\bvisitors?\b|\bcomplain|\btweet|\breports?\b",
        r"\be-?mails?\b|\bsupport\b|\bticket",
    ),
    Detection.ENGINEER: (
        r"\bengineers?\b|\bdevelopers?\b|\bteam\b|\bnotic|\bi\b|\bwe\b|\bon-call\b|\bsre\b",
        r"\bdevops\b|\badmin",
    ),
}


@cache
def _kind_cues() -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    """The cue patterns, compiled on first use: `check` and `export` never need them. They
    are lower case and match lower-cased text (much faster than matching ignoring case)."""
    return tuple((k, re.compile("|".join(c))) for k, c in _CUES.items())


@cache
def _method_cues() -> tuple[tuple[Detection, re.Pattern[str]], ...]:
    return tuple((m, re.compile("|".join(c))) for m, c in _METHOD_CUES.items())


_SETBACK = re.compile(
    r"\bfail|\bunsuccessful|\bnot (?:resolv|restor|fix)|\bstill\b|\bremained\b|\bpartial"
    r"|\btemporar|\bbut\b|\buntil\b"
)
_FIRST_WINS = 4


def infer_kind(text: str) -> tuple[Kind, Detection | None]:
    """The kind of a timeline entry from its wording, and for a detection how it was noticed.

    Misleading paths, escalations, detections and resolutions win when their words appear;
    between mitigation and investigation the cue that comes first in the text decides.
    """
    lower = text.lower()
    for kind, cue in _kind_cues()[:_FIRST_WINS]:
        hit = cue.search(lower)
        if hit and not (kind is Kind.RESOLUTION and _SETBACK.search(_sentence_at(lower, hit))):
            return kind, _method(lower) if kind is Kind.DETECTION else None
    found = [
        (m.start(), kind) for kind, cue in _kind_cues()[_FIRST_WINS:] if (m := cue.search(lower))
    ]
    return (min(found)[1], None) if found else (Kind.OTHER, None)


def _sentence_at(text: str, found: re.Match[str]) -> str:
    """The sentence of `text` that holds `found`: a setback elsewhere (`but` in a later
    sentence of an update) does not undo a resolution."""
    start = max(text.rfind(mark, 0, found.start()) for mark in ".!?")
    ends = [i for mark in ".!?" if (i := text.find(mark, found.end())) >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


def detection_method(text: str) -> Detection:
    """How an incident was noticed, judged from the words of the detection entry."""
    return _method(text.lower())


def _method(lower: str) -> Detection:
    return next((method for method, cue in _method_cues() if cue.search(lower)), Detection.OTHER)


def parse_entries(
    text: str, start: datetime | None, zone: str, dayfirst: bool = False
) -> list[TimelineEntry]:
    """Entries from pasted lines (`12:32 PM - Pagers alerted teams`) or a Markdown table.

    A time alone takes its date from `start` (the incident start, wall-clock in `zone`) or the
    entry before it: the day that puts it nearest, so `00:10` after `23:50` is the next day.
    A zone written with the time (`1:30 AM PST`) goes into the entry's `zone`. Kinds and
    detection methods are inferred from the wording. `dayfirst` orders numeric dates
    (`05/06/2023`) as the author set.
    """
    from wizard import importer

    return importer.parse_entries(text, start, zone, dayfirst)


# --- metrics and warnings ------------------------------------------------------------------


def _moments(pm: Postmortem) -> Iterator[tuple[int, TimelineEntry, datetime]]:
    """(number as exported, entry, aware moment) for every timed entry with text."""
    written = [e for e in pm.sorted_timeline() if e.text.strip()]
    for number, entry in enumerate(written, 1):
        moment = entry.at(pm.window.zone)
        if moment is not None:
            yield number, entry, moment.astimezone(UTC)


def _minutes(later: datetime | None, earlier: datetime | None) -> int | None:
    if later is None or earlier is None:
        return None
    return int((later - earlier).total_seconds() // 60)


def metrics(pm: Postmortem) -> dict[str, int | None]:
    """Minutes from the incident start to the first detection, first escalation and the fix."""
    start = pm.window.start_at
    start = start.astimezone(UTC) if start else None
    timed = list(_moments(pm))

    def first(kind: Kind) -> datetime | None:
        return min((m for _, e, m in timed if e.kind is kind), default=None)

    resolved = max((m for _, e, m in timed if e.kind is Kind.RESOLUTION), default=None)
    if resolved is None and pm.window.end_at is not None:
        resolved = pm.window.end_at.astimezone(UTC)
    return {
        "time_to_detect_minutes": _minutes(first(Kind.DETECTION), start),
        "time_to_escalate_minutes": _minutes(first(Kind.ESCALATION), start),
        "time_to_resolve_minutes": _minutes(resolved, start),
    }


def _clock_in(pm: Postmortem) -> Callable[[datetime], str]:
    """How the warnings write a moment: in the incident's zone, on the draft's clock."""
    zone = timezones.get_zone(pm.window.zone)
    return lambda moment: timezones.format_clock(moment.astimezone(zone), pm.clock)


def warnings(pm: Postmortem) -> list[str]:
    """What looks wrong in the timeline's times; warnings, never errors."""
    clock = _clock_in(pm)
    start, end = pm.window.start_at, pm.window.end_at
    timed = list(_moments(pm))
    found: list[str] = []
    for number, _, moment in timed:
        if start is not None and moment < start:
            found.append(
                f"entry {number} ({clock(moment)}) is before the incident start ({clock(start)})"
            )
        if end is not None and moment > end:
            found.append(
                f"entry {number} ({clock(moment)}) is after the incident end ({clock(end)})"
            )
    found.extend(_order_warnings(timed, clock))
    return found


def _order_warnings(
    timed: list[tuple[int, TimelineEntry, datetime]], clock: Callable[[datetime], str]
) -> list[str]:
    found = []
    detections = [(n, m) for n, e, m in timed if e.kind is Kind.DETECTION]
    resolutions = [(n, m) for n, e, m in timed if e.kind is Kind.RESOLUTION]
    if detections and resolutions:
        detected, fixed = min(detections, key=_second), min(resolutions, key=_second)
        if fixed[1] < detected[1]:
            found.append(
                f"the resolution (entry {fixed[0]}, {clock(fixed[1])}) comes before the "
                f"detection (entry {detected[0]}, {clock(detected[1])})"
            )
    for (n1, _, m1), (n2, _, m2) in pairwise(timed):
        if m1 == m2:
            found.append(f"entries {n1} and {n2} are both at {clock(m1)}")
    return found


def _second(item: tuple[int, datetime]) -> datetime:
    return item[1]
