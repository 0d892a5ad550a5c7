"""The OWASP API Security Top 10 (2023), item by item, against the real app over HTTP.

Each section names its item. Where another module already proves a point it is named here and in
docs/security.md rather than proved twice: the role × operation matrix (tests/test_access_matrix.py),
token checks (tests/test_tenancy.py, tests/test_oauth.py, tests/test_external_idp.py), bad input
(tests/test_bad_input.py), production settings (tests/test_production_settings.py), the REST inventory
(tests/test_openapi.py) and fuzzing (tests/test_fuzz.py).
"""

from __future__ import annotations

import ast
import asyncio
import base64
import hashlib
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import graphql
import httpx
import pytest
import yaml

from api.auth.actor import Role
from api.auth.tokens import issue_access_token, load_or_create_signing_key
from api.config import Settings
from api.rest.protection import UNLIMITED_PATHS
from db.engine import create_engine, session_factory
from tests.support import Api, LiveServer, serve

ROOT = Path(__file__).resolve().parent.parent
SDL = graphql.build_schema((ROOT / "schema.graphql").read_text())
PUBLIC_ROOTS = (
    "authorities",
    "purchasingSystems",
    "outcomeMeasures",
    "providers",
    "establishments",
    "lotMemberships",
    "applicationRounds",
    "integratedCareBoards",  # the NHS funders' names and ODS codes: public organisation data
    "termDates",  # the regional, an authority's or a school's calendar: names and days only
    "paymentPerformance",  # an authority's figures as its payments compliance notice publishes them
    "documentTypes",  # the kinds of document a kind of record takes, never whether one exists
    "procurementNotices",  # Procurement Act notices: a system's own public; a call-off's only with a token
)
TOKEN_ROOTS = ("node", "nodes", "viewer")
"""Public root fields whose answer is whatever the caller's token may read (a record by global ID) or says of
the caller: nothing without a token (`test_nothing_of_children_is_reachable_from_public_queries`)."""
REFUSED = {"NOT_FOUND", "FORBIDDEN"}
NODE = "query($id: ID!) { node(id: $id) { id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def gid(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def mutate(api: Api, name: str, arguments: str, token: str | None) -> dict[str, Any]:
    """Run a mutation; return its payload (``__typename``, and ``code`` when it is an error)."""
    query = f"mutation {{ {name}(input: {arguments}) {{ __typename ... on MutationError {{ code message }} }} }}"
    return api.gql(query, token=token)[name]


# --------------------------------------------------------------------------------------------------
# Two providers and two authorities, each with records of their own
# --------------------------------------------------------------------------------------------------

RECORDS = """query($p: ID!) {
  bids(first: 100, filter: {provider: $p}) { edges { node { id version status lots { id lot { id } } } } }
  offers(first: 100, filter: {provider: $p}) { edges { node { id version status referral { id } } } }
  callOffs(first: 100, filter: {provider: $p}) { edges { node { id version status
    outcomeReports { id version status } establishment { id version } } } }
}"""


@dataclass(frozen=True)
class Tenant:
    """One provider's or authority's records, as the auditor sees them, and a token acting for it."""

    token: str
    ids: dict[str, list[str]]

    def first(self, kind: str) -> str:
        assert self.ids[kind], f"the demo should give this tenant a {kind}"
        return self.ids[kind][0]


@dataclass(frozen=True)
class World:
    provider_a: Tenant
    provider_b: Tenant
    cheshire_east: Tenant
    bolton: Tenant
    auditor: str


def _provider(api: Api, auditor: str, provider_gid: str) -> Tenant:
    data = api.gql(RECORDS, {"p": provider_gid}, token=auditor)
    bids = [e["node"] for e in data["bids"]["edges"]]
    call_offs = [e["node"] for e in data["callOffs"]["edges"]]
    ids = {
        "Bid": [b["id"] for b in bids],
        "BidLot": [lot["id"] for b in bids for lot in b["lots"]],
        "Lot": [lot["lot"]["id"] for b in bids for lot in b["lots"]],
        "Offer": [e["node"]["id"] for e in data["offers"]["edges"]],
        "CallOff": [c["id"] for c in call_offs],
        "OutcomeReport": [r["id"] for c in call_offs for r in c["outcomeReports"]],
        "Establishment": [c["establishment"]["id"] for c in call_offs],
    }
    return Tenant(api.token(Role.PROVIDER_USER, provider_id=pk(provider_gid)), ids)


def _authority(api: Api, auditor: str, code: str, authority_id: int) -> Tenant:
    query = """query($a: ID!) {
      referrals(first: 100, filter: {authority: $a}) { edges { node { id offers { id } } } }
      callOffs(first: 100, filter: {authority: $a}) { edges { node { id outcomeReports { id } } } } }"""
    data = api.gql(query, {"a": gid("Authority", authority_id)}, token=auditor)
    referrals = [e["node"] for e in data["referrals"]["edges"]]
    call_offs = [e["node"] for e in data["callOffs"]["edges"]]
    ids = {
        "Referral": [r["id"] for r in referrals],
        "Offer": [o["id"] for r in referrals for o in r["offers"]],
        "CallOff": [c["id"] for c in call_offs],
        "OutcomeReport": [r["id"] for c in call_offs for r in c["outcomeReports"]],
    }
    return Tenant(api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority_id), ids)


@pytest.fixture(scope="module")
def world(api: Api) -> World:
    auditor = api.token(Role.AUDITOR)
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    authority = {e["node"]["code"]: pk(e["node"]["id"]) for e in edges}
    # the two providers with the most call-offs: each has bids, offers, call-offs and outcome reports
    call_offs = api.gql("{ callOffs(first: 100) { edges { node { provider { id } } } } }", token=auditor)
    counts: dict[str, int] = {}
    for edge in call_offs["callOffs"]["edges"]:
        counts[edge["node"]["provider"]["id"]] = counts.get(edge["node"]["provider"]["id"], 0) + 1
    a, b = sorted(counts, key=lambda p: (-counts[p], p))[:2]
    return World(
        provider_a=_provider(api, auditor, a),
        provider_b=_provider(api, auditor, b),
        cheshire_east=_authority(api, auditor, "E06000049", authority["E06000049"]),
        bolton=_authority(api, auditor, "E08000001", authority["E08000001"]),
        auditor=auditor,
    )


