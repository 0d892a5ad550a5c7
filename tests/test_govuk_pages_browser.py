"""The server-rendered pages are GOV.UK Frontend pages: in Chromium, at 1200 and 320 pixels wide.

Sign-in (as it opens, and after a wrong password), the forgotten-password pages (the request, sent
empty, "check your e-mail", choosing a new password with errors, done, a used link), the invitation
and e-mail confirmation pages, the sign-in error page, the accessibility statement and the privacy
notice. Every page is saved as a screenshot under ``var/screenshots/<test>/`` and checked with
axe-core, which must find no violation of any impact; each has one ``h1``, the title
"Page – North West SEND Flexible Purchasing System" ("Error: " first when the form has errors), the
GOV.UK stylesheet applied under the pages' Content-Security-Policy, and no sideways scrolling. An
error summary is focused when the page opens and links to the fields, each of which shows its message.

The last tests need no browser: every value a page repeats is escaped, whether sent over HTTP or
rendered directly, and the pages keep a strict Content-Security-Policy.

Chromium is Debian's (``/usr/bin/chromium``); without it the browser tests skip, unless ``REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.domain.notifications import token_hash
from api.rest import invitations, oauth, pages, password_reset, verification
from api.rest.pages import Problem
from db import models as m
from db.engine import create_engine, session_factory
from tests.conftest import _migrate_seed_and_people, require_browser
from tests.support import DEMO_NOW, WritableApi, writable_api
from tests.test_oauth import parse_form, pkce

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"
SERVICE = "North West SEND Flexible Purchasing System"
TITLE = re.compile(rf"(Error: )?[^–]+ – {SERVICE}")
WIDTHS = (1200, 320)
NEW_PASSWORD = "four green kites over the hill"

# per width, the users whose one-time links the pages open: each link is used up at one width
RESET = {1200: "auditor", 320: "lead.admin"}
INVITED = {1200: "bolton.analyst", 320: "ce.commissioner"}
VERIFYING = {1200: "provider.user", 320: "auditor"}


def link_token(kind: str, username: str) -> str:
    return f"{kind}-{username.replace('.', '-')}-0123456789abcdef"


async def _prepare(url: str, port: int) -> None:
    """The portal client redirected to this server's port; a live reset, invitation and verification link each."""
    from api.auth.demo import point_demo_portal_at

    engine = create_engine(url)
    later = DEMO_NOW + dt.timedelta(minutes=30)
    try:
        async with session_factory(engine)() as session:
            await point_demo_portal_at(session, port)
            users = {u.username: u for u in await session.scalars(select(m.User))}
            for username in RESET.values():
                users[username].password_reset_token_hash = token_hash(link_token("reset", username))
                users[username].password_reset_expires_at = later
            for username in INVITED.values():
                users[username].invitation_token_hash = token_hash(link_token("invite", username))
                users[username].invitation_expires_at = later
            for username in VERIFYING.values():
                users[username].email_verification_token_hash = token_hash(link_token("verify", username))
                users[username].email_verification_expires_at = later
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    """The app on a demo database of its own, with the demo users and their links; set up before the browser."""
    with writable_api("sqlite", tmp_path_factory.mktemp("govuk-pages"), seed=_migrate_seed_and_people) as api:
        asyncio.run(_prepare(api.app.state.settings.database_url, int(api.live.base_url.rsplit(":", 1)[1])))
        yield api


def sign_in_path(base_url: str) -> str:
    query = httpx.QueryParams(
        response_type="code",
        client_id="provider-portal",
        redirect_uri=f"{base_url}/portal/callback",
        state="st-1",
        code_challenge=pkce()[1],
        code_challenge_method="S256",
    )
    return f"/oauth/authorize?{query}"


# --------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------


