"""The five canonical operations, as GraphQL documents for this API and, where PostGraphile can
answer the same question, for PostGraphile v4's generated schema.

1. ``calloffs``: a commissioner's active call-offs, 50 per page, with provider, establishment,
   lot, current fees and latest outcome report.
2. ``bids``: a provider's bids with their lots and decisions.
3. ``fee_benchmark``: the regional fee benchmark by lot x primary need (ours only).
4. ``matching``: matching a new referral: eligible establishments within 50 km, with reasons
   (ours only).
5. ``nodes``: a batch of 50 lookups by global ID: 20 call-offs, 15 establishments, 15 providers.

Semantics kept equal on both sides: the same rows, in the same order, with the same columns.
Our API scopes by the token (the commissioner's authority, the provider); PostGraphile, which
runs as the database owner without row-level security, is told the authority or provider in
its conditions. Our API derives a call-off's state, its fee total and a bid lot's published
decision; PostGraphile returns the stored columns they are derived from.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import asyncpg

from bench.generate import TODAY, asyncpg_url


@dataclass(frozen=True)
class Operation:
    """One operation: its request body for each server that can answer it, and who asks."""

    name: str
    title: str
    ours: dict[str, Any]
    postgraphile: dict[str, Any] | None
    role: str
    """Which token asks: "commissioner" or "provider"."""
    expect: int
    """How many items a correct answer holds (rows of the page, bids, lookups, groups or matches)."""


CALL_OFFS = """
query ActiveCallOffs {
  callOffs(first: 50, filter: {status: ACTIVE}) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id reference type status places weeksPerYear startDate endDate
      weeklyFees { education care health therapies additionalStaffing total }
      provider { id legalName }
      establishment { id urn name }
      lot { id code title }
      latestOutcomeReport { id academicYear term status submittedAt acceptedAt }
    }
  }
}"""

PG_CALL_OFFS = """
query ActiveCallOffs($authority: Int!, $today: Date!) {
  allCallOffs(
    first: 50
    orderBy: ID_ASC
    condition: {authorityId: $authority}
    filter: {
      terminatedAt: {isNull: true}
      startDate: {lessThanOrEqualTo: $today}
      or: [{endDate: {isNull: true}}, {endDate: {greaterThanOrEqualTo: $today}}]
    }
  ) {
    pageInfo { hasNextPage endCursor }
    nodes {
      nodeId reference type terminatedAt places weeksPerYear startDate endDate
      educationWeeklyPence careWeeklyPence healthWeeklyPence therapiesWeeklyPence additionalStaffingWeeklyPence
      providerByProviderId { nodeId legalName }
      establishmentByEstablishmentId { nodeId urn name }
      lotByLotId { nodeId code title }
      outcomeReportsByCallOffId(first: 1, orderBy: [ACADEMIC_YEAR_DESC, DUE_AT_DESC]) {
        nodes { nodeId academicYear term submittedAt acceptedAt queriedAt }
      }
    }
  }
}"""

BIDS = """
query ProviderBids {
  bids(first: 50) {
    nodes {
      id status submittedAt withdrawnAt
      round { id number closesAt }
      lots { id decision decidedAt feedback lot { id code title } }
    }
  }
}"""

PG_BIDS = """
query ProviderBids($provider: Int!) {
  allBids(first: 50, orderBy: ID_ASC, condition: {providerId: $provider}) {
    nodes {
      nodeId submittedAt withdrawnAt
      applicationRoundByRoundId { nodeId number closesAt decisionsIssuedAt }
      bidLotsByBidId(orderBy: ID_ASC) { nodes { nodeId decision decidedAt feedback lotByLotId { nodeId code title } } }
    }
  }
}"""

FEE_BENCHMARK = """
query RegionalFeeBenchmark {
  feeBenchmark(scope: REGION) {
    on suppressionThreshold
    groups { key label suppressed placements lowerQuartile median upperQuartile lot { id code } primaryNeed }
  }
}"""

MATCHING = """
query Matching($referral: ID!) {
  node(id: $referral) {
    ... on Referral {
      matches(maxDistanceKm: 50, eligibleOnly: true) {
        eligible distanceKm weeklyStandardFee
        establishment { id name }
        reasonsFor { criterion explanation }
        reasonsAgainst { criterion blocking explanation }
      }
    }
  }
}"""

NODES = """
query Lookups($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on CallOff { reference startDate endDate weeklyFees { total } }
    ... on Establishment { urn name }
    ... on Provider { legalName }
  }
}"""

PG_NODE_FIELDS = """
    nodeId
    ... on CallOff { reference startDate endDate educationWeeklyPence careWeeklyPence healthWeeklyPence
                     therapiesWeeklyPence additionalStaffingWeeklyPence }
    ... on Establishment { urn name }
    ... on Provider { legalName }"""


def our_id(type_name: str, pk: int) -> str:
    """This API's global ID (see api/resolvers/relay.py)."""
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def postgraphile_id(type_name: str, pk: int) -> str:
    """PostGraphile v4's node ID: base64 of the JSON array [type name, primary key]."""
    return base64.b64encode(json.dumps([type_name, pk], separators=(",", ":")).encode()).decode()


