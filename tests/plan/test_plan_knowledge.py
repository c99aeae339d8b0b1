"""The plan's knowledge files load through strict models and cite only real sources."""

from __future__ import annotations

import pytest

from backrelief.errors import KnowledgeError
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.plan import MedicinesFile, _check
from backrelief.plan import daily_ceiling_mg, load_plan_knowledge, medicine_ceilings
from tests.plan.conftest import PEOPLE, plan_of


def test_the_daily_ceilings_are_the_label_ceilings() -> None:
    assert medicine_ceilings() == {"ibuprofen": 1200, "naproxen": 660, "paracetamol": 4000}


@pytest.mark.parametrize(("name", "ceiling"), [
    ("ibuprofen", 1200), ("Ibuprofen", 1200), ("naproxen sodium", 660), ("Naproxen", 660),
    ("acetaminophen", 4000), ("  PARACETAMOL ", 4000), ("ibuprofen gel", None), ("aspirin", None),
])
def test_daily_ceiling_by_name_knows_the_common_names(name: str, ceiling: int | None) -> None:
    assert daily_ceiling_mg(name) == ceiling


def test_there_are_at_least_twelve_exercises_and_every_level_has_some() -> None:
    pk = load_plan_knowledge()
    assert len(pk.exercises.exercises) == 14
    per_level = {lvl.number: sum(any(d.level == lvl.number for d in e.doses) for e in pk.exercises.exercises)
                 for lvl in pk.prevention.levels}
    assert per_level == {1: 7, 2: 10, 3: 9}


def test_every_source_a_plan_cites_is_in_the_source_register() -> None:
    known = load_knowledge().sources
    for person in PEOPLE.values():
        plan = plan_of(person)
        cited = {s for a in plan.advice() for s in a.sources} | {s for e in plan.exercises for s in e.sources}
        assert cited <= set(known), cited - set(known)


def test_a_dose_above_its_ceiling_is_refused_at_load_time() -> None:
    pk = load_plan_knowledge()
    meds = pk.medicines.model_dump()
    meds["medicines"][0]["max_tablets_per_day"] = 7
    broken = pk.model_copy(update={"medicines": MedicinesFile.model_validate(meds)})
    with pytest.raises(KnowledgeError, match=r"1400 mg a day is above the label ceiling of 1200 mg"):
        _check(broken, load_knowledge())


def test_a_citation_of_a_missing_source_is_refused_at_load_time() -> None:
    pk = load_plan_knowledge()
    meds = pk.medicines.model_dump()
    meds["intro"][0]["sources"] = ["No-Such-Source"]
    broken = pk.model_copy(update={"medicines": MedicinesFile.model_validate(meds)})
    with pytest.raises(KnowledgeError, match=r"medicines\.yaml: intro why-medicines: cites source id"):
        _check(broken, load_knowledge())
