"""Advice on blaming wording and on tasks, through the models and the data files."""

from __future__ import annotations

import sys
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from wizard import advice
from wizard.advice import Advice, AdviceDataError, blame_in, task_advice
from wizard.example import example_postmortem
from wizard.model import Impact, Postmortem, Task, TimelineEntry
from wizard.rubric import evaluate

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not installed


def ids(found: list[Advice]) -> list[str]:
    return [a.id for a in found]


# --- the data files ------------------------------------------------------------------------


def test_the_data_files_ship_in_the_package_and_load() -> None:
    for name in (advice.BLAME_FILE, advice.ACTIONS_FILE):
        assert resources.files("wizard").joinpath(name).is_file()
    blame = advice.blame_rules_from(
        tomllib.loads(resources.files("wizard").joinpath(advice.BLAME_FILE).read_text())
    )
    assert [k.id for k in blame.kinds] + [blame.person_id] == ["B1", "B2", "B3", "B4", "B5"]
    actions = advice.action_rules_from(
        tomllib.loads(resources.files("wizard").joinpath(advice.ACTIONS_FILE).read_text())
    )
    assert {"add", "fix", "monitor"} <= actions.verbs


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"kind": [{"id": "B1", "patterns": ["(unclosed"], "suggestion": "x"}]}, "broken pattern"),
        ({"kind": [{"id": "B1", "suggestion": "x"}]}, "needs a list of patterns"),
        ({"kind": [{"id": "B1", "patterns": ["a"]}]}, "suggestion must be a text"),
        ({"kind": []}, "no [[kind]]"),
        ({"kind": [{"id": "B1", "patterns": ["Human"], "suggestion": "x"}]}, "lower case"),
        ({"kind": [{"id": "B1", "patterns": ["a"], "suggestion": "x"}]}, "no [person] table"),
    ],
)
def test_a_broken_blame_file_says_what_is_wrong(data: dict[str, object], said: str) -> None:
    with pytest.raises(AdviceDataError, match=said.replace("[", r"\[")):
        advice.blame_rules_from(data)


def test_a_broken_actions_file_says_what_is_wrong() -> None:
    with pytest.raises(AdviceDataError, match="no suggestion for A3"):
        advice.action_rules_from(
            {"advice": {k: {"suggestion": "s"} for k in ("A1", "A2", "A4", "A5")}}
        )
    with pytest.raises(AdviceDataError, match="verbs must be a list"):
        advice.action_rules_from(
            {"advice": {f"A{n}": {"suggestion": "s"} for n in range(1, 6)}, "verbs": "add"}
        )


# --- blaming wording -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("The outage was caused by human error.", "B1", "human error"),
        ("An operator error deleted the volume.", "B1", "operator error"),
        ("The on-call should have checked the graph.", "B2", "The on-call should have checked"),
        ("They should’ve known the limit.", "B2", "They should've known"),
        ("He forgot to renew the certificate.", "B3", "forgot to"),
        ("The reviewer failed to notice the typo.", "B3", "The reviewer failed to"),
        ("The release was rushed through carelessly.", "B4", "carelessly"),
        ("It was the fault of the engineer on call.", "B4", "the fault of the engineer"),
        ("It was his fault.", "B4", "his fault"),
        ("Gross negligence by the admin.", "B4", "negligence"),
        ("Bob removed the production volume.", "B5", "Bob removed"),
        ("At 10:02 the job hung. John forgot the flag.", "B5", "John forgot"),
        ("Priya mistakenly ran the script.", "B5", "Priya mistakenly"),
        ("Dmitri Ivanov misread the graph.", "B5", "Dmitri Ivanov misread"),
        ("Okonkwo forgot the flag.", "B5", "Okonkwo forgot"),
    ],
)
def test_blaming_wording_is_found(text: str, kind: str, found: str) -> None:
    advice_found = [a for a in blame_in(text, "root_cause") if a.id == kind]
    assert [a.text for a in advice_found] == [found]
    assert advice_found[0].field == "root_cause" and advice_found[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Kubernetes removed the pod and the scheduler placed it elsewhere.",
        "Terraform deleted the bucket because its state was stale.",
        "Requests failed to connect to the database.",
        "The deploy failed to start on two hosts.",
        "We restarted the workers and error rates dropped.",
        "Alice restarted the service at 10:40.",
        "GitHub dropped webhooks for an hour.",
        "The careful rollout took four hours.",
        "Error rates should have returned to normal after the flush, but did not.",
        "The server failed to respond to health checks.",
        "Requests were queued; they should have been retried by the client.",
        "Without paging we could've noticed it much later than we did.",
        "Mark the release as bad in the pipeline.",
        "Automate the release to reduce the risk of human error.",
        "Checklists remove the chance of human error in failovers.",
        "It was not their fault: the alert never fired.",
        "We first blamed DNS, then the load balancer.",
        "A fault of the disk controller corrupted the volume.",
        "The service is fault tolerant; it's fault isolation that failed.",
        "Lazy loading of the module delayed start-up.",
        "User errors rose to 30% of requests.",
        "Kubernetes inadvertently evicted the pods.",
        "The servers came back, but they should have restarted on their own.",
    ],
)
def test_neutral_wording_is_left_alone(text: str) -> None:
    assert blame_in(text, "root_cause") == []


