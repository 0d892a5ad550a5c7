"""Notifications as the lead authority reads them: what was sent, what is waiting, what failed and why."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import inbox, notifications
from api.domain.errors import Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.notification_kinds import KINDS, Kind, render
from api.domain.queries import MAX_PAGE_SIZE
from api.resolvers.errors import ClientError
from api.resolvers.relay import PageResult, page, require_id, to_global_id
from api.schema import errors as e
from api.schema.base import Connection, RowBacked, connection_from, field
from api.schema.lists import After, Before, First, Last
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from db import models as m


@strawberry.enum(description="What became of a notification; derived from its timestamps.")
class NotificationStatus(enum.Enum):
    PENDING = strawberry.enum_value("PENDING", description="Waiting for its first or next attempt.")
    SENT = strawberry.enum_value("SENT", description="Handed to the channel (Notify, the SMTP server, a file).")
    FAILED = strawberry.enum_value(
        "FAILED", description="Refused for good, or every attempt failed; `lastError` says why. Retry it from the CLI."
    )
    SKIPPED = strawberry.enum_value(
        "SKIPPED", description="Not sent, by design: no verified address, turned off, or nobody to send to."
    )


@strawberry.type(
    description=(
        "One message to one person (or to an organisation nobody at which could be reached), and what became "
        "of it. It carries no child's details."
    )
)
class Notification(RowBacked):
    model = m.Notification
    sources = {"reference": lambda row: str(row.id)}

    row: strawberry.Private[m.Notification]

    @field("An opaque ID of the notification, for telling rows apart. It is not fetched through `node`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Notification", self.row.id))

    reference: str = field("The reference the message carries (Notify's `reference`, the `X-Notification-Id` header).")
    kind: str = field("The kind of message, e.g. referral.invited.")
    channel: str = field("How it is delivered: EMAIL.")
    recipient_type: str = field("Whom it is for: Provider, Authority or User.")
    attempts: int = field("Delivery attempts so far.")
    created_at: dt.datetime = field("When its cause happened.")
    next_attempt_at: dt.datetime | None = field("When the next attempt is due, while pending.")
    sent_at: dt.datetime | None = field("When the channel took it.")
    failed_at: dt.datetime | None = field("When it was given up.")
    skipped_at: dt.datetime | None = field("When it was skipped.")
    skip_reason: str | None = field(
        "Why it was skipped: NO_VERIFIED_ADDRESS, MUTED, NO_RECIPIENT, INACTIVE or SUPERSEDED."
    )
    last_error: str | None = field("What went wrong at the last failed attempt.")
    provider_message_id: str | None = field("The channel's own identifier of the sent message.")

    @field("The organisation or user it is for, as a global ID.")
    def recipient(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(self.row.recipient_type, self.row.recipient_id))

    @field("What it is about (a referral, a user), as a global ID.")
    def subject(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(self.row.subject_type, self.row.subject_id))

    @field("PENDING, SENT, FAILED or SKIPPED.")
    def status(self) -> NotificationStatus:
        return NotificationStatus(notifications.status(self.row).value)


StatusArg = Annotated[
    NotificationStatus | None, strawberry.argument(description="Only notifications in this state, e.g. FAILED.")
]
KindArg = Annotated[str | None, strawberry.argument(description="Only notifications of this kind.")]


@strawberry.type
class NotificationQueries:
    @strawberry.field(
        description=(
            "Every notification, oldest first: what was sent, what waits, and what failed (`status: FAILED`) "
            "and why. The lead authority and auditors only."
        ),
        extensions=[requires("notifications:read", R.LEAD_ADMIN, R.AUDITOR)],
    )
    async def notifications(
        self,
        info: Info,
        status: StatusArg = None,
        kind: KindArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Notification]:
        ctx = info.context
        wanted = notifications.Status(status.value) if status is not None else None
        statement = notifications.listing(ctx.actor, now=ctx.now, status=wanted, kind=kind)
        result = await page(
            ctx, statement, id_column=m.Notification.id, first=first, after=after, last=last, before=before
        )
        return connection_from(result, Notification)


# -- the in-app inbox and preferences: each person's own messages ------------------------------


def _kind_enum() -> type[enum.Enum]:
    """Every kind of message of the registry, each described there."""
    members = {kind.name: kind.value for kind in Kind}
    kinds = enum.Enum("NotificationKind", members)  # type: ignore[misc]
    strawberry.enum(kinds, description="A kind of message the system sends, and what it is for.")
    for value in kinds.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = KINDS[Kind[value.name]].description
    return kinds


NotificationKind = _kind_enum()
EVERY_ROLE = tuple(R)
INBOX_READ = requires("inbox:read", *EVERY_ROLE)
INBOX_WRITE = requires("inbox:write", *EVERY_ROLE)


def _as_kind(value: enum.Enum) -> Kind:
    return Kind(value.value)


@strawberry.type(
    description=(
        "A message to you, as the system sent it (or would have: it is here even when no e-mail went). "
        "It carries no child's details."
    )
)
class InboxMessage(RowBacked):
    model = m.Notification

    row: strawberry.Private[m.Notification]

    @field("The message's ID: give it to `markNotificationsRead`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Notification", self.row.id))

    @field("What kind of message it is.")
    def kind(self) -> NotificationKind:  # type: ignore[valid-type]
        return NotificationKind[Kind(self.row.kind).name]  # type: ignore[index]

    @field("The subject line, in words, as the e-mail has it.")
    def subject(self, info: Info) -> str:
        return _rendered(self.row, info.context.public_url)[0]

    @field("The message itself, in plain English, as the e-mail has it.")
    def body(self, info: Info) -> str:
        return _rendered(self.row, info.context.public_url)[1]

    @field("Where in the provider portal the message points, as a path, e.g. /portal/Referral/…; null if nowhere.")
    def link(self) -> str | None:
        template = KINDS[Kind(self.row.kind)].link
        if not template.startswith("/portal/"):
            return None
        try:
            return template.format(**{str(k): v for k, v in self.row.payload.items()})
        except (KeyError, IndexError, ValueError):
            return None

    @field("What it is about (a referral, a report), as a global ID.")
    def about(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(self.row.subject_type, self.row.subject_id))

    created_at: dt.datetime = field("When it was written: when its cause happened.")
    read_at: dt.datetime | None = field("When you marked it read; null while it is unread.")

    @field("Whether you have marked it read.")
    def read(self) -> bool:
        return self.row.read_at is not None

    @field("What became of its e-mail: SENT, PENDING, FAILED, or SKIPPED (no verified address, or turned off).")
    def email_status(self) -> NotificationStatus:
        return NotificationStatus(notifications.status(self.row).value)


def _rendered(row: m.Notification, public_url: str) -> tuple[str, str]:
    """The subject and body of a stored message; the kind's description when its payload does not fill them."""
    try:
        words = render(row.kind, row.payload, public_url=public_url or "")
    except (KeyError, IndexError, ValueError):
        return KINDS[Kind(row.kind)].description, ""
    return words.subject, words.body


