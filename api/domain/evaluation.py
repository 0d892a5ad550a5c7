"""Evaluation, moderation and decisions on bids, ending in lot membership.

Rounds mode: after the deadline, assigned evaluators mark each bid lot on
every question; the lead authority moderates each bid lot to an agreed
score with a rationale and decides it, with feedback and an evaluation
report; the decisions are published together when the round enters its
standstill; after the standstill the round concludes and every admitted bid
lot becomes an ACTIVE lot membership, its pricing schedule the rate card.

Continuous mode (dynamic market): applications are decided one by one, each
within the system's decision period, and take effect at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notices, notifications, regimes
from api.domain import status as st
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.exclusions import ensure_not_excluded
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.versions import expect_version
from api.domain.wording import moment
from db import models as m
from db.enums import AdmissionMode, DocumentType, LotDecision, NoticeType, QuestionKind, UserRole


@dataclass(frozen=True)
class Mark:
    """An evaluator's or moderator's mark on one question."""

    question_id: int
    score: int | None = None
    passed: bool | None = None
    comment: str | None = None


@dataclass(frozen=True)
class BidLotContext:
    """A bid lot with its bid, round and purchasing system."""

    bid_lot: m.BidLot
    bid: m.Bid
    round: m.ApplicationRound
    system: m.PurchasingSystem

    @property
    def continuous(self) -> bool:
        return self.system.admission_mode is AdmissionMode.CONTINUOUS


def decision_published(round_: m.ApplicationRound, system: m.PurchasingSystem, bid_lot: m.BidLot) -> bool:
    """Whether a bid lot's decision may be shown to the bidder.

    Decisions of a round are published together when it enters standstill,
    never one by one; in continuous admission each decision stands alone.
    """
    if bid_lot.decided_at is None:
        return False
    if system.admission_mode is AdmissionMode.CONTINUOUS:
        return True
    return round_.decisions_issued_at is not None


def _lead(actor: Actor) -> None:
    if not actor.has_role(Role.LEAD_ADMIN):
        raise Forbidden("Only the lead authority does this")


async def _round(session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int) -> m.ApplicationRound:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.ApplicationRound, ids=[round_id])).get(round_id)
    if found is None:
        raise NotFound("No round with this ID exists", field="input.round")
    return found


async def _bid_lot(session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_lot_id: int) -> BidLotContext:
    bid_lot = (await rows_by_id(session, actor=actor, now=now, model=m.BidLot, ids=[bid_lot_id])).get(bid_lot_id)
    if bid_lot is None:
        raise NotFound("No bid lot with this ID exists, or you may not see it", field="input.bidLot")
    bid = await session.get(m.Bid, bid_lot.bid_id)
    assert bid is not None
    round_ = await session.get(m.ApplicationRound, bid.round_id)
    assert round_ is not None
    system = await session.get(m.PurchasingSystem, round_.system_id)
    assert system is not None
    return BidLotContext(bid_lot, bid, round_, system)


def _under_evaluation(ctx: BidLotContext, now: dt.datetime) -> None:
    """Evaluation happens after the deadline (rounds) and before decisions are published."""
    if st.bid_status(ctx.bid) is not st.BidStatus.SUBMITTED:
        raise InvalidTransition("Only submitted bids are evaluated")
    if not ctx.continuous and now < ctx.round.closes_at:
        raise InvalidTransition("Bids are sealed until the round closes")
    if decision_published(ctx.round, ctx.system, ctx.bid_lot) or ctx.round.decisions_issued_at is not None:
        raise InvalidTransition("The decisions have been published; the evaluation is closed")
    if ctx.round.cancelled_at is not None:
        raise InvalidTransition("The round was cancelled")


async def _questions(session: AsyncSession, round_id: int) -> list[m.RoundQuestion]:
    return list(
        await session.scalars(
            select(m.RoundQuestion).where(m.RoundQuestion.round_id == round_id).order_by(m.RoundQuestion.number)
        )
    )


async def assign_evaluators(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, evaluators: Sequence[str]
) -> m.ApplicationRound:
    """Set who evaluates a round: active built-in EVALUATOR users, none tied to a provider."""
    _lead(actor)
    round_ = await _round(session, actor=actor, now=now, round_id=round_id)
    if round_.decisions_issued_at is not None or round_.cancelled_at is not None:
        raise InvalidTransition("Evaluators can no longer change: the decisions are out or the round is cancelled")
    wanted = sorted(set(evaluators))
    if not wanted:
        raise ValidationError("Name at least one evaluator", field="input.evaluators")
    users = {u.username: u for u in await session.scalars(select(m.User).where(m.User.username.in_(wanted)))}
    for index, name in enumerate(evaluators):
        user = users.get(name)
        if user is None or not user.active:
            raise ValidationError(f"No active user is called {name}", field=f"input.evaluators[{index}]")
        if user.role is not UserRole.EVALUATOR or user.provider_id is not None:
            raise ValidationError(
                f"{name} is not an evaluator independent of the bidders", field=f"input.evaluators[{index}]"
            )
    current = list(await session.scalars(select(m.RoundEvaluator).where(m.RoundEvaluator.round_id == round_id)))
    before = sorted(e.evaluator_ref for e in current)
    for row in current:
        if row.evaluator_ref not in wanted:
            await session.delete(row)
    session.add_all(m.RoundEvaluator(round_id=round_id, evaluator_ref=name) for name in wanted if name not in before)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.evaluators_assigned",
        entity_type="ApplicationRound",
        entity_id=round_id,
        diff={"before": before, "after": wanted},
    )
    return round_


async def record_evaluation(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    bid_lot_id: int,
    marks: Sequence[Mark],
    notes: str | None,
) -> m.Evaluation:
    """An assigned evaluator's marks on every question of a bid lot, replacing their earlier ones."""
    if not actor.has_role(Role.EVALUATOR) or actor.subject is None:
        raise Forbidden("Only an assigned evaluator records an evaluation")
    ctx = await _bid_lot(session, actor=actor, now=now, bid_lot_id=bid_lot_id)
    assigned = await session.get(m.RoundEvaluator, (ctx.round.id, actor.subject))
    if assigned is None:
        raise Forbidden("You are not assigned to evaluate this round")
    _under_evaluation(ctx, now)
    questions = await _questions(session, ctx.round.id)
    _check_marks(questions, marks)
    evaluation = await session.scalar(
        select(m.Evaluation).where(m.Evaluation.bid_lot_id == bid_lot_id, m.Evaluation.evaluator_ref == actor.subject)
    )
    if evaluation is None:
        evaluation = m.Evaluation(bid_lot_id=bid_lot_id, evaluator_ref=actor.subject)
        session.add(evaluation)
    else:
        for old in await session.scalars(
            select(m.CriterionScore).where(m.CriterionScore.evaluation_id == evaluation.id)
        ):
            await session.delete(old)
    selection = {q.id for q in questions if q.kind is QuestionKind.SELECTION}
    evaluation.passed = all(mark.passed for mark in marks if mark.question_id in selection)
    evaluation.feedback = notes
    evaluation.completed_at = now
    await session.flush()
    session.add_all(
        m.CriterionScore(
            evaluation_id=evaluation.id,
            question_id=mk.question_id,
            score=mk.score,
            passed=mk.passed,
            comment=mk.comment,
        )
        for mk in marks
    )
    if ctx.round.evaluation_started_at is None and not ctx.continuous:
        ctx.round.evaluation_started_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="bid_lot.evaluated",
        entity_type="BidLot",
        entity_id=bid_lot_id,
        diff={
            "evaluator": actor.subject,
            "passed": evaluation.passed,
            "marks": {mk.question_id: mk.score if mk.score is not None else mk.passed for mk in marks},
        },
    )
    return evaluation


