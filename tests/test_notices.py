"""Procurement Act 2023 notices: every notice type builds a release valid against the OCDS schema merged with the
UK extension, with no child's or staff's detail in it; issuing stores and queues a valid notice and keeps an invalid
one as a draft; publishing again moves a draft or a failed notice to the queue and nothing else; and a call-off's
notices are seen only where the call-off (and its referral) are."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from sqlalchemy import func, select, update

from api.auth.actor import Actor, Role
from api.domain import notice_releases as nr
from api.domain import notices, ocds, ocds_schema, regimes
from api.domain.children import neutral_reference
from api.domain.fees import WeeklyFees
from api.resolvers.relay import to_global_id
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import (
    AdmissionMode,
    AmendmentReason,
    AuthorityRole,
    CallOffType,
    CostElement,
    DirectAwardGround,
    Gender,
    IdentifierScheme,
    NeedCode,
    NoticeStatus,
    NoticeType,
    PlacementType,
    ProviderStatus,
    ReferralMode,
    Regime,
)
from tests.support import DEMO_NOW, WritableApi

T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
ACT_REGIMES = (Regime.PA2023_DYNAMIC_MARKET, Regime.PA2023_OPEN_FRAMEWORK)

CHILD_REFERENCE = "BOL-CHILD-004217"
NEEDS = "Ellie-May needs a small, calm class and daily sensory breaks after her exclusion in Year 4"
POSTCODE = "BL19"
QUESTION = "How would you support Ellie-May's sensory regulation at lunchtime?"
AWARD_REASON = "Ranked first of 3 offers; the family visited and preferred Oakfield"
AWARDED_BY = "j.bloggs@bolton.example"
NOTE = "Agreed by Sam Patel after the annual review: extra 1:1 support for Ellie-May"
APPROVED_BY = "s.patel@bolton.example"
TERMINATION = "Ended by the family after a safeguarding incident at Oakfield"
PRIVATE = (CHILD_REFERENCE, NEEDS, POSTCODE, QUESTION, AWARD_REASON, AWARDED_BY, NOTE, APPROVED_BY, TERMINATION)


# -- realistic rows, no database -----------------------------------------------------------------------


class World(NamedTuple):
    system: m.PurchasingSystem
    lead: m.Authority
    bolton: m.Authority
    lots: list[m.Lot]
    supplier: nr.Supplier
    other: nr.Supplier
    referral: m.Referral
    call_off: m.CallOff
    block: m.CallOff
    amendment: m.FeeAmendment
    admissions: list[nr.Admission]


def world(regime: Regime = Regime.PA2023_DYNAMIC_MARKET, *, mode: ReferralMode = ReferralMode.COMPETITION) -> World:
    system = m.PurchasingSystem(
        id=2,
        title="North West SEND Dynamic Market 2030",
        reference="NW-SEND-DM-2030",
        ocid="ocds-h6vhtk-nwsenddm2030",
        description="A dynamic market for placements in independent and non-maintained special schools.",
        regime=regime,
        admission_mode=AdmissionMode.CONTINUOUS if regime is Regime.PA2023_DYNAMIC_MARKET else AdmissionMode.ROUNDS,
        term_start=dt.date(2026, 2, 1),
        term_end=dt.date(2034, 1, 31),
        lead_authority_id=1,
        activated_at=T0 - dt.timedelta(days=20),
        reopening_dates=None if regime is Regime.PA2023_DYNAMIC_MARKET else ["2028-02-01"],
    )
    lead = m.Authority(id=1, gss_code="E06000049", name="Cheshire East", role=AuthorityRole.LEAD)
    bolton = m.Authority(id=7, gss_code="E08000001", name="Bolton", role=AuthorityRole.MEMBER)
    lots = [
        m.Lot(
            id=11,
            system_id=2,
            code="L1",
            title="Day placements, primary",
            placement_type=PlacementType.DAY,
            weeks_per_year=39,
            age_min=5,
            age_max=11,
            position=0,
        ),
        m.Lot(
            id=12,
            system_id=2,
            code="L5",
            title="Residential placements, 52 weeks",
            placement_type=PlacementType.RESIDENTIAL,
            weeks_per_year=52,
            age_min=8,
            age_max=19,
            position=1,
        ),
    ]
    provider = m.Provider(id=5, legal_name="Oakfield Education Ltd", status=ProviderStatus.ACTIVE)
    identifiers = [
        m.ProviderIdentifier(id=3, provider_id=5, scheme=IdentifierScheme.GB_PPON, identifier="PZBW-1234-ABCD"),
        m.ProviderIdentifier(id=2, provider_id=5, scheme=IdentifierScheme.GB_COH, identifier="04567123"),
    ]
    other = m.Provider(id=6, legal_name="Heathside Trust", status=ProviderStatus.ACTIVE)
    direct = mode is ReferralMode.DIRECT_AWARD
    referral = m.Referral(
        id=417,
        authority_id=7,
        lot_id=11,
        child_reference=CHILD_REFERENCE,
        age_at_start=9,
        nc_year_at_start=4,
        gender=Gender.FEMALE,
        primary_need=NeedCode.ASD,
        secondary_need_1=NeedCode.SEMH,
        home_postcode_district=POSTCODE,
        home_latitude=53.5782,
        home_longitude=-2.4291,
        needs_summary=NEEDS,
        start_by=dt.date(2026, 4, 20),
        offer_deadline=T0 + dt.timedelta(days=10),
        mode=mode,
        direct_award_ground=DirectAwardGround.USER_CHOICE if direct else None,
        quality_questions=[QUESTION],
        quality_weight=60,
        price_weight=40,
        opened_at=T0 - dt.timedelta(days=4),
    )
    fees = WeeklyFees({CostElement.EDUCATION: 123_456, CostElement.THERAPIES: 20_001})
    call_off = m.CallOff(
        id=88,
        reference="NWFPS-CO-000088",
        type=CallOffType.INDIVIDUAL_PLACEMENT,
        authority_id=7,
        provider_id=5,
        establishment_id=31,
        lot_id=11,
        referral_id=417,
        places=1,
        weeks_per_year=39,
        start_date=dt.date(2026, 4, 20),
        end_date=dt.date(2027, 7, 31),
        awarded_at=T0,
        awarded_by=AWARDED_BY,
        award_reason=AWARD_REASON,
        award_working={"summary": AWARD_REASON},
        terminated_at=T0 + dt.timedelta(days=200),
        termination_reason=TERMINATION,
        standstill_ends_at=regimes.DYNAMIC_MARKET.standstill_ends_at(T0),
        entered_into_at=regimes.DYNAMIC_MARKET.standstill_ends_at(T0),
        direct_award_ground=DirectAwardGround.USER_CHOICE if direct else None,
        **fees.columns(),
    )
    block = m.CallOff(
        id=89,
        reference="NWFPS-CO-000089",
        type=CallOffType.BLOCK,
        authority_id=1,
        provider_id=5,
        establishment_id=31,
        lot_id=12,
        referral_id=None,
        places=4,
        weeks_per_year=52,
        start_date=dt.date(2026, 5, 1),
        end_date=None,
        awarded_at=T0,
        standstill_ends_at=regimes.DYNAMIC_MARKET.standstill_ends_at(T0),
        entered_into_at=None,
        **WeeklyFees({CostElement.EDUCATION: 100_000, CostElement.CARE: 150_000}).columns(),
    )
    amendment = m.FeeAmendment(
        id=901,
        call_off_id=88,
        effective_from=dt.date(2026, 9, 1),
        reason=AmendmentReason.NEEDS_CHANGE,
        note=NOTE,
        agreed_at=T0 + dt.timedelta(days=90),
        approved_by=APPROVED_BY,
        **fees.columns("before_"),
        **WeeklyFees({CostElement.EDUCATION: 150_000, CostElement.THERAPIES: 20_001}).columns("after_"),
    )
    admissions = [
        nr.Admission(
            m.LotMembership(id=41, provider_id=5, lot_id=11, since=dt.date(2026, 2, 10), until=None, removed_at=None),
            nr.Supplier(provider, identifiers),
        ),
        nr.Admission(
            m.LotMembership(id=42, provider_id=6, lot_id=12, since=dt.date(2026, 2, 10), removed_at=T0),
            nr.Supplier(other, []),
        ),
    ]
    return World(
        system, lead, bolton, lots, nr.Supplier(provider, identifiers), nr.Supplier(other), referral, call_off, block,
        amendment, admissions,
    )  # fmt: skip


PAYMENTS = nr.PaymentFigures(dt.date(2025, 9, 2), dt.date(2026, 3, 1), 48, 45, Decimal("17.4"))


def facts(w: World, notice_type: NoticeType, **overrides: Any) -> nr.Facts:
    """The facts :func:`api.domain.notices.issue` would load for the notice about ``w``'s placement."""
    given: dict[str, Any] = {
        "notice_type": notice_type,
        "now": T0 + dt.timedelta(days=1),
        "system": w.system,
        "lead": w.lead,
        "lots": w.lots,
    }
    if notice_type in nr.SYSTEM_NOTICES:
        given.update(members=[w.lead, w.bolton], admissions=w.admissions, payments=PAYMENTS)
    else:
        given.update(
            authority=w.bolton,
            lot=w.lots[0],
            referral=w.referral,
            call_off=None if notice_type is NoticeType.TENDER else w.call_off,
            supplier=w.supplier,
            amendment=w.amendment,
        )
    given.update(overrides)
    return nr.Facts(**given)


