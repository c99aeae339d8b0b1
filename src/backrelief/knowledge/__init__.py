"""Clinical knowledge as data: versioned files inside the package, validated on load.

The files live in `knowledge/data/`. Each is read through a strict model that refuses
unknown keys and values; cross-checks (a rule citing a source that does not exist, a
cause that is not described) fail at load time with the file, the entry and the key.
Other parts of the product (plan, reader) load their own files with `read_data` and
check their citations with `Knowledge.check_sources`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from backrelief.assessment import Finding, History, UnsureField
from backrelief.errors import KnowledgeError
from backrelief.knowledge.conditions import Condition, KnowledgeModel
from backrelief.knowledge.snapshot import remembered

if TYPE_CHECKING:
    import yaml

Level = Literal["emergency", "urgent", "routine", "self_care"]
# What a person can be "not sure" of: a yes / no finding (`findings_unsure`), or one of the
# choice questions whose every value triage tries (`fields_unsure`).
UnsureOf = Literal["findings"] | UnsureField
# The id of a rule or an exercise: lower-case words joined by hyphens; never reused.
KnowledgeId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
LEVELS: tuple[Level, ...] = ("emergency", "urgent", "routine", "self_care")
URGENCY: dict[Level, int] = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}

M = TypeVar("M", bound=BaseModel)


class Source(KnowledgeModel):
    """One document (a guideline that replaced another is one record naming both)."""

    id: str
    citation: str
    read: str
    # Where it is, when it has an address; the citation carries the publication details.
    url: str | None = Field(default=None, pattern=r"^https://")
    # When we read it (the date of the research notes it came from).
    date_read: date


class SourcesFile(KnowledgeModel):
    version_note: str
    sources: tuple[Source, ...]


class Disposition(KnowledgeModel):
    level: Level
    title: str
    action: str
    # Beside a serious cause the answer may fit, so the tag never undersells the answer.
    serious_cause: str
    sources: tuple[str, ...]


class NotFinished(KnowledgeModel):
    """What a check says instead of "look after this at home" while warning-sign questions
    are unanswered: nothing given is a warning sign, but that is not the same as none."""

    title: str
    action: str
    reason: str
    sources: tuple[str, ...]


class Contact(KnowledgeModel):
    """Whom to call, when the rules that decide the answer name someone other than the
    level's usual contact (a pregnancy: the maternity unit or midwife). The heading and the
    action then say this contact, at the same level."""

    title: str
    action: str
    sources: tuple[str, ...]


class DispositionsFile(KnowledgeModel):
    dispositions: tuple[Disposition, ...]
    not_finished: NotFinished
    # Contact id -> level -> its words (a rule names one with `contact`).
    contacts: dict[str, dict[Level, Contact]] = Field(default_factory=dict)
    emergency_help: str
    not_a_diagnosis: str
    warning_signs: str
    sources: tuple[str, ...]


# The sexes a wording can be written for; anyone else (other, not said) reads the
# wording for both, which `reason` and `text` hold.
WordedSex = Literal["female", "male"]


class Rule(KnowledgeModel):
    id: KnowledgeId
    level: Level
    when: Condition
    reason: str
    # The reason in words for one sex, where the wording names body parts ("trouble with
    # erections" is not said to a woman); `reason` is the wording for both.
    reason_by_sex: dict[WordedSex, str] = Field(default_factory=dict)
    # Whom to call when this rule decides the answer (dispositions.yaml `contacts`), so
    # the heading says that contact rather than the reason alone.
    contact: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    suggests: tuple[str, ...] = ()
    # The level this rule gives when it fires only because the person was not sure of a
    # finding or of a choice question (the safer branch, capped): one level for every
    # "not sure", or a level for each thing one can be not sure of ("findings", "trigger",
    # "region", "radiation", "leg_sides"); what a mapping leaves out, and None, give the
    # rule's own level. See `level_if_unsure`.
    if_unsure: Level | dict[UnsureOf, Level] | None = None
    # Said after the reason when the rule fired from a "not sure": what to do at once if
    # the thing the person was not sure of turns out to be so (the safety net of a lower
    # `if_unsure` level).
    if_unsure_say: str = ""
    red_flag: bool = True
    # A fallback rule speaks only when no other rule fired ("no warning signs").
    fallback: bool = False


    def level_if_unsure(self, of: UnsureOf) -> Level:
        """The level when the rule fires only because the person was not sure of `of`
        ("findings" for a yes / no finding): never above the rule's own level."""
        chosen = self.if_unsure.get(of) if isinstance(self.if_unsure, dict) else self.if_unsure
        if chosen is None or URGENCY[chosen] > URGENCY[self.level]:
            return self.level
        return chosen


