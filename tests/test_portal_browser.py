"""The portal in Chromium, against the real app on SQLite with local document storage.

A provider's journeys end to end: signing in and out, rounds and clarifications, a bid from
draft to submission (and the round closing on it), evaluation results, an offer made and
withdrawn, and a termly outcome report; and an integrated care board's: following the e-mailed
link to a placement's funding, signing in, and agreeing its contribution, offered nothing of a
provider's. Every page a journey shows is saved as a screenshot
under ``var/screenshots/<test>/`` and checked with axe-core, which must find no violation
of any impact. The last test adds a field to a provider input in a copy of the schema,
regenerates the portal, and finds the field on the form.

Chromium is Debian's (``/usr/bin/chromium``); without it these tests skip, unless
``REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import functools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.routing import Mount

from api.auth.actor import Role
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AuthorityRole
from portal.generator import generate, write
from portal.server import portal_app
from tests.conftest import _migrate_seed_and_people, require_browser
from tests.documents_support import PDF
from tests.support import DEMO_NOW, WritableApi, writable_api

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "demo-password"


# --------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------


def expect(target: Any) -> Any:
    """Playwright's waiting assertions; imported late, so that a missing Playwright skips rather than breaks."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


async def _ids(url: str, port: int) -> dict[str, int]:
    from api.auth.demo import point_demo_portal_at

    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            await point_demo_portal_at(session, port)  # redirect URIs match exactly, port included
            await session.commit()
            provider = await session.scalar(select(m.User.provider_id).where(m.User.username == "provider.user"))
            lead = await session.scalar(select(m.Authority.id).where(m.Authority.role == AuthorityRole.LEAD))
            board = await session.scalar(
                select(m.User.integrated_care_board_id).where(m.User.username == "icb.commissioner")
            )
            return {"provider": int(provider or 0), "lead": int(lead or 0), "board": int(board or 0)}
    finally:
        await engine.dispose()


@dataclass
class Live:
    """The server, and tokens for checking what the portal did through the API itself."""

    api: WritableApi
    provider_id: int
    lead_authority_id: int
    board_id: int = 0  # the integrated care board of the demo's `icb.commissioner`

    @property
    def base_url(self) -> str:
        return self.api.live.base_url

    def as_provider(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.api.gql(query, variables, token=self.api.token(Role.PROVIDER_USER, provider_id=self.provider_id))

    def as_lead(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        token = self.api.token(Role.LEAD_ADMIN, authority_id=self.lead_authority_id)
        return self.api.gql(query, variables, token=token)

    def as_board(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        token = self.api.token(Role.ICB_COMMISSIONER, board_id=self.board_id, subject="icb.commissioner")
        return self.api.gql(query, variables, token=token)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app on a demo database of its own, with the demo users; the clock may move.

    Set up before the browser starts: see the ``chromium`` fixture.
    """
    require_browser()
    with writable_api("sqlite", tmp_path_factory.mktemp("portal"), seed=_migrate_seed_and_people) as api:
        ids = asyncio.run(_ids(api.app.state.settings.database_url, int(api.live.base_url.rsplit(":", 1)[1])))
        yield Live(api, ids["provider"], ids["lead"], ids["board"])


@functools.cache
def axe_core() -> Any:
    """axe-core, read once."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@dataclass
class Portal:
    """One browser tab on the portal: axe-core runs on every page it reaches, and a screenshot is saved of
    each page it looks at."""

    page: Any
    base_url: str
    folder: Path
    shots: int = 0
    errors: list[str] = field(default_factory=list)
    checked: set[tuple[str, str, bool]] = field(default_factory=set)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.page.locator("main h1").first.wait_for()

    def heading(self, text: str) -> None:
        """Wait for the page whose heading has ``text``, and check it with axe-core once it is reached."""
        expect(self.page.locator("main h1")).to_have_text(re.compile(re.escape(text)))
        self.settle()
        self.axe(text)

    def axe(self, name: str, *, again: bool = False) -> None:
        """Check the page with axe-core, no violations of any impact, unless (and ``again`` is false) this
        state of it was checked already."""
        state = (
            self.page.url,
            self.page.locator("main h1").first.inner_text(),
            bool(self.page.locator(".govuk-error-summary").count()),
        )
        if state in self.checked and not again:
            return
        self.checked.add(state)
        bad = axe_core().run(self.page).response["violations"]
        assert not bad, f"{name} ({state[0]}): " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )

    def look(self, name: str) -> None:
        """Screenshot the page and check it with axe-core: no violations of any impact."""
        self.settle()
        self.shots += 1
        self.page.screenshot(path=str(self.folder / f"{self.shots:02d}-{name}.png"), full_page=True)
        self.axe(name, again=True)

    def click(self, name: str, role: str = "link") -> None:
        self.page.get_by_role(role, name=name, exact=True).first.click()

    def nav(self, name: str) -> None:
        self.page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()

    def sign_in(self, username: str = "provider.user", *, look: bool = False) -> None:
        self.goto("/portal/")
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(re.compile(r"/oauth/authorize\?"))
        if look:
            self.look("sign-in")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.get_by_text("Signed in as").wait_for()
        self.settle()

    def error_summary(self, expected: str | None = None) -> str:
        """The error summary's text, once it shows ``expected``."""
        summary = self.page.locator(".govuk-error-summary")
        if expected:
            expect(summary).to_contain_text(expected)
        summary.wait_for()
        return summary.inner_text()

    def banner(self) -> str:
        banner = self.page.locator(".govuk-notification-banner--success")
        banner.wait_for()
        return banner.inner_text()

    def field_error(self, path: str) -> str:
        """The error message shown in the form group of the value at ``path``."""
        group = self.page.locator(f'[data-group="{path}"]').first
        return group.locator(".govuk-error-message").first.inner_text()


@pytest.fixture()
def portal(live: Live, chromium: Any, request: pytest.FixtureRequest) -> Iterator[Portal]:
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.set_default_timeout(20_000)
    tab = Portal(page, live.base_url, folder)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    try:
        yield tab
    finally:
        context.close()
    assert not tab.errors, tab.errors


def record_id(portal: Portal) -> str:
    """The ID of the record whose page is showing."""
    return portal.page.url.rstrip("/").split("/")[-1]


# --------------------------------------------------------------------------
# Signing in and out
# --------------------------------------------------------------------------


def test_sign_in_and_sign_out(portal: Portal) -> None:
    portal.goto("/portal/")
    portal.look("home-signed-out")
    portal.sign_in(look=True)
    portal.look("home-signed-in")
    assert "Etherow Country Education Ltd" in portal.page.locator("main").inner_text()

    stored = portal.page.evaluate("() => ({session: Object.keys(sessionStorage), local: Object.keys(localStorage)})")
    assert stored["local"] == [], "tokens must never be in localStorage"
    assert "nwsend.portal.tokens" in stored["session"]

    # an expired access token is renewed with the refresh token, which rotates
    before = portal.page.evaluate(
        """() => { const held = JSON.parse(sessionStorage.getItem('nwsend.portal.tokens'));
        sessionStorage.setItem('nwsend.portal.tokens', JSON.stringify({...held, expires: 0}));
        return held; }"""
    )
    portal.nav("Applications")
    portal.heading("Applications")
    after = portal.page.evaluate("() => JSON.parse(sessionStorage.getItem('nwsend.portal.tokens'))")
    assert after["refresh"] != before["refresh"] and after["access"] != before["access"]
    assert after["expires"] > 0

    portal.goto("/portal/Bid/QmlkOjk5OTk5")  # no such bid
    portal.heading("Page not found")
    portal.look("not-found")

    held = portal.page.evaluate("() => JSON.parse(sessionStorage.getItem('nwsend.portal.tokens'))")
    portal.nav("Sign out")
    portal.heading("You have signed out")
    portal.look("signed-out")
    assert portal.page.evaluate("() => sessionStorage.getItem('nwsend.portal.tokens')") is None
    # signing out revoked the refresh token held until then: a copy of it no longer works
    reuse = httpx.post(
        f"{portal.base_url}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": held["refresh"], "client_id": "provider-portal"},
    )
    assert (reuse.status_code, reuse.json()["error"]) == (400, "invalid_grant")

    portal.goto("/portal/bids")
    portal.heading("Sign in to the provider portal")
    portal.look("sign-in-needed")


# --------------------------------------------------------------------------
# Messages: the count in the header, the messages page, marking read
# --------------------------------------------------------------------------

MESSAGE_COUNT = "{ viewer { unreadNotificationCount } }"


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def open_referral_to(live: Live, provider_id: int) -> str:
    """A commissioner of Cheshire East raises a referral under L1 and opens it to ``provider_id``; its reference."""
    api = live.api
    lots = api.gql("{ purchasingSystems(first: 1) { nodes { lots { id code } } } }")["purchasingSystems"]["nodes"]
    lot = next(x["id"] for x in lots[0]["lots"] if x["code"] == "L1")
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1)
    now = api.clock.now()
    created = api.gql(
        """mutation($input: CreateReferralInput!) { createReferral(input: $input) {
        __typename ... on CreateReferralPayload { referral { id } } ... on MutationError { message } } }""",
        {
            "input": {
                "lot": lot,
                "child": {
                    "reference": "CE-2026-0950",
                    "ageAtStart": 10,
                    "gender": "MALE",
                    "primaryNeed": "ASD",
                    "homePostcodeDistrict": "CW1",
                    "homeLatitude": 53.0977,
                    "homeLongitude": -2.4407,
                    "needsSummary": "Needs a small, calm setting.",
                },
                "startBy": (now + dt.timedelta(days=45)).date().isoformat(),
                "offerDeadline": (now + dt.timedelta(days=10)).isoformat(),
                "mode": "COMPETITION",
            }
        },
        token=commissioner,
    )["createReferral"]
    assert created["__typename"] == "CreateReferralPayload", created
    referral = created["referral"]["id"]
    opened = api.gql(
        """mutation($input: OpenReferralInput!) { openReferral(input: $input) {
        __typename ... on MutationError { message } } }""",
        {"input": {"referral": referral, "providers": [gid("Provider", provider_id)]}},
        token=commissioner,
    )["openReferral"]
    assert opened["__typename"] == "OpenReferralPayload", opened
    number = int(base64.urlsafe_b64decode(referral + "=" * (-len(referral) % 4)).decode().split(":")[1])
    return f"NWR-{number:06d}"