def cases() -> list[tuple[Regime, NoticeType, ReferralMode]]:
    found = []
    for regime in ACT_REGIMES:
        for notice_type in NoticeType:
            mode = ReferralMode.DIRECT_AWARD if notice_type is NoticeType.TRANSPARENCY else ReferralMode.COMPETITION
            found.append((regime, notice_type, mode))
    return found


def documents(release: dict[str, Any]) -> list[dict[str, Any]]:
    """Every document of the release, wherever it is."""
    found = list(release.get("tender", {}).get("documents", []))
    for section in ("awards", "contracts"):
        for item in release.get(section, []):
            found += item.get("documents", [])
    return found


@pytest.mark.parametrize(("regime", "notice_type", "mode"), cases())
def test_every_notice_type_builds_a_release_valid_against_the_merged_schema(
    regime: Regime, notice_type: NoticeType, mode: ReferralMode
) -> None:
    w = world(regime, mode=mode)
    release = nr.build(facts(w, notice_type))
    assert ocds_schema.problems(release) == []
    [document] = documents(release)
    assert document["noticeType"] == notices.find_a_tender_type(notice_type) == nr.FIND_A_TENDER_TYPES[notice_type]
    assert document["documentType"] == nr.DOCUMENT_TYPES[notice_type]
    assert release["initiationType"] == "tender" and release["language"] == "en"
    assert release["date"] == ocds.stamp(T0 + dt.timedelta(days=1))
    assert release["tender"]["legalBasis"] == regimes.LEGAL_BASIS_PA2023
    assert release["buyer"]["id"].startswith("GB-GSS-")
    parties = {p["id"]: p for p in release["parties"]}
    assert set(parties[release["buyer"]["id"]]["roles"]) >= {"buyer"}
    system = w.system.ocid
    if notice_type in nr.SYSTEM_NOTICES:
        assert release["ocid"] == system and "relatedProcesses" not in release
    else:
        assert release["ocid"] == f"{system}-NWR-000417" == f"{system}-{neutral_reference(w.referral)}"
        assert release["relatedProcesses"] == [
            {"id": "framework", "relationship": ["framework"], "title": w.system.title, "scheme": "ocid",
             "identifier": system}
        ]  # fmt: skip
        assert release["buyer"]["id"] == "GB-GSS-E08000001"
    if "techniques" in release["tender"]:
        techniques = release["tender"]["techniques"]
        if regime is Regime.PA2023_DYNAMIC_MARKET:
            assert techniques["hasDynamicPurchasingSystem"] is True
        else:
            assert techniques["hasFrameworkAgreement"] is True
            assert techniques["frameworkAgreement"]["isOpenFrameworkScheme"] is True
        assert release["tender"]["specialRegime"] == ["lightTouch"]
    for party in release["parties"]:
        assert set(party["roles"]) <= {"buyer", "procuringEntity", "supplier", "removedSupplier"}


