"""Scoped access over HTTP: denials first, then each tenant sees only its own rows."""

from __future__ import annotations

import base64

import pytest

from api.auth.actor import Role
from api.auth.tokens import issue_access_token, load_or_create_signing_key
from tests.support import Api

CALL_OFFS = """query($f: CallOffFilter) { callOffs(first: 100, filter: $f) {
  totalCount edges { node { id authority { code } provider { id } } } } }"""


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def authority_pk(api: Api, code: str) -> int:
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    return next(pk(e["node"]["id"]) for e in edges if e["node"]["code"] == code)


def test_records_need_a_token(api: Api) -> None:
    for field in ("callOffs", "referrals", "offers", "bids", "outcomeReports", "auditEvents"):
        response = api.post(f"{{ {field}(first: 1) {{ totalCount }} }}")
        assert response.status_code == 401, field
        assert response.headers["www-authenticate"].startswith("Bearer"), field
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", field
    # public fields stay 200 without a token
    assert api.post("{ authorities(first: 1) { totalCount } }").status_code == 200


def _signed(api: Api, key_file, **overrides: object) -> str:
    settings = api.app.state.settings
    claims: dict = {
        "issuer": settings.oauth_issuer,
        "audience": settings.oauth_audience,
        "subject": "someone",
        "client_id": "x",
        "roles": [Role.AUDITOR],
        "scopes": ["calloffs:read"],
    }
    claims.update(overrides)
    key = api.app.state.signing_key if key_file is None else load_or_create_signing_key(key_file)
    return issue_access_token(key, **claims)  # type: ignore[arg-type]


def test_expired_wrongly_addressed_and_forged_tokens_get_401(api: Api, tmp_path) -> None:
    assert api.post("{ callOffs(first: 1) { totalCount } }", token=_signed(api, None)).status_code == 200
    refused = {
        "expired": _signed(api, None, lifetime=-60),
        "wrong audience": _signed(api, None, audience="someone-else"),
        "wrong issuer": _signed(api, None, issuer="https://elsewhere.example"),
        "wrong signature": _signed(api, tmp_path / "other.pem"),
    }
    for case, token in refused.items():
        response = api.post("{ callOffs(first: 1) { totalCount } }", token=token)
        assert response.status_code == 401, case
        assert response.headers["www-authenticate"].startswith("Bearer"), case


def test_unsigned_alg_none_tokens_get_401(api: Api) -> None:
    import base64
    import json

    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    settings = api.app.state.settings
    claims = {
        "iss": settings.oauth_issuer,
        "aud": settings.oauth_audience,
        "sub": "x",
        "client_id": "x",
        "iat": 0,
        "exp": 9999999999,
        "jti": "j",
        "roles": ["AUDITOR"],
        "scope": "calloffs:read",
    }
    unsigned = f"{part({'alg': 'none', 'typ': 'at+jwt'})}.{part(claims)}."
    response = api.post("{ callOffs(first: 1) { totalCount } }", token=unsigned)
    assert response.status_code == 401


def test_a_token_without_the_scope_is_forbidden(api: Api) -> None:
    token = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1, scopes=("referrals:read",))
    errors = api.errors("{ callOffs(first: 1) { totalCount } }", token=token)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_a_role_without_the_right_is_forbidden(api: Api) -> None:
    token = api.token(Role.EVALUATOR, scopes=("calloffs:read", "audit:read"))
    for field in ("callOffs", "auditEvents"):
        errors = api.errors(f"{{ {field}(first: 1) {{ totalCount }} }}", token=token)
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", field


