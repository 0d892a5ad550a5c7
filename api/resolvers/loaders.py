"""Per-request DataLoaders: one query per kind of relation, whatever the row count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from api.domain import endings, inspections, outcomes, queries, reviews, uplifts
from api.domain.review_clock import STATUTORY

if TYPE_CHECKING:
    from api.resolvers.context import Context


class Loaders:
    """Lazily created loaders, cached for the life of one request."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._cache: dict[Any, DataLoader[Any, Any]] = {}

    def by_id(self, model: type) -> DataLoader[int, Any]:
        """Rows of ``model`` by primary key; None where absent or not visible."""
        key = ("id", model)
        if key not in self._cache:

            async def load(ids: Sequence[int]) -> list[Any]:
                rows = await self._context.run(queries.rows_by_id, model=model, ids=ids)
                return [rows.get(i) for i in ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def children(self, model: type, column: Any, order_by: Sequence[Any] = ()) -> DataLoader[Any, list[Any]]:
        """Visible rows of ``model`` grouped by a parent key ``column``."""
        key = ("children", model, column.key, tuple(str(o) for o in order_by))
        if key not in self._cache:

            async def load(keys: Sequence[Any]) -> list[list[Any]]:
                grouped = await self._context.run(
                    queries.rows_by_parent, model=model, column=column, keys=keys, order_by=order_by
                )
                return [grouped.get(k, []) for k in keys]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def latest_report(self) -> DataLoader[int, Any]:
        """Each call-off's most recent outcome report, in one query."""
        key = "latest_report"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                rows = await self._context.run(queries.latest_reports, call_off_ids=call_off_ids)
                return [rows.get(i) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def latest_legacy_grade(self) -> DataLoader[int, Any]:
        """Each establishment's latest legacy-grade inspection (its old single Ofsted grade), in one query."""
        key = "latest_legacy_grade"
        if key not in self._cache:

            async def load(establishment_ids: Sequence[int]) -> list[Any]:
                rows = await self._context.run(inspections.latest_legacy_grades, establishment_ids=establishment_ids)
                return [rows.get(i) for i in establishment_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def uplift_affected(self) -> DataLoader[int, list[Any]]:
        """Each fee-uplift request's affected call-offs (unfiltered: the caller filters by visibility), in two
        queries."""
        key = "uplift_affected"
        if key not in self._cache:

            async def load(request_ids: Sequence[int]) -> list[Any]:
                found = await self._context.execute(lambda s: uplifts.affected_by_request(s, request_ids))
                return [found.get(i, []) for i in request_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def phase_ends(self) -> DataLoader[int, Any]:
        """Each call-off's phase ages and planned end (:func:`api.domain.endings.planned_ends`), in one query."""
        key = "phase_ends"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                found = await self._context.execute(lambda s: endings.planned_ends(s, call_off_ids))
                return [found.get(i, endings.PhaseEnds((), None)) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def terms_to_report(self) -> DataLoader[int, list[Any]]:
        """Each call-off's terms to write an outcome report for, with their open reports, in two queries."""
        key = "terms_to_report"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                found = await self._context.run(outcomes.terms_to_report_by_call_off, call_off_ids=call_off_ids)
                return [found.get(i, []) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def review_clocks(self) -> DataLoader[int, Any]:
        """Each call-off's placing authority's annual review clocks, in one query."""
        key = "review_clocks"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                found = await self._context.execute(lambda s: reviews.clocks_by_call_off(s, call_off_ids))
                return [found.get(i, STATUTORY) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def review_measures(self) -> DataLoader[int, list[Any]]:
        """Each call-off's outcome measures in use, that its annual review report may speak to, in one query."""
        key = "review_measures"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                found = await self._context.execute(lambda session: reviews.measures_for(session, call_off_ids))
                return [found.get(i, []) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]

    def latest_outcomes(self) -> DataLoader[int, list[Any]]:
        """Each call-off's latest value of every outcome measure, from its reports sent, in one query."""
        key = "latest_outcomes"
        if key not in self._cache:

            async def load(call_off_ids: Sequence[int]) -> list[Any]:
                found = await self._context.run(reviews.latest_outcomes, call_off_ids=call_off_ids)
                return [found.get(i, []) for i in call_off_ids]

            self._cache[key] = DataLoader(load_fn=load)
        return self._cache[key]