def test_each_notice_carries_what_find_a_tender_reads_of_it() -> None:
    w = world()
    annual = {"amount": 55948.23, "currency": "GBP"}  # (123,456 + 20,001) pence × 39 weeks
    award = nr.build(facts(w, NoticeType.CONTRACT_AWARD))
    assert award["tag"] == ["award", "contract"]
    [a] = award["awards"]
    assert a["status"] == "pending" and a["value"] == annual and a["relatedLots"] == ["L1"]
    assert a["date"] == ocds.stamp(T0)
    assert a["standstillPeriod"] == {"startDate": ocds.stamp(T0), "endDate": ocds.stamp(w.call_off.standstill_ends_at)}
    assert a["suppliers"] == [{"id": "GB-COH-04567123", "name": "Oakfield Education Ltd"}]
    supplier = next(p for p in award["parties"] if p["id"] == "GB-COH-04567123")
    assert supplier["additionalIdentifiers"] == [
        {"scheme": "GB-PPON", "id": "PZBW-1234-ABCD", "legalName": "Oakfield Education Ltd"}
    ]
    assert award["contracts"][0]["status"] == "pending" and award["contracts"][0]["awardID"] == a["id"]
    details = nr.build(facts(w, NoticeType.CONTRACT_DETAILS))
    [contract] = details["contracts"]
    assert contract["status"] == "active" and contract["value"] == annual
    assert contract["dateSigned"] == ocds.stamp(w.call_off.entered_into_at)
    assert contract["period"] == {"startDate": "2026-04-20T00:00:00Z", "endDate": "2027-07-31T23:59:59Z"}
    change = nr.build(facts(w, NoticeType.CONTRACT_CHANGE))
    assert change["tag"] == ["contractAmendment"]
    [contract] = change["contracts"]
    [amendment] = contract["amendments"]
    assert contract["value"] == amendment["value"] == {"amount": 66300.39, "currency": "GBP"}
    assert amendment["rationale"] == ocds.RATIONALE[AmendmentReason.NEEDS_CHANGE]
    assert amendment["rationaleClassifications"][0]["id"] == "NEEDS_CHANGE"
    ended = nr.build(facts(w, NoticeType.CONTRACT_TERMINATION))
    assert ended["tag"] == ["contractTermination"] and ended["contracts"][0]["status"] == "terminated"
    assert set(ended["contracts"][0]) == {"id", "awardID", "status", "period", "documents"}
    tender = nr.build(facts(w, NoticeType.TENDER))
    assert tender["tag"] == ["tender"] and tender["tender"]["procurementMethod"] == "selective"
    assert tender["tender"]["tenderPeriod"]["endDate"] == ocds.stamp(w.referral.offer_deadline)
    d = world(mode=ReferralMode.DIRECT_AWARD)
    transparency = nr.build(facts(d, NoticeType.TRANSPARENCY, call_off=None))
    assert transparency["tender"]["procurementMethod"] == "direct"
    basis = transparency["tender"]["procurementMethodRationaleLegalBasis"]
    assert basis["id"] == "2023/54/schedule/5/paragraph/15" and basis["scheme"] == "UKPGA"
    assert transparency["awards"][0]["suppliers"][0]["id"] == "GB-COH-04567123"
    # dynamic market notices list the admitted suppliers as awards; a removed one is cancelled
    established = nr.build(facts(w, NoticeType.DYNAMIC_MARKET_ESTABLISHMENT))
    statuses = {x["id"]: x["status"] for x in established["awards"]}
    assert statuses == {"admission-41": "active", "admission-42": "cancelled"}
    assert "removedSupplier" in next(p for p in established["parties"] if p["name"] == "Heathside Trust")["roles"]
    intention = nr.build(facts(w, NoticeType.DYNAMIC_MARKET_INTENTION))
    assert intention["tender"]["techniques"]["dynamicPurchasingSystem"] == {"type": "open", "status": "pending"}
    ceased = nr.build(facts(w, NoticeType.DYNAMIC_MARKET_CESSATION))
    assert ceased["tender"]["status"] == "complete"
    payments = nr.build(facts(w, NoticeType.PAYMENTS_COMPLIANCE))
    assert "45 of them within 30 days" in documents(payments)[0]["description"]


