"""The in-app inbox and message preferences, over HTTP, on both databases.

Each person reads their own messages (``viewer { notifications }``): unread first, then newest first,
paged by a cursor holding both keys; marks them read (``markNotificationsRead``), only their own; and
turns off the optional kinds (reminders), never the ones the procedure requires. A muted reminder is
not e-mailed but is still in the inbox.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from api.auth.actor import Role
from api.auth.demo import provider_admin_username
from api.domain.notification_kinds import KINDS, Kind
from api.domain.notifications import To, notify
from db.engine import create_engine, session_factory
from tests.notification_support import sql, utc
from tests.support import WritableApi
from tests.test_referrals import call, create, gid, pk

INBOX = """query($first: Int, $after: String, $unreadOnly: Boolean! = false) { viewer {
  unreadNotificationCount
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id kind subject body link about createdAt readAt read emailStatus } }
  } } }"""
MARK = """mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { __typename
  ... on MarkNotificationsReadPayload { marked unreadCount } ... on MutationError { code field message } } }"""
PREFERENCES = "{ viewer { notificationPreferences { kind description optional muted } } }"
SET_PREFERENCES = """mutation($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) {
  __typename ... on SetNotificationPreferencesPayload { preferences { kind optional muted } }
  ... on MutationError { code field message } } }"""
OPTIONAL = sorted(kind.name for kind, entry in KINDS.items() if entry.optional)
REQUIRED = sorted(kind.name for kind, entry in KINDS.items() if not entry.optional)


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi) -> dict[str, Any]:
    """Three referrals opened to every eligible provider: the demo provider's two users each have messages."""
    api = writable_with_people
    url = api.app.state.settings.database_url
    lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")
    by_code = {lot["code"]: lot["id"] for lot in lots["purchasingSystems"]["edges"][0]["node"]["lots"]}
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1)
    referral_world = {"api": api, "lots": by_code, "commissioner": commissioner}
    [(provider_id,)] = sql(url, "SELECT provider_id FROM user_account WHERE username = 'provider.user'")
    referrals = []
    for _ in range(3):
        referral = create(referral_world)
        opened = call(
            api,
            "openReferral",
            {"referral": referral["id"], "providers": [gid("Provider", provider_id)]},
            commissioner,
            "referral { id }",
        )
        assert opened["__typename"] == "OpenReferralPayload", opened
        referrals.append(referral["id"])
    users = {row.username: row.id for row in sql(url, "SELECT id, username FROM user_account")}
    admin = provider_admin_username(provider_id)

    def token(username: str, **extra: Any) -> str:
        return api.token(Role.PROVIDER_USER, provider_id=provider_id, subject=username, **extra)

    return {
        "api": api,
        "url": url,
        "provider": provider_id,
        "referrals": referrals,
        "user": users["provider.user"],
        "colleague": users[admin],
        "admin": admin,
        "token": token,
        "commissioner": commissioner,
    }


def expected_order(world: dict[str, Any], user_id: int, *, unread_only: bool = False) -> list[int]:
    """The user's messages in inbox order, worked out in Python from the rows themselves."""
    rows = sql(world["url"], "SELECT id, read_at, kind FROM notification WHERE user_id = :u", u=user_id)
    shown = [r for r in rows if not KINDS[Kind(r.kind)].secret and (r.read_at is None or not unread_only)]
    return [r.id for r in sorted(shown, key=lambda r: (r.read_at is not None, -r.id))]


