"""Application rounds: scheduling, rescheduling, cancelling, and clarification questions.

A round's state follows from its dates against the clock (see
:func:`api.domain.status.round_status`); nothing here stores a status.

- The purchasing system's lead authority schedules a round: its dates, the
  lots open for bids and its questions. SELECTION questions pass or fail and
  carry no weight; AWARD questions carry weights that sum to exactly 100.
- Before a round opens its dates change freely. Once it is open they change
  only with a reason, recorded as a schedule change with the dates before
  and after, and its opening time never changes. Once it has closed they
  never change.
- A round may be cancelled, with a reason, until its decisions are issued.
- While a round is open and before its clarification deadline, a provider
  may ask a clarification question. The lead authority answers it before the
  round closes, and the answer is published to every bidder without the
  asker's identity.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notifications, regimes
from api.domain import status as st
from api.domain.clock import UK
from api.domain.errors import (
    DeadlinePassed,
    Forbidden,
    InvalidTransition,
    NotFound,
    Problems,
    StaleVersion,
    ValidationError,
)
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.systems import led_system
from api.domain.versions import expect_version
from api.domain.wording import words
from db import models as m
from db.enums import QuestionKind

MAX_QUESTIONS = 50
MAX_QUESTION_TEXT = 4_000
MAX_REASON = 2_000
MAX_WITHDRAWAL_REASON = 2_000
MAX_CLARIFICATION = 4_000
AWARD_WEIGHT_TOTAL = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIELD_NAMES = {
    "opens_at": "opensAt",
    "clarification_deadline": "clarificationDeadline",
    "closes_at": "closesAt",
    "standstill_ends_at": "standstillEndsAt",
}


@dataclass(frozen=True)
class Schedule:
    """A round's dates. Only the opening and closing times are required."""

    opens_at: dt.datetime
    closes_at: dt.datetime
    clarification_deadline: dt.datetime | None = None
    standstill_ends_at: dt.datetime | None = None

    @classmethod
    def of(cls, round_: m.ApplicationRound) -> Schedule:
        return cls(
            opens_at=round_.opens_at,
            closes_at=round_.closes_at,
            clarification_deadline=round_.clarification_deadline,
            standstill_ends_at=round_.standstill_ends_at,
        )

    def as_json(self) -> dict[str, str | None]:
        """The dates as ISO 8601 text in UTC, keyed by their API names."""
        return {
            _FIELD_NAMES[f.name]: None if value is None else value.astimezone(dt.UTC).isoformat()
            for f in fields(self)
            for value in [getattr(self, f.name)]
        }


@dataclass(frozen=True)
class QuestionDraft:
    """A question as the lead authority writes it."""

    kind: QuestionKind
    text: str
    weight: int | None = None


# -- shared checks ---------------------------------------------------------------


def clean_text(value: str, *, field: str, label: str, max_length: int) -> str:
    """``value`` trimmed, if it is 1 to ``max_length`` characters of printable text."""
    cleaned = value.strip()
    if not cleaned or len(cleaned) > max_length:
        raise ValidationError(f"Give the {label} in 1 to {max_length:,} characters", field=field)
    if _CONTROL.search(cleaned):
        raise ValidationError(f"The {label} contains characters that cannot be shown", field=field)
    return cleaned


def withdrawal_reason(problems: Problems, reason: str, *, field: str = "input.reason") -> str | None:
    """A provider's reason for withdrawing an offer or a bid, trimmed: 1 to 2,000 characters of printable text.

    ``None`` when it is not, the problem kept in ``problems`` against ``field``.
    """
    return problems.check(
        clean_text, reason, field=field, label="reason for withdrawing", max_length=MAX_WITHDRAWAL_REASON
    )


async def visible_round(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, field: str = "input.round"
) -> m.ApplicationRound:
    """The round with this id, or :class:`NotFound`."""
    found = (await rows_by_id(session, actor=actor, now=now, model=m.ApplicationRound, ids=[round_id])).get(round_id)
    if found is None:
        raise NotFound("No application round with this ID exists", field=field)
    return found


def _snapshot(round_: m.ApplicationRound, now: dt.datetime) -> dict[str, Any]:
    return {"status": st.round_status(round_, now).value, **Schedule.of(round_).as_json()}


def _utc(value: dt.datetime | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"Give {_FIELD_NAMES[name]} with a time zone, e.g. 2026-04-01T09:00:00Z",
            field=f"input.{_FIELD_NAMES[name]}",
        )
    return value.astimezone(dt.UTC)


