"""Over-the-counter medicines, each shown only after a safety screen of the person's history,
the medicines they take now and the plan's own answers (breastfeeding, weight, country).

Any caution that says "ask first" blocks the suggestion, and so does a caution that was
never asked or answered "not sure" (unknown is not "no"). A screened-out medicine is still
named, with the reasons, and shows no dose. Only one anti-inflammatory medicine is ever
suggested: the others say why not. Doses come from the label; none is above its ceiling.
"""

from __future__ import annotations

from typing import Literal

from backrelief.assessment import Assessment, pregnancy_possible, pregnancy_unasked
from backrelief.knowledge.plan import Caution, Medicine, PlanKnowledge, medicine_ceilings
from backrelief.plan.model import Advice, MedicineAdvice, Medicines
from backrelief.plan.products import product_table

Status = Literal["yes", "no", "unsure", "unknown"]

# Names people (and the diary) use for the same medicine.
_ALIASES: dict[str, str] = {
    "ibuprofen": "ibuprofen",
    "naproxen": "naproxen",
    "naproxen sodium": "naproxen",
    "paracetamol": "paracetamol",
    "acetaminophen": "paracetamol",
}


def daily_ceiling_mg(medicine: str) -> int | None:
    """The label's daily ceiling in mg for a medicine name (any case, a few common
    aliases such as acetaminophen), or None when we hold no ceiling for it."""
    key = _ALIASES.get(" ".join(medicine.lower().split()))
    return medicine_ceilings().get(key) if key else None


def could_breastfeed(assessment: Assessment) -> bool:
    """Breastfeeding can apply: whoever pregnancy can apply to (the shared predicate)."""
    return pregnancy_possible(assessment.sex, assessment.age)


def caution_status(c: Caution, assessment: Assessment) -> Status:
    """yes / no / unsure / unknown for one caution."""
    if c.history is not None:
        return assessment.history_status(c.history)
    if c.medicine is not None:
        return assessment.medicine_status(c.medicine)
    assert c.answer is not None
    if c.answer == "breastfeeding" and not could_breastfeed(assessment):
        return "no"
    return assessment.answer_status(c.answer)


def cautions_for(med: Medicine, pk: PlanKnowledge) -> tuple[Caution, ...]:
    return tuple(c for c in getattr(pk.medicines.screens, med.screen) if not c.only or med.id in c.only)


def _country_reason(med: Medicine, assessment: Assessment, pk: PlanKnowledge) -> Advice | None:
    where = med.sold_for_back_pain_in
    if where is None or (assessment.country is not None and assessment.country in where):
        return None
    cw = pk.medicines.country
    text = cw.unknown if assessment.country is None else cw.uk if assessment.country == "uk" else cw.other
    return Advice(id=f"{med.id}-country", text=text, sources=cw.sources)


def blocks(med: Medicine, assessment: Assessment, pk: PlanKnowledge, *, known_only: bool = False) -> list[Advice]:
    """Why this medicine is not suggested for this person (empty: it passes the screen).

    `known_only` counts only what the person said yes (or not sure) to, leaving out what
    was never asked: "would the plan suggest it, if the answers still to come were no?"
    (the question of which questions the plan needs)."""
    m = pk.medicines
    w = m.wording
    reasons: list[Advice] = []
    for c in cautions_for(med, pk):
        status = caution_status(c, assessment)
        if status == "no" or (known_only and status == "unknown"):
            continue
        said = w.told_us if status == "yes" else w.not_asked if status == "unknown" else w.not_sure
        reasons.append(Advice(id=f"{med.id}-{c.id}", text=f"{said.format(name=c.name)} {c.risk}", sources=c.sources))
    if med.nsaid and (assessment.pregnant is True or (pregnancy_unasked(assessment) and not known_only)):
        said = w.pregnant_told if assessment.pregnant else w.pregnant_not_asked
        reasons.append(Advice(id=f"{med.id}-pregnancy", text=f"{said} {m.pregnancy.risk}", sources=m.pregnancy.sources))
    age = assessment.age
    if med.age_caution and ((age is None and not known_only) or (age is not None and age >= m.age.at_least)):
        text = m.age.unknown if age is None else f"{w.age_told.format(age=age)} {m.age.risk}"
        reasons.append(Advice(id=f"{med.id}-age", text=text, sources=m.age.sources))
    country = None if known_only and assessment.country is None else _country_reason(med, assessment, pk)
    if country is not None:
        reasons.append(country)
    return reasons