def test_a_block_contract_is_its_own_process_named_by_its_reference() -> None:
    w = world()
    release = nr.build(facts(w, NoticeType.CONTRACT_AWARD, call_off=w.block, referral=None, authority=w.lead))
    assert release["ocid"] == ocds.call_off_ocid(w.system.ocid, "NWFPS-CO-000089")
    assert release["awards"][0]["value"] == {"amount": 520000, "currency": "GBP"}  # 2,500 a week × 52 × 4 places
    assert ocds_schema.problems(release) == []
    with pytest.raises(ValueError, match="named by the referral"):
        nr.process_ocid(w.system, referral=None, call_off=w.call_off)


def test_no_child_or_staff_detail_is_in_any_notice() -> None:
    for regime, notice_type, mode in cases():
        w = world(regime, mode=mode)
        text = json.dumps(nr.build(facts(w, notice_type)))
        for value in PRIVATE:
            assert value not in text, (notice_type, value)
            assert value[:20] not in text, (notice_type, value)
        assert "Ellie" not in text and "53.578" not in text and "-2.429" not in text
        assert not re.search(r"\b(ASD|SEMH|FEMALE)\b", text), notice_type


def test_release_ids_are_unique_and_regimes_without_notices_are_refused() -> None:
    w = world()
    ids = {nr.release_id(facts(w, t)) for t in NoticeType}
    assert len(ids) == len(NoticeType)
    one = facts(w, NoticeType.CONTRACT_AWARD)
    assert nr.release_id(one) != nr.release_id(nr.Facts(**{**one.__dict__, "sequence": 1}))
    assert all(len(i) <= 160 for i in ids)
    pcr = world(Regime.PCR2015_LIGHT_TOUCH)
    with pytest.raises(ValueError, match="no Procurement Act notices"):
        nr.build(facts(pcr, NoticeType.CONTRACT_AWARD))
    with pytest.raises(ValueError, match="about a call-off"):
        nr.build(facts(w, NoticeType.CONTRACT_DETAILS, call_off=None))


