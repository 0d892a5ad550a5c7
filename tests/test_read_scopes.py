"""OAuth scopes hold on every path to a record, not only on root lists.

For every role, the objects its token (with the role's default scopes) reaches are collected by
walking the schema: the root lists, then every object field of every object found, hop by hop. Then,
for each read scope of the role, a token lacking just that scope follows the same hops (through
``nodes``) and the same root lists, and asks ``node`` for each guarded object directly: no object of a
type guarded by that scope (``@readScope`` in the SDL), and no row of a guarded kind nested in another
type (rate cards, invitations, report values, …), may come back by any of them.

Each scope is also shown to guard something that its full token does read, so the test fails if a
declaration is dropped. The demo has no invoice and no fee-uplift request, so this module runs on a database of
its own where providers have sent invoices (one approved and shared out to its funders) and asked for an uplift
that Cheshire East refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, Undefined, get_named_type

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.schema import schema
from tests.support import Api, WritableApi
from tests.test_access_matrix import pk
from tests.test_offers import ok

GRAPHQL: GraphQLSchema = schema._schema

GUARDED_TYPES: dict[str, str] = {
    name: directive.scope
    for name, definition in ((n, t) for n, t in GRAPHQL.type_map.items() if isinstance(t, GraphQLObjectType))
    for directive in getattr(getattr(definition, "extensions", {}).get("strawberry-definition"), "directives", ()) or ()
    if type(directive).__name__ == "ReadScopeDirective"
}
"""Object type -> the scope its ``@readScope`` names."""

GUARDED_FIELDS: dict[tuple[str, str], str] = {
    ("LotMembership", "rateCard"): "calloffs:read",
    ("Bid", "answers"): "bids:read",
    ("BidLot", "pricingSchedule"): "bids:read",
    ("Evaluation", "scores"): "bids:read",
    ("Moderation", "scores"): "bids:read",
    ("Referral", "invitations"): "referrals:read",
    ("Referral", "invitedProviders"): "referrals:read",
    ("OutcomeReport", "values"): "reports:read",
    ("OutcomeReport", "queries"): "reports:read",
    ("CallOff", "termsToReport"): "reports:read",
    ("CallOff", "fundingSplit"): "funding:read",
    ("CallOff", "fundingSplits"): "funding:read",
    ("Invoice", "shares"): "funding:read",
}
"""Fields whose items are rows of a guarded kind without a Node type of their own, or derived from such rows
(a call-off's terms to report tell which of its reports are submitted); and the fields leading from a record
one scope guards to rows another scope guards (who pays for a call-off, or what each funder pays of an invoice),
each of them shown closed."""

READ = ("bids:read", "referrals:read", "offers:read", "calloffs:read", "reports:read", "funding:read", "invoices:read")
PAGE = 5
CHUNK = 40


def _unwrap(kind: Any) -> Any:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def _hops(type_name: str) -> list[str]:
    """Every object field of ``type_name`` that needs no argument, selected one level deep."""
    definition = GRAPHQL.type_map[type_name]
    hops = []
    for name, field in definition.fields.items():
        target = get_named_type(field.type)
        if not isinstance(target, GraphQLObjectType) or target.name in ("PageInfo",):
            continue
        if any(isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined for arg in field.args.values()):
            continue
        inner = "__typename" + (" id" if "id" in target.fields else "")
        hops.append(f"{name} {{ {inner} }}")
    return hops


NODE_TYPES = sorted(
    name
    for name, t in GRAPHQL.type_map.items()
    if isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)
)
ROOT_LISTS = sorted(
    name
    for name, field in GRAPHQL.query_type.fields.items()
    if isinstance(_unwrap(field.type), GraphQLObjectType) and _unwrap(field.type).name.endswith("Connection")
)


def _objects(value: Any, parent: str | None = None, field: str | None = None) -> Iterator[tuple[str, str, dict]]:
    """Every object in a response with ``__typename``, as (parent type, field, object)."""
    if isinstance(value, list):
        for item in value:
            yield from _objects(item, parent, field)
    elif isinstance(value, dict):
        typename = value.get("__typename")
        if typename is not None:
            yield parent or "", field or "", value
        for key, child in value.items():
            if key != "__typename":
                yield from _objects(child, typename or parent, key)


@dataclass
class Seen:
    """What one token reached: object IDs by type, and what each guarded path gave."""

    ids: dict[str, set[str]]
    guarded_fields: dict[tuple[str, str], int]

    def types(self) -> set[str]:
        return {t for t, ids in self.ids.items() if ids}


def _walk(
    api: Api,
    token: str,
    *,
    start: dict[str, set[str]] | None = None,
    answers: dict[tuple[str, str], Any] | None = None,
) -> tuple[Seen, list[str]]:
    """Follow every hop from the root lists (or from ``start``) until no new object appears.

    ``answers`` keeps, for this ``token``, what ``nodes`` gave for each object asked for with its type's hops;
    an object already in it is not asked for again (the database is read-only, so the answer is the same).
    """
    answers = {} if answers is None else answers
    ids: dict[str, set[str]] = defaultdict(set)
    guarded: dict[tuple[str, str], int] = defaultdict(int)
    denied: list[str] = []

    def take(data: Any) -> set[tuple[str, str]]:
        new = set()
        for parent, field, obj in _objects(data):
            if (parent, field) in GUARDED_FIELDS:
                guarded[(parent, field)] += 1
            if "id" in obj and obj["__typename"] in NODE_TYPES and obj["id"] not in ids[obj["__typename"]]:
                ids[obj["__typename"]].add(obj["id"])
                new.add((obj["__typename"], obj["id"]))
        return new

    frontier: set[tuple[str, str]] = set()
    if start is None:
        for root in ROOT_LISTS:
            node = _unwrap(GRAPHQL.query_type.fields[root].type).fields["nodes"]
            item = get_named_type(node.type).name
            query = f"{{ {root}(first: {PAGE}) {{ nodes {{ __typename id {' '.join(_hops(item))} }} }} }}"
            body = api.post(query, token=token).json()
            if body.get("errors"):
                denied.append(root)
                assert {e.get("extensions", {}).get("code") for e in body["errors"]} <= {"FORBIDDEN"}, body
                continue
            frontier |= take(body["data"])
    else:
        frontier = {(t, i) for t, found in start.items() for i in found}
    visited: set[tuple[str, str]] = set()
    while frontier:
        visited |= frontier
        by_type: dict[str, list[str]] = defaultdict(list)
        for type_name, object_id in frontier:
            by_type[type_name].append(object_id)
        frontier = set()
        for type_name, found in sorted(by_type.items()):
            unasked = sorted(i for i in found if (type_name, i) not in answers)
            for at in range(0, len(unasked), CHUNK):
                chunk = unasked[at : at + CHUNK]
                query = (
                    f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ __typename id "
                    f"... on {type_name} {{ {' '.join(_hops(type_name))} }} }} }}"
                )
                data = api.post(query, {"ids": chunk}, token=token).json().get("data")
                if data is not None:  # `nodes` gives one item (or null) for each ID, in order
                    assert len(data["nodes"]) == len(chunk), data
                    answers.update(zip(((type_name, i) for i in chunk), data["nodes"], strict=True))
            items = [answers[(type_name, i)] for i in sorted(found) if (type_name, i) in answers]
            if start is not None:
                take({"nodes": items})
            else:
                frontier |= take({"nodes": items}) - visited
    return Seen(ids=dict(ids), guarded_fields=dict(guarded)), denied


PLACEMENTS = """query($a: ID!) { callOffs(first: 100, filter: {authority: $a, type: INDIVIDUAL_PLACEMENT}) { nodes {
  id startDate endDate provider { id } establishment { id } lot { id } referral { id } outcomeReports { id } } } }"""
BILLED = ("2026-01-05", "2026-01-30")
"""The days every invoice here is for: in the spring term of 2025/26, before the demo's today (2 March 2026)."""
UPLIFTED_FROM = "2026-06-01"
"""An uplift's first day: more than the purchasing system's 84 days' notice after the demo's today."""


def _authorities(api: Api) -> dict[str, str]:
    authorities = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return {a["code"]: a["id"] for a in authorities}


def _placed(api: Api, authority: str) -> list[dict[str, Any]]:
    """An authority's placements that ran every day of :data:`BILLED` and still run on :data:`UPLIFTED_FROM`,
    those with a referral and outcome reports first."""
    found = api.gql(PLACEMENTS, {"a": authority}, token=api.token(Role.AUDITOR))["callOffs"]["nodes"]
    running = [
        c for c in found if c["startDate"] <= BILLED[0] and (c["endDate"] is None or c["endDate"] >= UPLIFTED_FROM)
    ]
    return sorted(running, key=lambda c: not (c["referral"] and c["outcomeReports"]))


def _invoice(api: WritableApi, call_off: dict[str, Any], reference: str) -> dict[str, Any]:
    provider = api.token(Role.PROVIDER_USER, provider_id=pk(call_off["provider"]["id"]))
    line = {"element": "EDUCATION", "quantity": "4", "unit": "WEEK", "rate": 100_000, "amount": 400_000}
    sent = {"callOff": call_off["id"], "reference": reference, "periodStart": BILLED[0], "periodEnd": BILLED[1]}
    return ok(api, "submitInvoice", {**sent, "lines": [line]}, provider, "invoice { id version }")["invoice"]


@pytest.fixture(scope="module")
def api(writable: WritableApi) -> Api:
    """The demo on this module's own database, with what the demo lacks: an invoice from the walks' provider to
    Cheshire East, approved by its finance user (so shared out to its funders), one to Bolton, and an uplift
    request from the walks' provider that Cheshire East's commissioner refused. Read-only from here on."""
    by_code = _authorities(writable)
    cheshire_east, bolton = _placed(writable, by_code["E06000049"]), _placed(writable, by_code["E08000001"])
    assert cheshire_east and bolton, "the demo places children in Cheshire East and Bolton"
    ours = cheshire_east[0]
    sent = _invoice(writable, ours, "INV-SCOPES-1")
    finance = writable.token(Role.AUTHORITY_FINANCE, authority_id=pk(by_code["E06000049"]))
    ok(writable, "approveInvoice", {"invoice": sent["id"], "version": sent["version"]}, finance)
    _invoice(writable, bolton[0], "INV-SCOPES-2")
    provider = writable.token(Role.PROVIDER_USER, provider_id=pk(ours["provider"]["id"]))
    asked = {
        "establishment": ours["establishment"]["id"],
        "lot": ours["lot"]["id"],
        "effectiveFrom": UPLIFTED_FROM,
        "uplift": {"education": "3"},
        "reasons": "Teachers' pay award.",
        "callOffs": [ours["id"]],
    }
    request = ok(writable, "requestFeeUplift", asked, provider, "request { id version }")["request"]
    commissioner = writable.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(by_code["E06000049"]))
    refusal = {"request": request["id"], "version": request["version"], "outcome": "REFUSED", "reason": "Not agreed."}
    ok(writable, "decideFeeUplift", refusal, commissioner)
    return writable


