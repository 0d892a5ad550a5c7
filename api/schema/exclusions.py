"""The debarment list and the lead authority's excluded-supplier list: reading them, and loading them from CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import exclusions
from api.domain.errors import Forbidden, ValidationError
from api.resolvers import load
from api.schema import errors as e
from api.schema.base import RowBacked, field
from api.schema.enums import ExclusionList, IdentifierScheme
from api.schema.market import Authority
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from db import models as m

READ = requires("audit:read", R.LEAD_ADMIN, R.AUDITOR)
"""The lists are read by those who answer for compliance: the lead authority and auditors."""
LEAD = requires("memberships:write", R.LEAD_ADMIN)
"""Loading a list removes the excluded members: the scope the lead authority manages memberships with."""


@strawberry.type(
    description=(
        "A supplier on the debarment list (Procurement Act 2023, s.62) or on a lead authority's excluded-supplier "
        "list (s.57). It is matched against providers' identifiers; a provider it names may not apply to, be admitted "
        "to or be awarded a contract under a dynamic market or open framework while it is in force."
    )
)
class ExcludedSupplier(RowBacked):
    sources = {"on_list": "list"}

    row: strawberry.Private[object]
    on_list: ExclusionList = field("The list it is on.", name="list")
    scheme: IdentifierScheme = field("The scheme of the identifier it is named by.")
    identifier: str = field("The identifier, upper case with no spaces, e.g. 01234567.")
    name: str = field("The supplier's name as the list gives it.")
    reason: str = field("Why it is excluded, as the list gives it.")
    listed_on: dt.date = field("The first day the entry applies.")
    ends_on: dt.date | None = field("The last day it applies; null until it is taken off the list.")
    created_at: dt.datetime = field("When the list holding it was loaded.")

    @field("The lead authority whose excluded-supplier list it is on; null for the debarment list.")
    @load.relation
    def authority(self, info: Info) -> Authority | None:
        return load.related(info, m.Authority, self.row.authority_id, Authority.from_optional)

    @field("Whether it applies today: listed on or before today, and not ended before it.")
    def in_force(self, info: Info) -> bool:
        return exclusions.in_force(self.row, info.context.today)


@strawberry.input(
    description=(
        "A whole list as CSV text: a header row, then one row per supplier. It replaces the list. The columns are "
        "described in docs/exclusions.md."
    )
)
class ImportExcludedSuppliersInput:
    on_list: ExclusionList = field(
        "DEBARMENT: the national debarment list, which replaces it for every system. EXCLUDED_SUPPLIERS: your "
        "authority's own list, for the systems it leads.",
        name="list",
    )
    csv: str = field(
        "The file's text (UTF-8). Headings: scheme (GB-COH, GB-CHC or GB-PPON), identifier, name, reason, "
        "listed_on, ends_on (optional). A file with the header alone empties the list."
    )


@strawberry.type(description="The list loaded, and the memberships removed because of it.")
class ImportExcludedSuppliersPayload:
    on_list: ExclusionList = field("The list loaded.", name="list")
    entries: int = field("How many suppliers the list now holds: one per row.")
    replaced: int = field("How many it held before.")
    memberships_removed: int = field(
        "How many current lot memberships, of dynamic markets and open frameworks, were removed because their "
        "provider is now excluded. Each provider is told; memberships under the PCR 2015 are untouched."
    )


ImportExcludedSuppliersResult = result(
    "ImportExcludedSuppliersResult",
    ImportExcludedSuppliersPayload,
    e.Forbidden,
    e.ValidationError,
    description=(
        "The list loaded, or every problem: a ValidationError whose problems each name the row (the header is row "
        "1) and column, with `field` input.csv[row].column. Nothing is written unless every row is right."
    ),
)


@strawberry.type
class ExclusionQueries:
    @strawberry.field(
        description=(
            "The entries of the excluded-supplier lists: the debarment list, and your authority's own list (an "
            "auditor reads every authority's). The debarment list first, then by name. The lead authority and "
            "auditors only."
        ),
        extensions=[READ],
    )
    async def excluded_suppliers(
        self,
        info: Info,
        on_list: Annotated[
            ExclusionList | None, strawberry.argument(name="list", description="Only the entries of this list.")
        ] = None,
    ) -> list[ExcludedSupplier]:
        rows = await info.context.run(exclusions.excluded_suppliers, list=on_list)
        return ExcludedSupplier.from_rows(list(rows))


@strawberry.type(description="Load the excluded-supplier lists.")
class ExclusionMutations:
    @mutation(
        description=(
            "The lead authority loads the debarment list, or its own excluded-supplier list, from CSV, replacing it: "
            "all or nothing, every bad row reported with its row and column. Then every current membership, in a "
            "live dynamic market or open framework the list applies to, of a provider now excluded is removed with "
            "the reason recorded, and the provider is told."
        ),
        access=LEAD,
        errors=(Forbidden, ValidationError),
    )
    async def import_excluded_suppliers(
        self,
        info: Info,
        input: Annotated[ImportExcludedSuppliersInput, strawberry.argument(description="The list and its file.")],
    ) -> ImportExcludedSuppliersResult:
        done = await info.context.run(exclusions.import_excluded_suppliers, list=input.on_list, csv_text=input.csv)
        return ImportExcludedSuppliersPayload(
            on_list=done.list,
            entries=done.entries,
            replaced=done.replaced,
            memberships_removed=done.memberships_removed,
        )
