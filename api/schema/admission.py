"""Admission: application rounds, questions, bids, pricing schedules and evaluations."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import bids
from api.domain import status as st
from api.domain.evaluation import decision_published
from api.resolvers import load
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import BidStatus, LotDecision, QuestionKind, RoundStatus
from api.schema.market import Establishment, Lot, PriceLine, Provider, PurchasingSystem
from db import models as m


@node_type(m.ApplicationRound)
@strawberry.type(description="A window in which providers bid for admission to lots. Its state follows from its dates.")
class ApplicationRound(Node, RowBacked):
    number: int = field("The round's number within its system: 1, 2, …")
    opens_at: dt.datetime = field("When bids may first be submitted.")
    clarification_deadline: dt.datetime | None = field("Last time to ask clarification questions.")
    closes_at: dt.datetime = field("The bid deadline. Bids stay sealed until then.")
    standstill_ends_at: dt.datetime | None = field("When the standstill period after decisions ends.")
    cancelled_at: dt.datetime | None = field("When the round was cancelled.")
    cancel_reason: str | None = field("Why the round was cancelled.")
    version: int = field("The version, for optimistic locking.")

    @field("The round's state, derived from its dates and the clock.")
    def status(self, info: Info) -> RoundStatus:
        return st.round_status(self.row, info.context.now)

    @field("The purchasing system the round admits to.")
    @load.relation
    def system(self, info: Info) -> PurchasingSystem:
        return load.related(info, m.PurchasingSystem, self.row.system_id, PurchasingSystem.from_row)

    @field("The lots open for bids in this round.")
    async def lots(self, info: Info) -> list[Lot]:
        links = await load.children(info, m.RoundLot, m.RoundLot.round_id, self.row.id)
        return Lot.from_rows(await load.many(info, m.Lot, sorted(x.lot_id for x in links)))

    @field("The round's questions, in order.")
    @load.relation
    def questions(self, info: Info) -> list[RoundQuestion]:
        return load.related_children(
            info,
            m.RoundQuestion,
            m.RoundQuestion.round_id,
            self.row.id,
            RoundQuestion.from_rows,
            (m.RoundQuestion.number,),
        )

    @field(
        "Clarification questions and their published answers, oldest first; never who asked. A provider also "
        "sees its own questions still awaiting an answer, and the lead authority every question."
    )
    @load.relation
    def clarifications(self, info: Info) -> list[RoundClarification]:
        return load.related_children(
            info,
            m.RoundClarification,
            m.RoundClarification.round_id,
            self.row.id,
            RoundClarification.from_rows,
            (m.RoundClarification.asked_at,),
        )

    @field(
        "Your own application (bid) in this round that you have not withdrawn: a draft or a submitted one. Null if "
        "you have none, or are not a provider."
    )
    @load.relation
    def own_bid(self, info: Info) -> Bid | None:
        actor = info.context.actor
        if bids.bidder(actor) is None:
            return None
        return load.related_children(
            info, m.Bid, m.Bid.round_id, self.row.id, lambda rows: Bid.from_optional(bids.own_live_bid(actor, rows))
        )

    @field("Changes to the round's dates after it opened, oldest first, each with its reason.")
    @load.relation
    def schedule_changes(self, info: Info) -> list[RoundScheduleChange]:
        return load.related_children(
            info,
            m.RoundScheduleChange,
            m.RoundScheduleChange.round_id,
            self.row.id,
            RoundScheduleChange.from_rows,
            (m.RoundScheduleChange.changed_at,),
        )


@node_type(m.RoundQuestion)
@strawberry.type(description="A question of a round: SELECTION questions pass or fail; AWARD questions are scored.")
class RoundQuestion(Node, RowBacked):
    number: int = field("The question's number within the round.")
    kind: QuestionKind = field("SELECTION (pass/fail) or AWARD (scored).")
    text: str = field("The question.")
    weight: int | None = field("For AWARD questions, the weight in percent; AWARD weights sum to 100.")


@node_type(m.Bid)
@strawberry.type(description="A provider's application in a round. Sealed until the round closes.")
class Bid(Node, RowBacked):
    submitted_at: dt.datetime | None = field("When the bid was submitted.")
    withdrawn_at: dt.datetime | None = field("When the bid was withdrawn.")
    withdrawal_reason: str | None = field(
        "Why the provider withdrew the bid, in its own words. Read wherever the bid is: by the bidder, and once "
        "the round has closed by the lead authority and auditors. Null while the bid is not withdrawn, and for a "
        "bid withdrawn before reasons were asked for."
    )
    version: int = field("The version, for optimistic locking.")

    @field("DRAFT, SUBMITTED or WITHDRAWN.")
    def status(self) -> BidStatus:
        return st.bid_status(self.row)

    @field("The round bid in.")
    @load.relation
    def round(self, info: Info) -> ApplicationRound:
        return load.related(info, m.ApplicationRound, self.row.round_id, ApplicationRound.from_row)

    @field("The bidding provider.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The lots bid for, each with its establishments, prices and decision.")
    @load.relation
    def lots(self, info: Info) -> list[BidLot]:
        return load.related_children(info, m.BidLot, m.BidLot.bid_id, self.row.id, BidLot.from_rows)

    @field("The answers to the round's questions.")
    @load.relation
    def answers(self, info: Info) -> list[BidAnswer]:
        return load.related_children(info, m.BidAnswer, m.BidAnswer.bid_id, self.row.id, BidAnswer.from_rows)


@node_type(m.BidLot)
@strawberry.type(description="One lot of a bid: the establishments offered, the pricing schedule and the decision.")
class BidLot(Node, RowBacked):
    async def _published(self, info: Info) -> bool:
        """Buyers see decisions as they are made; the bidder once they are published."""
        if info.context.actor.has_role(R.LEAD_ADMIN, R.EVALUATOR, R.AUDITOR):
            return True
        bid = await load.one(info, m.Bid, self.row.bid_id)
        round_ = await load.one(info, m.ApplicationRound, bid.round_id)
        system = await load.one(info, m.PurchasingSystem, round_.system_id)
        return decision_published(round_, system, self.row)

    @field("ADMITTED or REJECTED, once decided; the bidder sees it when the round's decisions are published.")
    async def decision(self, info: Info) -> LotDecision | None:
        return self.row.decision if await self._published(info) else None

    @field("When the decision was made; shown to the bidder with the decision.")
    async def decided_at(self, info: Info) -> dt.datetime | None:
        return self.row.decided_at if await self._published(info) else None

    @field("Feedback on the decision; shown to the bidder with the decision.")
    async def feedback(self, info: Info) -> str | None:
        return self.row.feedback if await self._published(info) else None

    @field("The bid this lot belongs to.")
    @load.relation
    def bid(self, info: Info) -> Bid | None:
        return load.related(info, m.Bid, self.row.bid_id, Bid.from_optional)

    @field("The lot bid for.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.row.lot_id, Lot.from_row)

    @field("The establishments offered for the lot.")
    async def establishments(self, info: Info) -> list[Establishment]:
        links = await load.children(info, m.BidLotEstablishment, m.BidLotEstablishment.bid_lot_id, self.row.id)
        return Establishment.from_rows(await load.many(info, m.Establishment, [x.establishment_id for x in links]))

    @field("The pricing schedule: weekly fees per band and cost element.")
    @load.relation
    def pricing_schedule(self, info: Info) -> list[PriceLine]:
        return load.related_children(
            info,
            m.PricingLine,
            m.PricingLine.bid_lot_id,
            self.row.id,
            PriceLine.from_rows,
            (m.PricingLine.band, m.PricingLine.element),
        )

    @field("The moderated result; shown to the bidder with the decision.")
    async def moderation(self, info: Info) -> Moderation | None:
        rows = await load.children(info, m.Moderation, m.Moderation.bid_lot_id, self.row.id)
        return Moderation.from_optional(rows[0] if rows else None)

    @field("Evaluators' assessments of this lot, where you may see them.")
    @load.relation
    def evaluations(self, info: Info) -> list[Evaluation]:
        return load.related_children(info, m.Evaluation, m.Evaluation.bid_lot_id, self.row.id, Evaluation.from_rows)


@strawberry.type(description="A bid's answer to one question.")
class BidAnswer(RowBacked):
    row: strawberry.Private[object]
    answer: str = field("The provider's answer.")

    @field("The question answered.")
    @load.relation
    def question(self, info: Info) -> RoundQuestion:
        return load.related(info, m.RoundQuestion, self.row.question_id, RoundQuestion.from_row)


@node_type(m.Evaluation)
@strawberry.type(description="One evaluator's assessment of a bid lot, and its moderated result.")
class Evaluation(Node, RowBacked):
    sources = {"evaluator": "evaluator_ref"}

    evaluator: str = field("The evaluator's reference.")
    passed: bool | None = field("Whether, in this evaluator's view, the bid lot passed every SELECTION question.")
    feedback: str | None = field("The evaluator's notes.")
    completed_at: dt.datetime | None = field("When the evaluator finished.")
    version: int = field("The version, for optimistic locking.")

    @field("Scores per AWARD question.")
    @load.relation
    def scores(self, info: Info) -> list[CriterionScore]:
        return load.related_children(
            info, m.CriterionScore, m.CriterionScore.evaluation_id, self.row.id, CriterionScore.from_rows
        )


@strawberry.type(description="An evaluator's mark on one question: a score (AWARD) or pass/fail (SELECTION).")
class CriterionScore(RowBacked):
    row: strawberry.Private[object]
    score: int | None = field("The score, 0 to 5, for an AWARD question.")
    passed: bool | None = field("Pass or fail, for a SELECTION question.")
    comment: str | None = field("The evaluator's reasoning.")

    @field("The question scored.")
    @load.relation
    def question(self, info: Info) -> RoundQuestion:
        return load.related(info, m.RoundQuestion, self.row.question_id, RoundQuestion.from_row)


@node_type(m.Moderation)
@strawberry.type(description="The agreed result for a bid lot, moderated from its evaluators' marks.")
class Moderation(Node, RowBacked):
    moderator: str = field("Who moderated.")
    moderated_at: dt.datetime = field("When the result was agreed.")
    rationale: str = field("Why the agreed marks are what they are.")
    passed_selection: bool = field("Whether the bid lot passed every SELECTION question; a fail excludes it.")
    score: float | None = field("The weighted award score out of 100; null after a selection fail.")
    version: int = field("The version, for optimistic locking.")
    sources = {"moderator": "moderator_ref"}

    @field("The agreed score per AWARD question.")
    @load.relation
    def scores(self, info: Info) -> list[ModeratedScore]:
        return load.related_children(
            info, m.ModeratedScore, m.ModeratedScore.moderation_id, self.row.id, ModeratedScore.from_rows
        )


@strawberry.type(description="The agreed score on one AWARD question.")
class ModeratedScore(RowBacked):
    row: strawberry.Private[object]
    score: int = field("The agreed score, 0 to 5.")

    @field("The question scored.")
    @load.relation
    def question(self, info: Info) -> RoundQuestion:
        return load.related(info, m.RoundQuestion, self.row.question_id, RoundQuestion.from_row)


@node_type(m.RoundClarification)
@strawberry.type(
    description="A clarification question about a round and the lead authority's answer, published to every bidder."
)
class RoundClarification(Node, RowBacked):
    question: str = field("The question, as asked.")
    answer: str | None = field("The published answer; null until answered.")
    answered_at: dt.datetime | None = field("When the answer was published.")

    @field("Whether your organisation asked this question. Who asked is never shown to anyone else.")
    def asked_by_you(self, info: Info) -> bool:
        actor = info.context.actor
        return actor.has_role(R.PROVIDER_USER) and actor.provider_id == self.row.provider_id


@strawberry.type(description="A round's dates.")
class RoundSchedule:
    opens_at: dt.datetime = field("When bids may first be submitted.")
    clarification_deadline: dt.datetime | None = field("Last time to ask clarification questions.")
    closes_at: dt.datetime = field("The bid deadline.")
    standstill_ends_at: dt.datetime | None = field("When the standstill period after decisions ends.")

    @classmethod
    def from_json(cls, dates: dict[str, str | None]) -> RoundSchedule:
        def at(name: str) -> dt.datetime | None:
            value = dates.get(name)
            return None if value is None else dt.datetime.fromisoformat(value)

        return cls(
            opens_at=at("opensAt"),  # type: ignore[arg-type]
            clarification_deadline=at("clarificationDeadline"),
            closes_at=at("closesAt"),  # type: ignore[arg-type]
            standstill_ends_at=at("standstillEndsAt"),
        )


@strawberry.type(description="A change to an open round's dates, with the reason given and the dates before and after.")
class RoundScheduleChange(RowBacked):
    row: strawberry.Private[object]
    changed_at: dt.datetime = field("When the dates were changed.")
    reason: str = field("Why the dates were changed.")

    @field("The dates before the change.")
    def before(self) -> RoundSchedule:
        return RoundSchedule.from_json(self.row.before)  # type: ignore[attr-defined]

    @field("The dates after the change.")
    def after(self) -> RoundSchedule:
        return RoundSchedule.from_json(self.row.after)  # type: ignore[attr-defined]