def test_status_follows_the_times() -> None:
    notice = m.ProcurementNotice(created_at=T0)
    assert notices.status(notice) is NoticeStatus.DRAFT
    notice.queued_at = T0
    assert notices.status(notice) is NoticeStatus.QUEUED
    notice.failed_at = T0
    assert notices.status(notice) is NoticeStatus.FAILED
    notice.failed_at, notice.published_at = None, T0
    assert notices.status(notice) is NoticeStatus.PUBLISHED
    assert [notices.find_a_tender_type(t) for t in NoticeType] == [
        "UK13", "UK14", "UK15", "UK16", "UK4", "UK5", "UK6", "UK7", "UK17", "UK10", "UK11"
    ]  # fmt: skip


# -- issued into the demo, read and sent again over HTTP ---------------------------------------------------


class Issued(NamedTuple):
    api: WritableApi
    system_id: int
    call_off_id: int
    referral_id: int
    authority_id: int
    """The call-off's authority: Cheshire East, the lead authority."""
    other_id: int
    """Another member authority."""
    award: int
    """The contract award notice of the call-off (QUEUED)."""
    market: int
    """The system's establishment notice (QUEUED)."""


async def _run(url: str, work: Callable[[Any], Any]) -> Any:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            out = await work(session)
            await session.commit()
            return out
    finally:
        await engine.dispose()


def run(api: WritableApi, work: Callable[[Any], Any]) -> Any:
    return asyncio.run(_run(api.app.state.settings.database_url, work))


async def _issue(session: Any, notice_type: NoticeType, *, call_off_id: int | None, system_id: int) -> int:
    system = await session.get(m.PurchasingSystem, system_id)
    call_off = await session.get(m.CallOff, call_off_id) if call_off_id is not None else None
    notice = await notices.issue(session, now=DEMO_NOW, notice_type=notice_type, system=system, call_off=call_off)
    return notice.id


@pytest.fixture(scope="module")
def issued(writable: WritableApi) -> Issued:
    """The demo's system under the Procurement Act (a dynamic market), with notices issued for a Cheshire East
    placement and for the market."""
    api = writable
    api.at(DEMO_NOW)

    async def setup(session: Any) -> tuple[int, int, int, int, int]:
        lead = await session.scalar(select(m.Authority).where(m.Authority.gss_code == "E06000049"))
        other = await session.scalar(select(m.Authority).where(m.Authority.gss_code == "E08000001"))
        call_off = await session.scalar(
            select(m.CallOff)
            .where(m.CallOff.authority_id == lead.id, m.CallOff.referral_id.is_not(None))
            .order_by(m.CallOff.id)
            .limit(1)
        )
        lot = await session.get(m.Lot, call_off.lot_id)
        await session.execute(
            update(m.PurchasingSystem)
            .where(m.PurchasingSystem.id == lot.system_id)
            .values(regime=Regime.PA2023_DYNAMIC_MARKET)
        )
        return lot.system_id, call_off.id, call_off.referral_id, lead.id, other.id

    system_id, call_off_id, referral_id, authority_id, other_id = run(api, setup)
    award = run(api, lambda s: _issue(s, NoticeType.CONTRACT_AWARD, call_off_id=call_off_id, system_id=system_id))
    market = run(
        api, lambda s: _issue(s, NoticeType.DYNAMIC_MARKET_ESTABLISHMENT, call_off_id=None, system_id=system_id)
    )
    return Issued(api, system_id, call_off_id, referral_id, authority_id, other_id, award, market)


def gid(notice_id: int) -> str:
    return to_global_id("ProcurementNotice", notice_id)


NOTICE = """id noticeType findATenderType status ocid releaseId release problems createdAt queuedAt publishedAt
  failedAt findATenderNoticeId lastError system { id ocid }"""
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on ProcurementNotice {{ {NOTICE} }} }} }}"
PUBLISH = """mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { __typename
  ... on MutationError { code message field } ... on ValidationError { problems { message field } }
  ... on PublishNoticePayload { notice { id status queuedAt problems } } } }"""


def tokens(i: Issued) -> dict[str, str]:
    api = i.api
    return {
        "auditor": api.token(Role.AUDITOR),
        "lead": api.token(Role.LEAD_ADMIN, authority_id=i.authority_id, subject="lead.notices"),
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=i.authority_id, subject="ce.notices"),
        "other": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=i.other_id, subject="bolton.notices"),
    }


