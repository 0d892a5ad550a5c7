"""Bids: a provider's application in a round, from draft to submission or withdrawal.

- A verified, ACTIVE provider starts a DRAFT bid while the round is open. A
  provider has one live (not withdrawn) bid per round.
- While the bid is a draft and the round open, the provider chooses lots,
  each with the establishments offered and a full pricing schedule, and
  answers the round's questions.
- Submitting seals the bid: a submitted bid never changes. To change it the
  provider withdraws it and starts a new bid (optionally copied from the
  withdrawn one), then submits that before the deadline. A withdrawn bid stays
  withdrawn, as the record of what was withdrawn and when.
- From the round's closing time nothing about a bid changes.

Events about a bid record what changed with a digest of the sealed content,
never the content itself. The digest is keyed (HMAC-SHA-256 under a server
secret, :func:`api.domain.audit.keyed_digest`), so it confirms no guessed
price to anyone without the secret; and a bid's history is read only by those
who may read the bid (sealed until the round closes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit
from api.domain import status as st
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.exclusions import ensure_not_excluded
from api.domain.fees import pounds
from api.domain.providers import ensure_may_bid
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text, visible_round, withdrawal_reason
from api.domain.versions import expect_version
from api.domain.wording import cell, words
from db import models as m
from db.enums import CostElement, PlacementType, PricingBand

MAX_WEEKLY_FEE_PENCE = 10_000_000
"""£100,000 a week for one cost element: far above any real fee, well inside the column's range."""
MAX_ESTABLISHMENTS = 50
MAX_ANSWER = 20_000


@dataclass(frozen=True)
class PriceEntry:
    """One line of a pricing schedule: a weekly fee for a band of need and a cost element."""

    band: PricingBand
    element: CostElement
    weekly_fee_pence: int


@dataclass(frozen=True)
class AnswerEntry:
    """A bid's answer to one round question."""

    question_id: int
    answer: str


# -- loading and state ---------------------------------------------------------------


def _provider_of(actor: Actor) -> int:
    provider_id = bidder(actor)
    if provider_id is None:
        raise Forbidden("Only a provider's users prepare its bids")
    return provider_id


def bidder(actor: Actor) -> int | None:
    """The provider whose bids ``actor`` prepares, for a provider's user; None for anyone else."""
    if not actor.has_role(Role.PROVIDER_USER):
        return None
    return actor.provider_id


def own_live_bid(actor: Actor, bids: Iterable[m.Bid]) -> m.Bid | None:
    """The caller's own live bid among ``bids`` (one round's, as the caller may read them): its provider's
    bid that is not withdrawn, a draft or a submitted one.

    A provider has one per round (the index ``uq_bid_one_live_per_provider_round``); were there several,
    the newest (the last made). None for anyone but a provider's user, whatever other bids they may read,
    so that nothing is told of another provider's.
    """
    provider_id = bidder(actor)
    if provider_id is None:
        return None
    live = [bid for bid in bids if bid.provider_id == provider_id and bid.withdrawn_at is None]
    return max(live, key=lambda bid: bid.id, default=None)


async def _check_may_bid(session: AsyncSession, provider_id: int) -> None:
    """Only verified, ACTIVE providers bid."""
    provider = await session.get(m.Provider, provider_id)
    if provider is None:
        raise Forbidden("Your organisation is not registered")
    ensure_may_bid(provider)


async def _own_bid(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int
) -> tuple[m.Bid, m.ApplicationRound]:
    provider_id = _provider_of(actor)
    bid = (await rows_by_id(session, actor=actor, now=now, model=m.Bid, ids=[bid_id])).get(bid_id)
    if bid is None:
        raise NotFound("No bid with this ID exists, or you may not see it", field="input.bid")
    if bid.provider_id != provider_id:
        raise Forbidden("Only the bidding provider changes its bid", field="input.bid")
    round_ = await session.get(m.ApplicationRound, bid.round_id)
    assert round_ is not None
    return bid, round_


