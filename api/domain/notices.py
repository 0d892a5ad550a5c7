"""Procurement Act 2023 notices: generated from what happens, validated, queued, and sent to Find a Tender.

A notice is an OCDS release of the contracting process it belongs to (a dynamic market, or a call-off's own
process), with the UK extension's fields, stored as :class:`db.models.ProcurementNotice`. :func:`issue` is the
one entry point: the domain calls it, in the transaction of the event, when the regime policy
(:mod:`api.domain.regimes`) says a notice is due.

Queueing writes the notice's outbox row (:func:`queue`): a ``FIND_A_TENDER`` notification whose subject is the
notice, which the relay hands to the Find a Tender publisher (:mod:`api.delivery.find_a_tender`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from api.domain.notification_kinds import Kind
from db import models as m
from db.enums import NoticeType

FIND_A_TENDER = "FIND_A_TENDER"
"""The outbox channel of notices."""


async def queue(session: AsyncSession, *, now: dt.datetime, notice: m.ProcurementNotice) -> m.Notification:
    """Mark ``notice`` QUEUED and write its outbox row, due now."""
    notice.queued_at = now
    notice.failed_at = None
    row = m.Notification(
        created_at=now,
        kind=Kind.NOTICE_TO_FIND_A_TENDER.value,
        channel=FIND_A_TENDER,
        recipient_type="FindATender",
        recipient_id=0,
        user_id=None,
        subject_type="ProcurementNotice",
        subject_id=notice.id,
        payload={"noticeType": notice.notice_type.value, "releaseId": notice.release_id},
        attempts=0,
        next_attempt_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def issue(
    session: AsyncSession,
    *,
    now: dt.datetime,
    notice_type: NoticeType,
    system: m.PurchasingSystem,
    referral: m.Referral | None = None,
    call_off: m.CallOff | None = None,
) -> m.ProcurementNotice:
    """Generate the notice of ``notice_type`` for the process named, validate it, store it, and queue it if valid.

    A notice that does not validate stays DRAFT with its ``problems``; nothing is sent.
    """
    raise NotImplementedError