def _normalised(schedule: Schedule) -> Schedule:
    values = {f.name: _utc(getattr(schedule, f.name), f.name) for f in fields(schedule)}
    return Schedule(**values)


def _check_window(schedule: Schedule, system: m.PurchasingSystem) -> None:
    """The dates are in order and within the system's term."""
    if schedule.closes_at <= schedule.opens_at:
        raise ValidationError("The round must close after it opens", field="input.closesAt")
    deadline = schedule.clarification_deadline
    if deadline is not None and not schedule.opens_at < deadline <= schedule.closes_at:
        raise ValidationError(
            "The clarification deadline must fall after the round opens and no later than it closes",
            field="input.clarificationDeadline",
        )
    standstill = schedule.standstill_ends_at
    if standstill is not None and standstill <= schedule.closes_at:
        raise ValidationError("The standstill must end after the round closes", field="input.standstillEndsAt")
    if schedule.closes_at.date() > system.term_end:
        raise ValidationError(
            f"The round must close within the purchasing system's term, which ends on {system.term_end.isoformat()}",
            field="input.closesAt",
        )
    regimes.policy_of(system).ensure_round_allowed(system, schedule.opens_at.astimezone(UK).date())


def _check_questions(questions: Sequence[QuestionDraft]) -> list[QuestionDraft]:
    if not questions:
        raise ValidationError(
            f"Give the round's questions, with at least one {words(QuestionKind.AWARD)} question",
            field="input.questions",
        )
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"A round has at most {MAX_QUESTIONS} questions", field="input.questions")
    checked: list[QuestionDraft] = []
    for i, q in enumerate(questions):
        path = f"input.questions[{i}]"
        text = clean_text(q.text, field=f"{path}.text", label="question", max_length=MAX_QUESTION_TEXT)
        if q.kind is QuestionKind.SELECTION and q.weight is not None:
            raise ValidationError(
                f"A {words(QuestionKind.SELECTION)} question carries no weight", field=f"{path}.weight"
            )
        if q.kind is QuestionKind.AWARD and (q.weight is None or not 1 <= q.weight <= AWARD_WEIGHT_TOTAL):
            raise ValidationError(
                f"An {words(QuestionKind.AWARD)} question carries a weight of 1 to {AWARD_WEIGHT_TOTAL} percent",
                field=f"{path}.weight",
            )
        checked.append(QuestionDraft(kind=q.kind, text=text, weight=q.weight))
    total = sum(q.weight or 0 for q in checked)
    if total != AWARD_WEIGHT_TOTAL:
        raise ValidationError(
            f"The weights of the {words(QuestionKind.AWARD)} questions add up to {total}; they must add up to exactly "
            f"{AWARD_WEIGHT_TOTAL}",
            field="input.questions",
        )
    return checked


async def _check_lots(session: AsyncSession, system: m.PurchasingSystem, lot_ids: Sequence[int]) -> None:
    if not lot_ids:
        raise ValidationError("Open at least one lot for bids", field="input.lots")
    of_system = set(await session.scalars(select(m.Lot.id).where(m.Lot.system_id == system.id)))
    seen: set[int] = set()
    for i, lot_id in enumerate(lot_ids):
        if lot_id not in of_system:
            raise ValidationError("This is not a lot of the round's purchasing system", field=f"input.lots[{i}]")
        if lot_id in seen:
            raise ValidationError("This lot is listed twice", field=f"input.lots[{i}]")
        seen.add(lot_id)


# -- rounds ------------------------------------------------------------------------