def _round_open(round_: m.ApplicationRound, now: dt.datetime) -> None:
    """Bids are made and changed only while the round is open."""
    if round_.cancelled_at is not None:
        raise InvalidTransition("This round was cancelled; it takes no bids")
    if now >= round_.closes_at or round_.concluded_at is not None:
        raise DeadlinePassed("The round has closed; bids can no longer change", deadline=round_.closes_at)
    if now < round_.opens_at:
        raise InvalidTransition("This round is not open for bids yet")


def _draft(bid: m.Bid) -> None:
    status = st.bid_status(bid)
    if status is st.BidStatus.SUBMITTED:
        raise InvalidTransition(
            "This bid is submitted and sealed; it cannot change. Withdraw it and start a new bid to make changes."
        )
    if status is st.BidStatus.WITHDRAWN:
        raise InvalidTransition("This bid was withdrawn; start a new bid to apply again")


async def _editable(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int, version: int | None
) -> tuple[m.Bid, m.ApplicationRound]:
    bid, round_ = await _own_bid(session, actor=actor, now=now, bid_id=bid_id)
    _round_open(round_, now)
    _draft(bid)
    expect_version(bid, version)
    return bid, round_


def _touch(bid: m.Bid, now: dt.datetime) -> None:
    """Mark the bid changed, so that its version moves on with its content."""
    bid.updated_at = now


# -- digests for the audit trail -------------------------------------------------------


def _digest(session: AsyncSession, content: Any) -> str | None:
    """The keyed digest of sealed content; None (no digest) where the server's key is not at hand."""
    return audit.keyed_digest(session, content)


async def _lot_content(session: AsyncSession, bid_lot: m.BidLot) -> dict[str, Any]:
    establishments = sorted(
        await session.scalars(
            select(m.BidLotEstablishment.establishment_id).where(m.BidLotEstablishment.bid_lot_id == bid_lot.id)
        )
    )
    lines = sorted(
        (line.band.value, line.element.value, line.weekly_fee_pence)
        for line in await session.scalars(select(m.PricingLine).where(m.PricingLine.bid_lot_id == bid_lot.id))
    )
    return {"lot": bid_lot.lot_id, "establishments": establishments, "pricing": lines}


def _lot_summary(session: AsyncSession, content: dict[str, Any] | None) -> dict[str, Any] | None:
    if content is None:
        return None
    return {
        "lot": content["lot"],
        "establishments": len(content["establishments"]),
        "pricingLines": len(content["pricing"]),
        "digest": _digest(session, content),
    }


async def _answers_of(session: AsyncSession, bid_id: int) -> dict[int, str]:
    rows = await session.scalars(select(m.BidAnswer).where(m.BidAnswer.bid_id == bid_id))
    return {row.question_id: row.answer for row in rows}


async def _bid_digest(session: AsyncSession, bid: m.Bid) -> str | None:
    lots = [
        await _lot_content(session, bl)
        for bl in await session.scalars(select(m.BidLot).where(m.BidLot.bid_id == bid.id).order_by(m.BidLot.lot_id))
    ]
    answers = sorted((await _answers_of(session, bid.id)).items())
    return _digest(session, {"lots": lots, "answers": answers})


async def _record(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, action: str, bid: m.Bid, diff: dict[str, Any]
) -> None:
    await audit.record(session, actor=actor, now=now, action=action, entity_type="Bid", entity_id=bid.id, diff=diff)


# -- starting, submitting and withdrawing -----------------------------------------------


async def create_bid(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, copy_from_id: int | None = None
) -> m.Bid:
    """A new DRAFT bid of the caller's provider in an open round, optionally copied from a withdrawn one."""
    provider_id = _provider_of(actor)
    round_ = await visible_round(session, actor=actor, now=now, round_id=round_id)
    _round_open(round_, now)
    await _check_may_bid(session, provider_id)
    source = None
    if copy_from_id is not None:
        source = await _copy_source(session, actor=actor, now=now, bid_id=copy_from_id, round_id=round_.id)
    live = await session.scalar(
        select(m.Bid.id).where(
            m.Bid.round_id == round_.id, m.Bid.provider_id == provider_id, m.Bid.withdrawn_at.is_(None)
        )
    )
    if live is not None:
        raise InvalidTransition(
            "Your organisation already has a live bid in this round: change that draft, or withdraw it first",
            field="input.round",
        )
    bid = m.Bid(round_id=round_.id, provider_id=provider_id)
    session.add(bid)
    try:
        await session.flush()
    except IntegrityError as exc:  # another request started one at the same moment
        if "unique" not in str(exc.orig).lower():
            raise
        raise InvalidTransition("Your organisation already has a live bid in this round", field="input.round") from None
    if source is not None:
        await _copy(session, source, bid)
    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.created",
        bid=bid,
        diff={
            "before": None,
            "after": {
                "round": round_.id,
                "provider": provider_id,
                "status": st.BidStatus.DRAFT.value,
                "copiedFrom": copy_from_id,
                "digest": await _bid_digest(session, bid),
            },
        },
    )
    return bid