def test_messages_in_the_header_and_marked_read(portal: Portal, live: Live) -> None:
    me = live.api.token(Role.PROVIDER_USER, provider_id=live.provider_id, subject="provider.user")
    unread = lambda: live.api.gql(MESSAGE_COUNT, token=me)["viewer"]["unreadNotificationCount"]  # noqa: E731
    menu = portal.page.get_by_role("navigation", name="Menu")
    portal.sign_in()
    before = unread()

    # a referral is opened to the provider: a message arrives, and the header counts it
    reference = open_referral_to(live, live.provider_id)
    assert unread() == before + 1
    portal.goto("/portal/")
    expect(menu.get_by_role("link", name=f"Messages {before + 1} unread", exact=True)).to_be_visible()
    portal.look("home-with-a-message")

    portal.nav(f"Messages {before + 1} unread")
    portal.heading("Messages")
    newest = portal.page.locator("main .app-message").first
    assert reference in newest.locator("h2").inner_text() and "L1" in newest.locator("h2").inner_text()
    assert "Unread" in newest.inner_text()
    text = portal.page.locator("main").inner_text()
    assert "REFERRAL_INVITED" not in text and "PENDING" not in text and "emailStatus" not in text
    portal.look("messages")

    # opening the message shows it in full and marks it read; the header's count drops
    newest.get_by_text("Read the message").click()
    expect(newest.locator(".govuk-details__text")).to_contain_text("Offers close at")
    expect(newest.locator(".govuk-tag")).to_have_text("Read")
    expected = f"Messages {before} unread" if before else "Messages"
    expect(menu.get_by_role("link", name=expected, exact=True)).to_be_visible()
    assert unread() == before
    portal.look("message-opened")

    # another message arrives; "Mark all as read" marks it and any other
    second = open_referral_to(live, live.provider_id)
    portal.goto("/portal/messages")
    expect(menu.get_by_role("link", name=f"Messages {before + 1} unread", exact=True)).to_be_visible()
    portal.click("Mark all as read", role="button")
    assert "All your messages are marked as read" in portal.banner()
    expect(menu.get_by_role("link", name="Messages", exact=True)).to_be_visible()
    assert unread() == 0
    assert "You have no unread messages" in portal.page.locator("main").inner_text()
    portal.look("messages-all-read")

    # the subject leads to the referral
    portal.page.locator("main .app-message h2 a").filter(has_text=second).click()
    portal.heading("Referral")
    assert second in portal.page.locator("main").inner_text()

    # reminders may be turned off; what the procedure requires is not offered
    portal.goto("/portal/messages")
    portal.click("Choose which reminders are e-mailed to you")
    portal.heading("Choose which reminders are e-mailed to you")
    boxes = portal.page.locator("main .govuk-checkboxes__input")
    assert boxes.count() >= 1 and all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert "Referral invited" not in portal.page.locator("main form").inner_text()
    portal.look("reminder-choices")
    boxes.first.uncheck()
    muted_kind = boxes.first.get_attribute("value")
    portal.click("Save", role="button")
    assert "Your choices of reminders are saved" in portal.banner()
    portal.heading("Messages")
    preferences = live.api.gql("{ viewer { notificationPreferences { kind muted } } }", token=me)["viewer"]
    assert [p["kind"] for p in preferences["notificationPreferences"] if p["muted"]] == [muted_kind]


def test_home_is_what_needs_attention_each_linking_where_it_is_dealt_with(portal: Portal, live: Live) -> None:
    reference = open_referral_to(live, live.provider_id)
    portal.sign_in()
    main = portal.page.locator("main")
    expect(main.get_by_role("heading", name="What needs your attention")).to_be_visible()
    awaiting = main.get_by_role("heading", name=re.compile(r"^Referrals waiting for your offer \(\d+\)$"))
    expect(awaiting).to_be_visible()
    item = main.locator(".app-attention__item").filter(has_text=reference)
    expect(item).to_contain_text("Due ")
    expect(item).to_contain_text(": 10 days left")  # the offer deadline is ten days away
    text = main.inner_text()
    assert "Your services" in text and "connection" not in text.lower() and "provider sees its own" not in text
    portal.look("home-attention")
    expect(main.get_by_role("link", name="Your organisation")).to_be_visible()

    # each item leads to the one page where it is dealt with
    item.get_by_role("link").click()
    portal.heading(reference)
    expect(portal.page.get_by_role("button", name="Make an offer")).to_be_visible()

    # a report due and not started opens its form, on the term it is due for
    portal.goto("/portal/")
    due = main.locator(".app-attention").filter(has=portal.page.locator("a[href*='saveOutcomeReport']"))
    if due.count():
        due.first.locator("a[href*='saveOutcomeReport']").first.click()
        portal.heading("Which term are you reporting on?")
        chosen = portal.page.get_by_role("group", name="Term").get_by_role("radio", checked=True)
        expect(chosen).to_have_count(1)  # the term it is due for, already chosen


def test_forms_that_act_on_no_record_render_nested_inputs(portal: Portal) -> None:
    portal.sign_in()
    portal.goto("/portal/do/registerProvider")
    portal.heading("Register provider")
    for rows in ("input.identifiers", "input.establishments"):
        assert portal.page.locator(f'[data-rows="{rows}"] > [data-row]').count() == 1
    portal.click("Add another new establishment", role="button")
    assert portal.page.locator('[data-rows="input.establishments"] > [data-row]').count() == 2
    assert portal.page.locator('[data-path="input.establishments[1].needs"] input[type=checkbox]').count() > 5
    portal.look("register-provider")
    portal.click("Register provider", role="button")
    assert "Enter legal name" in portal.error_summary("Enter legal name")
    portal.look("register-provider-errors")

    portal.goto("/portal/")
    portal.click("Invite a colleague")
    portal.heading("Invite a colleague")
    portal.look("invite-provider-user")


# --------------------------------------------------------------------------
# Journey 1: open rounds, their lots and clarification answers
# --------------------------------------------------------------------------


def test_rounds_lots_and_clarification_answers(portal: Portal, live: Live) -> None:
    portal.sign_in()
    portal.nav("Application rounds")
    portal.heading("Application rounds")
    portal.look("rounds")
    portal.page.get_by_label("Status").select_option(label="Open")  # the status as content.yaml words it
    portal.click("Apply filter", role="button")
    portal.page.wait_for_url(re.compile(r"/portal/applicationRounds\?status=OPEN$"))
    rows = portal.page.locator("main tbody tr")
    expect(rows).to_have_count(1)
    assert "Application round 2" in rows.first.inner_text()
    portal.look("open-rounds")
    portal.click("Application round 2")
    portal.heading("Application round 2")
    main = portal.page.locator("main")
    assert "L1 – 0-16 day" in main.inner_text() and "Open" in main.inner_text()
    portal.look("round")

    portal.click("Ask a question about this round", role="button")
    portal.heading("Ask a question about this round")
    portal.click("Send question", role="button")
    assert "Enter your question" in portal.error_summary("Enter your question")
    assert "Enter your question" in portal.field_error("input.question")
    assert portal.page.title().startswith("Error: ")
    portal.look("clarification-missing")

    question = "May a bid offer an establishment whose registration is pending?"
    portal.page.get_by_label("Your question").fill(question)
    portal.click("Send question", role="button")
    assert "Your question has been sent" in portal.banner()
    portal.look("clarification-asked")

    clarification = record_id(portal)
    answer = "Yes, if the registration is confirmed before the round closes."
    answered = live.as_lead(
        """mutation($input: AnswerClarificationInput!) { answerClarification(input: $input) { __typename } }""",
        {"input": {"clarification": clarification, "answer": answer}},
    )
    assert answered["answerClarification"]["__typename"] == "AnswerClarificationPayload", answered

    portal.nav("Application rounds")
    portal.click("Application round 2")
    portal.heading("Application round 2")
    clarifications = portal.page.locator("main").inner_text()
    assert question in clarifications and answer in clarifications
    portal.look("round-with-answer")


# --------------------------------------------------------------------------
# Journey 2: a bid from draft to submission; then the round closes
# --------------------------------------------------------------------------

BID = """query($id: ID!) { node(id: $id) { ... on Bid { status version
  lots { lot { code } establishments { name } pricingSchedule { band element weeklyFee } }
  answers { question { number } answer } } } }"""
PLACES = """{ viewer { provider { establishments { id name dayCapacity residentialCapacity ageMin ageMax } } }
  applicationRounds(filter: {status: OPEN}) { nodes { number lots { id code title placementType ageMin ageMax } } } }"""
DOCUMENTS = "query($owner: ID) { documents(filter: {owner: $owner}) { nodes { fileName status } } }"


def a_lot_and_establishment(live: Live) -> tuple[dict[str, Any], dict[str, Any]]:
    """A lot of the open round that one of the provider's establishments has places and ages for."""
    data = live.as_provider(PLACES)
    establishments = data["viewer"]["provider"]["establishments"]
    for lot in data["applicationRounds"]["nodes"][0]["lots"]:
        for est in establishments:
            places = est["residentialCapacity"] if lot["placementType"] == "RESIDENTIAL" else est["dayCapacity"]
            if places > 0 and est["ageMax"] >= lot["ageMin"] and est["ageMin"] <= lot["ageMax"]:
                return lot, est
    raise AssertionError("the demo provider has no establishment for any lot of the open round")