@strawberry.type(description="Whether you receive one kind of message by e-mail.")
class NotificationPreference:
    kind: NotificationKind = field("The kind of message.")  # type: ignore[valid-type]
    description: str = field("What it is for.")
    optional: bool = field("Whether you may turn it off: only reminders. Those the procedure requires cannot be.")
    muted: bool = field("Whether you have turned its e-mails off. It still arrives here, in your messages.")


def _preferences(user: m.User | None) -> list[NotificationPreference]:
    return [
        NotificationPreference(
            kind=NotificationKind[p.kind.name],  # type: ignore[index]
            description=KINDS[p.kind].description,
            optional=p.optional,
            muted=p.muted,
        )
        for p in inbox.preferences(user)
    ]


UnreadOnlyArg = Annotated[bool, strawberry.argument(description="Only the messages you have not marked read.")]
InboxFirst = Annotated[
    int | None, strawberry.argument(description="Return the first N messages (at most 100), after `after`.")
]
InboxAfter = Annotated[str | None, strawberry.argument(description="Start after the message with this cursor.")]


@strawberry.type
class ViewerInbox:
    """The signed-in person's messages and preferences, as fields of ``viewer``."""

    @strawberry.field(
        description=(
            "Your messages: unread first, then newest first. Every message the system wrote to you is here, "
            "whether or not its e-mail was sent. Pages forwards only (`first`, `after`). A machine client "
            "(client credentials) has no messages: its list is empty."
        ),
        extensions=[INBOX_READ],
    )
    async def notifications(
        self, info: Info, first: InboxFirst = None, after: InboxAfter = None, unread_only: UnreadOnlyArg = False
    ) -> Connection[InboxMessage]:
        ctx = info.context
        if first is not None and not 0 <= first <= MAX_PAGE_SIZE:
            raise ClientError(f"first: must be between 0 and {MAX_PAGE_SIZE}", code="VALIDATION_ERROR", field="first")
        at = None
        if after is not None:
            try:
                at = inbox.position(after)
            except ValueError:
                shown = after if len(after) <= 60 else f"{after[:60]}…"
                raise ClientError(
                    f"after: '{shown}' is not a valid cursor", code="INVALID_CURSOR", field="after"
                ) from None
        user = await ctx.execute(lambda session: inbox.user_of(session, ctx.actor))
        statement = inbox.listing(user.id if user else None, unread_only=unread_only)
        size = MAX_PAGE_SIZE if first is None else first
        rows, more = await ctx.execute(lambda session: inbox.page(session, statement, first=size, after=at))
        result = PageResult(
            rows=rows,
            cursors=[inbox.cursor(row) for row in rows],
            has_next=more,
            has_previous=at is not None,
            context=ctx,
            statement=statement,
        )
        return connection_from(result, InboxMessage)

    @strawberry.field(description="How many of your messages you have not marked read.", extensions=[INBOX_READ])
    async def unread_notification_count(self, info: Info) -> int:
        ctx = info.context

        async def count(session: Any) -> int:
            user = await inbox.user_of(session, ctx.actor)
            return await inbox.unread_count(session, user.id if user else None)

        return await ctx.execute(count)

    @strawberry.field(
        description="Every kind of message, whether you may turn its e-mails off, and whether you have.",
        extensions=[INBOX_READ],
    )
    async def notification_preferences(self, info: Info) -> list[NotificationPreference]:
        ctx = info.context
        user = await ctx.execute(lambda session: inbox.user_of(session, ctx.actor))
        return _preferences(user)


