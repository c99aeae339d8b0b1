"""The public contract page names every key and every value the model accepts.

The page is what API clients and vignette writers read; a key or value added to the model
but not to the page is a contract nobody outside can use (found once: a second edition of
findings and history that only the code knew)."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from backrelief.assessment import Assessment

DOC = Path(__file__).resolve().parents[2] / "docs" / "spec" / "assessment-input.md"


def _literal_values(annotation: Any) -> set[str]:
    """Every string a Literal anywhere inside the annotation allows (tuples, unions, None)."""
    if get_origin(annotation) is Literal:
        return {value for value in get_args(annotation) if isinstance(value, str)}
    if get_origin(annotation) in (tuple, list, Union, types.UnionType):
        return set().union(*(_literal_values(arg) for arg in get_args(annotation)))
    return set()


def test_every_contract_key_is_a_row_of_the_public_page() -> None:
    page = DOC.read_text(encoding="utf-8")
    missing = [name for name in Assessment.model_fields if f"| `{name}` |" not in page]
    assert not missing, f"docs/spec/assessment-input.md has no row for: {', '.join(missing)}"


def test_every_allowed_value_of_the_contract_is_named_on_the_public_page() -> None:
    page = DOC.read_text(encoding="utf-8")
    missing = sorted({f"{name}={value}" for name, field in Assessment.model_fields.items()
                      for value in _literal_values(field.annotation)
                      if f"`{value}`" not in page and f'`"{value}"`' not in page})
    assert not missing, f"docs/spec/assessment-input.md does not name: {', '.join(missing)}"
