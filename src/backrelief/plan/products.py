"""Combination products counted: every product that holds an ingredient counts towards
that ingredient's daily ceiling (products.yaml). One pure function, `count_ingredients`,
used by the diary's warnings, the report and the plan.

    count_ingredients([ProductDose(name="co-codamol 30/500", amount=2),
                       ProductDose(name="lemsip", amount=1000)])
    -> (IngredientTotal(ingredient="paracetamol", total_mg=2000, ...),
        IngredientTotal(ingredient="codeine", total_mg=60, ...))

How an amount is read: for a single-ingredient product it is mg of that ingredient. For a
combination product it is mg of the product's main ingredient, unless it is smaller than
one unit holds, when it can only be a count of units (tablets, capsules, sachets, ml).
`units` given on a dose is always a count of units.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from pydantic import Field, model_validator

from backrelief.errors import KnowledgeError
from backrelief.knowledge import load_knowledge, read_data
from backrelief.knowledge.plan import load_plan_knowledge
from backrelief.values import Frozen, Strict


class IngredientData(Strict):
    id: str
    name: str
    # The ceiling from the plan's medicines.yaml (one place for a dose), or its own.
    from_medicine: str | None = None
    daily_ceiling_mg: int | None = None
    nsaid: bool
    sources: tuple[str, ...] = Field(min_length=1)


class ProductData(Strict):
    id: str
    name: str
    names: tuple[str, ...] = Field(min_length=1)
    unit: str
    main: str | None = None
    contains: dict[str, float] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _main_named(self) -> ProductData:
        if len(self.contains) > 1 and self.main is None:
            raise ValueError(f"{self.id}: a combination product needs `main` (the ingredient its dose is written in)")
        if self.main is not None and self.main not in self.contains:
            raise ValueError(f"{self.id}: main '{self.main}' is not one of its ingredients")
        return self

    @property
    def main_ingredient(self) -> str:
        return self.main or next(iter(self.contains))

    @property
    def combination(self) -> bool:
        return len(self.contains) > 1 or self.main is not None


class ProductsFile(Strict):
    ingredients: tuple[IngredientData, ...]
    products: tuple[ProductData, ...]


class Ingredient(Frozen):
    id: str
    name: str
    daily_ceiling_mg: int
    nsaid: bool
    sources: tuple[str, ...]


class ProductTable(Frozen):
    ingredients: dict[str, Ingredient]
    products: tuple[ProductData, ...]


@cache
def product_table() -> ProductTable:
    """The product table, checked: every ingredient has a ceiling, every source exists."""

    data = read_data("products.yaml", ProductsFile)
    knowledge = load_knowledge()
    pk = load_plan_knowledge()
    ingredients: dict[str, Ingredient] = {}
    for i in data.ingredients:
        knowledge.check_sources(i.sources, f"products.yaml: ingredient {i.id}")
        ceiling = i.daily_ceiling_mg
        if i.from_medicine is not None:
            try:
                ceiling = pk.medicine(i.from_medicine).daily_ceiling_mg
            except KeyError:
                raise KnowledgeError(f"products.yaml: ingredient {i.id}: no medicine '{i.from_medicine}' in "
                                     "medicines.yaml") from None
        if ceiling is None:
            raise KnowledgeError(f"products.yaml: ingredient {i.id} has no daily ceiling")
        ingredients[i.id] = Ingredient(id=i.id, name=i.name, daily_ceiling_mg=ceiling, nsaid=i.nsaid,
                                       sources=i.sources)
    seen: set[str] = set()
    for p in data.products:
        where = f"products.yaml: product {p.id}"
        knowledge.check_sources(p.sources, where)
        for ingredient in p.contains:
            if ingredient not in ingredients:
                raise KnowledgeError(f"{where}: ingredient '{ingredient}' is not in the ingredients list")
        for name in p.names:
            if name in seen:
                raise KnowledgeError(f"{where}: the name '{name}' is given to two products")
            seen.add(name)
    return ProductTable(ingredients=ingredients, products=data.products)


def _words(name: str) -> str:
    return " ".join(name.lower().replace("_", " ").split())


@lru_cache(maxsize=1024)
def product_for(name: str) -> ProductData | None:
    """The product a person means by a name ('Lemsip', 'co-codamol 8/500 tablets').
    The longest name that matches the start of what they wrote wins."""
    words = _words(name)
    best: tuple[int, ProductData] | None = None
    for p in product_table().products:
        for n in p.names:
            if (words == n or words.startswith(n + " ")) and (best is None or len(n) > best[0]):
                best = (len(n), p)
    return best[1] if best else None


class ProductDose(Frozen):
    """One dose of one product: its name, and either an amount (as the diary records it)
    or a count of units."""
    name: str
    amount: float | None = None
    units: float | None = None


class IngredientTotal(Frozen):
    ingredient: str
    total_mg: float
    ceiling_mg: int | None
    over: bool
    nsaid: bool
    # The products (as the person named them) that went into this total.
    products: tuple[str, ...]
    sources: tuple[str, ...]


def dose_mg(dose: ProductDose, product: ProductData) -> dict[str, float]:
    """mg of each ingredient in one dose of a known product."""
    main = product.main_ingredient
    per_unit = product.contains[main]
    if dose.units is not None:
        units = dose.units
    elif dose.amount is None:
        units = 0.0
    elif product.combination and dose.amount < per_unit:
        units = dose.amount  # less than one unit holds: a count of tablets, sachets or ml
    else:
        units = dose.amount / per_unit
    return {ingredient: round(units * mg, 3) for ingredient, mg in product.contains.items()}


def count_ingredients(doses: Iterable[ProductDose]) -> tuple[IngredientTotal, ...]:
    """Every ingredient's total over these doses (one day's, say), against its ceiling.

    Unknown products are kept under their own name with no ceiling, so nothing a person
    wrote is dropped. Totals come in the order first seen."""
    table = product_table()
    totals: dict[str, float] = {}
    named: dict[str, list[str]] = {}
    for dose in doses:
        product = product_for(dose.name)
        if product is None:
            key = _words(dose.name)
            totals[key] = totals.get(key, 0.0) + (dose.amount or 0.0)
            named.setdefault(key, []).append(key)
            continue
        for ingredient, mg in dose_mg(dose, product).items():
            totals[ingredient] = totals.get(ingredient, 0.0) + mg
            named.setdefault(ingredient, []).append(_words(dose.name))
    out: list[IngredientTotal] = []
    for key, total in totals.items():
        ing = table.ingredients.get(key)
        out.append(IngredientTotal(
            ingredient=ing.name if ing else key, total_mg=round(total, 3),
            ceiling_mg=ing.daily_ceiling_mg if ing else None, over=ing is not None and total > ing.daily_ceiling_mg,
            nsaid=ing.nsaid if ing else False, products=tuple(dict.fromkeys(named[key])),
            sources=tuple(dict.fromkeys(
                (*ing.sources, *(s for p in named[key] if (pd := product_for(p)) for s in pd.sources)))) if ing else (),
        ))
    return tuple(out)


def ingredients_of(name: str) -> tuple[str, ...]:
    """The ingredient ids in a product a person named (empty when we do not know it)."""
    p = product_for(name)
    return tuple(p.contains) if p else ()