async def _copy_source(session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int, round_id: int) -> m.Bid:
    source = (await rows_by_id(session, actor=actor, now=now, model=m.Bid, ids=[bid_id])).get(bid_id)
    if source is None or source.provider_id != actor.provider_id:
        raise NotFound("No bid of yours with this ID exists", field="input.copyFrom")
    if source.round_id != round_id or st.bid_status(source) is not st.BidStatus.WITHDRAWN:
        raise ValidationError("Copy only from one of your withdrawn bids in the same round", field="input.copyFrom")
    return source


async def _copy(session: AsyncSession, source: m.Bid, bid: m.Bid) -> None:
    """Copy the lots, establishments, pricing and answers of ``source`` into the new draft ``bid``."""
    for old in list(await session.scalars(select(m.BidLot).where(m.BidLot.bid_id == source.id))):
        new = m.BidLot(bid_id=bid.id, lot_id=old.lot_id)
        session.add(new)
        await session.flush()
        content = await _lot_content(session, old)
        session.add_all(m.BidLotEstablishment(bid_lot_id=new.id, establishment_id=e) for e in content["establishments"])
        session.add_all(
            m.PricingLine(bid_lot_id=new.id, band=PricingBand(b), element=CostElement(e), weekly_fee_pence=fee)
            for b, e, fee in content["pricing"]
        )
    answers = await _answers_of(session, source.id)
    session.add_all(m.BidAnswer(bid_id=bid.id, question_id=q, answer=a) for q, a in answers.items())
    await session.flush()


async def submit_bid(session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int, version: int) -> m.Bid:
    """Submit a complete draft before the deadline. It is sealed and never changes after."""
    bid, round_ = await _own_bid(session, actor=actor, now=now, bid_id=bid_id)
    _round_open(round_, now)
    if st.bid_status(bid) is st.BidStatus.SUBMITTED:
        raise InvalidTransition("This bid is already submitted")
    _draft(bid)
    expect_version(bid, version)
    await _check_may_bid(session, bid.provider_id)
    system = await session.get(m.PurchasingSystem, round_.system_id)
    assert system is not None
    await ensure_not_excluded(session, system=system, provider_id=bid.provider_id, today=now.date(), field="input.bid")
    problems = await _incomplete(session, bid, round_)
    if problems:
        raise InvalidTransition("This bid is not ready to submit: " + "; ".join(problems), field="input.bid")
    bid.submitted_at = now
    await session.flush()  # the version check happens here, before anything else is written
    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.submitted",
        bid=bid,
        diff={
            "before": {"status": st.BidStatus.DRAFT.value, "submittedAt": None},
            "after": {
                "status": st.BidStatus.SUBMITTED.value,
                "submittedAt": now.isoformat(),
                "digest": await _bid_digest(session, bid),
            },
        },
    )
    return bid