async def _private(session: Any, referral_id: int, call_off_id: int) -> list[str]:
    referral = await session.get(m.Referral, referral_id)
    call_off = await session.get(m.CallOff, call_off_id)
    values = [referral.child_reference, referral.needs_summary, *referral.quality_questions]
    values += [call_off.award_reason or "", call_off.awarded_by or ""]
    return [v for v in values if v and len(v) >= 4]


def test_an_issued_notice_is_valid_stored_and_queued_with_its_outbox_row(issued: Issued) -> None:
    i = issued
    auditor = tokens(i)["auditor"]
    notice = i.api.gql(NODE, {"id": gid(i.award)}, token=auditor)["node"]
    assert notice["noticeType"] == "CONTRACT_AWARD" and notice["findATenderType"] == "UK6"
    assert notice["status"] == "QUEUED" and notice["problems"] == []
    release = notice["release"]
    assert release["id"] == notice["releaseId"] and ocds_schema.problems(release) == []
    assert notice["ocid"] == release["ocid"] == f"{notice['system']['ocid']}-NWR-{i.referral_id:06d}"
    text = json.dumps(release)
    for value in run(i.api, lambda s: _private(s, i.referral_id, i.call_off_id)):
        assert value not in text, value

    async def outbox(session: Any) -> list[Any]:
        n = m.Notification
        rows = await session.execute(
            select(n.channel, n.payload).where(n.subject_type == "ProcurementNotice", n.subject_id == i.award)
        )
        return list(rows)

    [(channel, payload)] = run(i.api, outbox)
    assert channel == notices.FIND_A_TENDER and payload["releaseId"] == release["id"]
    market = i.api.gql(NODE, {"id": gid(i.market)}, token=auditor)["node"]
    assert market["status"] == "QUEUED" and market["ocid"] == market["system"]["ocid"]
    assert market["release"]["awards"]


def test_every_notice_type_issued_from_the_demo_validates_and_is_queued(issued: Issued) -> None:
    i = issued

    async def go(session: Any) -> list[tuple[NoticeType, str, list[str] | None, bool]]:
        system = await session.get(m.PurchasingSystem, i.system_id)
        amended = await session.scalar(
            select(m.CallOff)
            .join(m.FeeAmendment, m.FeeAmendment.call_off_id == m.CallOff.id)
            .join(m.Lot, m.Lot.id == m.CallOff.lot_id)
            .where(m.Lot.system_id == i.system_id, m.CallOff.referral_id.is_not(None))
            .order_by(m.CallOff.id)
            .limit(1)
        )
        block = await session.scalar(
            select(m.CallOff)
            .join(m.Lot, m.Lot.id == m.CallOff.lot_id)
            .where(m.Lot.system_id == i.system_id, m.CallOff.referral_id.is_(None))
            .order_by(m.CallOff.id)
            .limit(1)
        )
        referral = await session.get(m.Referral, amended.referral_id)
        out = []
        for notice_type in NoticeType:
            given: dict[str, Any] = {}
            if notice_type is NoticeType.TENDER:
                given = {"referral": referral}
            elif notice_type not in nr.SYSTEM_NOTICES:
                given = {"call_off": amended}
            notice = await notices.issue(session, now=DEMO_NOW, notice_type=notice_type, system=system, **given)
            out.append((notice_type, notice.ocid, notice.problems, notice.queued_at is not None))
        if block is not None:
            notice = await notices.issue(
                session, now=DEMO_NOW, notice_type=NoticeType.CONTRACT_DETAILS, system=system, call_off=block
            )
            out.append((NoticeType.CONTRACT_DETAILS, notice.ocid, notice.problems, notice.queued_at is not None))
            assert notice.ocid == ocds.call_off_ocid(system.ocid, block.reference)
        return out

    found = run(i.api, go)
    assert len(found) >= len(NoticeType)
    for notice_type, ocid, problems, queued in found:
        assert problems is None and queued, (notice_type, problems)
        assert ("-NWR-" in ocid or "-NWFPS-CO-" in ocid) == (notice_type not in nr.SYSTEM_NOTICES), ocid


def test_two_notices_of_one_kind_at_one_moment_get_their_own_release_ids(issued: Issued) -> None:
    i = issued
    again = run(i.api, lambda s: _issue(s, NoticeType.CONTRACT_AWARD, call_off_id=i.call_off_id, system_id=i.system_id))
    ids = run(
        i.api,
        lambda s: _scalars(
            s, select(m.ProcurementNotice.release_id).where(m.ProcurementNotice.id.in_([i.award, again]))
        ),
    )
    assert len(set(ids)) == 2 and any(x.endswith("-1") for x in ids)


