"""OCDS 1.1 publication: releases and records for each purchasing system and every call-off.

Contracting processes:

- A **purchasing system** is one process with the system's ``ocid``: a
  ``tender`` release when it opens (lots, dynamic purchasing system technique,
  the lead authority as buyer and procuring entity, the member authorities as
  buyers), a ``tenderUpdate`` when it closes, and for every lot membership an
  ``award`` release naming the admitted provider (``relatedLots``,
  ``suppliers``) and an ``awardUpdate`` if the membership is removed.
- A **call-off** is its own process, ``ocid`` = ``<system ocid>-<call-off
  reference>``, linked to the system by ``relatedProcesses`` (``framework``).
  Releases: ``award``/``contract`` when awarded, ``implementation`` when the
  placement starts (if after the award), ``contractAmendment`` for each fee
  amendment, ``contractTermination`` when terminated or once its end date has
  passed.

Only public facts are published: organisations, lots, dates, statuses and
money. Never a child's reference, needs, home, or any free text written about
a placement (reasons, notes, statements), and never council staff. Amendments
carry a fixed rationale per reason code and their dates; terminations only
their date. Establishments are not named in call-offs.

Money is integer pence in the database and a ``Decimal`` of pounds here. An
award's and a contract's ``value`` is the **annual cost** (weekly fees ×
weeks per year × places): at award, then after each amendment.

Releases are listed in a fixed order: systems, then memberships, then
call-offs, each by id, and each entity's releases by date. A
:class:`Position` (segment, entity id, index of the release within its
entity) is the keyset cursor. A page costs a bounded number of statements,
whatever its size. Only releases dated up to ``now`` are published.

Records merge a process's releases into a ``compiledRelease`` with the OCDS
merge rules, for the fields emitted here (see :func:`compile_releases`).
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.domain import regimes
from api.domain.errors import ValidationError
from api.domain.fees import WeeklyFees, annual_cost
from db import models as m
from db.enums import AmendmentReason, CallOffType, IdentifierScheme, PlacementType, ReferralMode

OCDS_VERSION = "1.1"
PUBLISHER = {"name": "North West SEND Flexible Purchasing System"}
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/"
    "5568b00a8dd694a3d34441bdd9ef2bd3f9d44b11/extension.json",
)
"""The lots and techniques extensions, at the versions vendored under ``openapi/ocds/``."""

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
CURRENCY = "GBP"
CPV_SPECIAL_EDUCATION = {"scheme": "CPV", "id": "80340000", "description": "Special education services"}
GSS_SCHEME = "GB-GSS"
"""ONS Government Statistical Service codes, which identify the local authorities."""
GSS_URI = "https://statistics.data.gov.uk/id/statistical-geography/"

IDENTIFIER_PREFERENCE = (IdentifierScheme.GB_COH, IdentifierScheme.GB_CHC, IdentifierScheme.GB_PPON)
"""Which of a provider's identifiers makes its party id; the others are additional identifiers."""

RATIONALE = {
    AmendmentReason.ANNUAL_UPLIFT: "Annual uplift of the weekly fees.",
    AmendmentReason.NEEDS_CHANGE: "Weekly fees changed after a change of assessed need.",
    AmendmentReason.PROVISION_CHANGE: "Weekly fees changed after a change of provision.",
    AmendmentReason.CORRECTION: "Correction of an earlier error in the weekly fees.",
}
"""The only words published about an amendment: one fixed sentence per reason code."""

WHOLE_LIST_MERGE = frozenset({"additionalIdentifiers", "additionalClassifications"})
OMIT_WHEN_MERGED = frozenset({"id", "date", "tag"})

SYSTEMS, MEMBERSHIPS, CALL_OFFS = 0, 1, 2
SEGMENTS = (SYSTEMS, MEMBERSHIPS, CALL_OFFS)
_INSTANT = dt.timedelta(microseconds=1)
_DAY = dt.timedelta(days=1)

Json = dict[str, Any]


# -- dates, windows and cursors -----------------------------------------------------------------


