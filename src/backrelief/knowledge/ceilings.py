"""The diary's medicine names with their label daily ceilings (medicine_ceilings.yaml,
filled from the plan's medicines.yaml), validated on load; the diary and the report
count doses against them."""

from __future__ import annotations

from functools import cache

from backrelief.errors import KnowledgeError
from backrelief.knowledge import load_knowledge, read_data
from backrelief.knowledge.plan import medicine_ceilings
from backrelief.values import Strict


class Ceiling(Strict):
    id: str
    name: str
    names: tuple[str, ...]
    daily_mg: int = 0  # filled from the plan's medicines.yaml
    nsaid: bool
    sources: tuple[str, ...]


class CeilingsFile(Strict):
    ceilings: tuple[Ceiling, ...]
    nsaid_max_days: int
    nsaid_max_days_sources: tuple[str, ...]


@cache
def ceilings() -> CeilingsFile:
    """The diary's medicine names, with the daily ceilings from the plan's knowledge."""
    data = read_data("medicine_ceilings.yaml", CeilingsFile)
    knowledge = load_knowledge()
    mg = medicine_ceilings()
    filled = []
    for c in data.ceilings:
        knowledge.check_sources(c.sources, f"medicine_ceilings.yaml: {c.id}")
        if c.id not in mg:
            raise KnowledgeError(f"medicine_ceilings.yaml: {c.id}: no daily_ceiling_mg for it in medicines.yaml")
        filled.append(c.model_copy(update={"daily_mg": mg[c.id]}))
    knowledge.check_sources(data.nsaid_max_days_sources, "medicine_ceilings.yaml: nsaid_max_days")
    return data.model_copy(update={"ceilings": tuple(filled)})