async def _scalars(session: Any, stmt: Any) -> list[Any]:
    return list(await session.scalars(stmt))


def test_a_notice_that_does_not_validate_stays_a_draft_and_is_not_queued(
    issued: Issued, monkeypatch: pytest.MonkeyPatch
) -> None:
    i = issued
    build = nr.build

    def broken(f: nr.Facts) -> dict[str, Any]:
        release = build(f)
        release["awards"][0]["value"]["amount"] = "a lot"
        return release

    monkeypatch.setattr(nr, "build", broken)
    draft = run(i.api, lambda s: _issue(s, NoticeType.CONTRACT_AWARD, call_off_id=i.call_off_id, system_id=i.system_id))
    notice = i.api.gql(NODE, {"id": gid(draft)}, token=tokens(i)["auditor"])["node"]
    assert notice["status"] == "DRAFT" and notice["queuedAt"] is None
    assert notice["problems"] == ["release.awards[0].value.amount: 'a lot' is not of type 'number', 'null'"]
    outbox = run(
        i.api,
        lambda s: _scalars(
            s,
            select(func.count())
            .select_from(m.Notification)
            .where(m.Notification.subject_type == "ProcurementNotice", m.Notification.subject_id == draft),
        ),
    )
    assert outbox == [0]


def _state(i: Issued, notice_type: NoticeType, *, call_off: bool, **values: Any) -> int:
    """A new notice of the call-off (or the system), set straight in the database to a state."""
    notice_id = run(
        i.api,
        lambda s: _issue(s, notice_type, call_off_id=i.call_off_id if call_off else None, system_id=i.system_id),
    )

    async def change(session: Any) -> None:
        row = await session.get(m.ProcurementNotice, notice_id)
        release = values.pop("release", None)
        if release is not None:
            row.release = release(copy.deepcopy(row.release))
        for name, value in values.items():
            setattr(row, name, value)

    run(i.api, change)
    return notice_id


def publish(i: Issued, notice_id: int, token: str) -> dict[str, Any]:
    return i.api.gql(PUBLISH, {"input": {"notice": gid(notice_id)}}, token=token)["publishNotice"]


def test_publishing_again_queues_a_valid_draft_or_a_failed_notice_and_nothing_else(issued: Issued) -> None:
    i = issued
    t = tokens(i)
    later = DEMO_NOW - dt.timedelta(hours=1)

    def spoil(release: dict[str, Any]) -> dict[str, Any]:
        release["date"] = "yesterday"
        return release

    bad = _state(i, NoticeType.CONTRACT_DETAILS, call_off=True, release=spoil, queued_at=None, problems=["x"])
    refused = publish(i, bad, t["commissioner"])
    assert refused["__typename"] == "ValidationError" and refused["field"] == "input.notice"
    assert refused["problems"] == [
        {"message": "release.date: 'yesterday' is not a 'date-time'", "field": "input.notice"}
    ]
    stale = _state(i, NoticeType.CONTRACT_DETAILS, call_off=True, queued_at=None, problems=["release.x: stale"])
    done = publish(i, stale, t["commissioner"])
    assert done["__typename"] == "PublishNoticePayload", done
    assert done["notice"]["status"] == "QUEUED" and done["notice"]["problems"] == []
    failed = _state(i, NoticeType.CONTRACT_TERMINATION, call_off=True, queued_at=later, failed_at=later,
                    last_error="Find a Tender: 400 Bad Request")  # fmt: skip
    done = publish(i, failed, t["commissioner"])
    assert done["__typename"] == "PublishNoticePayload" and done["notice"]["status"] == "QUEUED"
    published = _state(i, NoticeType.CONTRACT_DETAILS, call_off=True, queued_at=later, published_at=DEMO_NOW,
                       fts_notice_id="012345-2026")  # fmt: skip
    for notice_id in (i.award, published, failed):
        refusal = publish(i, notice_id, t["commissioner"])
        assert refusal["__typename"] == "InvalidTransition" and refusal["field"] == "input.notice", refusal
    events = i.api.gql(
        "query($id: ID!) { auditEvents(first: 10, filter: {entity: $id}) { nodes { action } } }",
        {"id": gid(stale)},
        token=t["auditor"],
    )["auditEvents"]["nodes"]
    assert [e["action"] for e in events] == ["procurementNotice.queued"]
    # the system's notices are the lead authority's; a call-off's, its authority's commissioner's
    market_failed = _state(i, NoticeType.DYNAMIC_MARKET_MODIFICATION, call_off=False, queued_at=later,
                           failed_at=later, last_error="timeout")  # fmt: skip
    assert publish(i, market_failed, t["commissioner"])["__typename"] == "Forbidden"
    assert publish(i, failed, t["lead"])["__typename"] in ("Forbidden", "InvalidTransition")
    lead_call_off = _state(i, NoticeType.CONTRACT_DETAILS, call_off=True, queued_at=later, failed_at=later,
                           last_error="timeout")  # fmt: skip
    assert publish(i, lead_call_off, t["lead"])["__typename"] == "Forbidden"
    assert publish(i, lead_call_off, t["other"])["__typename"] == "NotFound"
    assert publish(i, market_failed, t["other"])["__typename"] == "Forbidden"
    assert publish(i, market_failed, t["lead"])["__typename"] == "PublishNoticePayload"


