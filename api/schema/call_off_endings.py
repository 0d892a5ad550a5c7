"""How a call-off ends, as fields of ``CallOff``: its phase ages, planned end, the deadline for the plan, notice.

The fields are declared here, on a base of :class:`api.schema.placements.CallOff`, so that the rules of
:mod:`api.domain.endings` stay in one place.
"""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from api.domain import endings
from api.schema.base import field
from api.schema.enums import expose
from db import enums as e

NoticeParty = expose(e.NoticeParty, "Who gave notice to end a placement.")
EndingKind = expose(e.EndingKind, "Whether a placement's ending was planned.")
EndingReason = expose(e.EndingReason, "Why a placement ended, or is to end.")

PLANNED_END_RULE = (
    "The day the Individual Placement Agreement ends by itself: 31 August at the end of the academic year in which "
    "the child reaches the first phase age above their age at the start that is within the lot's age band (the "
    "placement's own phase ages, else the lot's, else 11, 16 and 18). With the child's National Curriculum year at "
    "the start that academic year is exact (a child reaches age A in NC year A − 5: Year 6 children turn 11); "
    "without it, it is the latest the child can reach that age: the academic year holding the day before the "
    "start's anniversary (A − age at start) years on, so that the agreement never ends before it should. Never "
    "before the end of the academic year it starts in. Worked out when read, never stored. Null for a block contract "
    "and where no phase age is left within the lot's band."
)
DEADLINE_RULE = (
    "When the plan naming the next phase must be amended, for a placement ending at its planned end: 15 February of "
    "the calendar year of the move for a move between school phases (a planned end at age 15 or younger), 31 March "
    "for a move into post-16 education (at 16). Null for a planned end at 17 or older, and where the placement ends "
    "otherwise (set to end before its planned end, or terminated)."
)


@strawberry.type(description="Notice given to end a placement.")
class PlacementNotice:
    given_on: dt.date = field("The day notice was given.")
    given_by: NoticeParty = field("PROVIDER or AUTHORITY: who gave it.")  # type: ignore[valid-type]
    reason: EndingReason | None = field("Why the placement ends.")  # type: ignore[valid-type]
    kind: EndingKind | None = field("Whether the ending is planned.")  # type: ignore[valid-type]


@strawberry.type
class CallOffEndings:
    """The fields of a call-off about how it ends: a base of ``CallOff``, whose ``row`` (a private field of every
    ``Node``) they read."""

    async def _ends(self, info: Info) -> endings.PhaseEnds:
        return await info.context.loaders.phase_ends().load(self.row.id)

    @field(
        "The ages at the end of whose academic year this agreement ends: the placement's own, else its lot's, else "
        "11, 16 and 18. Empty for a block contract."
    )
    async def phase_end_ages(self, info: Info) -> list[int]:
        return list((await self._ends(info)).ages)

    @field("Whether the phase ages are this placement's own (set by its commissioner) rather than its lot's.")
    def own_phase_end_ages(self) -> bool:
        return bool(self.row.phase_end_ages)

    @field(PLANNED_END_RULE)
    async def planned_end_on(self, info: Info) -> dt.date | None:
        planned = (await self._ends(info)).planned
        return None if planned is None else planned.on

    @field("The phase age at which the agreement ends by itself (see `plannedEndOn`); null with no planned end.")
    async def planned_end_age(self, info: Info) -> int | None:
        planned = (await self._ends(info)).planned
        return None if planned is None else planned.age

    @field(
        "The day the placement is due to end: the earlier of its end date (once set: by notice, by its commissioner, "
        "or a termination's day) and its planned end, while that is still to come (a placement kept on past its "
        "planned end ends on its end date); null when it has neither."
    )
    async def ends_on(self, info: Info) -> dt.date | None:
        return endings.ends_on(self.row, (await self._ends(info)).planned, info.context.today)

    @field(DEADLINE_RULE)
    async def phase_transfer_deadline(self, info: Info) -> dt.date | None:
        return endings.deadline_applies(self.row, (await self._ends(info)).planned, info.context.today)

    @field("Days from today to `phaseTransferDeadline`: negative once it has passed; null when there is none.")
    async def days_to_phase_transfer_deadline(self, info: Info) -> int | None:
        deadline = endings.deadline_applies(self.row, (await self._ends(info)).planned, info.context.today)
        return None if deadline is None else (deadline - info.context.today).days

    @field(
        "The notice given to end the placement: when, by whom, why and whether the ending is planned. Null when none "
        "was given, and for anyone but the placing authority's people, the provider and auditors."
    )
    def notice(self, info: Info) -> PlacementNotice | None:
        row = self.row
        if row.notice_given_on is None or not endings.reads_ending(info.context.actor, row):
            return None
        return PlacementNotice(
            given_on=row.notice_given_on, given_by=row.notice_given_by, reason=row.ending_reason, kind=row.ending_kind
        )

    @field(
        "Whether the ending set (an end date, notice or a termination) is PLANNED or UNPLANNED. Null before one is "
        "recorded, and for anyone but the placing authority's people, the provider and auditors."
    )
    def ending_kind(self, info: Info) -> EndingKind | None:  # type: ignore[valid-type]
        return self.row.ending_kind if endings.reads_ending(info.context.actor, self.row) else None

    @field(
        "Why the placement ends, as recorded with its end. Null before one is recorded, and for anyone but the "
        "placing authority's people, the provider and auditors."
    )
    def ending_reason(self, info: Info) -> EndingReason | None:  # type: ignore[valid-type]
        return self.row.ending_reason if endings.reads_ending(info.context.actor, self.row) else None