@dataclass
class Tab:
    """One browser tab at one width: every page it looks at is saved, checked with axe and held to the template."""

    page: Any
    base_url: str
    folder: Path
    width: int
    shots: int = 0
    console: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def submit(self, name: str) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name, exact=True).click()

    def look(self, name: str, *, heading: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        page = self.page
        page.wait_for_load_state("load")
        # before axe, which adds its script: nothing inline, nothing run
        assert page.evaluate("document.querySelectorAll('script, style, [style]').length") == 0, name
        self.shots += 1
        page.screenshot(path=str(self.folder / f"{self.shots:02d}-{name}.png"), full_page=True)
        violations = Axe().run(page).response["violations"]
        assert not violations, (name, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations])

        assert page.locator("h1").count() == 1 and page.locator("main h1").inner_text() == heading, name
        has_errors = page.locator(".govuk-error-summary").count() > 0
        title = page.title()
        assert TITLE.fullmatch(title) and title.startswith("Error: ") == has_errors, (name, title)
        assert title.removeprefix("Error: ") == f"{heading} – {SERVICE}", (name, title)
        assert page.evaluate("document.documentElement.scrollWidth") <= self.width, name

        # the template: lang, skip link, header, footer links, and GOV.UK's stylesheet applied under the CSP
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.evaluate("document.documentElement.classList.contains('govuk-template')")
        assert page.locator("a.govuk-skip-link").get_attribute("href") == "#main-content"
        assert page.locator(".govuk-generic-header__homepage-link").inner_text().strip() == SERVICE
        footer = page.locator("footer")
        assert footer.get_by_role("link", name="Accessibility statement").get_attribute("href") == "/accessibility"
        assert footer.get_by_role("link", name="Privacy notice").get_attribute("href") == "/privacy"
        header_colour = "getComputedStyle(document.querySelector('.govuk-generic-header')).backgroundColor"
        assert page.evaluate(header_colour) == "rgb(11, 12, 12)", "the GOV.UK stylesheet did not load"

    def errors(self, expected: dict[str, str | re.Pattern[str]]) -> None:
        """The error summary has focus and links to each field, which shows the same message.

        A message is given as a pattern where its words are the domain's, not these pages'.
        """
        page = self.page
        assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
        links = page.locator(".govuk-error-summary__list a")
        found = {links.nth(i).get_attribute("href"): links.nth(i).inner_text() for i in range(links.count())}
        assert list(found) == [f"#{id_}" for id_ in expected], found
        for id_, wanted in expected.items():
            message = found[f"#{id_}"]
            assert wanted.search(message) if isinstance(wanted, re.Pattern) else message == wanted, (id_, message)
            error = page.locator(f"#{id_}-error")
            assert " ".join(error.text_content().split()) == f"Error: {message}"
            assert f"{id_}-error" in (page.locator(f"#{id_}").get_attribute("aria-describedby") or "").split()
            assert page.locator(f"#{id_}").get_attribute("class") == "govuk-input govuk-input--error"
        first = next(iter(expected))
        page.locator(".govuk-error-summary__list a").first.click()
        assert page.evaluate("document.activeElement.id") == first


@pytest.fixture(params=WIDTHS, ids=str)
def tab(live: WritableApi, chromium: Any, request: pytest.FixtureRequest) -> Iterator[Tab]:
    require_browser()
    width = request.param
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    tab = Tab(page, live.live.base_url, folder, width)
    page.on("pageerror", lambda error: tab.console.append(str(error)))
    page.on("console", lambda message: tab.console.append(message.text) if message.type == "error" else None)
    try:
        yield tab
    finally:
        context.close()
    # the pages answering 400 or 404 on purpose are the only errors: no script error, nothing refused by the CSP
    unexpected = [
        text
        for text in tab.console
        if not re.fullmatch(r"Failed to load resource: the server responded with a status of 40[04] \(.*\)", text)
    ]
    assert not unexpected, unexpected


def test_the_sign_in_and_password_pages(tab: Tab) -> None:
    page, width = tab.page, tab.width
    tab.goto(sign_in_path(tab.base_url))
    tab.look("sign-in", heading="Sign in")
    assert page.get_by_label("Username").get_attribute("autocomplete") == "username"
    assert page.get_by_label("Password").get_attribute("autocomplete") == "current-password"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "govuk-skip-link"

    page.get_by_label("Username").fill("provider.user")
    page.get_by_label("Password").fill("not the password")
    tab.submit("Sign in")
    tab.look("sign-in-wrong-password", heading="Sign in")
    tab.errors({"password": oauth.WRONG_CREDENTIALS})
    assert page.get_by_label("Username").input_value() == "provider.user"

    with page.expect_navigation():
        page.get_by_role("link", name="Forgotten your password?").click()
    tab.look("reset-request", heading="Reset your password")
    assert page.get_by_label("E-mail address").get_attribute("autocomplete") == "email"
    tab.submit("Send the link")
    tab.look("reset-request-empty", heading="Reset your password")
    tab.errors({"email": password_reset.NO_EMAIL})
    page.get_by_label("E-mail address").fill("not an address")
    tab.submit("Send the link")
    tab.look("reset-request-not-an-address", heading="Reset your password")
    tab.errors({"email": re.compile("correct format")})

    long_address = f"somebody.with.a.rather.long.address.{width}@an-organisation-with-a-long-name.example.org"
    page.get_by_label("E-mail address").fill(long_address)
    tab.submit("Send the link")
    tab.look("reset-check-your-email", heading="Check your e-mail")  # the address wraps at 320 px
    assert long_address in page.locator("main").inner_text()

    username = RESET[width]
    link = f"/password-reset/{link_token('reset', username)}"
    tab.goto(link)
    tab.look("choose-new-password", heading="Choose a new password")
    new, again = page.get_by_label("New password", exact=True), page.get_by_label("Enter the new password again")
    assert new.get_attribute("autocomplete") == again.get_attribute("autocomplete") == "new-password"
    assert "password-hint" in (new.get_attribute("aria-describedby") or "").split()
    assert "12 characters" in page.locator("#password-hint").inner_text()
    assert page.locator("input[autocomplete=username]").input_value() == username  # for password managers

    new.fill("too short")
    again.fill("too short")
    tab.submit("Change password")
    tab.look("choose-new-password-too-short", heading="Choose a new password")
    tab.errors({"password": re.compile("at least 12 characters")})
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Enter the new password again").fill(NEW_PASSWORD + " and more")
    tab.submit("Change password")
    tab.look("choose-new-password-mismatch", heading="Choose a new password")
    tab.errors({"confirm_password": password_reset.MISMATCH})

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Enter the new password again").fill(NEW_PASSWORD)
    tab.submit("Change password")
    tab.look("done-password-changed", heading="Your password has been changed")
    tab.goto(link)
    tab.look("reset-link-used", heading="This link cannot be used")


