"""Webhook endpoints as their organisation manages them: register, list with the delivery log, rotate, disable."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import webhooks
from api.domain.errors import Forbidden, NotFound, ValidationError
from api.resolvers.relay import page, require_id, to_global_id
from api.schema.base import Connection, Node, RowBacked, connection_from, field, node_type
from api.schema.errors import GRAPHQL_ERRORS
from api.schema.lists import After, Before, First, Last
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from db import models as m

MANAGERS = (R.AUTHORITY_COMMISSIONER, R.PROVIDER_USER)
READ = requires("webhooks:read", *MANAGERS)
WRITE = requires("webhooks:write", *MANAGERS)


@strawberry.type(description="One attempt to deliver one event to a webhook endpoint, and what came of it.")
class WebhookDelivery:
    attempt: strawberry.Private[webhooks.Attempt]

    @field("When the attempt was made.")
    def attempted_at(self) -> dt.datetime:
        return self.attempt.row.attempted_at

    @field("Which attempt this was for the event: 1 for the first.")
    def attempt_number(self) -> int:
        return self.attempt.row.attempt

    @field("DELIVERED (a 2xx answer), RETRYING (it will be tried again) or FAILED (given up).")
    def outcome(self) -> str:
        return self.attempt.row.outcome

    @field("The HTTP status the endpoint answered with; null when it could not be reached or did not answer.")
    def status_code(self) -> int | None:
        return self.attempt.row.status_code

    @field("What went wrong, when it did: the status and the first words of the answer, a timeout, a refusal.")
    def error(self) -> str | None:
        return self.attempt.row.error

    @field("How long the attempt took, in milliseconds.")
    def duration_ms(self) -> int:
        return self.attempt.row.duration_ms

    @field("The kind of event, e.g. referral.invited: the event's `type`.")
    def kind(self) -> str:
        return self.attempt.kind

    @field("The event's reference: its `webhook-id` header and `data.reference`, the same on every attempt.")
    def reference(self) -> str:
        return str(self.attempt.notification_id)

    @field("What the event is about (a referral), as a global ID.")
    def subject(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(self.attempt.subject_type, self.attempt.subject_id))


@node_type(m.WebhookEndpoint)
@strawberry.type(
    description=(
        "A URL your organisation receives signed events at (Standard Webhooks: `webhook-id`, "
        "`webhook-timestamp`, `webhook-signature`), for the kinds of event it chose. Seen only by the "
        "organisation's commissioners, or its provider's administrators."
    )
)
class WebhookEndpoint(Node, RowBacked):
    url: str = field("Where events are POSTed.")
    description: str | None = field("What it is for, in your words.")
    kinds: list[str] = field("The kinds of event it receives, e.g. referral.invited.")
    created_at: dt.datetime = field("When it was registered.")
    secret_rotated_at: dt.datetime | None = field("When its secret was last replaced.")
    previous_secret_expires_at: dt.datetime | None = field(
        "Until when events are signed with the previous secret as well as the current one, after a rotation."
    )
    disabled_at: dt.datetime | None = field("When it was disabled; nothing is sent to it after.")

    @field("Whether events are sent to it.")
    def enabled(self) -> bool:
        return self.row.disabled_at is None

    @field("The organisation it belongs to (a provider or an authority), as a global ID.")
    def owner(self) -> strawberry.ID:
        if self.row.provider_id is not None:
            return strawberry.ID(to_global_id("Provider", self.row.provider_id))
        return strawberry.ID(to_global_id("Authority", self.row.authority_id))

    @strawberry.field(description="Its latest delivery attempts, newest first: the delivery log.")
    async def recent_deliveries(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description="How many attempts, newest first: at most 100.")
        ] = webhooks.RECENT_DELIVERIES,
    ) -> list[WebhookDelivery]:
        attempts = await info.context.run(webhooks.recent_deliveries, endpoint_id=self.row.id, limit=first)
        return [WebhookDelivery(attempt=a) for a in attempts]


@strawberry.input(description="A new webhook endpoint for your organisation.")
class CreateWebhookEndpointInput:
    url: str = field(
        "Where to POST events: an https URL without credentials (http only on 127.0.0.1, localhost or [::1], "
        "in development). It is not called now: the first event is the first request."
    )
    kinds: list[str] = field("The kinds of event to receive, e.g. referral.invited.")
    description: str | None = field("What it is for, in your words (200 characters at most).", default=None)


@strawberry.type(description="The new endpoint and its signing secret. Keep the secret: it is shown only this once.")
class CreateWebhookEndpointPayload:
    endpoint: WebhookEndpoint = field("The endpoint.")
    secret: str = field("The signing secret, `whsec_<base64>`, for verifying `webhook-signature`. Not shown again.")


@strawberry.input(description="The endpoint to disable.")
class DisableWebhookEndpointInput:
    id: strawberry.ID = field("The endpoint's ID.")


@strawberry.input(description="The endpoint whose secret to replace.")
class RotateWebhookEndpointSecretInput:
    id: strawberry.ID = field("The endpoint's ID.")


@strawberry.type(description="The disabled endpoint.")
class DisableWebhookEndpointPayload:
    endpoint: WebhookEndpoint = field("The endpoint, now disabled.")


@strawberry.type(
    description=(
        "The endpoint's new secret, shown only this once. Events written until `previousSecretExpiresAt` are "
        "signed with both secrets, so switch your receiver over within that time."
    )
)
class RotateWebhookEndpointSecretPayload:
    endpoint: WebhookEndpoint = field("The endpoint.")
    secret: str = field("The new signing secret, `whsec_<base64>`. Not shown again.")


CREATE_ERRORS = (Forbidden, ValidationError)
CHANGE_ERRORS = (Forbidden, NotFound, ValidationError)


def _result(name: str, payload: type, errors: tuple[type, ...], description: str) -> object:
    return result(name, payload, *(GRAPHQL_ERRORS[error] for error in errors), description=description)


CreateWebhookEndpointResult = _result(
    "CreateWebhookEndpointResult",
    CreateWebhookEndpointPayload,
    CREATE_ERRORS,
    "The endpoint and its secret, or why not.",
)
DisableWebhookEndpointResult = _result(
    "DisableWebhookEndpointResult", DisableWebhookEndpointPayload, CHANGE_ERRORS, "The disabled endpoint, or why not."
)
RotateWebhookEndpointSecretResult = _result(
    "RotateWebhookEndpointSecretResult",
    RotateWebhookEndpointSecretPayload,
    CHANGE_ERRORS,
    "The new secret, or why not.",
)


@strawberry.type
class WebhookQueries:
    @strawberry.field(
        description=(
            "Your organisation's webhook endpoints, oldest first, each with its delivery log. For an authority's "
            "commissioners and a provider's administrators; nobody sees another organisation's."
        ),
        extensions=[READ],
    )
    async def webhook_endpoints(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WebhookEndpoint]:
        ctx = info.context
        statement = webhooks.listing(ctx.actor, now=ctx.now)
        found = await page(
            ctx, statement, id_column=m.WebhookEndpoint.id, first=first, after=after, last=last, before=before
        )
        return connection_from(found, WebhookEndpoint)


@strawberry.type
class WebhookMutations:
    @mutation(
        description=(
            "Register a URL to receive your organisation's events of the kinds chosen, signed per Standard "
            "Webhooks. The URL is checked, never called, now. The signing secret is returned once."
        ),
        access=WRITE,
        errors=CREATE_ERRORS,
    )
    async def create_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[CreateWebhookEndpointInput, strawberry.argument(description="The endpoint.")],
    ) -> CreateWebhookEndpointResult:  # type: ignore[valid-type]
        endpoint, secret = await info.context.run(
            webhooks.create_endpoint, url=input.url, kinds=input.kinds, description=input.description
        )
        return CreateWebhookEndpointPayload(endpoint=WebhookEndpoint.from_row(endpoint), secret=secret)

    @mutation(
        description="Stop sending events to an endpoint. Events waiting for it are not sent. It cannot be re-enabled.",
        access=WRITE,
        errors=CHANGE_ERRORS,
    )
    async def disable_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[DisableWebhookEndpointInput, strawberry.argument(description="The endpoint.")],
    ) -> DisableWebhookEndpointResult:  # type: ignore[valid-type]
        endpoint_id = require_id(input.id, "WebhookEndpoint", field="input.id")
        endpoint = await info.context.run(webhooks.disable_endpoint, endpoint_id=endpoint_id)
        return DisableWebhookEndpointPayload(endpoint=WebhookEndpoint.from_row(endpoint))

    @mutation(
        description=(
            "Replace an endpoint's signing secret. The new one is returned once; the old one still signs, beside "
            "it, the events written in the next day (`WEBHOOK_SECRET_OVERLAP_SECONDS`)."
        ),
        access=WRITE,
        errors=CHANGE_ERRORS,
    )
    async def rotate_webhook_endpoint_secret(
        self,
        info: Info,
        input: Annotated[RotateWebhookEndpointSecretInput, strawberry.argument(description="The endpoint.")],
    ) -> RotateWebhookEndpointSecretResult:  # type: ignore[valid-type]
        endpoint_id = require_id(input.id, "WebhookEndpoint", field="input.id")
        endpoint, secret = await info.context.run(webhooks.rotate_secret, endpoint_id=endpoint_id)
        return RotateWebhookEndpointSecretPayload(endpoint=WebhookEndpoint.from_row(endpoint), secret=secret)
