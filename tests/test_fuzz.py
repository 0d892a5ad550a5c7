"""Fuzzing with schemathesis: every REST operation of openapi/openapi.yaml and every GraphQL root field.

Each operation gets generated requests, sent over HTTP to the real app on a demo database of this
module's own (so mutations and imports really write), as a role drawn for each request: anonymous,
the lead authority, a commissioner, an analyst, an authority's finance user, a provider's user, an
evaluator, an auditor or an integrated care board's commissioner.
Whatever comes back must be no 5xx (nor a masked GraphQL ``INTERNAL_ERROR``), must conform to the
OpenAPI description (status code, content type, headers, body schema) or to the GraphQL schema, and
must never carry a stack trace or SQL. REST operations get every check schemathesis has (``--checks
all``), with requests the description allows and requests it refuses, and then the coverage phase's
requests (boundary values, missing parts, undescribed methods such as OPTIONS), at most ``FUZZ_COVERAGE``
of them besides the methods.

The run is bounded by example count and derandomized, so CI sees the same requests every time.
``FUZZ_EXAMPLES=200`` explores further; ``FUZZ_RANDOM=1`` draws new requests on each run.
"""

from __future__ import annotations

import base64
import csv
import io
import os
from pathlib import Path
from typing import Any

import graphql
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override
from schemathesis.graphql import nodes
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.auth.actor import Role
from tests.support import WritableApi
from tests.test_access_matrix import MUTATIONS

ROOT = Path(__file__).resolve().parent.parent
LEAKS = ("Traceback", 'File "', "SELECT ", "sqlalchemy", "asyncpg", "psycopg", "sqlite3")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or None
COVERAGE = int(os.environ.get("FUZZ_COVERAGE", "40"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM") != "1"
ANONYMOUS = "ANONYMOUS"
load_all_checks()
REST_CHECKS = CHECKS.get_all()
"""Every check schemathesis has (``--checks all``): responses as described, spec-valid requests accepted and
spec-invalid ones refused, undeclared methods answered 405 with ``Allow``, and the rest."""
# Schemathesis counts every GraphQL error raised while resolving as a server error; ours are typed refusals
# (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, …), so no 5xx and no masked INTERNAL_ERROR are checked here instead.
GRAPHQL_CHECKS = [response_schema_conformance]


# --- what the generators may not know: our scalars, real-looking global IDs, CSV bodies ---------------

NODE_TYPES = (
    "ApplicationRound AuditEvent Authority Bid BidLot CallOff Document Establishment Evaluation FeeAmendment "
    "FundingContribution FundingSplit IntegratedCareBoard Lot LotMembership Moderation Offer OutcomeMeasure "
    "OutcomeReport Provider PurchasingSystem Referral RoundClarification RoundQuestion Specification"
).split()


def _global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


# Mostly IDs of rows the demo holds (so that writes reach the domain), sometimes anything at all.
IDS = st.one_of(
    st.builds(_global_id, st.sampled_from(NODE_TYPES), st.integers(min_value=1, max_value=40)),
    st.builds(_global_id, st.sampled_from(NODE_TYPES), st.integers(min_value=-(2**63), max_value=2**64)),
    st.text(max_size=30),
)
schemathesis.graphql.scalar("ID", IDS.map(nodes.String))
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.text(max_size=12),
    ).map(nodes.String),
)
schemathesis.graphql.scalar(
    "Pence", st.one_of(st.integers(min_value=-1, max_value=10**7), st.integers()).map(nodes.Int)
)
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.text(max_size=20).map(nodes.String),
        st.integers().map(nodes.Int),
        st.booleans().map(nodes.Boolean),
    ),
)


# The type of the row an ID-typed input names; `id`, `ids`, `owner` and `entity` name any type (or the one in
# the field's own name: `updateLot(input: {id})` is a lot's). The demo has no invoice and no uplift request, so
# `invoice`, `line` and `request` (approveInvoice, disputeInvoice, decideFeeUplift, …) stay random.
ID_FIELDS = {
    "authority": "Authority",
    "bid": "Bid",
    "copyFrom": "Bid",
    "bidLot": "BidLot",
    "callOff": "CallOff",
    "callOffs": "CallOff",
    "clarification": "RoundClarification",
    "contribution": "FundingContribution",
    "establishment": "Establishment",
    "establishments": "Establishment",
    "integratedCareBoard": "IntegratedCareBoard",
    "lot": "Lot",
    "lots": "Lot",
    "measure": "OutcomeMeasure",
    "membership": "LotMembership",
    "offer": "Offer",
    "provider": "Provider",
    "providers": "Provider",
    "question": "RoundQuestion",
    "referral": "Referral",
    "replaces": "Document",
    "report": "OutcomeReport",
    "review": "AnnualReview",
    "round": "ApplicationRound",
    "system": "PurchasingSystem",
}