def _check_marks(questions: Sequence[m.RoundQuestion], marks: Sequence[Mark]) -> None:
    """Every one of ``questions`` marked once, each in the way its kind asks."""
    by_id = {q.id: q for q in questions}
    seen: set[int] = set()
    for index, mark in enumerate(marks):
        question = by_id.get(mark.question_id)
        path = f"input.marks[{index}]"
        if question is None:
            raise ValidationError("This question is not one of the round's", field=f"{path}.question")
        if mark.question_id in seen:
            raise ValidationError("Each question is marked once", field=f"{path}.question")
        seen.add(mark.question_id)
        if question.kind is QuestionKind.AWARD:
            if mark.score is None or not 0 <= mark.score <= 5 or mark.passed is not None:
                raise ValidationError("An AWARD question takes a score from 0 to 5", field=f"{path}.score")
        elif mark.passed is None or mark.score is not None:
            raise ValidationError("A SELECTION question is marked pass or fail", field=f"{path}.passed")
    missing = sorted(q.number for q in questions if q.id not in seen)
    if missing:
        raise ValidationError(f"Mark every question; missing: {', '.join(map(str, missing))}", field="input.marks")


async def moderate(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    bid_lot_id: int,
    passed_selection: bool,
    scores: Sequence[Mark],
    rationale: str,
    version: int | None,
) -> m.Moderation:
    """Record the agreed result of a bid lot: selection pass/fail and the agreed AWARD scores."""
    _lead(actor)
    ctx = await _bid_lot(session, actor=actor, now=now, bid_lot_id=bid_lot_id)
    _under_evaluation(ctx, now)
    if not rationale.strip():
        raise ValidationError("Give the rationale for the agreed marks", field="input.rationale")
    completed = await session.scalar(
        select(m.Evaluation.id).where(m.Evaluation.bid_lot_id == bid_lot_id, m.Evaluation.completed_at.is_not(None))
    )
    if completed is None:
        raise InvalidTransition("Moderation needs at least one completed evaluation")
    questions = await _questions(session, ctx.round.id)
    award = [q for q in questions if q.kind is QuestionKind.AWARD]
    if passed_selection:
        _check_marks(award, scores)
        weights = {q.id: q.weight or 0 for q in award}
        score: float | None = round(sum(weights[mk.question_id] * (mk.score or 0) for mk in scores) / 5, 2)
    elif scores:
        raise ValidationError("A bid lot that failed selection is not scored", field="input.scores")
    else:
        score = None
    moderation = await session.scalar(select(m.Moderation).where(m.Moderation.bid_lot_id == bid_lot_id))
    before = None
    if moderation is None:
        moderation = m.Moderation(bid_lot_id=bid_lot_id)
        session.add(moderation)
    else:
        expect_version(moderation, version)
        before = {"passedSelection": moderation.passed_selection, "score": moderation.score}
        for old in await session.scalars(
            select(m.ModeratedScore).where(m.ModeratedScore.moderation_id == moderation.id)
        ):
            await session.delete(old)
    moderation.moderator_ref = actor.reference
    moderation.moderated_at = now
    moderation.rationale = rationale.strip()
    moderation.passed_selection = passed_selection
    moderation.score = score
    await session.flush()
    session.add_all(
        m.ModeratedScore(moderation_id=moderation.id, question_id=mk.question_id, score=mk.score or 0) for mk in scores
    )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="bid_lot.moderated",
        entity_type="BidLot",
        entity_id=bid_lot_id,
        diff={"before": before, "after": {"passedSelection": passed_selection, "score": score}},
    )
    return moderation


