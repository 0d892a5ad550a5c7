"""OCDS publication: valid releases and records, keyset pages, date filters, and nothing private."""

from __future__ import annotations

import asyncio
import base64
import csv
import datetime as dt
import functools
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from sqlalchemy import select

from api.auth.actor import Role
from api.domain import ocds, ocds_schema
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AmendmentReason, NeedCode
from db.fees import fee_column_names
from tests.support import DEMO_NOW, Api, StatementCounter, WritableApi

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "openapi" / "ocds"
STANDARD = SCHEMAS / "standard-1.1.5"
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
EXTENSIONS = ("lots", "techniques")
STATEMENT_BOUND = 16
"""A page: one statement per segment it reaches, and one per kind of row its releases refer to."""
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")


# -- schemas, patched and resolved locally ------------------------------------------------------


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def patched_release_schema() -> dict[str, Any]:
    """The release schema the publication follows: the standard patched by lots and techniques."""
    return ocds_schema.release_schema(EXTENSIONS)


@functools.cache
def validators() -> dict[str, Draft4Validator]:
    """Validators of a release and of both packages; the packages' release-schema URL resolves to the patched schema."""
    release = patched_release_schema()
    registry: Registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, Resource.from_contents(release, default_specification=DRAFT4)
    )
    checker = Draft4Validator.FORMAT_CHECKER
    return {
        "release": Draft4Validator(release, format_checker=checker),
        "releasePackage": Draft4Validator(
            _load(STANDARD / "release-package-schema.json"), registry=registry, format_checker=checker
        ),
        "recordPackage": Draft4Validator(
            _load(STANDARD / "record-package-schema.json"), registry=registry, format_checker=checker
        ),
    }