def _own_type(root_field: str) -> str | None:
    named = [name for name in NODE_TYPES if name.lower() in root_field.lower()]
    return max(named, key=len) if named else None


class _RowIds(graphql.Visitor):
    """Rewrites a generated operation: IDs name rows of the type each field expects, versions are small."""

    def __init__(self, type_info: graphql.TypeInfo, root_field: str, draw: Any) -> None:
        super().__init__()
        self.type_info = type_info
        self.own_type = _own_type(root_field)
        self.draw = draw

    def enter_argument(self, node: graphql.ArgumentNode, *_: Any) -> Any:
        return self._named(node)

    def enter_object_field(self, node: graphql.ObjectFieldNode, *_: Any) -> Any:
        if node.name.value == "version" and isinstance(node.value, graphql.IntValueNode) and self.draw(st.booleans()):
            # a version the row may have: a write reaches its rules instead of stopping at StaleVersion
            return node.__class__(name=node.name, value=graphql.IntValueNode(value=str(self.draw(st.integers(1, 3)))))
        return self._named(node)

    def _named(self, node: Any) -> Any:
        expected = self.type_info.get_input_type()
        if expected is None or graphql.get_named_type(expected).name != "ID":
            return None
        type_name = ID_FIELDS.get(node.name.value, self.own_type)
        return node.__class__(name=node.name, value=self._value(node.value, type_name))

    def _value(self, value: graphql.ValueNode, type_name: str | None) -> graphql.ValueNode:
        if isinstance(value, graphql.ListValueNode):
            return graphql.ListValueNode(values=tuple(self._value(item, type_name) for item in value.values))
        if not isinstance(value, graphql.StringValueNode) or not self.draw(st.integers(0, 4)):
            return value  # one in five keeps whatever was generated
        chosen = type_name or self.draw(st.sampled_from(NODE_TYPES))
        return graphql.StringValueNode(value=_global_id(chosen, self.draw(st.integers(min_value=1, max_value=30))))


def _with_row_ids(query: str, root_field: str, draw: Any) -> str:
    type_info = graphql.TypeInfo(GRAPHQL.client_schema)
    document = graphql.parse(query)
    rewritten = graphql.visit(document, graphql.TypeInfoVisitor(type_info, _RowIds(type_info, root_field, draw)))
    return graphql.print_ast(rewritten)


@schemathesis.serializer("text/csv")
def _csv(ctx: Any, value: Any) -> bytes:
    """A generated placements body: rows of cells as CSV (anything else as its text)."""
    if isinstance(value, bytes):
        return value
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        return str(value).encode()
    columns = sorted({column for row in value for column in row})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or ["child_reference"])
    writer.writeheader()
    for row in value:
        writer.writerow({k: v for k, v in row.items()})
    return out.getvalue().encode()


