"""Helpers for crawling the provider portal (``tests/test_portal_content.py``).

- :func:`put_work_in_flight`: the demo at the moment its provider has the most work in flight.
- :class:`Pages`: moving between portal pages as a person does, by following links inside the page
  (no reload), and telling when the page shown is complete.
- :func:`guard_against_sending`: no mutation leaves the browser while the crawl looks at forms.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from typing import Any

from api.auth.actor import Role
from tests.test_portal_browser import PLACING, VERSION, Live, Portal, open_referral_to

BUSY = dt.datetime(2026, 3, 18, 12, 0, tzinfo=dt.UTC)
"""When the demo's provider (``provider.user``'s) has the most in flight: application round 2 is still
open (it closes on 23 March 2026) and the spring term's outcome reports are due (listed from 16 March);
the offer deadlines of the demo's open referrals to it have passed by then, and it has no application
in round 2 and no report queried, so :func:`put_work_in_flight` makes those."""

OPEN_ROUND = "{ applicationRounds(filter: {status: OPEN}) { nodes { id number questions { id } } } }"
PLACES = """{ viewer { provider { establishments { id dayCapacity residentialCapacity ageMin ageMax } } }
  applicationRounds(filter: {status: OPEN}) { nodes { lots { id code placementType ageMin ageMax } } } }"""
CREATE_BID = """mutation($input: CreateBidInput!) { createBid(input: $input) {
  __typename ... on CreateBidPayload { bid { id } } ... on MutationError { message } } }"""
SET_BID_LOT = """mutation($input: SetBidLotInput!) { setBidLot(input: $input) {
  __typename ... on MutationError { message } } }"""
ANSWER_QUESTIONS = """mutation($input: AnswerQuestionsInput!) { answerQuestions(input: $input) {
  __typename ... on MutationError { message } } }"""
SUBMITTED_REPORTS = """{ callOffs(first: 100, filter: {status: ACTIVE}) { nodes { id
  outcomeReports { id status } } } }"""
QUERY_REPORT = """mutation($input: QueryOutcomeReportInput!) { queryOutcomeReport(input: $input) {
  __typename ... on MutationError { message } } }"""


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def put_work_in_flight(live: Live) -> None:
    """Move the clock to :data:`BUSY`, and add through the API what the demo lacks then: a referral opened
    to the provider and awaiting its offer; a draft application in the open round, ready to check and
    submit (one lot priced, the last its establishments fit, so that the other lots are still to do;
    every question answered); an outcome report the placing council has queried."""
    live.api.at(BUSY)
    open_referral_to(live, live.provider_id)

    rounds = live.as_provider(OPEN_ROUND)["applicationRounds"]["nodes"]
    assert [r["number"] for r in rounds] == [2], rounds
    made = live.as_provider(CREATE_BID, {"input": {"round": rounds[0]["id"]}})["createBid"]
    assert made["__typename"] == "CreateBidPayload", made
    bid = made["bid"]["id"]
    places = live.as_provider(PLACES)
    fitting = [
        (lot, est)
        for lot in places["applicationRounds"]["nodes"][0]["lots"]
        for est in places["viewer"]["provider"]["establishments"]
        if (est["residentialCapacity"] if lot["placementType"] == "RESIDENTIAL" else est["dayCapacity"]) > 0
        and est["ageMax"] >= lot["ageMin"]
        and est["ageMin"] <= lot["ageMax"]
    ]
    assert len({lot["id"] for lot, _ in fitting}) > 1, fitting
    lot, establishment = fitting[-1]
    elements = ("EDUCATION", "CARE") if lot["placementType"] == "RESIDENTIAL" else ("EDUCATION",)
    pricing = [
        {"band": band, "element": element, "weeklyFee": 120000}
        for band in ("STANDARD", "ENHANCED", "COMPLEX")
        for element in elements
    ]
    priced = live.as_provider(
        SET_BID_LOT,
        {"input": {"bid": bid, "lot": lot["id"], "establishments": [establishment["id"]], "pricing": pricing}},
    )["setBidLot"]
    assert priced["__typename"] == "SetBidLotPayload", priced
    answers = [
        {"question": q["id"], "answer": f"Our answer to question {n}, with the evidence attached."}
        for n, q in enumerate(rounds[0]["questions"], 1)
    ]
    answered = live.as_provider(ANSWER_QUESTIONS, {"input": {"bid": bid, "answers": answers}})["answerQuestions"]
    assert answered["__typename"] == "AnswerQuestionsPayload", answered

    call_off, report = next(
        (c["id"], r["id"])
        for c in live.as_provider(SUBMITTED_REPORTS)["callOffs"]["nodes"]
        for r in c["outcomeReports"]
        if r["status"] == "SUBMITTED"
    )
    placing = live.as_provider(PLACING, {"id": call_off})["node"]["authority"]["id"]
    commissioner = live.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(placing))
    version = live.api.gql(VERSION, {"id": report}, token=commissioner)["node"]["version"]
    comment = "Please give the attendance as a percentage of possible sessions."
    queried = live.api.gql(
        QUERY_REPORT, {"input": {"report": report, "version": version, "comment": comment}}, token=commissioner
    )["queryOutcomeReport"]
    assert queried["__typename"] == "QueryOutcomeReportPayload", queried


class Pages:
    """Moves a tab between portal pages by following a link inside the page, as a person does (the portal
    shows the next page without reloading), and tells when the page shown is complete: its main heading
    is new and no request has been in flight for a moment. Much quicker than loading each page afresh."""

    QUIET = 0.08
    """Seconds without a request in flight after which a page counts as complete."""

    def __init__(self, tab: Portal) -> None:
        self.tab = tab
        self.in_flight = 0
        self.last_change = time.monotonic()
        page = tab.page
        page.on("request", lambda _: self._count(1))
        page.on("requestfinished", lambda _: self._count(-1))
        page.on("requestfailed", lambda _: self._count(-1))

    def _count(self, delta: int) -> None:
        self.in_flight = max(0, self.in_flight + delta)
        self.last_change = time.monotonic()

    def mark(self) -> None:
        """Remember the page showing now, so that :meth:`shown` can tell a new one from it."""
        self.tab.page.evaluate("() => { window.__crawlBefore = document.querySelector('main h1'); }")

    def shown(self) -> None:
        """Wait until a page other than the one :meth:`mark` saw is shown, and complete."""
        self.tab.page.wait_for_function(
            "() => { const h = document.querySelector('main h1'); return h && h !== window.__crawlBefore; }"
        )
        self.quiet()

    def quiet(self) -> None:
        deadline = time.monotonic() + 20
        while self.in_flight or time.monotonic() - self.last_change < self.QUIET:
            assert time.monotonic() < deadline, f"{self.tab.page.url} never finished loading"
            self.tab.page.wait_for_timeout(20)
        self.tab.settle()

    def visit(self, path: str) -> None:
        """Show ``path`` as a link to it would: a link to it, put on the page for a moment, is clicked
        with the mouse (as a person does, so the heading the portal focuses shows no keyboard focus ring)."""
        self.mark()
        self.tab.page.evaluate(
            """(path) => {
              const a = Object.assign(document.createElement("a"), {href: path, textContent: "Crawl to the next page"});
              a.style.cssText = "position: fixed; top: 0; left: 0; z-index: 10000; background: white";
              a.addEventListener("click", () => setTimeout(() => a.remove()));
              document.body.append(a);
            }""",
            path,
        )
        self.tab.page.get_by_role("link", name="Crawl to the next page", exact=True).click()
        self.shown()


def guard_against_sending(tab: Portal) -> list[str]:
    """Stop any mutation the page sends (the crawl presses no button that sends one), and list them."""
    sent: list[str] = []

    def route(request_route: Any) -> None:
        request = request_route.request
        body = json.loads(request.post_data or "{}") if request.method == "POST" else {}
        if str(body.get("query", "")).lstrip().startswith("mutation"):
            sent.append(f"{tab.page.url}: {body['query'][:80]}")
            request_route.abort()
        else:
            request_route.continue_()

    tab.page.route("**/graphql", route)
    return sent


def needs_an_answer(tab: Portal) -> bool:
    """Whether the form on the page asks a question that must be answered (``aria-required``, or a
    required choice of radios or boxes) and is not: pressing its button shows the error summary."""
    return bool(
        tab.page.get_by_role("main").evaluate(
            """(main) => [...main.querySelectorAll("[aria-required=true], [data-required]")].some((e) =>
              e.offsetParent !== null && (e.matches("input, select, textarea") ? !e.value
                : !e.querySelector("input:checked, input:not([type=radio]):not([type=checkbox])")))"""
        )
    )
