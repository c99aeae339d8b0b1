"""Over-the-counter medicines, each shown only after a safety screen of the person's history.

Any caution that says "ask first" blocks the suggestion, and so does a history item that
was never asked (unknown is not "no"). A screened-out medicine is still named, with the
reasons, and shows no dose. Doses come from the label; none is above its daily ceiling.
"""

from __future__ import annotations

from backrelief.assessment import Assessment, pregnancy_unasked
from backrelief.plan.knowledge import Medicine, PlanKnowledge, load_plan_knowledge
from backrelief.plan.model import Advice, MedicineAdvice, Medicines

# Names people (and the diary) use for the same medicine.
_ALIASES: dict[str, str] = {
    "ibuprofen": "ibuprofen",
    "naproxen": "naproxen",
    "naproxen sodium": "naproxen",
    "paracetamol": "paracetamol",
    "acetaminophen": "paracetamol",
}


def medicine_ceilings() -> dict[str, int]:
    """Label daily ceilings in mg for the tablets we describe: {"ibuprofen": 1200, ...}."""
    pk = load_plan_knowledge()
    return {m.id: m.daily_ceiling_mg for m in pk.medicines.medicines if m.daily_ceiling_mg is not None}


def daily_ceiling_mg(medicine: str) -> int | None:
    """The label's daily ceiling in mg for a medicine name (any case, a few common
    aliases such as acetaminophen), or None when we hold no ceiling for it."""
    key = _ALIASES.get(" ".join(medicine.lower().split()))
    return medicine_ceilings().get(key) if key else None


def _blocks(med: Medicine, a: Assessment, pk: PlanKnowledge) -> list[Advice]:
    m = pk.medicines
    w = m.wording
    reasons: list[Advice] = []
    for c in getattr(m.screens, med.screen):
        status = a.history_status(c.history)
        if status == "no":
            continue
        said = w.told_us if status == "yes" else w.not_asked
        reasons.append(Advice(id=f"{med.id}-{c.id}", text=f"{said.format(name=c.name)} {c.risk}", sources=c.sources))
    if med.nsaid and (a.pregnant is True or pregnancy_unasked(a)):
        said = w.pregnant_told if a.pregnant else w.pregnant_not_asked
        reasons.append(Advice(id=f"{med.id}-pregnancy", text=f"{said} {m.pregnancy.risk}", sources=m.pregnancy.sources))
    if med.age_caution and (a.age is None or a.age >= m.age.at_least):
        text = m.age.unknown if a.age is None else f"{w.age_told.format(age=a.age)} {m.age.risk}"
        reasons.append(Advice(id=f"{med.id}-age", text=text, sources=m.age.sources))
    if reasons:
        reasons.append(Advice(id=f"{med.id}-check-first", text=w.check_first, sources=w.sources))
    return reasons


def screen(med: Medicine, a: Assessment, pk: PlanKnowledge) -> MedicineAdvice:
    reasons = _blocks(med, a, pk)
    ok = not reasons
    return MedicineAdvice(
        id=med.id,
        name=med.name,
        kind=med.kind,
        nsaid=med.nsaid,
        status="suggested" if ok else "check_first",
        dose=med.dose if ok else None,
        tablet_mg=med.tablet_mg,
        tablets_per_dose=med.tablets_per_dose,
        max_tablets_per_day=med.max_tablets_per_day,
        max_mg_per_day=med.max_mg_per_day if ok else None,
        daily_ceiling_mg=med.daily_ceiling_mg,
        max_days=med.max_days,
        reasons=tuple(reasons),
        notes=tuple(Advice(id=f"{med.id}-note-{i}", text=n.text, sources=n.sources)
                    for i, n in enumerate(med.notes) if ok and (n.when is None or n.when.holds(a))),
        sources=med.sources,
    )


def medicines_for(a: Assessment, pk: PlanKnowledge) -> Medicines:
    m = pk.medicines
    return Medicines(
        intro=tuple(Advice(id=i.id, text=i.text, sources=i.sources) for i in m.intro),
        options=tuple(screen(med, a, pk) for med in m.medicines),
        discuss_with_doctor=tuple(
            Advice(id=d.id, text=d.text, sources=d.sources) for d in m.discuss_with_doctor
        ),
    )
