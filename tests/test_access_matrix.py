"""The role × operation matrix: every root field, for every role and for anonymous callers.

Each cell says what the caller must get: the whole list, only its own tenant's
rows, a typed denial, or nothing. The expectations are written out here, not
derived from the declarations, so a change of access shows up as a failure.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from api.auth.actor import Role
from api.schema import schema
from tests.support import Api

ANONYMOUS = None
ROLES: list[Role | None] = [ANONYMOUS, *Role]

# What a caller gets from a root list.
ALL = "all"  # every row the auditor sees
OWN = "own"  # a non-empty subset, every row passing the tenancy check
NONE = "none"  # an empty list
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"

PUBLIC_LISTS = {
    "authorities": "code",
    "purchasingSystems": "title",
    "outcomeMeasures": "code",
    "providers": "legalName",
    "establishments": "urn",
    "lotMemberships": "since",
    "applicationRounds": "number",
    "integratedCareBoards": "odsCode",
}


@dataclass(frozen=True)
class Tenant:
    """The identities the matrix tokens act for."""

    cheshire_east: int
    bolton: int
    provider: int
    provider_gid: str
    qyg: int
    """NHS Cheshire and Merseyside ICB, the board of Cheshire East's area (the demo's ``icb.commissioner``)."""


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


@pytest.fixture(scope="module")
def tenant(api: Api) -> Tenant:
    authorities = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    by_code = {e["node"]["code"]: pk(e["node"]["id"]) for e in authorities}
    call_off = api.gql("{ callOffs(first: 1) { edges { node { provider { id } } } } }", token=api.token(Role.AUDITOR))
    provider_gid = call_off["callOffs"]["edges"][0]["node"]["provider"]["id"]
    boards = api.gql("{ integratedCareBoards(first: 10) { nodes { id odsCode } } }")["integratedCareBoards"]["nodes"]
    qyg = next(pk(b["id"]) for b in boards if b["odsCode"] == "QYG")
    return Tenant(by_code["E06000049"], by_code["E08000001"], pk(provider_gid), provider_gid, qyg)


def token_for(api: Api, role: Role | None, t: Tenant) -> str | None:
    if role is None:
        return None
    return api.token(
        role,
        authority_id={
            Role.LEAD_ADMIN: t.cheshire_east,
            Role.AUTHORITY_COMMISSIONER: t.cheshire_east,
            Role.AUTHORITY_ANALYST: t.bolton,
            Role.AUTHORITY_FINANCE: t.cheshire_east,
        }.get(role),
        provider_id=t.provider if role is Role.PROVIDER_USER else None,
        board_id=t.qyg if role is Role.ICB_COMMISSIONER else None,
        subject="evaluator-1" if role is Role.EVALUATOR else None,
    )


def _authority(code: str) -> Callable[[dict[str, Any]], bool]:
    return lambda node: node["authority"]["code"] == code


def _provider(t: Tenant) -> Callable[[dict[str, Any]], bool]:
    return lambda node: node["provider"]["id"] == t.provider_gid


def _funded_by(ods_code: str) -> Callable[[dict[str, Any]], bool]:
    """A funding split with a contribution from the integrated care board ``ods_code``."""
    return lambda node: any(
        (c["funder"]["integratedCareBoard"] or {}).get("odsCode") == ods_code for c in node["contributions"]
    )


# field -> (selection, {role: (expectation, tenancy check)})
def record_matrix(t: Tenant) -> dict[str, tuple[str, dict[Role | None, tuple[str, Any]]]]:
    ce, bolton = _authority("E06000049"), _authority("E08000001")
    own_provider = _provider(t)
    # a provider sees that it was invited, never who else was
    invited = lambda node: [p["id"] for p in node["invitedProviders"]] == [t.provider_gid]  # noqa: E731
    closed_round = lambda node: node["round"]["status"] != "OPEN" and node["status"] == "SUBMITTED"  # noqa: E731
    unsealed = lambda node: node["round"]["status"] != "OPEN"  # noqa: E731
    # Bids are sealed until their round closes: at the demo time only round 1 has, and every bid in it was
    # submitted, so the lead authority, auditors and its evaluators see the same bids, none of the open round's.
    return {
        "bids": (
            "status provider { id } round { status }",
            {
                Role.LEAD_ADMIN: (ALL, unsealed),
                Role.EVALUATOR: (ALL, closed_round),
                Role.AUTHORITY_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_ANALYST: (FORBIDDEN, None),
                Role.PROVIDER_USER: (OWN, own_provider),
                Role.AUDITOR: (ALL, unsealed),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),  # no bids:read
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no bids:read
            },
        ),
        "referrals": (
            "authority { code } invitedProviders { id }",
            {
                Role.LEAD_ADMIN: (OWN, ce),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, ce),
                Role.AUTHORITY_ANALYST: (OWN, bolton),
                Role.PROVIDER_USER: (OWN, invited),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),  # no referrals:read: a board never reads a child's referral
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no referrals:read: finance pays, it never reads the child
            },
        ),
        "offers": (
            "provider { id } referral { authority { code } }",
            {
                Role.LEAD_ADMIN: (OWN, lambda n: n["referral"]["authority"]["code"] == "E06000049"),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, lambda n: n["referral"]["authority"]["code"] == "E06000049"),
                Role.AUTHORITY_ANALYST: (OWN, lambda n: n["referral"]["authority"]["code"] == "E08000001"),
                Role.PROVIDER_USER: (OWN, own_provider),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),  # no offers:read
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no offers:read
            },
        ),
        "callOffs": (
            "authority { code } provider { id }",
            {
                Role.LEAD_ADMIN: (ALL, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, ce),
                Role.AUTHORITY_ANALYST: (OWN, bolton),
                Role.PROVIDER_USER: (OWN, own_provider),
                Role.AUDITOR: (ALL, None),
                # calloffs:read, but not this list: a board reads the call-offs it funds by `node` and through
                # `fundingSplits` (test_a_board_reads_what_it_funds_and_nothing_behind_it)
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                # calloffs:read, and the `CallOff` rule gives it its authority's call-offs, but not this list: it
                # reads the contracts it pays through their invoices, or by `node`
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),
            },
        ),
        "outcomeReports": (
            "callOff { authority { code } provider { id } }",
            {
                Role.LEAD_ADMIN: (OWN, lambda n: ce(n["callOff"])),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, lambda n: ce(n["callOff"])),
                Role.AUTHORITY_ANALYST: (OWN, lambda n: bolton(n["callOff"])),
                Role.PROVIDER_USER: (OWN, lambda n: own_provider(n["callOff"])),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),  # no reports:read: outcomes are about the child
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no reports:read: outcomes are about the child
            },
        ),
        # the demo uploads no document; a board's token has no documents:read
        "documents": (
            "fileName",
            {
                Role.LEAD_ADMIN: (NONE, None),
                Role.EVALUATOR: (NONE, None),
                Role.AUTHORITY_COMMISSIONER: (NONE, None),
                Role.AUTHORITY_ANALYST: (NONE, None),
                Role.PROVIDER_USER: (NONE, None),
                Role.AUDITOR: (NONE, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (NONE, None),
            },
        ),
        "auditEvents": (
            "action",
            {
                Role.LEAD_ADMIN: (NONE, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_ANALYST: (FORBIDDEN, None),
                Role.PROVIDER_USER: (FORBIDDEN, None),
                Role.AUDITOR: (NONE, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),
            },
        ),
        # the demo has sent nothing yet; tests/test_notifications*.py read a full outbox
        "notifications": (
            "kind status",
            {
                Role.LEAD_ADMIN: (NONE, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_ANALYST: (FORBIDDEN, None),
                Role.PROVIDER_USER: (FORBIDDEN, None),
                Role.AUDITOR: (NONE, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),
            },
        ),
        # the demo registers no endpoint; a provider user who is no administrator sees none either
        # (tests/test_webhooks.py registers them and reads them as their owners)
        "webhookEndpoints": (
            "url",
            {
                Role.LEAD_ADMIN: (FORBIDDEN, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (NONE, None),
                Role.AUTHORITY_ANALYST: (FORBIDDEN, None),
                Role.PROVIDER_USER: (NONE, None),
                Role.AUDITOR: (FORBIDDEN, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no webhooks:read
            },
        ),
        # who pays: the placing authority's people, each funder named, the lead authority and auditors; never a
        # provider or an evaluator (in the demo every authority funder is the placing authority itself)
        "fundingSplits": (
            "callOff { authority { code } } contributions { funder { integratedCareBoard { odsCode } } }",
            {
                Role.LEAD_ADMIN: (ALL, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, lambda n: ce(n["callOff"])),
                Role.AUTHORITY_ANALYST: (OWN, lambda n: bolton(n["callOff"])),
                Role.PROVIDER_USER: (FORBIDDEN, None),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (OWN, _funded_by("QYG")),
                # the placing authority's finance users: its own call-offs' splits, as its commissioners
                # funding:read, but not this list: finance reads who pays through its authority's call-offs and
                # invoices (test_a_finance_user_reads_its_authoritys_contracts_and_nothing_behind_them)
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),
            },
        ),
        # the demo has no invoice (tests/test_invoices.py sends them): every role the list admits gets none;
        # evaluators and boards have no invoices:read and are refused
        "invoices": (
            "authority { code } provider { id }",
            {
                Role.LEAD_ADMIN: (NONE, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (NONE, None),
                Role.AUTHORITY_ANALYST: (NONE, None),
                Role.PROVIDER_USER: (NONE, None),
                Role.AUDITOR: (NONE, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (NONE, None),
            },
        ),
        # the demo has no uplift request (tests/test_uplifts.py asks for them): the provider and the buying side
        # get none; an evaluator has no calloffs:read, and a board, which has, is no reader of the list
        "upliftRequests": (
            "provider { id } establishment { id }",
            {
                Role.LEAD_ADMIN: (NONE, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (NONE, None),
                Role.AUTHORITY_ANALYST: (NONE, None),
                Role.PROVIDER_USER: (NONE, None),
                Role.AUDITOR: (NONE, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (NONE, None),
            },
        ),
        # EHC plan annual reviews are about the child: the placing authority's people (the lead authority its own
        # authority's), the provider its own placements', auditors all; no board, finance user or evaluator
        "annualReviews": (
            "callOff { authority { code } provider { id } }",
            {
                Role.LEAD_ADMIN: (OWN, lambda n: ce(n["callOff"])),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, lambda n: ce(n["callOff"])),
                Role.AUTHORITY_ANALYST: (OWN, lambda n: bolton(n["callOff"])),
                Role.PROVIDER_USER: (OWN, lambda n: own_provider(n["callOff"])),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),  # no reports:read
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),  # no reports:read
            },
        ),
        # placements due to end within 6 months: the placing authority's commissioners and analysts their own, the
        # lead authority and auditors every authority's; never a provider, a board or a finance user
        "placementsEnding": (
            "authority { code } provider { id }",
            {
                Role.LEAD_ADMIN: (ALL, None),
                Role.EVALUATOR: (FORBIDDEN, None),
                Role.AUTHORITY_COMMISSIONER: (OWN, ce),
                Role.AUTHORITY_ANALYST: (OWN, bolton),
                Role.PROVIDER_USER: (FORBIDDEN, None),
                Role.AUDITOR: (ALL, None),
                Role.ICB_COMMISSIONER: (FORBIDDEN, None),
                Role.AUTHORITY_FINANCE: (FORBIDDEN, None),
            },
        ),
    }


# (field, role) -> why the product does not (yet) give what the cell above says; strict, so the fix fails the mark
PRODUCT_BUGS: dict[tuple[str, Role | None], str] = {}
"""Cells the product is known to get wrong: each is a strict expected failure until it is fixed."""

SINGLE_FIELDS = {
    "viewer",
    "node",
    "nodes",
    "overdueApplications",
    "documentTypes",
    "excludedSuppliers",
    "procurementNotices",  # public, each notice under its own rule: tests/test_notices.py
}

# public fields that take arguments -> the query, given Cheshire East's global ID; everyone gets the same answer
PUBLIC_FIELDS: dict[str, Callable[[str], str]] = {
    # the demo's regional calendar: six half terms a year
    "termDates": lambda _: "{ termDates(academicYear: 2025) { name firstDay lastDay } }",
    # as the payments compliance notice publishes it; the demo has paid no invoice
    "paymentPerformance": lambda authority: (
        f'{{ paymentPerformance(authority: "{authority}", year: 2025, half: 2) {{ firstDay lastDay invoicesPaid '
        "paidWithin30Days sharePaidWithin30Days averageDaysToPay overdueUnpaid authority { code } } }"
    ),
}

# analytics field -> its arguments besides the scope
ANALYTICS_FIELDS = {
    "committedSpend": "groupBy: LOT",
    "feeBenchmark": "",
    "outcomeSummary": "groupBy: LOT",
    "placementCounts": "groupBy: STATUS",
}
# role -> the authority whose figures OWN_AUTHORITY gives, or the denial; REGION is for every role that may see any
ANALYTICS_OWN: dict[Role, str] = {
    Role.LEAD_ADMIN: FORBIDDEN,
    Role.EVALUATOR: FORBIDDEN,
    Role.AUTHORITY_COMMISSIONER: "E06000049",
    Role.AUTHORITY_ANALYST: "E08000001",
    Role.PROVIDER_USER: FORBIDDEN,
    Role.AUDITOR: FORBIDDEN,
    # a board's token has no analytics:read, nor is the role among the analysts': it has no figures of the
    # councils' placements, its own share of them included (test_a_board_gets_no_analytics_even_with_the_scope)
    Role.ICB_COMMISSIONER: FORBIDDEN,
    # an authority's finance users pay its invoices: no analytics:read, nor among the analysts' roles
    Role.AUTHORITY_FINANCE: FORBIDDEN,
}
ANALYTICS_REGION = {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_ANALYST, Role.AUDITOR}


def test_the_matrix_covers_every_root_field() -> None:
    fields = set(schema._schema.query_type.fields)  # type: ignore[union-attr]
    covered = (
        set(PUBLIC_LISTS)
        | set(record_matrix(Tenant(0, 0, 0, "", 0)).keys())
        | SINGLE_FIELDS
        | set(PUBLIC_FIELDS)
        | set(ANALYTICS_FIELDS)
        | set(AUTHORITY_FIGURES)
        | set(PLACEMENT_LIFE)
    )
    assert fields == covered
    assert set(schema._schema.mutation_type.fields) == set(MUTATIONS)  # type: ignore[union-attr]


def _rows(api: Api, field: str, selection: str, token: str | None) -> tuple[int, list[dict[str, Any]]] | str:
    query = f"{{ {field}(first: 100) {{ totalCount edges {{ node {{ id {selection} }} }} }} }}"
    response = api.post(query, token=token)
    body = response.json()
    if body.get("errors"):
        code = body["errors"][0]["extensions"]["code"]
        assert response.status_code == (401 if code == UNAUTHENTICATED else 200)
        assert body["data"] is None
        return code
    page = body["data"][field]
    return page["totalCount"], [e["node"] for e in page["edges"]]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("field", sorted(PUBLIC_LISTS))
def test_public_lists_are_open_to_everyone(api: Api, tenant: Tenant, field: str, role: Role | None) -> None:
    everything = _rows(api, field, PUBLIC_LISTS[field], None)
    seen = _rows(api, field, PUBLIC_LISTS[field], token_for(api, role, tenant))
    assert isinstance(seen, tuple) and seen[0] > 0
    assert seen == everything


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("field", sorted(PUBLIC_FIELDS))
def test_public_fields_answer_everyone_alike(api: Api, tenant: Tenant, field: str, role: Role | None) -> None:
    """Term dates and payment performance are published: any token, or none, gets the same answer."""
    cheshire_east = base64.urlsafe_b64encode(f"Authority:{tenant.cheshire_east}".encode()).decode().rstrip("=")
    query = PUBLIC_FIELDS[field](cheshire_east)
    anonymous = api.post(query).json()
    assert not anonymous.get("errors"), anonymous
    seen = api.post(query, token=token_for(api, role, tenant)).json()
    assert seen == anonymous
    answer = anonymous["data"][field]
    if field == "termDates":
        assert len(answer) == 6 and answer[0]["firstDay"].startswith("2025-"), answer
    else:
        assert answer["authority"] == {"code": "E06000049"} and answer["invoicesPaid"] == 0, answer


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize(
    "field",
    [
        "bids",
        "referrals",
        "offers",
        "callOffs",
        "outcomeReports",
        "documents",
        "auditEvents",
        "notifications",
        "webhookEndpoints",
        "fundingSplits",
        "invoices",
        "upliftRequests",
        "annualReviews",
        "placementsEnding",
    ],
)
def test_records_follow_role_and_tenancy(
    api: Api, tenant: Tenant, field: str, role: Role | None, request: pytest.FixtureRequest
) -> None:
    if (field, role) in PRODUCT_BUGS:
        request.node.add_marker(pytest.mark.xfail(reason=PRODUCT_BUGS[(field, role)], strict=True))
    selection, cells = record_matrix(tenant)[field]
    expected, belongs = cells.get(role, (UNAUTHENTICATED, None)) if role else (UNAUTHENTICATED, None)
    seen = _rows(api, field, selection, token_for(api, role, tenant))
    if expected in (UNAUTHENTICATED, FORBIDDEN):
        assert seen == expected
        return
    assert isinstance(seen, tuple), seen
    total, nodes = seen
    if expected == NONE:
        assert total == 0
        return
    everything = _rows(api, field, selection, api.token(Role.AUDITOR))
    assert isinstance(everything, tuple)
    if expected == ALL:
        assert total == everything[0] > 0
        assert belongs is None or all(belongs(node) for node in nodes), nodes[:3]
    else:
        assert 0 < total < everything[0]
        assert nodes and all(belongs(node) for node in nodes), nodes[:3]


# an authority's own figures, by field: who reads Cheshire East's (the rest are refused, FORBIDDEN)
AUTHORITY_FIGURES: dict[str, tuple[str, set[Role]]] = {
    "reviewCompliance": (
        '{{ reviewCompliance(authority: "{authority}", from: "2026-01-01", to: "2026-12-31") {{ reviewsDue }} }}',
        {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER, Role.AUDITOR},  # Bolton's analyst reads Bolton's only
    ),
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("field", sorted(AUTHORITY_FIGURES))
def test_authority_figures_follow_role_and_authority(api: Api, tenant: Tenant, field: str, role: Role | None) -> None:
    cheshire_east = base64.urlsafe_b64encode(f"Authority:{tenant.cheshire_east}".encode()).decode().rstrip("=")
    query, readers = AUTHORITY_FIGURES[field]
    response = api.post(query.format(authority=cheshire_east), token=token_for(api, role, tenant))
    body = response.json()
    if role is None:
        assert response.status_code == 401 and body["errors"][0]["extensions"]["code"] == UNAUTHENTICATED
    elif role in readers:
        assert not body.get("errors") and body["data"][field]["reviewsDue"] > 0, body
    else:
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == FORBIDDEN, body


# how placements end: root fields that are no lists -> (the query, given an establishment of the matrix's provider;
# the roles that may ask). The demo marks no establishment closing, so `affectedPlacements` refuses everyone it
# admits with a VALIDATION_ERROR; stability answers them (tests/test_endings.py reads both in full).
PLACEMENT_LIFE: dict[str, tuple[str, set[Role]]] = {
    "placementStability": (
        "{{ placementStability {{ from lastDay groups {{ suppressed }} }} }}",
        {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_ANALYST, Role.AUDITOR, Role.PROVIDER_USER},
    ),
    "affectedPlacements": (
        '{{ affectedPlacements(establishment: "{establishment}") {{ placements }} }}',
        {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_ANALYST, Role.AUDITOR, Role.PROVIDER_USER},
    ),
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("field", sorted(PLACEMENT_LIFE))
def test_how_placements_end_follows_role(api: Api, tenant: Tenant, field: str, role: Role | None) -> None:
    establishments = api.gql("{ providers(first: 100) { nodes { id establishments { id } } } }")["providers"]["nodes"]
    establishment = next(p["establishments"][0]["id"] for p in establishments if p["id"] == tenant.provider_gid)
    query, readers = PLACEMENT_LIFE[field]
    response = api.post(query.format(establishment=establishment), token=token_for(api, role, tenant))
    body = response.json()
    if role is None:
        assert response.status_code == 401 and body["errors"][0]["extensions"]["code"] == UNAUTHENTICATED
    elif role not in readers:
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == FORBIDDEN, body
    elif field == "affectedPlacements":
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR", body
    else:
        assert not body.get("errors") and body["data"][field]["groups"], body


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
def test_overdue_applications_are_for_the_lead_only(api: Api, tenant: Tenant, role: Role | None) -> None:
    response = api.post("{ overdueApplications { dueAt bid { id } } }", token=token_for(api, role, tenant))
    body = response.json()
    if role is Role.LEAD_ADMIN:
        assert body["data"]["overdueApplications"] == []  # the demo system admits in rounds
    elif role is None:
        assert response.status_code == 401
    else:
        assert body["errors"][0]["extensions"]["code"] == FORBIDDEN


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
def test_excluded_supplier_lists_are_for_the_lead_and_auditors(api: Api, tenant: Tenant, role: Role | None) -> None:
    response = api.post("{ excludedSuppliers { list identifier } }", token=token_for(api, role, tenant))
    body = response.json()
    if role in (Role.LEAD_ADMIN, Role.AUDITOR):
        assert body["data"]["excludedSuppliers"] == []  # the demo loads no list
    elif role is None:
        assert response.status_code == 401
    else:
        assert body["errors"][0]["extensions"]["code"] == FORBIDDEN


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("scope", ["OWN_AUTHORITY", "REGION"])
@pytest.mark.parametrize("field", sorted(ANALYTICS_FIELDS))
def test_analytics_follow_role_and_scope(api: Api, tenant: Tenant, field: str, scope: str, role: Role | None) -> None:
    arguments = ", ".join(x for x in (f"scope: {scope}", ANALYTICS_FIELDS[field]) if x)
    response = api.post(f"{{ {field}({arguments}) {{ authority {{ code }} }} }}", token=token_for(api, role, tenant))
    body = response.json()
    if role is None:
        assert response.status_code == 401 and body["errors"][0]["extensions"]["code"] == UNAUTHENTICATED
        return
    expected = ANALYTICS_OWN[role] if scope == "OWN_AUTHORITY" else (None if role in ANALYTICS_REGION else FORBIDDEN)
    if expected == FORBIDDEN:
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == FORBIDDEN, body
        return
    assert not body.get("errors"), body
    authority = body["data"][field]["authority"]
    assert (authority and authority["code"]) == expected


def test_a_board_gets_no_analytics_even_with_the_scope(api: Api, tenant: Tenant) -> None:
    """An integrated care board's token is refused analytics for its role, not only for lacking the scope."""
    token = api.token(
        Role.ICB_COMMISSIONER, board_id=tenant.qyg, scopes=("analytics:read", "calloffs:read", "funding:read")
    )
    for field, extra in sorted(ANALYTICS_FIELDS.items()):
        for scope in ("OWN_AUTHORITY", "REGION"):
            arguments = ", ".join(x for x in (f"scope: {scope}", extra) if x)
            body = api.post(f"{{ {field}({arguments}) {{ authority {{ code }} }} }}", token=token).json()
            assert body["data"] is None and body["errors"][0]["extensions"]["code"] == FORBIDDEN, (field, scope, body)
            assert "role" in body["errors"][0]["message"], body