def _pg_nodes_document(ids: list[str]) -> str:
    fields = "\n".join(f'  n{i}: node(nodeId: "{value}") {{{PG_NODE_FIELDS}\n  }}' for i, value in enumerate(ids))
    return "query Lookups {\n" + fields + "\n}"


@dataclass(frozen=True)
class Subjects:
    """Who asks, and about what."""

    authority_id: int
    provider_id: int
    referral_id: int
    lookups: list[tuple[str, int]]
    active_call_offs: int
    bids: int


async def subjects(database_url: str, *, authority_id: int, provider_id: int, referral_id: int) -> Subjects:
    """Pick the lookups (spread over the tables, deterministically) and count what the answers should hold."""
    connection = await asyncpg.connect(asyncpg_url(database_url))
    try:
        call_offs = [
            r["id"]
            for r in await connection.fetch("SELECT id FROM call_off WHERE authority_id = $1 ORDER BY id", authority_id)
        ]
        establishments = [r["id"] for r in await connection.fetch("SELECT id FROM establishment ORDER BY id")]
        providers = [r["id"] for r in await connection.fetch("SELECT id FROM provider ORDER BY id")]
        active = await connection.fetchval(
            "SELECT count(*) FROM call_off WHERE authority_id = $1 AND terminated_at IS NULL AND start_date <= $2 "
            "AND (end_date IS NULL OR end_date >= $2)",
            authority_id,
            TODAY,
        )
        bids = await connection.fetchval("SELECT count(*) FROM bid WHERE provider_id = $1", provider_id)
    finally:
        await connection.close()

    def spread(ids: list[int], n: int) -> list[int]:
        step = max(1, len(ids) // n)
        return ids[::step][:n]

    lookups = (
        [("CallOff", i) for i in spread(call_offs, 20)]
        + [("Establishment", i) for i in spread(establishments, 15)]
        + [("Provider", i) for i in spread(providers, 15)]
    )
    # interleave the kinds, as a client's mixed batch would be
    lookups.sort(key=lambda x: (x[1] * 7919) % 104729)
    return Subjects(authority_id, provider_id, referral_id, lookups, int(active or 0), int(bids or 0))


def operations(s: Subjects, today: dt.date = TODAY) -> list[Operation]:
    """The five operations for these subjects."""
    return [
        Operation(
            "calloffs",
            "1. commissioner's active call-offs, page of 50",
            {"query": CALL_OFFS},
            {"query": PG_CALL_OFFS, "variables": {"authority": s.authority_id, "today": today.isoformat()}},
            "commissioner",
            min(50, s.active_call_offs),
        ),
        Operation(
            "bids",
            "2. provider's bids with lots and decisions",
            {"query": BIDS},
            {"query": PG_BIDS, "variables": {"provider": s.provider_id}},
            "provider",
            min(50, s.bids),
        ),
        Operation(
            "fee_benchmark", "3. regional fee benchmark, lot x need", {"query": FEE_BENCHMARK}, None, "commissioner", 0
        ),  # fmt: skip
        Operation(
            "matching",
            "4. matching a new referral (50 km)",
            {"query": MATCHING, "variables": {"referral": our_id("Referral", s.referral_id)}},
            None,
            "commissioner",
            0,
        ),
        Operation(
            "nodes",
            "5. 50 node lookups",
            {"query": NODES, "variables": {"ids": [our_id(t, pk) for t, pk in s.lookups]}},
            {"query": _pg_nodes_document([postgraphile_id(t, pk) for t, pk in s.lookups])},
            "commissioner",
            len(s.lookups),
        ),
    ]


def count_items(name: str, data: dict[str, Any], *, postgraphile: bool) -> int:
    """How many items an answer holds, to check both servers answered the same question."""
    if name == "calloffs":
        return len((data["allCallOffs"] if postgraphile else data["callOffs"])["nodes"])
    if name == "bids":
        return len((data["allBids"] if postgraphile else data["bids"])["nodes"])
    if name == "nodes":
        values = list(data.values()) if postgraphile else data["nodes"]
        return sum(1 for v in values if v)
    if name == "fee_benchmark":
        return len(data["feeBenchmark"]["groups"])
    if name == "matching":
        return len(data["node"]["matches"])
    raise ValueError(name)
