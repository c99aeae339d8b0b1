"""Every text triage shows a person reads at grade 9 or lower (Flesch-Kincaid)."""

from __future__ import annotations

import statistics

from backrelief.knowledge import load_knowledge
from backrelief.plan.grade import reading_grade


def _texts() -> list[str]:
    k = load_knowledge()
    texts = [k.emergency_help, k.warning_signs, k.not_a_diagnosis]
    texts += [d.action for d in k.dispositions.values()] + [d.title for d in k.dispositions.values()]
    texts += [r.reason for r in k.rules] + [c.summary for c in k.causes.values()]
    texts += [q.text for q in k.screen] + [q.clarify for q in k.screen if q.clarify]
    texts += [q.help for q in k.screen if q.help]
    texts += [r.if_unsure_say for r in k.rules if r.if_unsure_say]
    # The words for one sex (screen.yaml by_sex, red_flags.yaml reason_by_sex).
    texts += [words for r in k.rules for words in r.reason_by_sex.values()]
    texts += [words for q in k.screen for w in q.by_sex.values() for words in (w.text, w.clarify, w.help) if words]
    # What a reason says first when it took an answer on the safer side (triage._said).
    texts += [f"You did not tell us {q.about}, so we took the safer side." for q in k.screen if q.about]
    texts += [f"You were not sure {q.about}, so we took the safer side." for q in k.screen if q.about]
    return texts


def test_every_triage_text_reads_at_grade_nine_or_lower() -> None:
    too_hard = {text: round(reading_grade(text), 1) for text in _texts() if reading_grade(text) > 9}
    assert too_hard == {}


def test_triage_texts_read_at_a_median_grade_of_seven_or_lower() -> None:
    assert statistics.median(reading_grade(text) for text in _texts()) <= 7