def test_bid_from_draft_to_submission_and_the_round_closing(portal: Portal, live: Live, tmp_path: Path) -> None:
    lot, establishment = a_lot_and_establishment(live)
    lot_label = f"{lot['code']} – {lot['title']}"
    portal.sign_in()
    portal.nav("Application rounds")
    portal.click("Application round 2")
    portal.click("Start an application", role="button")
    portal.heading("Start an application")
    portal.look("create-bid")
    portal.click("Start application", role="button")
    assert "Your application has been started" in portal.banner()
    portal.heading("Application for round 2")
    bid = record_id(portal)

    # the task list: every task not started, the round's closing time, submit not yet possible
    main = portal.page.locator("main")
    expect(main.get_by_role("heading", name="Apply to join lots")).to_be_visible()
    assert "Submit your application by 23 March 2026" in main.inner_text()
    lot_task = main.locator(".govuk-task-list__item").filter(has_text=lot_label)
    expect(lot_task.locator(".govuk-task-list__status")).to_have_text("Not started")
    submit_task = main.locator(".govuk-task-list__item").filter(has_text="Check your answers and submit")
    expect(submit_task.locator(".govuk-task-list__status")).to_have_text("Cannot start yet")
    questions_task = main.locator(".govuk-task-list__item").filter(has_text="Answer the questions")
    expect(questions_task.locator(".govuk-task-list__status")).to_have_text("Not yet started")
    assert "You have completed 0 of the 2 sections you must complete before you submit" in main.inner_text()
    assert "Set bid lot" not in main.inner_text() and "Remove bid lot" not in main.inner_text()
    portal.look("bid-task-list")

    # the round now leads to the application rather than offering to start another
    portal.page.get_by_role("link", name="Application round 2").first.click()
    portal.heading("Application round 2")
    assert not portal.page.get_by_role("button", name="Start an application").count()
    portal.click("Continue your application", role="button")
    portal.heading("Application for round 2")

    # a lot: its establishments and pricing schedule, the lot already chosen
    main.get_by_role("link", name=lot_label).click()
    portal.heading("Lot, establishments and prices")
    # the lot is the task's: shown, not asked again
    expect(portal.page.get_by_label("Lot", exact=True)).to_be_hidden()
    expect(portal.page.locator("main")).to_contain_text(f"Lot: {lot_label}")
    portal.page.get_by_label(establishment["name"]).check()
    # one table: a row per level of need, a column per cost element; care only for residential lots
    residential = lot["placementType"] == "RESIDENTIAL"
    expect(portal.page.get_by_label("Standard level of need, residential care")).to_be_visible(visible=residential)
    portal.page.get_by_label("Standard level of need, education").fill("abc")
    portal.click("Save and continue", role="button")
    summary = portal.error_summary("must be an amount in pounds and pence")
    # every problem at once, each in words and linked to its cell
    assert "Enter the weekly fee for enhanced level of need, education" in summary, summary
    assert "Enter the weekly fee for complex level of need, education" in summary, summary
    portal.look("pricing-not-money")
    portal.page.get_by_role("link", name="Enter the weekly fee for complex level of need, education").click()
    focused = portal.page.evaluate("() => document.activeElement.labels[0].innerText")
    assert focused == "Complex level of need, education"

    portal.page.get_by_label("Standard level of need, education").fill("1250.50")
    portal.page.get_by_label("Enhanced level of need, education").fill("1,480.25")
    portal.page.get_by_label("Complex level of need, education").fill("£1,900")
    if residential:
        for band in ("Standard", "Enhanced", "Complex"):
            portal.page.get_by_label(f"{band} level of need, residential care").fill("700")
    portal.look("pricing-table")
    portal.click("Save and continue", role="button")
    assert "Your lot, establishments and prices have been saved" in portal.banner()
    portal.heading("Application for round 2")
    saved = live.as_provider(BID, {"id": bid})["node"]
    fees = {(p["band"], p["element"]): p["weeklyFee"] for p in saved["lots"][0]["pricingSchedule"]}
    care = {(band, "CARE"): 70000 for band in ("STANDARD", "ENHANCED", "COMPLEX")} if residential else {}
    assert fees == {
        ("STANDARD", "EDUCATION"): 125050,
        ("ENHANCED", "EDUCATION"): 148025,
        ("COMPLEX", "EDUCATION"): 190000,
        **care,
    }
    assert saved["lots"][0]["establishments"] == [{"name": establishment["name"]}]
    lot_task = portal.page.locator("main .govuk-task-list__item").filter(has_text=lot_label)
    expect(lot_task.locator(".govuk-task-list__status")).to_have_text("Completed")
    portal.look("bid-with-lot")

    # the form starts from what was saved
    lot_task.get_by_role("link").click()
    portal.heading("Lot, establishments and prices")
    assert portal.page.get_by_label(establishment["name"]).is_checked()
    expect(portal.page.get_by_label("Complex level of need, education")).to_have_value("1900.00")
    expect(portal.page.get_by_label("Standard level of need, education")).to_have_value("1250.50")
    expect(portal.page.get_by_label("Standard level of need, health")).to_have_value("")
    portal.look("pricing-saved")
    # at 320 px the page reflows and the table scrolls within itself, saying so (WCAG 1.4.10)
    portal.page.set_viewport_size({"width": 320, "height": 800})
    assert portal.page.evaluate("() => document.documentElement.scrollWidth") <= 320
    expect(portal.page.get_by_text("Scroll the table sideways to see every cost.")).to_be_visible()
    expect(portal.page.get_by_role("region", name="Weekly fees")).to_be_visible()
    portal.look("pricing-320")
    portal.page.set_viewport_size({"width": 1200, "height": 900})
    portal.click("Back")
    portal.heading("Application for round 2")

    # answers to the round's questions, one field per question, kept when saved
    portal.page.locator("main").get_by_role("link", name="Answer the questions").click()
    portal.heading("Answer the questions")
    answers = portal.page.get_by_role("textbox")  # one answer a question
    assert answers.count() == 10
    for i in range(answers.count()):
        answers.nth(i).fill(f"Our answer to question {i + 1}: evidence is attached.")
    portal.look("answer-questions")
    portal.click("Save and continue", role="button")
    assert "Your answers have been saved" in portal.banner()
    saved = live.as_provider(BID, {"id": bid})["node"]
    assert sorted(a["question"]["number"] for a in saved["answers"]) == list(range(1, 11))
    portal.page.locator("main").get_by_role("link", name="Answer the questions").click()
    portal.heading("Answer the questions")
    expect(portal.page.get_by_role("textbox").nth(9)).to_have_value("Our answer to question 10: evidence is attached.")
    portal.click("Back")

    # a document, uploaded with progress through the presigned form
    pdf = tmp_path / "insurance-certificate.pdf"
    pdf.write_bytes(PDF)
    portal.page.locator("main").get_by_role("link", name="Attach documents").click()
    portal.heading("Attach a document")
    kinds = portal.page.get_by_label("Type of document").locator("option").all_inner_texts()
    assert "Insurance certificate" in kinds and "Evaluation report" not in kinds  # only what a bid takes
    portal.page.get_by_label("Type of document").select_option(label="Insurance certificate")
    portal.page.get_by_label("File", exact=True).set_input_files(str(pdf))
    portal.look("upload")
    portal.click("Upload document", role="button")
    assert "insurance-certificate.pdf is uploaded" in portal.banner()
    portal.heading("Application for round 2")
    assert live.as_provider(DOCUMENTS, {"owner": bid})["documents"]["nodes"] == [
        {"fileName": "insurance-certificate.pdf", "status": "AVAILABLE"}
    ]
    assert "insurance-certificate.pdf" in portal.page.locator("main").inner_text()
    assert "You have completed every section" in portal.page.locator("main").inner_text()
    portal.look("bid-with-document")

    # check your answers, then submit; the confirmation says what happens next
    portal.page.locator("main").get_by_role("link", name="Check your answers and submit").click()
    portal.heading("Check your answers")
    page_text = portal.page.locator("main").inner_text()
    assert "£1,900.00" in page_text and "Our answer to question 10" in page_text, page_text
    assert "insurance-certificate.pdf" in page_text
    portal.look("check-your-answers")
    portal.click("Submit application", role="button")
    portal.heading("Application submitted")
    assert "What happens next" in portal.page.locator("main").inner_text()
    assert live.as_provider(BID, {"id": bid})["node"]["status"] == "SUBMITTED"
    portal.look("bid-submitted")
    portal.click("View your application")
    expect(portal.page.locator("main h1")).not_to_have_text("Application submitted")
    portal.heading("Application for round 2")
    main_text = portal.page.locator("main").inner_text()
    assert "Submitted" in main_text and "Apply to join lots" not in main_text  # no task list, no edits
    assert portal.page.get_by_role("button", name="Withdraw this application").is_visible()

    # a page opened before the deadline and sent after it: the API refuses, and says when it was
    portal.click("Withdraw this application", role="button")
    portal.heading("Withdraw your application")
    portal.page.get_by_label("Why you are withdrawing this application").fill("Our registration for this lot lapsed.")
    live.api.at(dt.datetime(2026, 3, 23, 12, 1, tzinfo=dt.UTC))
    try:
        button = portal.page.get_by_role("button", name="Withdraw application")
        assert "govuk-button--warning" in (button.get_attribute("class") or "")
        button.click()
        summary = portal.error_summary("The round has closed")
        assert "The round has closed" in summary and "23 March 2026" in summary, summary
        assert live.as_provider(BID, {"id": bid})["node"]["status"] == "SUBMITTED"

        # after the deadline the application can no longer be withdrawn, and is not offered
        portal.goto(f"/portal/Bid/{bid}")
        portal.heading("Application for round 2")
        assert not portal.page.get_by_role("button", name="Withdraw this application").count()
        portal.look("round-closed")
        assert live.as_provider(BID, {"id": bid})["node"]["status"] == "SUBMITTED"
    finally:
        live.api.at(DEMO_NOW)


# --------------------------------------------------------------------------
# Journey 3: evaluation results and feedback per lot
# --------------------------------------------------------------------------


def test_evaluation_result_and_feedback_per_lot(portal: Portal, live: Live) -> None:
    portal.sign_in()
    portal.nav("Applications")
    portal.heading("Applications")
    portal.look("bids")
    portal.page.locator("main tbody th a").filter(has_text="Application for round 1").first.click()
    portal.heading("Application for round 1")
    lots = portal.page.locator("main").inner_text()
    assert "Admitted" in lots or "Rejected" in lots
    assert "Moderated score" in lots  # the feedback, per lot
    portal.look("bid-decided")

    first_lot = portal.page.locator("main table").first.locator("tbody th a").first
    named = first_lot.inner_text()  # a lot applied for is named by its lot: "L1 – 0-16 day"
    assert not named.startswith("Lot applied for")
    first_lot.click()
    portal.heading(named)
    detail = portal.page.locator("main").inner_text()
    assert "Result" in detail and "Passed selection" in detail
    portal.look("bid-lot-result")


# --------------------------------------------------------------------------
# Journey 4: referrals, and an offer made and withdrawn before the deadline
# --------------------------------------------------------------------------

OPEN_REFERRAL = """{ referrals(filter: {status: OPEN}) { nodes { id lot { id placementType } offers { id status } } }
  viewer { provider { memberships { status lot { id } establishments { id name }
  rateCard { band element weeklyFee } } } } }"""
OFFER = """query($id: ID!) { node(id: $id) { ... on Offer { status reference weeklyFees { education care total }
  startDate justification } } }"""