def _state(api: Api, auditor: str, global_id: str) -> dict[str, Any]:
    """What a write would change: the row's version and status, read by the auditor."""
    kinds = ("Bid", "Offer", "CallOff", "OutcomeReport", "Referral")
    fragments = " ".join(f"... on {kind} {{ version {kind}Status: status }}" for kind in kinds)
    query = f"query($id: ID!) {{ node(id: $id) {{ id {fragments} ... on Establishment {{ version dayVacancies }} }} }}"
    return api.gql(query, {"id": global_id}, token=auditor)["node"]


# --------------------------------------------------------------------------------------------------
# API1 Broken object level authorization: global IDs of another tenant's records
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["Bid", "BidLot", "Offer", "CallOff", "OutcomeReport"])
def test_a_provider_cannot_read_another_providers_records_by_global_id(api: Api, world: World, kind: str) -> None:
    mine, theirs = world.provider_a.first(kind), world.provider_b.first(kind)
    token = world.provider_a.token
    assert api.gql(NODE, {"id": mine}, token=token)["node"]["id"] == mine  # the owner reads it: the test can fail
    errors = api.errors(NODE, {"id": theirs}, token=token)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert theirs not in api.post(NODE, {"id": theirs}, token=token).text.replace(errors[0]["message"], "")
    nodes = api.post(NODES, {"ids": [mine, theirs]}, token=token).json()
    assert nodes["data"]["nodes"] == [{"id": mine}, None]
    assert nodes["errors"][0]["extensions"]["code"] == "NOT_FOUND" and nodes["errors"][0]["path"] == ["nodes", 1]


@pytest.mark.parametrize("kind", ["Referral", "CallOff", "OutcomeReport", "Offer"])
def test_an_authority_cannot_read_another_authoritys_records_by_global_id(api: Api, world: World, kind: str) -> None:
    mine, theirs = world.cheshire_east.first(kind), world.bolton.first(kind)
    token = world.cheshire_east.token
    assert api.gql(NODE, {"id": mine}, token=token)["node"]["id"] == mine
    assert api.errors(NODE, {"id": theirs}, token=token)[0]["extensions"]["code"] == "NOT_FOUND"
    assert api.post(NODES, {"ids": [theirs]}, token=token).json()["data"]["nodes"] == [None]


# (mutation, its input without the version, the record it would change); every one of them takes a version
Write = tuple[str, str, str]


def _provider_writes(world: World) -> list[Write]:
    """Writes aimed at provider B's records."""
    b = world.provider_b
    offer, bid, report = b.first("Offer"), b.first("Bid"), b.first("OutcomeReport")
    establishment, lot = b.first("Establishment"), b.first("Lot")
    return [
        ("withdrawOffer", f'offer: "{offer}", reason: "No longer able to offer."', offer),
        ("withdrawBid", f'bid: "{bid}", reason: "No longer applying."', bid),
        ("setBidLot", f'bid: "{bid}", lot: "{lot}", establishments: [], pricing: []', bid),
        ("submitOutcomeReport", f'report: "{report}"', report),
        ("answerOutcomeReportQuery", f'report: "{report}", answer: "Done."', report),
        ("updateEstablishment", f'id: "{establishment}", dayVacancies: 0', establishment),
    ]


def _authority_writes(world: World) -> list[Write]:
    """Writes aimed at Bolton's records."""
    b = world.bolton
    referral, call_off, report = b.first("Referral"), b.first("CallOff"), b.first("OutcomeReport")
    offer = b.first("Offer")
    fees = "{education: 150000, care: 0, health: 0, therapies: 0, additionalStaffing: 0}"
    return [
        ("endCallOff", f'callOff: "{call_off}", endDate: "2026-07-31", reason: "Moved."', call_off),
        ("terminateCallOff", f'callOff: "{call_off}", reason: "Breach."', call_off),
        (
            "amendCallOffFees",
            f'callOff: "{call_off}", effectiveFrom: "2026-04-01", reason: ANNUAL_UPLIFT, note: "Uplift.", '
            f"weeklyFees: {fees}",
            call_off,
        ),
        ("cancelReferral", f'referral: "{referral}", reason: "No longer needed."', referral),
        ("updateReferral", f'referral: "{referral}", qualityWeight: 50, priceWeight: 50', referral),
        ("acceptOutcomeReport", f'report: "{report}"', report),
        ("queryOutcomeReport", f'report: "{report}", comment: "Why?"', report),
        ("scoreOfferQuality", f'offer: "{offer}", score: 90', offer),
        ("awardReferral", f'offer: "{offer}", reason: "Best."', offer),
    ]


def _cannot_write(api: Api, world: World, writes: list[Write], intruder: str, owner: str) -> None:
    for name, arguments, target in writes:
        before = _state(api, world.auditor, target)
        # at the record's own version, so that only tenancy can refuse it
        payload = mutate(api, name, f"{{{arguments}, version: {before['version']}}}", intruder)
        assert payload.get("code") in REFUSED, (name, payload)
        assert _state(api, world.auditor, target) == before, name
        # the owner, at a stale version, gets past tenancy to the version check: the input reaches the rules
        control = mutate(api, name, f"{{{arguments}, version: {before['version'] + 50}}}", owner)
        assert control.get("code") not in REFUSED | {None}, (name, control)
        assert _state(api, world.auditor, target) == before, name


def test_a_provider_cannot_change_another_providers_records(api: Api, world: World) -> None:
    _cannot_write(api, world, _provider_writes(world), world.provider_a.token, world.provider_b.token)


def test_an_authority_cannot_change_another_authoritys_records(api: Api, world: World) -> None:
    _cannot_write(api, world, _authority_writes(world), world.cheshire_east.token, world.bolton.token)


