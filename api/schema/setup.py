"""Setting up the purchasing system and onboarding providers: mutations, inputs and payloads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import providers, systems
from api.domain.errors import (
    ConditionsFixed,
    DomainError,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationError,
)
from api.resolvers.relay import expect_id
from api.schema.base import field
from api.schema.enums import (
    AdmissionMode,
    EstablishmentType,
    GendersAdmitted,
    IdentifierScheme,
    NeedCode,
    PlacementType,
    Regime,
)
from api.schema.errors import GRAPHQL_ERRORS
from api.schema.market import Authority, Establishment, Lot, Provider, PurchasingSystem, Specification
from api.schema.mutation import mutation, result
from api.schema.permissions import public, requires


def _id(value: strawberry.ID, type_name: str, field: str = "input.id") -> int:
    pk = expect_id(value, type_name, field=field)
    assert pk is not None
    return pk


# --------------------------------------------------------------------------
# The purchasing system
# --------------------------------------------------------------------------


@strawberry.input(description="A new purchasing system. Your authority leads it and is its first member.")
class CreatePurchasingSystemInput:
    title: str = field("The system's title.")
    reference: str = field("Your procurement reference; unique.")
    ocid: str = field("The Open Contracting ID of its contracting process, e.g. ocds-h6vhtk-nwsendfps2026; unique.")
    regime: Regime = field(
        "The procurement regime it runs under. It sets the rules: a PA2023 dynamic market admits at any time, fixes "
        "its lots and specification once established, checks excluded suppliers and publishes its notices; a PA2023 "
        "open framework admits only at its reopening dates."
    )
    term_start: dt.date = field("First day of the term.")
    term_end: dt.date = field("Last day of the term; on or after the first. An open framework lasts at most 8 years.")
    admission_mode: AdmissionMode | None = field(
        "Whether providers join in rounds or at any time. A dynamic market is CONTINUOUS and an open framework "
        "ROUNDS; under PCR 2015 either (ROUNDS if left out).",
        default=None,
    )
    description: str = field("What the system buys, in plain words.", default="")
    decision_period_days: int | None = field(
        "Days within which applications are decided in continuous admission: 1 to 90. Left out: 30 for a dynamic "
        "market, 10 otherwise.",
        default=None,
    )
    reopening_dates: list[dt.date] | None = field(
        "An open framework's reopening dates (required there, refused otherwise): the first no later than 3 years "
        "after the start, then at most 5 years apart, within the term. Rounds after the start open on these days.",
        default=None,
    )
    uplift_notice_days: int = field(
        "The least notice of a fee uplift, in days: a request's effective date is at least this far off. 0 to 365; "
        "84 (one term) if left out.",
        default=84,
    )


@strawberry.type(description="The new purchasing system.")
class CreatePurchasingSystemPayload:
    system: PurchasingSystem = field("The new system: DRAFT until it goes live.")


@strawberry.input(description="A purchasing system whose status to change.")
class PurchasingSystemTransitionInput:
    id: strawberry.ID = field("The purchasing system's ID.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.type(description="The purchasing system, now live.")
class ActivatePurchasingSystemPayload:
    system: PurchasingSystem = field("The system, now ACTIVE.")


@strawberry.type(description="The purchasing system, now closed.")
class ClosePurchasingSystemPayload:
    system: PurchasingSystem = field("The system, now CLOSED.")


@strawberry.input(description="An authority joining a purchasing system.")
class AddSystemMemberInput:
    system: strawberry.ID = field("The purchasing system's ID.")
    authority: strawberry.ID = field("The joining authority's ID.")
    joined_on: dt.date | None = field("When its cabinet approved joining; today if not given.", default=None)


@strawberry.type(description="The system with its new member.")
class AddSystemMemberPayload:
    system: PurchasingSystem = field("The purchasing system.")
    authority: Authority = field("The authority that joined.")


@strawberry.input(description="An authority leaving a purchasing system.")
class RemoveSystemMemberInput:
    system: strawberry.ID = field("The purchasing system's ID.")
    authority: strawberry.ID = field("The leaving authority's ID.")


@strawberry.type(description="The system without the authority that left.")
class RemoveSystemMemberPayload:
    system: PurchasingSystem = field("The purchasing system.")
    authority: Authority = field("The authority that left.")


@strawberry.input(description="A new lot of a purchasing system.")
class AddLotInput:
    system: strawberry.ID = field("The purchasing system's ID.")
    code: str = field("A short code, unique within the system, e.g. L8; capital letters, digits and hyphens.")
    title: str = field("The lot's title.")
    placement_type: PlacementType = field("Day or residential.")
    age_min: int = field("Youngest age served, 0 to 25.")
    age_max: int = field("Oldest age served, 0 to 25, not below the youngest.")
    weeks_per_year: int | None = field(
        "Weeks a year: 38 or 39 for day lots (39 if not given), 38 or 52 for residential (52 if not given).",
        default=None,
    )
    position: int | None = field("Where it is listed among the lots; after the others if not given.", default=None)


@strawberry.type(description="The new lot.")
class AddLotPayload:
    lot: Lot = field("The new lot.")


@strawberry.input(description="Changes to a lot; leave out what stays. Once the system is live the code is fixed.")
class UpdateLotInput:
    id: strawberry.ID = field("The lot's ID.")
    code: str | None = field("A new code, unique within the system; only before the system goes live.", default=None)
    title: str | None = field("A new title.", default=None)
    placement_type: PlacementType | None = field("Day or residential.", default=None)
    weeks_per_year: int | None = field("Weeks a year: 38 or 39 for day lots, 38 or 52 for residential.", default=None)
    age_min: int | None = field("Youngest age served, 0 to 25.", default=None)
    age_max: int | None = field("Oldest age served, 0 to 25.", default=None)
    position: int | None = field("Where it is listed among the lots.", default=None)


@strawberry.type(description="The changed lot.")
class UpdateLotPayload:
    lot: Lot = field("The lot as it is now.")


# --------------------------------------------------------------------------
# Specifications
# --------------------------------------------------------------------------


@strawberry.input(description="The next version of a system's specification, as a draft.")
class CreateSpecificationDraftInput:
    system: strawberry.ID = field("The purchasing system's ID.")
    title: str | None = field("The title; the latest version's if not given.", default=None)
    body: str | None = field("The text; the latest version's if not given.", default=None)
    notice_period_weeks: int | None = field(
        "The notice either party gives to end a placement, in weeks (1 to 52), or 0 for one term by the term dates; "
        "the latest version's if not given.",
        default=None,
    )


@strawberry.type(description="The new draft.")
class CreateSpecificationDraftPayload:
    specification: Specification = field("The new DRAFT version.")


@strawberry.input(description="Changes to a draft specification; leave out what stays.")
class UpdateSpecificationDraftInput:
    id: strawberry.ID = field("The draft's ID.")
    version: int = field("The version you read; a stale version is refused.")
    title: str | None = field("A new title.", default=None)
    body: str | None = field("A new text.", default=None)
    notice_period_weeks: int | None = field(
        "A new notice period to end a placement, in weeks (1 to 52), or 0 for one term by the term dates.",
        default=None,
    )


@strawberry.type(description="The changed draft.")
class UpdateSpecificationDraftPayload:
    specification: Specification = field("The draft as it is now.")


@strawberry.input(description="A draft specification to publish.")
class PublishSpecificationInput:
    id: strawberry.ID = field("The draft's ID.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.type(description="The published specification and the one it superseded.")
class PublishSpecificationPayload:
    specification: Specification = field("The version now PUBLISHED and current.")
    superseded: Specification | None = field("The version it replaced, now SUPERSEDED; null for the first.")


# --------------------------------------------------------------------------
# Providers
# --------------------------------------------------------------------------


@strawberry.input(description="An org-id.guide identifier of the registering organisation.")
class OrganisationIdentifierInput:
    scheme: IdentifierScheme = field("The scheme: GB-COH, GB-CHC or GB-PPON; one of each at most.")
    identifier: str = field(
        "The number: 8 characters for GB-COH, 6 to 8 digits for GB-CHC, PABC-1234-DEFG for GB-PPON."
    )


@strawberry.input(description="A school or college the provider runs, with its public profile.")
class NewEstablishmentInput:
    urn: str = field("The six-digit DfE unique reference number; unique.")
    name: str = field("The establishment's name.")
    type: EstablishmentType = field("Its Get Information about Schools type.")
    postcode: str = field("Postcode of the site.")
    host_authority: str | None = field(
        "The local authority whose area the site is in, as Get Information about Schools names it, e.g. Wigan.",
        default=None,
    )
    latitude: float = field("Latitude of the site (WGS84).")
    longitude: float = field("Longitude of the site (WGS84).")
    age_min: int = field("Youngest age admitted, 0 to 25.")
    age_max: int = field("Oldest age admitted, 0 to 25.")
    genders: GendersAdmitted = field("Which genders it admits.")
    needs: list[NeedCode] = field("The needs it caters for; at least one.")
    day_capacity: int = field("Day places in total.", default=0)
    residential_capacity: int = field("Residential places in total.", default=0)
    day_vacancies: int = field("Day places free now; no more than the day places.", default=0)
    residential_vacancies: int = field("Residential places free now; no more than the residential places.", default=0)


@strawberry.input(description="The provider's first user, who administers its users.")
class ProviderAdministratorInput:
    username: str = field("What they sign in with: 3 to 100 letters, digits and . _ @ + - (an email will do).")
    display_name: str = field("Their name, as colleagues see it.")
    password: str = field("At least 12 characters; stored only as a salted hash.")
    email: str | None = field(
        "Their e-mail address, where referrals and other notifications for the provider reach them. A link "
        "is sent to it to confirm it; nothing else is sent to it until that link is followed.",
        default=None,
    )


@strawberry.input(description="A provider registering to take part. It may bid once the lead authority verifies it.")
class RegisterProviderInput:
    legal_name: str = field("The provider's registered legal name.")
    identifiers: list[OrganisationIdentifierInput] = field("Its company, charity or PPON numbers; at least one.")
    establishments: list[NewEstablishmentInput] = field("The schools and colleges it runs; at least one.")
    administrator: ProviderAdministratorInput = field("Its first user, who may invite colleagues.")


@strawberry.type(description="The registered provider, awaiting verification.")
class RegisterProviderPayload:
    provider: Provider = field("The provider: ACTIVE but not yet verified.")
    administrator_username: str = field("The username its administrator signs in with.")


@strawberry.input(description="A registered provider whose registration you have checked.")
class VerifyProviderInput:
    id: strawberry.ID = field("The provider's ID.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.type(description="The verified provider.")
class VerifyProviderPayload:
    provider: Provider = field("The provider, now verified and able to bid.")


@strawberry.input(description="A colleague to invite to your provider.")
class InviteProviderUserInput:
    username: str = field("What they will sign in with: 3 to 100 letters, digits and . _ @ + -.")
    display_name: str = field("Their name, as colleagues see it.")
    administrator: bool = field("Whether they may invite colleagues too.", default=False)
    email: str = field(
        "Their e-mail address: the one-time link where they choose a password is sent to it, and "
        "accepting the invitation through that link confirms the address."
    )


@strawberry.type(description="The invitation, e-mailed to your colleague with its one-time link.")
class InviteProviderUserPayload:
    username: str = field("The invited colleague's username.")
    display_name: str = field("The invited colleague's name.")
    administrator: bool = field("Whether they may invite colleagues too.")
    email: str = field("The address the invitation was sent to.")
    expires_at: dt.datetime = field("When the e-mailed link stops working: 7 days from now.")


@strawberry.input(
    description=(
        "New details of an establishment. Leave out (or give null for) anything that stays as it is, "
        "the list of needs included."
    )
)
class UpdateEstablishmentInput:
    id: strawberry.ID = field("The establishment's ID.")
    version: int = field("The version you read; a stale version is refused.")
    host_authority: str | None = field(
        "The local authority whose area the site is in, as Get Information about Schools names it.", default=None
    )
    day_capacity: int | None = field("Day places in total.", default=None)
    residential_capacity: int | None = field("Residential places in total.", default=None)
    day_vacancies: int | None = field("Day places free now; no more than the day places.", default=None)
    residential_vacancies: int | None = field(
        "Residential places free now; no more than the residential places.", default=None
    )
    needs: list[NeedCode] | None = field(
        "Every need it now caters for, replacing the list; left out or null, the list stays as it is.", default=None
    )
    age_min: int | None = field("Youngest age admitted, 0 to 25.", default=None)
    age_max: int | None = field("Oldest age admitted, 0 to 25.", default=None)


@strawberry.type(description="The establishment with its new details.")
class UpdateEstablishmentPayload:
    establishment: Establishment = field("The establishment as it is now; its changes list the history.")


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------

TRANSITION_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)
CHANGE_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition)
CREATE_SYSTEM_ERRORS = (Forbidden, ValidationError)
REGISTER_ERRORS = (ValidationError,)
INVITE_ERRORS = (Forbidden, ValidationError)
ESTABLISHMENT_ERRORS = (NotFound, Forbidden, ValidationError, StaleVersion)
CONDITION_ERRORS = (*CHANGE_ERRORS, ConditionsFixed)
"""A change to the conditions of membership: refused once a dynamic market is established."""
PUBLISH_ERRORS = (*TRANSITION_ERRORS, ConditionsFixed)


def _result(name: str, payload: type, errors: tuple[type[DomainError], ...], description: str) -> Any:
    """A result union whose error members are exactly the GraphQL types of ``errors``."""
    return result(name, payload, *(GRAPHQL_ERRORS[error] for error in errors), description=description)


CreatePurchasingSystemResult = _result(
    "CreatePurchasingSystemResult", CreatePurchasingSystemPayload, CREATE_SYSTEM_ERRORS, "The new system, or why not."
)
ActivatePurchasingSystemResult = _result(
    "ActivatePurchasingSystemResult", ActivatePurchasingSystemPayload, TRANSITION_ERRORS, "The live system, or why not."
)
ClosePurchasingSystemResult = _result(
    "ClosePurchasingSystemResult", ClosePurchasingSystemPayload, TRANSITION_ERRORS, "The closed system, or why not."
)
AddSystemMemberResult = _result(
    "AddSystemMemberResult", AddSystemMemberPayload, CHANGE_ERRORS, "The system with its new member, or why not."
)
RemoveSystemMemberResult = _result(
    "RemoveSystemMemberResult", RemoveSystemMemberPayload, CHANGE_ERRORS, "The system without the member, or why not."
)
AddLotResult = _result("AddLotResult", AddLotPayload, CONDITION_ERRORS, "The new lot, or why not.")
UpdateLotResult = _result("UpdateLotResult", UpdateLotPayload, CONDITION_ERRORS, "The changed lot, or why not.")
CreateSpecificationDraftResult = _result(
    "CreateSpecificationDraftResult", CreateSpecificationDraftPayload, CONDITION_ERRORS, "The new draft, or why not."
)
UpdateSpecificationDraftResult = _result(
    "UpdateSpecificationDraftResult",
    UpdateSpecificationDraftPayload,
    TRANSITION_ERRORS,
    "The changed draft, or why not.",
)
PublishSpecificationResult = _result(
    "PublishSpecificationResult", PublishSpecificationPayload, PUBLISH_ERRORS, "The published version, or why not."
)
RegisterProviderResult = _result(
    "RegisterProviderResult", RegisterProviderPayload, REGISTER_ERRORS, "The registered provider, or what to correct."
)
VerifyProviderResult = _result(
    "VerifyProviderResult", VerifyProviderPayload, TRANSITION_ERRORS, "The verified provider, or why not."
)
InviteProviderUserResult = _result(
    "InviteProviderUserResult", InviteProviderUserPayload, INVITE_ERRORS, "The invitation, or why not."
)
UpdateEstablishmentResult = _result(
    "UpdateEstablishmentResult",
    UpdateEstablishmentPayload,
    ESTABLISHMENT_ERRORS,
    "The updated establishment, or why not.",
)

SYSTEM_WRITE = requires("system:write", R.LEAD_ADMIN)


@strawberry.type(description="Set up the purchasing system and onboard providers.")
class SetupMutations:
    @mutation(
        description="Set up a purchasing system led by your authority, as a DRAFT; your authority is its first member.",
        access=SYSTEM_WRITE,
        errors=CREATE_SYSTEM_ERRORS,
    )
    async def create_purchasing_system(
        self,
        info: Info,
        input: Annotated[CreatePurchasingSystemInput, strawberry.argument(description="The new system.")],
    ) -> CreatePurchasingSystemResult:
        details = systems.SystemDetails(
            title=input.title,
            reference=input.reference,
            ocid=input.ocid,
            description=input.description,
            regime=input.regime,
            admission_mode=input.admission_mode,
            term_start=input.term_start,
            term_end=input.term_end,
            decision_period_days=input.decision_period_days,
            uplift_notice_days=input.uplift_notice_days,
            reopening_dates=tuple(input.reopening_dates or ()),
        )
        system = await info.context.run(systems.create_system, details=details)
        return CreatePurchasingSystemPayload(system=PurchasingSystem.from_row(system))

    @mutation(
        description=(
            "Put a DRAFT system live (ACTIVE): providers may then be admitted and placements called off. "
            "It needs at least one lot and a published specification."
        ),
        access=SYSTEM_WRITE,
        errors=TRANSITION_ERRORS,
    )
    async def activate_purchasing_system(
        self,
        info: Info,
        input: Annotated[PurchasingSystemTransitionInput, strawberry.argument(description="The system.")],
    ) -> ActivatePurchasingSystemResult:
        system = await info.context.run(
            systems.activate_system, system_id=_id(input.id, "PurchasingSystem"), version=input.version
        )
        return ActivatePurchasingSystemPayload(system=PurchasingSystem.from_row(system))

    @mutation(
        description="Close an ACTIVE system: no new admissions or call-offs, and nothing about it changes again.",
        access=SYSTEM_WRITE,
        errors=TRANSITION_ERRORS,
    )
    async def close_purchasing_system(
        self,
        info: Info,
        input: Annotated[PurchasingSystemTransitionInput, strawberry.argument(description="The system.")],
    ) -> ClosePurchasingSystemResult:
        system = await info.context.run(
            systems.close_system, system_id=_id(input.id, "PurchasingSystem"), version=input.version
        )
        return ClosePurchasingSystemPayload(system=PurchasingSystem.from_row(system))

    @mutation(
        description="Add a member authority that has opted in to buy through the system.",
        access=SYSTEM_WRITE,
        errors=CHANGE_ERRORS,
    )
    async def add_system_member(
        self,
        info: Info,
        input: Annotated[AddSystemMemberInput, strawberry.argument(description="The system and the authority.")],
    ) -> AddSystemMemberResult:
        system, authority = await info.context.run(
            systems.add_member,
            system_id=_id(input.system, "PurchasingSystem", "input.system"),
            authority_id=_id(input.authority, "Authority", "input.authority"),
            joined_on=input.joined_on,
        )
        return AddSystemMemberPayload(system=PurchasingSystem.from_row(system), authority=Authority.from_row(authority))

    @mutation(
        description="Remove a member authority; refused while it has call-offs on the system.",
        access=SYSTEM_WRITE,
        errors=CHANGE_ERRORS,
    )
    async def remove_system_member(
        self,
        info: Info,
        input: Annotated[RemoveSystemMemberInput, strawberry.argument(description="The system and the authority.")],
    ) -> RemoveSystemMemberResult:
        system, authority = await info.context.run(
            systems.remove_member,
            system_id=_id(input.system, "PurchasingSystem", "input.system"),
            authority_id=_id(input.authority, "Authority", "input.authority"),
        )
        return RemoveSystemMemberPayload(
            system=PurchasingSystem.from_row(system), authority=Authority.from_row(authority)
        )

    @mutation(
        description="Add a lot to a draft or live system.",
        access=SYSTEM_WRITE,
        errors=CONDITION_ERRORS,
    )
    async def add_lot(
        self, info: Info, input: Annotated[AddLotInput, strawberry.argument(description="The new lot.")]
    ) -> AddLotResult:
        details = systems.LotDetails(
            code=input.code,
            title=input.title,
            placement_type=input.placement_type,
            weeks_per_year=input.weeks_per_year,
            age_min=input.age_min,
            age_max=input.age_max,
            position=input.position,
        )
        lot = await info.context.run(
            systems.add_lot, system_id=_id(input.system, "PurchasingSystem", "input.system"), details=details
        )
        return AddLotPayload(lot=Lot.from_row(lot))

    @mutation(
        description="Change a lot. Its code is fixed once the system is live; a closed system's lots never change.",
        access=SYSTEM_WRITE,
        errors=CONDITION_ERRORS,
    )
    async def update_lot(
        self, info: Info, input: Annotated[UpdateLotInput, strawberry.argument(description="The changes.")]
    ) -> UpdateLotResult:
        details = systems.LotDetails(
            code=input.code,
            title=input.title,
            placement_type=input.placement_type,
            weeks_per_year=input.weeks_per_year,
            age_min=input.age_min,
            age_max=input.age_max,
            position=input.position,
        )
        lot = await info.context.run(systems.update_lot, lot_id=_id(input.id, "Lot"), details=details)
        return UpdateLotPayload(lot=Lot.from_row(lot))

    @mutation(
        description="Start the next version of the specification as a draft; one draft at a time.",
        access=SYSTEM_WRITE,
        errors=CONDITION_ERRORS,
    )
    async def create_specification_draft(
        self,
        info: Info,
        input: Annotated[CreateSpecificationDraftInput, strawberry.argument(description="The new draft.")],
    ) -> CreateSpecificationDraftResult:
        spec = await info.context.run(
            systems.create_specification_draft,
            system_id=_id(input.system, "PurchasingSystem", "input.system"),
            title=input.title,
            body=input.body,
            notice_period_weeks=input.notice_period_weeks,
        )
        return CreateSpecificationDraftPayload(specification=Specification.from_row(spec))

    @mutation(
        description="Edit a draft specification. Published versions never change.",
        access=SYSTEM_WRITE,
        errors=TRANSITION_ERRORS,
    )
    async def update_specification_draft(
        self,
        info: Info,
        input: Annotated[UpdateSpecificationDraftInput, strawberry.argument(description="The changes.")],
    ) -> UpdateSpecificationDraftResult:
        spec = await info.context.run(
            systems.update_specification_draft,
            specification_id=_id(input.id, "Specification"),
            version=input.version,
            title=input.title,
            body=input.body,
            notice_period_weeks=input.notice_period_weeks,
        )
        return UpdateSpecificationDraftPayload(specification=Specification.from_row(spec))

    @mutation(
        description=(
            "Publish a draft specification. It becomes current and immutable, and the version it replaces is "
            "superseded at the same moment."
        ),
        access=SYSTEM_WRITE,
        errors=PUBLISH_ERRORS,
    )
    async def publish_specification(
        self,
        info: Info,
        input: Annotated[PublishSpecificationInput, strawberry.argument(description="The draft.")],
    ) -> PublishSpecificationResult:
        spec, previous = await info.context.run(
            systems.publish_specification, specification_id=_id(input.id, "Specification"), version=input.version
        )
        return PublishSpecificationPayload(
            specification=Specification.from_row(spec), superseded=Specification.from_optional(previous)
        )

    @mutation(
        description=(
            "Register a provider with its identifiers, establishments and first administrator. Open to anyone; "
            "the lead authority verifies the registration before the provider may bid."
        ),
        access=public(),
        errors=REGISTER_ERRORS,
    )
    async def register_provider(
        self,
        info: Info,
        input: Annotated[RegisterProviderInput, strawberry.argument(description="The registration.")],
    ) -> RegisterProviderResult:
        registration = providers.Registration(
            legal_name=input.legal_name,
            identifiers=[providers.Identifier(scheme=i.scheme, identifier=i.identifier) for i in input.identifiers],
            establishments=[_new_establishment(x) for x in input.establishments],
            administrator=providers.Administrator(
                username=input.administrator.username,
                display_name=input.administrator.display_name,
                password=input.administrator.password,
                email=input.administrator.email,
            ),
        )
        provider, user = await info.context.run(providers.register_provider, registration=registration)
        return RegisterProviderPayload(provider=Provider.from_row(provider), administrator_username=user.username)

    @mutation(
        description="Record that you have checked a provider's registration; it may bid from now on.",
        access=requires("providers:write", R.LEAD_ADMIN),
        errors=TRANSITION_ERRORS,
    )
    async def verify_provider(
        self, info: Info, input: Annotated[VerifyProviderInput, strawberry.argument(description="The provider.")]
    ) -> VerifyProviderResult:
        provider = await info.context.run(
            providers.verify_provider, provider_id=_id(input.id, "Provider"), version=input.version
        )
        return VerifyProviderPayload(provider=Provider.from_row(provider))

    @mutation(
        description=(
            "Invite a colleague to your provider (administrators only). They are e-mailed a one-time link, "
            "valid for 7 days, where they choose a password; it is never shown to you."
        ),
        access=requires("providers:write", R.PROVIDER_USER),
        errors=INVITE_ERRORS,
    )
    async def invite_provider_user(
        self, info: Info, input: Annotated[InviteProviderUserInput, strawberry.argument(description="The colleague.")]
    ) -> InviteProviderUserResult:
        user = await info.context.run(
            providers.invite_user,
            username=input.username,
            display_name=input.display_name,
            provider_admin=input.administrator,
            email=input.email,
        )
        assert user.invitation_expires_at is not None and user.email is not None
        return InviteProviderUserPayload(
            username=user.username,
            display_name=user.display_name,
            administrator=user.is_provider_admin,
            email=user.email,
            expires_at=user.invitation_expires_at,
        )

    @mutation(
        description=(
            "Keep an establishment's places, vacancies, needs and ages current (the lead authority records its "
            "inspections). "
            "Each change is recorded with before and after."
        ),
        access=requires("providers:write", R.PROVIDER_USER),
        errors=ESTABLISHMENT_ERRORS,
    )
    async def update_establishment(
        self,
        info: Info,
        input: Annotated[UpdateEstablishmentInput, strawberry.argument(description="The new details.")],
    ) -> UpdateEstablishmentResult:
        changes = providers.EstablishmentChanges(
            host_authority=input.host_authority,
            day_capacity=input.day_capacity,
            residential_capacity=input.residential_capacity,
            day_vacancies=input.day_vacancies,
            residential_vacancies=input.residential_vacancies,
            needs=input.needs,
            age_min=input.age_min,
            age_max=input.age_max,
        )
        establishment = await info.context.run(
            providers.update_establishment,
            establishment_id=_id(input.id, "Establishment"),
            version=input.version,
            changes=changes,
        )
        return UpdateEstablishmentPayload(establishment=Establishment.from_row(establishment))


def _new_establishment(given: NewEstablishmentInput) -> providers.NewEstablishment:
    return providers.NewEstablishment(
        urn=given.urn,
        name=given.name,
        type_code=given.type,
        postcode=given.postcode,
        latitude=given.latitude,
        longitude=given.longitude,
        age_min=given.age_min,
        age_max=given.age_max,
        genders=given.genders,
        needs=given.needs,
        day_capacity=given.day_capacity,
        residential_capacity=given.residential_capacity,
        day_vacancies=given.day_vacancies,
        residential_vacancies=given.residential_vacancies,
        host_authority=given.host_authority,
    )