def read_all(api: WritableApi, token: str, *, first: int, unread_only: bool = False) -> list[dict[str, Any]]:
    """Every message, page by page, following the cursors."""
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        page = api.gql(INBOX, {"first": first, "after": after, "unreadOnly": unread_only}, token=token)
        connection = page["viewer"]["notifications"]
        assert len(connection["edges"]) <= first
        assert connection["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen.extend(edge["node"] for edge in connection["edges"])
        if not connection["pageInfo"]["hasNextPage"]:
            return seen
        after = connection["pageInfo"]["endCursor"]
        assert after == connection["edges"][-1]["cursor"]


def mark(api: WritableApi, token: str, input_: dict[str, Any]) -> dict[str, Any]:
    return api.gql(MARK, {"input": input_}, token=token)["markNotificationsRead"]


def test_each_person_reads_their_own_messages_unread_first_then_newest(world: dict[str, Any]) -> None:
    api, token = world["api"], world["token"]("provider.user")
    first = api.gql(INBOX, {"first": 100}, token=token)["viewer"]
    messages = first["notifications"]["edges"]
    invited = [e["node"] for e in messages if e["node"]["kind"] == "REFERRAL_INVITED"]
    assert len(invited) >= 3 and first["unreadNotificationCount"] == first["notifications"]["totalCount"]
    newest = invited[0]
    assert newest["about"] == world["referrals"][-1]
    assert newest["link"] == f"/portal/Referral/{world['referrals'][-1]}"
    reference = f"NWR-{pk(world['referrals'][-1]):06d}"
    assert reference in newest["subject"] and "L1" in newest["subject"]
    assert reference in newest["body"] and f"{api.live.base_url}{newest['link']}" in newest["body"]
    assert newest["read"] is False and newest["readAt"] is None and newest["emailStatus"] == "PENDING"

    # one in the middle is read: it goes below every unread one
    middle = invited[1]
    assert mark(api, token, {"ids": [middle["id"]]}) == {
        "__typename": "MarkNotificationsReadPayload",
        "marked": 1,
        "unreadCount": first["unreadNotificationCount"] - 1,
    }
    order = expected_order(world, world["user"])
    assert order[-1] == pk(middle["id"])  # the only one read, so the last
    for size in (1, 2, 100):  # the boundary between unread and read falls inside a page and between pages
        assert [pk(m["id"]) for m in read_all(api, token, first=size)] == order, size
    unread = read_all(api, token, first=2, unread_only=True)
    assert [pk(m["id"]) for m in unread] == expected_order(world, world["user"], unread_only=True)
    assert middle["id"] not in {m["id"] for m in unread}
    total = api.gql(INBOX, {"first": 1, "unreadOnly": True}, token=token)["viewer"]
    assert total["notifications"]["totalCount"] == total["unreadNotificationCount"] == len(unread)


def utc_read(world: dict[str, Any], notification_id: int) -> dt.datetime | None:
    [(read_at,)] = sql(world["url"], "SELECT read_at FROM notification WHERE id = :i", i=notification_id)
    return utc(read_at)


def test_nobody_sees_or_marks_another_persons_messages(world: dict[str, Any]) -> None:
    """Two users of the same provider, each told of the same referrals: each sees and marks only their own."""
    api = world["api"]
    mine, theirs = world["token"]("provider.user"), world["token"](world["admin"])
    own = {m["id"] for m in read_all(api, mine, first=100)}
    other = {m["id"] for m in read_all(api, theirs, first=100)}
    assert own and other and not own & other
    listed = ", ".join(str(pk(i)) for i in other)
    owners = sql(world["url"], f"SELECT DISTINCT user_id FROM notification WHERE id IN ({listed})")
    assert [r.user_id for r in owners] == [world["colleague"]]

    # another's message in the list: NOT_FOUND naming its index, and nothing marked, not even one's own
    own_unread = next(m["id"] for m in read_all(api, mine, first=100, unread_only=True))
    foreign = sorted(other)[0]
    before = api.gql(INBOX, {"first": 1}, token=mine)["viewer"]["unreadNotificationCount"]
    refused = mark(api, mine, {"ids": [own_unread, foreign]})
    assert refused["__typename"] == "NotFound" and refused["field"] == "input.ids[1]", refused
    assert api.gql(INBOX, {"first": 1}, token=mine)["viewer"]["unreadNotificationCount"] == before
    assert utc_read(world, pk(foreign)) is None and utc_read(world, pk(own_unread)) is None
    # marking all one's own leaves the colleague's unread
    theirs_unread = api.gql(INBOX, {"first": 1}, token=theirs)["viewer"]["unreadNotificationCount"]
    assert theirs_unread > 0
    assert mark(api, mine, {"all": True})["unreadCount"] == 0
    assert api.gql(INBOX, {"first": 1}, token=theirs)["viewer"]["unreadNotificationCount"] == theirs_unread

    # a message is not a Node: `node` and `nodes` give nobody anything for its ID, not even its owner
    for token in (mine, theirs, api.token(Role.AUDITOR), api.token(Role.LEAD_ADMIN, authority_id=1)):
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": foreign}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        body = api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [foreign]}, token=token).json()
        assert body["data"]["nodes"] == [None]


def test_marking_read_is_idempotent_and_checks_its_input(world: dict[str, Any]) -> None:
    api, token = world["api"], world["token"](world["admin"])
    messages = read_all(api, token, first=100)
    target = next(m for m in messages if not m["read"])
    assert mark(api, token, {"ids": [target["id"]]})["marked"] == 1
    read_at = utc_read(world, pk(target["id"]))
    assert read_at is not None
    again = mark(api, token, {"ids": [target["id"], target["id"]]})
    assert again["__typename"] == "MarkNotificationsReadPayload" and again["marked"] == 0
    assert utc_read(world, pk(target["id"])) == read_at  # the first time it was read is kept
    shown = next(m for m in read_all(api, token, first=100) if m["id"] == target["id"])
    assert shown["read"] is True and shown["readAt"] is not None

    for bad, field in (
        ({}, "input.ids"),
        ({"ids": [target["id"]], "all": True}, "input.ids"),
        ({"ids": ["not-an-id"]}, "input.ids[0]"),
        ({"ids": [target["id"], world["referrals"][0]]}, "input.ids[1]"),  # a referral's ID, not a message's
        ({"ids": [target["id"]] * 101}, "input.ids"),
    ):
        result = mark(api, token, bad)
        assert (result["__typename"], result["field"]) == ("ValidationError", field), (bad, result)
    missing = mark(api, token, {"ids": [gid("Notification", 2**31 - 1)]})
    assert (missing["__typename"], missing["field"]) == ("NotFound", "input.ids[0]")

    everything = mark(api, token, {"all": True})
    assert everything["unreadCount"] == 0
    assert mark(api, token, {"all": True}) == {**everything, "marked": 0}


def test_only_people_have_an_inbox(world: dict[str, Any]) -> None:
    api = world["api"]
    # a machine client acting for the provider: an empty inbox, and a typed refusal to change one
    machine = api.token(Role.PROVIDER_USER, provider_id=world["provider"], subject="client:provider-system")
    empty = api.gql(INBOX, {"first": 10}, token=machine)["viewer"]
    assert empty["unreadNotificationCount"] == 0 and empty["notifications"]["totalCount"] == 0
    assert empty["notifications"]["edges"] == []
    refused = mark(api, machine, {"all": True})
    assert refused["__typename"] == "Forbidden", refused
    muted = api.gql(SET_PREFERENCES, {"input": {"muted": []}}, token=machine)["setNotificationPreferences"]
    assert muted["__typename"] == "Forbidden"
    # anonymous: a token is needed; a token without the scope is refused
    response = api.post(INBOX, {"first": 1})
    assert response.status_code == 401 and response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    narrow = world["token"]("provider.user", scopes=("referrals:read",))
    errors = api.errors(INBOX, {"first": 1}, token=narrow)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    errors = api.errors(MARK, {"input": {"all": True}}, token=world["token"]("provider.user", scopes=("inbox:read",)))
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    # a cursor that is not one of the inbox's
    errors = api.errors(INBOX, {"first": 1, "after": "Y3Vyc29yOjE"}, token=world["token"]("provider.user"))
    assert errors[0]["extensions"]["code"] == "INVALID_CURSOR" and errors[0]["extensions"]["field"] == "after"


def test_preferences_list_every_kind_and_refuse_required_ones(world: dict[str, Any]) -> None:
    assert OPTIONAL, "some kinds (reminders) may be turned off"
    api, token = world["api"], world["token"]("provider.user")
    listed = api.gql(PREFERENCES, token=token)["viewer"]["notificationPreferences"]
    assert [p["kind"] for p in listed] == [kind.name for kind, entry in KINDS.items() if entry.emailed]
    assert {p["kind"] for p in listed if p["optional"]} == set(OPTIONAL)
    assert all(p["description"] == KINDS[Kind[p["kind"]]].description for p in listed)
    assert not any(p["muted"] for p in listed)

    refused = api.gql(SET_PREFERENCES, {"input": {"muted": [OPTIONAL[0], REQUIRED[0]]}}, token=token)
    refused = refused["setNotificationPreferences"]
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.muted[1]"), refused
    assert not any(p["muted"] for p in api.gql(PREFERENCES, token=token)["viewer"]["notificationPreferences"])
    [(stored,)] = sql(world["url"], "SELECT muted_kinds FROM user_account WHERE id = :u", u=world["user"])
    assert stored in ([], "[]")

    done = api.gql(SET_PREFERENCES, {"input": {"muted": [OPTIONAL[0]]}}, token=token)["setNotificationPreferences"]
    assert done["__typename"] == "SetNotificationPreferencesPayload"
    assert {p["kind"] for p in done["preferences"] if p["muted"]} == {OPTIONAL[0]}
    listed = api.gql(PREFERENCES, token=token)["viewer"]["notificationPreferences"]
    assert {p["kind"] for p in listed if p["muted"]} == {OPTIONAL[0]}
    # the colleague's are their own
    other = api.gql(PREFERENCES, token=world["token"](world["admin"]))["viewer"]["notificationPreferences"]
    assert not any(p["muted"] for p in other)
    cleared = api.gql(SET_PREFERENCES, {"input": {"muted": []}}, token=token)["setNotificationPreferences"]
    assert not any(p["muted"] for p in cleared["preferences"])


async def _remind(url: str, kind: Kind, provider_id: int, referral_id: int) -> None:
    """Write a reminder to the provider the way its cause does: through ``notify``, in a transaction."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            await notify(
                session,
                now=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
                kind=kind,
                to=To.provider(provider_id),
                subject_type="Referral",
                subject_id=referral_id,
                payload={
                    "referral": f"NWR-{referral_id:06d}",
                    "referralId": gid("Referral", referral_id),
                    "lot": "L1",
                    "offerDeadline": "2026-03-12T12:00:00+00:00",
                    "deadline": "midday on Thursday 12 March 2026",
                    "startBy": "2026-04-16",
                },
            )
            await session.commit()
    finally:
        await engine.dispose()


def test_a_muted_reminder_is_not_emailed_but_is_in_the_inbox(world: dict[str, Any]) -> None:
    kind = Kind.OFFER_DEADLINE_REMINDER
    assert KINDS[kind].optional
    api, token = world["api"], world["token"]("provider.user")
    done = api.gql(SET_PREFERENCES, {"input": {"muted": [kind.name]}}, token=token)["setNotificationPreferences"]
    assert done["__typename"] == "SetNotificationPreferencesPayload", done
    referral_id = pk(world["referrals"][0])
    asyncio.run(_remind(world["url"], kind, world["provider"], referral_id))

    rows = sql(
        world["url"],
        "SELECT user_id, skipped_at, skip_reason, next_attempt_at FROM notification "
        "WHERE kind = :k AND subject_id = :s ORDER BY user_id",
        k=kind.value,
        s=referral_id,
    )
    by_user = {r.user_id: r for r in rows}
    muted, colleague = by_user[world["user"]], by_user[world["colleague"]]
    assert muted.skip_reason == "MUTED" and muted.skipped_at is not None and muted.next_attempt_at is None
    assert colleague.skip_reason is None and colleague.next_attempt_at is not None  # e-mailed as usual

    for who, status in ((token, "SKIPPED"), (world["token"](world["admin"]), "PENDING")):
        found = [m for m in read_all(api, who, first=100) if m["kind"] == kind.name]
        assert len(found) == 1 and found[0]["emailStatus"] == status and not found[0]["read"], found
        assert f"NWR-{referral_id:06d}" in found[0]["subject"]
    api.gql(SET_PREFERENCES, {"input": {"muted": []}}, token=token)