async def decide(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    bid_lot_id: int,
    decision: LotDecision,
    feedback: str,
) -> m.BidLot:
    """Decide a moderated bid lot, with feedback, once its evaluation report is attached.

    In rounds mode the decision stays unpublished until the round's decisions
    are issued together; in continuous mode it takes effect at once.
    """
    _lead(actor)
    ctx = await _bid_lot(session, actor=actor, now=now, bid_lot_id=bid_lot_id)
    _under_evaluation(ctx, now)
    if not feedback.strip():
        raise ValidationError("Give the provider feedback on the decision", field="input.feedback")
    moderation = await session.scalar(select(m.Moderation).where(m.Moderation.bid_lot_id == bid_lot_id))
    if moderation is None:
        raise InvalidTransition("Moderate the bid lot before deciding it")
    if decision is LotDecision.ADMITTED and not moderation.passed_selection:
        raise InvalidTransition("A bid lot that failed selection cannot be admitted", field="input.decision")
    report = await session.scalar(
        select(m.Document.id).where(
            m.Document.owner_type == "BidLot",
            m.Document.owner_id == bid_lot_id,
            m.Document.document_type == DocumentType.EVALUATION_REPORT,
            m.Document.uploaded_at.is_not(None),
            m.Document.superseded_at.is_(None),
        )
    )
    if report is None:
        raise InvalidTransition("Attach the evaluation report to the bid lot before deciding it")
    if decision is LotDecision.ADMITTED:
        await ensure_not_excluded(
            session, system=ctx.system, provider_id=ctx.bid.provider_id, today=now.date(), field="input.bidLot"
        )
    before = {"decision": ctx.bid_lot.decision.value if ctx.bid_lot.decision else None}
    ctx.bid_lot.decision = decision
    ctx.bid_lot.decided_at = now
    ctx.bid_lot.feedback = feedback.strip()
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="bid_lot.decided",
        entity_type="BidLot",
        entity_id=bid_lot_id,
        diff={"before": before, "after": {"decision": decision.value}},
    )
    if ctx.continuous and decision is LotDecision.ADMITTED:
        await _admit(session, actor=actor, now=now, ctx=ctx)
    if ctx.continuous:  # each decision stands alone, published at once
        await _tell_bidders(session, now=now, round_=ctx.round, bid_lot_id=ctx.bid_lot.id)
    return ctx.bid_lot