def stamp(moment: dt.datetime) -> str:
    """An RFC 3339 UTC timestamp, e.g. ``2026-03-02T12:00:00Z``."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _day_start(day: dt.date) -> str:
    return stamp(_midnight(day))


def _day_end(day: dt.date) -> str:
    return stamp(_midnight(day) + _DAY - dt.timedelta(seconds=1))


def _ceil_day(moment: dt.datetime) -> dt.date:
    """The first day whose midnight is at or after ``moment``."""
    day = moment.date()
    return day if moment == _midnight(day) else day + _DAY


@dataclass(frozen=True)
class Window:
    """Release dates from ``start`` (inclusive, unbounded when None) to ``stop`` (exclusive)."""

    start: dt.datetime | None
    stop: dt.datetime

    def holds(self, moment: dt.datetime) -> bool:
        return (self.start is None or self.start <= moment) and moment < self.stop

    def at(self, column: Any) -> ColumnElement[bool]:
        """SQL: a timestamp column within the window."""
        upper = column < self.stop
        return upper if self.start is None else and_(column >= self.start, upper)

    def midnight_of(self, column: Any, *, shift: int = 0) -> ColumnElement[bool]:
        """SQL: the midnight of (a date column + ``shift`` days) within the window."""
        upper = column < _ceil_day(self.stop) - dt.timedelta(days=shift)
        if self.start is None:
            return upper
        return and_(column >= _ceil_day(self.start) - dt.timedelta(days=shift), upper)


def parse_moment(value: str | None, *, field: str, end: bool) -> dt.datetime | None:
    """An ISO date or date-time from a query string, as a UTC bound.

    A date ``since`` means its midnight; a date ``until`` (``end``) means the
    whole day. A date-time without an offset is taken as UTC.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return _midnight(day + _DAY) if end else _midnight(day)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"{field}: expected an ISO 8601 date (2025-04-01) or date-time (2025-04-01T09:00:00Z)", field=field
        ) from None
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment + _INSTANT if end else moment


