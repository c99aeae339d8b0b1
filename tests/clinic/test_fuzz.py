"""Random JSON at every clinic endpoint that takes a body: never a server error, always the
one error shape when refused. (hypothesis; the bad-input kinds each have their own test.)"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.clinic.conftest import World
from tests.clinic.test_bad_input import API

SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | \
    st.floats(allow_nan=False) | st.text(max_size=40)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                            max_size=4), max_leaves=8)


def _bodies(good: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The good body with some of its fields replaced by anything at all, and maybe an extra one."""
    keys = list(good)
    return st.fixed_dictionaries({k: st.just(v) | VALUES for k, v in good.items()}).flatmap(
        lambda body: st.dictionaries(st.sampled_from([*keys, "extra"]), VALUES, max_size=1).map(
            lambda extra: {**body, **extra}))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_random_bodies_never_cause_a_server_error(world: World, data: st.DataObject) -> None:
    for who, method, path, good in API:
        assert isinstance(good, dict)
        if path in ("/api/v1/me/password", "/api/v1/me"):
            continue  # a lucky valid body would change or erase the account for the next examples
        body = data.draw(_bodies(good), label=path)
        client = world.client(who)
        headers = {"content-type": "application/json"}
        if client.bearer:
            headers["authorization"] = f"Bearer {client.bearer}"
        answer = client.http.request(method, path, content=json.dumps(body), headers=headers)
        assert answer.status_code < 500, (path, body, answer.text[:300])
        if answer.status_code >= 400:
            assert answer.json()["errors"][0]["message"], (path, body)
