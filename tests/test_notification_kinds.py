"""Who is told what: each cause, over GraphQL, writes its message to exactly the right people.

For each kind of message, the cause is driven through the API on the demo (with its people: every
provider has an administrator with a verified address; Cheshire East has a commissioner), and the
outbox is read directly: the rows name exactly the organisations that should hear, one row per
active user of each, and nobody else; the message, rendered, names the right reference and carries
no child's details, and a losing bidder learns nothing of the winner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from api.auth.actor import Role
from api.domain.notification_kinds import KINDS, Kind, render
from tests.documents_support import PDF, attach
from tests.notification_support import sql
from tests.support import DEMO_NOW, WritableApi
from tests.test_offers import card, demo_of
from tests.test_referrals import CHILD, REFERRAL, call, create, gid, pk

PUBLIC = "https://fps.example.org"
CHESHIRE_EAST = 1
NEED_CODES = ("ASD", "SLCN")


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi) -> Iterator[dict[str, Any]]:
    api = writable_with_people
    api.at(DEMO_NOW)
    systems = api.gql("{ purchasingSystems(first: 1) { nodes { id leadAuthority { id } lots { id code } } } }")
    system = systems["purchasingSystems"]["nodes"][0]
    yield {
        "api": api,
        "url": api.app.state.settings.database_url,
        "system": system["id"],
        "lots": {x["code"]: x["id"] for x in system["lots"]},
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST, subject="ce.commissioner"),
        "lead": api.token(Role.LEAD_ADMIN, authority_id=pk(system["leadAuthority"]["id"]), subject="lead.admin"),
        "auditor": api.token(Role.AUDITOR),
    }
    api.at(DEMO_NOW)


# -- reading the outbox ---------------------------------------------------------------------------


def outbox(world: dict[str, Any], kind: Kind, subject_type: str, subject_id: int) -> list[Any]:
    return sql(
        world["url"],
        "SELECT id, recipient_type, recipient_id, user_id, payload, skip_reason, dedupe_key FROM notification "
        "WHERE kind = :kind AND subject_type = :type AND subject_id = :id ORDER BY id",
        kind=kind.value,
        type=subject_type,
        id=subject_id,
    )


def provider_users(world: dict[str, Any], provider_ids: set[int]) -> set[int]:
    if not provider_ids:
        return set()
    ids = ", ".join(str(p) for p in provider_ids)
    return {r.id for r in sql(world["url"], f"SELECT id FROM user_account WHERE active AND provider_id IN ({ids})")}


def commissioners(world: dict[str, Any], authority_id: int) -> set[int]:
    rows = sql(
        world["url"],
        "SELECT id FROM user_account WHERE active AND authority_id = :a AND role = 'AUTHORITY_COMMISSIONER'",
        a=authority_id,
    )
    return {r.id for r in rows}


def registered(world: dict[str, Any]) -> set[int]:
    """The providers a purchasing system's messages go to: ACTIVE and verified."""
    rows = sql(world["url"], "SELECT id FROM provider WHERE status = 'ACTIVE' AND verified_at IS NOT NULL")
    return {r.id for r in rows}


def addressed(rows: list[Any]) -> set[tuple[str, int]]:
    return {(r.recipient_type, r.recipient_id) for r in rows}


def payload_of(row: Any) -> dict[str, Any]:
    import json

    return row.payload if isinstance(row.payload, dict) else json.loads(row.payload)


def words(kind: Kind, row: Any, *must: str) -> str:
    """The message as sent: it names what it must, links into the portal, and carries no child data."""
    rendered = render(kind, payload_of(row), public_url=PUBLIC)
    text = rendered.subject + "\n" + rendered.body
    for part in must:
        assert part in text, (kind, part, text)
    assert f"{PUBLIC}/portal/" in rendered.body
    for secret in (CHILD["reference"], CHILD["needsSummary"], CHILD["homePostcodeDistrict"], *NEED_CODES):
        assert secret not in text, (kind, secret)
    return text


# -- referrals, offers, awards --------------------------------------------------------------------