@pytest.fixture(scope="module")
def tokens(api: Api) -> dict[Role, dict[str, Any]]:
    """For each role, its identity: Cheshire East for the lead, commissioner and finance user, Bolton for the
    analyst, the provider of an awarded Cheshire East referral (so it has an invitation, an offer, a call-off,
    reports, an invoice and an uplift request), and the Cheshire and Merseyside integrated care board (QYG), a
    funder of some of Cheshire East's placements."""
    by_code = {code: pk(global_id) for code, global_id in _authorities(api).items()}
    provider = _placed(api, _authorities(api)["E06000049"])[0]["provider"]["id"]
    boards = api.gql("{ integratedCareBoards(first: 10) { nodes { id odsCode } } }")["integratedCareBoards"]["nodes"]
    qyg = next(pk(b["id"]) for b in boards if b["odsCode"] == "QYG")
    identity = {
        Role.LEAD_ADMIN: {"authority_id": by_code["E06000049"]},
        Role.AUTHORITY_COMMISSIONER: {"authority_id": by_code["E06000049"]},
        Role.AUTHORITY_ANALYST: {"authority_id": by_code["E08000001"]},
        Role.PROVIDER_USER: {"provider_id": pk(provider)},
        Role.EVALUATOR: {"subject": "evaluator-1"},
        Role.AUDITOR: {},
        Role.ICB_COMMISSIONER: {"board_id": qyg},
        Role.AUTHORITY_FINANCE: {"authority_id": by_code["E06000049"]},
    }
    return identity


