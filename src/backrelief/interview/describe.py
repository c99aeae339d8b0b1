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
    if isinstance(value, bool) or value in _ANSWERS:
        return _ANSWERS[value]
    return labels.get(value, str(value))


def understood_line(q: Question, value: Any, span: str = "") -> str:
    """'You wrote "no numbness anywhere": we took this as No to: Do you have ...?'"""
    said = f"You wrote \u201c{span}\u201d" if span else "From what you wrote"
    return f"{said}: we took this as {answer_label(q, value)} to \u201c{q.text}\u201d"