# --------------------------------------------------------------------------------------------------
# API2 Broken authentication: tests/test_tenancy.py (expired, forged, alg=none, wrong audience/issuer),
# tests/test_oauth.py (PKCE, single-use codes, CSRF, redirects, client secrets), tests/test_external_idp.py.
# Here: what the fuzzer found on the sign-in endpoints.
# --------------------------------------------------------------------------------------------------


def test_oauth_parameters_with_forbidden_characters_are_refused_cleanly(api: Api) -> None:
    """A response_type or client_id outside printable ASCII once made authlib raise (500); now a 400."""
    page = api.http.get("/oauth/authorize", params={"response_type": "cod\u00e9", "client_id": "x\u00d0"})
    assert page.status_code == 400 and "only printable ASCII" in page.text
    token = api.http.post("/oauth/token", data={"grant_type": "client_credentials\u00d8", "client_id": "x"})
    assert token.status_code == 400 and token.json()["error"] == "invalid_request"


@pytest.fixture(scope="module")
def people(api: Api, demo_database: str) -> None:
    """The demo users and clients of the built-in sign-in (added when missing)."""
    from api.auth.demo import seed_demo_identities

    async def seed() -> None:
        engine = create_engine(demo_database)
        try:
            async with session_factory(engine)() as session:
                await seed_demo_identities(session)
                await session.commit()
        finally:
            await engine.dispose()

    asyncio.run(seed())


def test_a_username_with_a_nul_character_is_refused_cleanly(api: Api, people: None) -> None:
    """PostgreSQL cannot compare text holding NUL: the sign-in form refuses control characters first."""
    with httpx.Client(base_url=api.live.base_url, timeout=30, follow_redirects=False) as browser:
        query = {
            "response_type": "code",
            "client_id": "provider-portal",
            "redirect_uri": "http://127.0.0.1:8000/portal/callback",
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method": "S256",
        }
        page = browser.get("/oauth/authorize", params=query)
        assert page.status_code == 200, page.text
        fields = dict(re.findall(r"<input type=.hidden. name=.([^'\"]+). value=.([^'\"]*).>", page.text))
        assert "csrf_token" in fields, page.text
        signed_in = browser.post("/oauth/authorize", data={**fields, "username": "admin\x00", "password": "x" * 12})
        assert signed_in.status_code == 400, signed_in.text
        assert "control characters" in signed_in.text


# --------------------------------------------------------------------------------------------------
# API3 Broken object property level authorization
# --------------------------------------------------------------------------------------------------

# mutation -> an input it accepts, and fields a caller might try to set that it must not accept
MASS_ASSIGNMENT = {
    "updateReferral": ('referral: "UmVmZXJyYWw6MQ", version: 1', ["status: AWARDED", 'authority: "QXV0aG9yaXR5OjE"']),
    "withdrawOffer": (
        'offer: "T2ZmZXI6MQ", version: 1, reason: "x"',
        ["status: ACCEPTED", 'provider: "UHJvdmlkZXI6MQ"'],
    ),
    "updateEstablishment": ('id: "RXN0YWJsaXNobWVudDox", version: 1', ['providerId: "2"', "provider: 2"]),
    "saveOutcomeReport": (
        'callOff: "Q2FsbE9mZjox", academicYear: 2025, term: SPRING, narrative: "x", values: []',
        ["status: ACCEPTED", 'acceptedAt: "2026-01-01T00:00:00Z"'],
    ),
    "submitBid": ('bid: "QmlkOjE", version: 1', ["status: ADMITTED", 'submittedAt: "2020-01-01T00:00:00Z"']),
    "registerProvider": (
        'legalName: "X", identifiers: [], establishments: [], '
        'administrator: {username: "x", displayName: "x", password: "x"}',
        ["status: ACTIVE", "verified: true", 'verifiedAt: "2026-01-01T00:00:00Z"'],
    ),
}


@pytest.mark.parametrize("name", sorted(MASS_ASSIGNMENT))
def test_unknown_input_fields_are_refused_not_assigned(api: Api, world: World, name: str) -> None:
    """Mass assignment: an input takes only its declared fields; anything else fails validation, unrun."""
    accepted, smuggled = MASS_ASSIGNMENT[name]
    token = api.token(Role.LEAD_ADMIN)
    for extra in smuggled:
        field = extra.split(":")[0]
        query = f"mutation {{ {name}(input: {{{accepted}, {extra}}}) {{ __typename }} }}"
        response = api.post(query, token=token)
        body = response.json()
        assert response.status_code == 200 and body.get("data") is None, body
        assert f"not to include unknown field '{field}'" in body["errors"][0]["message"], body
    # through variables too
    input_type = SDL.mutation_type.fields[name].args["input"].type  # type: ignore[union-attr]
    query = f"mutation($i: {input_type}) {{ {name}(input: $i) {{ __typename }} }}"
    body = api.post(query, {"i": {"status": "ACCEPTED"}}, token=token).json()
    assert body.get("data") is None, body
    assert any("unknown field 'status'" in error["message"] for error in body["errors"]), body


def test_no_input_lets_a_caller_set_ownership_or_state() -> None:
    """No mutation input has a field naming a status, an owner or a timestamp the server sets."""
    forbidden = re.compile(r"^(status|state|providerId|authorityId|owner(Id)?|createdAt|updatedAt|\w+edAt|verified)$")
    allowed = {("RequestDocumentUploadInput", "owner"), ("DocumentFilter", "owner")}  # the document's subject
    found = [
        (type_.name, field)
        for type_ in SDL.type_map.values()
        if isinstance(type_, graphql.GraphQLInputObjectType) and type_.name.endswith("Input")
        for field in type_.fields
        if forbidden.match(field) and (type_.name, field) not in allowed
    ]
    assert found == []


