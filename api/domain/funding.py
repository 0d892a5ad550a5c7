"""Funding splits: who pays which share of each cost element of a call-off's weekly fee.

A **funder** is an authority's education budget (the High Needs block) or its
children's social care budget, or an NHS integrated care board for health
needs. A **funding split** gives each funder a share of every cost element of
the weekly fee per place, in hundredths of a percent, from a date.

**The rounding rule.** Each element's fee is divided by the shares: each funder
gets the whole pence of its exact part (rounded down), and the pence left over
(fewer than the number of funders) go one each to the funders whose exact parts
lost the most in rounding, a tie going to the funder listed first. So the
contributions always sum exactly to the weekly fee, to the penny, and no funder
is more than a penny from its exact share. An element nobody was given a share
of (one unpriced when the split was made, priced later) goes wholly to the
funder listed first.

**Agreement.** The commissioner who proposes a split speaks for their own
authority's budgets: those contributions are agreed at once. Every other
funder (another authority, an integrated care board) agrees its own
contributions, or the placing authority's commissioner records agreement on
its behalf, with the reason. Until each has, the split is PENDING, and says so.

**History.** A split applies from its ``effective_from``; the split in force on
a day is the latest to have started by then. Awarding a call-off makes its
first split, from the start date. A fee amendment makes a new split from the
amendment's date: by the same shares, with their agreements, unless a new split
is given. A split can also be changed on its own, from a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.auth.actor import Actor, Role
from api.domain import audit, notifications
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.fees import INPUT_NAMES, WeeklyFees
from api.domain.notification_kinds import Kind, global_id
from api.domain.rounds import clean_text
from api.domain.versions import expect_version
from api.domain.visibility import visible
from db import models as m
from db.enums import CostElement, FundingStream
from db.fees import FEE_ELEMENTS
from db.models.funding import SHARE_SCALE, share_column_name, share_out

MAX_CONTRIBUTIONS = 8
"""The most funders one split names: far above the three a tripartite placement has."""

MAX_REASON = 2000


@dataclass(frozen=True)
class Funder:
    """Who pays: an authority's budget (education or social care), or an integrated care board (health)."""

    stream: FundingStream
    authority_id: int | None = None
    board_id: int | None = None

    @classmethod
    def of(cls, row: Any) -> Funder:
        return cls(row.stream, row.authority_id, row.integrated_care_board_id)


@dataclass(frozen=True)
class Contribution:
    """One funder's share of each cost element, in basis points (100% is :data:`SHARE_SCALE`)."""

    funder: Funder
    shares: Mapping[CostElement, int]

    @classmethod
    def of(cls, row: m.FundingContribution) -> Contribution:
        return cls(Funder.of(row), shares_of(row))


def shares_of(row: Any) -> dict[CostElement, int]:
    """A contribution row's shares, by element."""
    return {e: getattr(row, share_column_name(e)) for e in FEE_ELEMENTS}


# -- the arithmetic -------------------------------------------------------------------------------


def divide(fees: WeeklyFees, shares: Sequence[Mapping[CostElement, int]]) -> list[WeeklyFees]:
    """Each funder's weekly pence per element, by the rounding rule of this module; they sum to ``fees``."""
    parts: list[dict[CostElement, int]] = [{} for _ in shares]
    for element in FEE_ELEMENTS:
        for part, pence in zip(
            parts, share_out(fees.by_element.get(element, 0), [s.get(element, 0) for s in shares]), strict=True
        ):
            part[element] = pence
    return [WeeklyFees(p) for p in parts]


def default_split(authority_id: int, fees: WeeklyFees) -> list[Contribution]:
    """The split when none is given: residential care from the placing authority's social care budget,
    everything else from its education budget."""
    education = Contribution(
        Funder(FundingStream.EDUCATION, authority_id),
        {e: SHARE_SCALE for e in FEE_ELEMENTS if e is not CostElement.CARE},
    )
    if not fees.by_element.get(CostElement.CARE, 0):
        return [Contribution(education.funder, dict.fromkeys(FEE_ELEMENTS, SHARE_SCALE))]
    return [education, Contribution(Funder(FundingStream.SOCIAL_CARE, authority_id), {CostElement.CARE: SHARE_SCALE})]


# -- checking a proposed split ------------------------------------------------------------------