async def schedule_round(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    system_id: int,
    schedule: Schedule,
    lot_ids: Sequence[int],
    questions: Sequence[QuestionDraft],
) -> m.ApplicationRound:
    """A new round of a purchasing system, numbered after the system's last one."""
    system = await led_system(session, actor=actor, now=now, system_id=system_id, field="input.system")
    if system.closed_at is not None:
        raise InvalidTransition("This purchasing system is closed: it takes no new application rounds")
    schedule = _normalised(schedule)
    if schedule.opens_at < now:
        raise ValidationError("A new round cannot open in the past", field="input.opensAt")
    _check_window(schedule, system)
    await _check_lots(session, system, lot_ids)
    checked = _check_questions(questions)
    last = await session.scalar(
        select(func.max(m.ApplicationRound.number)).where(m.ApplicationRound.system_id == system.id)
    )
    round_ = m.ApplicationRound(
        system_id=system.id,
        number=(last or 0) + 1,
        opens_at=schedule.opens_at,
        clarification_deadline=schedule.clarification_deadline,
        closes_at=schedule.closes_at,
        standstill_ends_at=schedule.standstill_ends_at,
    )
    session.add(round_)
    try:
        await session.flush()
    except IntegrityError as exc:
        if "unique" not in str(exc.orig).lower():
            raise
        raise StaleVersion(
            "Another round of this system was scheduled at the same moment. Try again.", field=None
        ) from None
    session.add_all(m.RoundLot(round_id=round_.id, lot_id=lot_id) for lot_id in lot_ids)
    session.add_all(
        m.RoundQuestion(round_id=round_.id, number=n, kind=q.kind, text=q.text, weight=q.weight)
        for n, q in enumerate(checked, start=1)
    )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.scheduled",
        entity_type="ApplicationRound",
        entity_id=round_.id,
        diff={
            "before": None,
            "after": {
                **_snapshot(round_, now),
                "system": system.id,
                "number": round_.number,
                "lots": list(lot_ids),
                "questions": [{"kind": q.kind.value, "weight": q.weight} for q in checked],
            },
        },
    )
    await notifications.notify(
        session,
        now=now,
        kind=Kind.ROUND_SCHEDULED,
        to=notifications.To.registered_providers(system.id),
        subject_type="ApplicationRound",
        subject_id=round_.id,
        payload=await round_payload(session, round_, system),
    )
    return round_


async def round_payload(
    session: AsyncSession, round_: m.ApplicationRound, system: m.PurchasingSystem
) -> dict[str, Any]:
    """What a message about a round says of it: its number, system, lots and dates."""
    codes = await session.scalars(
        select(m.Lot.code)
        .join(m.RoundLot, m.RoundLot.lot_id == m.Lot.id)
        .where(m.RoundLot.round_id == round_.id)
        .order_by(m.Lot.position, m.Lot.code)
    )
    return {
        "round": str(round_.number),
        "roundId": global_id("ApplicationRound", round_.id),
        "system": system.title,
        "systemReference": system.reference,
        "lots": ", ".join(codes),
        "opensAt": round_.opens_at.astimezone(dt.UTC).isoformat(),
        "closesAt": round_.closes_at.astimezone(dt.UTC).isoformat(),
    }


async def reschedule_round(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    round_id: int,
    version: int,
    schedule: Schedule,
    reason: str | None = None,
) -> m.ApplicationRound:
    """Change a round's dates: freely before it opens, with a recorded reason while open, never after close."""
    round_ = await visible_round(session, actor=actor, now=now, round_id=round_id)
    system = await led_system(session, actor=actor, now=now, system_id=round_.system_id, field="input.round")
    if round_.cancelled_at is not None:
        raise InvalidTransition("This round was cancelled; its dates no longer change")
    if now >= round_.closes_at or round_.concluded_at is not None:
        raise DeadlinePassed(
            "This round has closed; its dates can no longer change", deadline=round_.closes_at, field="input.round"
        )
    expect_version(round_, version)
    before = Schedule.of(round_)
    after = _normalised(schedule)
    opened = now >= round_.opens_at
    why = None
    if opened:
        if reason is None or not reason.strip():
            raise ValidationError(
                "This round is open: give the reason for changing its dates, for the record", field="input.reason"
            )
        why = clean_text(reason, field="input.reason", label="reason", max_length=MAX_REASON)
        if after.opens_at != before.opens_at:
            raise ValidationError("This round has opened; its opening time cannot change", field="input.opensAt")
        for name in ("closes_at", "clarification_deadline"):
            new = getattr(after, name)
            if new != getattr(before, name) and new is not None and new <= now:
                raise ValidationError(
                    "An open round's dates can move only to a time still to come",
                    field=f"input.{_FIELD_NAMES[name]}",
                )
    else:
        if reason is not None and reason.strip():
            why = clean_text(reason, field="input.reason", label="reason", max_length=MAX_REASON)
        if after.opens_at < now:
            raise ValidationError("The round cannot open in the past", field="input.opensAt")
    _check_window(after, system)
    if after == before:
        raise ValidationError("These are the round's current dates; nothing would change")
    snapshot_before = _snapshot(round_, now)
    round_.opens_at = after.opens_at
    round_.closes_at = after.closes_at
    round_.clarification_deadline = after.clarification_deadline
    round_.standstill_ends_at = after.standstill_ends_at
    await session.flush()
    if opened:
        assert why is not None
        session.add(
            m.RoundScheduleChange(
                round_id=round_.id,
                changed_at=now,
                changed_by=actor.reference,
                reason=why,
                before=before.as_json(),
                after=after.as_json(),
            )
        )
        await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.rescheduled",
        entity_type="ApplicationRound",
        entity_id=round_.id,
        diff={"before": snapshot_before, "after": _snapshot(round_, now), "reason": why},
    )
    return round_