def test_every_text_field_is_read_with_its_dotted_path() -> None:
    draft = Postmortem(
        title="Human error at the edge",
        impact=Impact(down="checkout", experience="Bob removed the cache."),
        timeline=[
            TimelineEntry(text="Alert fired"),
            TimelineEntry(text="Engineer forgot to drain the node"),
        ],
        root_cause="Someone should have checked.",
        improvements=["Stop blaming", "It was careless"],
        tasks=[Task(text="Add a check on forgot to", owner="Sam", due=date(2024, 1, 1))],
        unsorted="negligence",
    )
    found = {(a.id, a.field) for a in advice.blame_advice(draft)}
    assert found == {
        ("B1", "title"),
        ("B5", "impact.experience"),
        ("B3", "timeline.1.text"),
        ("B5", "timeline.1.text"),
        ("B2", "root_cause"),
        ("B4", "improvements.1"),
        ("B3", "tasks.0.text"),
        ("B4", "unsorted"),
    }


def test_the_same_wording_twice_in_a_field_is_said_once() -> None:
    text = "Human error. Then more human error, and HUMAN ERROR again."
    assert ids(blame_in(text, "root_cause")) == ["B1"]


def test_advice_never_changes_the_rubric() -> None:
    clean = example_postmortem()
    blaming = clean.revised(root_cause=clean.root_cause + " It was human error: Bob forgot to.")
    assert ids(advice.advise(clean)) == []
    assert {"B1", "B3", "B5"} <= set(ids(advice.advise(blaming)))
    assert evaluate(blaming).passed and evaluate(clean).passed


# --- tasks ---------------------------------------------------------------------------------


def test_a_task_a_reviewer_accepts_gets_no_advice() -> None:
    task = Task(text="Add a monitor on queue workers", owner="Ana", due=date(2024, 3, 1))
    assert task_advice([task]) == []


def test_a_bare_noun_gets_every_task_advice_but_the_duplicate() -> None:
    found = task_advice([Task(text="Monitoring")])
    assert ids(found) == ["A1", "A2", "A3", "A4"]
    assert [a.field for a in found] == [
        "tasks.0.text",
        "tasks.0.text",
        "tasks.0.owner",
        "tasks.0.due",
    ]
    assert (
        found[0].text == "Monitoring"
        and "'Monitor' rather than 'Monitoring'" in found[0].suggestion
    )


@pytest.mark.parametrize(
    "text",
    [
        "Patch the Nginx servers",
        "Re-enable the cache warmer",
        "Reconfigure the load balancer health check",
        "Containerize the nightly build",
        "OPS-12: rotate the database credentials",
        "Monitoring: alert on disk usage above 80%",
        "[ ] Document the failover in the runbook",
        "Backport the fix to the 2.x branch",
    ],
)
def test_tasks_starting_with_a_verb(text: str) -> None:
    task = Task(text=text, owner="ops", due=date(2024, 1, 1))
    assert task_advice([task]) == []


@pytest.mark.parametrize(
    ("text", "base"),
    [("Adding alerts on disk usage", "Add"), ("Migrated the queue to SQS", "Migrate")],
)
def test_another_form_of_a_verb_is_advised_back_to_the_base(text: str, base: str) -> None:
    [found] = task_advice([Task(text=text, owner="ops", due=date(2024, 1, 1))])
    assert found.id == "A1" and f"'{base}' rather than" in found.suggestion


@pytest.mark.parametrize(
    "text", ["Improve monitoring", "Fix the bug", "Add more tests", "Review the process"]
)
def test_vague_tasks_name_nothing_concrete(text: str) -> None:
    found = task_advice([Task(text=text, owner="ops", due=date(2024, 1, 1))])
    assert ids(found) == ["A2"] and found[0].text == text


def test_a_done_task_needs_no_due_date_but_an_owner() -> None:
    found = task_advice([Task(text="Refund duplicate charges", done=True)])
    assert ids(found) == ["A3"]


def test_a_near_duplicate_task_is_the_later_one() -> None:
    tasks = [
        Task(text="Add an alert on disk usage", owner="a", due=date(2024, 1, 1)),
        Task(text="Add a timeout to the payment client", owner="a", due=date(2024, 1, 1)),
        Task(text="Adding alerts on the disk usage.", owner="b", due=date(2024, 1, 2)),
    ]
    found = [a for a in task_advice(tasks) if a.id == "A5"]
    assert [a.field for a in found] == ["tasks.2.text"]
    assert "Add an alert on disk usage" in found[0].suggestion


def test_empty_tasks_are_skipped() -> None:
    assert task_advice([Task(text="  ")]) == []


def test_advice_as_json_has_the_four_keys() -> None:
    [found] = blame_in("human error", "root_cause")
    assert found.as_json() == {
        "id": "B1",
        "field": "root_cause",
        "text": "human error",
        "suggestion": found.suggestion,
    }


def test_every_flag_on_the_corpora_is_labelled_by_hand(corpus: Path) -> None:
    """The labels cover what the advice says on both corpora, within the false-alarm budget."""
    from benchmarks import advice as measured

    flags = measured.gather(measured.documents())
    judged = measured.load_labels()
    assert [f for f in flags.flags if measured.label_of(f) not in judged] == []
    false = sum(judged[measured.label_of(f)] is False for f in flags.flags)
    assert 10 * false / sum(flags.documents.values()) <= measured.FALSE_PER_TEN_BUDGET