BILLING = frozenset({"Invoice", "InvoiceLine", "UpliftRequest", "UpliftDecision"})
# role -> what of the invoices and the uplift request set up in `api` its full token reaches, and whether it reads
# what each funder pays of the approved invoice (`Invoice.shares`)
BILLING_SEEN: dict[Role, tuple[frozenset[str], bool]] = {
    Role.LEAD_ADMIN: (BILLING, True),
    Role.AUDITOR: (BILLING, True),
    Role.AUTHORITY_COMMISSIONER: (BILLING, True),
    Role.AUTHORITY_FINANCE: (BILLING, True),
    # Bolton's invoice (not approved, so not shared out), and every uplift request, as the buying side
    Role.AUTHORITY_ANALYST: (BILLING, False),
    # its own invoice and request, never who pays what
    Role.PROVIDER_USER: (BILLING, False),
    Role.EVALUATOR: (frozenset(), False),
    # calloffs:read, but a board is not on the buying side: no uplift request, and no invoices:read
    Role.ICB_COMMISSIONER: (frozenset(), False),
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_a_scope_guards_its_records_on_every_path(api: Api, tokens: dict[Role, dict[str, Any]], role: Role) -> None:
    identity = tokens[role]
    full, _ = _walk(api, api.token(role, **identity))
    billing, shares = BILLING_SEEN[role]
    assert full.types() & BILLING == billing, (role, full.types() & BILLING)
    assert (("Invoice", "shares") in full.guarded_fields) == shares, (role, full.guarded_fields)
    for scope in (s for s in scopes_for(role) if s in READ):
        types = {t for t, s in GUARDED_TYPES.items() if s == scope}
        fields = {f for f, s in GUARDED_FIELDS.items() if s == scope}
        # the full token reads something the scope guards, so dropping a declaration would fail below
        assert types & full.types() or fields & set(full.guarded_fields), (role, scope, full.types())

        reduced = api.token(role, scopes=tuple(s for s in scopes_for(role) if s != scope), **identity)
        answers: dict[tuple[str, str], Any] = {}  # what the reduced token was given for each object, asked once
        hopped, _ = _walk(api, reduced, start=full.ids, answers=answers)
        from_roots, denied = _walk(api, reduced, answers=answers)
        for seen, path in ((from_roots, "root lists"), (hopped, "nodes and nested fields")):
            assert not types & seen.types(), f"{role.value} without {scope} reached {types & seen.types()} by {path}"
            leaked = {f: n for f, n in seen.guarded_fields.items() if f in fields}
            assert not leaked, f"{role.value} without {scope} read {leaked} by {path}"
        for type_name in sorted(types & full.types()):
            object_id = sorted(full.ids[type_name])[0]
            body = api.post("query($id: ID!) { node(id: $id) { id } }", {"id": object_id}, token=reduced).json()
            assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (role, scope, type_name, body)
            assert not (body.get("data") or {}).get("node")
        # the root list of the guarded records themselves is refused outright
        guarded_roots = {r for r in ROOT_LISTS if r in ROOT_FOR_SCOPE.get(scope, ())}
        assert guarded_roots <= set(denied), (role, scope, guarded_roots - set(denied))


ROOT_FOR_SCOPE = {
    "bids:read": ("bids",),
    "referrals:read": ("referrals",),
    "offers:read": ("offers",),
    "calloffs:read": ("callOffs", "upliftRequests", "placementsEnding"),
    "reports:read": ("outcomeReports", "annualReviews"),
    "funding:read": ("fundingSplits",),
    "invoices:read": ("invoices",),
}


def test_every_guarded_type_is_declared_in_the_schema() -> None:
    """The SDL tells clients which scope each guarded type needs."""
    assert GUARDED_TYPES == {
        "Bid": "bids:read",
        "BidLot": "bids:read",
        "Evaluation": "bids:read",
        "Moderation": "bids:read",
        "Referral": "referrals:read",
        "Offer": "offers:read",
        "CallOff": "calloffs:read",
        "FeeAmendment": "calloffs:read",
        "FundingSplit": "funding:read",
        "FundingContribution": "funding:read",
        "Invoice": "invoices:read",
        "InvoiceLine": "invoices:read",
        "UpliftRequest": "calloffs:read",
        "UpliftDecision": "calloffs:read",
        "OutcomeReport": "reports:read",
        "AnnualReview": "reports:read",
        "WebhookEndpoint": "webhooks:read",
    }
    printed = schema.as_str()
    for name, scope in GUARDED_TYPES.items():
        assert f'type {name} implements Node @readScope(scope: "{scope}")' in printed


def test_an_analytics_token_reads_figures_and_no_records(api: Api, tokens: dict[Role, dict[str, Any]]) -> None:
    """The case found: a client-credentials token with ``analytics:read`` alone, refused ``callOffs``, read a
    call-off's child profile, offers and outcome narratives through ``node``."""
    identity = tokens[Role.AUTHORITY_ANALYST]
    full = api.token(Role.AUTHORITY_ANALYST, **identity)
    narrow = api.token(Role.AUTHORITY_ANALYST, scopes=("analytics:read",), **identity)
    call_off = api.gql("{ callOffs(first: 1, filter: {type: INDIVIDUAL_PLACEMENT}) { nodes { id } } }", token=full)
    call_off_id = call_off["callOffs"]["nodes"][0]["id"]
    deep = """query($id: ID!) { node(id: $id) { ... on CallOff { annualCost
      referral { child { primaryNeed needsSummary homeLatitude } offers { weeklyFees { total } } }
      outcomeReports { narrative } } } }"""
    assert api.gql(deep, {"id": call_off_id}, token=full)["node"]["referral"]["child"]["primaryNeed"]
    body = api.post(deep, {"id": call_off_id}, token=narrow).json()
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND" and not (body.get("data") or {}).get("node")
    for text in ("needsSummary", "primaryNeed", "narrative", "weeklyFees"):
        assert f'"{text}"' not in str(body)
    assert (
        api.post("{ callOffs(first: 1) { totalCount } }", token=narrow).json()["errors"][0]["extensions"]["code"]
        == "FORBIDDEN"
    )
    figures = api.gql("{ placementCounts(scope: OWN_AUTHORITY, groupBy: LOT) { total { __typename } } }", token=narrow)
    assert figures["placementCounts"]
