"""The clinical safety file as data: the hazard log, the NHS risk matrix, and the checks
that keep the log true to the code (docs/clinical-safety/).

The log is read through strict models (unknown keys are an error). `check_hazard_log`
returns every drift it finds, one plain sentence each: a rule or test that does not
exist, a red-flag rule no hazard covers, a rating that does not follow the matrix, a
residual rating at or above the release limit, or a "not sure" answer whose documented
handling is not what triage does. The test suite runs it on every change, so a release
cannot pass with a log that has drifted.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import Field, ValidationError

from backrelief.assessment import Assessment, UnsureField
from backrelief.errors import KnowledgeError, NotFound
from backrelief.knowledge import Knowledge, Level, load_knowledge
from backrelief.triage import triage
from backrelief.values import Strict

Severity = Literal["minor", "significant", "considerable", "major", "catastrophic"]
Likelihood = Literal["very_low", "low", "medium", "high", "very_high"]
SEVERITIES: tuple[Severity, ...] = ("minor", "significant", "considerable", "major", "catastrophic")
LIKELIHOODS: tuple[Likelihood, ...] = ("very_low", "low", "medium", "high", "very_high")

# The DCB0129 risk matrix as the NHS England UK Core hazard log prints it: one row per
# likelihood, one column per severity (minor ... catastrophic).
MATRIX: dict[Likelihood, tuple[int, int, int, int, int]] = {
    "very_high": (3, 4, 4, 5, 5),
    "high": (2, 3, 3, 4, 5),
    "medium": (2, 2, 3, 3, 4),
    "low": (1, 2, 2, 3, 4),
    "very_low": (1, 1, 2, 2, 3),
}
RATING_MEANING: dict[int, str] = {
    1: "acceptable, no further action needed",
    2: "acceptable where further reduction costs more than it gains",
    3: "undesirable; acceptable only when further reduction is impractical",
    4: "control is mandatory",
    5: "unacceptable",
}
# Our release gate: no hazard may stay at this residual rating or above.
RELEASE_LIMIT = 4

LOG_PATH = Path("docs") / "clinical-safety" / "hazard-log.yaml"
SAFETY_CASE_PATH = Path("docs") / "clinical-safety" / "safety-case.md"


def risk_rating(severity: Severity, likelihood: Likelihood) -> int:
    return MATRIX[likelihood][SEVERITIES.index(severity)]


class Risk(Strict):
    severity: Severity
    likelihood: Likelihood
    rating: int = Field(ge=1, le=5)


class Control(Strict):
    kind: Literal["design", "test", "information", "process"]
    what: str = Field(min_length=1)


class NotSure(Strict):
    """How a "not sure" answer to one red-flag question is handled for one rule.

    `then` is the level triage gives for that rule when the person stays not sure, or
    "unasked" when the answer is kept as unknown and the question is listed among the
    red flags not asked. `given` holds the other answers the rule needs in order to fire.
    """

    rule: str
    question: str
    clarify: bool
    then: Level | Literal["unasked"]
    given: dict[str, Any] = Field(default_factory=dict)


class Hazard(Strict):
    id: str = Field(pattern=r"^HAZ-\d{3}$")
    name: str = Field(min_length=1)
    causes: tuple[str, ...] = Field(min_length=1)
    effect: str = Field(min_length=1)
    hazard: str = Field(min_length=1)
    harm: str = Field(min_length=1)
    initial: Risk
    controls: tuple[Control, ...] = Field(min_length=1)
    residual: Risk
    status: Literal["open", "transferred", "closed"]
    owner: str = Field(min_length=1)
    rules: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    not_sure: tuple[NotSure, ...] = ()
    # Why a residual rating of 3 is accepted for now (DCB0129: only when further
    # reduction is impractical). Required for every residual 3.
    justification: str = ""


class SignOff(Strict):
    clinical_safety_officer: str
    registration: str
    date: str
    statement: str


class HazardLog(Strict):
    title: str
    reviewed_against_knowledge: str
    sign_off: SignOff
    hazards: tuple[Hazard, ...] = Field(min_length=1)


# -- reading --------------------------------------------------------------------------

def parse_hazard_log(raw: object, where: str = "hazard-log.yaml") -> HazardLog:
    """Validate an already-parsed log. Raises KnowledgeError naming the entry and key."""
    try:
        return HazardLog.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        if len(loc) >= 2 and loc[0] == "hazards" and isinstance(loc[1], int) and isinstance(raw, dict):
            hazards = raw.get("hazards") or []
            entry = hazards[loc[1]] if loc[1] < len(hazards) else {}
            loc[1] = entry.get("id", loc[1]) if isinstance(entry, dict) else loc[1]
        message = "extra key not allowed" if first["type"] == "extra_forbidden" else first["msg"]
        raise KnowledgeError(f"{where}: {'.'.join(str(p) for p in loc)}: {message}") from None


def read_hazard_log(path: Path) -> HazardLog:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"no hazard log at {path}") from None
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: not valid YAML: {error}") from None
    return parse_hazard_log(raw, path.name)


def source_root() -> Path:
    """The source checkout this package runs from; the safety file lives there, not in the wheel."""
    root = Path(__file__).resolve().parents[2]
    if not (root / LOG_PATH).is_file():
        raise NotFound(
            f"the hazard log is not installed with the package; it is {LOG_PATH} in the source repository"
        )
    return root


# -- checking -------------------------------------------------------------------------

def check_hazard_log(log: HazardLog, knowledge: Knowledge | None = None, root: Path | None = None) -> list[str]:
    """Every way the log has drifted from the code, one sentence each. [] when it is true.

    With `root` (a source checkout) the named tests and the safety case are checked too.
    """
    knowledge = knowledge or load_knowledge()
    problems: list[str] = []
    seen: set[str] = set()
    rule_ids = {r.id for r in knowledge.rules}
    for hazard in log.hazards:
        if hazard.id in seen:
            problems.append(f"{hazard.id}: the id is used twice")
        seen.add(hazard.id)
        problems += _check_ratings(hazard)
        problems += [f"{hazard.id}: names rule '{r}', which is not in red_flags.yaml" for r in hazard.rules if r not in rule_ids]
        if hazard.status == "closed" and not hazard.tests:
            problems.append(f"{hazard.id}: is closed but names no test that proves its controls")
        if root is not None:
            problems += [f"{hazard.id}: {p}" for test in hazard.tests if (p := test_problem(root, test))]
        for entry in hazard.not_sure:
            problems += [f"{hazard.id}: not sure about '{entry.question}' ({entry.rule}): {p}"
                         for p in _check_not_sure(entry, hazard, knowledge)]
    covered = {r for hazard in log.hazards for r in hazard.rules}
    documented = {n.rule for hazard in log.hazards for n in hazard.not_sure}
    asked = {n.question for hazard in log.hazards for n in hazard.not_sure}
    for rule in knowledge.rules:
        if not rule.red_flag:
            continue
        if rule.id not in covered:
            problems.append(f"red-flag rule '{rule.id}' is not covered by any hazard")
        if rule.id not in documented:
            problems.append(f"red-flag rule '{rule.id}': the log does not say how 'not sure' is handled")
    for q in knowledge.screen:
        if q.red_flag and q.asks == "finding" and q.id not in asked:
            problems.append(f"red-flag question '{q.id}': the log does not say how 'not sure' is handled")
    if root is not None:
        case = root / SAFETY_CASE_PATH
        text = case.read_text(encoding="utf-8") if case.is_file() else ""
        problems += [f"{hazard.id}: the safety case does not argue this hazard"
                     for hazard in log.hazards if hazard.id not in text]
    return problems


def _check_ratings(hazard: Hazard) -> list[str]:
    problems: list[str] = []
    for name, risk in (("initial", hazard.initial), ("residual", hazard.residual)):
        expected = risk_rating(risk.severity, risk.likelihood)
        if risk.rating != expected:
            problems.append(
                f"{hazard.id}: {name} rating {risk.rating} does not follow the matrix "
                f"({risk.severity} x {risk.likelihood} = {expected})"
            )
    if hazard.residual.rating >= RELEASE_LIMIT:
        problems.append(f"{hazard.id}: residual rating {hazard.residual.rating} is at or above the release limit {RELEASE_LIMIT}")
    if hazard.residual.rating > hazard.initial.rating:
        problems.append(f"{hazard.id}: residual rating {hazard.residual.rating} is worse than initial {hazard.initial.rating}")
    if hazard.residual.rating == 3 and not hazard.justification.strip():
        problems.append(f"{hazard.id}: a residual rating of 3 needs a written justification")
    return problems


def test_problem(root: Path, node_id: str) -> str | None:
    """Why a pytest node id does not name a test in the tree at `root`, or None."""
    path_part, _, rest = node_id.partition("::")
    names = [n.split("[", 1)[0] for n in rest.split("::")] if rest else []
    if not names or not path_part.startswith("tests/") or not path_part.endswith(".py"):
        return f"test '{node_id}' is not a pytest node id (tests/....py::test_name)"
    file = root / path_part
    if not file.is_file():
        return f"names test '{node_id}', but {path_part} does not exist"
    body: list[ast.stmt] = ast.parse(file.read_text(encoding="utf-8")).body
    for name in names:
        found = [n for n in body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                 and n.name == name]
        if not found:
            return f"names test '{node_id}', but {path_part} has no '{name}'"
        node = found[0]
        body = node.body if isinstance(node, ast.ClassDef) else []
    if not names[-1].startswith("test"):
        return f"names '{node_id}', which pytest would not collect as a test"
    return None


def _check_not_sure(entry: NotSure, hazard: Hazard, knowledge: Knowledge) -> list[str]:
    if entry.rule not in hazard.rules:
        return [f"rule '{entry.rule}' is not among this hazard's rules"]
    question = next((q for q in knowledge.screen if q.id == entry.question), None)
    if question is None:
        return ["no such question in screen.yaml"]
    problems: list[str] = []
    if entry.clarify != bool(question.clarify):
        has = "has" if question.clarify else "has no"
        problems.append(f"the log says clarify: {str(entry.clarify).lower()}, but screen.yaml {has} clarifying question")
    try:
        assessment = _supposed(entry, question.asks)
    except ValidationError as error:
        return [*problems, f"'given' is not a valid assessment: {error.errors()[0]['msg']}"]
    result = triage(assessment, knowledge)
    reason = next((r for r in result.reasons if r.rule == entry.rule), None)
    if entry.then == "unasked":
        if reason is not None:
            problems.append(f"the log says it is kept unknown, but rule fires at {reason.level}")
        if entry.question not in result.red_flags_unasked:
            problems.append("the log says it is listed as not asked, but triage does not list it")
    elif reason is None:
        problems.append(f"the log says {entry.then}, but the rule does not fire")
    elif reason.level != entry.then:
        problems.append(f"the log says {entry.then}, but triage gives {reason.level}")
    elif (question.asks == "finding" or question.id in _UNSURE_FIELDS) and not reason.unsure:
        problems.append("the rule fires from 'given' alone, so this does not show the not-sure branch")
    return problems


# Choice questions whose "not sure" the contract keeps (fields_unsure): triage tries each value.
_UNSURE_FIELDS = frozenset(get_args(UnsureField))


def _supposed(entry: NotSure, asks: str) -> Assessment:
    """The assessment of a person who gave `given` and was not sure of `question`."""
    data: dict[str, Any] = {"age": 40, **entry.given}
    if asks == "finding":
        data["findings_unsure"] = [entry.question]
    elif asks == "history":
        # History has no "not sure" in the contract: the reader and questionnaire keep it
        # unknown, so the other history items must not turn into a plain checklist.
        data["history"] = [h for h in data.get("history", []) if h != entry.question]
        data.setdefault("history_absent", [])
    else:
        data.pop(entry.question, None)
        if entry.question in _UNSURE_FIELDS:
            data["fields_unsure"] = [entry.question]
    return Assessment.model_validate(data)


def hazard_log_report(knowledge: Knowledge | None = None) -> tuple[HazardLog, list[str], list[str]]:
    """The log from this checkout, its drift problems and its review notes."""
    knowledge = knowledge or load_knowledge()
    root = source_root()
    log = read_hazard_log(root / "docs" / "clinical-safety" / "hazard-log.yaml")
    return log, check_hazard_log(log, knowledge, root=root), review_notes(log, knowledge)


def summary(log: HazardLog) -> str:
    """One sentence of counts, as the safety case quotes it (a test keeps the two equal)."""
    hazards = log.hazards
    before = [hazard.id for hazard in hazards if hazard.initial.rating >= RELEASE_LIMIT]
    threes = [hazard.id for hazard in hazards if hazard.residual.rating == 3]
    status = {s: sum(hazard.status == s for hazard in hazards) for s in ("closed", "open", "transferred")}
    return (
        f"{len(hazards)} hazards; {len(before)} rated {RELEASE_LIMIT} or more before controls "
        f"({', '.join(before) or 'none'}), {sum(hazard.residual.rating >= RELEASE_LIMIT for hazard in hazards)} after; "
        f"{len(threes)} with a residual 3 ({', '.join(threes) or 'none'}); "
        f"{status['closed']} closed, {status['open']} open, {status['transferred']} transferred."
    )


def review_notes(log: HazardLog, knowledge: Knowledge | None = None) -> list[str]:
    """Things a reviewer must see before a release, which do not fail the test suite."""
    knowledge = knowledge or load_knowledge()
    notes: list[str] = []
    if log.reviewed_against_knowledge != knowledge.version:
        notes.append(f"the log was reviewed against knowledge {log.reviewed_against_knowledge}; "
                     f"this is knowledge {knowledge.version}: review it again")
    if not log.sign_off.clinical_safety_officer.strip():
        notes.append("no clinical safety officer has signed this hazard log")
    still_open = [hazard.id for hazard in log.hazards if hazard.status == "open"]
    if still_open:
        notes.append(f"{len(still_open)} hazard(s) still open: {', '.join(still_open)}")
    return notes