@strawberry.input(description="Which of your messages to mark read: the ones named, or all of them.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = field(
        "The messages to mark read, at most 100 (`InboxMessage.id`). Leave out when `all` is true.", default=None
    )
    all: bool = field("Mark every one of your messages read.", default=False)


@strawberry.type(description="Your messages were marked read.")
class MarkNotificationsReadPayload:
    marked: int = field("How many were unread and are now read (those already read keep their time).")
    unread_count: int = field("How many of your messages are still unread.")


@strawberry.input(description="The kinds of message whose e-mails you turn off; every other kind is on.")
class SetNotificationPreferencesInput:
    muted: list[NotificationKind] = field(  # type: ignore[valid-type]
        "The kinds to turn off: optional ones (reminders) only. An empty list turns every kind on."
    )


@strawberry.type(description="Your preferences as they now are.")
class SetNotificationPreferencesPayload:
    preferences: list[NotificationPreference] = field("Every kind of message, and whether it is now turned off.")


@strawberry.input(description="Ask for a new link to confirm your own e-mail address.")
class RequestEmailVerificationInput:
    email: str | None = field(
        "Your address as you know it. When given, it must be your account's address (VALIDATION_ERROR otherwise); "
        "the link only ever goes to your account's own address.",
        default=None,
    )


@strawberry.type(description="A new verification link was sent to your address.")
class RequestEmailVerificationPayload:
    email: str = field("Your address, where the link was sent. Earlier links to it no longer work.")
    expires_at: dt.datetime = field("When the new link stops working.")


RequestEmailVerificationResult = result(
    "RequestEmailVerificationResult",
    RequestEmailVerificationPayload,
    e.Forbidden,
    e.InvalidTransition,
    e.ValidationError,
    description="Where the link went, or why none was sent (no address, or it is already verified).",
)
MarkNotificationsReadResult = result(
    "MarkNotificationsReadResult",
    MarkNotificationsReadPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    description="How many were marked, or which ID is not one of your messages.",
)
SetNotificationPreferencesResult = result(
    "SetNotificationPreferencesResult",
    SetNotificationPreferencesPayload,
    e.Forbidden,
    e.ValidationError,
    description="Your preferences, or which kind may not be turned off.",
)


@strawberry.type(description="Your own messages and which of them are e-mailed.")
class NotificationMutations:
    @mutation(
        description=(
            "Mark your messages read: the ones named, or all. Marking one already read changes nothing. "
            "Only your own: another person's message is NOT_FOUND."
        ),
        access=INBOX_WRITE,
        errors=(NotFound, Forbidden, ValidationError),
    )
    async def mark_notifications_read(
        self, info: Info, input: Annotated[MarkNotificationsReadInput, strawberry.argument(description="Which.")]
    ) -> MarkNotificationsReadResult:
        ids = None
        if input.ids is not None:
            ids = [require_id(v, "Notification", field=f"input.ids[{i}]") for i, v in enumerate(input.ids)]
        marked, unread = await info.context.run(inbox.mark_read, ids=ids, every=input.all)
        return MarkNotificationsReadPayload(marked=marked, unread_count=unread)

    @mutation(
        description=(
            "Choose which kinds of message are not e-mailed to you. Only optional kinds (reminders) may be turned "
            "off; those the procedure requires (invitations, decisions, awards) cannot. Turned-off messages "
            "still arrive in your messages."
        ),
        access=INBOX_WRITE,
        errors=(Forbidden, ValidationError),
    )
    async def set_notification_preferences(
        self,
        info: Info,
        input: Annotated[SetNotificationPreferencesInput, strawberry.argument(description="The kinds to turn off.")],
    ) -> SetNotificationPreferencesResult:
        user = await info.context.run(inbox.set_muted, muted=[_as_kind(k) for k in input.muted])
        return SetNotificationPreferencesPayload(preferences=_preferences(user))

    @mutation(
        description=(
            "Send a new link to confirm your own e-mail address, e.g. when the first one has expired. Earlier links "
            "stop working. INVALID_TRANSITION when you have no address or it is already verified."
        ),
        access=INBOX_WRITE,
        errors=(Forbidden, InvalidTransition, ValidationError),
    )
    async def request_email_verification(
        self,
        info: Info,
        input: Annotated[RequestEmailVerificationInput, strawberry.argument(description="Your address, optionally.")],
    ) -> RequestEmailVerificationResult:
        expected = None
        if input.email is not None:
            expected = notifications.checked_email(input.email, field="input.email")
        user = await info.context.run(notifications.request_verification, expected=expected)
        assert user.email is not None and user.email_verification_expires_at is not None
        return RequestEmailVerificationPayload(email=user.email, expires_at=user.email_verification_expires_at)