# Requests that are valid by the description but refused by rules it cannot state in JSON Schema terms, and
# so answered with a documented 4xx rather than accepted (positive_data_acceptance expects 2xx, 3xx, 401, 403,
# 404, 409, 429 or 5xx otherwise): an unknown OAuth client, code or CSRF token; a cursor this API did not give,
# a date that is no date, or since after until; a financial year whose halves do not follow (2025-99);
# placements whose rows fail their checks.
REFUSED_BY_RULE = {
    "/oauth/authorize": ["400"],
    "/oauth/token": ["400"],
    "/oauth/revoke": ["400"],
    "/invitations/{token}": ["400", "410"],
    "/verify-email/{token}": ["400", "410"],
    "/password-reset": ["400"],
    "/password-reset/{token}": ["400", "410"],
    "/ocds/releases": ["400"],
    "/exports/spend.csv": ["400"],
    "/imports/placements": ["400", "413", "422"],
}
# A dry run of a placements file answers 200 with the file's problems in its report: the one documented way an
# invalid request is not refused with 4xx.
REPORTED_NOT_REFUSED = {"/imports/placements": ["200"]}
POSITIVE = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
NEGATIVE = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
REST_CONFIG = schemathesis.Config.from_dict(
    {
        "operations": [
            {
                "include-path": path,
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": [*POSITIVE, *REFUSED_BY_RULE.get(path, [])]},
                    "negative_data_rejection": {"expected-statuses": [*NEGATIVE, *REPORTED_NOT_REFUSED.get(path, [])]},
                },
            }
            for path in sorted(REFUSED_BY_RULE.keys() | REPORTED_NOT_REFUSED.keys())
        ]
    }
)
REST = schemathesis.openapi.from_path(ROOT / "openapi" / "openapi.yaml", config=REST_CONFIG)
GRAPHQL = schemathesis.graphql.from_path(ROOT / "schema.graphql")


def _operations(schema: Any) -> dict[str, Any]:
    return {operation.label: operation for operation in (result.ok() for result in schema.get_all_operations())}


REST_OPERATIONS = _operations(REST)
GRAPHQL_OPERATIONS = _operations(GRAPHQL)


# --- the server and who calls it -----------------------------------------------------------------------


def _pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


@pytest.fixture(scope="module")
def callers(writable: WritableApi) -> dict[str, str | None]:
    """A bearer token for each role, acting for demo tenants; ``None`` for anonymous callers."""
    api = writable
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    authority = {e["node"]["code"]: _pk(e["node"]["id"]) for e in edges}
    first = api.gql("{ callOffs(first: 1) { edges { node { provider { id } } } } }", token=api.token(Role.AUDITOR))
    provider = _pk(first["callOffs"]["edges"][0]["node"]["provider"]["id"])
    boards = api.gql("{ integratedCareBoards(first: 10) { nodes { id odsCode } } }")["integratedCareBoards"]["nodes"]
    qyg = next(_pk(b["id"]) for b in boards if b["odsCode"] == "QYG")
    tokens: dict[str, str | None] = {
        ANONYMOUS: None,
        "LEAD_ADMIN": api.token(Role.LEAD_ADMIN, authority_id=authority["E06000049"]),
        "AUTHORITY_COMMISSIONER": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority["E06000049"]),
        "AUTHORITY_ANALYST": api.token(Role.AUTHORITY_ANALYST, authority_id=authority["E08000001"]),
        "PROVIDER_USER": api.token(Role.PROVIDER_USER, provider_id=provider),
        "EVALUATOR": api.token(Role.EVALUATOR, subject="evaluator-1"),
        "AUDITOR": api.token(Role.AUDITOR),
        "ICB_COMMISSIONER": api.token(Role.ICB_COMMISSIONER, board_id=qyg),
        "AUTHORITY_FINANCE": api.token(Role.AUTHORITY_FINANCE, authority_id=authority["E06000049"]),
    }
    assert set(tokens) == {ANONYMOUS, *(role.value for role in Role)}, "a caller for every role"
    return tokens


