"""Funding: integrated care boards, who pays what share of a placement, and agreeing one's contribution."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import calloffs, listings
from api.domain import funding as splits
from api.domain.errors import Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.domain.fees import WeeklyFees
from api.resolvers import load
from api.resolvers.relay import expect_id, require_id
from api.schema import errors as e
from api.schema import filters as f
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import FundingSplitStatus, FundingStream
from api.schema.lists import connection_field
from api.schema.market import Authority
from api.schema.mutation import mutation, result
from api.schema.permissions import public, requires
from api.schema.placements import CallOff, FeeBreakdown
from db import enums as db_enums
from db import models as m
from db.enums import CostElement
from db.fees import FEE_ELEMENTS

AGREE = requires("funding:write", R.ICB_COMMISSIONER, R.AUTHORITY_COMMISSIONER)
CHANGE = requires("funding:write", R.AUTHORITY_COMMISSIONER)

_HUNDRED = Decimal(100)


def _percent(basis_points: int) -> Decimal:
    return (Decimal(basis_points) / _HUNDRED).quantize(Decimal("0.01"))


@node_type(m.IntegratedCareBoard)
@strawberry.type(description="An NHS integrated care board: funds health needs. Public.")
class IntegratedCareBoard(Node, RowBacked):
    ods_code: str = field("Its NHS Organisation Data Service code, e.g. QYG.")
    name: str = field("Its name, e.g. NHS Cheshire and Merseyside Integrated Care Board.")
    active: bool = field("Whether it can be named as a funder.")


@strawberry.type(description="A funder's share of each cost element of the weekly fee, in percent (to 2 places).")
class FeeShares:
    education: Decimal = field("Share of the education element.")
    care: Decimal = field("Share of the residential care element.")
    health: Decimal = field("Share of the health provision element.")
    therapies: Decimal = field("Share of the therapies element.")
    additional_staffing: Decimal = field("Share of the additional staffing element.")

    @classmethod
    def of(cls, shares: dict[CostElement, int]) -> FeeShares:
        return cls(
            education=_percent(shares[CostElement.EDUCATION]),
            care=_percent(shares[CostElement.CARE]),
            health=_percent(shares[CostElement.HEALTH]),
            therapies=_percent(shares[CostElement.THERAPIES]),
            additional_staffing=_percent(shares[CostElement.ADDITIONAL_STAFFING]),
        )


@strawberry.type(description="Who pays: an authority's education or social care budget, or an integrated care board.")
class Funder:
    stream: FundingStream = field("EDUCATION or SOCIAL_CARE of an authority; HEALTH of an integrated care board.")
    authority_id: strawberry.Private[int | None]
    board_id: strawberry.Private[int | None]

    @field("The authority whose budget pays; null for health.")
    @load.relation
    def authority(self, info: Info) -> Authority | None:
        return load.related(info, m.Authority, self.authority_id, Authority.from_optional)

    @field("The integrated care board that pays; null for an authority's budget.")
    @load.relation
    def integrated_care_board(self, info: Info) -> IntegratedCareBoard | None:
        return load.related(info, m.IntegratedCareBoard, self.board_id, IntegratedCareBoard.from_optional)


@node_type(m.FundingContribution)
@strawberry.type(description="One funder's part of a funding split: its shares, what they come to, and its agreement.")
class FundingContribution(Node, RowBacked):
    position: int = field("Its place in the split, from 0: the rounding rule's tie-break and the default payer.")
    agreed_at: dt.datetime | None = field("When the funder agreed; null while it has not.")
    agreed_by: str | None = field("Who agreed: the funder's user, or the placing commissioner on its behalf.")
    on_behalf_reason: str | None = field("Why the placing authority agreed on the funder's behalf, when it did.")

    @field("The funding split it is part of.")
    @load.relation
    def split(self, info: Info) -> FundingSplit | None:
        return load.related(info, m.FundingSplit, self.row.split_id, FundingSplit.from_optional)

    @field("Who pays.")
    def funder(self) -> Funder:
        r = self.row
        return Funder(stream=r.stream, authority_id=r.authority_id, board_id=r.integrated_care_board_id)

    @field("The funder's share of each cost element.")
    def shares(self) -> FeeShares:
        return FeeShares.of(splits.shares_of(self.row))

    @field("What the shares come to each week per place, by the rounding rule, in pence.")
    def weekly_amounts(self) -> FeeBreakdown:
        return FeeBreakdown.of(WeeklyFees.of(self.row))

    @field("Whether the funder has agreed.")
    def agreed(self) -> bool:
        return self.row.agreed_at is not None

    @field("Whether you may agree it as its funder (without giving a reason for agreeing on its behalf).")
    def yours_to_agree(self, info: Info) -> bool:
        return self.row.agreed_at is None and splits.may_agree(info.context.actor, self.row)


@node_type(m.FundingSplit)
@strawberry.type(
    description=(
        "Who pays which share of each cost element of a call-off's weekly fee per place, from a date. The pence "
        "follow one rounding rule: each funder gets the whole pence of its exact part, and the pence left over go "
        "one each to the funders that lost most in rounding (a tie to the funder listed first), so the "
        "contributions sum exactly to the weekly fee. An element nobody was given a share of goes to the first "
        "funder. Visible to the placing authority, to each funder named, to the lead authority and auditors; "
        "never to providers."
    )
)
class FundingSplit(Node, RowBacked):
    effective_from: dt.date = field("The first day it applies; it applies until a later split starts.")
    proposed_at: dt.datetime = field("When it was proposed.")
    version: int = field("The version, for optimistic locking: send it back when agreeing.")

    @field("The call-off it splits.")
    @load.relation
    def call_off(self, info: Info) -> CallOff | None:
        return load.related(info, m.CallOff, self.row.call_off_id, CallOff.from_optional)

    @field("The funders and their parts, in order.")
    @load.relation
    def contributions(self, info: Info) -> list[FundingContribution]:
        return self._contributions(info, FundingContribution.from_rows)

    @field("PENDING until every funder has agreed, then AGREED.")
    @load.relation
    def status(self, info: Info) -> FundingSplitStatus:
        return self._contributions(info, status_of)

    def _contributions(self, info: Info, wrap: Any) -> Any:
        return load.related_children(
            info,
            m.FundingContribution,
            m.FundingContribution.split_id,
            self.row.id,
            wrap,
            (m.FundingContribution.position,),
        )


def status_of(rows: list[m.FundingContribution]) -> db_enums.FundingSplitStatus:
    """AGREED when every contribution is agreed."""
    if all(r.agreed_at is not None for r in rows):
        return db_enums.FundingSplitStatus.AGREED
    return db_enums.FundingSplitStatus.PENDING


# -- inputs ---------------------------------------------------------------------------------------


@strawberry.input(
    description=(
        "One funder and its share of each cost element, in percent to at most 2 places. Each element priced must "
        "be shared out exactly: its shares across the contributions add up to 100."
    )
)
class FundingContributionInput:
    stream: FundingStream = field("Which budget pays.")
    authority: strawberry.ID | None = strawberry.field(
        default=None,
        description="For EDUCATION or SOCIAL_CARE: the authority whose budget pays; the placing authority if omitted.",
    )
    integrated_care_board: strawberry.ID | None = strawberry.field(
        default=None, description="For HEALTH: the integrated care board that pays."
    )
    education: Decimal = strawberry.field(default=Decimal(0), description="Share of education, in percent.")
    care: Decimal = strawberry.field(default=Decimal(0), description="Share of residential care, in percent.")
    health: Decimal = strawberry.field(default=Decimal(0), description="Share of health provision, in percent.")
    therapies: Decimal = strawberry.field(default=Decimal(0), description="Share of therapies, in percent.")
    additional_staffing: Decimal = strawberry.field(
        default=Decimal(0), description="Share of additional staffing, in percent."
    )

    def contribution(self, *, placing_authority_id: int | None, path: str) -> splits.Contribution:
        stream = db_enums.FundingStream(self.stream)
        board = expect_id(self.integrated_care_board, "IntegratedCareBoard", field=f"{path}.integratedCareBoard")
        authority = expect_id(self.authority, "Authority", field=f"{path}.authority")
        if stream is not db_enums.FundingStream.HEALTH and authority is None:
            authority = placing_authority_id
        shares = {}
        for element in FEE_ELEMENTS:
            share = getattr(self, element.value.lower())
            if not share.is_finite() or not 0 <= share <= _HUNDRED:
                raise ValidationError(
                    "Give a share from 0 to 100 percent", field=f"{path}.{splits.INPUT_NAMES[element]}"
                )
            basis_points = share * _HUNDRED
            if basis_points != basis_points.to_integral_value():
                raise ValidationError(
                    "Give a share to at most 2 decimal places", field=f"{path}.{splits.INPUT_NAMES[element]}"
                )
            shares[element] = int(basis_points)
        return splits.Contribution(
            splits.Funder(stream, None if stream is db_enums.FundingStream.HEALTH else authority, board), shares
        )


@strawberry.input(description="A funding split: who pays which share of each cost element.")
class FundingSplitInput:
    contributions: list[FundingContributionInput] = field(
        "The funders, in order: the first takes any element nobody was given a share of. At most 8."
    )

    def terms(
        self, *, placing_authority_id: int | None, field: str = "input.fundingSplit"
    ) -> list[splits.Contribution]:
        return [
            c.contribution(placing_authority_id=placing_authority_id, path=f"{field}.contributions[{i}]")
            for i, c in enumerate(self.contributions)
        ]


@strawberry.input(description="Agree one funder's contribution to a split.")
class AgreeFundingContributionInput:
    contribution: strawberry.ID = field("The contribution, not yet agreed.")
    version: int = field("The split's version you read.")
    on_behalf_reason: str | None = strawberry.field(
        default=None,
        description=(
            "Required when you agree for another funder, as the placing authority's commissioner: who agreed it, "
            "and when. Up to 2,000 characters."
        ),
    )


@strawberry.input(description="A new funding split of a call-off, from a date, without changing its fees.")
class ChangeFundingSplitInput:
    call_off: strawberry.ID = field("Your authority's call-off, PENDING or ACTIVE.")
    version: int = field("The call-off's version you read.")
    effective_from: dt.date = field("The first day the split applies: not before the call-off's latest split.")
    funding_split: FundingSplitInput = field("The funders and their shares.")


@strawberry.type(description="The funding split.")
class FundingSplitPayload:
    funding_split: FundingSplit = field("The split, with its contributions.")


AgreeFundingContributionResult = result(
    "AgreeFundingContributionResult",
    FundingSplitPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The split with the contribution agreed, or why not.",
)
ChangeFundingSplitResult = result(
    "ChangeFundingSplitResult",
    FundingSplitPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The new split, or why not.",
)

ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)


@strawberry.type(description="Agree and change who pays for placements.")
class FundingMutations:
    @mutation(
        description=(
            "Agree one contribution to a funding split: as its funder (an integrated care board's user, or another "
            "authority's commissioner), or as the placing authority's commissioner on the funder's behalf, with the "
            "reason. When the last funder agrees, the split is AGREED and the placing authority is told."
        ),
        access=AGREE,
        errors=ERRORS,
    )
    async def agree_funding_contribution(
        self,
        info: Info,
        input: Annotated[AgreeFundingContributionInput, strawberry.argument(description="The agreement.")],
    ) -> AgreeFundingContributionResult:
        row = await info.context.run(
            splits.agree,
            contribution_id=require_id(input.contribution, "FundingContribution", field="input.contribution"),
            version=input.version,
            on_behalf_reason=input.on_behalf_reason,
        )
        return FundingSplitPayload(funding_split=FundingSplit.from_row(row))

    @mutation(
        description=(
            "Split a call-off's weekly fee between funders differently from a date, leaving its fees as they are. "
            "Your authority's budgets are agreed as you propose; every other funder is asked to agree."
        ),
        access=CHANGE,
        errors=ERRORS,
    )
    async def change_funding_split(
        self,
        info: Info,
        input: Annotated[ChangeFundingSplitInput, strawberry.argument(description="The new split.")],
    ) -> ChangeFundingSplitResult:
        row = await info.context.run(
            calloffs.change_funding_split,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            effective_from=input.effective_from,
            split=input.funding_split.terms(placing_authority_id=info.context.actor.authority_id),
        )
        return FundingSplitPayload(funding_split=FundingSplit.from_row(row))


@strawberry.type(description="Integrated care boards, and who pays for placements.")
class FundingQueries:
    integrated_care_boards = connection_field(
        IntegratedCareBoard,
        f.IntegratedCareBoardFilter,
        listings.integrated_care_boards,
        description="NHS integrated care boards, the funders of health needs. Public.",
        access=public(),
    )
    funding_splits = connection_field(
        FundingSplit,
        f.FundingSplitFilter,
        listings.funding_splits,
        description=(
            "Funding splits: the placing authority's, each funder's own, or every one for the lead authority and "
            "auditors. Filter `yoursToAgree` for those waiting for you."
        ),
        access=requires(
            "funding:read", R.ICB_COMMISSIONER, R.AUTHORITY_COMMISSIONER, R.AUTHORITY_ANALYST, R.LEAD_ADMIN, R.AUDITOR
        ),
    )