def _also_in(med: Medicine, pk: PlanKnowledge) -> Advice | None:
    """Which other products hold the same ingredient, so the person counts them all."""
    if med.ingredient is None:
        return None
    names = [p.name for p in product_table().products if p.combination and med.ingredient in p.contains]
    if not names:
        return None
    t = pk.medicines.count_every_product
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return Advice(id=f"{med.id}-count-every-product", text=t.text.format(ingredient=med.ingredient, products=listed),
                  sources=t.sources)


def screen(med: Medicine, assessment: Assessment, pk: PlanKnowledge, extra: tuple[Advice, ...] = ()) -> MedicineAdvice:
    reasons = [*blocks(med, assessment, pk), *extra]
    w = pk.medicines.wording
    if reasons:
        reasons.append(Advice(id=f"{med.id}-check-first", text=w.check_first, sources=w.sources))
    ok = not reasons
    notes = [Advice(id=f"{med.id}-note-{i}", text=n.text, sources=n.sources)
             for i, n in enumerate(med.notes) if ok and (n.when is None or n.when.holds(assessment))]
    if ok and med.kind == "paracetamol" and assessment.answer_status("breastfeeding") == "yes":
        bn = pk.medicines.breastfeeding_note
        notes.append(Advice(id=f"{med.id}-breastfeeding", text=bn.text, sources=bn.sources))
    also = _also_in(med, pk) if ok else None
    if also is not None:
        notes.append(also)
    # Safe (the screen) and helpful (the guidance) are two things: said apart.
    little = med.helps_little if ok else None
    return MedicineAdvice(
        id=med.id,
        name=med.name,
        kind=med.kind,
        nsaid=med.nsaid,
        status="suggested" if ok else "check_first",
        heading=little.text if little else (w.safe if ok else w.not_suggested),
        heading_sources=little.sources if little else (),
        dose=med.dose if ok else None,
        tablet_mg=med.tablet_mg,
        tablets_per_dose=med.tablets_per_dose,
        max_tablets_per_day=med.max_tablets_per_day,
        max_mg_per_day=med.max_mg_per_day if ok else None,
        daily_ceiling_mg=med.daily_ceiling_mg,
        max_days=med.max_days,
        reasons=tuple(reasons),
        notes=tuple(notes),
        sources=med.sources,
    )


def medicines_for(assessment: Assessment, pk: PlanKnowledge) -> Medicines:
    """Every medicine, screened; at most one anti-inflammatory one suggested."""
    m = pk.medicines
    options: list[MedicineAdvice] = []
    first_nsaid: Medicine | None = None
    for med in m.medicines:
        extra: tuple[Advice, ...] = ()
        if med.nsaid and first_nsaid is not None:
            extra = (Advice(id=f"{med.id}-one-nsaid", text=m.one_nsaid.text.format(first=first_nsaid.name.lower()),
                            sources=m.one_nsaid.sources),)
        option = screen(med, assessment, pk, extra)
        if med.nsaid and option.suggested:
            first_nsaid = med
        options.append(option)
    return Medicines(
        intro=tuple(Advice(id=i.id, text=i.text, sources=i.sources) for i in m.intro),
        options=tuple(options),
        discuss_with_doctor=tuple(
            Advice(id=d.id, text=d.text, sources=d.sources) for d in m.discuss_with_doctor
        ),
    )


def would_suggest(kind: Literal["nsaid", "paracetamol"], assessment: Assessment, pk: PlanKnowledge) -> bool:
    """Would the plan suggest a medicine of this kind if every question still to ask were
    answered no? (Only then are the questions worth asking.)"""
    return any(not blocks(med, assessment, pk, known_only=True) for med in pk.medicines.medicines
               if (med.nsaid if kind == "nsaid" else med.kind == "paracetamol"))