def test_a_version_is_a_precondition_never_a_value(api: Api, world: World) -> None:
    """A stale or future version is refused as StaleVersion with the current one; the row keeps its own."""
    submitted = api.gql(
        "{ offers(first: 1, filter: {status: SUBMITTED}) { edges { node { id provider { id } } } } }",
        token=world.auditor,
    )["offers"]["edges"]
    assert submitted, "the demo should have an offer still open"
    offer, owner = submitted[0]["node"]["id"], submitted[0]["node"]["provider"]["id"]
    token = api.token(Role.PROVIDER_USER, provider_id=pk(owner))
    before = _state(api, world.auditor, offer)
    query = """mutation($o: ID!, $v: Int!) { withdrawOffer(input: {offer: $o, version: $v, reason: "Full."}) {
      __typename ... on StaleVersion { currentVersion } ... on MutationError { code } } }"""
    for version in (before["version"] + 7, before["version"] - 1):
        payload = api.gql(query, {"o": offer, "v": version}, token=token)["withdrawOffer"]
        assert payload["__typename"] == "StaleVersion" and payload["currentVersion"] == before["version"], payload
    assert _state(api, world.auditor, offer) == before


PRICED = """{
  offers(first: 100) { edges { node { provider { id } weeklyFees { total } } } }
  callOffs(first: 100) { edges { node { provider { id } weeklyFees { total }
    amendments { after { total } } awardWorking { offers { weeklyTotal offer { provider { id } } } } } } }
  referrals(first: 100) { edges { node { offers { provider { id } weeklyFees { total } }
    callOff { provider { id } weeklyTotal } } } }
  bids(first: 100) { edges { node { provider { id } lots { pricingSchedule { weeklyFee } } } } }
  lotMemberships(first: 100) { edges { node { provider { id } rateCard { weeklyFee } } } }
  providers(first: 100) { edges { node { id memberships { provider { id } rateCard { weeklyFee } } } } }
}"""


def _prices_seen(body: Any, found: list[tuple[str | None, str]], owner: str | None = None) -> None:
    """Every (owning provider, priced field) in a response, walking it as it nests."""
    if isinstance(body, list):
        for item in body:
            _prices_seen(item, found, owner)
        return
    if not isinstance(body, dict):
        return
    provider = body.get("provider")
    owner = provider["id"] if isinstance(provider, dict) and "id" in provider else owner
    if "offer" in body:  # a ranked offer: its own offer's provider, or nobody the caller may know
        owner = body["offer"]["provider"]["id"] if body["offer"] else None
    for key, value in body.items():
        if key in {"weeklyFees", "rateCard", "pricingSchedule", "weeklyTotal", "after"} and value:
            found.append((owner, key))
        else:
            _prices_seen(value, found, owner)


def test_provider_prices_are_invisible_to_other_providers(api: Api, world: World) -> None:
    """Excessive data exposure: on every path a provider can take, the only prices are its own."""
    data = api.gql(PRICED, token=world.provider_a.token)
    own = {api.gql("{ viewer { provider { id } } }", token=world.provider_a.token)["viewer"]["provider"]["id"]}
    found: list[tuple[str | None, str]] = []
    _prices_seen(data, found)
    assert {kind for _, kind in found} >= {"weeklyFees", "rateCard", "pricingSchedule"}  # it sees its own
    assert {owner for owner, _ in found} == own, sorted({o for o, _ in found} - own)[:5]
    # the same query as the auditor sees other providers' prices: the walk can tell them apart
    everyone: list[tuple[str | None, str]] = []
    _prices_seen(api.gql(PRICED, token=world.auditor), everyone)
    assert len({owner for owner, _ in everyone}) > 1


CHILD = "child { reference pseudonymised homePostcodeDistrict needsSummary }"


def test_child_data_is_pseudonymised_for_providers_on_every_path(api: Api, world: World) -> None:
    """Invited providers see a pseudonym, through lists, offers, call-offs and by global ID alike.

    The field-level rule itself is tests/test_access_matrix.py::test_invited_providers_see_the_child_pseudonymised.
    """
    token = world.provider_a.token
    query = f"""{{ referrals(first: 100) {{ edges {{ node {{ id {CHILD} }} }} }}
      offers(first: 100) {{ edges {{ node {{ referral {{ id {CHILD} }} }} }} }}
      callOffs(first: 100) {{ edges {{ node {{ referral {{ id {CHILD} }} }} }} }} }}"""
    data = api.gql(query, token=token)
    children = [e["node"]["child"] for e in data["referrals"]["edges"]]
    children += [e["node"]["referral"]["child"] for e in data["offers"]["edges"] if e["node"]["referral"]]
    children += [e["node"]["referral"]["child"] for e in data["callOffs"]["edges"] if e["node"]["referral"]]
    ids = [e["node"]["id"] for e in data["referrals"]["edges"]]
    by_id = api.gql(
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Referral {{ {CHILD} }} }} }}", {"ids": ids}, token=token
    )
    children += [n["child"] for n in by_id["nodes"] if n]
    assert len(children) > len(ids)
    assert all(c["pseudonymised"] and c["reference"].startswith("NWR-") for c in children), children[:3]
    recorded = api.gql(
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Referral {{ {CHILD} }} }} }}",
        {"ids": ids},
        token=world.auditor,
    )
    real = {n["child"]["reference"] for n in recorded["nodes"]}
    assert real and not real & {c["reference"] for c in children}


# Fields of public types that lead to a private record only for the signed-in provider whose record it
# is: each resolves to null without a token (checked below), and is the one way through.
OWN_RECORD_FIELDS = {("ApplicationRound", "ownBid")}


def _reachable(start: graphql.GraphQLNamedType) -> set[str]:
    seen, queue = {start.name}, deque([start])
    while queue:
        type_ = queue.popleft()
        for name, field in getattr(type_, "fields", {}).items():
            if (type_.name, name) in OWN_RECORD_FIELDS:
                continue
            named = graphql.get_named_type(field.type)
            if named.name not in seen:
                seen.add(named.name)
                queue.append(named)
    return seen


def _public_roots() -> list[str]:
    """The query fields the SDL declares `@access(public: true)`."""
    public = []
    for name, field in SDL.query_type.fields.items():  # type: ignore[union-attr]
        assert field.ast_node is not None
        (access,) = (d for d in field.ast_node.directives if d.name.value == "access")
        (flag,) = (a.value for a in access.arguments if a.name.value == "public")
        if isinstance(flag, graphql.BooleanValueNode) and flag.value:
            public.append(name)
    return public