@pytest.mark.parametrize(
    "header",
    ["Bearer not.a.jwt", "Bearer", "Basic dXNlcjpwYXNz"],
)
def test_bad_tokens_are_refused_with_401(api: Api, header: str) -> None:
    response = api.http.post("/graphql", json={"query": "{ viewer { subject } }"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_commissioner_sees_only_their_authoritys_call_offs(api: Api) -> None:
    everything = api.gql(CALL_OFFS, token=api.token(Role.AUDITOR))["callOffs"]["totalCount"]
    cheshire_east = authority_pk(api, "E06000049")
    token = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=cheshire_east)
    own = api.gql(CALL_OFFS, token=token)["callOffs"]
    assert 0 < own["totalCount"] < everything
    assert {e["node"]["authority"]["code"] for e in own["edges"]} == {"E06000049"}

    # asking for another authority's call-offs yields nothing, not an error
    manchester = api.gql(CALL_OFFS, {"f": {"authority": _authority_gid(api, "E08000003")}}, token=token)
    assert manchester["callOffs"]["totalCount"] == 0


def _authority_gid(api: Api, code: str) -> str:
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    return next(e["node"]["id"] for e in edges if e["node"]["code"] == code)


def test_another_authoritys_call_off_is_not_found_by_id(api: Api) -> None:
    auditor = api.gql(CALL_OFFS, token=api.token(Role.AUDITOR))["callOffs"]["edges"]
    foreign = next(e["node"] for e in auditor if e["node"]["authority"]["code"] != "E06000049")
    token = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority_pk(api, "E06000049"))
    errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": foreign["id"]}, token=token)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_a_provider_sees_only_its_own_call_offs_and_bids(api: Api) -> None:
    auditor = api.gql(CALL_OFFS, token=api.token(Role.AUDITOR))["callOffs"]["edges"]
    provider_gid = auditor[0]["node"]["provider"]["id"]
    token = api.token(Role.PROVIDER_USER, provider_id=pk(provider_gid))
    own = api.gql(CALL_OFFS, token=token)["callOffs"]
    assert own["totalCount"] > 0
    assert {e["node"]["provider"]["id"] for e in own["edges"]} == {provider_gid}

    all_bids = api.gql("{ bids(first: 100) { totalCount } }", token=api.token(Role.LEAD_ADMIN))["bids"]["totalCount"]
    bids = api.gql("{ bids(first: 100) { totalCount edges { node { provider { id } } } } }", token=token)["bids"]
    assert bids["totalCount"] < all_bids
    assert {e["node"]["provider"]["id"] for e in bids["edges"]} <= {provider_gid}


def test_a_provider_sees_only_referrals_it_was_invited_to(api: Api) -> None:
    auditor = api.gql(
        "{ referrals(first: 100) { totalCount edges { node { id invitedProviders { id } } } } }",
        token=api.token(Role.AUDITOR),
    )["referrals"]
    invited = auditor["edges"][0]["node"]["invitedProviders"][0]["id"]
    token = api.token(Role.PROVIDER_USER, provider_id=pk(invited))
    seen = api.gql("{ referrals(first: 100) { totalCount edges { node { invitedProviders { id } } } } }", token=token)[
        "referrals"
    ]
    assert 0 < seen["totalCount"] < auditor["totalCount"]


def test_outcome_reports_stay_with_the_placing_authority(api: Api) -> None:
    everything = api.gql("{ outcomeReports(first: 1) { totalCount } }", token=api.token(Role.AUDITOR))
    assert everything["outcomeReports"]["totalCount"] > 0
    # the lead authority's procurement team (no authority claim) does not see children's reports
    lead = api.gql("{ outcomeReports(first: 1) { totalCount } }", token=api.token(Role.LEAD_ADMIN))
    assert lead["outcomeReports"]["totalCount"] == 0


def test_viewer_describes_the_token(api: Api) -> None:
    anonymous = api.gql("{ viewer { subject roles authority { code } } }")["viewer"]
    assert anonymous == {"subject": None, "roles": [], "authority": None}
    token = api.token(Role.AUTHORITY_ANALYST, authority_id=authority_pk(api, "E08000001"), subject="analyst-7")
    viewer = api.gql("{ viewer { subject roles scopes authority { code } } }", token=token)["viewer"]
    assert viewer["subject"] == "analyst-7"
    assert viewer["roles"] == ["AUTHORITY_ANALYST"]
    assert "calloffs:read" in viewer["scopes"]
    assert viewer["authority"] == {"code": "E08000001"}
