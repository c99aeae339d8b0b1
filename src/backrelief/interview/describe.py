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


def guessed(state: Any, k: Any = None) -> set[str]:
    """The questions whose value the reader did not find said in so many words: marked
    inferred by the reader, a value whose words do not state it ("put my back out": it
    came on suddenly; "agony": 10 out of 10), or a value with no words behind it at all.
    Each is shown as a guess for the person to confirm, on the web and in the terminal."""
    from backrelief.interview.layout import layout

    by_id = layout(k).by_id
    base = state.base or {}
    spans = dict(state.understood)
    out = set(state.inferred)
    for qid, value in base.items():
        q = by_id.get(qid)
        if q is None or q.asks != "field" or value is None or (isinstance(value, list | tuple) and not value):
            continue
        if not spans.get(qid) or not stated_in(q, value, spans[qid]):
            out.add(qid)
    return out


def guess_note(q: Question, value: Any, span: str) -> str:
    """A value the reader guessed, as a guess to confirm, with the words it came from."""
    label = answer_label(q, value)
    if span:
        return f"From \u201c{span}\u201d we guessed: {label}. Is that right?"
    return f"From your words we guessed: {label}. Is that right?"


def understood_hint(state: Any, q: Question, value: Any) -> str | None:
    """The hint under a field the reader filled in (None when it did not, or when the
    person has since given their own answer): the words that said it, or, for a guess,
    the guess with the words it came from ("From 'put my back out' we guessed: Suddenly.
    Is that right?"). Words with no value ("mild") ask for the person's own answer."""
    span = dict(state.understood).get(q.id, "")
    base = (state.base or {}).get(q.id)
    if value is None or value == "":
        return f"You wrote: \u201c{span}\u201d. Give your own answer here." if span else None
    if base is None or value != base:
        return None
    if q.id in guessed(state):
        return f"{guess_note(q, value, span)} If not, change it."
    return f"You wrote: \u201c{span}\u201d. Change it if we got it wrong."


def stated_in(q: Question, value: Any, span: str) -> bool:
    """Do the words say the value itself ("7 out of 10", "stays in my back"), rather than
    something the reader made a value of ("agony")?"""
    stated = (str(value) if isinstance(value, int) else answer_label(q, value)).lower()
    words = span.lower()
    # The choice's own word counts too: "lifting a box" says Lifting something (lifting).
    own = str(value).replace("_", " ").lower() if isinstance(value, str) else ""
    # A label's first words say it too ("came on slowly" says "Slowly, over hours or days").
    head = stated.split(",")[0].strip()
    return stated in words or (len(words) > 3 and words in stated) or any(
        len(w) > 3 and w in words for w in (own, head))


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