FUNDED = """query($after: String) { fundingSplits(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { id callOff { id referral { id } outcomeReports { id } }
    contributions { funder { integratedCareBoard { odsCode } } } } } }"""


def _every_split(api: Api, token: str) -> list[dict[str, Any]]:
    splits: list[dict[str, Any]] = []
    after = None
    while True:
        page = api.gql(FUNDED, {"after": after}, token=token)["fundingSplits"]
        splits += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return splits
        after = page["pageInfo"]["endCursor"]


def test_a_board_reads_what_it_funds_and_nothing_behind_it(api: Api, tenant: Tenant) -> None:
    """An integrated care board reads exactly the splits naming it, and by `node` the call-offs they pay for: not
    another board's, nor the referral (the child) or the outcome reports behind a call-off it funds."""
    everything = _every_split(api, api.token(Role.AUDITOR))
    qyg = _funded_by("QYG")
    funded = {s["id"] for s in everything if qyg(s)}
    funded_call_offs = {s["callOff"]["id"] for s in everything if qyg(s)}
    assert funded and len(funded) < len(everything)
    board = token_for(api, Role.ICB_COMMISSIONER, tenant)
    assert {s["id"] for s in _every_split(api, board)} == funded

    # a call-off it funds, with a referral and outcome reports behind it
    placement = next(
        s["callOff"] for s in everything if qyg(s) and s["callOff"]["referral"] and s["callOff"]["outcomeReports"]
    )
    seen = api.gql(
        "query($id: ID!) { node(id: $id) { id ... on CallOff { referral { id } outcomeReports { id } } } }",
        {"id": placement["id"]},
        token=board,
    )["node"]
    assert seen == {"id": placement["id"], "referral": None, "outcomeReports": []}
    behind = [placement["referral"]["id"], placement["outcomeReports"][0]["id"]]
    # another board's split and a call-off it does not fund
    elsewhere = next(s for s in everything if not qyg(s) and s["callOff"]["id"] not in funded_call_offs)
    for global_id in (*behind, elsewhere["id"], elsewhere["callOff"]["id"]):
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": global_id}, token=board)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", global_id
    nodes = api.post(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [*behind, elsewhere["id"]]}, token=board
    ).json()
    assert nodes["data"]["nodes"] == [None, None, None]


