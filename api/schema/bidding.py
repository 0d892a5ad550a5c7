"""Mutations that run application rounds, their clarifications, and providers' bids."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import bids, rounds
from api.domain.errors import (
    DeadlinePassed,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    SupplierExcluded,
    ValidationError,
)
from api.resolvers.relay import expect_id, require_id
from api.schema import errors as e
from api.schema.admission import ApplicationRound, Bid, BidLot, RoundClarification
from api.schema.base import Pence, field
from api.schema.enums import CostElement, PricingBand, QuestionKind
from api.schema.mutation import mutation
from api.schema.permissions import requires

ROUNDS = requires("rounds:write", R.LEAD_ADMIN)
BIDS = requires("bids:write", R.PROVIDER_USER)


def _pks(values: list[strawberry.ID], type_name: str, field: str) -> list[int]:
    return [require_id(v, type_name, field=f"{field}[{i}]") for i, v in enumerate(values)]


# -- rounds ------------------------------------------------------------------------


@strawberry.input(description="A question of a new round.")
class RoundQuestionInput:
    kind: QuestionKind = field("SELECTION (pass/fail, no weight) or AWARD (scored, with a weight).")
    text: str = field("The question.")
    weight: int | None = strawberry.field(
        default=None, description="For AWARD questions, the weight in percent; AWARD weights sum to exactly 100."
    )


@strawberry.input(description="A new application round: its dates, the lots open for bids and its questions.")
class ScheduleRoundInput:
    system: strawberry.ID = field("The purchasing system the round admits to.")
    opens_at: dt.datetime = field("When bids may first be made; not in the past.")
    closes_at: dt.datetime = field("The bid deadline, after the opening time and within the system's term.")
    clarification_deadline: dt.datetime | None = strawberry.field(
        default=None,
        description="Last time to ask clarification questions: after the opening, no later than the deadline. "
        "Without one, questions may be asked until the round closes.",
    )
    standstill_ends_at: dt.datetime | None = strawberry.field(
        default=None, description="When the standstill after decisions ends; after the deadline."
    )
    lots: list[strawberry.ID] = field("The lots of the system open for bids in this round.")
    questions: list[RoundQuestionInput] = field("The questions, in order; they are numbered from 1.")


@strawberry.type(description="The scheduled round.")
class ScheduleRoundPayload:
    round: ApplicationRound = field("The new round.")


@strawberry.input(
    description=(
        "A round's new dates, all of them. Before the round opens any change is allowed; once open, only with a "
        "reason, and its opening time stays; once closed, none."
    )
)
class RescheduleRoundInput:
    round: strawberry.ID = field("The round.")
    version: int = field("The round's version you read.")
    opens_at: dt.datetime = field("When bids may first be made.")
    closes_at: dt.datetime = field("The bid deadline.")
    clarification_deadline: dt.datetime | None = strawberry.field(
        default=None, description="Last time to ask clarification questions; null for none before the deadline."
    )
    standstill_ends_at: dt.datetime | None = strawberry.field(
        default=None, description="When the standstill after decisions ends."
    )
    reason: str | None = strawberry.field(
        default=None, description="Why the dates change: required once the round is open, and published."
    )


@strawberry.type(description="The round with its new dates.")
class RescheduleRoundPayload:
    round: ApplicationRound = field("The round.")


@strawberry.input(description="The round to cancel and why.")
class CancelRoundInput:
    round: strawberry.ID = field("The round.")
    version: int = field("The round's version you read.")
    reason: str = field("Why the round is cancelled; published with it.")


@strawberry.type(description="The cancelled round.")
class CancelRoundPayload:
    round: ApplicationRound = field("The round, now CANCELLED.")


@strawberry.input(description="A clarification question about an open round.")
class AskClarificationInput:
    round: strawberry.ID = field("The round.")
    question: str = field("The question. Its answer is published to every bidder; who asked is not.")


@strawberry.type(description="The question, awaiting the lead authority's answer.")
class AskClarificationPayload:
    clarification: RoundClarification = field("The question asked.")


@strawberry.input(description="The answer to a clarification question.")
class AnswerClarificationInput:
    clarification: strawberry.ID = field("The question.")
    answer: str = field("The answer, published to every bidder.")


@strawberry.type(description="The answered question.")
class AnswerClarificationPayload:
    clarification: RoundClarification = field("The question with its published answer.")


def _schedule(input: ScheduleRoundInput | RescheduleRoundInput) -> rounds.Schedule:
    return rounds.Schedule(
        opens_at=input.opens_at,
        closes_at=input.closes_at,
        clarification_deadline=input.clarification_deadline,
        standstill_ends_at=input.standstill_ends_at,
    )


@strawberry.type(description="Run application rounds and their clarification questions.")
class RoundMutations:
    @mutation(
        description="Schedule an application round of a purchasing system. The lead authority only.",
        access=ROUNDS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def schedule_round(
        self,
        info: Info,
        input: Annotated[ScheduleRoundInput, strawberry.argument(description="The round to schedule.")],
    ) -> Annotated[
        ScheduleRoundPayload | e.NotFound | e.Forbidden | e.ValidationError | e.InvalidTransition | e.StaleVersion,
        strawberry.union("ScheduleRoundResult", description="The scheduled round, or why not."),
    ]:
        round_ = await info.context.run(
            rounds.schedule_round,
            system_id=require_id(input.system, "PurchasingSystem", field="input.system"),
            schedule=_schedule(input),
            lot_ids=_pks(input.lots, "Lot", "input.lots"),
            questions=[rounds.QuestionDraft(kind=q.kind, text=q.text, weight=q.weight) for q in input.questions],
        )
        return ScheduleRoundPayload(round=ApplicationRound.from_row(round_))

    @mutation(
        description=(
            "Change a round's dates. Free before it opens; once open only with a reason, recorded as a published "
            "schedule change; never after it closes."
        ),
        access=ROUNDS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion),
    )
    async def reschedule_round(
        self,
        info: Info,
        input: Annotated[RescheduleRoundInput, strawberry.argument(description="The round's new dates.")],
    ) -> Annotated[
        RescheduleRoundPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("RescheduleRoundResult", description="The round with its new dates, or why not."),
    ]:
        round_ = await info.context.run(
            rounds.reschedule_round,
            round_id=require_id(input.round, "ApplicationRound", field="input.round"),
            version=input.version,
            schedule=_schedule(input),
            reason=input.reason,
        )
        return RescheduleRoundPayload(round=ApplicationRound.from_row(round_))

    @mutation(
        description="Cancel a round, with a reason, at any time before its decisions are issued.",
        access=ROUNDS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def cancel_round(
        self,
        info: Info,
        input: Annotated[CancelRoundInput, strawberry.argument(description="The round and the reason.")],
    ) -> Annotated[
        CancelRoundPayload | e.NotFound | e.Forbidden | e.ValidationError | e.InvalidTransition | e.StaleVersion,
        strawberry.union("CancelRoundResult", description="The cancelled round, or why not."),
    ]:
        round_ = await info.context.run(
            rounds.cancel_round,
            round_id=require_id(input.round, "ApplicationRound", field="input.round"),
            version=input.version,
            reason=input.reason,
        )
        return CancelRoundPayload(round=ApplicationRound.from_row(round_))

    @mutation(
        description="Ask a clarification question about an open round, before its clarification deadline.",
        access=requires("clarifications:write", R.PROVIDER_USER),
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed),
    )
    async def ask_clarification(
        self,
        info: Info,
        input: Annotated[AskClarificationInput, strawberry.argument(description="The round and the question.")],
    ) -> Annotated[
        AskClarificationPayload | e.NotFound | e.Forbidden | e.ValidationError | e.InvalidTransition | e.DeadlinePassed,
        strawberry.union("AskClarificationResult", description="The question asked, or why not."),
    ]:
        clarification = await info.context.run(
            rounds.ask_clarification,
            round_id=require_id(input.round, "ApplicationRound", field="input.round"),
            question=input.question,
        )
        return AskClarificationPayload(clarification=RoundClarification.from_row(clarification))

    @mutation(
        description=(
            "Answer a clarification question before the round closes. The answer is published to every bidder, "
            "without the asker's identity. The lead authority only."
        ),
        access=requires("clarifications:write", R.LEAD_ADMIN),
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion),
    )
    async def answer_clarification(
        self,
        info: Info,
        input: Annotated[AnswerClarificationInput, strawberry.argument(description="The question and the answer.")],
    ) -> Annotated[
        AnswerClarificationPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("AnswerClarificationResult", description="The published answer, or why not."),
    ]:
        clarification = await info.context.run(
            rounds.answer_clarification,
            clarification_id=require_id(input.clarification, "RoundClarification", field="input.clarification"),
            answer=input.answer,
        )
        return AnswerClarificationPayload(clarification=RoundClarification.from_row(clarification))


# -- bids ----------------------------------------------------------------------------


@strawberry.input(description="Start a bid in an open round.")
class CreateBidInput:
    round: strawberry.ID = field("The round to bid in.")
    copy_from: strawberry.ID | None = strawberry.field(
        default=None,
        description="One of your withdrawn bids in the same round, to copy its lots, prices and answers from.",
    )


@strawberry.type(description="The new draft bid.")
class CreateBidPayload:
    bid: Bid = field("The bid, a DRAFT.")


@strawberry.input(description="One line of a pricing schedule.")
class PriceLineInput:
    band: PricingBand = field("The band of need priced.")
    element: CostElement = field("The cost element priced.")
    weekly_fee: Pence = field("The weekly fee, in pence.")


@strawberry.input(
    description=(
        "What a draft bid offers for one lot: the establishments and the whole pricing schedule. It replaces "
        "whatever the bid offered for that lot before."
    )
)
class SetBidLotInput:
    bid: strawberry.ID = field("The draft bid.")
    version: int | None = strawberry.field(
        default=None, description="The bid's version you read; if given, the change is refused when it moved on."
    )
    lot: strawberry.ID = field("A lot open for bids in the bid's round.")
    establishments: list[strawberry.ID] = field(
        "Your establishments offered for the lot, each with places of its kind."
    )
    pricing: list[PriceLineInput] = field(
        "The pricing schedule: a weekly fee for every band of need for each cost element you price. EDUCATION is "
        "always priced, CARE only for residential lots."
    )


@strawberry.type(description="The draft bid and what it offers for the lot.")
class SetBidLotPayload:
    bid: Bid = field("The bid.")
    bid_lot: BidLot = field("What the bid offers for the lot.")


@strawberry.input(description="A lot to take out of a draft bid.")
class RemoveBidLotInput:
    bid: strawberry.ID = field("The draft bid.")
    version: int | None = strawberry.field(
        default=None, description="The bid's version you read; if given, the change is refused when it moved on."
    )
    lot: strawberry.ID = field("The lot no longer bid for.")


@strawberry.type(description="The draft bid without the lot.")
class RemoveBidLotPayload:
    bid: Bid = field("The bid.")


@strawberry.input(description="An answer to one round question.")
class BidAnswerInput:
    question: strawberry.ID = field("The round question answered.")
    answer: str = field("The answer.")


@strawberry.input(description="Answers to save on a draft bid.")
class AnswerQuestionsInput:
    bid: strawberry.ID = field("The draft bid.")
    version: int | None = strawberry.field(
        default=None, description="The bid's version you read; if given, the change is refused when it moved on."
    )
    answers: list[BidAnswerInput] = field(
        "Answers to some or all of the round's questions, one per question; each replaces any earlier answer."
    )


@strawberry.type(description="The draft bid with its answers.")
class AnswerQuestionsPayload:
    bid: Bid = field("The bid.")


@strawberry.input(description="A complete draft bid to submit.")
class SubmitBidInput:
    bid: strawberry.ID = field("The draft bid.")
    version: int = field("The bid's version you read.")


@strawberry.type(description="The submitted bid.")
class SubmitBidPayload:
    bid: Bid = field("The bid, SUBMITTED and sealed until the round closes.")


@strawberry.input(description="A bid to withdraw, and why.")
class WithdrawBidInput:
    bid: strawberry.ID = field("The draft or submitted bid.")
    version: int = field("The bid's version you read.")
    reason: str = field(
        "Why you are withdrawing: the lead authority reads this, once the bid is no longer sealed. "
        "Up to 2,000 characters."
    )


@strawberry.type(description="The withdrawn bid.")
class WithdrawBidPayload:
    bid: Bid = field("The bid, WITHDRAWN.")


BidResult = (NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion)


@strawberry.type(description="Prepare, submit and withdraw bids.")
class BidMutations:
    @mutation(
        description=(
            "Start a DRAFT bid in an open round. Your organisation must be verified and ACTIVE, and may have one "
            "live bid per round: after withdrawing one, start another, optionally copied from it."
        ),
        access=BIDS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed),
    )
    async def create_bid(
        self,
        info: Info,
        input: Annotated[CreateBidInput, strawberry.argument(description="The round to bid in.")],
    ) -> Annotated[
        CreateBidPayload | e.NotFound | e.Forbidden | e.ValidationError | e.InvalidTransition | e.DeadlinePassed,
        strawberry.union("CreateBidResult", description="The new draft bid, or why not."),
    ]:
        bid = await info.context.run(
            bids.create_bid,
            round_id=require_id(input.round, "ApplicationRound", field="input.round"),
            copy_from_id=expect_id(input.copy_from, "Bid", field="input.copyFrom"),
        )
        return CreateBidPayload(bid=Bid.from_row(bid))

    @mutation(
        description=(
            "Bid for a lot of the round, or replace what a draft bid offers for it: the establishments and the "
            "whole pricing schedule."
        ),
        access=BIDS,
        errors=BidResult,
    )
    async def set_bid_lot(
        self,
        info: Info,
        input: Annotated[SetBidLotInput, strawberry.argument(description="The lot, establishments and prices.")],
    ) -> Annotated[
        SetBidLotPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("SetBidLotResult", description="The bid and its lot, or why not."),
    ]:
        pricing = [
            bids.PriceEntry(band=line.band, element=line.element, weekly_fee_pence=int(line.weekly_fee))
            for line in input.pricing
        ]
        bid, bid_lot = await info.context.run(
            bids.set_bid_lot,
            bid_id=require_id(input.bid, "Bid", field="input.bid"),
            version=input.version,
            lot_id=require_id(input.lot, "Lot", field="input.lot"),
            establishment_ids=_pks(input.establishments, "Establishment", "input.establishments"),
            pricing=pricing,
        )
        return SetBidLotPayload(bid=Bid.from_row(bid), bid_lot=BidLot.from_row(bid_lot))

    @mutation(
        description="Take a lot out of a draft bid, with its establishments and pricing schedule.",
        access=BIDS,
        errors=BidResult,
    )
    async def remove_bid_lot(
        self,
        info: Info,
        input: Annotated[RemoveBidLotInput, strawberry.argument(description="The bid and the lot.")],
    ) -> Annotated[
        RemoveBidLotPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("RemoveBidLotResult", description="The bid without the lot, or why not."),
    ]:
        bid = await info.context.run(
            bids.remove_bid_lot,
            bid_id=require_id(input.bid, "Bid", field="input.bid"),
            version=input.version,
            lot_id=require_id(input.lot, "Lot", field="input.lot"),
        )
        return RemoveBidLotPayload(bid=Bid.from_row(bid))

    @mutation(
        description="Save answers to the round's questions on a draft bid, one per question.",
        access=BIDS,
        errors=BidResult,
    )
    async def answer_questions(
        self,
        info: Info,
        input: Annotated[AnswerQuestionsInput, strawberry.argument(description="The bid and the answers.")],
    ) -> Annotated[
        AnswerQuestionsPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("AnswerQuestionsResult", description="The bid with its answers, or why not."),
    ]:
        answers = [
            bids.AnswerEntry(
                question_id=require_id(a.question, "RoundQuestion", field=f"input.answers[{i}].question"),
                answer=a.answer,
            )
            for i, a in enumerate(input.answers)
        ]
        bid = await info.context.run(
            bids.answer_questions,
            bid_id=require_id(input.bid, "Bid", field="input.bid"),
            version=input.version,
            answers=answers,
        )
        return AnswerQuestionsPayload(bid=Bid.from_row(bid))

    @mutation(
        description=(
            "Submit a complete draft bid before the round closes: at least one lot with establishments and a full "
            "pricing schedule, and an answer to every question. It is sealed and never changes after."
        ),
        access=BIDS,
        errors=(*BidResult, SupplierExcluded),
    )
    async def submit_bid(
        self,
        info: Info,
        input: Annotated[SubmitBidInput, strawberry.argument(description="The bid and the version you read.")],
    ) -> Annotated[
        SubmitBidPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion
        | e.SupplierExcluded,
        strawberry.union("SubmitBidResult", description="The submitted bid, or why not."),
    ]:
        bid = await info.context.run(
            bids.submit_bid, bid_id=require_id(input.bid, "Bid", field="input.bid"), version=input.version
        )
        return SubmitBidPayload(bid=Bid.from_row(bid))

    @mutation(
        description=(
            "Withdraw a draft or submitted bid while the round is open, saying why. It stays withdrawn; to apply "
            "again, start a new bid, optionally copied from it, and submit that before the deadline."
        ),
        access=BIDS,
        errors=BidResult,
    )
    async def withdraw_bid(
        self,
        info: Info,
        input: Annotated[
            WithdrawBidInput, strawberry.argument(description="The bid, the version you read, and why you withdraw it.")
        ],
    ) -> Annotated[
        WithdrawBidPayload
        | e.NotFound
        | e.Forbidden
        | e.ValidationError
        | e.InvalidTransition
        | e.DeadlinePassed
        | e.StaleVersion,
        strawberry.union("WithdrawBidResult", description="The withdrawn bid, or why not."),
    ]:
        bid = await info.context.run(
            bids.withdraw_bid,
            bid_id=require_id(input.bid, "Bid", field="input.bid"),
            version=input.version,
            reason=input.reason,
        )
        return WithdrawBidPayload(bid=Bid.from_row(bid))
