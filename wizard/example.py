"""A complete, fictional postmortem that meets every rubric point: the user's first look."""

from __future__ import annotations

from datetime import date, datetime

from wizard.model import Detection, Impact, Kind, Postmortem, Task, TimelineEntry, Window


def _at(hour: int, minute: int) -> datetime:
    return datetime(2023, 1, 17, hour, minute)


def example_postmortem() -> Postmortem:
    """The checkout outage at a fictional shop, written up the way the rubric asks."""
    entry = TimelineEntry
    return Postmortem(
        title="Checkout outage at Duka Online",
        service="Checkout API",
        window=Window(start=_at(12, 30), end=_at(13, 45), zone="Africa/Nairobi"),
        clock="12h",
        impact=Impact(
            down="The checkout API returned errors for most requests; product pages stayed up.",
            experience=(
                "Shoppers could browse and fill their carts, but paying failed with "
                "'Something went wrong' and some were charged twice when they retried."
            ),
            percent=62,
        ),
        root_cause_summary=(
            "A configuration change shrank the database connection pool of the checkout "
            "service from 200 to 20 connections, so requests queued until they timed out."
        ),
        timeline=[
            entry(
                time=_at(12, 32),
                kind=Kind.DETECTION,
                detected_by=Detection.MONITORING,
                text="A monitoring alert fired: checkout error rate above 5% for two minutes.",
            ),
            entry(
                time=_at(12, 36),
                kind=Kind.INVESTIGATION,
                text="The on-call engineer checked the payment provider's status page and "
                "the API dashboards; latency on checkout was ten times normal.",
            ),
            entry(
                time=_at(12, 44),
                kind=Kind.MISLEADING,
                text="We assumed the payment provider was slow and opened a ticket with "
                "them; their systems turned out to be healthy.",
            ),
            entry(
                time=_at(12, 58),
                kind=Kind.ESCALATION,
                text="Escalated to the database team after connection wait times showed "
                "up in the service logs.",
            ),
            entry(
                time=_at(13, 15),
                kind=Kind.INVESTIGATION,
                text="The database team found the pool size had dropped to 20 in the "
                "morning's configuration release.",
            ),
            entry(
                time=_at(13, 24),
                kind=Kind.MITIGATION,
                text="Rolled back the configuration release on all checkout servers.",
            ),
            entry(
                time=_at(13, 45),
                kind=Kind.RESOLUTION,
                text="Error rate back to normal; the incident was resolved and the "
                "status page updated.",
            ),
        ],
        root_cause=(
            "At 9:10 AM a routine configuration release changed the connection pool "
            "setting of the checkout service. The new template used a value meant for a "
            "staging environment, so every checkout server opened at most 20 database "
            "connections instead of 200. Morning traffic was low enough to hide it. When "
            "the lunchtime peak arrived at 12:30 PM, requests waited for a free connection, "
            "hit the 10-second timeout and failed. Retries from the mobile app doubled "
            "the load, which made the queue longer still."
        ),
        resolution=(
            "The database team compared the running settings with the previous release "
            "and found the pool size change. We rolled back the configuration on all "
            "checkout servers, which restored the pool to 200 connections within two "
            "minutes. We then refunded the 311 duplicate charges and confirmed with the "
            "payment provider that no order was lost."
        ),
        improvements=[
            "Review configuration changes that touch capacity settings like any code change.",
            "Alert on database connection wait time, not only on error rate.",
            "Make client retries back off so that an outage does not double the load.",
        ],
        tasks=[
            Task(
                text="Add a check that refuses pool sizes below 100 in production templates",
                owner="Amina",
                type="prevent",
                priority="P1",
                due=date(2023, 1, 24),
            ),
            Task(
                text="Add monitoring on connection pool wait time",
                owner="Brian",
                type="detect",
                priority="P1",
                due=date(2023, 1, 27),
            ),
            Task(
                text="Add exponential backoff to checkout retries in the mobile app",
                owner="Chen",
                type="mitigate",
                priority="P2",
                due=date(2023, 2, 3),
            ),
            Task(text="Refund duplicate charges", owner="Dana", done=True),
        ],
    )


def sre_example_postmortem() -> Postmortem:
    """The same outage written up in the SRE template's sections, meeting its rubric."""
    classic = example_postmortem()
    types = ["prevent", "detect", "mitigate", "process"]
    tasks = [
        task.revised(type=kind, priority=f"P{n}", link=f"https://tracker.example/DUKA-{41 + n}")
        for n, (task, kind) in enumerate(zip(classic.tasks, types, strict=True))
    ]
    return classic.revised(
        template="sre",
        root_cause_summary="",
        impact={},
        service="",
        improvements=[],
        tasks=[t.model_dump() for t in tasks],
        parts={
            "summary": (
                "Checkout at Duka Online failed for 75 minutes during the lunchtime peak "
                "after a configuration release shrank its database connection pool."
            ),
            "impact": (
                "62% of shoppers could not pay between 12:30 PM and 1:45 PM; 311 were charged "
                "twice when they retried, and were refunded the same day."
            ),
            "trigger": (
                "The lunchtime traffic peak at 12:30 PM, on servers left with 20 database "
                "connections each by the morning's configuration release."
            ),
            "detection": (
                "A monitoring alert on the checkout error rate fired two minutes after the "
                "errors began; nothing alerted on connection wait time."
            ),
            "went_well": [
                "The error-rate alert paged the on-call engineer within two minutes.",
                "Rolling back the configuration took two minutes once the change was found.",
            ],
            "went_wrong": [
                "We spent 14 minutes on the payment provider, which was healthy.",
                "Client retries doubled the load on the checkout service.",
            ],
            "got_lucky": ["The database team was in the office and answered at once."],
        },
    )


EXAMPLES = {"classic": example_postmortem, "sre": sre_example_postmortem}
"""The example draft of each built-in template, by its name."""