async def checked_split(
    session: AsyncSession,
    *,
    contributions: Sequence[Contribution],
    fees: WeeklyFees,
    field: str,
) -> list[Contribution]:
    """The contributions, if they make a split of ``fees``; every mistake at once otherwise.

    Each funder exists, is active and is named once; each share is between 0 and 100%; each contribution
    pays something; and each priced element is shared out exactly: its shares sum to 100%.
    """
    problems = Problems()
    if not contributions:
        raise ValidationError("Name at least one funder", field=f"{field}.contributions")
    if len(contributions) > MAX_CONTRIBUTIONS:
        raise ValidationError(f"Name at most {MAX_CONTRIBUTIONS} funders", field=f"{field}.contributions")
    authorities = await _active_ids(session, m.Authority, {c.funder.authority_id for c in contributions})
    boards = await _active_ids(session, m.IntegratedCareBoard, {c.funder.board_id for c in contributions})
    seen: set[Funder] = set()
    for i, c in enumerate(contributions):
        path = f"{field}.contributions[{i}]"
        f = c.funder
        if f.stream is FundingStream.HEALTH:
            if f.board_id not in boards:
                problems.add(
                    "Choose an active integrated care board to fund health", field=f"{path}.integratedCareBoard"
                )
        elif f.board_id is not None:
            problems.add("An integrated care board funds the health stream only", field=f"{path}.stream")
        elif f.authority_id not in authorities:
            problems.add("Choose an active authority whose budget pays", field=f"{path}.authority")
        if f in seen:
            problems.add("Each funder is named once", field=path)
        seen.add(f)
        for element in FEE_ELEMENTS:
            if not 0 <= c.shares.get(element, 0) <= SHARE_SCALE:
                problems.add("A share is between 0% and 100%", field=f"{path}.{INPUT_NAMES[element]}")
        if not any(c.shares.values()):
            problems.add("This funder would pay nothing: give it a share or leave it out", field=path)
    for element in FEE_ELEMENTS:
        total = sum(c.shares.get(element, 0) for c in contributions)
        priced = fees.by_element.get(element, 0) > 0
        if (priced and total != SHARE_SCALE) or (not priced and total not in (0, SHARE_SCALE)):
            problems.add(
                f"The shares of {INPUT_NAMES[element]} add up to {percent(total)}%, not 100%",
                field=f"{field}.contributions",
            )
    problems.settle()
    return list(contributions)


async def _active_ids(session: AsyncSession, model: type, ids: set[int | None]) -> set[int]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(await session.scalars(select(model.id).where(model.id.in_(wanted), model.active)))


def percent(basis_points: int) -> str:
    """Basis points as a percentage in words, e.g. ``33.33``."""
    whole, part = divmod(basis_points, 100)
    return f"{whole}" if part == 0 else f"{whole}.{part:02d}"


# -- making splits ------------------------------------------------------------------------------


def _speaks_for(actor: Actor, authority_id: int, funder: Funder) -> bool:
    """Whether the proposer, a commissioner of ``authority_id``, agrees ``funder``'s part by proposing it."""
    return funder.authority_id == authority_id and actor.authority_id == authority_id


async def make_split(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    contributions: Sequence[Contribution],
    effective_from: dt.date,
    amendment_id: int | None = None,
    agreed: Mapping[Funder, m.FundingContribution] | None = None,
) -> m.FundingSplit:
    """Write a split of the call-off's latest fees from ``effective_from``, already checked.

    The proposer's own authority's budgets are agreed at once; a funder in ``agreed`` keeps the agreement
    given there (the same shares, re-split); every other funder is asked to agree, and told.
    """
    split = m.FundingSplit(
        call_off_id=call_off.id,
        effective_from=effective_from,
        proposed_at=now,
        proposed_by=actor.reference,
        amendment_id=amendment_id,
    )
    session.add(split)
    await session.flush()
    pence = divide(WeeklyFees.of(call_off), [c.shares for c in contributions])
    rows = []
    for position, (c, amounts) in enumerate(zip(contributions, pence, strict=True)):
        row = m.FundingContribution(
            split_id=split.id,
            position=position,
            stream=c.funder.stream,
            authority_id=c.funder.authority_id,
            integrated_care_board_id=c.funder.board_id,
            **{share_column_name(e): c.shares.get(e, 0) for e in FEE_ELEMENTS},
            **amounts.columns(),
        )
        kept = (agreed or {}).get(c.funder)
        if kept is not None:
            row.agreed_at, row.agreed_by, row.on_behalf_reason = kept.agreed_at, kept.agreed_by, kept.on_behalf_reason
        elif _speaks_for(actor, call_off.authority_id, c.funder):
            row.agreed_at, row.agreed_by = now, actor.reference
        rows.append(row)
    session.add_all(rows)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.funding_split",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={"before": None, "after": snapshot(split, rows)},
    )
    await _ask_to_agree(session, now=now, call_off=call_off, split=split, rows=rows)
    return split