async def _incomplete(session: AsyncSession, bid: m.Bid, round_: m.ApplicationRound) -> list[str]:
    """What stands between a draft and its submission, in words."""
    problems: list[str] = []
    bid_lots = list(await session.scalars(select(m.BidLot).where(m.BidLot.bid_id == bid.id)))
    if not bid_lots:
        problems.append("choose at least one lot, with its establishments and pricing schedule")
    lots = {
        lot.id: lot for lot in await session.scalars(select(m.Lot).where(m.Lot.id.in_([b.lot_id for b in bid_lots])))
    }
    for bid_lot in sorted(bid_lots, key=lambda b: lots[b.lot_id].position):
        content = await _lot_content(session, bid_lot)
        lot = lots[bid_lot.lot_id]
        if not content["establishments"]:
            problems.append(f"offer at least one establishment for lot {lot.code}")
        priced = [PriceEntry(PricingBand(b), CostElement(e), fee) for b, e, fee in content["pricing"]]
        missing = _missing_cells(priced)
        if not priced or missing:
            cells = f" (the weekly fee for {'; '.join(cell(b, e) for b, e in missing)})" if missing else ""
            problems.append(f"complete the pricing schedule for lot {lot.code}{cells}")
    questions = list(
        await session.scalars(
            select(m.RoundQuestion).where(m.RoundQuestion.round_id == round_.id).order_by(m.RoundQuestion.number)
        )
    )
    answered = await _answers_of(session, bid.id)
    unanswered = [str(q.number) for q in questions if q.id not in answered]
    if unanswered:
        problems.append("answer question" + ("s " if len(unanswered) > 1 else " ") + ", ".join(unanswered))
    return problems


async def withdraw_bid(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int, version: int, reason: str
) -> m.Bid:
    """Withdraw a draft or submitted bid while the round is open, saying why. A withdrawn bid stays withdrawn.

    The round's and the bid's state and the version are settled first, each
    refusing at once; then the reason is checked (``input.reason``). The
    reason is read by those who may read the bid: the provider, and once the
    bid is no longer sealed the lead authority and auditors.
    """
    bid, round_ = await _own_bid(session, actor=actor, now=now, bid_id=bid_id)
    _round_open(round_, now)
    before = st.bid_status(bid)
    if before is st.BidStatus.WITHDRAWN:
        raise InvalidTransition("This bid is already withdrawn")
    expect_version(bid, version)
    problems = Problems()
    why = withdrawal_reason(problems, reason)
    problems.settle()
    assert why is not None
    bid.withdrawn_at, bid.withdrawal_reason = now, why
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.withdrawn",
        bid=bid,
        diff={
            "before": {"status": before.value},
            "after": {"status": st.BidStatus.WITHDRAWN.value, "withdrawalReason": why},
        },
    )
    return bid


# -- the content of a draft ----------------------------------------------------------------


async def set_bid_lot(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    bid_id: int,
    version: int | None,
    lot_id: int,
    establishment_ids: Sequence[int],
    pricing: Sequence[PriceEntry],
) -> tuple[m.Bid, m.BidLot]:
    """Bid for a lot, or replace what the bid offers for it: the establishments and the whole pricing schedule.

    Every establishment and every cell of the schedule at fault is refused at
    once, in input order; a missing cell is named in words ("the weekly fee
    for enhanced level of need, education").
    """
    bid, round_ = await _editable(session, actor=actor, now=now, bid_id=bid_id, version=version)
    in_round = await session.scalar(
        select(m.RoundLot.lot_id).where(m.RoundLot.round_id == round_.id, m.RoundLot.lot_id == lot_id)
    )
    lot = await session.get(m.Lot, lot_id) if in_round is not None else None
    problems = Problems()
    if lot is None:
        problems.add("This lot is not open for bids in this round", field="input.lot")
    await _check_establishments(session, problems, lot, bid.provider_id, establishment_ids)
    _check_pricing(problems, lot, pricing)
    problems.settle()
    assert lot is not None
    bid_lot = await session.scalar(select(m.BidLot).where(m.BidLot.bid_id == bid.id, m.BidLot.lot_id == lot.id))
    before = None
    if bid_lot is None:
        bid_lot = m.BidLot(bid_id=bid.id, lot_id=lot.id)
        session.add(bid_lot)
        await session.flush()
    else:
        before = await _lot_content(session, bid_lot)
        await _clear(session, bid_lot)
    session.add_all(m.BidLotEstablishment(bid_lot_id=bid_lot.id, establishment_id=e) for e in establishment_ids)
    session.add_all(
        m.PricingLine(bid_lot_id=bid_lot.id, band=p.band, element=p.element, weekly_fee_pence=p.weekly_fee_pence)
        for p in pricing
    )
    _touch(bid, now)
    await session.flush()
    after = await _lot_content(session, bid_lot)
    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.lot_set",
        bid=bid,
        diff={"before": _lot_summary(session, before), "after": _lot_summary(session, after)},
    )
    return bid, bid_lot


