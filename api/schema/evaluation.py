"""Mutations that evaluate, moderate and decide bids, and manage lot memberships."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import evaluation, memberships
from api.domain.errors import (
    DeadlinePassed,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    SupplierExcluded,
    ValidationError,
)
from api.resolvers.relay import require_id
from api.schema import errors as e
from api.schema.admission import ApplicationRound, Bid, BidLot, Evaluation, Moderation
from api.schema.base import field
from api.schema.enums import LotDecision
from api.schema.market import LotMembership, Provider
from api.schema.mutation import mutation, result
from api.schema.permissions import requires

LEAD = requires("evaluations:write", R.LEAD_ADMIN)
MEMBERSHIPS = requires("memberships:write", R.LEAD_ADMIN)


@strawberry.input(description="A mark on one question: a score for an AWARD question, pass/fail for a SELECTION one.")
class MarkInput:
    question: strawberry.ID = field("The round question marked.")
    score: int | None = strawberry.field(default=None, description="The score, 0 to 5, for an AWARD question.")
    passed: bool | None = strawberry.field(default=None, description="Pass or fail, for a SELECTION question.")
    comment: str | None = strawberry.field(default=None, description="The reasoning behind the mark.")


def _marks(items: list[MarkInput]) -> list[evaluation.Mark]:
    return [
        evaluation.Mark(
            question_id=require_id(item.question, "RoundQuestion", field=f"input.marks[{i}].question"),
            score=item.score,
            passed=item.passed,
            comment=item.comment,
        )
        for i, item in enumerate(items)
    ]


@strawberry.input(description="The evaluators of a round.")
class AssignEvaluatorsInput:
    round: strawberry.ID = field("The round.")
    evaluators: list[str] = field("The evaluators' usernames; replaces the current list.")


@strawberry.type(description="The round with its evaluators.")
class AssignEvaluatorsPayload:
    round: ApplicationRound = field("The round.")


@strawberry.input(description="An evaluator's marks on a bid lot: every question of the round, once.")
class RecordEvaluationInput:
    bid_lot: strawberry.ID = field("The bid lot evaluated.")
    marks: list[MarkInput] = field("A mark for every question of the round.")
    notes: str | None = strawberry.field(default=None, description="The evaluator's notes.")


@strawberry.type(description="The recorded evaluation.")
class RecordEvaluationPayload:
    evaluation: Evaluation = field("The evaluation, replacing your earlier one on this bid lot.")


@strawberry.input(description="The agreed result of a bid lot.")
class ModerateBidLotInput:
    bid_lot: strawberry.ID = field("The bid lot moderated.")
    passed_selection: bool = field("Whether it passed every SELECTION question; a fail excludes it from the lot.")
    scores: list[MarkInput] = field("The agreed score for every AWARD question; empty after a selection fail.")
    rationale: str = field("Why the agreed marks are what they are.")
    version: int | None = strawberry.field(default=None, description="The moderation's version, when changing it.")


@strawberry.type(description="The recorded moderation.")
class ModerateBidLotPayload:
    moderation: Moderation = field("The agreed result.")


@strawberry.input(description="The decision on a moderated bid lot.")
class DecideBidLotInput:
    bid_lot: strawberry.ID = field("The bid lot decided.")
    decision: LotDecision = field("ADMITTED or REJECTED.")
    feedback: str = field("Feedback to the provider, published with the decision.")


@strawberry.type(description="The decided bid lot.")
class DecideBidLotPayload:
    bid_lot: BidLot = field("The bid lot, with its decision.")


@strawberry.input(description="Publish a round's decisions together.")
class IssueDecisionsInput:
    round: strawberry.ID = field("The round, every bid lot of which is decided.")
    standstill_ends_at: dt.datetime | None = strawberry.field(
        default=None, description="When the standstill ends; the round's scheduled end when omitted."
    )
    version: int | None = strawberry.field(default=None, description="The round's version as you read it.")


@strawberry.type(description="The round, now in standstill.")
class IssueDecisionsPayload:
    round: ApplicationRound = field("The round.")


@strawberry.input(description="Conclude a round after its standstill.")
class ConcludeRoundInput:
    round: strawberry.ID = field("The round.")
    version: int | None = strawberry.field(default=None, description="The round's version as you read it.")


@strawberry.type(description="The concluded round and the memberships it created.")
class ConcludeRoundPayload:
    round: ApplicationRound = field("The round, now CONCLUDED.")
    memberships: list[LotMembership] = field("The new lot memberships, one per admitted bid lot.")


@strawberry.input(description="Suspend a lot membership.")
class SuspendMembershipInput:
    membership: strawberry.ID = field("The membership.")
    reason: str = field("Why; recorded and shown to the provider.")
    until: dt.date | None = strawberry.field(default=None, description="The last day of the suspension, if known.")
    version: int | None = strawberry.field(default=None, description="The membership's version as you read it.")


@strawberry.input(description="Reinstate a suspended lot membership.")
class ReinstateMembershipInput:
    membership: strawberry.ID = field("The membership.")
    version: int | None = strawberry.field(default=None, description="The membership's version as you read it.")


@strawberry.input(description="Remove a lot membership for good.")
class RemoveMembershipInput:
    membership: strawberry.ID = field("The membership.")
    reason: str = field("Why; recorded and shown to the provider.")
    version: int | None = strawberry.field(default=None, description="The membership's version as you read it.")


@strawberry.type(description="The changed lot membership.")
class MembershipPayload:
    membership: LotMembership = field("The membership.")


@strawberry.input(description="Exclude a provider: all its current memberships are suspended.")
class ExcludeProviderInput:
    provider: strawberry.ID = field("The provider.")
    reason: str = field("The ground for exclusion; recorded and shown to the provider.")
    version: int | None = strawberry.field(default=None, description="The provider's version as you read it.")


@strawberry.type(description="The excluded provider.")
class ExcludeProviderPayload:
    provider: Provider = field("The provider, now EXCLUDED.")


@strawberry.type(description="An application to a continuous-admission system, undecided past its decision date.")
class OverdueApplication:
    bid: Bid = field("The application.")
    due_at: dt.datetime = field("When it should have been decided.")


AssignEvaluatorsResult = result(
    "AssignEvaluatorsResult",
    AssignEvaluatorsPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    description="The round, or why not.",
)
RecordEvaluationResult = result(
    "RecordEvaluationResult",
    RecordEvaluationPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    description="The evaluation, or why not.",
)
ModerateBidLotResult = result(
    "ModerateBidLotResult",
    ModerateBidLotPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The moderation, or why not.",
)
DecideBidLotResult = result(
    "DecideBidLotResult",
    DecideBidLotPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.SupplierExcluded,
    description="The decided bid lot, or why not.",
)
IssueDecisionsResult = result(
    "IssueDecisionsResult",
    IssueDecisionsPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The round in standstill, or why not.",
)
ConcludeRoundResult = result(
    "ConcludeRoundResult",
    ConcludeRoundPayload,
    e.NotFound,
    e.Forbidden,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.StaleVersion,
    e.SupplierExcluded,
    description="The concluded round, or why not.",
)
MembershipResult = result(
    "MembershipResult",
    MembershipPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The membership, or why not.",
)
ExcludeProviderResult = result(
    "ExcludeProviderResult",
    ExcludeProviderPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The excluded provider, or why not.",
)

MEMBERSHIP_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)


@strawberry.type(description="Evaluate, moderate and decide bids; manage lot memberships.")
class EvaluationMutations:
    @mutation(
        description="Set the evaluators of a round. They must be independent of every bidder.",
        access=LEAD,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition),
    )
    async def assign_evaluators(
        self, info: Info, input: Annotated[AssignEvaluatorsInput, strawberry.argument(description="The evaluators.")]
    ) -> AssignEvaluatorsResult:
        round_id = require_id(input.round, "ApplicationRound", field="input.round")
        row = await info.context.run(evaluation.assign_evaluators, round_id=round_id, evaluators=input.evaluators)
        return AssignEvaluatorsPayload(round=ApplicationRound.from_row(row))

    @mutation(
        description="Record your marks on a bid lot of a closed round you are assigned to.",
        access=requires("evaluations:write", R.EVALUATOR),
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition),
    )
    async def record_evaluation(
        self, info: Info, input: Annotated[RecordEvaluationInput, strawberry.argument(description="The marks.")]
    ) -> RecordEvaluationResult:
        bid_lot_id = require_id(input.bid_lot, "BidLot", field="input.bidLot")
        row = await info.context.run(
            evaluation.record_evaluation, bid_lot_id=bid_lot_id, marks=_marks(input.marks), notes=input.notes
        )
        return RecordEvaluationPayload(evaluation=Evaluation.from_row(row))

    @mutation(
        description="Record the agreed result of a bid lot, with a rationale.",
        access=LEAD,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def moderate_bid_lot(
        self, info: Info, input: Annotated[ModerateBidLotInput, strawberry.argument(description="The agreed result.")]
    ) -> ModerateBidLotResult:
        bid_lot_id = require_id(input.bid_lot, "BidLot", field="input.bidLot")
        row = await info.context.run(
            evaluation.moderate,
            bid_lot_id=bid_lot_id,
            passed_selection=input.passed_selection,
            scores=_marks(input.scores),
            rationale=input.rationale,
            version=input.version,
        )
        return ModerateBidLotPayload(moderation=Moderation.from_row(row))

    @mutation(
        description=(
            "Decide a moderated bid lot, with feedback, once its evaluation report is attached. The bidder sees "
            "the decision when the round's decisions are issued."
        ),
        access=LEAD,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, SupplierExcluded),
    )
    async def decide_bid_lot(
        self, info: Info, input: Annotated[DecideBidLotInput, strawberry.argument(description="The decision.")]
    ) -> DecideBidLotResult:
        bid_lot_id = require_id(input.bid_lot, "BidLot", field="input.bidLot")
        row = await info.context.run(
            evaluation.decide, bid_lot_id=bid_lot_id, decision=input.decision, feedback=input.feedback
        )
        return DecideBidLotPayload(bid_lot=BidLot.from_row(row))

    @mutation(
        description="Publish every decision of a round together and start its standstill.",
        access=LEAD,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def issue_decisions(
        self, info: Info, input: Annotated[IssueDecisionsInput, strawberry.argument(description="The round.")]
    ) -> IssueDecisionsResult:
        round_id = require_id(input.round, "ApplicationRound", field="input.round")
        row = await info.context.run(
            evaluation.issue_decisions,
            round_id=round_id,
            standstill_ends_at=input.standstill_ends_at,
            version=input.version,
        )
        return IssueDecisionsPayload(round=ApplicationRound.from_row(row))

    @mutation(
        description="After the standstill, conclude the round: every admitted bid lot becomes an active membership.",
        access=LEAD,
        errors=(NotFound, Forbidden, InvalidTransition, DeadlinePassed, StaleVersion, SupplierExcluded),
    )
    async def conclude_round(
        self, info: Info, input: Annotated[ConcludeRoundInput, strawberry.argument(description="The round.")]
    ) -> ConcludeRoundResult:
        round_id = require_id(input.round, "ApplicationRound", field="input.round")
        rows = await info.context.run(evaluation.conclude_round, round_id=round_id, version=input.version)
        round_row = await info.context.execute(lambda s: s.get(ApplicationRound.model, round_id))
        return ConcludeRoundPayload(
            round=ApplicationRound.from_row(round_row), memberships=LotMembership.from_rows(rows)
        )

    @mutation(description="Suspend a lot membership.", access=MEMBERSHIPS, errors=MEMBERSHIP_ERRORS)
    async def suspend_membership(
        self, info: Info, input: Annotated[SuspendMembershipInput, strawberry.argument(description="The suspension.")]
    ) -> MembershipResult:
        membership_id = require_id(input.membership, "LotMembership", field="input.membership")
        row = await info.context.run(
            memberships.suspend,
            membership_id=membership_id,
            reason=input.reason,
            until=input.until,
            version=input.version,
        )
        return MembershipPayload(membership=LotMembership.from_row(row))

    @mutation(description="Reinstate a suspended lot membership.", access=MEMBERSHIPS, errors=MEMBERSHIP_ERRORS)
    async def reinstate_membership(
        self, info: Info, input: Annotated[ReinstateMembershipInput, strawberry.argument(description="The membership.")]
    ) -> MembershipResult:
        membership_id = require_id(input.membership, "LotMembership", field="input.membership")
        row = await info.context.run(memberships.reinstate, membership_id=membership_id, version=input.version)
        return MembershipPayload(membership=LotMembership.from_row(row))

    @mutation(description="Remove a lot membership for good.", access=MEMBERSHIPS, errors=MEMBERSHIP_ERRORS)
    async def remove_membership(
        self, info: Info, input: Annotated[RemoveMembershipInput, strawberry.argument(description="The removal.")]
    ) -> MembershipResult:
        membership_id = require_id(input.membership, "LotMembership", field="input.membership")
        row = await info.context.run(
            memberships.remove, membership_id=membership_id, reason=input.reason, version=input.version
        )
        return MembershipPayload(membership=LotMembership.from_row(row))

    @mutation(
        description="Exclude a provider: every current membership of it is suspended.",
        access=MEMBERSHIPS,
        errors=MEMBERSHIP_ERRORS,
    )
    async def exclude_provider(
        self, info: Info, input: Annotated[ExcludeProviderInput, strawberry.argument(description="The exclusion.")]
    ) -> ExcludeProviderResult:
        provider_id = require_id(input.provider, "Provider", field="input.provider")
        row = await info.context.run(
            memberships.exclude_provider, provider_id=provider_id, reason=input.reason, version=input.version
        )
        return ExcludeProviderPayload(provider=Provider.from_row(row))