def test_a_finance_user_reads_its_authoritys_contracts_and_nothing_behind_them(api: Api, tenant: Tenant) -> None:
    """An authority's finance user reads, by `node`, its authority's call-offs and their funding splits: not the
    referral (the child), the offers or the outcome reports behind them, nor another authority's call-offs."""
    auditor = api.token(Role.AUDITOR)
    everything = _every_split(api, auditor)
    ours = [s for s in everything if s["callOff"]["id"] in _call_offs_of(api, "E06000049", auditor)]
    theirs = [s for s in everything if s["callOff"]["id"] in _call_offs_of(api, "E08000001", auditor)]
    assert ours and theirs
    placement = next(s["callOff"] for s in ours if s["callOff"]["referral"] and s["callOff"]["outcomeReports"])
    finance = token_for(api, Role.AUTHORITY_FINANCE, tenant)
    seen = api.gql(
        "query($id: ID!) { node(id: $id) { id ... on CallOff { authority { code } referral { id } "
        "outcomeReports { id } fundingSplit { id } } } }",
        {"id": placement["id"]},
        token=finance,
    )["node"]
    assert seen["authority"] == {"code": "E06000049"} and seen["fundingSplit"], seen
    assert (seen["referral"], seen["outcomeReports"]) == (None, []), seen
    split = api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": ours[0]["id"]}, token=finance)["node"]
    assert split == {"id": ours[0]["id"]}
    offer = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { offers { id } } } }",
        {"id": placement["referral"]["id"]},
        token=auditor,
    )["node"]["offers"][0]["id"]
    behind = [placement["referral"]["id"], offer, placement["outcomeReports"][0]["id"]]
    for global_id in (*behind, theirs[0]["id"], theirs[0]["callOff"]["id"]):
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": global_id}, token=finance)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", global_id