def open_referral(world: dict[str, Any], **changes: Any) -> tuple[dict[str, Any], list[int]]:
    referral = create(world, qualityQuestions=["How will you support the move?"], **changes)
    opened = call(
        world["api"],
        "openReferral",
        {"referral": referral["id"]},
        world["commissioner"],
        f"referral {{ {REFERRAL} }} invitations {{ provider {{ id }} }}",
    )
    assert opened["__typename"] == "OpenReferralPayload", opened
    return opened["referral"], [pk(i["provider"]["id"]) for i in opened["invitations"]]


def offer(world: dict[str, Any], referral: dict[str, Any], provider_id: int) -> dict[str, Any]:
    """An offer at the provider's rate card from an establishment it was invited with."""
    [row] = [
        r for r in outbox(world, Kind.REFERRAL_INVITED, "Referral", pk(referral["id"])) if r.recipient_id == provider_id
    ][:1]
    establishment = payload_of(row)["establishments"][0]
    demo = demo_of(world["api"])
    membership = demo.membership(world["lots"]["L1"], gid("Provider", provider_id))
    token = world["api"].token(Role.PROVIDER_USER, provider_id=provider_id, subject=f"user-{provider_id}")
    made = call(
        world["api"],
        "submitOffer",
        {
            "referral": referral["id"],
            "establishment": gid("Establishment", establishment),
            "weeklyFees": card(membership),
            "startDate": (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat(),
            "qualityAnswers": ["A named key worker and a phased start."],
            "qualityStatement": "A calm, structured day.",
        },
        token,
        "offer { id version }",
    )
    assert made["__typename"] == "SubmitOfferPayload", made
    return {**made["offer"], "token": token, "provider": provider_id}


def test_offers_made_and_withdrawn_reach_the_referring_commissioners_only(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    referral, invited = open_referral(world)
    assert len(invited) >= 2
    reference = f"NWR-{pk(referral['id']):06d}"
    made = offer(world, referral, invited[0])
    rows = outbox(world, Kind.OFFER_RECEIVED, "Offer", pk(made["id"]))
    assert addressed(rows) == {("Authority", CHESHIRE_EAST)}
    assert {r.user_id for r in rows} == commissioners(world, CHESHIRE_EAST) != set()
    text = words(Kind.OFFER_RECEIVED, rows[0], reference, "L1", "midday on Thursday 12 March 2026")
    assert f"/portal/Offer/{made['id']}" in text

    why = "Our last day place from that date has been taken."
    leave = {"offer": made["id"], "version": made["version"], "reason": why}
    withdrawn = call(api, "withdrawOffer", leave, made["token"], "offer { id }")
    assert withdrawn["__typename"] == "WithdrawOfferPayload", withdrawn
    rows = outbox(world, Kind.OFFER_WITHDRAWN, "Offer", pk(made["id"]))
    assert addressed(rows) == {("Authority", CHESHIRE_EAST)}
    assert {r.user_id for r in rows} == commissioners(world, CHESHIRE_EAST)
    text = words(Kind.OFFER_WITHDRAWN, rows[0], reference, f"/portal/Referral/{referral['id']}")
    assert why not in text  # free text stays in the portal: the council reads the reason on the offer
    # the providers are not told of each other's offers
    every = sql(world["url"], "SELECT kind, recipient_type FROM notification WHERE subject_type = 'Offer'")
    assert {r.recipient_type for r in every} == {"Authority"}


def test_an_award_tells_the_winner_and_each_other_provider_that_offered_and_nobody_else(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    referral, invited = open_referral(world)
    assert len(invited) >= 3, "the test needs three invited providers"
    winner_offer, loser_offer, withdrawn_offer = (offer(world, referral, p) for p in invited[:3])
    call(
        api,
        "withdrawOffer",
        {"offer": withdrawn_offer["id"], "version": withdrawn_offer["version"], "reason": "No place now."},
        withdrawn_offer["token"],
    )
    api.at(dt.datetime.fromisoformat(referral["offerDeadline"]) + dt.timedelta(hours=1))
    try:
        for scored, score in ((winner_offer, 90), (loser_offer, 50)):
            result = call(api, "scoreOfferQuality", {"offer": scored["id"], "score": score}, world["commissioner"])
            assert result["__typename"] == "ScoreOfferQualityPayload", result
        awarded = call(
            api,
            "awardReferral",
            {"offer": winner_offer["id"]},
            world["commissioner"],
            "callOff { id reference annualCost provider { legalName } }",
        )
    finally:
        api.at(DEMO_NOW)
    assert awarded["__typename"] == "AwardReferralPayload", awarded
    call_off = awarded["callOff"]
    referral_pk, reference = pk(referral["id"]), f"NWR-{pk(referral['id']):06d}"

    won = outbox(world, Kind.OFFER_AWARDED, "Referral", referral_pk)
    assert addressed(won) == {("Provider", invited[0])}
    assert {r.user_id for r in won} == provider_users(world, {invited[0]})
    text = words(Kind.OFFER_AWARDED, won[0], reference, call_off["reference"], "L1")
    assert f"/portal/CallOff/{call_off['id']}" in text

    lost = outbox(world, Kind.OFFER_DECLINED, "Referral", referral_pk)
    # each other provider that offered, the one that withdrew too; not the invited ones that never offered
    assert addressed(lost) == {("Provider", invited[1]), ("Provider", invited[2])}
    assert {r.user_id for r in lost} == provider_users(world, {invited[1], invited[2]})
    for row in lost:
        assert set(payload_of(row)) == {"referral", "referralId", "lot"}
        text = words(Kind.OFFER_DECLINED, row, reference)
        # nothing of the winner: not its name, its call-off or its price
        assert call_off["provider"]["legalName"] not in text and call_off["reference"] not in text
        assert f"{call_off['annualCost'] / 100:,.2f}" not in text and str(call_off["annualCost"]) not in text
    untouched = set(invited[3:])
    assert not untouched & {r.recipient_id for r in won + lost}


# -- rounds, clarifications, decisions -------------------------------------------------------------

OPEN_ROUND = """{ applicationRounds(first: 5, filter: {status: OPEN}) { edges { node {
  id version closesAt questions { id kind weight number } } } } }"""


def test_a_round_scheduled_reaches_every_registered_provider(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    # a provider awaiting verification is not told; nor a suspended one (the demo has one)
    [unverified] = sql(world["url"], "SELECT min(id) AS id FROM provider WHERE status = 'ACTIVE'")
    sql(world["url"], "UPDATE provider SET verified_at = NULL WHERE id = :p", p=unverified.id)
    try:
        suspended = {r.id for r in sql(world["url"], "SELECT id FROM provider WHERE status <> 'ACTIVE'")}
        assert suspended, "the demo has a suspended provider"
        opens = DEMO_NOW + dt.timedelta(days=30)
        result = call(
            api,
            "scheduleRound",
            {
                "system": world["system"],
                "opensAt": opens.isoformat(),
                "closesAt": (opens + dt.timedelta(days=20)).isoformat(),
                "lots": [world["lots"]["L1"], world["lots"]["L2"]],
                "questions": [
                    {"kind": "SELECTION", "text": "Do you hold the required registrations?"},
                    {"kind": "AWARD", "text": "Describe your curriculum.", "weight": 100},
                ],
            },
            world["lead"],
            "round { id number }",
        )
        assert result["__typename"] == "ScheduleRoundPayload", result
        round_ = result["round"]
        rows = outbox(world, Kind.ROUND_SCHEDULED, "ApplicationRound", pk(round_["id"]))
        expected = registered(world)
        assert unverified.id not in expected and not suspended & expected
        assert addressed(rows) == {("Provider", p) for p in expected}
        assert {r.user_id for r in rows} == provider_users(world, expected)
        text = words(Kind.ROUND_SCHEDULED, rows[0], f"round {round_['number']}", "L1, L2", "Wednesday 1 April 2026")
        assert f"/portal/ApplicationRound/{round_['id']}" in text
    finally:
        sql(world["url"], "UPDATE provider SET verified_at = :t WHERE id = :p", p=unverified.id, t=DEMO_NOW)


def test_a_clarification_answered_reaches_every_registered_provider_without_its_text(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    round_ = api.gql(OPEN_ROUND, token=world["lead"])["applicationRounds"]["edges"][0]["node"]
    asker = sorted(registered(world))[0]
    token = api.token(Role.PROVIDER_USER, provider_id=asker, subject=f"user-{asker}")
    question = "May a bid name an establishment that opens next term?"
    asked = call(api, "askClarification", {"round": round_["id"], "question": question}, token, "clarification { id }")
    assert asked["__typename"] == "AskClarificationPayload", asked
    answer = "Yes, if it is registered before the round closes."
    answered = call(
        api,
        "answerClarification",
        {"clarification": asked["clarification"]["id"], "answer": answer},
        world["lead"],
    )
    assert answered["__typename"] == "AnswerClarificationPayload", answered
    rows = outbox(world, Kind.CLARIFICATION_ANSWERED, "RoundClarification", pk(asked["clarification"]["id"]))
    assert addressed(rows) == {("Provider", p) for p in registered(world)}
    assert {r.user_id for r in rows} == provider_users(world, registered(world))
    text = words(Kind.CLARIFICATION_ANSWERED, rows[0], f"/portal/ApplicationRound/{round_['id']}")
    assert question not in text and answer not in text  # read in the portal, where the asker is not named


def test_decisions_tell_each_bidder_its_own_outcome_and_nothing_of_the_others(world: dict[str, Any]) -> None:
    api, lead = world["api"], world["lead"]
    api.at(DEMO_NOW)
    round_ = api.gql(OPEN_ROUND, token=lead)["applicationRounds"]["edges"][0]["node"]
    bids_query = """query($round: ID!) { bids(first: 50, filter: {round: $round, status: SUBMITTED}) { edges {
      node { id provider { id legalName } lots { id lot { code } } } } } }"""
    closes = dt.datetime.fromisoformat(round_["closesAt"])
    api.at(closes + dt.timedelta(hours=1))
    try:
        bids = [e["node"] for e in api.gql(bids_query, {"round": round_["id"]}, token=lead)["bids"]["edges"]]
        assert len(bids) >= 2
        evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
        assert call(api, "assignEvaluators", {"round": round_["id"], "evaluators": ["evaluator-1"]}, lead)[
            "__typename"
        ].endswith("Payload")
        questions = round_["questions"]
        rejected = bids[0]
        for bid in bids:
            for lot in bid["lots"]:
                marks = [
                    {"question": q["id"], "passed": True}
                    if q["kind"] == "SELECTION"
                    else {"question": q["id"], "score": 4, "comment": "Evidence-based."}
                    for q in questions
                ]
                for name, input_, token in (
                    ("recordEvaluation", {"bidLot": lot["id"], "marks": marks}, evaluator),
                    (
                        "moderateBidLot",
                        {
                            "bidLot": lot["id"],
                            "passedSelection": True,
                            "scores": [{"question": q["id"], "score": 4} for q in questions if q["kind"] == "AWARD"],
                            "rationale": "Agreed.",
                        },
                        lead,
                    ),
                ):
                    assert call(api, name, input_, token)["__typename"].endswith("Payload"), name
                report = attach(api, lead, lot["id"], PDF, document_type="EVALUATION_REPORT", file_name="report.pdf")
                assert report["__typename"] == "ConfirmDocumentUploadPayload", report
                decision = "REJECTED" if bid is rejected else "ADMITTED"
                decided = call(
                    api, "decideBidLot", {"bidLot": lot["id"], "decision": decision, "feedback": "Feedback."}, lead
                )
                assert decided["__typename"].endswith("Payload"), decided
        # decided, not yet issued: nobody is told
        assert not outbox(world, Kind.DECISIONS_ISSUED, "Bid", pk(bids[0]["id"]))
        api.at(closes + dt.timedelta(days=2))
        ends = closes + dt.timedelta(days=12)
        issued = call(api, "issueDecisions", {"round": round_["id"], "standstillEndsAt": ends.isoformat()}, lead)
        assert issued["__typename"] == "IssueDecisionsPayload", issued
    finally:
        api.at(DEMO_NOW)
    names = {b["provider"]["legalName"] for b in bids}
    for bid in bids:
        rows = outbox(world, Kind.DECISIONS_ISSUED, "Bid", pk(bid["id"]))
        provider = pk(bid["provider"]["id"])
        assert addressed(rows) == {("Provider", provider)}
        assert {r.user_id for r in rows} == provider_users(world, {provider})
        text = words(Kind.DECISIONS_ISSUED, rows[0], f"/portal/Bid/{bid['id']}", "standstill period ends")
        outcome = "not admitted" if bid is rejected else "admitted"
        own = [f"- lot {lot['lot']['code']} (" for lot in bid["lots"]]
        lines = payload_of(rows[0])["outcomes"].splitlines()
        assert len(lines) == len(own) and all(line.endswith(f": {outcome}") for line in lines)
        assert all(any(line.startswith(prefix) for line in lines) for prefix in own)
        assert not any(name in text for name in names)  # no bidder named, not even itself


# -- outcome reports, fees, memberships ----------------------------------------------------------------

PLACEMENTS = """{ callOffs(first: 100, filter: {status: ACTIVE, type: INDIVIDUAL_PLACEMENT}) { edges { node {
  id reference version startDate provider { id } authority { id } lot { code }
  weeklyFees { education care health therapies additionalStaffing }
  outcomeReports { academicYear term } } } } }"""
REPORT = "report { id version status }"


def placements(world: dict[str, Any]) -> list[dict[str, Any]]:
    edges = world["api"].gql(PLACEMENTS, token=world["auditor"])["callOffs"]["edges"]
    return [
        e["node"]
        for e in edges
        if pk(e["node"]["authority"]["id"]) == CHESHIRE_EAST
        and e["node"]["startDate"] <= "2026-03-01"
        and not any(r["academicYear"] == 2025 and r["term"] == "SPRING" for r in e["node"]["outcomeReports"])
    ]


def test_an_outcome_report_submitted_queried_and_accepted_tells_the_other_side(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    placement = placements(world)[0]
    provider = pk(placement["provider"]["id"])
    token = api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"user-{provider}")
    measures = api.gql("{ outcomeMeasures(first: 100) { nodes { id code scale frequency } } }")["outcomeMeasures"]
    measure = next(x for x in measures["nodes"] if x["code"] == "ATT1")
    saved = call(
        api,
        "saveOutcomeReport",
        {
            "callOff": placement["id"],
            "academicYear": 2025,
            "term": "SPRING",
            "narrative": "Settled well; attendance is up.",
            "values": [{"measure": measure["id"], "value": 91.5}],
        },
        token,
        REPORT,
    )
    assert saved["__typename"] == "SaveOutcomeReportPayload", saved
    report = saved["report"]
    assert not outbox(world, Kind.REPORT_SUBMITTED, "OutcomeReport", pk(report["id"]))  # a draft tells nobody

    def step(name: str, input_: dict[str, Any], who: str) -> dict[str, Any]:
        result = call(api, name, {"report": report["id"], "version": report["version"], **input_}, who, REPORT)
        assert result["__typename"].endswith("Payload"), result
        report.update(result["report"])
        return result

    step("submitOutcomeReport", {}, token)
    rows = outbox(world, Kind.REPORT_SUBMITTED, "OutcomeReport", pk(report["id"]))
    authority = pk(placement["authority"]["id"])
    assert addressed(rows) == {("Authority", authority)}
    assert {r.user_id for r in rows} == commissioners(world, authority) != set()
    words(Kind.REPORT_SUBMITTED, rows[0], placement["reference"], "2025/26 spring term", report["id"])

    comment = "Please add the attendance figure for March."
    step("queryOutcomeReport", {"comment": comment}, world["commissioner"])
    rows = outbox(world, Kind.REPORT_QUERIED, "OutcomeReport", pk(report["id"]))
    assert addressed(rows) == {("Provider", provider)}
    assert {r.user_id for r in rows} == provider_users(world, {provider})
    assert comment not in words(Kind.REPORT_QUERIED, rows[0], placement["reference"])

    step("answerOutcomeReportQuery", {"answer": "Added: 93%."}, token)
    step("submitOutcomeReport", {}, token)
    assert len(outbox(world, Kind.REPORT_SUBMITTED, "OutcomeReport", pk(report["id"]))) == 2 * len(
        commissioners(world, authority)
    )
    step("acceptOutcomeReport", {}, world["commissioner"])
    rows = outbox(world, Kind.REPORT_ACCEPTED, "OutcomeReport", pk(report["id"]))
    assert addressed(rows) == {("Provider", provider)}
    assert {r.user_id for r in rows} == provider_users(world, {provider})
    words(Kind.REPORT_ACCEPTED, rows[0], placement["reference"], "accepted")


def test_a_fee_amendment_tells_the_provider(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    placement = placements(world)[-1]
    provider = pk(placement["provider"]["id"])
    fees = {k: v for k, v in placement["weeklyFees"].items() if v}
    fees["education"] = fees.get("education", 0) + 1_000
    note = "Agreed at the annual review of the child's plan."
    result = call(
        api,
        "amendCallOffFees",
        {
            "callOff": placement["id"],
            "version": placement["version"],
            "effectiveFrom": (DEMO_NOW.date() + dt.timedelta(days=14)).isoformat(),
            "reason": "NEEDS_CHANGE",
            "note": note,
            "weeklyFees": fees,
        },
        world["commissioner"],
    )
    assert result["__typename"] == "AmendCallOffFeesPayload", result
    rows = outbox(world, Kind.FEES_AMENDED, "CallOff", pk(placement["id"]))
    assert addressed(rows) == {("Provider", provider)}
    assert {r.user_id for r in rows} == provider_users(world, {provider})
    text = words(Kind.FEES_AMENDED, rows[0], placement["reference"], "Monday 16 March 2026", "change of needs")
    assert note not in text


def test_membership_changes_tell_the_provider(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    query = "{ lotMemberships(first: 1, filter: {status: ACTIVE}) { nodes { id provider { id } lot { code } } } }"
    membership = api.gql(query, token=world["lead"])["lotMemberships"]["nodes"][0]
    provider = pk(membership["provider"]["id"])
    reason = "A safeguarding review after an inspection."
    steps = (
        ("suspendMembership", {"reason": reason, "until": "2026-06-01"}, Kind.MEMBERSHIP_SUSPENDED, "1 June 2026"),
        ("reinstateMembership", {}, Kind.MEMBERSHIP_REINSTATED, "reinstated"),
        ("removeMembership", {"reason": reason}, Kind.MEMBERSHIP_REMOVED, "ended"),
    )
    for name, input_, kind, says in steps:
        result = call(api, name, {"membership": membership["id"], **input_}, world["lead"])
        assert result["__typename"] == "MembershipPayload", result
        rows = outbox(world, kind, "LotMembership", pk(membership["id"]))
        assert addressed(rows) == {("Provider", provider)}
        assert {r.user_id for r in rows} == provider_users(world, {provider})
        text = words(kind, rows[0], membership["lot"]["code"], says, f"/portal/LotMembership/{membership['id']}")
        assert reason not in text


def test_reminders_are_optional_and_what_the_procedure_requires_is_not() -> None:
    reminders = {
        Kind.OFFER_DEADLINE_REMINDER,
        Kind.ROUND_CLOSING_REMINDER,
        Kind.REPORT_DUE_REMINDER,
        Kind.REPORT_OVERDUE_REMINDER,
        Kind.REVIEW_REPORT_DUE_REMINDER,
        Kind.REVIEW_REPORT_OVERDUE_REMINDER,
        Kind.REVIEW_MEETING_TO_ARRANGE_REMINDER,
        Kind.REVIEW_DECISION_OVERDUE_REMINDER,
    }
    assert {k for k, spec in KINDS.items() if spec.optional} == reminders
    required_kinds = (Kind.REFERRAL_INVITED, Kind.OFFER_AWARDED, Kind.OFFER_DECLINED, Kind.DECISIONS_ISSUED)
    for required in (*required_kinds, Kind.REVIEW_REPORT_REQUESTED):
        assert not KINDS[required].optional