LIST = """query($f: ProcurementNoticeFilter) { procurementNotices(first: 100, filter: $f) { totalCount
  nodes { id noticeType status } } }"""
CALL_OFF_NOTICES = "query($id: ID!) { node(id: $id) { ... on CallOff { notices { id findATenderType } } } }"
SYSTEM_NOTICES = "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { notices { id noticeType } } } }"


def test_a_call_off_notice_is_seen_only_where_the_call_off_is(issued: Issued) -> None:
    i = issued
    t = tokens(i)
    award, market = gid(i.award), gid(i.market)
    system = to_global_id("PurchasingSystem", i.system_id)
    call_off = to_global_id("CallOff", i.call_off_id)
    # another authority's commissioner: not by node, nodes, the list or the call-off
    errors = i.api.errors(NODE, {"id": award}, token=t["other"])
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    response = i.api.post(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [market, award]}, token=t["other"]
    ).json()
    assert response["data"]["nodes"][0] == {"id": market} and response["data"]["nodes"][1] is None
    assert [e["path"] for e in response["errors"]] == [["nodes", 1]]
    for token in (t["other"], None):
        seen = {n["id"] for n in i.api.gql(LIST, {"f": {"system": system}}, token=token)["procurementNotices"]["nodes"]}
        assert market in seen and award not in seen
        assert award not in {n["id"] for n in i.api.gql(SYSTEM_NOTICES, {"id": system}, token=token)["node"]["notices"]}
        assert i.api.gql(LIST, {"f": {"callOff": call_off}}, token=token)["procurementNotices"]["totalCount"] == 0
    assert i.api.errors(CALL_OFF_NOTICES, {"id": call_off}, token=t["other"])[0]["extensions"]["code"] == "NOT_FOUND"
    # its own authority and auditors see it every way
    for token in (t["commissioner"], t["auditor"]):
        assert i.api.gql(NODE, {"id": award}, token=token)["node"]["id"] == award
        listed = i.api.gql(CALL_OFF_NOTICES, {"id": call_off}, token=token)["node"]["notices"]
        assert award in {n["id"] for n in listed} and {n["findATenderType"] for n in listed} >= {"UK6"}
        found = i.api.gql(LIST, {"f": {"callOff": call_off, "noticeType": "CONTRACT_AWARD"}}, token=token)
        assert award in {n["id"] for n in found["procurementNotices"]["nodes"]}
    # the system's own notices are public
    assert i.api.gql(NODE, {"id": market})["node"]["id"] == market
    queued = i.api.gql(LIST, {"f": {"system": system, "status": "QUEUED"}})["procurementNotices"]["nodes"]
    assert market in {n["id"] for n in queued} and all(n["status"] == "QUEUED" for n in queued)


def test_the_visibility_rule_follows_the_call_off_and_the_referral() -> None:
    """The rule as SQL: a lead authority's administrator sees every call-off, so the rule asks only about the
    referral: without the scope that reads referrals, only notices naming none; with it, its own authority's."""
    from api.domain.visibility import visible

    def lead(*scopes: str) -> Actor:
        return Actor(subject="lead", roles=frozenset({Role.LEAD_ADMIN}), scopes=frozenset(scopes), authority_id=1)

    assert (
        str(visible(m.ProcurementNotice, lead("calloffs:read"), DEMO_NOW)) == "procurement_notice.referral_id IS NULL"
    )
    both = str(visible(m.ProcurementNotice, lead("calloffs:read", "referrals:read"), DEMO_NOW))
    assert "referral.authority_id" in both and "call_off" not in both
    provider = Actor(
        subject="p", roles=frozenset({Role.PROVIDER_USER}), scopes=frozenset({"calloffs:read"}), provider_id=3
    )
    assert "call_off.provider_id" in str(visible(m.ProcurementNotice, provider, DEMO_NOW))
    auditor = Actor(subject="a", roles=frozenset({Role.AUDITOR}))
    assert str(visible(m.ProcurementNotice, auditor, DEMO_NOW)) == "true"