def snapshot(split: m.FundingSplit, rows: Sequence[m.FundingContribution]) -> dict[str, Any]:
    """A split as the audit trail records it: funders, shares, pence and agreement."""
    return {
        "fundingSplit": split.id,
        "effectiveFrom": split.effective_from.isoformat(),
        "contributions": [
            {
                "stream": r.stream.value,
                "authority": r.authority_id,
                "integratedCareBoard": r.integrated_care_board_id,
                "shares": {INPUT_NAMES[e]: v for e, v in shares_of(r).items()},
                "weeklyPence": WeeklyFees.of(r).as_dict(),
                "agreed": r.agreed_at is not None,
                **({"onBehalfReason": r.on_behalf_reason} if r.on_behalf_reason else {}),
            }
            for r in rows
        ],
    }


async def _ask_to_agree(
    session: AsyncSession,
    *,
    now: dt.datetime,
    call_off: m.CallOff,
    split: m.FundingSplit,
    rows: Sequence[m.FundingContribution],
) -> None:
    """Tell each funder that has yet to agree that a split waits for it."""
    waiting = [r for r in rows if r.agreed_at is None]
    if not waiting:
        return
    to = list(
        dict.fromkeys(
            notifications.To.board(r.integrated_care_board_id)
            if r.integrated_care_board_id is not None
            else notifications.To.authority(r.authority_id or 0)
            for r in waiting
        )
    )
    authority = await session.get(m.Authority, call_off.authority_id)
    await notifications.notify(
        session,
        now=now,
        kind=Kind.FUNDING_AGREEMENT_REQUESTED,
        to=to,
        subject_type="FundingSplit",
        subject_id=split.id,
        payload={
            "callOff": call_off.reference,
            "authority": authority.name if authority else "",
            "effectiveFrom": split.effective_from.isoformat(),
            "fundingSplitId": global_id("FundingSplit", split.id),
        },
    )


async def contributions_of(session: AsyncSession, split_id: int) -> list[m.FundingContribution]:
    return list(
        await session.scalars(
            select(m.FundingContribution)
            .where(m.FundingContribution.split_id == split_id)
            .order_by(m.FundingContribution.position)
        )
    )


def split_on(rows: Sequence[m.FundingSplit], on: dt.date) -> m.FundingSplit | None:
    """Of a call-off's splits, the one in force on a day: the latest to have started by then (before any has
    started, the first)."""
    ordered = sorted(rows, key=lambda r: (r.effective_from, r.id))
    started = [r for r in ordered if r.effective_from <= on]
    return started[-1] if started else (ordered[0] if ordered else None)


async def split_in_force(session: AsyncSession, call_off_id: int, on: dt.date) -> m.FundingSplit | None:
    """The call-off's split in force on a day, by :func:`split_on`."""
    s = m.FundingSplit
    return split_on(list(await session.scalars(select(s).where(s.call_off_id == call_off_id))), on)


async def latest_split(session: AsyncSession, call_off_id: int) -> m.FundingSplit | None:
    """The call-off's split with the latest start: in force now, or scheduled."""
    s = m.FundingSplit
    return await session.scalar(
        select(s).where(s.call_off_id == call_off_id).order_by(s.effective_from.desc(), s.id.desc()).limit(1)
    )


async def resplit(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    effective_from: dt.date,
    amendment_id: int,
) -> m.FundingSplit | None:
    """After a fee amendment: the split in force from its date, by the same shares and agreements, of the new
    fees."""
    latest = await latest_split(session, call_off.id)
    if latest is None:
        return None
    rows = await contributions_of(session, latest.id)
    return await make_split(
        session,
        actor=actor,
        now=now,
        call_off=call_off,
        contributions=[Contribution.of(r) for r in rows],
        effective_from=effective_from,
        amendment_id=amendment_id,
        agreed={Funder.of(r): r for r in rows if r.agreed_at is not None},
    )


async def change_split(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    contributions: Sequence[Contribution],
    effective_from: dt.date,
    field: str,
) -> m.FundingSplit:
    """A new split of a call-off of the actor's authority from a date: not before it starts, nor before the
    latest split, nor after it ends."""
    if effective_from < call_off.start_date:
        raise ValidationError(
            f"The split cannot apply before the call-off starts on {call_off.start_date.isoformat()}",
            field="input.effectiveFrom",
        )
    if call_off.end_date is not None and effective_from > call_off.end_date:
        raise ValidationError(
            f"The call-off ends on {call_off.end_date.isoformat()}, before this split would apply",
            field="input.effectiveFrom",
        )
    latest = await latest_split(session, call_off.id)
    if latest is not None and effective_from < latest.effective_from:
        raise ValidationError(
            f"The split cannot apply before the latest split, from {latest.effective_from.isoformat()}",
            field="input.effectiveFrom",
        )
    checked = await checked_split(session, contributions=contributions, fees=WeeklyFees.of(call_off), field=field)
    return await make_split(
        session, actor=actor, now=now, call_off=call_off, contributions=checked, effective_from=effective_from
    )