async def remove_bid_lot(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, bid_id: int, version: int | None, lot_id: int
) -> m.Bid:
    """Stop bidding for a lot: its establishments and pricing schedule go with it."""
    bid, _round = await _editable(session, actor=actor, now=now, bid_id=bid_id, version=version)
    bid_lot = await session.scalar(select(m.BidLot).where(m.BidLot.bid_id == bid.id, m.BidLot.lot_id == lot_id))
    if bid_lot is None:
        raise NotFound("This bid does not include that lot", field="input.lot")
    before = await _lot_content(session, bid_lot)
    await _clear(session, bid_lot)
    await session.delete(bid_lot)
    _touch(bid, now)
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.lot_removed",
        bid=bid,
        diff={"before": _lot_summary(session, before), "after": None},
    )
    return bid


async def answer_questions(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    bid_id: int,
    version: int | None,
    answers: Sequence[AnswerEntry],
) -> m.Bid:
    """Save answers to some or all of the round's questions; an answer given again replaces the earlier one."""
    bid, round_ = await _editable(session, actor=actor, now=now, bid_id=bid_id, version=version)
    if not answers:
        raise ValidationError("Give at least one answer", field="input.answers")
    questions = {
        q.id: q for q in await session.scalars(select(m.RoundQuestion).where(m.RoundQuestion.round_id == round_.id))
    }
    problems = Problems()
    texts: dict[int, str] = {}
    answered: set[int] = set()
    for i, entry in enumerate(answers):
        path = f"input.answers[{i}]"
        question = questions.get(entry.question_id)
        if question is None:
            problems.add("This is not a question of the bid's round", field=f"{path}.question")
        elif entry.question_id in answered:
            problems.add(f"Question {question.number} is answered twice; give one answer", field=f"{path}.question")
        answered.add(entry.question_id)
        text = problems.check(clean_text, entry.answer, field=f"{path}.answer", label="answer", max_length=MAX_ANSWER)
        if text is not None and question is not None:
            texts.setdefault(entry.question_id, text)
    problems.settle()
    existing = {
        row.question_id: row for row in await session.scalars(select(m.BidAnswer).where(m.BidAnswer.bid_id == bid.id))
    }
    before = {q: row.answer for q, row in existing.items()}
    for question_id, text in texts.items():
        row = existing.get(question_id)
        if row is None:
            session.add(m.BidAnswer(bid_id=bid.id, question_id=question_id, answer=text))
        else:
            row.answer = text
    _touch(bid, now)
    await session.flush()
    after = await _answers_of(session, bid.id)

    def summary(given: dict[int, str]) -> dict[str, Any]:
        numbers = sorted(questions[q].number for q in given)
        return {"answered": numbers, "digest": _digest(session, sorted(given.items()))}

    await _record(
        session,
        actor=actor,
        now=now,
        action="bid.answers_saved",
        bid=bid,
        diff={"before": summary(before), "after": summary(after)},
    )
    return bid


async def _clear(session: AsyncSession, bid_lot: m.BidLot) -> None:
    await session.execute(delete(m.BidLotEstablishment).where(m.BidLotEstablishment.bid_lot_id == bid_lot.id))
    await session.execute(delete(m.PricingLine).where(m.PricingLine.bid_lot_id == bid_lot.id))


async def _check_establishments(
    session: AsyncSession, problems: Problems, lot: m.Lot | None, provider_id: int, establishment_ids: Sequence[int]
) -> None:
    """Keep in ``problems`` what is wrong with each establishment offered; its fit to the lot when the lot is known."""
    if not establishment_ids:
        problems.add("Offer at least one of your establishments for the lot", field="input.establishments")
        return
    if len(establishment_ids) > MAX_ESTABLISHMENTS:
        problems.add(f"Offer at most {MAX_ESTABLISHMENTS} establishments for one lot", field="input.establishments")
        return
    found = {
        e.id: e
        for e in await session.scalars(select(m.Establishment).where(m.Establishment.id.in_(set(establishment_ids))))
    }
    seen: set[int] = set()
    for i, establishment_id in enumerate(establishment_ids):
        path = f"input.establishments[{i}]"
        establishment = found.get(establishment_id)
        if establishment is None or establishment.provider_id != provider_id:
            problems.add("This is not one of your organisation's establishments", field=path)
            continue
        if establishment_id in seen:
            problems.add(f"{establishment.name} is listed twice", field=path)
            continue
        seen.add(establishment_id)
        if lot is None:
            continue
        why = why_not_offerable(establishment, lot)
        if why is not None:
            problems.add(why, field=path)