def test_nothing_of_children_is_reachable_from_public_queries(api: Api) -> None:
    """The public part of the graph (no token) has no path to a referral, a call-off, a child's profile, or who
    pays for a placement."""
    private = {
        "ChildProfile",
        "Referral",
        "CallOff",
        "Offer",
        "OutcomeReport",
        "Bid",
        "BidLot",
        "FeeBreakdown",
        "FundingSplit",
        "FundingContribution",
        "FeeAmendment",
        # invoices (what a council pays a provider, and who pays what of it) and fee-uplift requests
        "Invoice",
        "InvoiceLine",
        "InvoiceShare",
        "UpliftRequest",
        "UpliftDecision",
    }
    # every public root field is one of the two kinds: none is left out of the walk below
    assert set(_public_roots()) == {*PUBLIC_ROOTS, *TOKEN_ROOTS}, sorted(_public_roots())
    for root in PUBLIC_ROOTS:
        reachable = _reachable(graphql.get_named_type(SDL.query_type.fields[root].type))  # type: ignore[union-attr]
        assert not reachable & private, (root, sorted(reachable & private))
    # the provider's own records are reached from public types only by fields that are null without a token
    rounds = api.gql("{ applicationRounds(first: 10) { nodes { ownBid { id status } } } }")["applicationRounds"]
    assert rounds["nodes"] and all(r["ownBid"] is None for r in rounds["nodes"]), rounds
    assert {"applicationRounds"} <= set(PUBLIC_ROOTS)
    # and a child's record by global ID needs a token
    referral = gid("Referral", 1)
    response = api.post(f"query($id: ID!) {{ node(id: $id) {{ ... on Referral {{ {CHILD} }} }} }}", {"id": referral})
    body = response.json()
    assert not (body["data"] or {}).get("node"), body
    assert body["errors"][0]["extensions"]["code"] in {"NOT_FOUND", "UNAUTHENTICATED"}, body
    assert "pseudonymised" not in response.text and "needsSummary" not in response.text
    # the caller without a token is nobody
    viewer = api.gql("{ viewer { subject roles scopes authority { code } provider { id } } }")["viewer"]
    assert viewer == {"subject": None, "roles": [], "scopes": [], "authority": None, "provider": None}, viewer


# --------------------------------------------------------------------------------------------------
# API4 Unrestricted resource consumption: depth, cost, aliases, tokens, batches, page sizes, rate
# (depth: tests/test_bad_input.py::test_deep_queries_are_refused; cost, also through fragments:
# tests/test_bad_input.py::test_costly_queries_are_refused_even_through_fragments; page size:
# tests/test_bad_input.py::test_bad_queries_get_clear_errors)
# --------------------------------------------------------------------------------------------------


def test_depth_cost_alias_and_token_limits(api: Api) -> None:
    deep = "{ callOffs(first: 1) { edges { node { " + "referral { callOff { " * 8 + "id" + " } }" * 8 + " } } } }"
    assert "exceeds maximum operation depth" in api.errors(deep)[0]["message"]
    costly = "{ establishments(first: 100) { edges { node { provider { memberships { establishments { id } } } } } } }"
    assert (
        api.errors(costly.replace("{ id }", "{ provider { memberships { rateCard { weeklyFee } } } }"))[0][
            "extensions"
        ]["code"]
        == "QUERY_TOO_COSTLY"
    )
    aliases = "{ " + " ".join(f"a{i}: authorities(first: 1) {{ totalCount }}" for i in range(31)) + " }"
    assert "aliases found" in api.errors(aliases)[0]["message"]
    assert api.gql("{ " + " ".join(f"a{i}: authorities(first: 1) {{ totalCount }}" for i in range(30)) + " }")
    tokens = "{ authorities(first: 1) { " + "totalCount " * 2000 + "} }"
    assert "more than 2000 tokens" in api.errors(tokens)[0]["message"]


def test_batches_and_oversized_id_lists_are_refused(api: Api) -> None:
    batch = [{"query": "{ authorities(first: 100) { totalCount } }"}] * 50
    response = api.http.post("/graphql", json=batch)
    assert response.status_code == 400 and "authorities" not in response.text
    ids = [gid("Authority", i) for i in range(101)]
    assert "at most 100 IDs" in api.errors(NODES, {"ids": ids})[0]["message"]


@pytest.fixture()
def limited(demo_database: str, tmp_path: Path) -> Iterator[Api]:
    """The app with a tight rate limit: five requests a minute per client."""
    live = serve(demo_database, tmp_path, rate_limit="5/minute")
    try:
        with httpx.Client(base_url=live.base_url, timeout=30) as http:
            yield Api(live=live, http=http, backend="")
    finally:
        live.stop()


def test_a_client_over_its_rate_limit_gets_429_with_retry_after(limited: Api) -> None:
    first, second = limited.token(Role.AUDITOR, subject="client-1"), limited.token(Role.AUDITOR, subject="client-2")
    query = "{ callOffs(first: 1) { totalCount } }"
    for _ in range(5):
        assert limited.post(query, token=first).status_code == 200
    refused = limited.post(query, token=first)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    rest = limited.http.get("/exports/call-offs.csv", headers={"Authorization": f"Bearer {first}"})
    assert rest.status_code == 429 and rest.json()["error"] == "RATE_LIMITED" and rest.headers["retry-after"]
    # another client is unaffected, and the probes always answer
    assert limited.post(query, token=second).status_code == 200
    assert limited.http.get("/healthz").status_code == 200


REDIS_URL = "async+redis://127.0.0.1:6379"


def _require_redis() -> None:
    """Skip without a Redis server at 127.0.0.1:6379; with ``REQUIRE_REDIS=1`` fail instead."""
    import os
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return
    except OSError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("Redis is required (REQUIRE_REDIS=1) but not reachable at 127.0.0.1:6379")
        pytest.skip("Redis not reachable at 127.0.0.1:6379; set REQUIRE_REDIS=1 to make this a failure")


