"""Properties over any valid assessment (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.assessment import (
    EASES,
    FINDINGS,
    HISTORY,
    RADIATIONS,
    REGIONS,
    TRIGGERS,
    WORSENS,
    Assessment,
)
from backrelief.knowledge import URGENCY, load_knowledge
from backrelief.triage import red_flags_unasked, triage

RED_FLAG_FINDINGS = sorted({f for r in load_knowledge().rules if r.red_flag for f in r.when.findings_named()})


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    radiation = draw(st.sampled_from((None, *RADIATIONS)))
    data: dict[str, Any] = {
        "age": draw(st.one_of(st.none(), st.integers(16, 110))),
        "sex": draw(st.sampled_from((None, "female", "male", "other"))),
        "region": draw(st.sampled_from((None, *REGIONS))),
        "radiation": radiation,
        "leg_sides": draw(st.sampled_from((None, "one", "both"))) if radiation not in (None, "none") else None,
        "severity": draw(st.one_of(st.none(), st.integers(0, 10))),
        "duration_days": draw(st.one_of(st.none(), st.integers(0, 400))),
        "onset": draw(st.sampled_from((None, "sudden", "gradual"))),
        "trigger": draw(st.sampled_from((None, *TRIGGERS))),
        "episodes_last_year": draw(st.one_of(st.none(), st.integers(0, 12))),
        "eases": draw(st.one_of(st.none(), st.lists(st.sampled_from(EASES), max_size=3, unique=True))),
        "worsens": draw(st.one_of(st.none(), st.lists(st.sampled_from(WORSENS), max_size=3, unique=True))),
        "findings": draw(st.one_of(st.none(), st.lists(st.sampled_from(FINDINGS), max_size=4, unique=True))),
        "history": draw(st.one_of(st.none(), st.lists(st.sampled_from(HISTORY), max_size=4, unique=True))),
    }
    if data["sex"] == "female":
        data["pregnant"] = draw(st.sampled_from((None, True, False)))
    return Assessment.model_validate({k: v for k, v in data.items() if v is not None})


@settings(max_examples=300, deadline=None)
@given(assessments(), st.sampled_from(RED_FLAG_FINDINGS))
def test_adding_a_red_flag_finding_never_lowers_the_disposition(a: Assessment, finding: str) -> None:
    before = triage(a).disposition
    after = triage(a.model_copy(update={"findings": tuple(dict.fromkeys((*(a.findings or ()), finding)))}))
    assert URGENCY[after.disposition] >= URGENCY[before]


@settings(max_examples=300, deadline=None)
@given(assessments(), st.sampled_from(["findings", "history", "trigger", "region", "radiation", "age", "worsens"]))
def test_removing_an_answer_never_shrinks_the_unasked_list(a: Assessment, key: str) -> None:
    fewer = a.model_copy(update={key: None, "leg_sides": None if key == "radiation" else a.leg_sides})
    assert set(red_flags_unasked(a)) <= set(red_flags_unasked(fewer))


@settings(max_examples=200, deadline=None)
@given(assessments())
def test_every_answer_has_a_reason_with_sources_and_the_knowledge_version(a: Assessment) -> None:
    t = triage(a)
    assert t.reasons
    assert all(r.sources for r in t.reasons)
    assert t.knowledge_version == load_knowledge().version
    assert max(URGENCY[r.level] for r in t.reasons) == URGENCY[t.disposition]
