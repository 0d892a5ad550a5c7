"""Provider onboarding over HTTP: public registration, verification, invitations and establishment details.

A provider registers without a token and its administrator signs in; the lead
authority verifies it. The administrator invites a colleague, who opens the
one-time link in a browser, chooses a password and signs in to the portal
with PKCE. The provider keeps an establishment's details current, and each
change shows in the establishment's history.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from api.auth.actor import Role
from api.domain.errors import InvalidTransition
from api.domain.providers import ensure_may_bid
from api.domain.wording import state
from db import models as m
from db.enums import ProviderStatus
from tests.notification_support import SmtpSink, sql, wait_until
from tests.support import DEMO_NOW, StatementCounter, WritableApi
from tests.test_oauth import VIEWER, _seed_identities, code_from, exchange, parse_form, pkce, sign_in
from tests.test_password_reset import deliver_outbox, mailed_link

PASSWORD = "correct horse battery staple"
PROVIDER = (
    "id legalName status statusReason verified verifiedAt version identifiers { scheme identifier } "
    "establishments { id urn name type postcode ageMin ageMax genders needs dayCapacity residentialCapacity "
    "dayVacancies residentialVacancies version }"
)
ESTABLISHMENT = (
    "id urn version dayCapacity residentialCapacity dayVacancies residentialVacancies "
    "ageMin ageMax needs changes { action actor at diff }"
)
SELECTIONS = {
    "registerProvider": f"provider {{ {PROVIDER} }} administratorUsername",
    "verifyProvider": f"provider {{ {PROVIDER} }}",
    "inviteProviderUser": "username displayName administrator email expiresAt",
    "updateEstablishment": f"establishment {{ {ESTABLISHMENT} }}",
}
VERSIONED = {"verifyProvider", "updateEstablishment"}
_serial = itertools.count(1)


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def gid(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def mutate(api: WritableApi, name: str, given: dict[str, Any], token: str | None) -> dict[str, Any]:
    """Run one mutation that must reach its resolver; its payload or its typed error."""
    input_type = name[0].upper() + name[1:] + "Input"
    payload = name[0].upper() + name[1:] + "Payload"
    stale = "... on StaleVersion { currentVersion }" if name in VERSIONED else ""
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ code field message }} {stale} ... on {payload} {{ {SELECTIONS[name]} }} }} }}"
    )
    return api.gql(query, {"input": given}, token=token)[name]


def refused_at_edge(api: WritableApi, name: str, given: dict[str, Any], token: str | None) -> str:
    query = f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename }} }}"
    return api.errors(query, {"input": given}, token=token)[0]["extensions"]["code"]


def refusal(result: dict[str, Any], typename: str, field: str | None = None) -> None:
    assert result["__typename"] == typename, result
    if field is not None:
        assert result["field"] == field, result


def registration(**overrides: Any) -> dict[str, Any]:
    """A complete, valid registration with identifiers and URNs no one else holds."""
    n = next(_addresses)
    establishment = {
        "urn": f"8{n:04d}1",
        "name": "Moorside Hall School",
        "type": "INDEPENDENT_SPECIAL",
        "postcode": "bb4  7aq",
        "latitude": 53.7,
        "longitude": -2.28,
        "ageMin": 8,
        "ageMax": 19,
        "genders": "MIXED",
        "needs": ["ASD", "SEMH"],
        "dayCapacity": 40,
        "residentialCapacity": 12,
        "dayVacancies": 3,
        "residentialVacancies": 1,
    }
    return {
        "legalName": f"Moorside Learning Trust {n}",
        "identifiers": [
            {"scheme": "GB_COH", "identifier": f"sc{n:06d}"},
            {"scheme": "GB_CHC", "identifier": f"{1_900_000 + n}"},
        ],
        "establishments": [establishment, establishment | {"urn": f"8{n:04d}2", "name": "Moorside College"}],
        "administrator": {"username": f"Admin{n}@Moorside.example", "displayName": "Sam Admin", "password": PASSWORD},
    } | overrides


@dataclass
class Onboarding:
    api: WritableApi
    lead: str
    commissioner: str

    def register(self, **overrides: Any) -> dict[str, Any]:
        result = mutate(self.api, "registerProvider", registration(**overrides), None)
        assert result["__typename"] == "RegisterProviderPayload", result
        return result

    def provider_token(self, provider: dict[str, Any], username: str) -> str:
        return self.api.token(Role.PROVIDER_USER, provider_id=pk(provider["id"]), subject=username)

    def providers(self) -> int:
        return self.api.gql("{ providers { totalCount } }")["providers"]["totalCount"]


@pytest.fixture(scope="module")
def onboarding(writable: WritableApi) -> Onboarding:
    asyncio.run(_seed_identities(writable.app.state.settings.database_url))  # the portal client
    authorities = writable.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    cheshire_east = next(pk(a["id"]) for a in authorities if a["code"] == "E06000049")
    return Onboarding(
        api=writable,
        lead=writable.token(Role.LEAD_ADMIN, authority_id=cheshire_east),
        commissioner=writable.token(Role.AUTHORITY_COMMISSIONER, authority_id=cheshire_east),
    )


@pytest.fixture(scope="module")
def smtp(backend: str) -> Iterator[SmtpSink]:
    """Where invitations are mailed: the tests run the relay over the outbox themselves (deliver_outbox)."""
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


INVITED = "You have been invited"


@pytest.fixture()
def browser(writable: WritableApi) -> Iterator[httpx.Client]:
    """A fresh user agent with its own cookie jar; redirects are not followed."""
    with httpx.Client(base_url=writable.live.base_url, timeout=30, follow_redirects=False) as client:
        yield client


@pytest.fixture(autouse=True)
def _clock_back(writable: WritableApi) -> Iterator[None]:
    yield
    writable.at(DEMO_NOW)


def portal_token(browser: httpx.Client, username: str, password: str) -> str:
    """Sign in through the sign-in page with PKCE, as the portal does; the access token."""
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, username, password, challenge))
    issued = exchange(browser, code, verifier)
    assert issued.status_code == 200, issued.text
    return issued.json()["access_token"]


# --------------------------------------------------------------------------
# Registration and verification
# --------------------------------------------------------------------------


def test_a_provider_registers_without_a_token_and_is_verified_by_the_lead_authority(
    onboarding: Onboarding, browser: httpx.Client
) -> None:
    api = onboarding.api
    registered = onboarding.register()
    provider = registered["provider"]
    assert registered["administratorUsername"].startswith("admin") and registered["administratorUsername"].islower()
    assert provider["status"] == "ACTIVE" and provider["statusReason"] is None
    assert provider["verified"] is False and provider["verifiedAt"] is None
    assert [i["scheme"] for i in provider["identifiers"]] == ["GB_COH", "GB_CHC"]
    assert provider["identifiers"][0]["identifier"].startswith("SC")
    first = provider["establishments"][0]
    assert first["postcode"] == "BB4 7AQ" and first["needs"] == ["ASD", "SEMH"]
    assert [e["name"] for e in provider["establishments"]] == ["Moorside Hall School", "Moorside College"]

    # the administrator signs in through the portal with the password chosen at registration
    token = portal_token(browser, registered["administratorUsername"], PASSWORD)
    viewer = api.gql(VIEWER, token=token)["viewer"]
    assert viewer["roles"] == ["PROVIDER_USER"] and viewer["provider"] == {"id": provider["id"]}

    # only the lead authority verifies, with the version it read
    given = {"id": provider["id"], "version": provider["version"]}
    for other in (onboarding.commissioner, token):
        assert refused_at_edge(api, "verifyProvider", given, other) == "FORBIDDEN"
    assert refused_at_edge(api, "verifyProvider", given, None) == "UNAUTHENTICATED"
    stale = mutate(api, "verifyProvider", {"id": provider["id"], "version": 42}, onboarding.lead)
    refusal(stale, "StaleVersion", "input.version")
    assert stale["currentVersion"] == provider["version"]
    verified = mutate(api, "verifyProvider", given, onboarding.lead)["provider"]
    assert verified["verified"] is True and verified["verifiedAt"] == DEMO_NOW.isoformat()
    assert verified["version"] == provider["version"] + 1
    again = mutate(api, "verifyProvider", {"id": provider["id"], "version": verified["version"]}, onboarding.lead)
    refusal(again, "InvalidTransition")
    missing = mutate(api, "verifyProvider", {"id": gid("Provider", 999_999), "version": 1}, onboarding.lead)
    refusal(missing, "NotFound", "input.id")

    events = api.gql(
        "query($e: ID!) { auditEvents(first: 10, filter: {entity: $e}) { nodes { action actor diff } } }",
        {"e": provider["id"]},
        token=api.token(Role.AUDITOR),
    )["auditEvents"]["nodes"]
    assert [(e["action"], e["actor"]) for e in events] == [
        ("provider.registered", "anonymous"),
        ("provider.verified", "test-lead_admin"),
    ]
    assert "password" not in str(events).lower()


def _demo_identifier_and_urn(api: WritableApi) -> tuple[dict[str, str], str]:
    providers = api.gql(
        "{ providers(first: 1) { nodes { identifiers { scheme identifier } establishments { urn } } } }"
    )
    node = providers["providers"]["nodes"][0]
    return node["identifiers"][0], node["establishments"][0]["urn"]


def _with_establishment(**changes: Any) -> dict[str, Any]:
    given = registration()
    given["establishments"] = [given["establishments"][0] | changes]
    return given


def _with_identifiers(*identifiers: dict[str, str]) -> dict[str, Any]:
    return registration(identifiers=list(identifiers))


BAD_REGISTRATIONS: dict[str, tuple[Any, str]] = {
    "no legal name": (lambda: registration(legalName="  "), "input.legalName"),
    "no identifiers": (lambda: registration(identifiers=[]), "input.identifiers"),
    "short company number": (
        lambda: _with_identifiers({"scheme": "GB_COH", "identifier": "1234"}),
        "input.identifiers[0].identifier",
    ),
    "letters in a charity number": (
        lambda: _with_identifiers({"scheme": "GB_CHC", "identifier": "12AB456"}),
        "input.identifiers[0].identifier",
    ),
    "malformed PPON": (
        lambda: _with_identifiers(
            {"scheme": "GB_COH", "identifier": "07654321"}, {"scheme": "GB_PPON", "identifier": "PPON-1"}
        ),
        "input.identifiers[1].identifier",
    ),
    "two company numbers": (
        lambda: _with_identifiers(
            {"scheme": "GB_COH", "identifier": "07654321"}, {"scheme": "GB_COH", "identifier": "07654322"}
        ),
        "input.identifiers[1].scheme",
    ),
    "no establishments": (lambda: registration(establishments=[]), "input.establishments"),
    "five-digit URN": (lambda: _with_establishment(urn="12345"), "input.establishments[0].urn"),
    "more vacancies than places": (
        lambda: _with_establishment(dayCapacity=4, dayVacancies=5),
        "input.establishments[0].dayVacancies",
    ),
    "residential vacancies without places": (
        lambda: _with_establishment(residentialCapacity=0, residentialVacancies=1),
        "input.establishments[0].residentialVacancies",
    ),
    "no places at all": (
        lambda: _with_establishment(dayCapacity=0, residentialCapacity=0, dayVacancies=0, residentialVacancies=0),
        "input.establishments[0].dayCapacity",
    ),
    "age range upside down": (lambda: _with_establishment(ageMin=16, ageMax=11), "input.establishments[0].ageMax"),
    "age over 25": (lambda: _with_establishment(ageMax=30), "input.establishments[0].ageMax"),
    "not a postcode": (lambda: _with_establishment(postcode="NOWHERE"), "input.establishments[0].postcode"),
    "latitude off the globe": (lambda: _with_establishment(latitude=91.0), "input.establishments[0].latitude"),
    "no needs": (lambda: _with_establishment(needs=[]), "input.establishments[0].needs"),
    "a need twice": (lambda: _with_establishment(needs=["ASD", "ASD"]), "input.establishments[0].needs"),
    "short password": (
        lambda: registration(administrator={"username": "short.pw", "displayName": "x", "password": "too-short"}),
        "input.administrator.password",
    ),
    "password is the username": (
        lambda: registration(
            administrator={"username": "sam.long.name", "displayName": "x", "password": "Sam.Long.Name"}
        ),
        "input.administrator.password",
    ),
    "bad username": (
        lambda: registration(administrator={"username": "a b", "displayName": "x", "password": PASSWORD}),
        "input.administrator.username",
    ),
    "no display name": (
        lambda: registration(administrator={"username": "sam.x", "displayName": " ", "password": PASSWORD}),
        "input.administrator.displayName",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_REGISTRATIONS))
def test_a_bad_registration_names_the_field_and_writes_nothing(onboarding: Onboarding, case: str) -> None:
    make, field = BAD_REGISTRATIONS[case]
    before = onboarding.providers()
    result = mutate(onboarding.api, "registerProvider", make(), None)
    refusal(result, "ValidationError", field)
    assert result["message"]
    assert onboarding.providers() == before


def test_identifiers_urns_and_usernames_already_registered_are_refused(onboarding: Onboarding) -> None:
    api = onboarding.api
    identifier, urn = _demo_identifier_and_urn(api)
    taken = mutate(api, "registerProvider", _with_identifiers(identifier), None)
    refusal(taken, "ValidationError", "input.identifiers[0].identifier")
    assert "already registered" in taken["message"]
    refusal(
        mutate(api, "registerProvider", _with_establishment(urn=urn), None),
        "ValidationError",
        "input.establishments[0].urn",
    )
    twice = registration()
    twice["establishments"][1]["urn"] = twice["establishments"][0]["urn"]
    refusal(mutate(api, "registerProvider", twice, None), "ValidationError", "input.establishments[1].urn")
    first = onboarding.register()
    again = registration(
        administrator={"username": first["administratorUsername"].upper(), "displayName": "x", "password": PASSWORD}
    )
    refusal(mutate(api, "registerProvider", again, None), "ValidationError", "input.administrator.username")


def test_only_a_verified_active_provider_may_bid() -> None:
    unverified = m.Provider(legal_name="x", status=ProviderStatus.ACTIVE, verified_at=None)
    with pytest.raises(InvalidTransition, match="verify"):
        ensure_may_bid(unverified)
    verified = m.Provider(legal_name="x", status=ProviderStatus.ACTIVE, verified_at=DEMO_NOW)
    ensure_may_bid(verified)
    for status in (ProviderStatus.SUSPENDED, ProviderStatus.EXCLUDED):
        barred = m.Provider(legal_name="x", status=status, status_reason="x", verified_at=DEMO_NOW)
        with pytest.raises(InvalidTransition, match=f"This provider {state(status)} and may not bid"):
            ensure_may_bid(barred)


# --------------------------------------------------------------------------
# Invitations
# --------------------------------------------------------------------------


def test_an_invited_colleague_sets_a_password_and_signs_in_to_the_portal(
    onboarding: Onboarding, browser: httpx.Client, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    registered = onboarding.register()
    provider = registered["provider"]
    admin = portal_token(browser, registered["administratorUsername"], PASSWORD)

    given = {"username": "Jo.Bloggs@Moorside.example", "displayName": "Jo", "email": "Jo.Bloggs@Example.org"}
    invited = mutate(api, "inviteProviderUser", given, admin)
    assert invited["__typename"] == "InviteProviderUserPayload", invited
    assert (invited["username"], invited["administrator"]) == ("jo.bloggs@moorside.example", False)
    assert invited["email"] == "jo.bloggs@example.org"
    assert invited["expiresAt"] == (DEMO_NOW + dt.timedelta(days=7)).isoformat()
    # the link is never shown to the inviter: the payload has no field for it
    query = (
        "mutation($i: InviteProviderUserInput!) "
        "{ inviteProviderUser(input: $i) { ... on InviteProviderUserPayload { invitationUrl } } }"
    )
    assert "invitationUrl" in api.errors(query, {"i": given | {"username": "x.y"}}, token=admin)[0]["message"]

    # it is e-mailed to the colleague's address, unverified as it is; the token leaves the outbox once sent
    deliver_outbox(api, smtp)
    url = mailed_link(smtp, "jo.bloggs@example.org", INVITED)
    [mail] = smtp.to("jo.bloggs@example.org")
    assert "Sam Admin" in mail.body and registered["provider"]["legalName"] in mail.body and "7 days" in mail.body
    assert url.startswith(f"{writable.live.base_url}/invitations/")
    database = api.app.state.settings.database_url
    [row] = sql(
        database,
        "SELECT payload, sent_at FROM notification WHERE kind = 'user.invited' AND user_id = "
        "(SELECT id FROM user_account WHERE username = 'jo.bloggs@moorside.example')",
    )
    assert row.sent_at is not None and "token" not in str(row.payload)
    assert not sql(
        database,
        "SELECT id FROM notification WHERE kind = 'email.verification' AND user_id = "
        "(SELECT id FROM user_account WHERE username = 'jo.bloggs@moorside.example')",
    )
    path = url.removeprefix(writable.live.base_url)

    with httpx.Client(base_url=writable.live.base_url, timeout=30) as person:
        page = person.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
        form = parse_form(page.text)
        assert {"password", "confirm_password"} <= form.labels
        assert 'autocomplete="username"' in page.text  # the username, shown, and given to password managers
        assert "csrf_token" in form.hidden and "jo.bloggs@moorside.example" in page.text

        # a forged post from another site has no cookie: refused, nothing set
        with httpx.Client(base_url=writable.live.base_url, timeout=30) as forger:
            forged = forger.post(path, data={**form.hidden, "password": "x" * 12, "confirm_password": "x" * 12})
        assert forged.status_code == 400 and "expired" in forged.text

        mismatch = person.post(path, data={**form.hidden, "password": PASSWORD, "confirm_password": PASSWORD + "!"})
        assert mismatch.status_code == 400 and "do not match" in mismatch.text and 'role="alert"' in mismatch.text
        short = person.post(
            path, data={**parse_form(mismatch.text).hidden, "password": "short", "confirm_password": "short"}
        )
        assert short.status_code == 400 and "at least 12 characters" in short.text

        chosen = "a long and private passphrase"
        done = person.post(path, data={**parse_form(short.text).hidden, "password": chosen, "confirm_password": chosen})
        assert done.status_code == 200 and "Your password is set" in done.text

        # the link worked once
        used = person.get(path)
        assert used.status_code == 404 and "cannot be used" in used.text and "Traceback" not in used.text
        assert person.post(path, data={"password": chosen, "confirm_password": chosen}).status_code == 404

    # accepting the e-mailed link proved the address
    [user] = sql(database, "SELECT email_verified_at FROM user_account WHERE username = 'jo.bloggs@moorside.example'")
    assert user.email_verified_at is not None

    token = portal_token(browser, "jo.bloggs@moorside.example", chosen)
    viewer = api.gql(VIEWER, token=token)["viewer"]
    assert viewer["subject"] == "jo.bloggs@moorside.example"
    assert viewer["roles"] == ["PROVIDER_USER"] and viewer["provider"] == {"id": provider["id"]}

    # a colleague who is not an administrator may not invite
    kim = {"username": "kim@moorside.example", "displayName": "Kim", "email": "kim@example.org"}
    not_admin = mutate(api, "inviteProviderUser", kim, token)
    refusal(not_admin, "Forbidden")

    actions = api.gql("{ auditEvents(last: 3) { nodes { action actor } } }", token=api.token(Role.AUDITOR))[
        "auditEvents"
    ]["nodes"]
    assert {"action": "user.invitation_accepted", "actor": "jo.bloggs@moorside.example"} in actions
    assert {"action": "user.invited", "actor": registered["administratorUsername"]} in actions


def test_an_expired_or_unknown_invitation_gets_a_clear_page(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    registered = onboarding.register()
    admin = onboarding.provider_token(registered["provider"], registered["administratorUsername"])
    given = {"username": "late.starter", "displayName": "Late", "email": "late.starter@example.org"}
    invited = mutate(api, "inviteProviderUser", given, admin)
    assert invited["__typename"] == "InviteProviderUserPayload", invited
    deliver_outbox(api, smtp)
    path = mailed_link(smtp, "late.starter@example.org", INVITED).removeprefix(writable.live.base_url)

    writable.at(DEMO_NOW + dt.timedelta(days=7, minutes=1))
    with httpx.Client(base_url=writable.live.base_url, timeout=30) as person:
        expired = person.get(path)
        assert expired.status_code == 410 and "expired" in expired.text and "Traceback" not in expired.text
        posted = person.post(path, data={"password": PASSWORD, "confirm_password": PASSWORD})
        assert posted.status_code == 410
        for unknown in ("/invitations/not-a-real-token", "/invitations/" + "x" * 500):
            page = person.get(unknown)
            assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_only_a_provider_administrator_invites_and_usernames_are_checked(onboarding: Onboarding) -> None:
    api = onboarding.api
    registered = onboarding.register()
    admin = onboarding.provider_token(registered["provider"], registered["administratorUsername"])
    given = {"username": "new.colleague", "displayName": "New colleague", "email": "new.colleague@example.org"}

    # the token's subject must be an administrator of the very provider the token acts for
    elsewhere = onboarding.register()
    foreign = onboarding.provider_token(elsewhere["provider"], registered["administratorUsername"])
    refusal(mutate(api, "inviteProviderUser", given, foreign), "Forbidden")
    stranger = onboarding.provider_token(registered["provider"], "someone.else")
    refusal(mutate(api, "inviteProviderUser", given, stranger), "Forbidden")
    assert refused_at_edge(api, "inviteProviderUser", given, onboarding.lead) == "FORBIDDEN"
    assert refused_at_edge(api, "inviteProviderUser", given, None) == "UNAUTHENTICATED"

    refusal(mutate(api, "inviteProviderUser", given | {"username": "x"}, admin), "ValidationError", "input.username")
    refusal(
        mutate(api, "inviteProviderUser", given | {"displayName": ""}, admin), "ValidationError", "input.displayName"
    )
    taken = given | {"username": elsewhere["administratorUsername"]}
    refusal(mutate(api, "inviteProviderUser", taken, admin), "ValidationError", "input.username")
    refusal(
        mutate(api, "inviteProviderUser", given | {"email": "not an address"}, admin), "ValidationError", "input.email"
    )
    assert refused_at_edge(api, "inviteProviderUser", {k: v for k, v in given.items() if k != "email"}, admin) in (
        "VALIDATION_ERROR",
        "BAD_USER_INPUT",
        "GRAPHQL_VALIDATION_FAILED",
    )

    deputy = mutate(api, "inviteProviderUser", given | {"administrator": True}, admin)
    assert deputy["administrator"] is True


# --------------------------------------------------------------------------
# Whose address it is: decided by following its link, never told to whoever types it
# --------------------------------------------------------------------------

CONFIRM = "Confirm your e-mail address"
_addresses = itertools.count(1)


def with_email(address: str) -> dict[str, Any]:
    """A complete registration whose administrator gives ``address``."""
    given = registration()
    return given | {"administrator": given["administrator"] | {"email": address}}


VERIFY_LINK = re.compile(r"https?://[^\s/]+(/verify-email/[A-Za-z0-9_-]{20,})")


def verification_links(smtp: SmtpSink, address: str, *, count: int = 1) -> dict[str, str]:
    """The paths of the verification links mailed to ``address`` (waiting for ``count``), by username."""

    def arrived() -> list[Any]:
        found = [mail for mail in smtp.to(address) if CONFIRM in str(mail.message["Subject"])]
        return found if len(found) >= count else []

    found = {}
    for mail in wait_until(arrived, what=f"{count} verification mail(s) to {address}"):
        [path] = VERIFY_LINK.findall(mail.body)
        [username] = re.findall(r"your account (\S+) on", mail.body)
        found[username] = path
    return found


def verification_link(smtp: SmtpSink, address: str, username: str, *, count: int = 1) -> str:
    return verification_links(smtp, address, count=count)[username.lower()]


def confirm_address(base_url: str, path: str) -> tuple[httpx.Response, httpx.Response]:
    """Open a verification link, then press its button as a person would: both pages."""
    with httpx.Client(base_url=base_url, timeout=30) as person:
        page = person.get(path)
        if page.status_code != 200:
            return page, page
        return page, person.post(path, data=parse_form(page.text).hidden)


def verified_at(api: WritableApi, username: str) -> Any:
    [row] = sql(
        api.app.state.settings.database_url,
        "SELECT email, email_verified_at FROM user_account WHERE username = :u",
        u=username.lower(),
    )
    return row


def test_registration_and_invitation_answer_alike_for_taken_and_fresh_addresses(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    n = next(_addresses)
    owner = onboarding.register(**with_email(f"owner.{n}@example.org"))
    deliver_outbox(api, smtp)
    owned = verification_link(smtp, f"owner.{n}@example.org", owner["administratorUsername"])
    _, done = confirm_address(writable.live.base_url, owned)
    assert done.status_code == 200, done.text
    onboarding.register(**with_email(f"claimed.{n}@example.org"))
    addresses = (f"OWNER.{n}@Example.org", f"claimed.{n}@example.org", f"fresh.{n}@example.org")

    def shape(result: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
        return result["__typename"], tuple(sorted(result))

    registered = []
    for address in addresses:
        registered.append(mutate(api, "registerProvider", with_email(address), None))
    assert {shape(r) for r in registered} == {
        ("RegisterProviderPayload", ("__typename", "administratorUsername", "provider"))
    }

    inviter = onboarding.register()
    token = onboarding.provider_token(inviter["provider"], inviter["administratorUsername"])
    invited = [
        mutate(api, "inviteProviderUser", {"username": f"colleague.{n}.{i}", "displayName": "Pat", "email": a}, token)
        for i, a in enumerate(addresses)
    ]
    assert {r["__typename"] for r in invited} == {"InviteProviderUserPayload"}
    assert [r["email"] for r in invited] == [a.lower() for a in addresses]
    assert len({(r["administrator"], r["expiresAt"]) for r in invited}) == 1

    # each was sent its own link, and the verified owner still owns the address
    deliver_outbox(api, smtp)
    for address in addresses[1:]:
        mailed_link(smtp, address.lower(), INVITED)
    assert verified_at(api, owner["administratorUsername"]).email_verified_at is not None


def test_an_anonymous_registration_with_someones_address_does_not_stop_their_invitation(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    n = next(_addresses)
    victim = f"victim.{n}@example.org"
    squatter = onboarding.register(**with_email(victim.upper()))

    employer = onboarding.register()
    token = onboarding.provider_token(employer["provider"], employer["administratorUsername"])
    given = {"username": f"victim.{n}", "displayName": "Vic Tim", "email": victim}
    invited = mutate(api, "inviteProviderUser", given, token)
    assert invited["__typename"] == "InviteProviderUserPayload", invited

    # the person who holds the mailbox accepts the invitation, which proves the address theirs
    deliver_outbox(api, smtp)
    path = mailed_link(smtp, victim, INVITED).removeprefix(writable.live.base_url)
    with httpx.Client(base_url=writable.live.base_url, timeout=30) as person:
        page = person.get(path)
        chosen = "a long and private passphrase"
        done = person.post(path, data={**parse_form(page.text).hidden, "password": chosen, "confirm_password": chosen})
    assert done.status_code == 200 and "Your password is set" in done.text
    assert verified_at(api, f"victim.{n}").email_verified_at is not None

    # the squatter's own link to the address can no longer take it
    squatted = verification_link(smtp, victim, squatter["administratorUsername"])
    page, _ = confirm_address(writable.live.base_url, squatted)
    assert page.status_code == 409 and "already been confirmed by another account" in page.text
    assert verified_at(api, squatter["administratorUsername"]).email_verified_at is None
    assert verified_at(api, f"victim.{n}").email_verified_at is not None


def test_a_second_verification_of_an_address_is_refused_and_the_first_owner_keeps_it(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    n = next(_addresses)
    address = f"shared.{n}@example.org"
    first = onboarding.register(**with_email(address))
    second = onboarding.register(**with_email(address.upper()))
    deliver_outbox(api, smtp)
    by_user = {
        name: verification_link(smtp, address, name, count=2)
        for name in (first["administratorUsername"], second["administratorUsername"])
    }

    _, done = confirm_address(writable.live.base_url, by_user[first["administratorUsername"]])
    assert done.status_code == 200 and "is confirmed" in done.text

    with httpx.Client(base_url=writable.live.base_url, timeout=30) as person:
        path = by_user[second["administratorUsername"]]
        page = person.get(path)
        assert page.status_code == 409 and "already been confirmed by another account" in page.text
        assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
        posted = person.post(path, data={"csrf_token": "x"})
        assert posted.status_code == 409
    assert verified_at(api, first["administratorUsername"]).email_verified_at is not None
    assert verified_at(api, second["administratorUsername"]).email_verified_at is None


def test_a_verification_link_verifies_only_when_its_button_is_pressed(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    n = next(_addresses)
    address = f"scanned.{n}@example.org"
    registered = onboarding.register(**with_email(address))
    deliver_outbox(api, smtp)
    path = verification_link(smtp, address, registered["administratorUsername"])

    # a mail scanner follows the link, twice: nothing changes
    with httpx.Client(base_url=writable.live.base_url, timeout=30) as scanner:
        for _ in range(2):
            page = scanner.get(path)
            assert page.status_code == 200 and "Confirm this address" in page.text and address in page.text
            assert page.headers["cache-control"] == "no-store" and page.headers["x-frame-options"] == "DENY"
            assert page.headers["referrer-policy"] == "no-referrer"
    assert verified_at(api, registered["administratorUsername"]).email_verified_at is None

    # a forged post from another site has no cookie: refused, nothing changed
    with httpx.Client(base_url=writable.live.base_url, timeout=30) as forger:
        forged = forger.post(path, data=parse_form(page.text).hidden)
    assert forged.status_code == 400 and "expired" in forged.text
    assert verified_at(api, registered["administratorUsername"]).email_verified_at is None

    _, done = confirm_address(writable.live.base_url, path)
    assert done.status_code == 200 and "is confirmed" in done.text
    assert verified_at(api, registered["administratorUsername"]).email_verified_at is not None
    assert confirm_address(writable.live.base_url, path)[0].status_code == 404


REQUEST_VERIFICATION = (
    "mutation($input: RequestEmailVerificationInput!) { requestEmailVerification(input: $input) { __typename "
    "... on MutationError { code field message } ... on RequestEmailVerificationPayload { email expiresAt } } }"
)


def test_a_signed_in_user_asks_for_a_new_verification_link_when_the_first_expired(
    onboarding: Onboarding, writable: WritableApi, smtp: SmtpSink
) -> None:
    api = onboarding.api
    n = next(_addresses)
    address = f"late.{n}@example.org"
    registered = onboarding.register(**with_email(address))
    token = onboarding.provider_token(registered["provider"], registered["administratorUsername"])
    deliver_outbox(api, smtp)
    old = verification_link(smtp, address, registered["administratorUsername"])

    writable.at(DEMO_NOW + dt.timedelta(days=8))
    expired = httpx.get(writable.live.base_url + old, timeout=30)
    assert expired.status_code == 410 and "ask for a new one" in expired.text

    wrong = api.gql(REQUEST_VERIFICATION, {"input": {"email": "someone.else@example.org"}}, token=token)
    assert wrong["requestEmailVerification"]["__typename"] == "ValidationError"
    sent = api.gql(REQUEST_VERIFICATION, {"input": {}}, token=token)["requestEmailVerification"]
    assert sent["__typename"] == "RequestEmailVerificationPayload" and sent["email"] == address, sent
    deliver_outbox(api, smtp)
    new = verification_links(smtp, address, count=2)
    assert len(new) == 1  # one account: the newest link is kept by username
    new_path = next(iter(new.values()))
    assert new_path != old
    assert httpx.get(writable.live.base_url + old, timeout=30).status_code == 404  # replaced
    _, done = confirm_address(writable.live.base_url, new_path)
    assert done.status_code == 200 and "is confirmed" in done.text

    again = api.gql(REQUEST_VERIFICATION, {"input": {"email": address.upper()}}, token=token)
    assert again["requestEmailVerification"]["__typename"] == "InvalidTransition"
    assert "already verified" in again["requestEmailVerification"]["message"]


# --------------------------------------------------------------------------
# Establishment details
# --------------------------------------------------------------------------


def _establishment(api: WritableApi, establishment_id: str, token: str | None) -> dict[str, Any]:
    query = f"query($id: ID!) {{ node(id: $id) {{ ... on Establishment {{ {ESTABLISHMENT} }} }} }}"
    return api.gql(query, {"id": establishment_id}, token=token)["node"]


def test_a_provider_keeps_its_establishment_current_and_each_change_is_its_history(onboarding: Onboarding) -> None:
    api = onboarding.api
    registered = onboarding.register()
    provider = registered["provider"]
    owner = onboarding.provider_token(provider, registered["administratorUsername"])
    school = provider["establishments"][0]
    auditor = api.token(Role.AUDITOR)

    first = mutate(
        api,
        "updateEstablishment",
        {"id": school["id"], "version": school["version"], "dayVacancies": 0, "residentialCapacity": 14},
        owner,
    )["establishment"]
    assert (first["dayVacancies"], first["residentialCapacity"], first["version"]) == (0, 14, school["version"] + 1)

    second = mutate(
        api,
        "updateEstablishment",
        {
            "id": school["id"],
            "version": first["version"],
            "needs": ["ASD", "SLCN"],
            "ageMin": 7,
        },
        owner,
    )["establishment"]
    assert (second["needs"], second["ageMin"]) == (["ASD", "SLCN"], 7)
    needs_only = mutate(
        api, "updateEstablishment", {"id": school["id"], "version": second["version"], "needs": ["SLCN"]}, owner
    )["establishment"]
    assert needs_only["needs"] == ["SLCN"] and needs_only["version"] == second["version"] + 1

    history = _establishment(api, school["id"], auditor)["changes"]
    assert [c["action"] for c in history] == [
        "establishment.updated",
        "establishment.updated",
        "establishment.updated",
        "establishment.registered",
    ]
    assert history[0]["diff"] == {"before": {"needs": ["ASD", "SLCN"]}, "after": {"needs": ["SLCN"]}}
    assert history[1]["diff"] == {
        "before": {"ageMin": 8, "needs": ["ASD", "SEMH"]},
        "after": {"ageMin": 7, "needs": ["ASD", "SLCN"]},
    }
    assert history[2]["diff"] == {
        "before": {"residentialCapacity": 12, "dayVacancies": 3},
        "after": {"residentialCapacity": 14, "dayVacancies": 0},
    }
    assert all(c["actor"] == registered["administratorUsername"] for c in history[:3])
    assert _establishment(api, school["id"], onboarding.lead)["changes"] == history
    # the history is the audit trail: closed to everyone else
    assert _establishment(api, school["id"], None)["changes"] == []

    # many establishments' histories come in one query: the statement count does not grow with the list
    query = "query($n: Int!) { establishments(last: $n) { edges { node { urn changes { action } } } } }"
    counts = []
    for n in (5, 100):
        with StatementCounter(api.app) as counter:
            page = api.gql(query, {"n": n}, token=auditor)["establishments"]["edges"]
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert any(edge["node"]["changes"] for edge in page)


def test_establishment_changes_are_refused_by_field_tenant_role_and_version(onboarding: Onboarding) -> None:
    api = onboarding.api
    registered = onboarding.register()
    owner = onboarding.provider_token(registered["provider"], registered["administratorUsername"])
    school = registered["provider"]["establishments"][0]
    current = {"id": school["id"], "version": school["version"]}

    for changes, field in [
        ({"dayVacancies": 41}, "input.dayVacancies"),
        ({"residentialCapacity": 0}, "input.residentialVacancies"),
        ({"dayCapacity": -1}, "input.dayCapacity"),
        ({"ageMin": 20}, "input.ageMax"),
        ({"needs": []}, "input.needs"),
    ]:
        refusal(mutate(api, "updateEstablishment", current | changes, owner), "ValidationError", field)

    stale = mutate(api, "updateEstablishment", current | {"version": 99, "dayVacancies": 1}, owner)
    refusal(stale, "StaleVersion", "input.version")
    assert stale["currentVersion"] == school["version"]

    other = onboarding.register()
    intruder = onboarding.provider_token(other["provider"], other["administratorUsername"])
    refusal(mutate(api, "updateEstablishment", current | {"dayVacancies": 0}, intruder), "Forbidden")
    missing = {"id": gid("Establishment", 999_999), "version": 1, "dayVacancies": 0}
    refusal(mutate(api, "updateEstablishment", missing, owner), "NotFound", "input.id")
    assert refused_at_edge(api, "updateEstablishment", current, onboarding.lead) == "FORBIDDEN"
    assert refused_at_edge(api, "updateEstablishment", current, None) == "UNAUTHENTICATED"

    unchanged = _establishment(api, school["id"], onboarding.lead)
    assert unchanged["version"] == school["version"] and unchanged["dayVacancies"] == 3
    assert [c["action"] for c in unchanged["changes"]] == ["establishment.registered"]