@pytest.mark.parametrize("storage", ["async+memory://", REDIS_URL])
def test_workers_sharing_a_store_share_the_limit(demo_database: str, tmp_path: Path, storage: str) -> None:
    """Two workers pointed at one ``RATE_LIMIT_STORAGE_URL`` (Redis) count one client together; with the
    embedded default each counts alone."""
    import uuid

    if storage == REDIS_URL:
        _require_redis()
    workers = [
        serve(demo_database, tmp_path / f"w{i}", rate_limit="6/minute", rate_limit_storage_url=storage)
        for i in range(2)
    ]
    try:
        address = f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"  # a new client every run
        query = {"query": "{ authorities(first: 1) { totalCount } }"}
        codes = []
        for turn in range(8):
            worker = workers[turn % 2]
            answer = httpx.post(f"{worker.base_url}/graphql", json=query, headers={"X-Forwarded-For": address})
            codes.append(answer.status_code)
        if storage == REDIS_URL:
            assert codes == [200] * 6 + [429] * 2, codes
        else:
            assert codes == [200] * 8, codes
    finally:
        for worker in workers:
            worker.stop()


def test_callers_without_a_token_are_limited_by_address_bad_tokens_included(limited: Api) -> None:
    """Without a verified token the key is the address (X-Forwarded-For counts only from a trusted proxy)."""
    query = "{ authorities(first: 1) { totalCount } }"

    def post(address: str, token: str | None = None) -> httpx.Response:
        headers = {"X-Forwarded-For": address, **({"Authorization": f"Bearer {token}"} if token else {})}
        return limited.http.post("/graphql", json={"query": query}, headers=headers)

    assert [post("192.0.2.10").status_code for _ in range(5)] == [200] * 5
    assert post("192.0.2.10").status_code == 429
    assert post("192.0.2.11").status_code == 200
    # refused tokens count against the address too: a flood of forged tokens is throttled
    assert [post("192.0.2.12", "forged").status_code for _ in range(5)] == [401] * 5
    assert post("192.0.2.12", "forged").status_code == 429


def test_the_rate_limit_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RATE_LIMIT", raising=False)
    default = Settings.from_env().rate_limit
    assert default and all(part.split("/")[0].isdigit() for part in default.split(";"))
    monkeypatch.setenv("RATE_LIMIT", "50/second;1500/minute")
    assert Settings.from_env().rate_limit == "50/second;1500/minute"
    monkeypatch.setenv("RATE_LIMIT", "off")
    assert Settings.from_env().rate_limit is None


def test_the_rate_limit_is_documented_on_every_limited_route() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            documented = operation["responses"].get("429") == {"$ref": "#/components/responses/TooManyRequests"}
            assert documented == (path not in UNLIMITED_PATHS), (method, path)
    assert "Retry-After" in spec["components"]["responses"]["TooManyRequests"]["headers"]


# --------------------------------------------------------------------------------------------------
# API5 Broken function level authorization: every GraphQL root field and mutation for every role is
# tests/test_access_matrix.py; here the REST routes.
# --------------------------------------------------------------------------------------------------

IMPORT_HEADER = (
    "child_reference,age_at_start,gender,primary_need,home_postcode_district,establishment_urn,lot_code,start_date,"
    "education\r\n"
)
# role -> (call-offs export, spend export, placements import dry run, approved invoices export, placements census);
# OCDS is public for everyone
REST_MATRIX: dict[Role | None, tuple[int, int, int, int, int]] = {
    None: (401, 401, 401, 401, 401),
    Role.LEAD_ADMIN: (200, 200, 403, 403, 403),
    Role.EVALUATOR: (403, 403, 403, 403, 403),
    Role.AUTHORITY_COMMISSIONER: (200, 200, 200, 200, 200),
    Role.AUTHORITY_ANALYST: (200, 200, 403, 200, 200),
    # a provider exports its own call-offs, never the invoices as its customer approved and shared them out
    Role.PROVIDER_USER: (200, 200, 403, 403, 403),
    Role.AUDITOR: (200, 200, 403, 403, 403),
    # a board reads the call-offs it funds through GraphQL (`node`, `fundingSplits`), exports none
    Role.ICB_COMMISSIONER: (403, 403, 403, 403, 403),
    # an authority's finance users export its approved invoices for its finance system, and nothing else
    Role.AUTHORITY_FINANCE: (403, 403, 403, 200, 403),
}


@pytest.mark.parametrize("role", list(REST_MATRIX), ids=lambda r: r.value if r else "ANONYMOUS")
def test_rest_routes_follow_role(api: Api, world: World, role: Role | None) -> None:
    tokens = {
        Role.AUTHORITY_COMMISSIONER: world.cheshire_east.token,
        Role.PROVIDER_USER: world.provider_a.token,
    }
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    authority = {e["node"]["code"]: pk(e["node"]["id"]) for e in edges}
    boards = api.gql("{ integratedCareBoards(first: 10) { nodes { id odsCode } } }")["integratedCareBoards"]["nodes"]
    token = None
    if role is Role.ICB_COMMISSIONER:
        token = api.token(role, board_id=next(pk(b["id"]) for b in boards if b["odsCode"] == "QYG"))
    elif role is not None:
        token = tokens.get(role) or api.token(
            role,
            authority_id=authority["E08000001"] if role is Role.AUTHORITY_ANALYST else authority.get("E06000049"),
            subject="evaluator-1" if role is Role.EVALUATOR else None,
        )
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    calls, spend, imports, invoices, census = REST_MATRIX[role]
    assert api.http.get("/exports/call-offs.csv", headers=headers).status_code == calls
    assert api.http.get("/exports/spend.csv", headers=headers).status_code == spend
    approved = api.http.get("/exports/invoices.csv", headers=headers)
    assert approved.status_code == invoices, approved.text
    if invoices == 200:  # the demo has no invoice: the columns alone
        assert approved.text.splitlines()[0].startswith("invoice_reference,") and len(approved.text.splitlines()) == 1
    assert api.http.get("/exports/placements-census.csv", headers=headers).status_code == census
    dry_run = api.http.post(
        "/imports/placements",
        params={"dryRun": "true"},
        content=IMPORT_HEADER.encode(),
        headers={**headers, "Content-Type": "text/csv"},
    )
    assert dry_run.status_code == imports, dry_run.text
    if imports == 200:
        assert dry_run.json()["dryRun"] is True and dry_run.json()["written"] is False
    assert api.http.get("/ocds/releases", params={"limit": 1}, headers=headers).status_code == 200