def why_not_offerable(establishment: m.Establishment, lot: m.Lot) -> str | None:
    """Why ``establishment`` cannot be offered for ``lot`` in a bid, in words; None when it can.

    It can when it has places of the lot's kind (residential places for a RESIDENTIAL lot, day places for
    any other) and admits ages that overlap the lot's age band. The one rule that :func:`set_bid_lot`
    checks and :func:`offerable` lists by.
    """
    residential = lot.placement_type is PlacementType.RESIDENTIAL
    places = establishment.residential_capacity if residential else establishment.day_capacity
    if places <= 0:
        kind = words(lot.placement_type)
        return f"{establishment.name} has no {kind} places for this {kind} lot"
    if establishment.age_max < lot.age_min or establishment.age_min > lot.age_max:
        return (
            f"{establishment.name} takes ages {establishment.age_min} to {establishment.age_max}, outside the "
            f"lot's age band of {lot.age_min} to {lot.age_max}"
        )
    return None


def offerable(establishments: Iterable[m.Establishment], lot: m.Lot) -> list[m.Establishment]:
    """Those of ``establishments`` that can be offered for ``lot`` (:func:`why_not_offerable`), in name order."""
    return sorted((e for e in establishments if why_not_offerable(e, lot) is None), key=lambda e: (e.name, e.id))


def _check_pricing(problems: Problems, lot: m.Lot | None, pricing: Sequence[PriceEntry]) -> None:
    """A full schedule: every band for each element priced, education always, care only for residential lots.

    What is wrong is kept in ``problems``: each line at fault by its path, in
    input order, then each cell missing, in the schedule's order.
    """
    if not pricing:
        problems.add(
            "Give the pricing schedule: a weekly fee for each level of need for education and for each other cost "
            "element you provide",
            field="input.pricing",
        )
        return
    day_lot = lot is not None and lot.placement_type is not PlacementType.RESIDENTIAL
    seen: dict[tuple[PricingBand, CostElement], int] = {}
    for i, line in enumerate(pricing):
        path = f"input.pricing[{i}]"
        named = cell(line.band, line.element)
        if line.element is CostElement.CARE and day_lot:
            problems.add(
                f"A day lot has no {words(CostElement.CARE)}: leave out the line for {named}", field=f"{path}.element"
            )
        elif (line.band, line.element) in seen:
            problems.add(
                f"The weekly fee for {named} is given twice (also line {seen[(line.band, line.element)] + 1}): "
                "give it once",
                field=f"{path}.element",
            )
        if not 0 <= line.weekly_fee_pence <= MAX_WEEKLY_FEE_PENCE:
            problems.add(
                f"Enter a weekly fee for {named} of at most {pounds(MAX_WEEKLY_FEE_PENCE)}", field=f"{path}.weeklyFee"
            )
        seen.setdefault((line.band, line.element), i)
    for band, element in _missing_cells([p for p in pricing if not (p.element is CostElement.CARE and day_lot)]):
        problems.add(f"Enter the weekly fee for {cell(band, element)}", field="input.pricing")


def _missing_cells(pricing: Sequence[PriceEntry]) -> list[tuple[PricingBand, CostElement]]:
    """The band × element cells a schedule lacks, in the schedule's order: every band of education, and of each
    other element it prices. Empty when it is full."""
    given = {(p.band, p.element) for p in pricing}
    elements = [e for e in CostElement if e is CostElement.EDUCATION or any(p.element is e for p in pricing)]
    return [(b, e) for e in elements for b in PricingBand if (b, e) not in given]
