"""Inspections over HTTP: the lead authority records them (one at a time or from Ofsted's management
information), an inspection that gives cause for concern flags the establishment and alerts the authorities
placing there, matching rules a flagged establishment out until a commissioner includes it for a referral, and
a later good inspection clears the flag."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import text

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from db.engine import create_engine
from db.migrate import upgrade
from tests.notification_support import sql
from tests.support import DEMO_NOW, StatementCounter, WritableApi
from tests.test_calloffs import block_input, lot_by_code
from tests.test_offers import Demo, call, demo_of, ok, pk, refused

TODAY = DEMO_NOW.date()
CONCERN_KIND = "establishment.inspection_concern"
INSPECTION = """id inspectorate framework inspectedOn publishedOn reportUrl overallGrade safeguardingMet standardsMet
  judgements { area grade } concern"""
ESTABLISHMENT = f"""id urn name ofstedGrade ofstedDate concern {{ since reason }}
  inspections {{ {INSPECTION} }}"""
ESTABLISHMENT_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on Establishment {{ {ESTABLISHMENT} }} }} }}"
MATCHES = """query($id: ID!) { node(id: $id) { ... on Referral { matches {
  eligible establishment { id } reasonsFor { criterion blocking explanation }
  reasonsAgainst { criterion blocking explanation } } } } }"""
MEMBERS = """query($lot: ID!) { lotMemberships(first: 100, filter: {lot: $lot}) { nodes {
  status establishments { id urn concern { since } } } } }"""
PLACEMENTS = """query($e: ID!) { callOffs(first: 100, filter: {establishment: $e}) { nodes {
  status places authority { id code } } } }"""

_USED: set[str] = set()


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def lead(demo: Demo) -> str:
    return demo.api.token(Role.LEAD_ADMIN, authority_id=authority(demo, "E06000049"), subject="lead.inspections")


def authority(demo: Demo, code: str) -> int:
    found = demo.api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return pk(next(a["id"] for a in found if a["code"] == code))


def commissioner(demo: Demo, code: str) -> str:
    return demo.api.token(
        Role.AUTHORITY_COMMISSIONER, authority_id=authority(demo, code), subject=f"commissioner.{code}"
    )


def establishment(demo: Demo, id_: str) -> dict[str, Any]:
    return demo.api.gql(ESTABLISHMENT_QUERY, {"id": id_}, token=demo.auditor)["node"]


def unflagged_member(demo: Demo, lot_code: str = "L1") -> dict[str, Any]:
    """An establishment of an ACTIVE member of the lot, not flagged, that no other test of the module took."""
    lot = lot_by_code(demo, lot_code)
    for membership in demo.api.gql(MEMBERS, {"lot": lot["id"]})["lotMemberships"]["nodes"]:
        for place in membership["establishments"]:
            if membership["status"] == "ACTIVE" and place["concern"] is None and place["id"] not in _USED:
                _USED.add(place["id"])
                return place
    raise AssertionError(f"no unflagged establishment of an active member of {lot_code} is left")


def record(demo: Demo, token: str, establishment_id: str, **given: Any) -> dict[str, Any]:
    return call(
        demo.api,
        "recordInspection",
        {"establishment": establishment_id, "inspectorate": "OFSTED", **given},
        token,
        f"inspection {{ {INSPECTION} }} establishment {{ concern {{ since reason }} }}",
    )


def inadequate(on: dt.date) -> dict[str, Any]:
    return {"framework": "LEGACY_GRADE", "inspectedOn": on.isoformat(), "overallGrade": "INADEQUATE"}


def alerts(demo: Demo, establishment_id: str) -> list[Any]:
    rows = sql(
        demo.api.app.state.settings.database_url,
        "SELECT recipient_type, recipient_id, payload FROM notification "
        "WHERE kind = :kind AND subject_type = 'Establishment' AND subject_id = :id AND channel = 'EMAIL' ORDER BY id",
        kind=CONCERN_KIND,
        id=pk(establishment_id),
    )
    return [
        (r.recipient_type, r.recipient_id, json.loads(r.payload) if isinstance(r.payload, str) else r.payload)
        for r in rows
    ]


def count_inspections(demo: Demo) -> int:
    return sql(demo.api.app.state.settings.database_url, "SELECT count(*) AS n FROM inspection")[0].n


def day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


# -- the migration -----------------------------------------------------------------------------------


def test_migrated_legacy_grades_become_inspections_and_an_inadequate_one_a_flag(empty_database: str) -> None:
    async def go() -> tuple[list[Any], list[Any]]:
        engine = create_engine(empty_database)
        try:
            await upgrade(engine, "0019")
            async with engine.begin() as connection:
                await connection.execute(
                    text("INSERT INTO provider (id, legal_name, status) VALUES (1, 'Moorside Trust', 'ACTIVE')")
                )
                for id_, urn, grade, date in ((1, "100001", "2", "2024-05-01"), (2, "100002", "4", "2025-11-03")):
                    await connection.execute(
                        text(
                            "INSERT INTO establishment (id, provider_id, urn, name, type_code, postcode, latitude, "
                            "longitude, age_min, age_max, genders, day_capacity, residential_capacity, "
                            "day_vacancies, residential_vacancies, ofsted_grade, ofsted_date) VALUES (:id, 1, :urn, "
                            "'School', '10', 'CW1 2AA', 53.1, -2.4, 5, 16, 'MIXED', 10, 0, 1, 0, "
                            ":grade, :date)"
                        ),
                        {"id": id_, "urn": urn, "grade": grade, "date": dt.date.fromisoformat(date)},
                    )
            await upgrade(engine)
            async with engine.connect() as connection:
                inspections = (
                    await connection.execute(
                        text(
                            "SELECT establishment_id, inspectorate, framework, inspected_on, overall_grade "
                            "FROM inspection ORDER BY establishment_id"
                        )
                    )
                ).all()
                flags = (
                    await connection.execute(
                        text("SELECT id, concern_since, concern_reason FROM establishment ORDER BY id")
                    )
                ).all()
            return inspections, flags
        finally:
            await engine.dispose()

    inspections, flags = asyncio.run(go())
    assert [(r[0], r[1], r[2], str(r[3]), r[4]) for r in inspections] == [
        (1, "OFSTED", "LEGACY_GRADE", "2024-05-01", "2"),
        (2, "OFSTED", "LEGACY_GRADE", "2025-11-03", "4"),
    ]
    assert [(r[0], None if r[1] is None else str(r[1]), r[2]) for r in flags] == [
        (1, None, None),
        (2, "2025-11-03", "Ofsted graded inspection, 3 November 2025: judged inadequate"),
    ]


def test_the_demo_grades_are_inspections_and_the_old_fields_follow_them(demo: Demo) -> None:
    query = f"{{ establishments(first: 100) {{ nodes {{ {ESTABLISHMENT} }} }} }}"
    found = demo.api.gql(query)["establishments"]["nodes"]  # public: no token
    graded = [e for e in found if e["ofstedGrade"] is not None]
    assert graded
    for school in graded:
        legacy = [i for i in school["inspections"] if i["framework"] == "LEGACY_GRADE"]
        assert (school["ofstedGrade"], school["ofstedDate"]) == (legacy[0]["overallGrade"], legacy[0]["inspectedOn"])
        dates = [i["inspectedOn"] for i in school["inspections"]]
        assert dates == sorted(dates, reverse=True)  # newest first
    flagged = [e for e in found if e["concern"] is not None]
    assert [e["ofstedGrade"] for e in flagged] == ["INADEQUATE"]
    assert flagged[0]["concern"]["reason"] == flagged[0]["inspections"][0]["concern"]
    assert any(i["framework"] == "REPORT_CARD" and i["judgements"] for e in found for i in e["inspections"])
    listed = demo.api.gql("{ establishments(first: 100, filter: {flagged: true}) { nodes { id } } }")
    assert [e["id"] for e in listed["establishments"]["nodes"]] == [flagged[0]["id"]]


# -- recording -----------------------------------------------------------------------------------------


def test_each_framework_is_recorded_with_its_judgements(demo: Demo) -> None:
    token = lead(demo)
    school = unflagged_member(demo)
    card = record(
        demo,
        token,
        school["id"],
        framework="REPORT_CARD",
        inspectedOn="2026-01-12",
        publishedOn="2026-02-03",
        reportUrl="https://reports.ofsted.gov.uk/provider/21/" + school["urn"],
        safeguardingMet=True,
        judgements=[
            {"area": "LEADERSHIP_AND_GOVERNANCE", "grade": "STRONG"},
            {"area": "INCLUSION", "grade": "EXPECTED"},
            {"area": "ACHIEVEMENT", "grade": "NEEDS_ATTENTION"},
        ],
    )
    assert card["__typename"] == "RecordInspectionPayload", card
    assert card["inspection"]["judgements"] == [  # in the report card's order
        {"area": "INCLUSION", "grade": "EXPECTED"},
        {"area": "ACHIEVEMENT", "grade": "NEEDS_ATTENTION"},
        {"area": "LEADERSHIP_AND_GOVERNANCE", "grade": "STRONG"},
    ]
    assert card["inspection"]["concern"] is None and card["establishment"]["concern"] is None
    care = record(demo, token, school["id"], framework="SOCIAL_CARE", inspectedOn="2025-10-01", overallGrade="GOOD")
    assert care["inspection"]["overallGrade"] == "GOOD"
    standards = record(
        demo,
        token,
        school["id"],
        inspectorate="ISI",
        framework="STANDARDS",
        inspectedOn="2025-06-10",
        standardsMet=True,
    )
    assert (standards["inspection"]["inspectorate"], standards["inspection"]["standardsMet"]) == ("ISI", True)
    legacy = record(demo, token, school["id"], framework="LEGACY_GRADE", inspectedOn="2024-03-05", overallGrade="GOOD")
    assert legacy["inspection"]["overallGrade"] == "GOOD"

    seen = establishment(demo, school["id"])
    recorded = {x["inspection"]["id"] for x in (card, care, standards, legacy)}
    assert [i["framework"] for i in seen["inspections"] if i["id"] in recorded] == [
        "REPORT_CARD",
        "SOCIAL_CARE",
        "STANDARDS",
        "LEGACY_GRADE",
    ]  # newest first
    assert seen["concern"] is None
    history = demo.api.gql(
        "query($id: ID!) { node(id: $id) { ... on Establishment { changes { action diff } } } }",
        {"id": school["id"]},
        token=demo.auditor,
    )["node"]["changes"]
    assert [c["action"] for c in history[:4]] == ["establishment.inspection_recorded"] * 4
    assert history[0]["diff"]["after"]["inspections"][0]["framework"] == "LEGACY_GRADE"


def test_bad_inspections_are_refused_with_every_field_at_fault_and_nothing_written(demo: Demo) -> None:
    token = lead(demo)
    school = unflagged_member(demo)
    before = count_inspections(demo)
    future = (TODAY + dt.timedelta(days=1)).isoformat()

    result = record(demo, token, school["id"], framework="LEGACY_GRADE", inspectedOn=future, overallGrade="GOOD")
    assert result["__typename"] == "ValidationError" and result["field"] == "input.inspectedOn", result

    many = call(
        demo.api,
        "recordInspection",
        {
            "establishment": school["id"],
            "inspectorate": "ISI",  # Ofsted alone makes report cards
            "framework": "REPORT_CARD",
            "inspectedOn": future,
            "publishedOn": "2020-01-01",
            "reportUrl": "http://reports.ofsted.gov.uk/x",
            "overallGrade": "GOOD",  # a report card has none
            "judgements": [{"area": "INCLUSION", "grade": "STRONG"}, {"area": "INCLUSION", "grade": "EXPECTED"}],
            "standardsMet": True,
            # no safeguarding
        },
        token,
        "inspection { id }",
    )
    assert many["__typename"] == "ValidationError", many
    problems = demo.api.gql(
        "mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { "
        "... on ValidationError { problems { field message } } } }",
        {
            "input": {
                "establishment": school["id"],
                "inspectorate": "ISI",
                "framework": "REPORT_CARD",
                "inspectedOn": future,
                "publishedOn": "2020-01-01",
                "reportUrl": "http://reports.ofsted.gov.uk/x",
                "overallGrade": "GOOD",
                "judgements": [{"area": "INCLUSION", "grade": "STRONG"}, {"area": "INCLUSION", "grade": "EXPECTED"}],
                "standardsMet": True,
            }
        },
        token=token,
    )["recordInspection"]["problems"]
    assert [p["field"] for p in problems] == [
        "input.inspectorate",
        "input.inspectedOn",
        "input.publishedOn",
        "input.reportUrl",
        "input.overallGrade",
        "input.judgements[1].area",
        "input.safeguardingMet",
        "input.standardsMet",
    ]
    assert "inclusion is graded more than once" in problems[5]["message"]

    for given, path in (
        ({"framework": "REPORT_CARD", "inspectedOn": "2026-01-05", "safeguardingMet": True}, "input.judgements"),
        ({"framework": "SOCIAL_CARE", "inspectedOn": "2026-01-05"}, "input.overallGrade"),
        ({"framework": "STANDARDS", "inspectedOn": "2026-01-05"}, "input.standardsMet"),
        (
            {
                "framework": "LEGACY_GRADE",
                "inspectedOn": "2026-01-05",
                "overallGrade": "GOOD",
                "judgements": [{"area": "INCLUSION", "grade": "STRONG"}],
            },
            "input.judgements",
        ),
    ):
        refused(
            demo.api,
            "recordInspection",
            {"establishment": school["id"], "inspectorate": "OFSTED", **given},
            token,
            "ValidationError",
            path,
        )
    refused(
        demo.api,
        "recordInspection",
        {"establishment": "RXN0YWJsaXNobWVudDo5OTk5OTk", "inspectorate": "OFSTED", **inadequate(TODAY)},
        token,
        "NotFound",
        "input.establishment",
    )
    assert count_inspections(demo) == before
    assert establishment(demo, school["id"])["concern"] is None


def test_only_the_lead_authority_records_inspections(demo: Demo) -> None:
    school = unflagged_member(demo)
    query = "mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { __typename } }"
    given = {"input": {"establishment": school["id"], "inspectorate": "OFSTED", **inadequate(TODAY)}}
    provider_id = demo.api.gql(
        "query($id: ID!) { node(id: $id) { ... on Establishment { provider { id } } } }", {"id": school["id"]}
    )["node"]["provider"]["id"]
    for token in (
        demo.provider(provider_id),  # a provider does not assert its own grades
        commissioner(demo, "E06000049"),
        demo.api.token(Role.AUTHORITY_ANALYST, authority_id=authority(demo, "E08000001")),
        demo.auditor,
        demo.api.token(Role.LEAD_ADMIN, scopes=tuple(s for s in scopes_for(Role.LEAD_ADMIN) if s != "providers:write")),
    ):
        assert demo.api.errors(query, given, token=token)[0]["extensions"]["code"] == "FORBIDDEN"
    assert demo.api.errors(query, given)[0]["extensions"]["code"] == "UNAUTHENTICATED"
    csv_query = "mutation($input: ImportInspectionsInput!) { importInspections(input: $input) { __typename } }"
    assert (
        demo.api.errors(csv_query, {"input": {"csv": "URN\n"}}, token=demo.provider(provider_id))[0]["extensions"][
            "code"
        ]
        == "FORBIDDEN"
    )
    assert establishment(demo, school["id"])["concern"] is None


# -- the flag and the alerts -------------------------------------------------------------------------------


def test_an_inadequate_inspection_alerts_exactly_the_authorities_placing_there(demo: Demo) -> None:
    api = demo.api
    lot = lot_by_code(demo, "L1")
    school = unflagged_member(demo)
    cheshire_east, bolton = commissioner(demo, "E06000049"), commissioner(demo, "E08000001")
    running = block_input(lot, school["id"], startDate=TODAY.isoformat(), places=2)
    ok(api, "createBlockContract", running, cheshire_east, "callOff { id }")
    ended = ok(api, "createBlockContract", block_input(lot, school["id"]), bolton, "callOff { id version }")["callOff"]
    ok(api, "terminateCallOff", {"callOff": ended["id"], "version": ended["version"], "reason": "Not needed."}, bolton)

    placements = api.gql(PLACEMENTS, {"e": school["id"]}, token=demo.auditor)["callOffs"]["nodes"]
    expected: dict[int, int] = {}
    for placement in placements:
        if placement["status"] in ("ACTIVE", "PENDING"):
            key = pk(placement["authority"]["id"])
            expected[key] = expected.get(key, 0) + placement["places"]
    assert authority(demo, "E06000049") in expected and authority(demo, "E08000001") not in expected
    children = {
        row.child_reference
        for row in sql(
            api.app.state.settings.database_url,
            "SELECT r.child_reference FROM call_off c JOIN referral r ON r.id = c.referral_id "
            "WHERE c.establishment_id = :id",
            id=pk(school["id"]),
        )
    }

    inspected = TODAY - dt.timedelta(days=9)
    result = record(
        demo,
        lead(demo),
        school["id"],
        framework="REPORT_CARD",
        inspectedOn=inspected.isoformat(),
        safeguardingMet=False,
        judgements=[
            {"area": "INCLUSION", "grade": "EXPECTED"},
            {"area": "LEADERSHIP_AND_GOVERNANCE", "grade": "URGENT_IMPROVEMENT"},
        ],
    )
    reason = (
        f"Ofsted report card, {day(inspected)}: safeguarding not met; urgent improvement in leadership and governance"
    )
    assert result["establishment"]["concern"] == {"since": inspected.isoformat(), "reason": reason}
    assert result["inspection"]["concern"] == reason

    sent = alerts(demo, school["id"])
    assert {(kind, who) for kind, who, _ in sent} == {("Authority", a) for a in expected}
    for _, who, payload in sent:
        assert set(payload) == {
            "establishment",
            "urn",
            "inspectedOn",
            "framework",
            "reason",
            "placements",
            "establishmentId",
        }
        assert payload["urn"] == school["urn"] and payload["reason"] == reason
        assert payload["framework"] == "Ofsted report card" and payload["inspectedOn"] == inspected.isoformat()
        assert payload["placements"] == str(expected[who])
        text_of = json.dumps(payload)
        assert not any(child and child in text_of for child in children)  # no child's details

    # an inspection older than the latest of its line changes nothing, and alerts nobody
    older = record(demo, lead(demo), school["id"], **inadequate(TODAY - dt.timedelta(days=400)))
    assert older["establishment"]["concern"] == {"since": inspected.isoformat(), "reason": reason}
    assert len(alerts(demo, school["id"])) == len(sent)


def test_matching_rules_a_flagged_establishment_out_until_the_commissioner_includes_it(demo: Demo) -> None:
    api = demo.api
    demo.refresh()
    open_ = [r for r in demo.referrals if r["status"] in ("DRAFT", "OPEN", "CLOSED")]
    eligible_in: dict[str, list[dict[str, Any]]] = {}
    for referral in open_:
        token = demo.commissioner(referral, subject="commissioner.matching")
        for match in api.gql(MATCHES, {"id": referral["id"]}, token=token)["node"]["matches"]:
            if match["eligible"] and match["establishment"]["id"] not in _USED:
                eligible_in.setdefault(match["establishment"]["id"], []).append(referral)
    school_id, (first, second, *_) = next((e, rs) for e, rs in eligible_in.items() if len(rs) >= 2)
    _USED.add(school_id)

    def match_of(referral: dict[str, Any]) -> dict[str, Any]:
        token = demo.commissioner(referral, subject="commissioner.matching")
        found = api.gql(MATCHES, {"id": referral["id"]}, token=token)["node"]["matches"]
        return next(m for m in found if m["establishment"]["id"] == school_id)

    def statements(referral: dict[str, Any]) -> int:
        with StatementCounter(api.app) as counter:
            match_of(referral)
        return counter.count

    before = statements(first)

    inspected = TODAY - dt.timedelta(days=30)
    record(demo, lead(demo), school_id, **inadequate(inspected))
    concern = f"Ofsted graded inspection, {day(inspected)}: judged inadequate"
    flagged = f"Flagged after inspection since {day(inspected)}: {concern}"
    for referral in (first, second):
        match = match_of(referral)
        assert not match["eligible"]
        assert {"criterion": "OFSTED", "blocking": True, "explanation": flagged} in match["reasonsAgainst"]

    owner = demo.commissioner(first, subject="commissioner.matching")
    why = "The only school within reach with a place for a child with this profile; we visited on 20 February."
    include = {"referral": first["id"], "establishment": school_id, "reason": why}
    stranger = next(c for c in ("E08000001", "E06000050") if authority(demo, c) != pk(first["authority"]["id"]))
    refused(api, "includeFlaggedEstablishment", include, commissioner(demo, stranger), "NotFound", "input.referral")
    refused(api, "includeFlaggedEstablishment", {**include, "reason": " "}, owner, "ValidationError", "input.reason")
    done = ok(api, "includeFlaggedEstablishment", include, owner, "reason establishment { id concern { since } }")
    assert done["reason"] == why and done["establishment"]["concern"] == {"since": inspected.isoformat()}
    refused(api, "includeFlaggedEstablishment", include, owner, "Duplicate", "input.establishment")

    included = match_of(first)
    assert included["eligible"]
    assert {
        "criterion": "OFSTED",
        "blocking": False,
        "explanation": f"Included by the commissioner despite the inspection concern: {why}",
    } in included["reasonsFor"]
    assert {"criterion": "OFSTED", "blocking": False, "explanation": flagged} in included["reasonsAgainst"]
    assert not match_of(second)["eligible"]  # another referral is unaffected
    assert statements(first) == before  # the inclusion is read in matching's one statement

    # a later report card, Ofsted's successor to the legacy grade, with nothing of concern clears the flag
    cleared = record(
        demo,
        lead(demo),
        school_id,
        framework="REPORT_CARD",
        inspectedOn=(TODAY - dt.timedelta(days=3)).isoformat(),
        safeguardingMet=True,
        judgements=[{"area": a, "grade": "EXPECTED"} for a in ("INCLUSION", "ACHIEVEMENT")],
    )
    assert cleared["establishment"]["concern"] is None
    assert match_of(second)["eligible"]
    unflagged = {"referral": second["id"], "establishment": school_id, "reason": why}
    refused(
        api,
        "includeFlaggedEstablishment",
        unflagged,
        demo.commissioner(second, subject="commissioner.matching"),
        "ValidationError",
        "input.establishment",
    )


# -- importing -------------------------------------------------------------------------------------------

HEADER = (
    "URN,Inspection type,Inspection start date,Publication date,Overall effectiveness,Safeguarding,Inclusion,"
    "Leadership and governance,Web link"
)


def import_csv(demo: Demo, body: str, selection: str = "count") -> dict[str, Any]:
    return demo.api.gql(
        "mutation($input: ImportInspectionsInput!) { importInspections(input: $input) { __typename "
        "... on ValidationError { field problems { field message } } "
        f"... on ImportInspectionsPayload {{ {selection} }} }} }}",
        {"input": {"csv": body}},
        token=lead(demo),
    )["importInspections"]


def test_an_import_with_bad_rows_names_each_row_and_column_and_writes_nothing(demo: Demo) -> None:
    good, other = unflagged_member(demo), unflagged_member(demo)
    before = count_inspections(demo)
    future = (TODAY + dt.timedelta(days=5)).isoformat()
    body = "\n".join(
        [
            HEADER,
            f"{good['urn']},Graded inspection,2026-01-14,2026-02-02,2,,,,https://reports.ofsted.gov.uk/x",
            "999999,Report card,2026-01-14,,,Met,Strong standard,Expected standard,",
            f"{other['urn']},Graded inspection,{future},,Good,,,,",
            f"{other['urn']},Report card,14/01/2026,,Good,,Exceptional,Brilliant,",
            "",
            f"{good['urn']},Inspection of sorts,someday,,,,,,ftp://x",
        ]
    )
    refusal = import_csv(demo, body)
    assert refusal["__typename"] == "ValidationError", refusal
    assert [p["field"] for p in refusal["problems"]] == [
        "input.csv[3].URN",
        "input.csv[4].Inspection start date",
        "input.csv[5].Leadership and governance",
        "input.csv[5].Overall effectiveness",
        "input.csv[5].Safeguarding",
        "input.csv[7].Inspection type",
        "input.csv[7].Inspection start date",
    ]
    assert refusal["problems"][0]["message"] == "Row 3, URN: No establishment with URN 999999 is registered"
    assert count_inspections(demo) == before

    header = import_csv(demo, "URN,Inspection kind,Inspection start date\n" + f"{good['urn']},x,2026-01-01\n")
    # a column the import does not read is left out (Ofsted's files have many); a required one is then missing
    assert [p["field"] for p in header["problems"]] == ["input.csv[1].Inspection type"]
    assert import_csv(demo, "")["field"] == "input.csv"
    assert count_inspections(demo) == before


def test_a_good_import_records_every_row_flags_and_alerts(demo: Demo) -> None:
    lot = lot_by_code(demo, "L1")
    good, bad = unflagged_member(demo), unflagged_member(demo)
    ok(demo.api, "createBlockContract", block_input(lot, bad["id"]), commissioner(demo, "E08000001"), "callOff { id }")
    body = "\r\n".join(
        [
            HEADER,
            f"{good['urn']},Report card,03/02/2026,10/02/2026,,Met,Strong standard,Expected standard,"
            "https://reports.ofsted.gov.uk/provider/21/" + good["urn"],
            f"{bad['urn']},Graded inspection,2026-02-09,,Inadequate,,,,",
            "",
        ]
    )
    done = import_csv(
        demo, body, "count inspections { framework inspectedOn concern } establishments { id concern { reason } }"
    )
    assert done["__typename"] == "ImportInspectionsPayload", done
    assert done["count"] == 2
    assert [(i["framework"], i["inspectedOn"]) for i in done["inspections"]] == [
        ("REPORT_CARD", "2026-02-03"),
        ("LEGACY_GRADE", "2026-02-09"),
    ]
    reason = "Ofsted graded inspection, 9 February 2026: judged inadequate"
    assert {e["id"]: e["concern"] for e in done["establishments"]} == {good["id"]: None, bad["id"]: {"reason": reason}}
    seen = establishment(demo, good["id"])["inspections"][0]
    assert seen["judgements"] == [
        {"area": "INCLUSION", "grade": "STRONG"},
        {"area": "LEADERSHIP_AND_GOVERNANCE", "grade": "EXPECTED"},
    ]
    assert seen["safeguardingMet"] is True and seen["publishedOn"] == "2026-02-10"
    assert authority(demo, "E08000001") in {who for _, who, _ in alerts(demo, bad["id"])}
    assert alerts(demo, good["id"]) == []


def test_the_same_inspection_twice_is_refused_and_other_columns_of_a_file_are_left_out(demo: Demo) -> None:
    token = lead(demo)
    school = unflagged_member(demo)
    first = record(demo, token, school["id"], framework="SOCIAL_CARE", inspectedOn="2025-10-02", overallGrade="GOOD")
    assert first["__typename"] == "RecordInspectionPayload", first
    # a contradicting judgement of the same day does not silently replace the first
    again = record(
        demo, token, school["id"], framework="SOCIAL_CARE", inspectedOn="2025-10-02", overallGrade="INADEQUATE"
    )
    assert (again["__typename"], again["field"]) == ("Duplicate", "input.inspectedOn"), again
    assert establishment(demo, school["id"])["concern"] is None
    misplaced = record(
        demo,
        token,
        school["id"],
        framework="SOCIAL_CARE",
        inspectedOn="2025-10-03",
        overallGrade="GOOD",
        safeguardingMet=False,
    )
    assert (misplaced["__typename"], misplaced["field"]) == ("ValidationError", "input.safeguardingMet"), misplaced

    before = count_inspections(demo)
    header = "LAESTAB,URN,School name,Inspection type,Inspection start date,Overall effectiveness"
    new = f"8881234,{school['urn']},A school,Graded inspection,2024-05-02,Good"
    body = "\n".join([header, f"8881234,{school['urn']},A school,Social care,2025-10-02,Good", new, new])
    refusal = import_csv(demo, body)
    assert refusal["__typename"] == "ValidationError", refusal
    assert [p["field"] for p in refusal["problems"]] == [
        "input.csv[2].Inspection start date",
        "input.csv[4].Inspection start date",
    ]
    assert count_inspections(demo) == before
    done = import_csv(demo, "\n".join([header, new]))
    assert (done["__typename"], done["count"]) == ("ImportInspectionsPayload", 1), done
    assert count_inspections(demo) == before + 1