def _call_offs_of(api: Api, code: str, token: str) -> set[str]:
    authorities = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    authority = next(a["id"] for a in authorities if a["code"] == code)
    query = "query($a: ID!) { callOffs(first: 100, filter: {authority: $a}) { nodes { id } } }"
    return {c["id"] for c in api.gql(query, {"a": authority}, token=token)["callOffs"]["nodes"]}


def test_no_cross_tenant_reads_through_global_ids(api: Api, tenant: Tenant) -> None:
    auditor = api.token(Role.AUDITOR)
    bids = api.gql("{ bids(first: 100) { edges { node { id provider { id } lots { id } } } } }", token=auditor)
    foreign = next(e["node"] for e in bids["bids"]["edges"] if e["node"]["provider"]["id"] != tenant.provider_gid)
    provider = token_for(api, Role.PROVIDER_USER, tenant)
    for global_id in (foreign["id"], foreign["lots"][0]["id"]):
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": global_id}, token=provider)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    nodes = api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [foreign["id"]]}, token=provider)
    assert nodes.json()["data"]["nodes"] == [None]

    referrals = api.gql("{ referrals(first: 100) { edges { node { id authority { code } } } } }", token=auditor)
    elsewhere = next(
        e["node"]["id"] for e in referrals["referrals"]["edges"] if e["node"]["authority"]["code"] != "E06000049"
    )
    commissioner = token_for(api, Role.AUTHORITY_COMMISSIONER, tenant)
    errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": elsewhere}, token=commissioner)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_sealed_bids_stay_sealed_until_the_round_closes(api: Api, tenant: Tenant) -> None:
    """Before the deadline only the bidder sees its bid: not the lead authority, auditors or evaluators."""
    from db.demo import data

    name = next(p.legal_name for p in data.PROVIDERS if p.round_two == "SUBMITTED")
    providers = api.gql("{ providers(first: 100) { edges { node { id legalName } } } }")["providers"]["edges"]
    bidder = api.token(
        Role.PROVIDER_USER, provider_id=pk(next(e["node"]["id"] for e in providers if e["node"]["legalName"] == name))
    )
    own = api.gql("{ bids(first: 10) { edges { node { id status round { id status } } } } }", token=bidder)["bids"]
    sealed = next(e["node"] for e in own["edges"] if e["node"]["round"]["status"] == "OPEN")
    assert sealed["status"] == "SUBMITTED"
    listing = "query($r: ID!) { bids(first: 100, filter: {round: $r}) { totalCount } }"
    for role in (Role.LEAD_ADMIN, Role.AUDITOR, Role.EVALUATOR):
        token = token_for(api, role, tenant)
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": sealed["id"]}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", role
        assert api.gql(listing, {"r": sealed["round"]["id"]}, token=token)["bids"]["totalCount"] == 0, role
    # an evaluator not assigned to the round sees nothing
    stranger = api.token(Role.EVALUATOR, subject="evaluator-99")
    assert api.gql("{ bids(first: 5) { totalCount } }", token=stranger)["bids"]["totalCount"] == 0