def _fuzz(
    api: WritableApi,
    callers: dict[str, str | None],
    operation: Any,
    *,
    base_url: str,
    checks: list[Any],
    examples: int,
    is_graphql: bool = False,
) -> None:
    everyone = st.sampled_from(sorted(callers))
    root_field = operation.label.partition(".")[2]
    allowed = sorted(role.value for role in MUTATIONS.get(root_field, ((), ()))[1])
    # a mutation is mostly sent by a role that may make it, so that it reaches the domain and writes
    who_calls = st.one_of(st.sampled_from(allowed), everyone) if allowed else everyone

    cases = operation.as_strategy()
    if not is_graphql:  # requests the description refuses, too: each must be answered 4xx
        cases = st.one_of(cases, operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

    @settings(
        max_examples=EXAMPLES or examples,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        phases=(Phase.explicit, Phase.generate),  # report the first failure as found: shrinking costs requests
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=cases, data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        who = data.draw(who_calls)
        token = callers[who]
        if is_graphql:
            case.body = _with_row_ids(case.body, root_field, data.draw)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = case.call(base_url=base_url, headers=headers, allow_redirects=False, timeout=60)
        text = response.content.decode("utf-8", errors="replace")
        leaked = [leak for leak in LEAKS if leak in text]
        assert not leaked, f"{who}: {operation.label} answered {response.status_code} with {leaked}: {text[:500]}"
        if is_graphql:
            assert response.status_code < 500, f"{who}: {operation.label}: {text[:800]}\n{case.body}"
            codes = [(e.get("extensions") or {}).get("code") for e in response.json().get("errors") or []]
            assert "INTERNAL_ERROR" not in codes, f"{who}: {operation.label}: {text[:800]}\n{case.body}"
        case.validate_response(response, checks=checks, headers=headers)

    run()


def _coverage_cases(operation: Any) -> list[Any]:
    """The coverage phase's requests for an operation, as ``schemathesis run`` sends them: every undeclared
    method (OPTIONS included), each required part missing, and the boundary values of each parameter, the
    last two at most ``COVERAGE`` (``FUZZ_COVERAGE``) of them."""
    generator = CoverageGenerator(
        operation=operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=REST.config.generation_for(operation=operation, phase="coverage"),
        auth_storage=None,
        override=Override(),
        feedback=FeedbackSources(),
    )
    cases = list(generator)
    methods = [case for case in cases if case.method.lower() != operation.method.lower()]
    return methods + [case for case in cases if case.method.lower() == operation.method.lower()][:COVERAGE]


@pytest.mark.parametrize("label", sorted(REST_OPERATIONS))
def test_rest_operations_hold_up_to_fuzzing(writable: WritableApi, callers: dict[str, str | None], label: str) -> None:
    operation = REST_OPERATIONS[label]
    base_url = writable.live.base_url
    _fuzz(writable, callers, operation, base_url=base_url, checks=REST_CHECKS, examples=20)
    roles = sorted(callers)
    for index, case in enumerate(_coverage_cases(operation)):
        who = roles[index % len(roles)]
        headers = {"Authorization": f"Bearer {callers[who]}"} if callers[who] else {}
        response = case.call(base_url=base_url, headers=headers, allow_redirects=False, timeout=60)
        text = response.content.decode("utf-8", errors="replace")
        assert not [leak for leak in LEAKS if leak in text], f"{who}: {case.method} {case.path}: {text[:500]}"
        case.validate_response(response, checks=REST_CHECKS, headers=headers)


@pytest.mark.parametrize("label", sorted(GRAPHQL_OPERATIONS))
def test_graphql_fields_hold_up_to_fuzzing(writable: WritableApi, callers: dict[str, str | None], label: str) -> None:
    mutation = label.startswith("Mutation.")
    _fuzz(
        writable,
        callers,
        GRAPHQL_OPERATIONS[label],
        base_url=f"{writable.live.base_url}/graphql",
        checks=GRAPHQL_CHECKS,
        examples=8 if mutation else 6,
        is_graphql=True,
    )
    if mutation:
        _MUTATIONS_FUZZED[writable.backend] = _MUTATIONS_FUZZED.get(writable.backend, 0) + 1


_MUTATIONS_FUZZED: dict[str, int] = {}


def test_the_fuzzed_mutations_wrote(writable: WritableApi) -> None:
    """With every mutation fuzzed, some writes got through to the audit trail: the inputs reach the domain."""
    mutations = sum(1 for label in GRAPHQL_OPERATIONS if label.startswith("Mutation."))
    if _MUTATIONS_FUZZED.get(writable.backend, 0) < mutations:
        pytest.skip("runs after the whole mutation fuzz of this backend")
    query = "{ auditEvents(first: 1) { totalCount } }"
    assert writable.gql(query, token=writable.token(Role.AUDITOR))["auditEvents"]["totalCount"] > 0


def test_every_operation_is_fuzzed() -> None:
    """The fuzzer sees every REST route and every root field; a failure here means one was skipped."""
    assert len(REST_OPERATIONS) == sum(len(ops) for ops in REST.raw_schema["paths"].values())
    query = GRAPHQL.client_schema.query_type
    mutation = GRAPHQL.client_schema.mutation_type
    assert len(GRAPHQL_OPERATIONS) == len(query.fields) + len(mutation.fields)
