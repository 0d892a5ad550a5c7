"""Bad input gets a clear GraphQL error: never a 500, never a stack trace or SQL."""

from __future__ import annotations

import base64

import pytest

from api.resolvers.errors import ClientError
from tests.support import Api

LEAKS = ("Traceback", 'File "', "SELECT ", "sqlalchemy", "asyncpg", "sqlite3")


def _clean(api: Api, body: dict[str, object]) -> list[dict[str, object]]:
    response = api.http.post("/graphql", json=body)
    assert response.status_code in (200, 400), response.text
    assert not any(leak in response.text for leak in LEAKS), response.text
    return response.json()["errors"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ authorities(first: 5) { edges { node { code }", "Syntax Error"),
        ('{ authorities(first: "five") { totalCount } }', "Int cannot represent"),
        ("{ authorities(first: 5) { nonsense } }", "Cannot query field 'nonsense'"),
        ("{ authorities(first: 500) { totalCount } }", "first: must be between 0 and 100"),
        ('{ authorities(after: "garbage") { totalCount } }', "is not a valid cursor"),
        ('{ node(id: "not-an-id") { id } }', "is not a valid ID"),
        ('{ establishments(filter: {lot: "QXV0aG9yaXR5OjE"}) { totalCount } }', "expected the ID of a Lot"),
        ('{ establishments(filter: {need: "TALL"}) { totalCount } }', "NeedCode"),
    ],
)
def test_bad_queries_get_clear_errors(api: Api, query: str, expected: str) -> None:
    errors = _clean(api, {"query": query})
    assert expected in errors[0]["message"]


def test_unknown_id_is_not_found(api: Api) -> None:
    unknown = base64.urlsafe_b64encode(b"Authority:999999").decode().rstrip("=")
    errors = _clean(api, {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": unknown}})
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert errors[0]["extensions"]["field"] == "id"


def test_unknown_type_in_id_is_not_found(api: Api) -> None:
    unknown = base64.urlsafe_b64encode(b"Spaceship:1").decode().rstrip("=")
    errors = _clean(api, {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": unknown}})
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_one_bad_id_among_nodes_fails_only_its_index(api: Api) -> None:
    first = api.gql("{ authorities(first: 1) { edges { node { id } } } }")["authorities"]["edges"][0]["node"]["id"]
    missing = base64.urlsafe_b64encode(b"Authority:999999").decode().rstrip("=")
    response = api.http.post(
        "/graphql",
        json={"query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", "variables": {"ids": [first, missing]}},
    )
    body = response.json()
    assert body["data"]["nodes"] == [{"id": first}, None]
    assert body["errors"][0]["path"] == ["nodes", 1]


def test_wrong_variable_type_is_reported(api: Api) -> None:
    errors = _clean(
        api,
        {"query": "query($n: Int) { authorities(first: $n) { totalCount } }", "variables": {"n": "many"}},
    )
    assert "$n" in errors[0]["message"]


def test_malformed_request_bodies_are_refused_cleanly(api: Api) -> None:
    response = api.http.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert not any(leak in response.text for leak in LEAKS)
    response = api.http.post("/graphql", json={"nothing": "here"})
    assert response.status_code == 400


def test_deep_queries_are_refused(api: Api) -> None:
    nested = "referral { callOff { " * 8 + "id" + " } }" * 8
    deep = "{ callOffs(first: 1) { edges { node { " + nested + " } } } }"
    errors = _clean(api, {"query": deep})
    assert "exceeds maximum operation depth" in errors[0]["message"]


def test_unexpected_errors_are_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    from types import SimpleNamespace

    from graphql import GraphQLError

    from api.schema import MaskUnexpectedErrors

    mask = MaskUnexpectedErrors()
    mask.execution_context = SimpleNamespace(context=SimpleNamespace(request_id="req-42"))  # type: ignore[assignment]
    unexpected = GraphQLError("boom: SELECT secret FROM x", path=["callOffs"], original_error=RuntimeError("boom"))
    mistake = GraphQLError(
        "first: must be between 0 and 100",
        path=["authorities"],
        original_error=ClientError("first: must be between 0 and 100", code="VALIDATION_ERROR"),
    )
    masked, kept = mask._process_errors([unexpected, mistake])
    assert masked.message == "Unexpected error. It has been logged."
    assert masked.extensions == {"code": "INTERNAL_ERROR", "requestId": "req-42"}
    assert "SELECT" not in str(masked.formatted)
    assert "req-42" in caplog.text and "boom" in caplog.text
    assert kept is mistake


def test_costly_queries_are_refused_even_through_fragments(api: Api) -> None:
    nested = "provider { memberships { establishments { provider { memberships { rateCard { weeklyFee } } } } } }"
    direct = "{ establishments(first: 100) { edges { node { " + nested + " } } } }"
    via_fragment = "query { ...Heavy } fragment Heavy on Query { establishments { nodes { " + nested + " } } }"
    for query in (direct, via_fragment):
        errors = _clean(api, {"query": query})
        assert errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    # the same shape on a small page is fine
    assert api.gql("{ establishments(first: 2) { edges { node { " + nested + " } } } }")["establishments"]
