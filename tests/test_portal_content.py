"""What a provider reads in the portal is written for providers, on every page they reach; and what an
integrated care board's commissioner reads, for them (the last test: their funding, and nothing of a
provider's).

Signed in as the demo provider user in Debian's Chromium, at the moment the demo provider has
the most work in flight (see ``tests/portal_crawl.py``), the test visits the home page, every list page the
navigation and the home page link to, and every record page one link away from those; then the
pages where the provider works: the forms that the home page and those records link to (their
actions and task lists, the first record of each type for each form), each journey's question
pages up to the error summary that "Continue" with nothing filled in shows, and the "check your
answers" pages. On each it checks the words (no "None", no enum codes, no API wording, no base64
IDs, no coordinates), runs axe-core (no violation of any impact) and saves a screenshot under
``var/screenshots/<test>/``. No form is sent, and no warning button is pressed.

The words come from ``portal/content.yaml``; ``tests/test_portal_generator.py`` checks the
generator's side of it.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import urlparse

from tests.portal_crawl import Pages, guard_against_sending, needs_an_answer, put_work_in_flight
from tests.support import DEMO_NOW
from tests.test_portal_browser import ROOT, Live, Portal, live, portal  # noqa: F401  (fixtures)

MANIFEST = json.loads(
    (ROOT / "portal" / "generated" / "manifest.js").read_text().split("export default ", 1)[1].rstrip(";\n")
)
# Acronyms people use, allowed where a label spells them out or uses them.
ACRONYMS = {"SEND", "EHCP", "URN", "PDF", "NHS", "UK", "GBP", "ASD"}
MULTI_WORD_CODE = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
SINGLE_WORD_CODES = sorted(
    {
        value
        for values in MANIFEST["enums"].values()
        for value in values
        if re.fullmatch(r"[A-Z][A-Z0-9]+", value) and value not in ACRONYMS
    }
)
SINGLE_WORD_CODE = re.compile(r"\b(" + "|".join(map(re.escape, SINGLE_WORD_CODES)) + r")\b")
API_WORDING = [
    (re.compile(r"\bNone\b"), "None for an empty value"),
    (re.compile(r"Public\."), "the API's access note"),
    (re.compile(r"\b(connections?|nodes?|null)\b", re.I), "API wording"),
    (re.compile(r"QmlkO"), "a base64 ID"),
    (re.compile(r"Sha 256|SHA-256|\bsha256\b", re.I), "a hash"),
    (re.compile(r"\b(Owner|Entity|Request) id\b", re.I), "a database key"),
    (re.compile(r"latitude|longitude", re.I), "coordinates"),
    (re.compile(r"(?<![\d,.£])-?\d{1,2}\.\d{3,}\b"), "a coordinate-like decimal"),
]
# a year such as 2026 is never shown as "2,026"; money (£2,026.00) and larger counts may be grouped
GROUPED_YEAR = re.compile(r"(?<![£\d,.])(1,9\d\d|2,0\d\d)(?![\d,.])")


def global_ids(text: str) -> list[str]:
    """Words that are the API's global IDs: base64 of ``Type:number``."""
    found = []
    for word in re.findall(r"\b[A-Za-z0-9_-]{6,}\b", text):
        try:
            decoded = base64.urlsafe_b64decode(word + "=" * (-len(word) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            continue
        if re.fullmatch(r"[A-Z][A-Za-z]+:\d+", decoded):
            found.append(word)
    return found


def problems(text: str) -> list[str]:
    """What on a page is not written for a provider."""
    found = []
    for match in MULTI_WORD_CODE.finditer(text):
        found.append(f"enum code {match.group()!r}")
    for match in SINGLE_WORD_CODE.finditer(text):
        found.append(f"enum code {match.group()!r}")
    for pattern, what in API_WORDING:
        for match in pattern.finditer(text):
            found.append(f"{what}: {match.group()!r}")
    found += [f"a digit-grouped year: {m.group()!r}" for m in GROUPED_YEAR.finditer(text)]
    found += [f"a base64 ID: {word!r}" for word in global_ids(text)]
    return found


def check(tab: Portal, name: str) -> list[str]:
    """Screenshot the page, run axe-core (no violation of any impact) and read its words."""
    from axe_playwright_python.sync_playwright import Axe

    tab.settle()
    tab.shots += 1
    tab.page.screenshot(path=str(tab.folder / f"{tab.shots:03d}-{name}.png"), full_page=True)
    found = []
    violations = Axe().run(tab.page).response["violations"]
    for v in violations:
        targets = [n["target"] for n in v["nodes"]][:3]
        found.append(f"axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
    text = tab.page.locator("main").inner_text() + "\n" + tab.page.title()
    found += problems(text)
    return [f"{tab.page.url.removeprefix(tab.base_url)} ({name}): {p}" for p in found]


def links(tab: Portal, scope: str = "main") -> list[str]:
    """The portal paths the page links to, in order, without repeats."""
    hrefs = tab.page.locator(f"{scope} a[href]").evaluate_all("(anchors) => anchors.map((a) => a.href)")
    paths = []
    for href in hrefs:
        url = urlparse(href)
        path = url.path + (f"?{url.query}" if url.query else "")
        if href.startswith(tab.base_url) and url.path.startswith("/portal/") and path not in paths:
            paths.append(path)
    return paths


def is_list(path: str) -> bool:
    parts = [p for p in urlparse(path).path.removeprefix("/portal/").split("/") if p]
    return len(parts) == 1 and parts[0] in {entry["name"] for entry in MANIFEST["lists"]}


def is_record(path: str) -> bool:
    parts = [p for p in urlparse(path).path.removeprefix("/portal/").split("/") if p]
    return len(parts) == 2 and parts[0] in MANIFEST["records"]


def slug(path: str) -> str:
    parts = [p for p in urlparse(path).path.removeprefix("/portal/").split("/") if p]
    return re.sub(r"(?<!^)(?=[A-Z])", "-", parts[0]).lower() if parts else "home"


RECORDS_PER_TYPE = 4
JOURNEY_STEPS = 6
"""The most pages of a journey looked at; it ends sooner, at its first page that shows the error summary
or at "check your answers"."""
ARRANGEMENT = MANIFEST["journeys"]
CHECK_YOUR_ANSWERS = "Check your answers"


def form_of(path: str) -> tuple[str, str, bool] | None:
    """What makes a form's address (``/portal/<Type>/<id>/<operation or journey>[/<step>]`` or
    ``/portal/do/<operation>``) the same form on another record: the record's type, the form's name,
    and whether the address says what it starts from (a report's term, a lot)."""
    url = urlparse(path)
    parts = [p for p in url.path.removeprefix("/portal/").split("/") if p]
    if len(parts) == 2 and parts[0] == "do":
        return ("do", parts[1], bool(url.query))
    if len(parts) in (3, 4) and parts[0] in MANIFEST["records"]:
        return (parts[0], parts[2], bool(url.query))
    return None


def work_through(tab: Portal, pages: Pages, path: str, form: str, name: str) -> list[str]:
    """A form's pages, each checked: the form; then, for a journey (or a form checked before it is sent),
    each question page in turn, pressing "Continue" with nothing more filled in, up to the error summary
    or "check your answers"; for a form sent from its page, its error summary if it asks something not
    yet answered. A warning (destructive) button is never pressed, and nothing is sent."""
    pages.visit(path)
    main = tab.page.get_by_role("main")
    heading = main.get_by_role("heading", level=1).inner_text()
    found = check(tab, f"{name}-check" if heading == CHECK_YOUR_ANSWERS else name)
    operation = ARRANGEMENT["journeys"].get(form, {}).get("operation", form)
    sends = ARRANGEMENT["operations"].get(operation, {}).get("button")  # the button that sends the form
    for step in range(2, JOURNEY_STEPS + 1):
        if heading == CHECK_YOUR_ANSWERS:
            break
        if main.get_by_role("button", name="Continue", exact=True).count():
            button = main.get_by_role("button", name="Continue", exact=True)
        elif sends and main.get_by_role("button", name=sends, exact=True).count() and needs_an_answer(tab):
            button = main.get_by_role("button", name=sends, exact=True)
            if "govuk-button--warning" in (button.get_attribute("class") or ""):
                break
        else:
            break
        button.click()
        alert = main.get_by_role("alert")
        alert.or_(main.get_by_role("heading", level=1).filter(has_not_text=heading)).first.wait_for()
        pages.quiet()
        if main.get_by_role("alert").count():
            summary = main.get_by_role("alert").inner_text()
            assert "There is a problem" in summary, summary
            return found + check(tab, f"{name}-errors")
        heading = main.get_by_role("heading", level=1).inner_text()
        found += check(tab, f"{name}-check" if heading == CHECK_YOUR_ANSWERS else f"{name}-{step}")
    return found


def test_every_page_a_provider_reaches_reads_as_written_for_providers(portal: Portal, live: Live) -> None:  # noqa: F811
    assert len(SINGLE_WORD_CODES) > 50 and "ENHANCED" in SINGLE_WORD_CODES and "SEMH" in SINGLE_WORD_CODES
    assert problems("Status: ACTIVE, band ENHANCED_X, None, 53.4808, 2,026, Owner id QmlkOjQ1") != []
    assert problems("£2,026.00 for 2026, 27.1 km, Social, emotional and mental health, URN 105000") == []

    put_work_in_flight(live)
    try:
        crawl(portal)
    finally:
        live.api.at(DEMO_NOW)


def crawl(portal: Portal) -> None:  # noqa: F811
    sent = guard_against_sending(portal)
    pages = Pages(portal)
    portal.sign_in()
    found = check(portal, "home")
    main = portal.page.get_by_role("main")
    # the home page lists the work in flight, each item linking to where it is dealt with
    for kind in ("REFERRAL_AWAITING_OFFER", "DRAFT_BID", "OUTCOME_REPORT_DUE", "OUTCOME_REPORT_QUERIED"):
        heading = re.compile(rf"^{re.escape(MANIFEST['enums']['AttentionKind'][kind])} \(\d+\)$")
        assert main.get_by_role("heading", name=heading).count() == 1, (kind, main.inner_text())
    menu = links(portal, 'nav[aria-label="Menu"]') or links(portal, "header nav")
    lists = [p for p in dict.fromkeys(menu + links(portal)) if is_list(p)]
    assert {"/portal/referrals", "/portal/offers", "/portal/callOffs", "/portal/bids"} <= set(lists), lists
    others = [p for p in menu if not is_list(p) and p not in ("/portal/", "/portal/sign-out")]
    assert "/portal/messages" in others, others
    records = [p for p in links(portal) if is_record(p)]
    forms = [p for p in links(portal) if form_of(p)]

    for path in lists:
        pages.visit(path)
        found += check(portal, f"list-{slug(path)}")
        records += [p for p in links(portal) if is_record(p) and p not in records]
    assert len(records) > 20, records

    # the messages, and the reminders a provider may choose
    pages.visit("/portal/messages")
    found += check(portal, "messages")
    for path in [p for p in links(portal) if p.startswith("/portal/messages/")][:1]:
        pages.visit(path)
        found += check(portal, "messages-preferences")

    # every type of record page, each with a few records: the page is the same generated page, the
    # data differs (a few of each keeps the suite's time bounded); a type first linked from a record
    # page (an application's lots) once
    seen: set[str] = set()
    per_type: dict[str, int] = {}
    for path in records:
        kind = urlparse(path).path.removeprefix("/portal/").split("/")[0]
        if path in seen or per_type.get(kind, 0) >= RECORDS_PER_TYPE:
            continue
        seen.add(path)
        per_type[kind] = per_type.get(kind, 0) + 1
        pages.visit(path)
        found += check(portal, slug(path))
        here = links(portal)
        forms += [p for p in here if form_of(p) and p not in forms]
        kinds = {urlparse(p).path.removeprefix("/portal/").split("/")[0] for p in records}
        for p in here:
            new_kind = urlparse(p).path.removeprefix("/portal/").split("/")[0]
            if is_record(p) and new_kind not in kinds:
                records.append(p)
                kinds.add(new_kind)

    # where the provider works: each form once per type of record (a form is the same generated form on
    # every record of a type), through its journey to the error summary or "check your answers"
    done: set[tuple[str, str, bool]] = set()
    for path in forms:
        key = form_of(path)
        assert key
        if key in done:
            continue
        done.add(key)
        found += work_through(portal, pages, path, key[1], f"{slug(path)}-{key[1]}")
    assert not sent, f"the test sent a form, changing the data: {sent}"
    assert not found, "\n".join(found)


def test_the_words_checked_are_those_a_provider_should_not_read() -> None:
    cases: dict[str, Any] = {
        "Primary need: SEMH": ["enum code 'SEMH'"],
        "Type: INDIVIDUAL_PLACEMENT": ["enum code 'INDIVIDUAL_PLACEMENT'"],
        "Cancelled at None": ["None for an empty value: 'None'"],
        "Academic year 2,026": ["a digit-grouped year: '2,026'"],
        "Home latitude 53.4808": ["coordinates: 'latitude'", "a coordinate-like decimal: '53.4808'"],
        "Owner UmVmZXJyYWw6MTI": ["a base64 ID: 'UmVmZXJyYWw6MTI'"],
    }
    for text, expected in cases.items():
        assert problems(text) == expected, text


def test_every_page_an_integrated_care_board_reaches_reads_as_written_for_it(portal: Portal, live: Live) -> None:  # noqa: F811
    """The same reading for a commissioner of an integrated care board, who has never seen the API: their
    home, the funding lists, every record one link away, and the form to agree a contribution (not sent);
    none of it a provider's (no provider's list, form or service is linked)."""
    sent = guard_against_sending(portal)
    pages = Pages(portal)
    portal.sign_in("icb.commissioner")
    found = check(portal, "icb-home")
    menu = links(portal, 'nav[aria-label="Menu"]')
    assert [p for p in menu if p not in ("/portal/", "/portal/sign-out")] == [
        "/portal/fundingSplits",
        "/portal/messages",
    ]
    lists = [p for p in dict.fromkeys(menu + links(portal)) if is_list(p)]
    assert {urlparse(p).path for p in lists} == {"/portal/fundingSplits"}, lists
    records = [p for p in links(portal) if is_record(p)]
    assert any(p.startswith("/portal/FundingSplit/") for p in records), records  # the funding waiting for it
    forms: list[str] = []
    for path in [*lists, "/portal/fundingSplits?yoursToAgree=true"]:
        pages.visit(path)
        found += check(portal, f"icb-list-{slug(path)}")
        records += [p for p in links(portal) if is_record(p) and p not in records]
    pages.visit("/portal/messages")
    found += check(portal, "icb-messages")

    seen: set[str] = set()
    per_type: dict[str, int] = {}
    for path in records:
        kind = urlparse(path).path.removeprefix("/portal/").split("/")[0]
        if path in seen or per_type.get(kind, 0) >= RECORDS_PER_TYPE:
            continue
        seen.add(path)
        per_type[kind] = per_type.get(kind, 0) + 1
        pages.visit(path)
        found += check(portal, f"icb-{slug(path)}")
        here = links(portal)
        forms += [p for p in here if form_of(p) and p not in forms]
        kinds = {urlparse(p).path.removeprefix("/portal/").split("/")[0] for p in records}
        for p in here:
            new_kind = urlparse(p).path.removeprefix("/portal/").split("/")[0]
            if is_record(p) and new_kind not in kinds:
                records.append(p)
                kinds.add(new_kind)
    assert {"FundingSplit", "CallOff", "Establishment", "Authority"} <= set(per_type), per_type

    # the one form offered: agreeing the board's contribution, only ever on funding waiting for it
    assert forms and {form_of(p)[:2] for p in forms} == {("FundingSplit", "agreeFundingContribution")}, forms
    done: set[tuple[str, str, bool]] = set()
    for path in forms:
        key = form_of(path)
        assert key
        if key not in done:
            done.add(key)
            found += work_through(portal, pages, path, key[1], f"icb-{slug(path)}-{key[1]}")
    assert not sent, f"the test sent a form, changing the data: {sent}"
    assert not found, "\n".join(found)