async def issue_decisions(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    round_id: int,
    standstill_ends_at: dt.datetime | None,
    version: int | None,
) -> m.ApplicationRound:
    """Publish every decision of a round together and start the standstill."""
    _lead(actor)
    round_ = await _round(session, actor=actor, now=now, round_id=round_id)
    expect_version(round_, version)
    if round_.cancelled_at is not None or round_.decisions_issued_at is not None:
        raise InvalidTransition("The decisions of this round are already out, or it was cancelled")
    if now < round_.closes_at:
        raise InvalidTransition("The round is still open")
    undecided = await session.scalar(
        select(m.BidLot.id)
        .join(m.Bid, m.Bid.id == m.BidLot.bid_id)
        .where(m.Bid.round_id == round_id, m.Bid.submitted_at.is_not(None), m.Bid.withdrawn_at.is_(None))
        .where(m.BidLot.decision.is_(None))
        .limit(1)
    )
    if undecided is not None:
        raise InvalidTransition("Every bid lot must be decided before the decisions are issued")
    ends = standstill_ends_at or round_.standstill_ends_at
    if ends is None or ends <= now:
        raise ValidationError("The standstill must end in the future", field="input.standstillEndsAt")
    before = {"decisionsIssuedAt": None, "standstillEndsAt": round_.standstill_ends_at}
    round_.decisions_issued_at = now
    round_.standstill_ends_at = ends
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.decisions_issued",
        entity_type="ApplicationRound",
        entity_id=round_id,
        diff={"before": before, "after": {"decisionsIssuedAt": now, "standstillEndsAt": ends}},
    )
    await _tell_bidders(session, now=now, round_=round_)
    return round_


async def _tell_bidders(
    session: AsyncSession, *, now: dt.datetime, round_: m.ApplicationRound, bid_lot_id: int | None = None
) -> None:
    """Tell each bidder (or the one whose bid lot was decided) its own outcome on each lot, and nothing else.

    One message per bid: no bidder learns another's outcome, score or identity. The feedback is the
    lead authority's free text, read in the portal.
    """
    system = await session.get(m.PurchasingSystem, round_.system_id)
    assert system is not None
    b, bl, lot = m.Bid, m.BidLot, m.Lot
    statement = (
        select(b.id, b.provider_id, lot.code, lot.title, bl.decision)
        .join(bl, bl.bid_id == b.id)
        .join(lot, lot.id == bl.lot_id)
        .where(b.round_id == round_.id, b.submitted_at.is_not(None), b.withdrawn_at.is_(None))
        .where(bl.decision.is_not(None))
        .order_by(b.id, lot.position, lot.code)
    )
    if bid_lot_id is not None:
        statement = statement.where(bl.id == bid_lot_id)
    by_bid: dict[tuple[int, int], list[str]] = {}
    for row in await session.execute(statement):
        outcome = "admitted" if row.decision is LotDecision.ADMITTED else "not admitted"
        by_bid.setdefault((row.id, row.provider_id), []).append(f"- lot {row.code} ({row.title}): {outcome}")
    standstill = ""
    if system.admission_mode is not AdmissionMode.CONTINUOUS and round_.standstill_ends_at is not None:
        standstill = f"The standstill period ends at {moment(round_.standstill_ends_at)}.\n\n"
    for (bid, provider_id), lines in by_bid.items():
        await notifications.notify(
            session,
            now=now,
            kind=Kind.DECISIONS_ISSUED,
            to=notifications.To.provider(provider_id),
            subject_type="Bid",
            subject_id=bid,
            payload={
                "round": str(round_.number),
                "system": system.title,
                "bidId": global_id("Bid", bid),
                "outcomes": "\n".join(lines),
                "standstill": standstill,
            },
        )


