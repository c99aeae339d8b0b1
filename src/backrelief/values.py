"""The two kinds of value every layer builds its models from, defined once.

`Frozen`: a value made by the core (a triage, a score, a result) that nothing changes
after it is made. `Strict`: the same, and it refuses any key it does not name, for what
is read from outside (knowledge files, the hazard log, vignettes, request bodies) so a
misspelt key is an error, never silently dropped.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