class RulesFile(KnowledgeModel):
    rules: tuple[Rule, ...]


class Cause(KnowledgeModel):
    id: str
    name: str
    summary: str
    serious: bool
    sources: tuple[str, ...] = Field(min_length=1)
    # Non-serious causes are matched by their own condition; serious ones by the rules
    # that suggest them.
    when: Condition | None = None


class CausesFile(KnowledgeModel):
    causes: tuple[Cause, ...]


class Choice(KnowledgeModel):
    value: str
    label: str


class SexWording(KnowledgeModel):
    """A question's words for one sex; what it leaves empty stays the wording for both."""

    text: str = ""
    name: str = ""
    help: str = ""
    clarify: str = ""
    about: str = ""


class Question(KnowledgeModel):
    id: str
    asks: Literal["finding", "history", "field"]
    text: str
    # For a finding: the sign in a few plain words, as a sentence names it ("You noted
    # something new: numbness around your bottom, genitals or inner thighs.").
    name: str = ""
    help: str = ""
    # Asked again, in other words, when the first answer is "not sure".
    clarify: str = ""
    # The question as words that follow "You did not tell us" and "You were not sure"
    # ("how old you are"): a reason that fired on this answer unknown or not sure says so.
    # Not made from `name`: a "whether" clause, not a noun phrase (see screen.yaml's header).
    about: str = ""
    red_flag: bool = True
    # For field questions: the allowed answers with their plain labels.
    choices: tuple[Choice, ...] = ()
    # Asked only when this holds for what is known so far (the rule language); for
    # example the pregnancy warning signs only when the person is pregnant.
    ask_if: Condition | None = None
    # Sex-specific wording (questions about the genitals): shown for the sex given, the
    # wording for both when it is unknown or neither.
    by_sex: dict[WordedSex, SexWording] = Field(default_factory=dict)

    def for_sex(self, sex: str | None) -> Question:
        """The question as worded for this person's sex (itself when it has one wording)."""
        wording = self.by_sex.get(sex) if sex in ("female", "male") else None  # type: ignore[call-overload]
        if wording is None:
            return self
        return self.model_copy(update={k: v for k, v in wording.model_dump().items() if v})


class ScreenFile(KnowledgeModel):
    questions: tuple[Question, ...]


class Manifest(KnowledgeModel):
    version: str
    name: str
    reviewed: str


class Knowledge(KnowledgeModel):
    version: str
    sources: dict[str, Source]
    dispositions: dict[Level, Disposition]
    not_finished: NotFinished
    contacts: dict[str, dict[Level, Contact]] = Field(default_factory=dict)
    emergency_help: str
    not_a_diagnosis: str
    warning_signs: str
    rules: tuple[Rule, ...]
    rules_by_id: dict[str, Rule]
    causes: dict[str, Cause]
    screen: tuple[Question, ...]

    def check_sources(self, ids: tuple[str, ...] | list[str], where: str) -> None:
        missing = [i for i in ids if i not in self.sources]
        if missing:
            raise KnowledgeError(f"{where}: cites source id(s) not in sources.yaml: {', '.join(missing)}")

    def rule(self, rule_id: str) -> Rule:
        return self.rules_by_id[rule_id]