def test_the_invitation_confirmation_and_information_pages(tab: Tab) -> None:
    page, width = tab.page, tab.width
    tab.goto(f"/invitations/{link_token('invite', INVITED[width])}")
    tab.look("invitation", heading="Choose your password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Enter the new password again").fill("something else entirely")
    tab.submit("Set password")
    tab.look("invitation-mismatch", heading="Choose your password")
    tab.errors({"confirm_password": invitations.MISMATCH})
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Enter the new password again").fill(NEW_PASSWORD)
    tab.submit("Set password")
    tab.look("done-invitation", heading="Your password is set")

    tab.goto(f"/verify-email/{link_token('verify', VERIFYING[width])}")
    tab.look("confirm-email", heading="Confirm your e-mail address")
    tab.submit("Confirm this address")
    tab.look("done-email-confirmed", heading="Your e-mail address is confirmed")

    tab.goto("/oauth/authorize?client_id=no-such-client&response_type=code")
    tab.look("sign-in-link-error", heading="This sign-in link cannot be used")

    tab.goto("/")  # the start page: where providers and councils' systems each go
    tab.look("start", heading=pages.START)
    assert page.locator("main").get_by_role("link", name="provider portal").get_attribute("href") == "/portal/"
    assert page.locator("main").get_by_role("link", name="GraphQL API").get_attribute("href") == "/graphql"

    tab.goto("/accessibility")
    tab.look("accessibility", heading="Accessibility statement")
    text = page.locator("main").inner_text()
    assert "WCAG" in text and "2.2" in text and pages.CONTACT in text and "Cheshire East Council" in text
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Privacy notice").click()
    tab.look("privacy", heading="Privacy notice")
    text = page.locator("main").inner_text()
    assert "retention schedule" in text and pages.CONTACT in text and "name" in text


# --------------------------------------------------------------------------
# Without a browser: escaping and headers
# --------------------------------------------------------------------------

HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"


