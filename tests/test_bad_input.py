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


# -- page sizes from variables, nullable node, coded limits and values --------------------------------------

NESTED = "provider { memberships { establishments { provider { memberships { rateCard { weeklyFee } } } } } }"


def _cost_of(api: Api, query: str, variables: dict[str, object] | None = None) -> int | None:
    """The cost the API reports for a query it refuses as too costly; None when it runs it."""
    response = api.http.post("/graphql", json={"query": query, "variables": variables or {}})
    body = response.json()
    costly = [e for e in body.get("errors") or [] if e.get("extensions", {}).get("code") == "QUERY_TOO_COSTLY"]
    if not costly:
        assert body["data"] and not body.get("errors"), body
        return None
    assert body.get("data") is None and costly[0]["extensions"]["limit"] == 20_000, body
    return costly[0]["extensions"]["cost"]


def test_a_page_size_given_by_a_variable_costs_its_value(api: Api) -> None:
    """`first: $n` costs what `first: n` costs: the variable's value, else its default, else the default page size."""
    for argument in ("first", "last"):
        by_variable = f"query($n: Int) {{ establishments({argument}: $n) {{ edges {{ node {{ {NESTED} }} }} }} }}"
        literal = f"{{ establishments({argument}: %d) {{ edges {{ node {{ {NESTED} }} }} }} }}"
        for n in (1, 2, 100):
            assert _cost_of(api, by_variable, {"n": n}) == _cost_of(api, literal % n), n
        assert _cost_of(api, by_variable, {"n": 1}) is None
        refused = _cost_of(api, literal % 100)
        assert refused is not None and refused > 20_000
        # not given, or null: the default page size, 100
        assert _cost_of(api, by_variable) == _cost_of(api, by_variable, {"n": None}) == refused
        with_default = by_variable.replace("$n: Int)", "$n: Int = 2)")
        assert _cost_of(api, with_default) is None and _cost_of(api, with_default, {"n": 100}) == refused


def test_an_unknown_id_nulls_only_node(api: Api) -> None:
    unknown = base64.urlsafe_b64encode(b"Authority:999999").decode().rstrip("=")
    query = "query($id: ID!) { node(id: $id) { id } authorities(first: 1) { totalCount } }"
    response = api.http.post("/graphql", json={"query": query, "variables": {"id": unknown}})
    body = response.json()
    assert response.status_code == 200
    assert body["data"]["node"] is None and body["data"]["authorities"]["totalCount"] > 0, body
    assert body["errors"][0]["path"] == ["node"] and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_depth_alias_and_token_limits_carry_a_code(api: Api) -> None:
    deep = "{ callOffs(first: 1) { edges { node { " + "referral { callOff { " * 8 + "id" + " } }" * 8 + " } } } }"
    aliases = "{ " + " ".join(f"a{i}: authorities(first: 1) {{ totalCount }}" for i in range(31)) + " }"
    tokens = "{ authorities(first: 1) { " + "totalCount " * 2000 + "} }"
    for query, limit in ((deep, 12), (aliases, 30), (tokens, 2000)):
        errors = _clean(api, {"query": query})
        assert errors[0]["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": limit}, errors


AMEND = "mutation($input: AmendCallOffFeesInput!) { amendCallOffFees(input: $input) { __typename } }"
OFFER = "mutation($input: SubmitOfferInput!) { submitOffer(input: $input) { __typename } }"


def test_a_value_of_the_wrong_type_is_named_with_its_field(api: Api) -> None:
    """A negative Pence, a date that is no date, a number for a text: VALIDATION_ERROR, and the path to it."""
    amendment = {
        "callOff": "Q2FsbE9mZjox",
        "version": 1,
        "effectiveFrom": "2026-04-01",
        "reason": "CORRECTION",
        "note": "Corrected.",
        "weeklyFees": {"education": -5},
    }
    literal = AMEND.replace("($input: AmendCallOffFeesInput!)", "").replace(
        "$input",
        '{callOff: "Q2FsbE9mZjox", version: 1, effectiveFrom: "2026-04-01", reason: CORRECTION, note: "x", '
        "weeklyFees: {education: -5}}",
    )
    for body in ({"query": AMEND, "variables": {"input": amendment}}, {"query": literal}):
        (error,) = _clean(api, body)
        assert "Pence" in error["message"], error
        assert error["extensions"] == {"code": "VALIDATION_ERROR", "field": "input.weeklyFees.education"}, error
    offer = {
        "referral": "UmVmZXJyYWw6MQ",
        "establishment": "RXN0YWJsaXNobWVudDox",
        "weeklyFees": {"education": 100_000},
        "startDate": "2026-02-30",
        "qualityAnswers": ["Yes.", 5],
        "qualityStatement": "A calm day.",
    }
    errors = _clean(api, {"query": OFFER, "variables": {"input": offer}})
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in errors] == [
        ("VALIDATION_ERROR", "input.startDate"),
        ("VALIDATION_ERROR", "input.qualityAnswers[1]"),
    ], errors