# -- agreeing -----------------------------------------------------------------------------------


def may_agree(actor: Actor, row: m.FundingContribution) -> bool:
    """Whether ``actor`` agrees a contribution for its funder: the board's people, or the authority's
    commissioners."""
    if row.integrated_care_board_id is not None:
        return actor.has_role(Role.ICB_COMMISSIONER) and actor.board_id == row.integrated_care_board_id
    return actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id == row.authority_id


async def agree(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    contribution_id: int,
    version: int | None,
    on_behalf_reason: str | None,
) -> m.FundingSplit:
    """Agree one contribution: as its funder, or as the placing authority's commissioner on its behalf, with
    the reason. When the last is agreed, the placing authority is told."""
    row = await session.get(m.FundingContribution, contribution_id)
    split = (
        None
        if row is None
        else await session.scalar(
            select(m.FundingSplit).where(m.FundingSplit.id == row.split_id, visible(m.FundingSplit, actor, now))
        )
    )
    if row is None or split is None:
        raise NotFound("No funding contribution you may see has this ID", field="input.contribution")
    call_off = await session.get(m.CallOff, split.call_off_id)
    assert call_off is not None
    reason = None
    if not may_agree(actor, row):
        if not (actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id == call_off.authority_id):
            raise Forbidden(
                "Only the funder, or the placing authority on its behalf, agrees this", field="input.contribution"
            )
        if on_behalf_reason is None or not on_behalf_reason.strip():
            raise ValidationError(
                "You are agreeing for another funder: say why, for example who agreed it and when",
                field="input.onBehalfReason",
            )
        reason = clean_text(on_behalf_reason, field="input.onBehalfReason", label="reason", max_length=MAX_REASON)
    if row.agreed_at is not None:
        raise InvalidTransition("This contribution is already agreed", field="input.contribution")
    expect_version(split, version)
    row.agreed_at, row.agreed_by, row.on_behalf_reason = now, actor.reference, reason
    split.updated_at = now  # the split is written, so its version moves: one of two agreeing at once is stale
    await session.flush()
    rows = await contributions_of(session, split.id)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.funding_agreed",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={"before": None, "after": snapshot(split, rows)},
    )
    if all(r.agreed_at is not None for r in rows):
        await notifications.notify(
            session,
            now=now,
            kind=Kind.FUNDING_AGREED,
            to=notifications.To.authority(call_off.authority_id),
            subject_type="FundingSplit",
            subject_id=split.id,
            payload={
                "callOff": call_off.reference,
                "effectiveFrom": split.effective_from.isoformat(),
                "fundingSplitId": global_id("FundingSplit", split.id),
            },
        )
    return split


# -- lists ----------------------------------------------------------------------------------------


def pending() -> ColumnElement[bool]:
    """Splits some funder has yet to agree, as a condition on ``FundingSplit``."""
    c = m.FundingContribution
    return exists().where(c.split_id == m.FundingSplit.id, c.agreed_at.is_(None))


def current(today: dt.date) -> ColumnElement[bool]:
    """Splits in force today or to come: no later split of the same call-off has started by today."""
    s, later = m.FundingSplit, aliased(m.FundingSplit)
    return ~exists().where(
        later.call_off_id == s.call_off_id,
        later.effective_from <= today,
        or_(later.effective_from > s.effective_from, and_(later.effective_from == s.effective_from, later.id > s.id)),
    )


def for_actor_to_agree(actor: Actor) -> ColumnElement[bool]:
    """Splits with a contribution still waiting that ``actor`` may agree: its own funder's, or, for the placing
    authority's commissioners, any (on the funder's behalf)."""
    c = m.FundingContribution
    waiting = [c.split_id == m.FundingSplit.id, c.agreed_at.is_(None)]
    conditions = []
    if actor.has_role(Role.ICB_COMMISSIONER) and actor.board_id is not None:
        conditions.append(exists().where(*waiting, c.integrated_care_board_id == actor.board_id))
    if actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id is not None:
        placing = select(m.CallOff.id).where(m.CallOff.authority_id == actor.authority_id)
        conditions.append(exists().where(*waiting, c.authority_id == actor.authority_id))
        conditions.append(and_(m.FundingSplit.call_off_id.in_(placing), pending()))
    return or_(*conditions) if conditions else false()