async def cancel_round(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, version: int, reason: str
) -> m.ApplicationRound:
    """Cancel a round, with a reason, at any time before its decisions are issued."""
    round_ = await visible_round(session, actor=actor, now=now, round_id=round_id)
    await led_system(session, actor=actor, now=now, system_id=round_.system_id, field="input.round")
    if round_.cancelled_at is not None:
        raise InvalidTransition("This round is already cancelled")
    if round_.decisions_issued_at is not None or round_.concluded_at is not None:
        raise InvalidTransition("This round's decisions have been issued; it can no longer be cancelled")
    why = clean_text(reason, field="input.reason", label="reason", max_length=MAX_REASON)
    expect_version(round_, version)
    before = _snapshot(round_, now)
    round_.cancelled_at = now
    round_.cancel_reason = why
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="round.cancelled",
        entity_type="ApplicationRound",
        entity_id=round_.id,
        diff={"before": before, "after": {**_snapshot(round_, now), "reason": why}},
    )
    return round_


# -- clarifications --------------------------------------------------------------


async def ask_clarification(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, round_id: int, question: str
) -> m.RoundClarification:
    """A provider's question about an open round, asked before its clarification deadline."""
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only a provider's users ask clarification questions", field="input.round")
    round_ = await visible_round(session, actor=actor, now=now, round_id=round_id)
    if round_.cancelled_at is not None:
        raise InvalidTransition("This round was cancelled")
    if now < round_.opens_at:
        raise InvalidTransition("This round is not open yet; ask once it opens")
    deadline = round_.clarification_deadline or round_.closes_at
    if now >= deadline or st.round_status(round_, now) is not st.RoundStatus.OPEN:
        raise DeadlinePassed("The deadline for clarification questions has passed", deadline=deadline)
    problems = Problems()
    text = problems.check(clean_text, question, field="input.question", label="question", max_length=MAX_CLARIFICATION)
    problems.settle()
    assert text is not None
    clarification = m.RoundClarification(round_id=round_.id, provider_id=actor.provider_id, question=text, asked_at=now)
    session.add(clarification)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="clarification.asked",
        entity_type="RoundClarification",
        entity_id=clarification.id,
        diff={"before": None, "after": {"round": round_.id, "question": text}},
    )
    return clarification


async def answer_clarification(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, clarification_id: int, answer: str
) -> m.RoundClarification:
    """Publish the lead authority's answer to every bidder, without the asker's identity."""
    clarification = (
        await rows_by_id(session, actor=actor, now=now, model=m.RoundClarification, ids=[clarification_id])
    ).get(clarification_id)
    if clarification is None:
        raise NotFound(
            "No clarification question with this ID exists, or you may not see it", field="input.clarification"
        )
    round_ = await visible_round(session, actor=actor, now=now, round_id=clarification.round_id)
    system = await led_system(session, actor=actor, now=now, system_id=round_.system_id, field="input.clarification")
    if clarification.answered_at is not None:
        raise InvalidTransition("This question has already been answered, and the answer published")
    if round_.cancelled_at is not None:
        raise InvalidTransition("This round was cancelled")
    if now >= round_.closes_at:
        raise DeadlinePassed(
            "The round has closed; clarifications can no longer be answered", deadline=round_.closes_at
        )
    text = clean_text(answer, field="input.answer", label="answer", max_length=MAX_CLARIFICATION)
    t = m.RoundClarification
    answered = await session.execute(
        update(t)
        .where(t.id == clarification.id, t.answered_at.is_(None))
        .values(answer=text, answered_at=now, answered_by=actor.reference)
        .execution_options(synchronize_session=False)
    )
    if answered.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleVersion("Someone answered this question at the same moment. Read it again.", field=None)
    await session.refresh(clarification)
    # neither the question nor the answer goes by e-mail: both are free text, read in the portal
    await notifications.notify(
        session,
        now=now,
        kind=Kind.CLARIFICATION_ANSWERED,
        to=notifications.To.registered_providers(system.id),
        subject_type="RoundClarification",
        subject_id=clarification.id,
        payload=await round_payload(session, round_, system),
    )
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="clarification.answered",
        entity_type="RoundClarification",
        entity_id=clarification.id,
        diff={"before": {"answer": None}, "after": {"answer": text, "answeredAt": now.isoformat()}},
    )
    return clarification
