"""What a provider reads in the portal is written for providers, on every page they reach.

Signed in as the demo provider user in Debian's Chromium, the test visits the home page,
every list page the navigation and the home page link to, and every record page one link
away from those. On each it checks the words (no "None", no enum codes, no API wording, no
base64 IDs, no coordinates), runs axe-core (no violation of any impact) and saves a
screenshot under ``var/screenshots/<test>/``.

The words come from ``portal/content.yaml``; ``tests/test_portal_generator.py`` checks the
generator's side of it.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import urlparse

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


def test_every_page_a_provider_reaches_reads_as_written_for_providers(portal: Portal, live: Live) -> None:  # noqa: F811
    assert len(SINGLE_WORD_CODES) > 50 and "ENHANCED" in SINGLE_WORD_CODES and "SEMH" in SINGLE_WORD_CODES
    assert problems("Status: ACTIVE, band ENHANCED_X, None, 53.4808, 2,026, Owner id QmlkOjQ1") != []
    assert problems("£2,026.00 for 2026, 27.1 km, Social, emotional and mental health, URN 105000") == []

    portal.sign_in()
    found = check(portal, "home")
    menu = links(portal, 'nav[aria-label="Menu"]') or links(portal, "header nav")
    lists = [p for p in dict.fromkeys(menu + links(portal)) if is_list(p)]
    assert {"/portal/referrals", "/portal/offers", "/portal/callOffs", "/portal/bids"} <= set(lists), lists
    records = [p for p in links(portal) if is_record(p)]

    for path in lists:
        portal.goto(path)
        found += check(portal, f"list-{slug(path)}")
        records += [p for p in links(portal) if is_record(p) and p not in records]
    assert len(records) > 20, records

    # every type of record page, each with a few records: the page is the same generated page, the
    # data differs (a few of each keeps the suite's time bounded)
    seen: set[str] = set()
    per_type: dict[str, int] = {}
    for path in records:
        kind = urlparse(path).path.removeprefix("/portal/").split("/")[0]
        if path in seen or per_type.get(kind, 0) >= RECORDS_PER_TYPE:
            continue
        seen.add(path)
        per_type[kind] = per_type.get(kind, 0) + 1
        portal.goto(path)
        found += check(portal, slug(path))
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
