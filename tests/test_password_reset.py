"""Password reset over HTTP, with the relay in the server mailing a real SMTP server in this process.

"Forgotten your password?" on the sign-in page leads to a form asking for an e-mail address. Whether
the address is an account's or nobody's, the answer is the same page; an account's verified address
is mailed a one-time link, valid 30 minutes, where a new password is chosen. The reset ends every
sign-in (the refresh token held from before is refused) and any lock of the account; the link dies.
Requests are limited per address typed and per network address.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.auth.actor import Role
from api.delivery import email_channel
from api.domain.relay import Relay, RelayPolicy
from db.engine import create_engine, session_factory
from tests.conftest import _migrate_seed_and_people
from tests.notification_support import SmtpSink, sql, wait_until
from tests.support import DEMO_NOW, WritableApi, fresh_database, serve
from tests.test_notifications import FAST_RELAY
from tests.test_oauth import authorize_query, code_from, exchange, parse_form, pkce, refresh, sign_in

DEMO_PASSWORD = "demo-password"
NEW_PASSWORD = "seven quiet otters paddle home"
LINK = re.compile(r"https?://[^\s/]+/(?:password-reset|invitations)/[A-Za-z0-9_-]{20,}")


# --------------------------------------------------------------------------
# Helpers, also used by tests/test_onboarding.py and tests/test_portal_browser.py
# --------------------------------------------------------------------------


def mailed_link(smtp: SmtpSink, address: str, subject: str, *, seen: int = 0, timeout: float = 30) -> str:
    """The one-time link in the newest mail to ``address`` whose subject has ``subject``, once it arrives.

    ``seen`` is how many such mails had arrived before: waits for one more.
    """

    def arrived() -> list[Any]:
        found = [mail for mail in smtp.to(address) if subject in str(mail.message["Subject"])]
        return found if len(found) > seen else []

    mail = wait_until(arrived, timeout=timeout, what=f"a mail to {address} about {subject!r}")[-1]
    assert mail.rcpt_tos == [address]
    [link] = LINK.findall(mail.body)
    return str(link)


def deliver_outbox(api: WritableApi, smtp: SmtpSink) -> int:
    """Run the real relay once over the server's outbox, mailing ``smtp``: for servers run without one."""
    settings = dataclasses.replace(api.app.state.settings, smtp_url=smtp.url, notify_api_key=None)

    async def go() -> int:
        engine = create_engine(settings.database_url)
        try:
            relay = Relay(
                session_factory(engine), {"EMAIL": email_channel(settings)}, RelayPolicy.from_settings(settings)
            )
            return await relay.drain()
        finally:
            await engine.dispose()

    return asyncio.run(go())


def ask_for_link(http: httpx.Client, email: str) -> httpx.Response:
    """Open the form and send it, as a browser would."""
    page = http.get("/password-reset")
    assert page.status_code == 200, page.text
    return http.post("/password-reset", data={**parse_form(page.text).hidden, "email": email})


def choose(http: httpx.Client, path: str, password: str, again: str | None = None) -> httpx.Response:
    page = http.get(path)
    assert page.status_code == 200, page.text
    fields = parse_form(page.text).hidden
    return http.post(path, data={**fields, "password": password, "confirm_password": again or password})


def portal_tokens(base_url: str, username: str, password: str) -> dict[str, Any]:
    with httpx.Client(base_url=base_url, timeout=30, follow_redirects=False) as browser:
        verifier, challenge = pkce()
        code = code_from(sign_in(browser, username, password, challenge))
        issued = exchange(browser, code, verifier)
        assert issued.status_code == 200, issued.text
        return issued.json()