def publication_window(
    now: dt.datetime, *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> Window:
    """Releases dated from ``since`` up to ``until`` (exclusive bounds from :func:`parse_moment`), never after now."""
    stop = now + _INSTANT if until is None else min(until, now + _INSTANT)
    if since is not None and until is not None and since >= until:
        raise ValidationError("since: must be before until", field="since")
    return Window(start=since, stop=stop)


@dataclass(frozen=True, order=True)
class Position:
    """Where a release stands in the published order: segment, entity id, index within the entity."""

    segment: int
    entity: int
    index: int

    def encode(self) -> str:
        raw = f"{self.segment}.{self.entity}.{self.index}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, *, field: str = "cursor") -> Position:
        problem = ValidationError(f"{field}: not a cursor given by this API", field=field)
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
            segment, entity, index = (int(part) for part in raw.split("."))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise problem from None
        if segment not in SEGMENTS or entity < 0 or index < 0:
            raise problem
        return cls(segment, entity, index)


# -- the data a page needs, loaded in bulk -------------------------------------------------------


@dataclass
class _Context:
    """Rows referred to by the releases being built, each kind loaded in one statement."""

    session: AsyncSession
    systems: dict[int, m.PurchasingSystem] = field(default_factory=dict)
    lots: dict[int, m.Lot] = field(default_factory=dict)
    lots_by_system: dict[int, list[m.Lot]] = field(default_factory=lambda: defaultdict(list))
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    authorities: dict[int, m.Authority] = field(default_factory=dict)
    providers: dict[int, m.Provider] = field(default_factory=dict)
    identifiers: dict[int, list[m.ProviderIdentifier]] = field(default_factory=lambda: defaultdict(list))
    amendments: dict[int, list[m.FeeAmendment]] = field(default_factory=lambda: defaultdict(list))
    modes: dict[int, ReferralMode] = field(default_factory=dict)
    _whole_systems: set[int] = field(default_factory=set)
    _loaded_amendments: set[int] = field(default_factory=set)

    async def load(
        self,
        *,
        systems: Iterable[m.PurchasingSystem] = (),
        lot_ids: Iterable[int] = (),
        provider_ids: Iterable[int] = (),
        authority_ids: Iterable[int] = (),
        call_offs: Iterable[m.CallOff] = (),
    ) -> None:
        """Everything the given rows refer to, skipping what is already loaded."""
        session = self.session
        call_offs = list(call_offs)
        whole = {system.id for system in systems} - self._whole_systems
        for system in systems:
            self.systems[system.id] = system
        wanted_lots = set(lot_ids) - set(self.lots)
        if whole or wanted_lots:
            stmt = select(m.Lot).where(or_(m.Lot.system_id.in_(whole), m.Lot.id.in_(wanted_lots)))
            for lot in await session.scalars(stmt):
                self.lots[lot.id] = lot
        missing = {lot.system_id for lot in self.lots.values()} - set(self.systems)
        if missing:
            for system in await session.scalars(select(m.PurchasingSystem).where(m.PurchasingSystem.id.in_(missing))):
                self.systems[system.id] = system
        if whole:
            for lot in sorted(self.lots.values(), key=lambda lot: (lot.position, lot.id)):
                if lot.system_id in whole:
                    self.lots_by_system[lot.system_id].append(lot)
            stmt = select(m.SystemMember.system_id, m.SystemMember.authority_id).where(
                m.SystemMember.system_id.in_(whole)
            )
            for system_id, authority_id in await session.execute(stmt.order_by(m.SystemMember.authority_id)):
                self.members[system_id].append(authority_id)
            self._whole_systems |= whole
        wanted = set(authority_ids) | {c.authority_id for c in call_offs}
        wanted |= {s.lead_authority_id for s in self.systems.values()}
        wanted |= {a for ids in self.members.values() for a in ids}
        wanted -= set(self.authorities)
        if wanted:
            for authority in await session.scalars(select(m.Authority).where(m.Authority.id.in_(wanted))):
                self.authorities[authority.id] = authority
        wanted = (set(provider_ids) | {c.provider_id for c in call_offs}) - set(self.providers)
        if wanted:
            for provider in await session.scalars(select(m.Provider).where(m.Provider.id.in_(wanted))):
                self.providers[provider.id] = provider
            stmt = select(m.ProviderIdentifier).where(m.ProviderIdentifier.provider_id.in_(wanted))
            for identifier in await session.scalars(stmt.order_by(m.ProviderIdentifier.id)):
                self.identifiers[identifier.provider_id].append(identifier)
        wanted = {c.id for c in call_offs} - self._loaded_amendments
        if wanted:
            stmt = select(m.FeeAmendment).where(m.FeeAmendment.call_off_id.in_(wanted))
            for amendment in await session.scalars(stmt.order_by(m.FeeAmendment.effective_from, m.FeeAmendment.id)):
                self.amendments[amendment.call_off_id].append(amendment)
            self._loaded_amendments |= wanted
        wanted = {c.referral_id for c in call_offs if c.referral_id is not None} - set(self.modes)
        if wanted:
            # Only the award procedure: nothing else about a referral is ever read here.
            stmt = select(m.Referral.id, m.Referral.mode).where(m.Referral.id.in_(wanted))
            self.modes.update({referral_id: mode for referral_id, mode in await session.execute(stmt)})


# -- parties -------------------------------------------------------------------------------------


def _authority_id(authority: m.Authority) -> str:
    return f"{GSS_SCHEME}-{authority.gss_code}"


def _authority_party(authority: m.Authority, roles: list[str]) -> Json:
    return {
        "id": _authority_id(authority),
        "name": authority.name,
        "identifier": {
            "scheme": GSS_SCHEME,
            "id": authority.gss_code,
            "legalName": authority.name,
            "uri": GSS_URI + authority.gss_code,
        },
        "roles": roles,
    }


def _provider_identifiers(ctx: _Context, provider_id: int) -> list[Json]:
    rank = {scheme: i for i, scheme in enumerate(IDENTIFIER_PREFERENCE)}
    rows = sorted(ctx.identifiers.get(provider_id, []), key=lambda r: (rank.get(r.scheme, len(rank)), r.id))
    legal_name = ctx.providers[provider_id].legal_name
    return [{"scheme": r.scheme.value, "id": r.identifier, "legalName": legal_name} for r in rows]


def _provider_id(ctx: _Context, provider_id: int) -> str:
    identifiers = _provider_identifiers(ctx, provider_id)
    if not identifiers:
        return f"nwsend-provider-{provider_id}"
    return f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"


def _provider_party(ctx: _Context, provider_id: int) -> Json:
    identifiers = _provider_identifiers(ctx, provider_id)
    party: Json = {"id": _provider_id(ctx, provider_id), "name": ctx.providers[provider_id].legal_name}
    if identifiers:
        party["identifier"] = identifiers[0]
    if len(identifiers) > 1:
        party["additionalIdentifiers"] = identifiers[1:]
    party["roles"] = ["supplier"]
    return party


def _reference(party: Json) -> Json:
    return {"id": party["id"], "name": party["name"]}


# -- releases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Release:
    """One release of an entity, before its place in the order is known."""

    date: dt.datetime
    data: Json


def _release(ocid: str, suffix: str, date: dt.datetime, tags: list[str], **sections: Any) -> _Release:
    data: Json = {
        "ocid": ocid,
        "id": f"{ocid}-{suffix}",
        "date": stamp(date),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
    }
    data.update(sections)
    return _Release(date=date, data=data)


def _pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


def _value(pence: int) -> Json:
    return {"amount": _pounds(pence), "currency": CURRENCY}


def _lot(lot: m.Lot) -> Json:
    kind = "Residential" if lot.placement_type is PlacementType.RESIDENTIAL else "Day"
    return {
        "id": lot.code,
        "title": lot.title,
        "description": f"{kind} placements, {lot.weeks_per_year} weeks a year, ages {lot.age_min} to {lot.age_max}.",
        "status": "active",
    }


def _system_releases(system: m.PurchasingSystem, ctx: _Context) -> list[_Release]:
    """The tender of a purchasing system, and its closure."""
    if system.activated_at is None:
        return []
    lead = ctx.authorities[system.lead_authority_id]
    parties = [_authority_party(lead, ["buyer", "procuringEntity"])]
    parties += [
        _authority_party(ctx.authorities[authority_id], ["buyer"])
        for authority_id in ctx.members.get(system.id, [])
        if authority_id != lead.id
    ]
    lots = ctx.lots_by_system.get(system.id, [])
    tender: Json = {
        "id": system.reference,
        "title": system.title,
        "status": "active",
        "procuringEntity": _reference(parties[0]),
        "items": [
            {"id": lot.code, "description": lot.title, "classification": CPV_SPECIAL_EDUCATION, "relatedLot": lot.code}
            for lot in lots
        ],
        "procurementMethod": "open",
        "procurementMethodDetails": regimes.policy_of(system).title,
        "mainProcurementCategory": "services",
        "contractPeriod": {"startDate": _day_start(system.term_start), "endDate": _day_end(system.term_end)},
        "lots": [_lot(lot) for lot in lots],
        "techniques": regimes.policy_of(system).techniques(),
    }
    if system.description:
        tender["description"] = system.description
    if not lots:
        del tender["items"], tender["lots"]
    releases = [
        _release(
            system.ocid,
            "tender",
            system.activated_at,
            ["tender"],
            parties=parties,
            buyer=_reference(parties[0]),
            tender=tender,
        )
    ]
    if system.closed_at is not None:
        closed = {
            "id": system.reference,
            "status": "complete",
            "techniques": {"dynamicPurchasingSystem": {"status": "terminated"}},
        }
        releases.append(_release(system.ocid, "closed", system.closed_at, ["tenderUpdate"], tender=closed))
    return releases


def _membership_releases(membership: m.LotMembership, ctx: _Context) -> list[_Release]:
    """A provider's admission to a lot, and its removal."""
    lot = ctx.lots[membership.lot_id]
    system = ctx.systems[lot.system_id]
    if system.activated_at is None:
        return []
    party = _provider_party(ctx, membership.provider_id)
    award_id = f"admission-{membership.id}"
    period: Json = {"startDate": _day_start(membership.since)}
    period["endDate"] = _day_end(membership.until or system.term_end)
    award = {
        "id": award_id,
        "title": f"Admission to lot {lot.code}: {lot.title}",
        "status": "active",
        "date": _day_start(membership.since),
        "suppliers": [_reference(party)],
        "contractPeriod": period,
        "relatedLots": [lot.code],
    }
    releases = [
        _release(
            system.ocid,
            award_id,
            _midnight(membership.since),
            ["award"],
            parties=[party],
            awards=[award],
        )
    ]
    if membership.removed_at is not None:
        removed = {"id": award_id, "status": "cancelled"}
        releases.append(
            _release(system.ocid, f"{award_id}-removed", membership.removed_at, ["awardUpdate"], awards=[removed])
        )
    return releases


def call_off_ocid(system_ocid: str, reference: str) -> str:
    """A call-off's ocid: the system's ocid and the call-off's public reference."""
    return f"{system_ocid}-{reference}"


def _annual(fees: WeeklyFees, call_off: m.CallOff) -> int:
    return annual_cost(fees, weeks_per_year=call_off.weeks_per_year, places=call_off.places)


def _call_off_releases(call_off: m.CallOff, ctx: _Context) -> list[_Release]:
    """A call-off's award, start, amendments and end."""
    lot = ctx.lots[call_off.lot_id]
    system = ctx.systems[lot.system_id]
    if system.activated_at is None:
        return []
    ocid = call_off_ocid(system.ocid, call_off.reference)
    ref = call_off.reference
    buyer = _authority_party(ctx.authorities[call_off.authority_id], ["buyer", "procuringEntity"])
    supplier = _provider_party(ctx, call_off.provider_id)
    amendments = ctx.amendments.get(call_off.id, [])
    initial = WeeklyFees.of(amendments[0], "before_") if amendments else WeeklyFees.of(call_off)
    start = _midnight(call_off.start_date)
    started_at_award = start <= call_off.awarded_at
    period: Json = {"startDate": _day_start(call_off.start_date)}
    if call_off.end_date is not None and call_off.terminated_at is None:
        period["endDate"] = _day_end(call_off.end_date)
    start_milestone: Json = {
        "id": "start",
        "title": "The placement starts",
        "type": "delivery",
        "dueDate": _day_start(call_off.start_date),
        "status": "met" if started_at_award else "scheduled",
    }
    if started_at_award:
        start_milestone["dateMet"] = _day_start(call_off.start_date)
    milestones = [start_milestone]
    if "endDate" in period:
        milestones.append(
            {
                "id": "end",
                "title": "The placement ends",
                "type": "delivery",
                "dueDate": period["endDate"],
                "status": "scheduled",
            }
        )
    if call_off.type is CallOffType.BLOCK:
        title = f"Block contract {ref} for {call_off.places} places"
    else:
        title = f"Individual Placement Agreement {ref}"
    tender: Json = {
        "id": ref,
        "title": f"Call-off {ref} from {system.title}",
        "status": "complete",
        "mainProcurementCategory": "services",
        "lots": [{"id": lot.code, "title": lot.title}],
    }
    mode = ctx.modes.get(call_off.referral_id) if call_off.referral_id is not None else None
    if mode is ReferralMode.COMPETITION:
        tender.update(
            procurementMethod="selective",
            procurementMethodDetails="Mini-competition among members of the purchasing system",
            competitive=True,
        )
    elif mode is ReferralMode.DIRECT_AWARD:
        tender.update(
            procurementMethod="limited",
            procurementMethodDetails="Direct award to a member of the purchasing system",
            competitive=False,
        )
    value = _value(_annual(initial, call_off))
    award = {
        "id": ref,
        "title": title,
        "status": "active",
        "date": stamp(call_off.awarded_at),
        "value": value,
        "suppliers": [_reference(supplier)],
        "contractPeriod": period,
        "relatedLots": [lot.code],
    }
    contract = {
        "id": ref,
        "awardID": ref,
        "title": title,
        "status": "active" if started_at_award else "pending",
        "period": period,
        "value": value,
        "dateSigned": stamp(call_off.awarded_at),
        "implementation": {"milestones": milestones},
    }
    related = [
        {
            "id": "framework",
            "relationship": ["framework"],
            "title": system.title,
            "scheme": "ocid",
            "identifier": system.ocid,
        }
    ]
    releases = [
        _release(
            ocid,
            "award",
            call_off.awarded_at,
            ["award", "contract"],
            parties=[buyer, supplier],
            buyer=_reference(buyer),
            tender=tender,
            awards=[award],
            contracts=[contract],
            relatedProcesses=related,
        )
    ]
    ended_at = call_off.terminated_at
    if ended_at is None and call_off.end_date is not None:
        ended_at = _midnight(call_off.end_date) + _DAY
    if not started_at_award and (ended_at is None or start < ended_at):
        met = {"id": "start", "status": "met", "dateMet": _day_start(call_off.start_date)}
        releases.append(
            _release(
                ocid,
                "start",
                start,
                ["implementation"],
                contracts=[{"id": ref, "awardID": ref, "status": "active", "implementation": {"milestones": [met]}}],
            )
        )
    published: list[Json] = []
    for amendment in sorted(amendments, key=lambda a: (a.agreed_at, a.id)):
        release_id = f"{ocid}-amendment-{amendment.id}"
        published.append(
            {
                "id": str(amendment.id),
                "date": stamp(amendment.agreed_at),
                "rationale": RATIONALE[amendment.reason],
                "description": f"The new weekly fees apply from {amendment.effective_from.isoformat()}.",
                "releaseID": release_id,
            }
        )
        changed = {
            "id": ref,
            "awardID": ref,
            "value": _value(_annual(WeeklyFees.of(amendment, "after_"), call_off)),
            "amendments": list(published),
        }
        releases.append(
            _release(ocid, f"amendment-{amendment.id}", amendment.agreed_at, ["contractAmendment"], contracts=[changed])
        )
    if ended_at is not None:
        early = call_off.terminated_at is not None
        end: Json = {
            "id": "end",
            "title": "The placement was ended early" if early else "The placement ends",
            "type": "delivery",
            "status": "met",
            "dateMet": stamp(ended_at - dt.timedelta(seconds=0 if early else 1)),
        }
        ended = {"id": ref, "awardID": ref, "status": "terminated", "implementation": {"milestones": [end]}}
        if call_off.end_date is not None:
            end["dueDate"] = _day_end(call_off.end_date)
            ended["period"] = {"endDate": _day_end(call_off.end_date)}
        suffix = "termination" if early else "end"
        releases.append(_release(ocid, suffix, ended_at, ["contractTermination"], contracts=[ended]))
    return releases


def _ordered(releases: list[_Release]) -> list[_Release]:
    """An entity's releases by date; ties keep the order they were made in."""
    return sorted(releases, key=lambda r: r.date)


# -- pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleasePage:
    """One page of releases, and where the next page starts (None at the end)."""

    releases: list[Json]
    next: Position | None


def _segment_query(segment: int, window: Window, from_entity: int, size: int) -> Any:
    """The entities of one segment with a release in the window, from ``from_entity`` on, in id order."""
    if segment == SYSTEMS:
        s = m.PurchasingSystem
        stmt = select(s).where(
            s.activated_at.is_not(None), s.id >= from_entity, or_(window.at(s.activated_at), window.at(s.closed_at))
        )
        return stmt.order_by(s.id).limit(size)
    live = m.PurchasingSystem.activated_at.is_not(None)
    if segment == MEMBERSHIPS:
        ms = m.LotMembership
        stmt = (
            select(ms)
            .join(m.Lot, m.Lot.id == ms.lot_id)
            .join(m.PurchasingSystem, m.PurchasingSystem.id == m.Lot.system_id)
            .where(live, ms.id >= from_entity, or_(window.midnight_of(ms.since), window.at(ms.removed_at)))
        )
        return stmt.order_by(ms.id).limit(size)
    c = m.CallOff
    amended = exists().where(m.FeeAmendment.call_off_id == c.id, window.at(m.FeeAmendment.agreed_at))
    in_window = or_(
        window.at(c.awarded_at),
        window.midnight_of(c.start_date),
        window.at(c.terminated_at),
        and_(c.terminated_at.is_(None), window.midnight_of(c.end_date, shift=1)),
        amended,
    )
    stmt = (
        select(c)
        .join(m.Lot, m.Lot.id == c.lot_id)
        .join(m.PurchasingSystem, m.PurchasingSystem.id == m.Lot.system_id)
        .where(live, c.id >= from_entity, in_window)
    )
    return stmt.order_by(c.id).limit(size)


async def _entity_releases(segment: int, rows: Sequence[Any], ctx: _Context) -> list[tuple[int, list[_Release]]]:
    """Each row's releases, in date order, after loading what they refer to in bulk."""
    if segment == SYSTEMS:
        await ctx.load(systems=rows)
        return [(row.id, _ordered(_system_releases(row, ctx))) for row in rows]
    if segment == MEMBERSHIPS:
        await ctx.load(lot_ids=[r.lot_id for r in rows], provider_ids=[r.provider_id for r in rows])
        return [(row.id, _ordered(_membership_releases(row, ctx))) for row in rows]
    await ctx.load(lot_ids=[r.lot_id for r in rows], call_offs=rows)
    return [(row.id, _ordered(_call_off_releases(row, ctx))) for row in rows]


async def release_page(
    session: AsyncSession, *, window: Window, limit: int = DEFAULT_LIMIT, after: Position | None = None
) -> ReleasePage:
    """Up to ``limit`` releases dated within ``window``, from ``after`` (a position from an earlier page) on.

    Each segment costs one statement for its entities plus one per kind of
    row they refer to, so the count is bounded whatever ``limit`` is.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"limit: between 1 and {MAX_LIMIT}", field="limit")
    start = after or Position(SYSTEMS, 0, 0)
    ctx = _Context(session)
    out: list[Json] = []
    for segment in SEGMENTS[start.segment :]:
        from_entity = start.entity if segment == start.segment else 0
        room = limit - len(out)
        rows = list(await session.scalars(_segment_query(segment, window, from_entity, room + 1)))
        if room == 0:
            if rows:
                return ReleasePage(out, Position(segment, rows[0].id, 0))
            continue
        for entity, releases in await _entity_releases(segment, rows, ctx):
            first = start.index if (segment, entity) == (start.segment, start.entity) else 0
            for index, release in enumerate(releases):
                if index < first or not window.holds(release.date):
                    continue
                if len(out) == limit:
                    return ReleasePage(out, Position(segment, entity, index))
                out.append(release.data)
        if len(rows) > room:
            # Every entity found so far is used up (some had no release in the window): go on after them.
            return ReleasePage(out, Position(segment, rows[-1].id + 1, 0))
    return ReleasePage(out, None)


# -- records -------------------------------------------------------------------------------------


async def record(session: AsyncSession, *, now: dt.datetime, ocid: str) -> Json | None:
    """The record of one contracting process: its releases and their compiled release; None if unknown."""
    window = publication_window(now)
    ctx = _Context(session)
    published_systems = select(m.PurchasingSystem).where(m.PurchasingSystem.activated_at.is_not(None))
    systems = list(await session.scalars(published_systems.order_by(m.PurchasingSystem.id)))
    releases: list[_Release] = []
    for system in systems:
        system_id, system_ocid = system.id, system.ocid
        if ocid == system_ocid:
            stmt = (
                select(m.LotMembership)
                .join(m.Lot, m.Lot.id == m.LotMembership.lot_id)
                .where(m.Lot.system_id == system_id)
                .order_by(m.LotMembership.id)
            )
            memberships = list(await session.scalars(stmt))
            await ctx.load(
                systems=[system],
                lot_ids=[r.lot_id for r in memberships],
                provider_ids=[r.provider_id for r in memberships],
            )
            releases = _system_releases(system, ctx)
            for membership in memberships:
                releases += _membership_releases(membership, ctx)
            break
        prefix = f"{system_ocid}-"
        if ocid.startswith(prefix) and len(ocid) > len(prefix):
            stmt = (
                select(m.CallOff)
                .join(m.Lot, m.Lot.id == m.CallOff.lot_id)
                .where(m.CallOff.reference == ocid[len(prefix) :], m.Lot.system_id == system_id)
            )
            call_off = await session.scalar(stmt)
            if call_off is not None:
                ctx.systems[system_id] = system
                await ctx.load(lot_ids=[call_off.lot_id], call_offs=[call_off])
                releases = _call_off_releases(call_off, ctx)
                break
    published = [r for r in _ordered(releases) if window.holds(r.date)]
    if not published:
        return None
    data = [r.data for r in published]
    return {"ocid": ocid, "releases": data, "compiledRelease": compile_releases(data)}


def compile_releases(releases: Sequence[Mapping[str, Any]]) -> Json:
    """The compiled release of one process's releases (given in date order), by the OCDS merge rules.

    The subset of the rules these releases need:

    - ``id``, ``date`` and ``tag`` of the releases are not merged; the
      compiled release gets its own id, the latest date and ``["compiled"]``;
    - objects are merged field by field, and a later value replaces an
      earlier one (a ``null`` removes the field);
    - arrays of objects that all have an ``id`` are merged item by item,
      matching items by ``id`` and keeping first-seen order;
    - any other array, and those marked ``wholeListMerge`` in the schema
      (``additionalIdentifiers``, ``additionalClassifications``), is
      replaced whole.
    """
    compiled: Json = {}
    for release in releases:
        _merge_object(compiled, {k: v for k, v in release.items() if k not in OMIT_WHEN_MERGED})
    latest = releases[-1]
    compact = latest["date"].replace("-", "").replace(":", "").replace(".", "")
    return {
        "ocid": latest["ocid"],
        "id": f"{latest['ocid']}-compiled-{compact}",
        "date": latest["date"],
        "tag": ["compiled"],
        **{k: v for k, v in compiled.items() if k != "ocid"},
    }


def _merge_object(target: Json, source: Mapping[str, Any]) -> None:
    for key, value in source.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, Mapping):
            inner = target.get(key)
            if not isinstance(inner, dict):
                inner = target[key] = {}
            _merge_object(inner, value)
        elif _identified(value) and key not in WHOLE_LIST_MERGE:
            target[key] = _merge_by_id(target.get(key), value)
        else:
            target[key] = copy.deepcopy(value)


def _identified(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, Mapping) and "id" in i for i in value)


def _merge_by_id(existing: Any, items: Sequence[Mapping[str, Any]]) -> list[Json]:
    merged: dict[str, Json] = {}
    if _identified(existing):
        merged = {str(item["id"]): item for item in existing}
    for item in items:
        _merge_object(merged.setdefault(str(item["id"]), {}), item)
    return list(merged.values())


# -- packages ------------------------------------------------------------------------------------


def release_package(releases: list[Json], *, uri: str, published: dt.datetime, next_url: str | None) -> Json:
    """A release package around one page of releases, with a ``links.next`` when there is more."""
    package: Json = {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": list(EXTENSIONS),
        "publishedDate": stamp(published),
        "publisher": dict(PUBLISHER),
        "license": LICENSE,
        "releases": releases,
    }
    if next_url is not None:
        package["links"] = {"next": next_url}
    return package


def record_package(record_data: Json, *, uri: str, published: dt.datetime, packages: list[str]) -> Json:
    """A record package holding one record."""
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": list(EXTENSIONS),
        "publishedDate": stamp(published),
        "publisher": dict(PUBLISHER),
        "license": LICENSE,
        "packages": packages,
        "records": [record_data],
    }