def yaml_loader() -> type[yaml.SafeLoader]:
    """libyaml's loader reads the triage files about ten times faster than PyYAML's
    pure-Python one, with the same result (tests/knowledge checks that); the pure one where
    libyaml is missing. PyYAML is imported only here: a command whose knowledge comes from
    its stored copy (knowledge/snapshot.py) never needs it."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def read_data(filename: str, model: type[M]) -> M:
    """Read one YAML file from knowledge/data through its strict model."""
    import yaml

    try:
        text = resources.files("backrelief.knowledge").joinpath("data", filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{filename}: the knowledge file is missing") from None
    try:
        raw: Any = yaml.load(text, Loader=yaml_loader())
        return model.model_validate(raw)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{filename}: not valid YAML: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise KnowledgeError(f"{filename}: {loc}: {first['msg']}") from None


def _unique(ids: list[str], filename: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise KnowledgeError(f"{filename}: id '{i}' appears twice")
        seen.add(i)


def _one_record_per_document(sources: SourcesFile) -> None:
    # Two ids with one citation are one document cited twice: merge them into one record.
    seen: dict[str, str] = {}
    for s in sources.sources:
        other = seen.setdefault(s.citation, s.id)
        if other != s.id:
            raise KnowledgeError(f"sources.yaml: '{s.id}' and '{other}' have the same citation; "
                                 "one record per document")


def build_knowledge(
    manifest: Manifest,
    sources: SourcesFile,
    dispositions: DispositionsFile,
    rules: RulesFile,
    causes: CausesFile,
    screen: ScreenFile,
) -> Knowledge:
    """Cross-check the files and assemble them. Raises KnowledgeError on any drift."""
    _unique([s.id for s in sources.sources], "sources.yaml")
    _one_record_per_document(sources)
    _unique([r.id for r in rules.rules], "red_flags.yaml")
    _unique([c.id for c in causes.causes], "causes.yaml")
    _unique([q.id for q in screen.questions], "screen.yaml")
    unnamed = [q.id for q in screen.questions if q.asks == "finding" and not q.name.strip()]
    if unnamed:
        raise KnowledgeError("screen.yaml: every finding needs a plain `name` (the diary and the report "
                             "say the sign by it): " + ", ".join(unnamed))
    knowledge = Knowledge(
        version=manifest.version,
        sources={s.id: s for s in sources.sources},
        dispositions={d.level: d for d in dispositions.dispositions},
        not_finished=dispositions.not_finished,
        contacts=dispositions.contacts,
        emergency_help=dispositions.emergency_help,
        not_a_diagnosis=dispositions.not_a_diagnosis,
        warning_signs=dispositions.warning_signs,
        rules=rules.rules,
        rules_by_id={r.id: r for r in rules.rules},
        causes={c.id: c for c in causes.causes},
        screen=screen.questions,
    )
    if set(knowledge.dispositions) != set(LEVELS):
        raise KnowledgeError("dispositions.yaml: every level must be described once: " + ", ".join(LEVELS))
    knowledge.check_sources(dispositions.sources, "dispositions.yaml")
    knowledge.check_sources(dispositions.not_finished.sources, "dispositions.yaml: not_finished")
    for d in dispositions.dispositions:
        knowledge.check_sources(d.sources, f"dispositions.yaml: {d.level}")
    for cid, by_level in dispositions.contacts.items():
        for lvl, contact in by_level.items():
            knowledge.check_sources(contact.sources, f"dispositions.yaml: contact {cid} ({lvl})")
    for rule in rules.rules:
        knowledge.check_sources(rule.sources, f"red_flags.yaml: rule {rule.id}")
        if rule.contact is not None and rule.level not in dispositions.contacts.get(rule.contact, {}):
            raise KnowledgeError(f"red_flags.yaml: rule {rule.id}: contact {rule.contact} has no words for "
                                 f"level {rule.level} in dispositions.yaml contacts")
        unknown = [c for c in rule.suggests if c not in knowledge.causes]
        if unknown:
            raise KnowledgeError(f"red_flags.yaml: rule {rule.id}: suggests unknown cause(s): {', '.join(unknown)}")
    for cause in causes.causes:
        knowledge.check_sources(cause.sources, f"causes.yaml: cause {cause.id}")
    reachable = {r.level for r in rules.rules}
    if reachable != set(LEVELS):
        missing = ", ".join(sorted(set(LEVELS) - reachable))
        raise KnowledgeError(f"red_flags.yaml: no rule gives the level(s): {missing}")
    _check_questions(screen)
    return knowledge


def _check_questions(screen: ScreenFile) -> None:
    from typing import get_args

    known = {"finding": set(get_args(Finding)), "history": set(get_args(History))}
    fields = {"age", "sex", "pregnant", "pregnancy_weeks", "region", "radiation", "leg_sides", "severity",
              "worst_severity", "duration_days", "onset", "trigger", "episodes_last_year", "eases", "worsens"}
    for q in screen.questions:
        allowed = known.get(q.asks, fields)
        if q.id not in allowed:
            raise KnowledgeError(f"screen.yaml: question {q.id}: not a {q.asks} in the assessment contract")


@cache
def load_knowledge() -> Knowledge:
    """The knowledge shipped with this version of backrelief, validated once (and kept on
    disk once validated, for the next process: knowledge/snapshot.py)."""
    return remembered("knowledge", Knowledge, read_knowledge)


def read_knowledge() -> Knowledge:
    """The knowledge read and checked from its files."""
    return build_knowledge(
        read_data("manifest.yaml", Manifest),
        read_data("sources.yaml", SourcesFile),
        read_data("dispositions.yaml", DispositionsFile),
        read_data("red_flags.yaml", RulesFile),
        read_data("causes.yaml", CausesFile),
        read_data("screen.yaml", ScreenFile),
    )