def test_pricing_is_visible_to_the_owner_lead_and_evaluators_after_close(api: Api, tenant: Tenant) -> None:
    query = "{ bids(first: 100) { edges { node { round { status } lots { pricingSchedule { weeklyFee } } } } } }"
    for role in (Role.PROVIDER_USER, Role.LEAD_ADMIN, Role.EVALUATOR):
        edges = api.gql(query, token=token_for(api, role, tenant))["bids"]["edges"]
        assert edges and any(lot["pricingSchedule"] for e in edges for lot in e["node"]["lots"]), role


def test_rate_cards_are_visible_to_commissioners_and_the_member_only(api: Api, tenant: Tenant) -> None:
    query = "{ lotMemberships(first: 100) { edges { node { provider { id } rateCard { weeklyFee } } } } }"
    commissioner = api.gql(query, token=token_for(api, Role.AUTHORITY_COMMISSIONER, tenant))["lotMemberships"]
    assert all(e["node"]["rateCard"] for e in commissioner["edges"])
    provider = api.gql(query, token=token_for(api, Role.PROVIDER_USER, tenant))["lotMemberships"]["edges"]
    assert all(bool(e["node"]["rateCard"]) == (e["node"]["provider"]["id"] == tenant.provider_gid) for e in provider)
    assert any(e["node"]["rateCard"] for e in provider)


