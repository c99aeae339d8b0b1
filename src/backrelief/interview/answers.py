"""The guided questions, shared by the terminal and the web: which to ask, in what order,
and how yes / no / not sure answers become an Assessment.

Red flags before other findings in `screen_questions` (the interview's own order is
interview.yaml's). "Not sure" gets one clarifying question (`clarify` in
screen.yaml); still not sure, the finding is recorded as unsure and triage takes the
safer branch for it. Nothing here decides a disposition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backrelief.assessment import Assessment, parse_assessment
from backrelief.interview.state import Answer
from backrelief.knowledge import Knowledge, Question, load_knowledge


def screen_questions(knowledge: Knowledge | None = None) -> list[Question]:
    """Yes / no / not sure questions: red-flag findings, then other findings, then history."""
    knowledge = knowledge or load_knowledge()
    findings = [q for q in knowledge.screen if q.asks == "finding"]
    history = [q for q in knowledge.screen if q.asks == "history"]
    return [q for q in findings if q.red_flag] + [q for q in findings if not q.red_flag] + history


def field_questions(knowledge: Knowledge | None = None) -> list[Question]:
    knowledge = knowledge or load_knowledge()
    return [q for q in knowledge.screen if q.asks == "field"]


def questions_for(unasked: tuple[str, ...], knowledge: Knowledge | None = None) -> list[Question]:
    """Only the questions still unanswered (after the free-text reader), in asking order."""
    wanted = set(unasked)
    knowledge = knowledge or load_knowledge()
    return [q for q in (*screen_questions(knowledge), *field_questions(knowledge)) if q.id in wanted]


def parse_answer(text: str) -> Answer | None:
    """Read a typed yes / no / not sure. None when it is none of them."""
    word = text.strip().lower().rstrip(".!")
    if word in {"y", "yes", "yeah", "yep", "ja"}:
        return "yes"
    if word in {"n", "no", "nope", "nah"}:
        return "no"
    if word in {"?", "s", "ns", "not sure", "unsure", "dont know", "don't know", "maybe", "not sure yet"}:
        return "unsure"
    return None


@dataclass
class Answers:
    """What the person has said so far. `fields` hold contract values by key."""

    findings: dict[str, Answer] = field(default_factory=dict)
    history: dict[str, Answer] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)

    def record(self, question: Question, answer: Answer) -> None:
        target = self.findings if question.asks == "finding" else self.history
        target[question.id] = answer

    def to_assessment(self, base: Assessment | None = None) -> Assessment:
        """Merge the answers into `base` (what the reader understood), answers winning."""
        data: dict[str, Any] = base.to_public() if base else {}
        data.update(self.fields)

        def merged(key: str) -> list[str]:
            return list(data.get(key) or [])

        present, absent, unsure = merged("findings"), merged("findings_absent"), merged("findings_unsure")
        for finding, answer in self.findings.items():
            for bucket in (present, absent, unsure):
                if finding in bucket:
                    bucket.remove(finding)
            {"yes": present, "no": absent, "unsure": unsure}[answer].append(finding)
        data["findings"], data["findings_absent"] = present, absent
        if unsure:
            data["findings_unsure"] = unsure
        history, history_absent = merged("history"), merged("history_absent")
        for item, answer in self.history.items():
            for bucket in (history, history_absent):
                if item in bucket:
                    bucket.remove(item)
            # A history item the person is not sure of is kept as unknown: the medicine
            # screen then treats it as a caution, and triage lists it as unasked.
            if answer == "yes":
                history.append(item)
            elif answer == "no":
                history_absent.append(item)
        data["history"], data["history_absent"] = history, history_absent
        return parse_assessment(data, require_age=False)
