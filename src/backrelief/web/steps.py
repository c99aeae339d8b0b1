"""The order of the question pages: which small group of questions comes next.

Only presentation lives here: how screen.yaml's questions are grouped onto pages and in
which order. Whether a question still needs asking comes from the core
(`triage.red_flags_unasked`), and whether to stop early comes from triage's disposition.
A red-flag question that no group names is still asked, on a last "other checks" page.
"""

from __future__ import annotations

from dataclasses import dataclass

from backrelief.assessment import Assessment
from backrelief.knowledge import Knowledge, Question
from backrelief.triage import red_flags_unasked
from backrelief.web.state import FlowState


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    question_ids: tuple[str, ...]
    # Detail steps are always asked on the "answer questions" path; other steps only
    # while one of their red-flag questions is unanswered.
    detail: bool = False
    lead: str = ""


STEPS: tuple[Step, ...] = (
    Step("about-you", "About you", ("age", "sex"), detail=True),
    Step("pregnancy", "Pregnancy", ("pregnant",)),
    Step("your-pain", "Your pain", ("region", "radiation", "trigger", "onset", "duration_days", "severity"),
         detail=True),
    Step("legs", "Your legs", ("leg_sides",)),
    Step("worse-or-better", "What makes it worse or better", ("worsens", "eases", "episodes_last_year"),
         detail=True),
    Step("nerves", "Numbness, bladder and bowel",
         ("saddle_numbness", "new_bladder_problem", "new_bowel_incontinence", "new_sexual_dysfunction"),
         lead="These questions check for pressure on the nerves at the bottom of the spine. It is rare, "
              "but it needs help fast."),
    Step("legs-and-walking", "Your legs and walking",
         ("leg_weakness_worsening", "foot_drop", "unsteady_walking", "unable_to_walk", "leg_weakness",
          "leg_numbness")),
    Step("chest-and-belly", "Chest, breathing and belly",
         ("chest_pain", "shortness_of_breath", "tearing_pain", "pulsating_abdomen", "sweating_or_nausea",
          "abdominal_pain")),
    Step("feeling-unwell", "Fever and feeling unwell",
         ("fever", "chills_or_night_sweats", "feels_unwell", "unexplained_weight_loss", "night_pain_at_rest",
          "spine_deformity")),
    Step("side-pee-and-skin", "Your side, pee and skin",
         ("flank_pain", "burning_urination", "blood_in_urine", "band_rash")),
    Step("past-health", "Your health in the past",
         ("cancer", "osteoporosis", "long_term_steroids", "immunosuppression", "iv_drug_use")),
    Step("recent-treatment", "Recent treatment and medicines",
         ("recent_spinal_procedure", "recent_serious_infection", "aortic_aneurysm", "anticoagulants")),
    Step("more-about-you", "A few more questions",
         ("morning_stiffness_over_30_min", "improves_with_exercise", "kidney_disease", "stomach_ulcer_or_bleeding",
          "heart_failure", "heart_disease_or_stroke", "high_blood_pressure", "nsaid_sensitive_asthma",
          "liver_disease", "heavy_alcohol_use"),
         detail=True, lead="These help us make your relief plan safe, for example which painkillers suit you."),
)
OTHER_CHECKS = "other-checks"


def all_steps(k: Knowledge) -> list[Step]:
    """The steps, with any red-flag question no step names gathered on one more page."""
    named = {qid for step in STEPS for qid in step.question_ids}
    leftover = tuple(q.id for q in k.screen if q.red_flag and q.id not in named)
    steps = list(STEPS)
    if leftover:
        steps.insert(-1, Step(OTHER_CHECKS, "Other checks", leftover))
    return steps


def step_by_id(step_id: str, k: Knowledge) -> Step | None:
    return next((s for s in all_steps(k) if s.id == step_id), None)


def questions_of(step: Step, k: Knowledge) -> list[Question]:
    by_id = {q.id: q for q in k.screen}
    return [by_id[qid] for qid in step.question_ids if qid in by_id]


def is_wanted(step: Step, state: FlowState, assessment: Assessment, k: Knowledge) -> bool:
    """Should this step be shown (again) to this person?"""
    if step.id in state.done:
        return False
    unasked = set(red_flags_unasked(assessment, k))
    if any(qid in unasked for qid in step.question_ids):
        return True
    return step.detail and state.mode == "questions"


def next_step(state: FlowState, assessment: Assessment, k: Knowledge) -> Step | None:
    """The first step still to do, or None when it is time for the result."""
    return next((s for s in all_steps(k) if is_wanted(s, state, assessment, k)), None)


def previous_step(step_id: str, state: FlowState, k: Knowledge) -> Step | None:
    """The step done just before this one (for the back link)."""
    done = [s for s in all_steps(k) if s.id in state.done]
    order = [s.id for s in all_steps(k)]
    here = order.index(step_id) if step_id in order else len(order)
    earlier = [s for s in done if order.index(s.id) < here]
    return earlier[-1] if earlier else None


def unsure_to_check(step: Step, state: FlowState, k: Knowledge) -> list[Question]:
    """Questions on this step answered "not sure" that have a clarifying question."""
    return [q for q in questions_of(step, k) if q.clarify and state.answer_for(q.id) == "unsure"]
