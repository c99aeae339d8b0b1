"""Plain words for an answer: the question and what the person (or the reader) said, for
the result page's summary, the terminal and the "here is what we understood" lists. Never
an internal id."""

from __future__ import annotations

from typing import Any

from backrelief.knowledge import Question

_ANSWERS = {"yes": "Yes", "no": "No", "unsure": "Not sure", True: "Yes", False: "No"}


def answer_label(q: Question, value: Any) -> str:
    """The answer as the person would say it."""
    if value is None:
        return "Not sure"
    if q.id == "duration_days" and isinstance(value, int):
        return "Today" if value == 0 else f"{value} day{'s' if value != 1 else ''} ago"
    if q.id in ("severity", "worst_severity") and isinstance(value, int):
        return f"{value} out of 10"
    labels = {c.value: c.label for c in q.choices}
    if isinstance(value, list | tuple):
        return ", ".join(labels.get(v, str(v)) for v in value) if value else "None of these"
    if isinstance(value, bool):
        return _ANSWERS[value]
    if isinstance(value, int):
        # A count or age: never looked up among yes/no (1 == True in Python, so 1 was "Yes").
        return str(value)
    if value in _ANSWERS:
        return _ANSWERS[value]
    return labels.get(value, str(value))


def said_hint(q: Question, value: Any, span: str) -> str:
    """The words behind a value the reader took, for the value's own question. A value the
    words do not state (a pain score of 10 from "agony", "Bending" from "bent to pick up a
    parcel") says what was made of them, so the person sees it was a guess and can change it."""
    wrote = f"You wrote: \u201c{span}\u201d."
    if value is None or value == "":
        return f"{wrote} Give your own answer here."
    took = "" if stated_in(q, value, span) else f" We took this as {answer_label(q, value)}."
    return f"{wrote}{took} Change it if we got it wrong."


def stated_in(q: Question, value: Any, span: str) -> bool:
    """Do the words say the value itself ("7 out of 10", "stays in my back"), rather than
    something the reader made a value of ("agony")?"""
    stated = (str(value) if isinstance(value, int) else answer_label(q, value)).lower()
    words = span.lower()
    return stated in words or (len(words) > 3 and words in stated)


def understood_line(q: Question, value: Any, span: str = "") -> str:
    """'You wrote "no numbness anywhere": we took this as No to: Do you have ...?'"""
    said = f"You wrote \u201c{span}\u201d" if span else "From what you wrote"
    return f"{said}: we took this as {answer_label(q, value)} to \u201c{q.text}\u201d"


def summary(state: Any, k: Any = None) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every answer so far, by page or group: [(title, [(question, answer, screen id)])].
    A sign the reader proposed but the person never confirmed is not an answer: left out."""
    from backrelief.interview.engine import DETAILS
    from backrelief.interview.layout import layout

    lay = layout(k)
    data = state.assessment_data()
    sex = data.get("sex")
    sections: list[tuple[str, list[tuple[str, str, str]]]] = []
    for page in lay.field_pages:
        rows = []
        for q in page.questions:
            if q.id in state.not_sure:
                value: Any = None
            elif q.id in state.plan:
                value = state.plan[q.id]
            elif data.get(q.id) is not None:
                value = data[q.id]
            else:
                continue
            screen = DETAILS if state.mode == "reader" and DETAILS in state.done and page.id != "legs" else page.id
            rows.append((q.for_sex(sex).text, answer_label(q, value), screen))
        if rows:
            sections.append((page.title, rows))
    for group in lay.groups:
        rows = []
        for q in group.questions:
            answer = state.answer_for(q.id)
            if answer is None and q.id not in state.plan:
                proposed = state.proposed(q.id)
                if proposed in ("yes", "unsure"):
                    answer = proposed  # counted (the safer side) until changed
            if answer is not None:
                rows.append((q.for_sex(sex).text, answer_label(q, answer), group.id))
        if rows:
            sections.append((group.title, rows))
    return sections