def test_offer_withdrawn_and_made_again(portal: Portal, live: Live) -> None:
    data = live.as_provider(OPEN_REFERRAL)
    referral = next(r for r in data["referrals"]["nodes"] if any(o["status"] == "SUBMITTED" for o in r["offers"]))
    live_offer = next(o for o in referral["offers"] if o["status"] == "SUBMITTED")
    membership = next(
        ms
        for ms in data["viewer"]["provider"]["memberships"]
        if ms["lot"]["id"] == referral["lot"]["id"] and ms["status"] == "ACTIVE"
    )
    residential = referral["lot"]["placementType"] == "RESIDENTIAL"
    card = {(line["band"], line["element"]): line["weeklyFee"] for line in membership["rateCard"]}
    on_card = card[("STANDARD", "EDUCATION")]  # pence

    portal.sign_in()
    portal.nav("Referrals")
    portal.heading("Referrals")
    portal.look("referrals")
    portal.goto(f"/portal/Referral/{referral['id']}")
    portal.heading("Referral")
    text = portal.page.locator("main").inner_text()
    assert "Open" in text and "latitude" not in text.lower() and "longitude" not in text.lower()
    portal.look("referral")

    # the live offer is withdrawn before the deadline: a warning, then a red button
    portal.nav("Offers")
    portal.heading("Offers")
    portal.look("offers")
    portal.goto(f"/portal/Offer/{live_offer['id']}")
    portal.click("Withdraw this offer", role="button")
    portal.heading("Withdraw your offer")
    assert "The council will no longer consider this offer" in portal.page.locator("main").inner_text()
    button = portal.page.get_by_role("button", name="Withdraw offer")
    assert "govuk-button--warning" in (button.get_attribute("class") or "")
    button.click()  # a reason is needed
    assert "Enter why you are withdrawing this offer" in portal.error_summary("why you are withdrawing")
    portal.page.get_by_label("Why you are withdrawing this offer").fill("The school's last day place has been taken.")
    portal.look("withdraw-offer")
    button.click()
    assert "Your offer has been withdrawn" in portal.banner()
    assert live.as_provider(OFFER, {"id": live_offer["id"]})["node"]["status"] == "WITHDRAWN"
    assert "Withdrawn" in portal.page.locator("main").inner_text()
    assert not portal.page.get_by_role("button", name="Withdraw this offer").count()  # nothing left to withdraw
    portal.look("offer-withdrawn")

    # and a new one made, a question a page, in pounds, checked before it is sent
    portal.goto(f"/portal/Referral/{referral['id']}")
    portal.click("Make an offer", role="button")
    portal.heading("Which of your establishments would the child attend?")
    portal.look("offer-establishment")
    portal.page.get_by_label("Establishment").select_option(label=membership["establishments"][0]["name"])
    portal.click("Continue", role="button")
    portal.heading("When could the child start?")
    portal.page.get_by_label("Day").fill("31")
    portal.page.get_by_label("Month").fill("4")
    portal.page.get_by_label("Year").fill("2026")
    portal.click("Continue", role="button")
    assert "must be a real date" in portal.field_error("input.startDate")
    portal.look("offer-bad-date")
    portal.page.get_by_label("Day").fill("20")
    portal.click("Continue", role="button")
    portal.heading("What weekly fees are you offering?")
    # care is asked only for a residential lot
    expect(portal.page.get_by_label(re.compile("^Residential care"))).to_be_visible(visible=residential)
    portal.page.get_by_label("Education", exact=True).fill(f"{on_card // 100:,}")  # on the rate card, in pounds
    if residential:
        portal.page.get_by_label(re.compile("^Residential care")).fill("850.75")
    portal.look("offer-fees")
    portal.click("Continue", role="button")
    portal.heading("How would you meet the child's needs?")
    portal.page.get_by_label("How you would meet the child's needs").fill(
        "A key worker and a tailored transition plan from week one."
    )
    portal.click("Continue", role="button")
    # within the rate card: no justification asked, straight on to checking
    portal.heading("Check your answers")
    check = portal.page.locator("main").inner_text()
    assert f"£{on_card / 100:,.2f}" in check and "20 April 2026" in check
    assert "rate card" not in check.lower()
    portal.look("offer-check-answers")

    # changed to above the rate card from "check your answers", the justification is asked (and needs an
    # answer) before checking again
    portal.page.locator("main .govuk-summary-list__row").filter(has_text="Education").get_by_role("link").click()
    portal.heading("What weekly fees are you offering?")
    above = on_card + 12_550
    portal.page.get_by_label("Education", exact=True).fill(f"£{above / 100:,.2f}")
    portal.click("Continue", role="button")  # the one question the change raises, then back to checking
    portal.heading("Why are your fees above your rate card?")
    portal.click("Continue", role="button")  # asked because it is needed: an answer is required
    assert "Enter why your fees are above your rate card" in portal.error_summary("rate card")
    portal.look("offer-justification")
    portal.page.get_by_label("Why your fees are above your rate card").fill(
        "Extra staffing for the first term of transition."
    )
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    check = portal.page.locator("main").inner_text()
    assert f"£{above / 100:,.2f}" in check and "Extra staffing" in check

    # "Change" goes back to the question, and on to the check page again
    portal.page.locator("main .govuk-summary-list__row").filter(has_text="20 April 2026").get_by_role("link").click()
    portal.heading("When could the child start?")
    expect(portal.page.get_by_label("Day")).to_have_value("20")
    portal.page.get_by_label("Day").fill("21")
    portal.click("Continue", role="button")  # straight back to checking
    portal.heading("Check your answers")
    assert "21 April 2026" in portal.page.locator("main").inner_text()
    portal.click("Send offer", role="button")
    portal.heading("Offer sent")
    panel = portal.page.locator("main .govuk-panel").inner_text()
    assert "What happens next" in portal.page.locator("main").inner_text()
    portal.look("offer-submitted")
    portal.click("View your offer")
    portal.page.wait_for_url(re.compile(r"/portal/Offer/"))
    expect(portal.page.locator("main h1")).not_to_have_text("Offer sent")
    portal.settle()
    offer = record_id(portal)
    saved = live.as_provider(OFFER, {"id": offer})["node"]
    assert saved["reference"] in panel and re.fullmatch(r"NWO-\d{6}", saved["reference"])  # the reference to quote
    assert saved["status"] == "SUBMITTED" and saved["startDate"] == "2026-04-21"
    assert saved["weeklyFees"]["education"] == above and saved["justification"].startswith("Extra staffing")
    assert saved["weeklyFees"]["care"] == (85075 if residential else 0)
    assert f"£{above / 100:,.2f}" in portal.page.locator("main").inner_text()


# --------------------------------------------------------------------------
# Journey 5: call-offs with fee history, and a termly outcome report
# --------------------------------------------------------------------------

CALL_OFFS = """{ callOffs(first: 100, filter: {status: ACTIVE}) { nodes { id reference
  outcomeReports { academicYear term } termsToReport { academicYear term period }
  lot { system { outcomeMeasures { id name frequency scale retiredAt } } } } } }"""
REPORT = """query($id: ID!) { node(id: $id) { ... on OutcomeReport { status narrative academicYear term
  values { value measure { name } } } } }"""
PLACING = "query($id: ID!) { node(id: $id) { ... on CallOff { authority { id } } } }"
VERSION = "query($id: ID!) { node(id: $id) { ... on OutcomeReport { version } } }"


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def test_outcome_report_saved_and_submitted(portal: Portal, live: Live) -> None:
    if "saveOutcomeReport" not in (ROOT / "schema.graphql").read_text():
        pytest.skip("the outcome-report mutations are not in schema.graphql yet")
    call_off = next(
        c
        for c in live.as_provider(CALL_OFFS)["callOffs"]["nodes"]
        if not any(r["academicYear"] == 2025 and r["term"] == "SPRING" for r in c["outcomeReports"])
    )
    termly = [
        ms for ms in call_off["lot"]["system"]["outcomeMeasures"] if ms["frequency"] == "TERMLY" and not ms["retiredAt"]
    ]

    portal.sign_in()
    portal.nav("Placements")
    portal.heading("Placements")
    portal.look("call-offs")
    portal.goto(f"/portal/CallOff/{call_off['id']}")
    portal.heading(call_off["reference"])
    portal.look("call-off")

    # only the terms that can be reported on are offered, each naming its year and term
    terms = [t["period"] for t in call_off["termsToReport"]]
    assert "2025/26 spring term" in terms, terms
    portal.click("Start an outcome report", role="button")
    portal.heading("Which term are you reporting on?")
    offered = portal.page.get_by_role("group", name="Term").get_by_role("radio")
    assert [offered.nth(i).evaluate("(r) => r.labels[0].innerText") for i in range(offered.count())] == terms
    assert not portal.page.get_by_label("Academic year").count()  # no year to type in
    if len(terms) > 1:
        portal.click("Continue", role="button")
        assert "Select the term" in portal.error_summary("Select the term")
        portal.look("outcome-report-no-term")
    portal.page.get_by_label("2025/26 spring term").check()
    portal.click("Continue", role="button")
    portal.heading("The child's progress")
    portal.page.get_by_label("The child's progress").fill(
        "Settled well this term; attendance has risen and targets are on track."
    )
    portal.click("Continue", role="button")
    portal.heading("Outcome measures")
    # each measure on its own scale: yes or no and ratings as radios, numbers within their bounds;
    # annual measures only in the summer term
    annual = [ms for ms in call_off["lot"]["system"]["outcomeMeasures"] if ms["frequency"] == "ANNUALLY"]
    for measure in annual:
        named = re.compile(f"– {re.escape(measure['name'])}$")
        expect(portal.page.locator("[data-option-label]").filter(has_text=named)).to_be_hidden()
    text = portal.page.locator("main").inner_text()
    assert "RATING_1_5" not in text and "YES_NO" not in text and "PERCENT" not in text
    for measure in termly[:2]:
        named = re.compile(f"– {re.escape(measure['name'])}$")
        title = portal.page.locator("[data-option-label]").filter(has_text=named)
        row = portal.page.locator("[data-row]").filter(has=title)
        radios = row.get_by_role("radio")
        if radios.count():
            radios.first.check()
        else:
            row.get_by_role("textbox").fill("101" if measure["scale"] == "PERCENT" else "1")
            if measure["scale"] == "PERCENT":
                portal.click("Continue", role="button")
                summary = portal.error_summary("between 0 and 100")
                assert f"{measure['name']} must be between 0 and 100" in summary, summary
                row.get_by_role("textbox").fill("1")
    portal.look("outcome-report-form")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    portal.click("Save as draft", role="button")
    assert "Your report has been saved as a draft" in portal.banner()
    report = record_id(portal)
    saved = live.as_provider(REPORT, {"id": report})["node"]
    assert (saved["status"], saved["academicYear"], saved["term"]) == ("DRAFT", 2025, "SPRING")
    portal.look("outcome-report-draft")

    # the draft is changed and saved again, starting from what was saved
    portal.click("Change this report", role="button")
    portal.heading("Which term are you reporting on?")
    expect(portal.page.get_by_label("2025/26 spring term")).to_be_checked()
    portal.click("Continue", role="button")
    portal.heading("The child's progress")
    narrative = portal.page.get_by_label("The child's progress")
    expect(narrative).to_have_value(re.compile("^Settled well this term"))
    narrative.fill("Settled well this term; attendance has risen. Reading age up by a year.")
    portal.click("Continue", role="button")
    portal.heading("Outcome measures")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    assert "Reading age up by a year" in portal.page.locator("main").inner_text()
    portal.click("Save as draft", role="button")
    assert "Your report has been saved as a draft" in portal.banner()
    assert record_id(portal) == report
    saved = live.as_provider(REPORT, {"id": report})["node"]
    assert saved["narrative"].endswith("Reading age up by a year.") and len(saved["values"]) == min(2, len(termly))

    portal.click("Send this report", role="button")
    portal.heading("Check your answers")
    portal.look("outcome-report-check")
    portal.click("Send report", role="button")
    portal.heading("Report sent")
    saved = live.as_provider(REPORT, {"id": report})["node"]
    assert saved["status"] == "SUBMITTED" and len(saved["values"]) == min(2, len(termly))
    portal.look("outcome-report-submitted")

    # the placing council queries it: the provider answers, then sends the report again
    placing = live.as_provider(PLACING, {"id": call_off["id"]})["node"]["authority"]["id"]
    commissioner = live.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(placing))
    version = live.api.gql(VERSION, {"id": report}, token=commissioner)["node"]["version"]
    queried = live.api.gql(
        """mutation($input: QueryOutcomeReportInput!) { queryOutcomeReport(input: $input) { __typename } }""",
        {"input": {"report": report, "version": version, "comment": "Please give the attendance as a percentage."}},
        token=commissioner,
    )["queryOutcomeReport"]
    assert queried["__typename"] == "QueryOutcomeReportPayload", queried
    portal.goto(f"/portal/OutcomeReport/{report}")
    assert not portal.page.get_by_role("button", name="Send the report again").count()
    portal.click("Answer the council's query", role="button")
    portal.page.get_by_role("textbox").first.fill("Attendance was 96% of possible sessions.")
    portal.click("Send answer", role="button")
    assert "Your answer has been sent" in portal.banner()
    assert not portal.page.get_by_role("button", name="Answer the council's query").count()
    portal.click("Send the report again", role="button")
    portal.heading("Check your answers")
    portal.click("Send report", role="button")
    portal.heading("Report sent")
    assert live.as_provider(REPORT, {"id": report})["node"]["status"] == "SUBMITTED"
    portal.look("outcome-report-sent-again")

    # in the summer term the annual measures are asked too, yes-or-no ones as radios
    live.api.at(dt.datetime(2026, 5, 12, 9, tzinfo=dt.UTC))
    try:
        yes_no = next(ms for ms in call_off["lot"]["system"]["outcomeMeasures"] if ms["scale"] == "YES_NO")
        portal.goto(f"/portal/CallOff/{call_off['id']}")
        portal.click("Start an outcome report", role="button")
        portal.heading("Which term are you reporting on?")
        portal.page.get_by_label("2025/26 summer term").check()
        portal.click("Continue", role="button")
        portal.heading("The child's progress")
        portal.page.get_by_label("The child's progress").fill("A good summer term; the annual review took place.")
        portal.click("Continue", role="button")
        portal.heading("Outcome measures")
        question = portal.page.get_by_role("group", name=yes_no["name"])
        expect(question.get_by_role("radio")).to_have_count(2)
        question.get_by_label("Yes").check()
        portal.look("outcome-report-summer")
        portal.click("Continue", role="button")
        portal.heading("Check your answers")
        assert f"{yes_no['name']}" in portal.page.locator("main").inner_text()
        portal.click("Save as draft", role="button")
        assert "Your report has been saved as a draft" in portal.banner()
        summer = live.as_provider(REPORT, {"id": record_id(portal)})["node"]
        assert summer["term"] == "SUMMER"
        assert {"value": 1.0, "measure": {"name": yes_no["name"]}} in summer["values"]
    finally:
        live.api.at(DEMO_NOW)