# -- bodies, filter strings and IDs that once reached a 500 or the database ----------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"query": "{ authorities(first: 1) { totalCount } }", "x": "\xff\xfe\xc3"}', "not UTF-8"),
        ("\ufeff".encode("utf-16-le") + '{"query": "{ __typename }"}'.encode("utf-16-le"), "not UTF-8"),
        (b'{"query": "{ __typename }", "variables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (
            b'{"query": "{ __typename }", "extensions": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001,
            "nested too deeply",
        ),
    ],
    ids=["latin-1", "utf-16", "arrays-100000-deep", "objects-100000-deep"],
)
def test_bodies_that_are_not_utf8_or_nest_too_deeply_get_400(api: Api, body: bytes, expected: str) -> None:
    response = api.http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert expected in response.text and not any(leak in response.text for leak in LEAKS), response.text


def test_deeply_nested_variables_in_a_get_get_400(api: Api) -> None:
    response = api.http.get("/graphql", params={"query": "{ __typename }", "variables": "[" * 5_000 + "]" * 5_000})
    assert response.status_code == 400, response.text
    assert "nested too deeply" in response.text


def test_filter_strings_have_a_length_limit(api: Api) -> None:
    from api.schema.filters import MAX_FILTER_TEXT

    query = "query($text: String) { providers(first: 5, filter: {nameContains: $text}) { totalCount } }"
    for text in ("x" * (MAX_FILTER_TEXT + 1), "x" * 5 * 1024 * 1024):
        errors = _clean(api, {"query": query, "variables": {"text": text}})
        assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR", errors
        assert errors[0]["extensions"]["field"] == "filter.nameContains"
        assert str(MAX_FILTER_TEXT) in errors[0]["message"]
    fits = api.gql(query, {"text": "x" * MAX_FILTER_TEXT})["providers"]
    assert fits == {"totalCount": 0}


@pytest.mark.parametrize(
    "raw",
    [
        b"Provider:2147483648",
        b"Provider:99999999999999999999",
        b"AuditEvent:9223372036854775808",
        b"Provider:" + b"9" * 5000,
        b"Provider:" + b"1" * 200,
    ],
    ids=["int32-plus-one", "twenty-digits", "int64-plus-one", "5000-digits", "200-digits"],
)
def test_a_huge_number_in_a_global_id_is_a_typed_error(api: Api, raw: bytes) -> None:
    from api.auth.actor import Role

    huge = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    token = api.token(Role.AUDITOR)
    for query, variables in [
        ("query($id: ID!) { node(id: $id) { id } }", {"id": huge}),
        ("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [huge]}),
        ("query($id: ID) { establishments(first: 1, filter: {provider: $id}) { totalCount } }", {"id": huge}),
    ]:
        response = api.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code in (200, 400), response.text
        errors = response.json()["errors"]
        assert errors[0]["extensions"]["code"] == "INVALID_ID", errors
        assert "Unexpected error" not in response.text


def test_a_huge_number_in_a_cursor_is_a_typed_error(api: Api) -> None:
    for pk in (2**31, 10**20):
        cursor = base64.urlsafe_b64encode(f"cursor:{pk}".encode()).decode().rstrip("=")
        errors = _clean(
            api, {"query": f'{{ providers(first: 1, after: "{cursor}") {{ totalCount edges {{ cursor }} }} }}'}
        )
        assert errors[0]["extensions"]["code"] == "INVALID_CURSOR", errors