def test_invited_providers_see_the_child_pseudonymised(api: Api, tenant: Tenant) -> None:
    query = "{ referrals(first: 100) { edges { node { id child { reference pseudonymised homeLatitude } } } } }"
    provider = api.gql(query, token=token_for(api, Role.PROVIDER_USER, tenant))["referrals"]["edges"]
    assert provider and all(e["node"]["child"]["pseudonymised"] for e in provider)
    assert all(e["node"]["child"]["reference"].startswith("NWR-") for e in provider)
    ids = [e["node"]["id"] for e in provider]
    recorded_query = (
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Referral { child { reference pseudonymised } } } }"
    )
    recorded_nodes = api.gql(recorded_query, {"ids": ids}, token=api.token(Role.AUDITOR))["nodes"]
    auditor = {n["id"]: n["child"] for n in recorded_nodes}
    for edge in provider:
        recorded = auditor[edge["node"]["id"]]
        assert not recorded["pseudonymised"]
        assert recorded["reference"] != edge["node"]["child"]["reference"]
    commissioner = api.gql(query, token=token_for(api, Role.AUTHORITY_COMMISSIONER, tenant))["referrals"]["edges"]
    assert commissioner and not any(e["node"]["child"]["pseudonymised"] for e in commissioner)


# mutation -> (a harmless input, the roles the edge lets through)
DOCUMENT_WRITERS = {Role.PROVIDER_USER, Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER}
MUTATIONS: dict[str, tuple[str, set[Role]]] = {
    "createReferral": (
        '{lot: "TG90Ojk5OTk5OQ", child: {reference: "CE-1", ageAtStart: 10, gender: MALE, primaryNeed: ASD, '
        'homePostcodeDistrict: "CW1", homeLatitude: 53.1, homeLongitude: -2.4, needsSummary: "x"}, '
        'startBy: "2030-01-01", offerDeadline: "2029-12-01T12:00:00Z", mode: COMPETITION}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "updateReferral": ('{referral: "UmVmZXJyYWw6OTk5OTk5", version: 1}', {Role.AUTHORITY_COMMISSIONER}),
    "openReferral": ('{referral: "UmVmZXJyYWw6OTk5OTk5"}', {Role.AUTHORITY_COMMISSIONER}),
    "cancelReferral": ('{referral: "UmVmZXJyYWw6OTk5OTk5", reason: "x"}', {Role.AUTHORITY_COMMISSIONER}),
    "submitOffer": (
        '{referral: "UmVmZXJyYWw6OTk5OTk5", establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", weeklyFees: {education: 1}, '
        'startDate: "2029-01-01", qualityAnswers: [], qualityStatement: "x"}',
        {Role.PROVIDER_USER},
    ),
    "withdrawOffer": ('{offer: "T2ZmZXI6OTk5OTk5", version: 1, reason: "x"}', {Role.PROVIDER_USER}),
    "scoreOfferQuality": ('{offer: "T2ZmZXI6OTk5OTk5", score: 50}', {Role.AUTHORITY_COMMISSIONER}),
    "awardReferral": ('{offer: "T2ZmZXI6OTk5OTk5", reason: "x"}', {Role.AUTHORITY_COMMISSIONER}),
    "createBlockContract": (
        '{lot: "TG90Ojk5OTk5OQ", establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", places: 1, startDate: "2029-01-01", '
        'endDate: "2029-07-31", weeklyFees: {education: 1}}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "amendCallOffFees": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, effectiveFrom: "2029-01-01", reason: ANNUAL_UPLIFT, note: "x", '
        "weeklyFees: {education: 1}}",
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "endCallOff": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, endDate: "2029-01-01", reason: "x"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "terminateCallOff": ('{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, reason: "x"}', {Role.AUTHORITY_COMMISSIONER}),
    "enterIntoCallOff": ('{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1}', {Role.AUTHORITY_COMMISSIONER}),
    "issuePaymentsComplianceNotice": ('{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5"}', {Role.LEAD_ADMIN}),
    "scheduleRound": (
        '{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5", opensAt: "2029-01-01T09:00:00Z", closesAt: "2029-02-01T12:00:00Z", '
        "lots: [], questions: []}",
        {Role.LEAD_ADMIN},
    ),
    "rescheduleRound": (
        '{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5", version: 1, opensAt: "2029-01-01T09:00:00Z", '
        'closesAt: "2029-02-01T12:00:00Z"}',
        {Role.LEAD_ADMIN},
    ),
    "cancelRound": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5", version: 1, reason: "x"}', {Role.LEAD_ADMIN}),
    "askClarification": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5", question: "x"}', {Role.PROVIDER_USER}),
    "answerClarification": ('{clarification: "Um91bmRDbGFyaWZpY2F0aW9uOjk5OTk", answer: "x"}', {Role.LEAD_ADMIN}),
    "createBid": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5"}', {Role.PROVIDER_USER}),
    "setBidLot": ('{bid: "QmlkOjk5OTk5", lot: "TG90Ojk5OTk", establishments: [], pricing: []}', {Role.PROVIDER_USER}),
    "removeBidLot": ('{bid: "QmlkOjk5OTk5", lot: "TG90Ojk5OTk"}', {Role.PROVIDER_USER}),
    "answerQuestions": ('{bid: "QmlkOjk5OTk5", answers: []}', {Role.PROVIDER_USER}),
    "submitBid": ('{bid: "QmlkOjk5OTk5", version: 1}', {Role.PROVIDER_USER}),
    "withdrawBid": ('{bid: "QmlkOjk5OTk5", version: 1, reason: "x"}', {Role.PROVIDER_USER}),
    "createPurchasingSystem": (
        '{title: "", reference: "R", ocid: "ocds-abcdef-1", regime: PCR2015_LIGHT_TOUCH, admissionMode: ROUNDS, '
        'termStart: "2026-01-01", termEnd: "2027-01-01"}',
        {Role.LEAD_ADMIN},
    ),
    "activatePurchasingSystem": ('{id: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", version: 1}', {Role.LEAD_ADMIN}),
    "closePurchasingSystem": ('{id: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", version: 1}', {Role.LEAD_ADMIN}),
    "addSystemMember": (
        '{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", authority: "QXV0aG9yaXR5Ojk5OTk5OQ"}',
        {Role.LEAD_ADMIN},
    ),
    "removeSystemMember": (
        '{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", authority: "QXV0aG9yaXR5Ojk5OTk5OQ"}',
        {Role.LEAD_ADMIN},
    ),
    "addLot": (
        '{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", code: "L9", title: "x", placementType: DAY, ageMin: 5, ageMax: 9}',
        {Role.LEAD_ADMIN},
    ),
    "updateLot": ('{id: "TG90Ojk5OTk5OQ"}', {Role.LEAD_ADMIN}),
    "createSpecificationDraft": ('{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk"}', {Role.LEAD_ADMIN}),
    "updateSpecificationDraft": ('{id: "U3BlY2lmaWNhdGlvbjo5OTk5OTk", version: 1}', {Role.LEAD_ADMIN}),
    "publishSpecification": ('{id: "U3BlY2lmaWNhdGlvbjo5OTk5OTk", version: 1}', {Role.LEAD_ADMIN}),
    "registerProvider": (
        '{legalName: "", identifiers: [], establishments: [], '
        'administrator: {username: "x", displayName: "x", password: "x"}}',
        set(Role),
    ),
    "verifyProvider": ('{id: "UHJvdmlkZXI6OTk5OTk5", version: 1}', {Role.LEAD_ADMIN}),
    "createWebhookEndpoint": (
        '{url: "ftp://example.org/hooks", kinds: ["referral.invited"]}',
        {Role.AUTHORITY_COMMISSIONER, Role.PROVIDER_USER},
    ),
    "disableWebhookEndpoint": (
        '{id: "V2ViaG9va0VuZHBvaW50Ojk5OTk"}',
        {Role.AUTHORITY_COMMISSIONER, Role.PROVIDER_USER},
    ),
    "rotateWebhookEndpointSecret": (
        '{id: "V2ViaG9va0VuZHBvaW50Ojk5OTk"}',
        {Role.AUTHORITY_COMMISSIONER, Role.PROVIDER_USER},
    ),
    "inviteProviderUser": ('{username: "x", displayName: "x", email: "x@example.org"}', {Role.PROVIDER_USER}),
    "updateEstablishment": ('{id: "RXN0YWJsaXNobWVudDo5OTk5OTk", version: 1}', {Role.PROVIDER_USER}),
    "assignEvaluators": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5", evaluators: ["evaluator-1"]}', {Role.LEAD_ADMIN}),
    "recordEvaluation": ('{bidLot: "QmlkTG90Ojk5OTk5", marks: []}', {Role.EVALUATOR}),
    "moderateBidLot": (
        '{bidLot: "QmlkTG90Ojk5OTk5", passedSelection: true, scores: [], rationale: "x"}',
        {Role.LEAD_ADMIN},
    ),
    "decideBidLot": ('{bidLot: "QmlkTG90Ojk5OTk5", decision: ADMITTED, feedback: "x"}', {Role.LEAD_ADMIN}),
    "issueDecisions": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5"}', {Role.LEAD_ADMIN}),
    "concludeRound": ('{round: "QXBwbGljYXRpb25Sb3VuZDo5OTk5"}', {Role.LEAD_ADMIN}),
    "suspendMembership": ('{membership: "TG90TWVtYmVyc2hpcDo5OTk5", reason: "x"}', {Role.LEAD_ADMIN}),
    "reinstateMembership": ('{membership: "TG90TWVtYmVyc2hpcDo5OTk5"}', {Role.LEAD_ADMIN}),
    "removeMembership": ('{membership: "TG90TWVtYmVyc2hpcDo5OTk5", reason: "x"}', {Role.LEAD_ADMIN}),
    "excludeProvider": ('{provider: "UHJvdmlkZXI6OTk5OQ", reason: "x"}', {Role.LEAD_ADMIN}),
    "requestDocumentUpload": (
        '{owner: "QXV0aG9yaXR5OjE", documentType: OTHER, fileName: "a.pdf", mediaType: "application/pdf", '
        'size: 1, sha256: "00"}',
        DOCUMENT_WRITERS,
    ),
    "confirmDocumentUpload": ('{id: "RG9jdW1lbnQ6OTk5OTk5"}', DOCUMENT_WRITERS),
    "createOutcomeMeasure": (
        '{system: "UHVyY2hhc2luZ1N5c3RlbTo5OTk5OTk", code: "X1", name: "x", domain: HEALTH, scale: COUNT, '
        "direction: HIGHER_IS_BETTER, frequency: TERMLY}",
        {Role.LEAD_ADMIN},
    ),
    "updateOutcomeMeasure": ('{id: "T3V0Y29tZU1lYXN1cmU6OTk5OTk5", version: 1, name: "x"}', {Role.LEAD_ADMIN}),
    "retireOutcomeMeasure": ('{id: "T3V0Y29tZU1lYXN1cmU6OTk5OTk5", version: 1}', {Role.LEAD_ADMIN}),
    "reinstateOutcomeMeasure": ('{id: "T3V0Y29tZU1lYXN1cmU6OTk5OTk5", version: 1}', {Role.LEAD_ADMIN}),
    "saveOutcomeReport": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", academicYear: 2025, term: SPRING, narrative: "x", values: []}',
        {Role.PROVIDER_USER},
    ),
    "submitOutcomeReport": ('{report: "T3V0Y29tZVJlcG9ydDo5OTk5OTk", version: 1}', {Role.PROVIDER_USER}),
    "answerOutcomeReportQuery": (
        '{report: "T3V0Y29tZVJlcG9ydDo5OTk5OTk", version: 1, answer: "x"}',
        {Role.PROVIDER_USER},
    ),
    "acceptOutcomeReport": ('{report: "T3V0Y29tZVJlcG9ydDo5OTk5OTk", version: 1}', {Role.AUTHORITY_COMMISSIONER}),
    "queryOutcomeReport": (
        '{report: "T3V0Y29tZVJlcG9ydDo5OTk5OTk", version: 1, comment: "x"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    # every person has their own messages (tests/test_inbox.py); neither ids nor all is a VALIDATION_ERROR
    "markNotificationsRead": ("{}", set(Role)),
    "setNotificationPreferences": ("{muted: [REFERRAL_INVITED]}", set(Role)),  # required: cannot be muted
    "requestEmailVerification": ('{email: "not-an-address"}', set(Role)),
    # a board agrees its own contribution; the placing authority's commissioner its own, or on a funder's behalf
    "agreeFundingContribution": (
        '{contribution: "RnVuZGluZ0NvbnRyaWJ1dGlvbjo5OTk5OTk", version: 1}',
        {Role.ICB_COMMISSIONER, Role.AUTHORITY_COMMISSIONER},
    ),
    "changeFundingSplit": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, effectiveFrom: "2029-01-01", '
        'fundingSplit: {contributions: [{stream: EDUCATION, education: "100"}]}}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    # a provider invoices its own placements; the placing authority's commissioners and finance users decide and pay
    "submitInvoice": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", reference: "INV-1", periodStart: "2026-01-05", periodEnd: "2026-01-30", '
        'lines: [{element: EDUCATION, quantity: "4", unit: WEEK, rate: 1, amount: 4}]}',
        {Role.PROVIDER_USER},
    ),
    "approveInvoice": (
        '{invoice: "SW52b2ljZTo5OTk5OTk", version: 1}',
        {Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_FINANCE},
    ),
    "disputeInvoice": (
        '{invoice: "SW52b2ljZTo5OTk5OTk", version: 1, lines: [{line: "SW52b2ljZUxpbmU6OTk5OTk5", reason: "x"}]}',
        {Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_FINANCE},
    ),
    "recordInvoicePayment": (
        '{invoice: "SW52b2ljZTo5OTk5OTk", version: 1, paidOn: "2026-03-02", paymentReference: "BACS-1"}',
        {Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_FINANCE},
    ),
    # the lead authority keeps the calendars (a school that is not there is NOT_FOUND, and nothing is written)
    "setTermDates": (
        '{academicYear: 2026, establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", '
        'periods: [{name: "Autumn 1", firstDay: "2026-09-02", lastDay: "2026-10-23"}]}',
        {Role.LEAD_ADMIN},
    ),
    # a provider asks for an uplift of its own fees; an authority's commissioners, or the lead authority for the
    # region, decide
    "requestFeeUplift": (
        '{establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", lot: "TG90Ojk5OTk5OQ", effectiveFrom: "2029-01-01", '
        'uplift: {education: "2"}, reasons: "x"}',
        {Role.PROVIDER_USER},
    ),
    "decideFeeUplift": (
        '{request: "VXBsaWZ0UmVxdWVzdDo5OTk5OTk", version: 1, outcome: REFUSED, reason: "x"}',
        {Role.AUTHORITY_COMMISSIONER, Role.LEAD_ADMIN},
    ),
    # the lead authority records inspections (a school that is not there is NOT_FOUND; an empty file is refused);
    # a referral's own commissioner includes a flagged establishment among its matches
    "recordInspection": (
        '{establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", inspectorate: OFSTED, framework: LEGACY_GRADE, '
        'inspectedOn: "2026-01-05", overallGrade: GOOD}',
        {Role.LEAD_ADMIN},
    ),
    "importInspections": ('{csv: ""}', {Role.LEAD_ADMIN}),
    # the lead authority loads the debarment list and its own excluded-supplier list (an empty file is refused)
    "importExcludedSuppliers": ('{list: DEBARMENT, csv: ""}', {Role.LEAD_ADMIN}),
    "includeFlaggedEstablishment": (
        '{referral: "UmVmZXJyYWw6OTk5OTk5", establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", reason: "x"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    # annual reviews: the placing authority's commissioners keep the clock; the provider writes the school's report
    "setReviewClocks": (
        "{version: 999999, intervalMonths: 13, reportDays: 14, decisionDays: 28, amendmentDays: 56}",
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "setPlanIssueDate": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, planIssuedOn: "2020-01-01"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "scheduleReviewMeeting": (
        '{review: "QW5udWFsUmV2aWV3Ojk5OTk5OQ", version: 1, meetingOn: "2026-04-01"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "submitReviewReport": (
        '{review: "QW5udWFsUmV2aWV3Ojk5OTk5OQ", version: 1, narrative: "x", attendancePercent: 90}',
        {Role.PROVIDER_USER},
    ),
    "recordReviewMeeting": (
        '{review: "QW5udWFsUmV2aWV3Ojk5OTk5OQ", version: 1, heldOn: "2026-03-01", attendees: [SCHOOL]}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "recordReviewDecision": (
        '{review: "QW5udWFsUmV2aWV3Ojk5OTk5OQ", version: 1, decision: KEEP, decidedOn: "2026-03-01"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    "recordAmendedPlanIssued": (
        '{review: "QW5udWFsUmV2aWV3Ojk5OTk5OQ", version: 1, issuedOn: "2026-03-01"}',
        {Role.AUTHORITY_COMMISSIONER},
    ),
    # how placements end: the lead authority a lot's phase ages, a commissioner a placement's (naming neither is a
    # VALIDATION_ERROR for both); notice from either party; the lead authority, or the provider itself, marks an
    # establishment closing
    "setPhaseEndAges": ("{ages: [11]}", {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER}),
    "giveNotice": (
        '{callOff: "Q2FsbE9mZjo5OTk5OTk", version: 1, reason: OTHER}',
        {Role.PROVIDER_USER, Role.AUTHORITY_COMMISSIONER},
    ),
    "markEstablishmentClosing": (
        '{establishment: "RXN0YWJsaXNobWVudDo5OTk5OTk", version: 1, closingOn: "2029-01-01", reason: "x"}',
        {Role.LEAD_ADMIN, Role.PROVIDER_USER},
    ),
    # Procurement Act notices: the lead authority sends the system's again, a commissioner its call-offs'
    "publishNotice": ('{notice: "UHJvY3VyZW1lbnROb3RpY2U6OTk5OTk5"}', {Role.LEAD_ADMIN, Role.AUTHORITY_COMMISSIONER}),
}


PUBLIC_MUTATIONS = {"registerProvider"}  # a provider registers itself before it has any account


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "ANONYMOUS")
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutations_follow_role(api: Api, tenant: Tenant, name: str, role: Role | None) -> None:
    """Allowed roles reach the domain (which refuses this input as data); others are denied at the edge."""
    arguments, allowed = MUTATIONS[name]
    query = f"mutation {{ {name}(input: {arguments}) {{ __typename ... on MutationError {{ code }} }} }}"
    response = api.post(query, token=token_for(api, role, tenant))
    body = response.json()
    if role is None and name in PUBLIC_MUTATIONS:
        assert response.status_code == 200 and body["data"][name]["code"] == "VALIDATION_ERROR", body
    elif role is None:
        assert response.status_code == 401
        assert body["errors"][0]["extensions"]["code"] == UNAUTHENTICATED
    elif role in allowed:
        assert response.status_code == 200 and not body.get("errors"), body
        assert body["data"][name]["code"] in ("VALIDATION_ERROR", "NOT_FOUND"), body
    else:
        assert body["errors"][0]["extensions"]["code"] == FORBIDDEN, body
        assert body["data"] is None
