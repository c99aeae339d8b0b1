"""What the person has said so far in the interview, and the Assessment it makes.

One model for every way in (terminal, web pages, API): the web keeps it in its signed
cookie, the terminal in memory, the API in the request. The free-text reader's
understanding is kept apart as a proposal (`base`): what the reader took as present counts
straight away (the safer side), but a warning sign the reader took as absent counts as
answered only once the person has confirmed it on its group's screen (`confirmed`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal, TypeVar, get_args, overload

from pydantic import BaseModel, ConfigDict, Field

from backrelief.assessment import Assessment, UnsureField, parse_assessment

Answer = Literal["yes", "no", "unsure"]
Mode = Literal["questions", "reader"]

_LISTS = ("findings", "findings_absent", "findings_unsure", "history", "history_absent", "fields_unsure")
UNSURE_FIELDS: frozenset[str] = frozenset(get_args(UnsureField))


@cache
def _plan_ids() -> frozenset[str]:
    from backrelief.plan.questions import plan_questions

    return frozenset(q.id for q in plan_questions() if q.asks != "history" and q.id != "pregnant")


class InterviewState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Mode = "questions"
    # What the reader understood from the person's words (contract JSON), if any.
    base: dict[str, Any] | None = None
    # Field answers (age, region, ...) by contract key.
    fields: dict[str, Any] = Field(default_factory=dict)
    # Fields the person answered "not sure": asked, and left unknown.
    not_sure: list[str] = Field(default_factory=list)
    findings: dict[str, Answer] = Field(default_factory=dict)
    history: dict[str, Answer] = Field(default_factory=dict)
    # The plan's own questions (plan_questions.yaml): yes / no / unsure, or a choice value.
    plan: dict[str, str] = Field(default_factory=dict)
    # Questions asked again in other words after a "not sure".
    clarified: list[str] = Field(default_factory=list)
    # Screens answered, in order (the back links and the counts come from it).
    done: list[str] = Field(default_factory=list)
    # What the reader understood: [question id, the person's words that said it].
    understood: list[tuple[str, str]] = Field(default_factory=list)
    # Questions whose value the reader inferred from words that do not say it ("lifting a
    # box": it came on suddenly; "agony": 10 out of 10): shown as a guess to confirm.
    inferred: list[str] = Field(default_factory=list)

    # -- what was said -------------------------------------------------------------
    def answer_for(self, question_id: str) -> str | None:
        """yes / no / unsure for a finding or history question the person answered."""
        if question_id in self.plan:
            return self.plan[question_id]
        if question_id in self.findings:
            return self.findings[question_id]
        if question_id in self.history:
            return self.history[question_id]
        if question_id == "pregnant" and ("pregnant" in self.fields or "pregnant" in self.not_sure):
            value = self.fields.get("pregnant")
            return "yes" if value is True else "no" if value is False else "unsure"
        return None

    def proposed(self, question_id: str) -> Answer | None:
        """What the reader took from the words for a yes / no question, before the person
        confirmed it."""
        base = self.base or {}
        if question_id in (base.get("findings") or ()) or question_id in (base.get("history") or ()):
            return "yes"
        if question_id in (base.get("findings_unsure") or ()):
            return "unsure"
        if question_id in (base.get("findings_absent") or ()) or question_id in (base.get("history_absent") or ()):
            return "no"
        if question_id == "pregnant" and base.get("pregnant") is not None:
            return "yes" if base["pregnant"] else "no"
        return None

    def field_answered(self, key: str) -> bool:
        if key in self.fields or key in self.not_sure or key in self.plan:
            return True
        return (self.base or {}).get(key) is not None

    def mark_done(self, screen_id: str) -> None:
        if screen_id not in self.done:
            self.done.append(screen_id)

    def record_field(self, key: str, value: Any) -> None:
        """A field's answer; None is "not sure" (asked, still unknown)."""
        if key in _plan_ids():
            self.plan[key] = "unsure" if value is None else {True: "yes", False: "no"}.get(value, str(value))
            return
        if value is None:
            self.fields.pop(key, None)
            if key not in self.not_sure:
                self.not_sure.append(key)
        else:
            self.fields[key] = value
            if key in self.not_sure:
                self.not_sure.remove(key)
        if key == "radiation" and value == "none":
            # Not a question when the pain stays in the back (the contract refuses it).
            self.fields.pop("leg_sides", None)
            if "leg_sides" in self.not_sure:
                self.not_sure.remove("leg_sides")

    def record_answer(self, kind: str, question_id: str, answer: Answer) -> None:
        if question_id in _plan_ids():
            self.plan[question_id] = answer
        elif kind == "finding":
            self.findings[question_id] = answer
        elif kind == "history":
            self.history[question_id] = answer
        elif question_id == "pregnant":
            self.record_field("pregnant", {"yes": True, "no": False}.get(answer))

    # -- the assessment --------------------------------------------------------------
    def assessment(self) -> Assessment:
        """Everything said so far as an Assessment (age may still be unknown). Raises
        InvalidInput when a typed value breaks the contract."""
        return parse_assessment(self.assessment_data(), require_age=False)

    def assessment_data(self) -> dict[str, Any]:
        base = dict(self.base or {})
        data: dict[str, Any] = {k: v for k, v in base.items() if k not in _LISTS}
        data.update(self.fields)
        for key in self.not_sure:
            data.pop(key, None)
        if data.get("radiation") == "none":
            data.pop("leg_sides", None)
        # "Not sure" of how far it spreads or of which leg: triage tries each value (KA-16).
        unsure_fields = [key for key in self.not_sure if key in UNSURE_FIELDS
                         and not (key == "leg_sides" and data.get("radiation") == "none")]
        if unsure_fields:
            data["fields_unsure"] = unsure_fields
        present = [f for f in base.get("findings") or () if f not in self.findings]
        unsure = [f for f in base.get("findings_unsure") or () if f not in self.findings]
        absent: list[str] = []
        # The reader's "absent" is not an answer until confirmed: left out (unknown).
        for finding, answer in self.findings.items():
            {"yes": present, "no": absent, "unsure": unsure}[answer].append(finding)
        history = [h for h in base.get("history") or () if h not in self.history]
        history_absent: list[str] = []
        for item, answer in self.history.items():
            # A history item the person is not sure of stays unknown: the medicine screen
            # treats it as a caution, and triage lists it as unasked.
            if answer == "yes":
                history.append(item)
            elif answer == "no":
                history_absent.append(item)
        # Always give the absent lists (even empty): a findings list alone would mean a
        # whole checklist answered "no" (the public contract), which this is not.
        data.update(findings=present, findings_absent=absent, history=history, history_absent=history_absent)
        if unsure:
            data["findings_unsure"] = unsure
        if self.plan:
            from backrelief.plan.questions import plan_questions, record_plan_answer

            by_id = {q.id: q for q in plan_questions()}
            for qid, given in self.plan.items():
                if qid in by_id:
                    data = record_plan_answer(data, by_id[qid], given)
        return data