# --------------------------------------------------------------------------
# The portal follows the schema
# --------------------------------------------------------------------------

NEW_FIELD = '''
  """How soon you need the answer, in working days; leave blank if it can wait."""
  answerWithinDays: Int = null
'''


def test_a_field_added_to_a_provider_input_appears_on_its_form(portal: Portal, live: Live, tmp_path: Path) -> None:
    sdl = (ROOT / "schema.graphql").read_text()
    anchor = "input AskClarificationInput {\n"
    assert anchor in sdl
    changed = sdl.replace(anchor, anchor + NEW_FIELD, 1)
    generated = tmp_path / "generated"
    write(generate(changed), generated)

    routes = live.api.app.router.routes
    mount = Mount("/portal", app=portal_app(live.api.app.state.settings, generated=generated))
    routes.insert(0, mount)
    try:
        portal.sign_in()
        portal.nav("Application rounds")
        portal.click("Application round 2")
        portal.click("Ask a question about this round", role="button")
        portal.heading("Ask a question about this round")
        new_field = portal.page.get_by_label("Answer within days (optional)")
        assert new_field.is_visible()
        hint = portal.page.locator("#f-input-answerWithinDays-hint").inner_text()
        assert hint == "How soon you need the answer, in working days; leave blank if it can wait."
        portal.look("new-field")
    finally:
        routes.remove(mount)


# --------------------------------------------------------------------------
# Forgotten password
# --------------------------------------------------------------------------


def test_a_forgotten_password_is_reset_through_the_mailed_link(portal: Portal, live: Live) -> None:
    import threading

    from tests.notification_support import SmtpSink
    from tests.test_password_reset import deliver_outbox, mailed_link

    username, address, chosen = "admin.provider-3", "admin.provider-3@example.org", "four green kites over the hill"
    smtp = SmtpSink().start()

    def spotless() -> None:
        """The new pages: no axe violation at all, of any impact."""
        violations = axe_core().run(portal.page).response["violations"]
        assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]

    try:
        # signed in on another device: the refresh token held there must end with the reset
        portal.goto("/portal/")
        portal.page.get_by_role("button", name="Sign in").click()
        portal.page.wait_for_url(re.compile(r"/oauth/authorize\?"))
        portal.page.get_by_label("Username").fill(username)
        portal.page.get_by_label("Password").fill(PASSWORD)
        portal.page.get_by_role("button", name="Sign in").click()
        portal.page.get_by_text("Signed in as").wait_for()
        held = portal.page.evaluate("() => JSON.parse(sessionStorage.getItem('nwsend.portal.tokens'))")
        portal.page.evaluate("() => sessionStorage.clear()")  # forgotten here, not revoked

        portal.goto("/portal/")
        portal.page.get_by_role("button", name="Sign in").click()
        portal.page.wait_for_url(re.compile(r"/oauth/authorize\?"))
        portal.look("sign-in-with-forgotten-password-link")
        spotless()
        portal.click("Forgotten your password?")
        portal.heading("Reset your password")
        portal.look("reset-request")
        spotless()
        portal.page.get_by_label("E-mail address").fill(address)
        portal.click("Send the link", role="button")
        portal.heading("Check your e-mail")
        assert address in portal.page.locator("main").inner_text()
        portal.look("reset-requested")
        spotless()

        # the relay mails it (run here: this server runs none), in a thread of its own beside the browser's loop
        worker = threading.Thread(target=deliver_outbox, args=(live.api, smtp))
        worker.start()
        worker.join(60)
        link = mailed_link(smtp, address, "Reset your password")

        portal.page.goto(link)
        portal.heading("Choose a new password")
        portal.look("reset-choose")
        spotless()
        portal.page.get_by_label("New password", exact=True).fill(chosen)
        portal.page.get_by_label("Enter the new password again").fill(chosen + " and more")
        portal.click("Change password", role="button")
        portal.heading("Choose a new password")
        assert "do not match" in portal.page.get_by_role("alert").inner_text()
        portal.look("reset-choose-error")
        spotless()
        portal.page.get_by_label("New password", exact=True).fill(chosen)
        portal.page.get_by_label("Enter the new password again").fill(chosen)
        portal.click("Change password", role="button")
        portal.heading("Your password has been changed")
        portal.look("reset-done")
        spotless()

        portal.click("Go to the provider portal")
        portal.page.get_by_role("button", name="Sign in").click()
        portal.page.wait_for_url(re.compile(r"/oauth/authorize\?"))
        portal.page.get_by_label("Username").fill(username)
        portal.page.get_by_label("Password").fill(chosen)
        portal.page.get_by_role("button", name="Sign in").click()
        portal.page.get_by_text("Signed in as").wait_for()
        portal.look("signed-in-with-the-new-password")

        portal.page.goto(link)  # the link worked once
        portal.heading("This link cannot be used")
        portal.look("reset-link-used")
        spotless()
    finally:
        smtp.stop()
    # the two pages answered with an error status on purpose (the mismatch, the used link): the only console errors
    expected = [f"the server responded with a status of {status}" for status in (400, 404)]
    assert [e for e in portal.errors if any(x in e for x in expected)] == [
        f"Failed to load resource: {x} ({reason})" for x, reason in zip(expected, ("Bad Request", "Not Found"))
    ]
    portal.errors[:] = [e for e in portal.errors if not any(x in e for x in expected)]

    reuse = httpx.post(
        f"{portal.base_url}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": held["refresh"], "client_id": "provider-portal"},
    )
    assert (reuse.status_code, reuse.json()["error"]) == (400, "invalid_grant")


# --------------------------------------------------------------------------
# Vacancies in one short form; an offer made with the keyboard alone
# --------------------------------------------------------------------------

ESTABLISHMENTS = "{ viewer { provider { establishments { id name dayCapacity dayVacancies needs version } } } }"


def test_vacancies_updated_in_one_short_form(portal: Portal, live: Live) -> None:
    establishment = next(
        e for e in live.as_provider(ESTABLISHMENTS)["viewer"]["provider"]["establishments"] if e["dayCapacity"] > 1
    )
    own = live.as_provider(ESTABLISHMENTS)["viewer"]["provider"]["establishments"]
    portal.sign_in()
    # "Your establishments" lists the provider's own, and no one else's can be changed
    portal.click("Your establishments")
    portal.heading("Your establishments")
    listed = portal.page.locator("main tbody th a")
    assert sorted(listed.all_inner_texts()) == sorted(e["name"] for e in own)[:20]
    everyone = live.api.gql("{ establishments(first: 100) { nodes { id name provider { id } } } }")
    other = next(
        e for e in everyone["establishments"]["nodes"] if e["provider"]["id"] != gid("Provider", live.provider_id)
    )
    portal.goto(f"/portal/Establishment/{other['id']}")
    portal.heading(other["name"])
    assert not portal.page.get_by_role("button", name="Update vacancies").count()
    assert not portal.page.get_by_role("button", name="Change establishment details").count()

    portal.goto(f"/portal/Establishment/{establishment['id']}")
    portal.heading(establishment["name"])
    portal.click("Update vacancies", role="button")
    portal.heading("Update vacancies")
    # the form starts from what is saved, and asks only about vacancies
    day = portal.page.get_by_label("Day places free now")
    expect(day).to_have_value(str(establishment["dayVacancies"]))
    expect(portal.page.get_by_role("group", name="Needs catered for")).to_be_hidden()
    portal.look("vacancies")
    day.fill("1")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    portal.click("Save changes", role="button")
    assert "The establishment's details have been saved" in portal.banner()
    saved = next(
        e
        for e in live.as_provider(ESTABLISHMENTS)["viewer"]["provider"]["establishments"]
        if e["id"] == establishment["id"]
    )
    assert saved["dayVacancies"] == 1 and saved["needs"] == establishment["needs"]  # needs kept, not replaced
    portal.look("vacancies-saved")


