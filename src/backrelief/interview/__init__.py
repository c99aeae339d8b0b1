"""The interview: one engine for the terminal, the web pages and the API.

`progress(state)` says where the interview stands and which screen comes next, asking only
the questions that could still change the answer (worked out from the rules) and stopping
at once at an emergency. `answers.py` keeps the older helpers (yes / no / not sure parsing,
the question lists).
"""

from backrelief.interview.answers import Answers, field_questions, parse_answer, questions_for, screen_questions
from backrelief.interview.engine import (
    CHECK,
    DETAILS,
    GroupAsk,
    Progress,
    Screen,
    progress,
    record_checks,
    record_fields,
    record_group,
    relevant_questions,
    revisit,
    screen_for,
)
from backrelief.interview.layout import Group, layout
from backrelief.interview.state import Answer, InterviewState

__all__ = [
    "CHECK",
    "DETAILS",
    "Answer",
    "Answers",
    "Group",
    "GroupAsk",
    "InterviewState",
    "Progress",
    "Screen",
    "field_questions",
    "layout",
    "parse_answer",
    "progress",
    "questions_for",
    "record_checks",
    "record_fields",
    "record_group",
    "relevant_questions",
    "revisit",
    "screen_for",
    "screen_questions",
]