# Each understood item of a reading names a question; these contract keys name it by value.
_BY_VALUE = {"findings": "yes", "findings_absent": "no", "findings_unsure": "unsure", "history": "yes",
             "history_absent": "no"}


S = TypeVar("S", bound=InterviewState)

# Words that make what follows them a denial ("no trouble peeing", "I do not have a fever").
_CUES = re.compile(r"\b(no|not|never|without|nor|none|neither|denies|deny|don't|doesn't|didn't|haven't|hasn't"
                   r"|isn't|aren't|wasn't|can't|cannot)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?\n]")
_HELPER = re.compile(r"\b(do|does|did|have|has|had|am|is|are|was|were|can|could)\s+$", re.IGNORECASE)


def denial_quote(text: str, start: int, end: int) -> str:
    """The words of a denial with the word that denies it. The reader's evidence for an
    absent sign is the sign itself ("trouble peeing"); quoted alone it reads as if it were
    reported. The quote runs back to the nearest denying word in the same sentence; with
    none to be found it says so in words."""
    cut = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    cues = list(_CUES.finditer(text, cut, start))
    if cues:
        begin = cues[-1].start()
        helper = _HELPER.search(text, cut, begin)  # "do not have a fever", not "not have a fever"
        return text[helper.start() if helper else begin:end].strip()
    return f"not {text[start:end].strip()}"


@overload
def from_reading(reading: Any, question_ids: set[str]) -> InterviewState: ...
@overload
def from_reading(reading: Any, question_ids: set[str], kind: type[S]) -> S: ...
def from_reading(reading: Any, question_ids: set[str], kind: type[InterviewState] = InterviewState) -> InterviewState:
    """The own-words path's start: the reader's understanding as a proposal, with the
    words behind each thing it understood. `kind` is the state to make (the web pages'
    FlowState adds its own fields), so no copy from one to the other is needed."""
    understood: list[tuple[str, str]] = []
    inferred: list[str] = []
    text = str(getattr(reading, "text", ""))
    scored = any(item.field == "severity" for item in reading.understood)
    for item in reading.understood:
        qid = str(item.value) if item.field in _BY_VALUE else item.field
        if item.field == "severity_words" and not scored:
            # "Mild", "not too bad": words about the pain with no score. Shown beside the
            # pain question, which stays for the person to answer with a number.
            qid = "severity"
        if qid in question_ids:
            span = str(item.span)
            if (item.field in ("findings_absent", "history_absent") and text and not _CUES.search(span)
                    and not item.denial_in_span):
                span = denial_quote(text, item.start, item.end)
            understood.append((qid, span[:80]))
            if getattr(item, "inferred", False) and qid not in inferred:
                inferred.append(qid)
    return kind(mode="reader", base=reading.assessment.to_public(), understood=understood, inferred=inferred)


def understood_answers(state: InterviewState) -> list[tuple[str, Any, str]]:
    """(question id, the value the reader took, the words) for each thing understood."""
    base = state.base or {}
    out: list[tuple[str, Any, str]] = []
    for qid, span in dict(state.understood).items():
        proposed = state.proposed(qid)
        value = proposed if proposed is not None and qid != "pregnant" else base.get(qid, proposed)
        if value is not None:  # words with no value ("mild") are shown at their question instead
            out.append((qid, value, span))
    return out