def signs_in(base_url: str, username: str, password: str) -> int:
    """The status of a sign-in attempt: 302 when the password is right."""
    with httpx.Client(base_url=base_url, timeout=30, follow_redirects=False) as browser:
        return sign_in(browser, username, password, pkce()[1]).status_code


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smtp(backend: str) -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture(scope="module")
def world(backend: str, smtp: SmtpSink, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    """The demo with its people (verified ``<username>@example.org`` addresses), the relay mailing ``smtp``."""
    from api.domain.clock import FixedClock

    directory = tmp_path_factory.mktemp(f"password-reset-{backend}")
    with fresh_database(backend, directory) as url:
        asyncio.run(_migrate_seed_and_people(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock, smtp_url=smtp.url, **FAST_RELAY)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30, follow_redirects=False) as http:
                yield WritableApi(live=live, http=http, backend=backend, clock=clock)
        finally:
            live.stop()


@pytest.fixture(autouse=True)
def _clock_back(world: WritableApi) -> Iterator[None]:
    yield
    world.at(DEMO_NOW)


@pytest.fixture()
def person(world: WritableApi) -> Iterator[httpx.Client]:
    """A fresh user agent with its own cookie jar."""
    with httpx.Client(base_url=world.live.base_url, timeout=30, follow_redirects=False) as client:
        yield client


def outbox(world: WritableApi, kind: str = "user.password_reset") -> list[Any]:
    return sql(
        world.app.state.settings.database_url,
        "SELECT id, user_id, recipient_id, payload, sent_at, skipped_at, skip_reason FROM notification "
        "WHERE kind = :kind ORDER BY id",
        kind=kind,
    )


def audit_actions(world: WritableApi, count: int = 10) -> list[dict[str, Any]]:
    query = f"{{ auditEvents(last: {count}) {{ nodes {{ action actor entityType diff }} }} }}"
    return world.gql(query, token=world.token(Role.AUDITOR))["auditEvents"]["nodes"]


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_a_known_and_an_unknown_address_get_the_same_answer(
    world: WritableApi, person: httpx.Client, smtp: SmtpSink
) -> None:
    sign_in_page = person.get("/oauth/authorize", params=authorize_query(pkce()[1]))
    assert sign_in_page.status_code == 200, sign_in_page.text
    assert '<a class="govuk-link" href="/password-reset">Forgotten your password?</a>' in sign_in_page.text

    form = person.get("/password-reset")
    assert form.status_code == 200 and {"email"} <= parse_form(form.text).labels
    assert form.headers["cache-control"] == "no-store" and form.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in form.headers["content-security-policy"]

    before = len(outbox(world))
    known = ask_for_link(person, "Evaluator-1@Example.org ")
    unknown = ask_for_link(person, "nobody.at.all@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace("evaluator-1@example.org", "X") == unknown.text.replace("nobody.at.all@example.org", "X")
    assert "Check your e-mail" in known.text
    for header in ("cache-control", "content-security-policy", "referrer-policy", "x-frame-options", "content-type"):
        assert known.headers[header] == unknown.headers[header]
    assert ("set-cookie" in known.headers) == ("set-cookie" in unknown.headers)

    # each wrote one outbox row: to the user, or to nobody (no link, nothing kept of the token)
    to_known, to_nobody = outbox(world)[before:]
    assert to_known.user_id is not None and to_nobody.user_id is None and to_nobody.skip_reason == "NO_RECIPIENT"
    assert "token" not in (to_nobody.payload if isinstance(to_nobody.payload, dict) else {})
    mailed_link(smtp, "evaluator-1@example.org", "Reset your password")

    # a form posted from elsewhere (no cookie) is refused and writes nothing
    with httpx.Client(base_url=world.live.base_url, timeout=30) as forger:
        forged = forger.post("/password-reset", data={"email": "evaluator-1@example.org", "csrf_token": "1.x"})
    assert forged.status_code == 400 and "expired" in forged.text
    bad = ask_for_link(person, "not an address")
    assert bad.status_code == 400 and "correct format" in bad.text and 'role="alert"' in bad.text
    assert len(outbox(world)) == before + 2


def test_the_link_sets_a_new_password_once_and_ends_every_sign_in(
    world: WritableApi, person: httpx.Client, smtp: SmtpSink
) -> None:
    base = world.live.base_url
    held = portal_tokens(base, "evaluator-2", DEMO_PASSWORD)
    rotated = refresh(person, held["refresh_token"])  # rotates: the successor is held now
    assert rotated.status_code == 200, rotated.text
    held = rotated.json()

    assert ask_for_link(person, "evaluator-2@example.org").status_code == 200
    link = mailed_link(smtp, "evaluator-2@example.org", "Reset your password")
    assert link.startswith(f"{base}/password-reset/")
    [mail] = [m for m in smtp.to("evaluator-2@example.org") if "Reset your password" in str(m.message["Subject"])]
    assert "30 minutes" in mail.body and "evaluator-2" in mail.body
    # sent: the token is no longer in the outbox
    sent = [row for row in outbox(world) if row.sent_at is not None]
    assert sent and all("token" not in (row.payload or {}) for row in sent)

    path = link.removeprefix(base)
    page = person.get(path)
    assert page.status_code == 200 and "Choose a new password" in page.text and "evaluator-2" in page.text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    mismatch = choose(person, path, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert mismatch.status_code == 400 and "do not match" in mismatch.text
    short = choose(person, path, "too short")
    assert short.status_code == 400 and "at least 12 characters" in short.text
    same_as_name = choose(person, path, "evaluator-2 ")
    assert same_as_name.status_code == 400 and "not your username" in same_as_name.text
    with httpx.Client(base_url=base, timeout=30) as forger:
        forged = forger.post(path, data={"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert forged.status_code == 400 and "expired" in forged.text

    done = choose(person, path, NEW_PASSWORD)
    assert done.status_code == 200 and "Your password has been changed" in done.text

    # the link is dead; the old refresh token is refused; the old password no longer works, the new one does
    assert person.get(path).status_code == 404
    assert person.post(path, data={"password": "x" * 12, "confirm_password": "x" * 12}).status_code == 404
    reuse = refresh(person, held["refresh_token"])
    assert (reuse.status_code, reuse.json()["error"]) == (400, "invalid_grant")
    assert signs_in(base, "evaluator-2", DEMO_PASSWORD) == 200  # the form again, with the error
    assert portal_tokens(base, "evaluator-2", NEW_PASSWORD)["refresh_token"]

    actions = audit_actions(world)
    requested = [a for a in actions if a["action"] == "user.password_reset_requested"]
    reset = [a for a in actions if a["action"] == "user.password_reset"]
    assert requested and requested[-1]["actor"] == "anonymous"
    assert reset and reset[-1]["actor"] == "evaluator-2" and reset[-1]["diff"]["signInsEnded"] >= 1
    assert NEW_PASSWORD not in str(actions) and path.rsplit("/", 1)[1] not in str(actions)


def test_a_link_dies_after_30_minutes_and_when_a_newer_one_is_sent(
    world: WritableApi, person: httpx.Client, smtp: SmtpSink
) -> None:
    base = world.live.base_url
    ask_for_link(person, "evaluator-3@example.org")
    first = mailed_link(smtp, "evaluator-3@example.org", "Reset your password").removeprefix(base)
    ask_for_link(person, "evaluator-3@example.org")
    second = mailed_link(smtp, "evaluator-3@example.org", "Reset your password", seen=1).removeprefix(base)
    assert first != second
    assert person.get(first).status_code == 404  # replaced by the newer link

    world.at(DEMO_NOW + dt.timedelta(minutes=29, seconds=59))
    assert person.get(second).status_code == 200
    world.at(DEMO_NOW + dt.timedelta(minutes=30))
    expired = person.get(second)
    assert expired.status_code == 410 and "expired" in expired.text and "30 minutes" in expired.text
    assert person.post(second, data={"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}).status_code == 410
    for unknown in ("/password-reset/not-a-real-token", "/password-reset/" + "x" * 500):
        page = person.get(unknown)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    world.at(DEMO_NOW)
    assert signs_in(base, "evaluator-3", DEMO_PASSWORD) == 302  # nothing changed


def test_an_unverified_address_is_sent_nothing(world: WritableApi, person: httpx.Client) -> None:
    url = world.app.state.settings.database_url
    sql(url, "UPDATE user_account SET email_verified_at = NULL WHERE username = 'evaluator-5'")
    before = len(outbox(world))
    answer = ask_for_link(person, "evaluator-5@example.org")
    assert answer.status_code == 200 and "Check your e-mail" in answer.text
    [row] = outbox(world)[before:]
    assert row.user_id is None and row.skip_reason == "NO_RECIPIENT"
    [user] = sql(url, "SELECT password_reset_token_hash FROM user_account WHERE username = 'evaluator-5'")
    assert user.password_reset_token_hash is None


def test_a_reset_ends_a_lock(world: WritableApi, person: httpx.Client, smtp: SmtpSink) -> None:
    base = world.live.base_url
    moment = DEMO_NOW
    for _ in range(10):  # the tenth failure locks the account (SIGN_IN_LOCK_AFTER)
        moment += dt.timedelta(seconds=301)  # past each back-off
        world.at(moment)
        assert signs_in(base, "evaluator-4", "not the password") == 200
    world.at(moment + dt.timedelta(seconds=1))
    assert signs_in(base, "evaluator-4", DEMO_PASSWORD) == 429  # locked, the right password too

    ask_for_link(person, "evaluator-4@example.org")
    path = mailed_link(smtp, "evaluator-4@example.org", "Reset your password").removeprefix(base)
    assert choose(person, path, NEW_PASSWORD).status_code == 200
    assert signs_in(base, "evaluator-4", NEW_PASSWORD) == 302  # unlocked at once
    [event] = [a for a in audit_actions(world, 3) if a["action"] == "user.password_reset"]
    assert event["diff"]["unlocked"] is True


def test_requests_are_limited_per_address_and_per_network(world: WritableApi, person: httpx.Client) -> None:
    world.at(DEMO_NOW + dt.timedelta(days=1))  # a fresh hour for every count
    before = len(outbox(world))
    for address in ("evaluator-6@example.org", "no.such.person@example.org"):  # known or not, limited alike
        for _ in range(3):
            assert ask_for_link(person, address).status_code == 200
        refused = ask_for_link(person, address)
        assert refused.status_code == 429 and "too many requests" in refused.text
        assert 3000 < int(refused.headers["retry-after"]) <= 3600
    assert len(outbox(world)) == before + 6  # the refused requests wrote nothing

    for n in range(14):  # 20 an hour from one network address, across e-mail addresses
        assert ask_for_link(person, f"someone-{n}@example.org").status_code == 200
    refused = ask_for_link(person, "someone-else@example.org")
    assert refused.status_code == 429 and "Retry-After" in refused.headers

    world.at(DEMO_NOW + dt.timedelta(days=1, hours=1, minutes=1))  # an hour on, allowed again
    assert ask_for_link(person, "evaluator-6@example.org").status_code == 200