def assert_valid(kind: str, instance: Any) -> None:
    errors = sorted(validators()[kind].iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@functools.cache
def codes(path: str) -> frozenset[str]:
    with (SCHEMAS / path).open(encoding="utf-8") as handle:
        return frozenset(row["Code"] for row in csv.DictReader(handle))


def assert_open_codelists(release: dict[str, Any]) -> None:
    """Values of the open codelists (which the schema does not enforce) come from those codelists."""
    for party in release.get("parties", []):
        assert set(party["roles"]) <= codes("standard-1.1.5/codelists/partyRole.csv"), party
    for process in release.get("relatedProcesses", []):
        assert set(process["relationship"]) <= codes("standard-1.1.5/codelists/relatedProcess.csv")
        assert process["scheme"] in codes("standard-1.1.5/codelists/relatedProcessScheme.csv")
    for item in release.get("tender", {}).get("items", []):
        assert item["classification"]["scheme"] in codes("standard-1.1.5/codelists/itemClassificationScheme.csv")
    for contract in release.get("contracts", []):
        for milestone in contract.get("implementation", {}).get("milestones", []):
            if "type" in milestone:
                assert milestone["type"] in codes("standard-1.1.5/codelists/milestoneType.csv")


# -- fetching -----------------------------------------------------------------------------------


def walk(api: Api, **params: Any) -> list[dict[str, Any]]:
    """Every page of the release package, following links.next."""
    pages = []
    response = api.http.get("/ocds/releases", params=params)
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        following = page.get("links", {}).get("next")
        if not following:
            return pages
        assert len(pages) < 2000, "pagination does not end"
        response = api.http.get(following)


def releases_of(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [release for page in pages for release in page["releases"]]


def get_record(api: Api, ocid: str) -> dict[str, Any]:
    response = api.http.get(f"/ocds/records/{ocid}")
    assert response.status_code == 200, response.text
    return response.json()


_PUBLISHED: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}


@pytest.fixture()
def published(api: Api) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """All pages at the default size, and all their releases (fetched once per backend)."""
    if api.backend not in _PUBLISHED:
        pages = walk(api)
        _PUBLISHED[api.backend] = (pages, releases_of(pages))
    return _PUBLISHED[api.backend]


def system_ocid(releases: list[dict[str, Any]]) -> str:
    return next(r["ocid"] for r in releases if "tender" in r["tag"])


def moment(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


# -- validity -----------------------------------------------------------------------------------


def test_every_page_and_every_release_validates(published: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    pages, releases = published
    assert len(pages) > 3 and len(releases) > 300
    for page in pages:
        assert_valid("releasePackage", page)
        assert page["version"] == "1.1"
        assert page["extensions"] == list(ocds.EXTENSIONS)
        assert page["license"] and page["publisher"]["name"]
    for release in releases:
        assert_valid("release", release)
        assert not ocds_schema.problems(release), release["id"]  # the schema merged with the UK extension too
        assert_open_codelists(release)
        assert release["initiationType"] == "tender"
        assert release["tag"] and TIMESTAMP.match(release["date"]), release["date"]
        assert moment(release["date"]) <= DEMO_NOW
    ids = [release["id"] for release in releases]
    assert len(ids) == len(set(ids))
    tags = {tag for release in releases for tag in release["tag"]}
    assert {"tender", "award", "contract", "contractAmendment", "contractTermination", "implementation"} <= tags


def test_packages_are_checked_against_the_patched_release_schema() -> None:
    release = {
        "ocid": "ocds-x",
        "id": "ocds-x-1",
        "date": "2025-01-01T00:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "tender": {"id": "t", "techniques": {"hasDynamicPurchasingSystem": True}, "lots": [{"id": "L1"}]},
    }
    package = {
        "uri": "https://example.org/ocds/releases",
        "version": "1.1",
        "publisher": {"name": "Example"},
        "publishedDate": "2025-01-02T00:00:00Z",
        "releases": [release],
    }
    assert_valid("releasePackage", package)
    release["tender"]["techniques"]["hasDynamicPurchasingSystem"] = "yes"  # only the techniques extension forbids this
    assert list(validators()["releasePackage"].iter_errors(package))
    assert list(validators()["release"].iter_errors(release))


def test_the_schemas_merge_by_rfc_7386_and_every_vendored_extension_passes_draft_4() -> None:
    # the examples of RFC 7386, appendix A
    assert ocds_schema.merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert ocds_schema.merge_patch({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert ocds_schema.merge_patch({"a": "b", "b": "c"}, {"a": None}) == {"b": "c"}
    assert ocds_schema.merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert ocds_schema.merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}
    assert ocds_schema.merge_patch([1, 2], {"a": "b", "c": None}) == {"a": "b"}
    assert ocds_schema.merge_patch({}, {"a": {"bb": {"ccc": None}}}) == {"a": {"bb": {}}}
    merged = ocds_schema.release_schema()
    Draft4Validator.check_schema(merged)
    assert "noticeType" in merged["definitions"]["Document"]["properties"]
    assert "standstillPeriod" in merged["definitions"]["Award"]["properties"]
    assert "isOpenFrameworkScheme" in merged["definitions"]["FrameworkAgreement"]["properties"]
    for name in ocds_schema.EXTENSIONS:
        folder = SCHEMAS / "extensions" / name
        assert {"LICENSE", "VERSION", "extension.json", "release-schema.json"} <= {p.name for p in folder.iterdir()}
        for codelist in _load(folder / "extension.json").get("codelists", []):
            assert (folder / "codelists" / codelist).exists(), (name, codelist)


def test_extension_urls_name_the_vendored_versions() -> None:
    lots, techniques = ocds.EXTENSIONS
    assert "ocds_lots_extension" in lots and "ocds_techniques_extension" in techniques
    for name, url in zip(EXTENSIONS, ocds.EXTENSIONS):
        tag, commit = (SCHEMAS / "extensions" / name / "VERSION").read_text().split()
        assert f"/{tag}/" in url or f"/{commit}/" in url, (name, url)
        assert (SCHEMAS / "extensions" / name / "LICENSE").exists()


def test_the_system_is_one_dynamic_purchasing_system_with_lots_and_admitted_providers(
    api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    _, releases = published
    ocid = system_ocid(releases)
    package = get_record(api, ocid)
    assert_valid("recordPackage", package)
    [record] = package["records"]
    assert record["ocid"] == ocid
    compiled = record["compiledRelease"]
    assert_valid("release", compiled)
    assert compiled["tag"] == ["compiled"]
    assert compiled["date"] == max(r["date"] for r in record["releases"])
    tender = compiled["tender"]
    assert tender["techniques"]["hasDynamicPurchasingSystem"] is True
    lot_ids = {lot["id"] for lot in tender["lots"]}
    assert len(lot_ids) == 7
    assert {item["relatedLot"] for item in tender["items"]} == lot_ids
    parties = {party["id"]: party for party in compiled["parties"]}
    assert compiled["buyer"]["id"] == tender["procuringEntity"]["id"] == "GB-GSS-E06000049"
    assert set(parties["GB-GSS-E06000049"]["roles"]) == {"buyer", "procuringEntity"}
    authorities = [p for p in parties.values() if p["id"].startswith("GB-GSS-")]
    assert len(authorities) > 10
    assert all(p["identifier"]["scheme"] == "GB-GSS" and len(p["identifier"]["id"]) == 9 for p in authorities)
    awards = compiled["awards"]
    assert len(awards) == len([r for r in record["releases"] if "award" in r["tag"]])
    for award in awards:
        assert set(award["relatedLots"]) <= lot_ids
        [supplier] = award["suppliers"]
        assert parties[supplier["id"]]["roles"] == ["supplier"]
        assert parties[supplier["id"]]["identifier"]["scheme"] in {"GB-COH", "GB-CHC", "GB-PPON"}
    assert {a["status"] for a in awards} <= {"active", "cancelled"}


async def _call_off_facts(url: str, reference: str) -> tuple[int, int, list[int]]:
    """The call-off's weekly fee total (pence), weeks × places, and each amendment's weekly total after it."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            call_off = await session.scalar(select(m.CallOff).where(m.CallOff.reference == reference))
            assert call_off is not None
            amendments = list(
                await session.scalars(
                    select(m.FeeAmendment)
                    .where(m.FeeAmendment.call_off_id == call_off.id)
                    .order_by(m.FeeAmendment.agreed_at, m.FeeAmendment.id)
                )
            )
            weekly = sum(getattr(call_off, c) for c in fee_column_names())
            after = [sum(getattr(a, c) for c in fee_column_names("after_")) for a in amendments]
            return weekly, call_off.weeks_per_year * call_off.places, after
    finally:
        await engine.dispose()


def test_a_call_off_is_its_own_process_linked_to_the_system(
    api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    _, releases = published
    system = system_ocid(releases)
    amended = next(r["ocid"] for r in releases if "contractAmendment" in r["tag"])
    terminated = next(r["ocid"] for r in releases if "contractTermination" in r["tag"])
    for ocid in (amended, terminated):
        package = get_record(api, ocid)
        assert_valid("recordPackage", package)
        [record] = package["records"]
        compiled = record["compiledRelease"]
        assert_valid("release", compiled)
        assert ocid.startswith(f"{system}-NWFPS-CO-")
        assert compiled["relatedProcesses"] == [
            {
                "id": "framework",
                "relationship": ["framework"],
                "title": "North West SEND Flexible Purchasing System",
                "scheme": "ocid",
                "identifier": system,
            }
        ]
        [award] = compiled["awards"]
        [contract] = compiled["contracts"]
        assert award["relatedLots"] and award["suppliers"]
        assert contract["awardID"] == award["id"]
        parties = {p["id"]: p for p in compiled["parties"]}
        assert parties[award["suppliers"][0]["id"]]["roles"] == ["supplier"]
        assert parties[compiled["buyer"]["id"]]["identifier"]["scheme"] == "GB-GSS"
        assert contract["value"]["currency"] == "GBP" and contract["period"]["startDate"]
        assert {m["id"] for m in contract["implementation"]["milestones"]} >= {"start"}
    [record] = get_record(api, amended)["records"]
    [contract] = record["compiledRelease"]["contracts"]
    reference = contract["id"]
    weekly, multiplier, after = asyncio.run(_call_off_facts(api.app.state.settings.database_url, reference))
    amendment_releases = [r for r in record["releases"] if "contractAmendment" in r["tag"]]
    assert len(contract["amendments"]) == len(after) == len(amendment_releases)
    assert {a["rationale"] for a in contract["amendments"]} <= set(ocds.RATIONALE.values())
    # Pence become pounds exactly; the compiled value is the latest, after the last amendment.
    assert Decimal(str(contract["value"]["amount"])) == Decimal(weekly * multiplier) / 100
    assert after[-1] == weekly
    [terminated_record] = get_record(api, terminated)["records"]
    [ended] = terminated_record["compiledRelease"]["contracts"]
    assert ended["status"] == "terminated"
    assert {m["id"]: m["status"] for m in ended["implementation"]["milestones"]}["end"] == "met"


def test_the_compiled_release_merges_by_the_ocds_rules() -> None:
    first = {
        "ocid": "x",
        "id": "x-1",
        "date": "2025-01-01T00:00:00Z",
        "tag": ["award"],
        "parties": [{"id": "a", "name": "A", "roles": ["buyer"], "additionalIdentifiers": [{"id": "1"}]}],
        "contracts": [{"id": "c", "awardID": "c", "status": "pending", "value": {"amount": 1, "currency": "GBP"}}],
    }
    second = {
        "ocid": "x",
        "id": "x-2",
        "date": "2025-02-01T00:00:00Z",
        "tag": ["contractAmendment"],
        "parties": [{"id": "b", "name": "B"}, {"id": "a", "additionalIdentifiers": [{"id": "2"}]}],
        "contracts": [{"id": "c", "status": "active", "value": {"amount": 2}, "amendments": [{"id": "1"}]}],
    }
    compiled = ocds.compile_releases([first, second])
    assert compiled["date"] == "2025-02-01T00:00:00Z" and compiled["tag"] == ["compiled"]
    assert compiled["id"] not in {"x-1", "x-2"}
    assert compiled["parties"] == [
        {"id": "a", "name": "A", "roles": ["buyer"], "additionalIdentifiers": [{"id": "2"}]},
        {"id": "b", "name": "B"},
    ]
    assert compiled["contracts"] == [
        {
            "id": "c",
            "awardID": "c",
            "status": "active",
            "value": {"amount": 2, "currency": "GBP"},
            "amendments": [{"id": "1"}],
        }
    ]


def test_an_unknown_ocid_is_404(api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    _, releases = published
    system = system_ocid(releases)
    for ocid in ("ocds-unknown", f"{system}-NWFPS-CO-999999", f"{system}-", f"x{system}"):
        response = api.http.get(f"/ocds/records/{ocid}")
        assert response.status_code == 404, ocid
        assert response.json()["error"] == "NOT_FOUND"


# -- pages and filters --------------------------------------------------------------------------


def test_pages_walk_every_release_once_whatever_their_size(
    api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    pages, releases = published
    expected = [r["id"] for r in releases]
    for limit in (31, 250, 1000):
        walked = walk(api, limit=limit)
        ids = [r["id"] for r in releases_of(walked)]
        assert ids == expected, limit
        assert all(len(page["releases"]) <= limit for page in walked)
        assert "links" not in walked[-1] and all("next" in page["links"] for page in walked[:-1])
    assert all(len(page["releases"]) == ocds.DEFAULT_LIMIT for page in pages[:-1])
    # Each process's releases come together, oldest first.
    by_ocid: dict[str, list[str]] = {}
    for release in releases:
        by_ocid.setdefault(release["ocid"], []).append(release["date"])
    assert all([moment(d) for d in dates] == sorted(moment(d) for d in dates) for dates in by_ocid.values())
    groups = [r["ocid"] for r in releases]
    runs = [ocid for i, ocid in enumerate(groups) if i == 0 or groups[i - 1] != ocid]
    assert len(runs) == len(set(groups))


def test_releases_filter_by_date(api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    _, releases = published
    dates = sorted(moment(r["date"]) for r in releases)
    since_day = dates[len(dates) // 3].date()
    until_day = dates[2 * len(dates) // 3].date()

    def expect(low: dt.datetime | None, high: dt.datetime | None) -> list[str]:
        return [
            r["id"]
            for r in releases
            if (low is None or moment(r["date"]) >= low) and (high is None or moment(r["date"]) <= high)
        ]

    start = dt.datetime.combine(since_day, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(until_day, dt.time(23, 59, 59, 999999), tzinfo=dt.UTC)
    cases = [
        ({"since": since_day.isoformat()}, expect(start, None)),
        ({"until": until_day.isoformat()}, expect(None, end)),
        ({"since": since_day.isoformat(), "until": until_day.isoformat()}, expect(start, end)),
        ({"since": "2024-04-01T09:30:00Z"}, expect(dt.datetime(2024, 4, 1, 9, 30, tzinfo=dt.UTC), None)),
        ({"until": "2024-04-01T10:30:00+01:00"}, expect(None, dt.datetime(2024, 4, 1, 9, 30, tzinfo=dt.UTC))),
    ]
    future = api.http.get("/ocds/releases", params={"since": "2099-01-01"}).json()
    assert future["releases"] == [] and "links" not in future
    for params, expected in cases:
        assert 0 < len(expected) < len(releases), params
        for limit in (23, 1000) if "until" in params and "since" in params else (1000,):
            pages = walk(api, **params, limit=limit)
            assert [r["id"] for r in releases_of(pages)] == expected, (params, limit)
            assert all(page["links"]["next"].count("since=") == ("since" in params) for page in pages[:-1])


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "1001"},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
        {"since": "yesterday"},
        {"until": "2025-13-01"},
        {"since": "2025-02-01", "until": "2025-01-01"},
        {"from": "2025-01-01"},
    ],
)
def test_bad_parameters_are_refused_clearly(api: Api, params: dict[str, str]) -> None:
    response = api.http.get("/ocds/releases", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert next(iter(params)) in body["message"] or "since" in body["message"]


def test_no_token_is_needed(api: Api) -> None:
    response = api.http.get("/ocds/releases", params={"limit": 1})
    assert response.status_code == 200 and len(response.json()["releases"]) == 1


def test_statement_count_does_not_grow_with_the_page(api: Api) -> None:
    api.http.get("/ocds/releases", params={"limit": 1})  # warm the pool

    def statements(**params: Any) -> int:
        with StatementCounter(api.app) as counter:
            response = api.http.get("/ocds/releases", params=params)
        assert response.status_code == 200
        return counter.count

    assert statements(limit=400) == statements(limit=1000) <= STATEMENT_BOUND
    for limit in (40, 300):
        url: str | None = "/ocds/releases"
        params: dict[str, Any] | None = {"limit": limit}
        while url:
            with StatementCounter(api.app) as counter:
                page = api.http.get(url, params=params).json()
            assert counter.count <= STATEMENT_BOUND, (limit, url)
            url, params = page.get("links", {}).get("next"), None
    with StatementCounter(api.app) as counter:
        api.http.get(
            "/ocds/records/" + api.http.get("/ocds/releases", params={"limit": 1}).json()["releases"][0]["ocid"]
        )
    assert counter.count <= STATEMENT_BOUND


# -- nothing private ----------------------------------------------------------------------------


async def _private_texts(url: str) -> tuple[set[str], set[str]]:
    """Everything about children and staff in the database: (short tokens, longer texts)."""
    engine = create_engine(url)
    values: set[str] = set()
    try:
        async with session_factory(engine)() as session:
            r = m.Referral
            for row in await session.execute(
                select(
                    r.child_reference,
                    r.needs_summary,
                    r.home_postcode_district,
                    r.home_latitude,
                    r.home_longitude,
                    r.cancel_reason,
                    r.quality_questions,
                )
            ):
                values |= {str(v) for v in row[:6] if v is not None} | set(row[6] or [])
            o = m.Offer
            for row in await session.execute(select(o.quality_statement, o.justification, o.quality_answers)):
                values |= {v for v in row[:2] if v} | set(row[2] or [])
            c = m.CallOff
            for row in await session.execute(
                select(c.termination_reason, c.end_reason, c.award_reason, c.awarded_by, c.award_working)
            ):
                values |= {v for v in row[:4] if v}
                if row[4]:
                    values.add(json.dumps(row[4]))
            a = m.FeeAmendment
            for row in await session.execute(select(a.note, a.approved_by)):
                values |= {v for v in row if v}
            rep = m.OutcomeReport
            for row in await session.execute(select(rep.narrative, rep.query_comment)):
                values |= {v for v in row if v}
            for row in await session.execute(select(m.User.username, m.User.display_name)):
                values |= {v for v in row if v}
    finally:
        await engine.dispose()
    values = {v.strip() for v in values if v and v.strip()}
    return {v for v in values if len(v) < 16}, {v for v in values if len(v) >= 16}


def _leaves(value: Any, out: set[str]) -> set[str]:
    """Every key, string and number in a JSON value."""
    if isinstance(value, dict):
        out.update(value)
        for item in value.values():
            _leaves(item, out)
    elif isinstance(value, list):
        for item in value:
            _leaves(item, out)
    elif value is not None:
        out.add(str(value))
    return out


def _everything_published(api: Api) -> str:
    """The distinct keys, strings and numbers of every page and every record, one per line."""
    pages = walk(api, limit=1000)
    ocids = dict.fromkeys(r["ocid"] for r in releases_of(pages))
    records = [get_record(api, ocid) for ocid in ocids]
    assert len(records) > 200
    return "\n".join(sorted(_leaves([pages, records], set())))


def _pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def _done(api: Api, mutation: str, input_type: str, input_: dict[str, Any], token: str) -> None:
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename }} }}"
    typename = api.gql(query, {"input": input_}, token=token)[mutation]["__typename"]
    assert typename.endswith("Payload"), (mutation, typename)


STAFF_NOTE = "Agreed by Jo Bloggs (jo.bloggs@cheshireeast.example) after the annual review meeting"
STAFF_REASON = "Ended by Sam Patel at the family's request after the review of the placement"


class Changed(NamedTuple):
    """The changed demo, and the global id of the call-off whose fees were amended."""

    api: WritableApi
    amended: str


@pytest.fixture(scope="module")
def changed(writable_with_people: WritableApi) -> Changed:
    """The demo after named staff amended a fee, terminated a placement, removed a membership and closed the system."""
    api = writable_with_people
    authorities = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    lead_authority = next(a["id"] for a in authorities if a["code"] == "E06000049")
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=_pk(lead_authority), subject="ce.commissioner")
    lead = api.token(Role.LEAD_ADMIN, authority_id=_pk(lead_authority), subject="lead.admin")
    placements = api.gql(
        """query($a: ID!) { callOffs(first: 2, filter: {authority: $a, status: ACTIVE, type: INDIVIDUAL_PLACEMENT})
        { nodes { id version } } }""",
        {"a": lead_authority},
        token=commissioner,
    )["callOffs"]["nodes"]
    amended, terminated = placements
    amendment = {
        "callOff": amended["id"],
        "version": amended["version"],
        "effectiveFrom": (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat(),
        "reason": "PROVISION_CHANGE",
        "note": STAFF_NOTE,
        "weeklyFees": {"education": 987_654},
    }
    _done(api, "amendCallOffFees", "AmendCallOffFeesInput", amendment, commissioner)
    termination = {"callOff": terminated["id"], "version": terminated["version"], "reason": STAFF_REASON}
    _done(api, "terminateCallOff", "TerminateCallOffInput", termination, commissioner)
    membership = api.gql("{ lotMemberships(first: 1, filter: {status: ACTIVE}) { nodes { id version } } }", token=lead)[
        "lotMemberships"
    ]["nodes"][0]
    removal = {"membership": membership["id"], "version": membership["version"], "reason": STAFF_REASON}
    _done(api, "removeMembership", "RemoveMembershipInput", removal, lead)
    system = api.gql("{ purchasingSystems(first: 1) { nodes { id version } } }", token=lead)["purchasingSystems"]
    closing = {"id": system["nodes"][0]["id"], "version": system["nodes"][0]["version"]}
    _done(api, "closePurchasingSystem", "PurchasingSystemTransitionInput", closing, lead)
    return Changed(api, amended["id"])


def test_later_changes_are_published_as_new_releases(changed: Changed) -> None:
    api = changed.api
    releases = releases_of(walk(api, limit=1000))
    today = [r for r in releases if moment(r["date"]) == DEMO_NOW]
    assert sorted(tag for r in today for tag in r["tag"]) == [
        "awardUpdate",
        "contractAmendment",
        "contractTermination",
        "tenderUpdate",
    ]
    for release in today:
        assert_valid("release", release)
    system = system_ocid(releases)
    [record] = get_record(api, system)["records"]
    compiled = record["compiledRelease"]
    assert compiled["tender"]["status"] == "complete"
    assert compiled["tender"]["techniques"]["dynamicPurchasingSystem"]["status"] == "terminated"
    assert compiled["tender"]["techniques"]["hasDynamicPurchasingSystem"] is True
    assert [a["status"] for a in compiled["awards"]].count("cancelled") == 1
    for release in today:
        if release["ocid"] != system:
            package = get_record(api, release["ocid"])
            assert_valid("recordPackage", package)
            [contract] = package["records"][0]["compiledRelease"]["contracts"]
            if "contractTermination" in release["tag"]:
                assert contract["status"] == "terminated"
            else:
                # the amended value: the annual cost from the amendment's date (it is scheduled 30 days ahead)
                query = (
                    "query($id: ID!, $on: Date!) { node(id: $id) { ... on CallOff { reference "
                    "annualCostOn(date: $on) } } }"
                )
                auditor = api.token(Role.AUDITOR)
                on = (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat()
                amended = api.gql(query, {"id": changed.amended, "on": on}, token=auditor)["node"]
                assert contract["id"] == amended["reference"]
                assert Decimal(str(contract["value"]["amount"])) == Decimal(amended["annualCostOn"]) / 100
                assert contract["amendments"][-1]["rationale"] == ocds.RATIONALE[AmendmentReason.PROVISION_CHANGE]


def test_no_child_or_staff_detail_is_ever_published(changed: Changed) -> None:
    api = changed.api
    short, long = asyncio.run(_private_texts(api.app.state.settings.database_url))
    assert len(long) > 200 and len(short) > 200, "the demo should have children and staff to look for"
    assert {"ce.commissioner", "lead.admin", "evaluator-1"} <= short
    assert {STAFF_NOTE, STAFF_REASON} <= long and any("(demo)" in v for v in long)
    text = _everything_published(api)
    for value in long:
        assert value not in text, value
        assert value[:40] not in text, value
    words = set(re.split(r"[\s,;:()\[\]{}\"'/]+", text))
    for value in short:
        assert value not in words, value
        if len(value) > 6:
            assert value not in text, value


def test_no_need_code_appears_in_call_off_releases(
    api: Api, published: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    _, releases = published
    system = system_ocid(releases)
    call_off_releases = [r for r in releases if r["ocid"] != system]
    assert call_off_releases
    pattern = re.compile(r"\b(" + "|".join(re.escape(code.value) for code in NeedCode) + r")\b")
    for release in call_off_releases:
        found = pattern.findall(json.dumps(release))
        assert not found, (release["id"], found)