def tab_to(portal: Portal, name: str, *, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element is named ``name``."""
    for _ in range(80):
        portal.page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = portal.page.evaluate(
            """() => { const e = document.activeElement; if (!e) return '';
            const label = e.labels && e.labels[0] ? e.labels[0].innerText : '';
            return (label || e.innerText || e.getAttribute('aria-label') || '').trim(); }"""
        )
        first = focused.split("\n")[0]
        if first == name or first.endswith(" " + name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_an_offer_made_with_the_keyboard_alone(portal: Portal, live: Live) -> None:
    reference = open_referral_to(live, live.provider_id)
    portal.sign_in()
    portal.nav("Referrals")
    portal.heading("Referrals")
    tab_to(portal, reference)
    portal.page.keyboard.press("Enter")
    portal.heading(reference)
    tab_to(portal, "Make an offer")
    portal.page.keyboard.press("Space")
    portal.heading("Which of your establishments would the child attend?")
    tab_to(portal, "Continue")
    tab_to(portal, "Back", back=True)  # Shift+Tab goes back through the page
    # the one eligible establishment is already chosen
    assert portal.page.get_by_label("Establishment").input_value()
    tab_to(portal, "Continue")
    portal.page.keyboard.press("Enter")
    portal.heading("When could the child start?")
    tab_to(portal, "Continue")
    portal.page.keyboard.press("Enter")  # no date: the error summary takes focus
    portal.error_summary()
    assert portal.page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    portal.page.keyboard.press("Tab")
    portal.page.keyboard.press("Enter")  # the summary's link focuses the question
    start = live.api.clock.now().date() + dt.timedelta(days=30)
    assert portal.page.evaluate("() => document.activeElement.dataset.part") == "day"
    portal.page.keyboard.type(str(start.day))
    for part, value in (("Month", start.month), ("Year", start.year)):
        tab_to(portal, part)
        portal.page.keyboard.type(str(value))
    tab_to(portal, "Continue")
    portal.page.keyboard.press("Enter")
    portal.heading("What weekly fees are you offering?")
    tab_to(portal, "Education")
    portal.page.keyboard.type("900")
    tab_to(portal, "Continue")
    portal.page.keyboard.press("Enter")
    portal.heading("How would you meet the child's needs?")
    tab_to(portal, "How you would meet the child's needs")
    portal.page.keyboard.type("A calm, small class with a key worker.")
    tab_to(portal, "Continue")
    portal.page.keyboard.press("Enter")  # within the rate card: no justification to give
    portal.heading("Check your answers")
    tab_to(portal, "Send offer")
    portal.look("keyboard-check-answers")
    portal.page.keyboard.press("Enter")
    expect(portal.page.locator("main h1")).to_have_text(re.compile("Offer sent|Check your answers"))
    portal.settle()
    problems = portal.page.locator(".govuk-error-summary")
    assert not problems.count(), problems.inner_text()
    portal.heading("Offer sent")
    portal.look("keyboard-offer-sent")
    # the one eligible establishment now has a live offer: no second offer is offered, and the page says why
    portal.goto(f"/portal/Referral/{gid('Referral', int(reference.removeprefix('NWR-')))}")
    portal.heading(reference)
    assert not portal.page.get_by_role("button", name="Make an offer").count()
    expect(portal.page.locator("main .govuk-inset-text").first).to_contain_text("already has an offer")
    portal.look("no-second-offer")


def test_pages_reflow_at_320_pixels_and_the_menu_collapses(portal: Portal) -> None:
    portal.sign_in()
    portal.page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/portal/", "/portal/applicationRounds", "/portal/referrals", "/portal/callOffs"):
        portal.goto(path)
        width = portal.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px (WCAG 1.4.10)"
        portal.look(path.strip("/").replace("/", "-") or "home")
    # the service navigation is behind its menu button until opened
    menu = portal.page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    links = portal.page.get_by_role("navigation", name="Menu").get_by_role("link", name="Placements", exact=True)
    expect(links).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()
    portal.look("menu-open")
    links.click()
    portal.heading("Placements")


# --------------------------------------------------------------------------
# An integrated care board agrees its contribution to a placement's funding
# --------------------------------------------------------------------------

SPLITS = """query($filter: FundingSplitFilter) { fundingSplits(first: 100, filter: $filter) { nodes { id status version
  callOff { id reference startDate weeklyTotal establishment { name } authority { name } }
  contributions { id agreed yoursToAgree funder { stream integratedCareBoard { name } authority { name } }
  shares { education care health therapies additionalStaffing }
  weeklyAmounts { education care health therapies additionalStaffing total } } } } }"""
SPLIT = """query($id: ID!) { node(id: $id) { ... on FundingSplit { status version
  contributions { id agreed agreedBy yoursToAgree } } } }"""
ICB_MENU = ["Home", "Funding", "Messages", "Sign out"]


def menu_links(portal: Portal) -> list[str]:
    """The service navigation's links, in order, without the count of unread messages."""
    texts = portal.page.get_by_role("navigation", name="Menu").get_by_role("link").all_inner_texts()
    return [re.sub(r" \d+ unread$", "", " ".join(text.split())) for text in texts]


def pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def percent(share: str) -> str:
    """A share as the portal writes it: "50%", "12.5%"."""
    return f"{float(share):g}%"


def test_an_integrated_care_board_agrees_its_contribution_from_the_mailed_link(portal: Portal, live: Live) -> None:
    waiting = live.as_board(SPLITS, {"filter": {"yoursToAgree": True}})["fundingSplits"]["nodes"]
    assert waiting and all(s["status"] == "PENDING" for s in waiting), waiting
    split = waiting[0]
    placement = split["callOff"]
    ours = next(c for c in split["contributions"] if c["yoursToAgree"])
    board = ours["funder"]["integratedCareBoard"]["name"]

    # the e-mail's link, signed out: the sign-in page is the board's service, not the provider portal
    portal.goto(f"/portal/FundingSplit/{split['id']}")
    portal.heading("Sign in to agree funding for SEND placements")
    main = portal.page.locator("main")
    assert "provider" not in (main.inner_text() + portal.page.title()).lower()
    expect(portal.page.locator(".govuk-service-navigation__service-name")).to_have_text(
        "Agree funding for SEND placements"
    )
    portal.look("icb-sign-in-from-the-mail")
    portal.page.get_by_role("button", name="Sign in").click()
    portal.page.wait_for_url(re.compile(r"/oauth/authorize\?"))
    portal.page.get_by_label("Username").fill("icb.commissioner")
    portal.page.get_by_label("Password").fill(PASSWORD)
    portal.page.get_by_role("button", name="Sign in").click()

    # back on the funding the mail is about; then home, where what waits for the board comes first
    portal.heading(f"Funding of placement {placement['reference']}")
    assert menu_links(portal) == ICB_MENU  # nothing of a provider's
    portal.nav("Home")
    portal.heading("Home")
    expect(main.get_by_role("heading", name="What needs your attention")).to_be_visible()
    heading = main.get_by_role("heading", name=f"Funding waiting for your agreement ({len(waiting)})")
    expect(heading).to_be_visible()
    text = main.inner_text()
    assert placement["reference"] in text and placement["establishment"]["name"] in text
    assert placement["authority"]["name"] in text
    services = main.locator(".app-actions a").all_inner_texts()
    assert services == ["All funding you are named in"], services
    assert "Provider portal" not in portal.page.title() and "provider" not in text.lower()
    portal.look("icb-home")

    # the same list on a page of its own, under the same title, kept to what waits for the board
    portal.goto("/portal/fundingSplits?yoursToAgree=true")
    portal.heading("Funding waiting for your agreement")
    expect(main.locator("tbody tr")).to_have_count(len(waiting))
    assert "Agreed" not in main.locator("tbody").inner_text()
    portal.page.get_by_label("Status").select_option(label="Waiting for agreement")
    portal.click("Apply filter", role="button")
    portal.page.wait_for_url(re.compile(r"/portal/fundingSplits\?yoursToAgree=true&status=PENDING$"))
    portal.heading("Funding waiting for your agreement")  # filtering keeps to what waits for the board
    expect(main.locator("tbody tr")).to_have_count(len(waiting))
    portal.nav("Home")
    portal.heading("Home")

    # the funding waiting for the board: what it is asked to pay, in pounds and percentages
    main.get_by_role("link", name=f"Funding of placement {placement['reference']}").first.click()
    portal.heading(f"Funding of placement {placement['reference']}")
    text = main.inner_text()
    for shown in (
        "Waiting for agreement",
        placement["reference"],
        placement["establishment"]["name"],
        placement["authority"]["name"],
        dt.date.fromisoformat(placement["startDate"]).strftime("%-d %B %Y"),
        pounds(placement["weeklyTotal"]),
        f"Health – {board}",
        pounds(ours["weeklyAmounts"]["total"]),
        percent(ours["shares"]["health"]),
    ):
        assert shown in text, (shown, text)
    for contribution in split["contributions"]:
        named = contribution["funder"]["integratedCareBoard"] or contribution["funder"]["authority"]
        card = (
            main.locator(".govuk-summary-card")
            .filter(has_text=named["name"])
            .filter(
                has_text={"EDUCATION": "Education – ", "SOCIAL_CARE": "Social care – ", "HEALTH": "Health – "}[
                    contribution["funder"]["stream"]
                ]
            )
        )
        expect(card).to_have_count(1)
        for share in contribution["shares"].values():
            if float(share):
                expect(card).to_contain_text(percent(share))
        expect(card).to_contain_text("Yes" if contribution["agreed"] else "No")
    assert "PENDING" not in text and "HEALTH" not in text and "Yours to agree" not in text
    assert not main.get_by_role("button", name="Start an outcome report").count()
    portal.look("icb-funding-to-agree")
    # on a phone, the page reflows: each funder's card and table fit (WCAG 1.4.10)
    portal.page.set_viewport_size({"width": 320, "height": 800})
    assert portal.page.evaluate("() => document.documentElement.scrollWidth") <= 320
    portal.look("icb-funding-to-agree-320")
    portal.page.set_viewport_size({"width": 1200, "height": 900})

    # agreeing: what is agreed, and that the council is told; no reason asked (that is for the council's staff)
    portal.click("Agree your contribution", role="button")
    portal.heading("Agree your contribution")
    text = main.inner_text()
    assert f"Funding of placement {placement['reference']}" in text  # what it is about
    assert "we tell the council" in text and pounds(ours["weeklyAmounts"]["total"]) in text
    assert not portal.page.get_by_role("textbox").count()  # nothing to type: no on-behalf reason, no version
    portal.look("icb-agree")
    portal.click("Agree contribution", role="button")
    portal.heading("Contribution agreed")
    panel = main.locator(".govuk-panel").inner_text()
    assert "Placement reference" in panel and placement["reference"] in panel, panel
    assert "The council has been told. When every funder has agreed, the funding is agreed." in text or (
        "The council has been told" in main.inner_text()
    )
    portal.look("icb-agreed")
    saved = live.as_board(SPLIT, {"id": split["id"]})["node"]
    agreed = next(c for c in saved["contributions"] if c["id"] == ours["id"])
    assert agreed["agreed"] and agreed["agreedBy"] and not agreed["yoursToAgree"]
    assert saved["version"] > split["version"]
    everyone = all(c["agreed"] for c in saved["contributions"])
    assert saved["status"] == ("AGREED" if everyone else "PENDING")

    # the funding, agreed: nothing left to do on it
    portal.click("View the funding of this placement")
    portal.heading(f"Funding of placement {placement['reference']}")
    expect(main.locator(".govuk-tag").first).to_have_text("Agreed" if everyone else "Waiting for agreement")
    assert not portal.page.get_by_role("button", name="Agree your contribution").count()
    portal.look("icb-funding-agreed")

    # going back to the form offers nothing more to agree: the funding's page instead
    portal.goto(f"/portal/FundingSplit/{split['id']}/agreeFundingContribution?contribution={ours['id']}")
    portal.heading(f"Funding of placement {placement['reference']}")

    # home again: one fewer waiting
    portal.nav("Home")
    portal.heading("Home")
    expect(main.get_by_role("heading", name=f"Funding waiting for your agreement ({len(waiting) - 1})")).to_be_visible()

    # the placement itself: the board reads it, and is offered nothing of the provider's work on it
    portal.goto(f"/portal/FundingSplit/{split['id']}")
    main.get_by_role("link", name=placement["reference"], exact=True).click()
    portal.heading(f"Placement {placement['reference']}")
    assert not portal.page.get_by_role("button").filter(has_text="outcome report").count()
    assert menu_links(portal) == ICB_MENU
    portal.look("icb-placement")

    # every funding it is named in, agreed or not
    portal.nav("Funding")
    portal.heading("Funding")
    assert live.as_board(SPLITS)["fundingSplits"]["nodes"]
    portal.look("icb-all-funding")

    # a colleague agrees another while the page is open: the API's answer is shown, in words
    other = waiting[1]
    theirs = next(c for c in other["contributions"] if c["yoursToAgree"])
    portal.goto(f"/portal/FundingSplit/{other['id']}")
    portal.click("Agree your contribution", role="button")
    portal.heading("Agree your contribution")
    agreed = live.as_board(
        """mutation($input: AgreeFundingContributionInput!) { agreeFundingContribution(input: $input) {
        __typename } }""",
        {"input": {"contribution": theirs["id"], "version": other["version"]}},
    )["agreeFundingContribution"]
    assert agreed["__typename"] == "FundingSplitPayload", agreed
    portal.click("Agree contribution", role="button")
    assert "already agreed" in portal.error_summary("already agreed")
    portal.look("icb-agreed-by-a-colleague")

    # a provider's pages are not the board's
    for path in ("/portal/referrals", "/portal/callOffs", "/portal/bids", "/portal/do/inviteProviderUser"):
        portal.goto(path)
        portal.heading("Page not found")
    portal.nav("Sign out")
    portal.heading("You have signed out")
    assert "provider portal" not in main.inner_text().lower()


def test_a_provider_is_offered_no_funding(portal: Portal) -> None:
    portal.sign_in()
    assert menu_links(portal) == [
        "Home",
        "Referrals",
        "Offers",
        "Placements",
        "Applications",
        "Application rounds",
        "Messages",
        "Sign out",
    ]
    text = portal.page.locator("main").inner_text()
    assert "Funding" not in text and "integrated care" not in text.lower()
    assert portal.page.title() == "Home – Provider portal – North West SEND Flexible Purchasing System"
    portal.goto("/portal/fundingSplits")
    portal.heading("Page not found")


# --------------------------------------------------------------------------
# Invoices and fee uplifts: a provider's, and a council finance team's
# --------------------------------------------------------------------------

ELEMENTS = ("education", "care", "health", "therapies", "additionalStaffing")
ELEMENT_WORDS = {
    "education": "Education",
    "care": "Residential care",
    "health": "Health",
    "therapies": "Therapies",
    "additionalStaffing": "Additional staffing",
}
ELEMENT_CODES = {
    "education": "EDUCATION",
    "care": "CARE",
    "health": "HEALTH",
    "therapies": "THERAPIES",
    "additionalStaffing": "ADDITIONAL_STAFFING",
}
FEES = "{ " + " ".join(ELEMENTS) + " }"
DUE = (
    """query($id: ID!, $start: Date!, $end: Date!) { node(id: $id) { ... on CallOff { reference
  weeklyFees """
    + FEES
    + """ amountDue(start: $start, end: $end) { weeks amounts """
    + FEES
    + """ } } } }"""
)
PLACEMENTS = """query($filter: CallOffFilter) { callOffs(first: 100, filter: $filter) { nodes { id reference startDate
  authority { id name } provider { id } } } }"""
INVOICE = """query($id: ID!) { node(id: $id) { ... on Invoice { status reference version total expected paidOn
  paymentReference lines { element amount expected difference disputeReason } } } }"""
SUBMIT_INVOICE = """mutation($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { __typename
  ... on InvoicePayload { invoice { id reference } } ... on MutationError { message } } }"""


def last_month() -> tuple[dt.date, dt.date]:
    """The calendar month before the demo clock's: the days an invoice sent today would bill."""
    first = DEMO_NOW.date().replace(day=1)
    end = first - dt.timedelta(days=1)
    return end.replace(day=1), end


def due_for(live: Live, call_off: str, token: str | None = None) -> dict[str, Any]:
    start, end = last_month()
    variables = {"id": call_off, "start": start.isoformat(), "end": end.isoformat()}
    if token:
        return live.api.gql(DUE, variables, token=token)["node"]
    return live.as_provider(DUE, variables)["node"]


def fill_date(portal: Portal, legend: str, day: dt.date) -> None:
    group = portal.page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_provider_sends_an_invoice_for_last_month(portal: Portal, live: Live) -> None:
    start, end = last_month()
    placements = live.as_provider(PLACEMENTS, {"filter": {"status": "ACTIVE"}})["callOffs"]["nodes"]
    call_off = next(c for c in placements if dt.date.fromisoformat(c["startDate"]) <= start)
    due = due_for(live, call_off["id"])
    billed = [e for e in ELEMENTS if due["amountDue"]["amounts"][e]]
    assert billed, due

    portal.sign_in()
    portal.goto(f"/portal/CallOff/{call_off['id']}")
    portal.heading(call_off["reference"])
    portal.click("Send an invoice", role="button")
    portal.heading("Send an invoice")
    main = portal.page.locator("main")
    text = main.inner_text()
    assert "EDUCATION" not in text and "WEEK" not in text and "Period start" not in text
    portal.page.get_by_label("Invoice reference").fill("INV-2026-02")
    fill_date(portal, "First day billed", start)
    fill_date(portal, "Last day billed", end)
    # one row per cost element billed: weeks, the weekly rate, and what the agreement says is due
    for element in billed:
        words = ELEMENT_WORDS[element].lower()
        portal.page.get_by_label(f"Quantity for {words}").fill(str(due["amountDue"]["weeks"]))
        portal.page.get_by_label(f"Days or weeks for {words}").select_option(label="Weeks")
        portal.page.get_by_label(f"Rate for {words}").fill(f"{due['weeklyFees'][element] / 100:.2f}")
        portal.page.get_by_label(f"Amount for {words}").fill(f"{due['amountDue']['amounts'][element] / 100:.2f}")
    portal.look("invoice-form")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    text = main.inner_text()
    assert "INV-2026-02" in text and start.strftime("%-d %B %Y") in text
    for element in billed:
        assert ELEMENT_WORDS[element] in text and pounds(due["amountDue"]["amounts"][element]) in text
    portal.look("invoice-check")
    portal.click("Send invoice", role="button")
    portal.heading("Invoice sent")
    text = main.inner_text()
    assert "INV-2026-02" in text and "Payment is due by" in text and "{dueOn}" not in text
    assert "checks each line" in text
    portal.look("invoice-sent")

    portal.click("View your invoice")
    portal.heading("INV-2026-02")
    invoice = live.as_provider(INVOICE, {"id": record_id(portal)})["node"]
    assert invoice["status"] == "SUBMITTED" and invoice["total"] == invoice["expected"], invoice
    text = main.inner_text()
    assert "Waiting for a decision" in text and "Due under the agreement" in text, text
    for line in invoice["lines"]:
        assert pounds(line["expected"]) in text
    assert "SUBMITTED" not in text and "No difference" in text
    # the PDF of the invoice can be attached while the council has yet to decide
    expect(portal.page.get_by_role("button", name="Attach the invoice (PDF)")).to_be_visible()
    portal.look("invoice-page")

    # the provider's invoices, from the home page
    portal.nav("Home")
    portal.heading("Home")
    portal.click("Your invoices")
    portal.heading("Your invoices")
    expect(main.get_by_role("link", name="INV-2026-02")).to_be_visible()
    portal.look("invoices")


FINANCE_MENU = ["Home", "Invoices", "Messages", "Sign out"]


def test_a_council_finance_officer_approves_an_invoice_and_records_payment(portal: Portal, live: Live) -> None:
    start, end = last_month()
    lead = live.api.token(Role.LEAD_ADMIN, authority_id=live.lead_authority_id)
    placements = live.api.gql(PLACEMENTS, {"filter": {"status": "ACTIVE"}}, token=lead)["callOffs"]["nodes"]
    ours = [
        c
        for c in placements
        if c["authority"]["name"] == "Cheshire East" and dt.date.fromisoformat(c["startDate"]) <= start
    ]
    assert len(ours) >= 2, [c["authority"]["name"] for c in placements]

    def send(call_off: dict[str, Any], reference: str, over: int) -> str:
        """An invoice from the placement's provider for last month, its first line billed ``over`` above."""
        provider = live.api.token(Role.PROVIDER_USER, provider_id=pk(call_off["provider"]["id"]))
        due = due_for(live, call_off["id"], provider)
        lines = [
            {
                "element": ELEMENT_CODES[e],
                "quantity": str(due["amountDue"]["weeks"]),
                "unit": "WEEK",
                "rate": due["weeklyFees"][e],
                "amount": due["amountDue"]["amounts"][e] + (over if i == 0 else 0),
            }
            for i, e in enumerate(e for e in ELEMENTS if due["amountDue"]["amounts"][e])
        ]
        input_ = {
            "callOff": call_off["id"],
            "reference": reference,
            "periodStart": start.isoformat(),
            "periodEnd": end.isoformat(),
            "lines": lines,
        }
        sent = live.api.gql(SUBMIT_INVOICE, {"input": input_}, token=provider)["submitInvoice"]
        assert sent["__typename"] == "InvoicePayload", sent
        return str(sent["invoice"]["id"])

    approved = send(ours[0], "CE-INV-0001", 12_000)
    disputed = send(ours[1], "CE-INV-0002", 5_000)

    portal.sign_in("ce.finance")
    assert menu_links(portal) == FINANCE_MENU
    main = portal.page.locator("main")
    expect(main.get_by_role("heading", name="Invoices waiting for your decision (2)")).to_be_visible()
    text = main.inner_text()
    assert "CE-INV-0001" in text and "Overdue invoices" in text
    assert "Pay for SEND placements" in portal.page.title() and "provider portal" not in text.lower()
    portal.look("finance-home")

    # each line beside what the agreement says is due, and the line that disagrees flagged
    main.get_by_role("link", name="CE-INV-0001").first.click()
    portal.heading("CE-INV-0001")
    text = main.inner_text()
    assert "Due under the agreement" in text and "£120.00 more than due" in text, text
    assert "Waiting for a decision" in text and "SUBMITTED" not in text
    expect(portal.page.get_by_role("button", name="Record payment")).to_have_count(0)
    portal.look("finance-invoice")
    portal.click("Approve this invoice", role="button")
    portal.heading("Approve this invoice")
    assert "£120.00 more than due" in main.inner_text()
    portal.look("finance-approve")
    portal.click("Approve invoice", role="button")
    portal.heading("Invoice approved")
    assert "Pay it by" in main.inner_text() and "{dueOn}" not in main.inner_text()
    portal.look("finance-approved")
    assert live.api.gql(INVOICE, {"id": approved}, token=lead)["node"]["status"] == "APPROVED"

    # paid: the day and the finance system's reference
    portal.click("View the invoice")
    portal.heading("CE-INV-0001")
    portal.click("Record payment", role="button")
    portal.heading("Record payment")
    fill_date(portal, "Date it was paid", DEMO_NOW.date())
    portal.page.get_by_label("Payment reference").fill("BACS-778812")
    portal.look("finance-record-payment")
    portal.click("Record payment", role="button")
    portal.heading("Payment recorded")
    paid = live.api.gql(INVOICE, {"id": approved}, token=lead)["node"]
    assert paid["status"] == "PAID" and paid["paymentReference"] == "BACS-778812", paid
    portal.click("View the invoice")
    portal.heading("CE-INV-0001")
    assert "BACS-778812" in main.inner_text() and "Paid" in main.inner_text()
    portal.look("finance-paid")

    # the other is disputed: a reason beside the line that disagrees, none beside the others
    portal.goto(f"/portal/Invoice/{disputed}")
    portal.heading("CE-INV-0002")
    portal.click("Dispute this invoice", role="button")
    portal.heading("Dispute this invoice")
    portal.click("Dispute invoice", role="button")
    portal.error_summary()
    first = ELEMENT_WORDS[next(e for e in ELEMENTS if e in ("education",))]
    portal.page.get_by_label(f"Reason for {first.lower()}").fill(
        "Billed £50.00 above the agreed weekly fee for February."
    )
    portal.look("finance-dispute")
    portal.click("Dispute invoice", role="button")
    portal.heading("Invoice disputed")
    portal.look("finance-disputed")
    lines = live.api.gql(INVOICE, {"id": disputed}, token=lead)["node"]["lines"]
    assert [bool(line["disputeReason"]) for line in lines] == [True] + [False] * (len(lines) - 1), lines


UPLIFTS = """{ upliftRequests(first: 10) { nodes { id effectiveFrom reasons uplift { education }
  lot { id } establishment { name } } } }"""


def test_a_provider_asks_for_a_fee_uplift(portal: Portal, live: Live) -> None:
    establishments = live.as_provider("{ viewer { provider { establishments { id name } } } }")["viewer"]
    establishment = establishments["provider"]["establishments"][0]
    effective = DEMO_NOW.date() + dt.timedelta(days=120)

    portal.sign_in()
    portal.goto(f"/portal/Establishment/{establishment['id']}")
    portal.heading(establishment["name"])
    portal.click("Ask for a fee uplift", role="button")
    portal.heading("Which lot and from when?")
    main = portal.page.locator("main")
    lots = portal.page.get_by_label("Lot")
    lots.select_option(index=1)
    fill_date(portal, "Date the uplift would start", effective)
    portal.look("uplift-lot")
    portal.click("Continue", role="button")
    portal.heading("How much higher should each part of the fee be?")
    portal.page.get_by_label("Education").fill("3.5")
    portal.look("uplift-percentages")
    portal.click("Continue", role="button")
    portal.heading("Why do you need the uplift?")
    portal.page.get_by_label("Your reasons").fill(
        "Teaching assistants' pay rises by 5% from April under the national pay award."
    )
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    text = main.inner_text()
    assert "3.5" in text and effective.strftime("%-d %B %Y") in text and "pay award" in text
    portal.look("uplift-check")
    portal.click("Send request", role="button")
    portal.heading("Fee uplift request sent")
    portal.look("uplift-sent")
    portal.click("View your request")
    portal.heading("Fee uplift request")
    text = main.inner_text()
    assert "3.5%" in text and establishment["name"] in text and "pay award" in text, text
    expect(portal.page.get_by_role("button", name="Attach evidence")).to_be_visible()
    portal.look("uplift-request")
    saved = live.as_provider(UPLIFTS)["upliftRequests"]["nodes"]
    assert [(r["effectiveFrom"], float(r["uplift"]["education"])) for r in saved] == [(effective.isoformat(), 3.5)]


# --------------------------------------------------------------------------
# Annual reviews: the school's report, from the home page
# --------------------------------------------------------------------------

REVIEWS = """{ annualReviews(first: 100, filter: {status: MEETING_ARRANGED}) { nodes { id meetingOn reportDueOn
  reportSubmittedAt reportNarrative attendancePercent reportOutcomes { narrative measure { id name } }
  measures { id name } callOff { reference } } } }"""
REVIEW = """query($id: ID!) { node(id: $id) { ... on AnnualReview { id status reportSubmittedAt reportNarrative
  attendancePercent reportOutcomes { narrative measure { name } } } } }"""


def test_a_provider_writes_its_annual_review_report(portal: Portal, live: Live) -> None:
    wanted = [r for r in live.as_provider(REVIEWS)["annualReviews"]["nodes"] if not r["reportSubmittedAt"]]
    assert wanted, "the demo provider has an annual review report to write"
    review = wanted[0]
    reference = review["callOff"]["reference"]
    main = portal.page.locator("main")

    # the home page says it is due, and leads straight to the form
    portal.sign_in()
    heading = main.get_by_role("heading", name=re.compile(r"^Annual review reports due \(\d+\)$"))
    expect(heading).to_be_visible()
    item = main.locator(".app-attention__item").filter(has_text=reference)
    expect(item).to_contain_text("annual review report")
    portal.look("home-review-report-due")

    # the list of reviews, then the review's own page
    portal.click("Annual reviews")
    portal.heading("Annual reviews")
    portal.look("annual-reviews")
    portal.goto(f"/portal/AnnualReview/{review['id']}")
    portal.heading(reference)
    text = main.inner_text()
    assert "Your report is due by" in text and "Meeting set" in text, text
    assert "MEETING_ARRANGED" not in text and "decisionNote" not in text
    portal.look("annual-review")

    portal.click("Write your annual review report", role="button")
    portal.heading("How is the child getting on?")
    portal.click("Continue", role="button")
    assert "Enter how the child is getting on" in portal.error_summary("how the child is getting on")
    portal.look("review-report-blank")
    portal.page.get_by_label("How the child is getting on").fill(
        "Settled well this year. Small-group teaching helps with transitions; reading is improving."
    )
    portal.click("Continue", role="button")
    portal.heading("What progress has the child made towards their outcomes?")
    first = review["measures"][0]["name"]
    rows = portal.page.locator("[data-row]")
    expect(rows).to_have_count(len(review["measures"]))
    rows.filter(has_text=first).get_by_role("textbox").fill("Good progress, with daily practice in class.")
    portal.look("review-report-outcomes")
    portal.click("Continue", role="button")
    portal.heading("What is the child's attendance this school year?")
    portal.page.get_by_label("Attendance this school year").fill("120")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    portal.look("review-report-check")
    portal.click("Send report", role="button")
    summary = portal.error_summary("Attendance")
    assert "Attendance is a percentage from 0 to 100" in summary, summary
    portal.look("review-report-refused")
    # the answer is put right on the page that asked it, and the report sent
    portal.page.locator(".govuk-error-summary").get_by_role("link").first.click()
    portal.heading("What is the child's attendance this school year?")
    portal.page.get_by_label("Attendance this school year").fill("94")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    text = main.inner_text()
    assert "Good progress, with daily practice" in text and "94" in text, text
    portal.click("Send report", role="button")
    portal.heading("Annual review report sent")
    portal.look("review-report-sent")
    sent = live.as_provider(REVIEW, {"id": review["id"]})["node"]
    assert sent["reportNarrative"].startswith("Settled well this year") and sent["attendancePercent"] == 94
    assert [(o["measure"]["name"], o["narrative"]) for o in sent["reportOutcomes"]] == [
        (first, "Good progress, with daily practice in class.")
    ]

    # changed and sent again, starting from what was sent; the home page no longer asks for it
    portal.click("View the annual review")
    portal.heading(reference)
    portal.click("Change your annual review report", role="button")
    portal.heading("How is the child getting on?")
    narrative = portal.page.get_by_label("How the child is getting on")
    expect(narrative).to_have_value(re.compile("^Settled well this year"))
    narrative.fill("Settled well this year; reading age up by a year.")
    portal.click("Continue", role="button")
    portal.heading("What progress has the child made towards their outcomes?")
    expect(rows.filter(has_text=first).get_by_role("textbox")).to_have_value(re.compile("^Good progress"))
    portal.click("Continue", role="button")
    expect(portal.page.get_by_label("Attendance this school year")).to_have_value("94")
    portal.click("Continue", role="button")
    portal.heading("Check your answers")
    portal.click("Send report", role="button")
    portal.heading("Annual review report sent")
    assert live.as_provider(REVIEW, {"id": review["id"]})["node"]["reportNarrative"].endswith("up by a year.")
    portal.goto("/portal/")
    expect(main.locator(".app-attention__item").filter(has_text=reference)).to_have_count(0)
    portal.look("home-after-review-report")