async def conclude_round(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, version: int | None
) -> list[m.LotMembership]:
    """After the standstill, make every admitted bid lot an ACTIVE lot membership."""
    _lead(actor)
    round_ = await _round(session, actor=actor, now=now, round_id=round_id)
    expect_version(round_, version)
    if round_.concluded_at is not None or round_.cancelled_at is not None:
        raise InvalidTransition("The round is already concluded or was cancelled")
    if round_.decisions_issued_at is None or round_.standstill_ends_at is None:
        raise InvalidTransition("Issue the decisions first")
    if now < round_.standstill_ends_at:
        raise DeadlinePassed(
            "The standstill has not ended yet; conclude the round after it", deadline=round_.standstill_ends_at
        )
    system = await session.get(m.PurchasingSystem, round_.system_id)
    assert system is not None
    admitted = list(
        await session.scalars(
            select(m.BidLot)
            .join(m.Bid, m.Bid.id == m.BidLot.bid_id)
            .where(m.Bid.round_id == round_id, m.Bid.withdrawn_at.is_(None), m.BidLot.decision == LotDecision.ADMITTED)
            .order_by(m.BidLot.id)
        )
    )
    memberships = []
    for bid_lot in admitted:
        bid = await session.get(m.Bid, bid_lot.bid_id)
        assert bid is not None
        memberships.append(await _admit(session, actor=actor, now=now, ctx=BidLotContext(bid_lot, bid, round_, system)))
    round_.concluded_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.concluded",
        entity_type="ApplicationRound",
        entity_id=round_id,
        diff={"memberships": [ms.id for ms in memberships]},
    )
    return memberships


async def _admit(session: AsyncSession, *, actor: Actor, now: dt.datetime, ctx: BidLotContext) -> m.LotMembership:
    """The admitted bid lot as a lot membership; its pricing schedule becomes the rate card."""
    provider_id, lot_id = ctx.bid.provider_id, ctx.bid_lot.lot_id
    await ensure_not_excluded(
        session, system=ctx.system, provider_id=provider_id, today=now.date(), field="input.bidLot"
    )
    current = await session.scalar(
        select(m.LotMembership).where(
            m.LotMembership.provider_id == provider_id,
            m.LotMembership.lot_id == lot_id,
            m.LotMembership.removed_at.is_(None),
        )
    )
    if current is not None:
        current.removed_at = now
        current.removal_reason = f"Replaced by the admission decided in round {ctx.round.number}"
        await session.flush()
    pricing = list(await session.scalars(select(m.PricingLine).where(m.PricingLine.bid_lot_id == ctx.bid_lot.id)))
    membership = m.LotMembership(
        provider_id=provider_id,
        lot_id=lot_id,
        bid_lot_id=ctx.bid_lot.id,
        since=now.date(),
        until=None,
        standard_weekly_fee_pence=m.standard_weekly_total((x.band, x.weekly_fee_pence) for x in pricing),
    )
    session.add(membership)
    await session.flush()
    establishments = await session.scalars(
        select(m.BidLotEstablishment.establishment_id).where(m.BidLotEstablishment.bid_lot_id == ctx.bid_lot.id)
    )
    session.add_all(
        [
            *(m.MembershipEstablishment(membership_id=membership.id, establishment_id=e) for e in establishments),
            *(
                m.RateCardLine(
                    membership_id=membership.id,
                    band=line.band,
                    element=line.element,
                    weekly_fee_pence=line.weekly_fee_pence,
                )
                for line in pricing
            ),
        ]
    )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="membership.admitted",
        entity_type="LotMembership",
        entity_id=membership.id,
        diff={
            "provider": provider_id,
            "lot": lot_id,
            "bidLot": ctx.bid_lot.id,
            "replaces": current.id if current is not None else None,
        },
    )
    modified = regimes.policy_of(ctx.system).market_notice(NoticeType.DYNAMIC_MARKET_MODIFICATION)
    if modified is not None:  # a supplier added to a dynamic market
        await notices.issue(session, now=now, notice_type=modified, system=ctx.system, memberships=[membership])
    return membership


async def overdue_applications(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int | None = None
) -> list[tuple[m.Bid, dt.datetime]]:
    """Applications to a continuous-admission system still undecided past their decision date."""
    _lead(actor)
    rows = await session.execute(
        select(m.Bid, m.PurchasingSystem.decision_period_days)
        .join(m.ApplicationRound, m.ApplicationRound.id == m.Bid.round_id)
        .join(m.PurchasingSystem, m.PurchasingSystem.id == m.ApplicationRound.system_id)
        .where(
            m.PurchasingSystem.admission_mode == AdmissionMode.CONTINUOUS,
            m.Bid.submitted_at.is_not(None),
            m.Bid.withdrawn_at.is_(None),
            m.Bid.id.in_(select(m.BidLot.bid_id).where(m.BidLot.decision.is_(None))),
            *([m.PurchasingSystem.id == system_id] if system_id is not None else []),
        )
        .order_by(m.Bid.submitted_at, m.Bid.id)
    )
    overdue = []
    for bid, days in rows:
        due = bid.submitted_at + dt.timedelta(days=days)
        if due < now:
            overdue.append((bid, due))
    return overdue