class _Tags(HTMLParser):
    """Every element and attribute of a page, and its text, as a browser would read them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert(page: str, *payloads: str) -> None:
    """Nothing a payload holds became markup: no script, image or event handler; each payload reads back whole."""
    parsed = _Tags(page)
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "img", "style")]
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on") or name == "src"]
    shown = "".join(parsed.text) + "".join(str(v) for _, attrs in parsed.tags for v in attrs.values())
    for payload in payloads:
        assert payload in shown, payload


def test_every_value_a_page_repeats_is_escaped_over_http(live: WritableApi) -> None:
    base = live.live.base_url
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as browser:
        query = httpx.QueryParams(sign_in_path(base).split("?", 1)[1]).set("state", HOSTILE).set("nonce", HOSTILE)
        page = browser.get(f"/oauth/authorize?{query}")
        assert page.status_code == 200, page.text
        assert_inert(page.text, HOSTILE)
        assert parse_form(page.text).hidden["state"] == HOSTILE

        username = HOSTILE.lower()
        password = "a-password-never-repeated"
        wrong = browser.post(
            "/oauth/authorize", data={**parse_form(page.text).hidden, "username": username, "password": password}
        )
        assert wrong.status_code == 200 and oauth.WRONG_CREDENTIALS in wrong.text
        assert_inert(wrong.text, username)
        assert password not in wrong.text

        refused = browser.get("/oauth/authorize", params={"client_id": HOSTILE, "response_type": "code"})
        assert refused.status_code == 400
        assert_inert(refused.text)

        form = browser.get("/password-reset")
        email = f"{HOSTILE}@example.org"
        bad = browser.post("/password-reset", data={**parse_form(form.text).hidden, "email": email})
        assert bad.status_code == 400
        assert_inert(bad.text, email)

        for path in ("/password-reset/", "/invitations/", "/verify-email/"):
            closed = browser.get(path + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            assert closed.status_code == 404
            assert_inert(closed.text)


def test_every_value_a_page_repeats_is_escaped_when_rendered() -> None:
    """The values that come from the database (names, addresses) and from messages, straight into each page."""
    problems = [Problem(HOSTILE, field="password"), Problem(HOSTILE)]
    rendered = {
        "sign-in": oauth.login_page(
            action="/oauth/authorize",
            client_name=HOSTILE,
            params=[("state", HOSTILE)],
            problems=problems,
            username=HOSTILE,
        ),
        "sign-in error": oauth.error_page(HOSTILE, HOSTILE),
        "reset request": password_reset.request_page(action="/x", csrf_token=HOSTILE, problems=problems, email=HOSTILE),
        "reset sent": password_reset._sent_page(HOSTILE),
        "reset form": password_reset.reset_page(action="/x", username=HOSTILE, csrf_token=HOSTILE, problems=problems),
        "reset done": password_reset._done_page(HOSTILE),
        "invitation": invitations.form_page(
            action="/x", username=HOSTILE, display_name=HOSTILE, csrf_token=HOSTILE, problems=problems
        ),
        "invitation done": invitations._done_page(HOSTILE),
        "confirm": verification.confirm_page(action="/x", address=HOSTILE, csrf_token=HOSTILE, problems=problems),
        "confirmed": verification.confirmed_page(HOSTILE),
        "closed": pages.document(HOSTILE, pages.h1(HOSTILE), pages.p(HOSTILE)),
    }
    for name, page in rendered.items():
        assert "<script>" not in page, name
        assert_inert(page, HOSTILE)
    for closed in (
        password_reset._closed(404, HOSTILE, HOSTILE),
        invitations._closed(404, HOSTILE, HOSTILE),
        invitations._taken(HOSTILE),
        verification._closed(404, HOSTILE, HOSTILE),
    ):
        assert_inert(closed.body.decode(), HOSTILE)


def _csp(response: httpx.Response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def test_the_pages_keep_a_strict_content_security_policy(live: WritableApi) -> None:
    """Only this server's stylesheet loads; forms post back here, and sign-in redirects only to the client's origins."""
    base = live.live.base_url
    with httpx.Client(base_url=base, timeout=30) as browser:
        answers = {
            "sign-in": browser.get(sign_in_path(base)),
            "reset": browser.get("/password-reset"),
            "closed": browser.get("/password-reset/nothing"),
            "accessibility": browser.get("/accessibility"),
            "privacy": browser.get("/privacy"),
            "start": browser.get("/"),
            "sign-in error": browser.get("/oauth/authorize", params={"client_id": "nobody"}),
        }
    for name, response in answers.items():
        policy = _csp(response)
        assert policy["default-src"] == ["'none'"] and policy["style-src"] == ["'self'"], name
        assert policy["font-src"] == ["'self'"], name  # the stylesheet's fonts, declared but unused (Arial instead)
        assert "script-src" not in policy and "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"], name
        assert response.headers["x-frame-options"] == "DENY" and response.headers["referrer-policy"] == "no-referrer"
        assert f'href="{pages.STYLESHEET}"' in response.text
    origin = base.replace("localhost", "127.0.0.1")
    assert _csp(answers["sign-in"])["form-action"] == ["'self'", origin, origin.replace("127.0.0.1", "localhost")]
    assert _csp(answers["reset"])["form-action"] == ["'self'"]
    for name in ("closed", "accessibility", "privacy", "start", "sign-in error"):
        assert _csp(answers[name])["form-action"] == ["'none'"], name
    assert answers["sign-in"].headers["cache-control"] == "no-store"
    assert answers["accessibility"].headers["cache-control"] == "no-cache"


def test_the_sign_in_form_may_post_to_the_origins_of_its_client_only() -> None:
    targets = oauth.form_targets(
        [
            "https://Council.example.org/callback",
            "https://council.example.org/other",
            "http://127.0.0.1:8000/portal/callback",
            "com.example.app:/oauth",
            "https://evil.example;script-src *",
            "https://user@host.example/x",
        ]
    )
    assert targets == ["'self'", "https://council.example.org", "http://127.0.0.1:8000", "com.example.app:"]