# --------------------------------------------------------------------------------------------------
# API6 Unrestricted access to sensitive business flows: sealed bids
# (tests/test_access_matrix.py::test_sealed_bids_stay_sealed_until_the_round_closes), deadlines
# (tests/test_bids.py, tests/test_offers.py), one live bid per provider per round, and the rate limit above
# for the one anonymous mutation (registerProvider).
# --------------------------------------------------------------------------------------------------


def test_self_registration_creates_an_unverified_provider_only(api: Api) -> None:
    """The anonymous flow cannot skip verification: a registered provider may do nothing until verified."""
    field = SDL.mutation_type.fields["registerProvider"]  # type: ignore[union-attr]
    inputs = graphql.get_named_type(field.args["input"].type)
    assert set(inputs.fields) == {"legalName", "identifiers", "establishments", "administrator"}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------------
# API7 Server side request forgery: no endpoint fetches a caller's URL
# --------------------------------------------------------------------------------------------------

OUTBOUND = (
    "httpx",
    "requests",
    "urllib.request",
    "aiohttp",
    "http.client",
    "socket",
    "urllib3",
    "pycurl",
    "aiosmtplib",
    "notifications_python_client",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_jwks_cache_and_s3_storage_reach_out() -> None:
    """SSRF: the only outbound calls are the external IdP's JWKS, S3 and the mail channels, at configured URLs."""
    reaching_out = {
        str(path.relative_to(ROOT))
        for package in ("api", "db", "portal")
        for path in (ROOT / package).rglob("*.py")
        if "node_modules" not in path.parts
        and any(name == lib or name.startswith(lib + ".") for name in _imports(path) for lib in OUTBOUND)
    }
    assert reaching_out == {
        "api/auth/external.py",
        "api/delivery/smtp.py",
        "api/delivery/notify.py",
        "api/delivery/webhooks.py",
        "api/delivery/find_a_tender.py",
    }
    # webhooks go to URLs organisations register: only from the relay, bounded (tests/test_webhooks.py)
    webhooks = (ROOT / "api" / "delivery" / "webhooks.py").read_text()
    assert "follow_redirects=False" in webhooks and "asyncio.timeout(self.timeout)" in webhooks
    assert "allow_private_addresses=settings.is_development" in (ROOT / "api" / "delivery" / "__init__.py").read_text()
    # the mail channels are built once, from the settings (SMTP_URL, NOTIFY_BASE_URL), never from a request
    delivery = (ROOT / "api" / "delivery" / "__init__.py").read_text()
    assert (
        re.search(r"SmtpChannel\(\s*settings\.smtp_url", delivery) and "base_url=settings.notify_base_url" in delivery
    )
    # notices go to Find a Tender at FIND_A_TENDER_URL, from the relay only, no redirect followed
    fts = (ROOT / "api" / "delivery" / "find_a_tender.py").read_text()
    assert "url=settings.find_a_tender_url" in fts and "follow_redirects=False" in fts and "trust_env=False" in fts
    external = (ROOT / "api" / "auth" / "external.py").read_text()
    assert external.count("client.get(") == 1 and "client.get(self.url)" in external
    # the JWKS URL is set once, from the settings, when the app is built
    app = (ROOT / "api" / "app.py").read_text()
    assert "jwks_url=settings.external_jwks_url" in app
    s3 = (ROOT / "api" / "storage" / "s3.py").read_text()
    assert "endpoint_url" in s3 and "boto3" in s3


def test_no_input_takes_a_url() -> None:
    """No argument or input field is a URL, a URI, a callback or a webhook the server could be made to fetch,
    but a webhook endpoint's URL."""
    suspicious = re.compile(r"(url|uri|href|callback|webhook|endpoint|host)$", re.IGNORECASE)
    names = [
        f"{type_.name}.{field}"
        for type_ in SDL.type_map.values()
        if isinstance(type_, graphql.GraphQLInputObjectType)
        for field in type_.fields
        if suspicious.search(field)
    ]
    for root in (SDL.query_type, SDL.mutation_type):
        names += [f"{root.name}.{f}({a})" for f, d in root.fields.items() for a in d.args if suspicious.search(a)]  # type: ignore[union-attr]
    # the exceptions: a webhook endpoint's URL, checked and never fetched when registered, called only by
    # the relay, with the bounds tested in tests/test_webhooks.py (docs/security.md, API7); and an inspection
    # report's link, https only, stored and shown as a link, never fetched by the server
    assert names == ["CreateWebhookEndpointInput.url", "RecordInspectionInput.reportUrl"]


# --------------------------------------------------------------------------------------------------
# API8 Security misconfiguration: headers, CORS, production settings (tests/test_production_settings.py),
# masked errors (tests/test_bad_input.py::test_unexpected_errors_are_masked_and_logged, tests/test_fuzz.py)
# --------------------------------------------------------------------------------------------------


def _csp(response: httpx.Response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def test_every_response_carries_the_security_headers(api: Api, world: World) -> None:
    auth = {"Authorization": f"Bearer {world.auditor}"}
    responses = {
        "json": api.http.get("/healthz"),
        "graphql": api.http.post("/graphql", json={"query": "{ viewer { roles } }"}),
        "refused": api.http.post("/graphql", json={"query": "{ callOffs(first: 1) { totalCount } }"}),
        "csv": api.http.get("/exports/call-offs.csv", headers=auth),
        "sign-in page": api.http.get("/oauth/authorize", params={"client_id": "nobody"}),
        "portal": api.http.get("/portal/"),
        "portal script": api.http.get("/portal/src/app.js"),
        "not found": api.http.get("/nothing-here"),
        "home": api.http.get("/"),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["x-frame-options"] == "DENY", name
        assert headers["referrer-policy"] == "no-referrer", name
        policy = _csp(response)
        assert policy["frame-ancestors"] == ["'none'"], name
        assert "'unsafe-inline'" not in policy.get("script-src", []), name
        assert "strict-transport-security" not in headers, name  # plain HTTP
    assert _csp(responses["json"])["default-src"] == ["'none'"]
    portal = _csp(responses["portal"])
    assert portal["script-src"] == ["'self'"] and portal["style-src"] == ["'self'"]


def test_the_portal_shell_needs_no_inline_script_or_style(api: Api) -> None:
    page = api.http.get("/portal/").text
    assert "<script" in page and all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))
    assert "<style" not in page and " style=" not in page


def test_graphiql_runs_under_its_policy_in_development(api: Api) -> None:
    """The IDE loads its scripts from its CDN and runs its inline script by hash; nothing else inline."""
    page = api.http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    policy = _csp(page)
    inline = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"]
    for url in re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", page.text):
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        assert origin in policy["script-src"], url
    for url in re.findall(r"<link[^>]*\shref=\"(https?://[^\"]+)\"", page.text):
        assert "{0.scheme}://{0.netloc}".format(urlsplit(url)) in policy["style-src"], url
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"]


def test_hsts_is_sent_over_https_only(api: Api, demo_database: str, tmp_path: Path) -> None:
    behind_proxy = api.http.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.headers["strict-transport-security"].startswith("max-age=")
    settings = Settings(
        database_url=demo_database, signing_key_file=str(tmp_path / "k.pem"), oauth_issuer="https://fps.example.org"
    )
    from api.app import create_app

    live = LiveServer(create_app(settings)).start()
    try:
        response = httpx.get(f"{live.base_url}/healthz")
        assert int(response.headers["strict-transport-security"].split("=")[1]) >= 31536000
    finally:
        live.stop()


@pytest.fixture()
def cors(demo_database: str, tmp_path: Path) -> Iterator[Api]:
    live = serve(demo_database, tmp_path, cors_origins=("https://commissioning.example.org",))
    try:
        with httpx.Client(base_url=live.base_url, timeout=30) as http:
            yield Api(live=live, http=http, backend="")
    finally:
        live.stop()


def test_cors_answers_allowed_origins_only(cors: Api) -> None:
    allowed, refused = "https://commissioning.example.org", "https://evil.example.net"
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    ok = cors.http.options("/graphql", headers={"Origin": allowed, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == allowed
    assert "POST" in ok.headers["access-control-allow-methods"]
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in ok.headers  # bearer tokens, never cookies
    no = cors.http.options("/graphql", headers={"Origin": refused, **preflight})
    assert no.status_code == 400 and "access-control-allow-origin" not in no.headers
    query = {"query": "{ authorities(first: 1) { totalCount } }"}
    simple = cors.http.post("/graphql", json=query, headers={"Origin": allowed})
    assert simple.headers["access-control-allow-origin"] == allowed
    assert "x-request-id" in simple.headers["access-control-expose-headers"].lower()
    assert (
        "access-control-allow-origin" not in cors.http.post("/graphql", json=query, headers={"Origin": refused}).headers
    )


def test_no_origin_is_allowed_by_default(api: Api) -> None:
    assert Settings().cors_origins == ()
    preflight = {"Origin": "https://commissioning.example.org", "Access-Control-Request-Method": "POST"}
    response = api.http.options("/graphql", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    response = api.http.post(
        "/graphql", json={"query": "{ viewer { roles } }"}, headers={"Origin": preflight["Origin"]}
    )
    assert "access-control-allow-origin" not in response.headers


def test_the_app_runs_without_debug_tracebacks(api: Api) -> None:
    assert api.app.debug is False


# --------------------------------------------------------------------------------------------------
# API9 Improper inventory management: tests/test_openapi.py::test_every_rest_route_is_described,
# tests/test_schema.py::test_committed_schema_matches_the_code, tests/test_fuzz.py::test_every_operation_is_fuzzed
# API10 Unsafe consumption of APIs: tests/test_external_idp.py (JWKS verified, refreshed at most once a second,
# unmapped roles grant nothing)
# --------------------------------------------------------------------------------------------------


def test_the_portal_keeps_tokens_in_session_storage_only() -> None:
    """Token storage: the portal holds tokens in sessionStorage, never localStorage or cookies."""
    sources = "\n".join(path.read_text() for path in (ROOT / "portal" / "src").glob("*.js"))
    assert "sessionStorage" in sources
    assert "localStorage" not in sources.replace("never in localStorage", "")
    assert "document.cookie" not in sources


def test_a_forged_token_is_refused_on_every_protected_rest_route(api: Api, tmp_path: Path) -> None:
    settings = api.app.state.settings
    forged = issue_access_token(
        load_or_create_signing_key(tmp_path / "other.pem"),
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        subject="mallory",
        client_id="x",
        roles=[Role.AUDITOR],
        scopes=["calloffs:read", "calloffs:write"],
    )
    headers = {"Authorization": f"Bearer {forged}"}
    for method, path in [
        ("GET", "/exports/call-offs.csv"),
        ("GET", "/exports/spend.csv"),
        ("GET", "/exports/invoices.csv"),
        ("GET", "/exports/placements-census.csv"),
        ("POST", "/imports/placements"),
    ]:
        response = api.http.request(method, path, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer"), path


def test_the_security_document_names_real_tests() -> None:
    """docs/security.md names its tests as file::test; every one of them exists."""
    text = (ROOT / "docs" / "security.md").read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) > 50
    for file, test in named:
        assert (ROOT / file).exists(), file
        if test:
            assert re.search(rf"^(async )?def {test}\(", (ROOT / file).read_text(), re.MULTILINE), f"{file}::{test}"
