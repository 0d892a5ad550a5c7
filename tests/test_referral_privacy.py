"""A provider never learns who else was invited to, or offered on, a referral (DESIGN §4, §8).

The rule: an invited provider sees its own invitation and its own offers only; never which other
providers were invited or offered, how many were, nor their prices. The referring authority's
people and auditors see the whole competition; the lead authority what it saw before (every
call-off, with the buying side's details). Rows are limited by the ``ReferralInvitation`` and
``Offer`` rules in ``api/domain/visibility.py``; a value derived from the competition (a ranking,
the award's working, the award's reason) by the buying side's rule declared there too.

One mini-competition, on the real app over HTTP, on SQLite and PostgreSQL: a commissioner of an
authority that is not the lead authority raises two referrals under lot L1 and invites the same
three eligible providers to each; two of them make an offer against each (the third stays silent);
a fourth eligible member is not invited. One referral stays OPEN; the other is closed, scored and
awarded to the offer ranked first. Each path a provider could learn about its competitors through
is asked as every invited provider, the uninvited one and the buyers.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from api.auth.actor import Role
from api.auth.demo import provider_admin_username
from api.domain import webhooks
from api.domain.notification_kinds import render
from api.domain.visibility import BUYERS_ONLY
from api.schema.base import NODE_TYPES
from db import models as m
from tests.notification_support import sql
from tests.support import DEMO_NOW, WritableApi

CHILD = {
    "reference": "CE-2026-0777",
    "ageAtStart": 11,
    "ncYearAtStart": 6,
    "gender": "FEMALE",
    "primaryNeed": "ASD",
    "secondaryNeeds": ["SLCN"],
    "homePostcodeDistrict": "CW1",
    "homeLatitude": 53.0977,
    "homeLongitude": -2.4407,
    "needsSummary": "Needs a small, calm setting with speech and language therapy on site.",
}
LATER = DEMO_NOW + dt.timedelta(days=11)  # the awarded referral's offers have closed; the open one's have not
CHILD_FIELDS = """child { reference pseudonymised ageAtStart gender primaryNeed secondaryNeeds homePostcodeDistrict
  homeLatitude homeLongitude needsSummary }"""
COMPETITION = f"""id status version {CHILD_FIELDS}
  invitedProviders {{ id legalName }} invitations {{ invitedAt provider {{ id }} }}
  offers {{ id status provider {{ id }} weeklyFees {{ total }} annualCost }}
  ranking {{ complete offers {{ rank annualCost offer {{ id }} }} }}
  callOff {{ id provider {{ id }} awardReason awardedBy awardWorking {{ offers {{ annualCost }} }} }}
  matches {{ provider {{ id }} establishment {{ id }} }}"""
REFERRAL = f"query($id: ID!) {{ node(id: $id) {{ ... on Referral {{ {COMPETITION} }} }} }}"
CALL_OFF = """query($id: ID!) { node(id: $id) { ... on CallOff { id awardReason awardedBy
  provider { id } awardWorking { offers { annualCost offer { id } } } referral { id } } } }"""
INBOX = """{ viewer { notifications(first: 100) { edges { node { kind subject body link about } } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def mutate(api: WritableApi, name: str, input_: dict[str, Any], token: str, selection: str) -> dict[str, Any]:
    """Run a mutation that must succeed; return its payload."""
    payload = name[0].upper() + name[1:] + "Payload"
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ message field }} ... on {payload} {{ {selection} }} }} }}"
    )
    result = api.gql(query, {"input": input_}, token=token)[name]
    assert result["__typename"] == payload, result
    return result


@dataclass
class Competition:
    """The mini-competition as built, and everyone who looks at it."""

    api: WritableApi
    commissioner: str
    auditor: str
    lead: str
    """The lead authority's procurement team: another authority than the referring one."""
    open: str
    """The referral whose offers are still open."""
    awarded: str
    """The referral closed, scored and awarded."""
    invited: list[str]
    """The three invited providers: the winner, the runner-up, and one that made no offer."""
    outsider: str
    """An eligible member of the lot that was not invited."""
    winner: str
    loser: str
    silent: str
    offers: dict[str, dict[str, str]]
    """Offer IDs by referral, then by provider."""
    call_off: str
    amendment: str
    """A fee amendment of the call-off."""
    names: dict[str, str]
    """Each provider's legal name."""
    establishments: dict[str, set[str]]
    """Each invited provider's establishments."""
    versions: list[int]
    """The awarded referral's version as its first invited provider read it, before and after the other offer."""
    payloads: dict[str, dict[str, Any]] = field(default_factory=dict)
    """What each offering provider's ``submitOffer`` payload said of the referral, by provider (awarded referral)."""

    def token(self, provider: str) -> str:
        return self.api.token(
            Role.PROVIDER_USER, provider_id=pk(provider), subject=provider_admin_username(pk(provider))
        )

    def others(self, provider: str) -> list[str]:
        return [p for p in [*self.invited, self.outsider] if p != provider]


@pytest.fixture(scope="module")
def competition(writable_with_people: WritableApi) -> Competition:
    api = writable_with_people
    api.at(DEMO_NOW)
    system = api.gql("{ purchasingSystems(first: 1) { nodes { leadAuthority { id } lots { id code } } } }")
    system = system["purchasingSystems"]["nodes"][0]
    lot = next(x["id"] for x in system["lots"] if x["code"] == "L1")
    lead_authority = pk(system["leadAuthority"]["id"])
    authorities = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    referring = next(
        pk(a["id"])
        for code in ("E06000049", "E08000001")
        for a in authorities
        if a["code"] == code and pk(a["id"]) != lead_authority
    )
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=referring, subject="privacy.commissioner")
    auditor = api.token(Role.AUDITOR)
    lead = api.token(Role.LEAD_ADMIN, authority_id=lead_authority, subject="privacy.lead")

    referrals = {}
    for name, days in (("open", 30), ("awarded", 10)):
        made = mutate(
            api,
            "createReferral",
            {
                "lot": lot,
                "child": CHILD,
                "startBy": (DEMO_NOW + dt.timedelta(days=45)).date().isoformat(),
                "offerDeadline": (DEMO_NOW + dt.timedelta(days=days)).isoformat(),
                "mode": "COMPETITION",
                "qualityQuestions": ["How will you support transition into your school?"],
            },
            commissioner,
            "referral { id }",
        )
        referrals[name] = made["referral"]["id"]
    matches = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { matches(eligibleOnly: true) { "
        "provider { id legalName } establishment { id } } } } }",
        {"id": referrals["awarded"]},
        token=commissioner,
    )["node"]["matches"]
    places: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for match in matches:
        places.setdefault(match["provider"]["id"], []).append(match["establishment"]["id"])
        names[match["provider"]["id"]] = match["provider"]["legalName"]
    assert len(places) >= 4, "the demo has too few eligible members of L1"
    first, second, silent, outsider = sorted(places, key=pk)[:4]
    invited = [first, second, silent]
    for referral in referrals.values():
        mutate(api, "openReferral", {"referral": referral, "providers": invited}, commissioner, "referral { id }")

    rate_cards = api.gql(
        "query($lot: ID!) { lotMemberships(first: 100, filter: {lot: $lot}) { nodes { provider { id } "
        "rateCard { band element weeklyFee } } } }",
        {"lot": lot},
        token=auditor,
    )["lotMemberships"]["nodes"]
    names_of = {"EDUCATION": "education", "HEALTH": "health", "THERAPIES": "therapies"}
    names_of["ADDITIONAL_STAFFING"] = "additionalStaffing"

    def fees(provider: str) -> dict[str, int]:
        card = next(x["rateCard"] for x in rate_cards if x["provider"]["id"] == provider)
        return {
            names_of[x["element"]]: x["weeklyFee"] for x in card if x["band"] == "STANDARD" and x["element"] != "CARE"
        }

    def version_seen(provider: str) -> int:
        token = api.token(Role.PROVIDER_USER, provider_id=pk(provider), subject=provider_admin_username(pk(provider)))
        query = "query($id: ID!) { node(id: $id) { ... on Referral { version } } }"
        return int(api.gql(query, {"id": referrals["awarded"]}, token=token)["node"]["version"])

    offers: dict[str, dict[str, str]] = {r: {} for r in referrals.values()}
    payloads: dict[str, dict[str, Any]] = {}
    versions = [version_seen(first)]
    for provider in (first, second):
        token = api.token(Role.PROVIDER_USER, provider_id=pk(provider), subject=provider_admin_username(pk(provider)))
        for referral in referrals.values():
            made = mutate(
                api,
                "submitOffer",
                {
                    "referral": referral,
                    "establishment": places[provider][0],
                    "weeklyFees": fees(provider),
                    "startDate": (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat(),
                    "qualityAnswers": ["A planned transition over three visits."],
                    "qualityStatement": "A calm, structured day with a named key worker.",
                },
                token,
                f"offer {{ id referral {{ id {COMPETITION} }} }}",
            )
            offers[referral][provider] = made["offer"]["id"]
            if referral == referrals["awarded"]:
                payloads[provider] = made["offer"]["referral"]
    versions.append(version_seen(first))

    # the awarded referral's offers close; the commissioner scores them and awards the one ranked first
    api.at(LATER)
    awarded = referrals["awarded"]
    for provider, score in ((first, 90), (second, 40)):
        mutate(
            api, "scoreOfferQuality", {"offer": offers[awarded][provider], "score": score}, commissioner, "offer { id }"
        )
    ranking = api.gql(REFERRAL, {"id": awarded}, token=commissioner)["node"]["ranking"]
    assert ranking["complete"] and len(ranking["offers"]) == 2
    top = ranking["offers"][0]["offer"]["id"]
    winner = next(p for p, o in offers[awarded].items() if o == top)
    loser = next(p for p in (first, second) if p != winner)
    result = mutate(api, "awardReferral", {"offer": top}, commissioner, "callOff { id awardReason startDate version }")
    assert result["callOff"]["awardReason"].startswith("Ranked first of 2 offers")
    # and later changes its fees: the amendment is the winner's to read, its approver the buyers'
    start = dt.date.fromisoformat(result["callOff"]["startDate"])
    amended = mutate(
        api,
        "amendCallOffFees",
        {
            "callOff": result["callOff"]["id"],
            "version": result["callOff"]["version"],
            "effectiveFrom": (start + dt.timedelta(days=7)).isoformat(),
            "reason": "NEEDS_CHANGE",
            "note": "Weekly speech and language therapy added.",
            "weeklyFees": {**fees(winner), "therapies": fees(winner).get("therapies", 0) + 5000},
        },
        commissioner,
        "amendment { id }",
    )
    establishments = {}
    for provider in invited:
        found = api.gql(
            "query($p: ID!) { establishments(first: 100, filter: {provider: $p}) { nodes { id } } }", {"p": provider}
        )
        establishments[provider] = {x["id"] for x in found["establishments"]["nodes"]}
    return Competition(
        api=api,
        commissioner=commissioner,
        auditor=auditor,
        lead=lead,
        open=referrals["open"],
        awarded=awarded,
        invited=invited,
        outsider=outsider,
        winner=winner,
        loser=loser,
        silent=silent,
        offers=offers,
        call_off=result["callOff"]["id"],
        amendment=amended["amendment"]["id"],
        names=names,
        establishments=establishments,
        versions=versions,
        payloads=payloads,
    )


def referral_as(c: Competition, referral: str, token: str) -> dict[str, Any]:
    return c.api.gql(REFERRAL, {"id": referral}, token=token)["node"]


def names_no_other_provider(c: Competition, provider: str, text: str) -> None:
    """``text`` names no provider but ``provider``: neither by global ID, nor by legal name."""
    for other in c.others(provider):
        assert other not in text, (provider, other)
        assert c.names[other] not in text, (provider, c.names[other])


# -- who was invited -------------------------------------------------------------------------------


def test_invited_providers_are_only_the_callers_own_on_every_path(competition: Competition) -> None:
    c = competition
    for referral in (c.open, c.awarded):
        for provider in c.invited:
            token = c.token(provider)
            # the referral itself, the list of referrals, and nested under the provider's own offers
            seen = [referral_as(c, referral, token)]
            listed = c.api.gql("{ referrals(first: 100) { nodes { id invitedProviders { id } } } }", token=token)[
                "referrals"
            ]["nodes"]
            seen += [r for r in listed if r["id"] == referral]
            if provider in c.offers[referral]:
                offer = c.offers[referral][provider]
                seen.append(
                    c.api.gql(
                        "query($id: ID!) { node(id: $id) { ... on Offer { "
                        "referral { id invitedProviders { id } } } } }",
                        {"id": offer},
                        token=token,
                    )["node"]["referral"]
                )
            assert len(seen) >= 2
            for found in seen:
                assert [p["id"] for p in found["invitedProviders"]] == [provider], (referral, provider)
        # the buyers see every provider invited
        for token in (c.commissioner, c.auditor):
            assert sorted(p["id"] for p in referral_as(c, referral, token)["invitedProviders"]) == sorted(c.invited)
    # what each offering provider's own mutation answered named no one else either
    for provider, payload in c.payloads.items():
        assert [p["id"] for p in payload["invitedProviders"]] == [provider]
        assert [x["provider"]["id"] for x in payload["invitations"]] == [provider]
        names_no_other_provider(c, provider, json.dumps(payload))


def test_invitations_are_only_the_callers_own(competition: Competition) -> None:
    c = competition
    for referral in (c.open, c.awarded):
        for provider in c.invited:
            response = c.api.post(REFERRAL, {"id": referral}, token=c.token(provider))
            seen = response.json()["data"]["node"]
            assert [x["provider"]["id"] for x in seen["invitations"]] == [provider]
            names_no_other_provider(c, provider, response.text)
        assert len(referral_as(c, referral, c.commissioner)["invitations"]) == 3


def test_an_uninvited_provider_sees_nothing_of_the_referral(competition: Competition) -> None:
    c = competition
    token = c.token(c.outsider)
    for referral in (c.open, c.awarded):
        errors = c.api.errors(REFERRAL, {"id": referral}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        query = "query($r: ID!) { offers(first: 100, filter: {referral: $r}) { totalCount } }"
        assert c.api.gql(query, {"r": referral}, token=token)["offers"]["totalCount"] == 0
    listed = c.api.gql("{ referrals(first: 100) { nodes { id } } }", token=token)["referrals"]["nodes"]
    assert not {c.open, c.awarded} & {r["id"] for r in listed}


# -- who offered, and at what price ------------------------------------------------------------


def test_node_and_nodes_give_no_other_providers_offer_or_any_invitation(competition: Competition) -> None:
    c = competition
    first, second = c.winner, c.loser
    for referral in (c.open, c.awarded):
        mine, theirs = c.offers[referral][first], c.offers[referral][second]
        token = c.token(first)
        errors = c.api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": theirs}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        response = c.api.post(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Offer { weeklyFees { total } } } }",
            {"ids": [mine, theirs]},
            token=token,
        )
        body = response.json()
        assert body["data"]["nodes"][0]["id"] == mine and body["data"]["nodes"][1] is None
        assert [e["path"] for e in body["errors"]] == [["nodes", 1]]
        # the silent provider sees neither offer
        for offer in (mine, theirs):
            errors = c.api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": offer}, token=c.token(c.silent))
            assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    # an invitation is no Node: it has no global ID to ask for, whoever asks
    assert "ReferralInvitation" not in NODE_TYPES
    for token in (c.token(first), c.commissioner):
        forged = gid("ReferralInvitation", pk(c.awarded))
        errors = c.api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": forged}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_the_offers_list_filtered_by_referral_holds_only_the_callers_own_offers(competition: Competition) -> None:
    c = competition
    query = """query($r: ID!) { offers(first: 100, filter: {referral: $r}) { totalCount
      nodes { id provider { id } weeklyFees { total } } } }"""
    for referral in (c.open, c.awarded):
        for provider in c.invited:
            response = c.api.post(query, {"r": referral}, token=c.token(provider))
            found = response.json()["data"]["offers"]
            own = [c.offers[referral][provider]] if provider in c.offers[referral] else []
            assert found["totalCount"] == len(own) and [x["id"] for x in found["nodes"]] == own
            names_no_other_provider(c, provider, response.text)
        assert c.api.gql(query, {"r": referral}, token=c.commissioner)["offers"]["totalCount"] == 2


def test_a_referrals_offers_are_only_the_callers_own(competition: Competition) -> None:
    c = competition
    for referral in (c.open, c.awarded):
        for provider in c.invited:
            seen = referral_as(c, referral, c.token(provider))
            assert [o["provider"]["id"] for o in seen["offers"]] == [provider] * len(seen["offers"])
            assert [o["id"] for o in seen["offers"]] == [
                c.offers[referral][p] for p in [provider] if p in c.offers[referral]
            ]
        for token in (c.commissioner, c.auditor):
            assert len(referral_as(c, referral, token)["offers"]) == 2


def test_rankings_and_counts_are_for_the_referring_authority_only(competition: Competition) -> None:
    c = competition
    for provider in c.invited:
        for referral in (c.open, c.awarded):
            assert referral_as(c, referral, c.token(provider))["ranking"] is None
    ranking = referral_as(c, c.awarded, c.commissioner)["ranking"]
    assert ranking["complete"] and len(ranking["offers"]) == 2
    assert len(referral_as(c, c.awarded, c.auditor)["ranking"]["offers"]) == 2
    # the working of the award is the buyers' too; the winner sees its own call-off without it
    winner = c.api.gql(CALL_OFF, {"id": c.call_off}, token=c.token(c.winner))["node"]
    assert winner["awardWorking"] is None and winner["awardedBy"] is None
    assert len(c.api.gql(CALL_OFF, {"id": c.call_off}, token=c.commissioner)["node"]["awardWorking"]["offers"]) == 2
    # another provider's offer does not move the referral's version: nothing counts the offers made
    assert c.versions[0] == c.versions[1]


def test_the_award_reason_never_tells_a_provider_how_many_offered(competition: Competition) -> None:
    """The reason recorded with an award ranked first is "Ranked first of 2 offers …": the count of the
    competition, and a commissioner's reason is free text about the other offers. It is the buying side's."""
    c = competition
    for path, query in (
        ("node", CALL_OFF),
        ("referral", "query($id: ID!) { node(id: $id) { ... on Referral { callOff { awardReason } } } }"),
    ):
        subject = c.call_off if path == "node" else c.awarded
        response = c.api.post(query, {"id": subject}, token=c.token(c.winner))
        assert "Ranked first" not in response.text and " offers" not in response.text, path
        node = response.json()["data"]["node"]
        assert (node if path == "node" else node["callOff"])["awardReason"] is None, path
    listed = c.api.gql("{ callOffs(last: 5) { nodes { id awardReason } } }", token=c.token(c.winner))
    assert [x["awardReason"] for x in listed["callOffs"]["nodes"] if x["id"] == c.call_off] == [None]
    # the buying side reads it as before: the referring authority, auditors and the lead authority
    for token in (c.commissioner, c.auditor, c.lead):
        seen = c.api.gql(CALL_OFF, {"id": c.call_off}, token=token)["node"]
        assert seen["awardReason"].startswith("Ranked first of 2 offers"), token


def approved_invoice(c: Competition) -> str:
    """The winner's invoice for the first week of its call-off, approved by the referring authority."""
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { startDate } } }"
    start = c.api.gql(query, {"id": c.call_off}, token=c.commissioner)["node"]["startDate"]
    end = (dt.date.fromisoformat(start) + dt.timedelta(days=6)).isoformat()
    line = {"element": "EDUCATION", "quantity": "1", "unit": "WEEK", "rate": 100, "amount": 100}
    sent = c.api.gql(
        "mutation($i: SubmitInvoiceInput!) { submitInvoice(input: $i) { "
        "... on InvoicePayload { invoice { id version } } } }",
        {"i": {"callOff": c.call_off, "reference": "PRIV-1", "periodStart": start, "periodEnd": end, "lines": [line]}},
        token=c.token(c.winner),
    )["submitInvoice"]["invoice"]
    approved = c.api.gql(
        "mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }",
        {"i": {"invoice": sent["id"], "version": sent["version"]}},
        token=c.commissioner,
    )["approveInvoice"]
    assert approved["__typename"] == "InvoicePayload", approved
    return sent["id"]


def decided_review(c: Competition) -> str:
    """The call-off's first annual review, held today and decided by the referring authority, with its note."""
    today = c.api.clock.now().date()
    # the plan was issued before the placement starts: its review may be held from then on
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { version } } }"
    version = c.api.gql(query, {"id": c.call_off}, token=c.commissioner)["node"]["version"]
    plan = {"callOff": c.call_off, "version": version, "planIssuedOn": (today - dt.timedelta(days=30)).isoformat()}
    dated = c.api.gql(
        "mutation($i: SetPlanIssueDateInput!) { setPlanIssueDate(input: $i) { __typename } }",
        {"i": plan},
        token=c.commissioner,
    )["setPlanIssueDate"]
    assert dated["__typename"] == "SetPlanIssueDatePayload", dated
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { nextReview { id version } } } }"
    review = c.api.gql(query, {"id": c.call_off}, token=c.commissioner)["node"]["nextReview"]
    held = today.isoformat()
    for name, payload, given in (
        ("recordReviewMeeting", "RecordReviewMeetingPayload", {"heldOn": held, "attendees": ["SCHOOL"]}),
        ("recordReviewDecision", "AnnualReviewPayload", {"decision": "KEEP", "decidedOn": held, "note": "Fits."}),
    ):
        done = c.api.gql(
            f"mutation($i: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $i) {{ __typename "
            f"... on {payload} {{ review {{ version }} }} }} }}",
            {"i": {"review": review["id"], "version": review["version"], **given}},
            token=c.commissioner,
        )[name]
        assert done["__typename"].endswith("Payload"), done
        review["version"] = done["review"]["version"]
    return review["id"]


def test_every_buyers_only_column_is_null_for_the_provider_on_every_path(competition: Competition) -> None:
    """Each column declared the buying side's (``BUYERS_ONLY``) is null for the provider whose row it is,
    through ``node``, ``nodes``, lists and nested fields; the buyers read it."""
    c = competition
    rows = {
        m.CallOff: c.call_off,
        m.FeeAmendment: c.amendment,
        m.Invoice: approved_invoice(c),
        m.AnnualReview: decided_review(c),
    }
    assert set(BUYERS_ONLY) == set(rows)
    winner = c.token(c.winner)
    for model, columns in BUYERS_ONLY.items():
        type_name = next(name for name, (known, _) in NODE_TYPES.items() if known is model)
        fields = " ".join(sorted(re.sub(r"_(\w)", lambda x: x.group(1).upper(), column) for column in columns))
        direct = f"query($id: ID!) {{ node(id: $id) {{ ... on {type_name} {{ {fields} }} }} }}"
        many = f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {type_name} {{ {fields} }} }} }}"
        seen = [
            c.api.gql(direct, {"id": rows[model]}, token=winner)["node"],
            c.api.gql(many, {"ids": [rows[model]]}, token=winner)["nodes"][0],
        ]
        nested = {
            m.CallOff: "{ callOffs(last: 100) { nodes { id %s } } }",
            m.FeeAmendment: "{ callOffs(last: 100) { nodes { amendments { id %s } } } }",
            m.Invoice: "{ callOffs: invoices(last: 100) { nodes { id %s } } }",
            m.AnnualReview: "{ callOffs: annualReviews(last: 100) { nodes { id %s } } }",
        }[model] % fields
        listed = c.api.gql(nested, token=winner)["callOffs"]["nodes"]
        seen += [x for x in listed if x.get("id") == rows[model]]
        seen += [a for x in listed for a in x.get("amendments", []) if a["id"] == rows[model]]
        assert len(seen) == 3, (model, seen)
        for found in seen:
            assert {k: v for k, v in found.items() if k != "id"} == dict.fromkeys(fields.split()), (model, found)
        # a child's annual review is read by the placing authority, not the lead authority for another's
        for token in (c.commissioner, c.auditor, *(() if model is m.AnnualReview else (c.lead,))):
            found = c.api.gql(direct, {"id": rows[model]}, token=token)["node"]
            assert None not in found.values(), (model, found)


def test_a_losing_provider_learns_the_outcome_but_not_the_winner(competition: Competition) -> None:
    """The award is published in OCDS (the supplier and the annual value), but nothing there names the
    referral; through the API the losers read the referral AWARDED and their own offer DECLINED, never
    the call-off, its provider or its price."""
    c = competition
    for provider in (c.loser, c.silent):
        token = c.token(provider)
        response = c.api.post(REFERRAL, {"id": c.awarded}, token=token)
        seen = response.json()["data"]["node"]
        assert seen["status"] == "AWARDED" and seen["callOff"] is None
        assert [o["status"] for o in seen["offers"]] == (["DECLINED"] if provider == c.loser else [])
        names_no_other_provider(c, provider, response.text)
        errors = c.api.errors(CALL_OFF, {"id": c.call_off}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        listed = c.api.gql("{ callOffs(last: 100) { nodes { id } } }", token=token)["callOffs"]["nodes"]
        assert c.call_off not in {x["id"] for x in listed}
    # the winner sees its own call-off on the referral
    seen = referral_as(c, c.awarded, c.token(c.winner))
    assert seen["callOff"]["id"] == c.call_off and seen["callOff"]["provider"]["id"] == c.winner


def test_matches_are_only_the_callers_own_establishments(competition: Competition) -> None:
    c = competition
    for referral in (c.open, c.awarded):
        for provider in c.invited:
            response = c.api.post(REFERRAL, {"id": referral}, token=c.token(provider))
            matches = response.json()["data"]["node"]["matches"]
            assert matches and {x["provider"]["id"] for x in matches} == {provider}
            assert {x["establishment"]["id"] for x in matches} <= c.establishments[provider]
            names_no_other_provider(c, provider, response.text)
        everyone = {x["provider"]["id"] for x in referral_as(c, referral, c.commissioner)["matches"]}
        assert {*c.invited, c.outsider} <= everyone


# -- the audit trail, messages and webhooks --------------------------------------------------------


def test_providers_read_no_audit_trail_of_the_referral_or_its_offers(competition: Competition) -> None:
    c = competition
    query = """query($e: ID!) { auditEvents(first: 100, filter: {entity: $e}) { nodes { id action diff } } }"""
    events = []
    for entity in (c.open, c.awarded, *c.offers[c.open].values(), *c.offers[c.awarded].values(), c.call_off):
        events += c.api.gql(query, {"e": entity}, token=c.auditor)["auditEvents"]["nodes"]
    opened = [e for e in events if e["action"] == "referral.opened"]
    assert len(opened) == 2 and all(
        sorted(e["diff"]["after"]["invitedProviders"]) == sorted(map(pk, c.invited)) for e in opened
    )
    ids = [e["id"] for e in events]
    for provider in c.invited:
        token = c.token(provider)
        errors = c.api.errors(query, {"e": c.awarded}, token=token)
        assert errors[0]["extensions"]["code"] == "FORBIDDEN"
        response = c.api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}, token=token)
        assert response.json()["data"]["nodes"] == [None] * len(ids)
        assert {e["extensions"]["code"] for e in response.json()["errors"]} == {"NOT_FOUND"}
        # the history a provider does read, its establishments', says nothing of referrals or offers
        places = c.api.gql(
            "query($p: ID!) { node(id: $p) { ... on Provider { "
            "establishments { changes { action entityType diff } } } } }",
            {"p": provider},
            token=token,
        )["node"]["establishments"]
        for change in (x for place in places for x in place["changes"]):
            assert change["entityType"] == "Establishment" and change["action"].startswith("establishment.")
            names_no_other_provider(c, provider, json.dumps(change))


def _provider_messages(c: Competition) -> list[Any]:
    """Every outbox row addressed to a provider about the two referrals, their offers or the call-off."""
    subjects = {
        ("Referral", pk(c.open)),
        ("Referral", pk(c.awarded)),
        ("CallOff", pk(c.call_off)),
        *(("Offer", pk(o)) for offers in c.offers.values() for o in offers.values()),
    }
    rows = sql(
        c.api.app.state.settings.database_url,
        "SELECT id, kind, channel, recipient_type, recipient_id, subject_type, subject_id, payload, created_at "
        "FROM notification WHERE recipient_type = 'Provider'",
    )
    return [r for r in rows if (r.subject_type, r.subject_id) in subjects]


COUNTED = re.compile(
    r"\b(\d+|one|two|three|four|five|several|many)\s+(other\s+)?(offers?|providers?|bidders?|competitors?|tenders?)\b",
    re.IGNORECASE,
)


def test_messages_and_webhook_events_to_providers_name_no_competitor_nor_count(competition: Competition) -> None:
    c = competition
    rows = _provider_messages(c)
    kinds = {(pk_gid, r.kind) for r in rows for pk_gid in [gid("Provider", r.recipient_id)]}
    for provider in c.invited:
        assert (provider, "referral.invited") in kinds
    assert (c.winner, "offer.awarded") in kinds and (c.loser, "offer.declined") in kinds
    public_url = c.api.app.state.settings.public_url or "http://localhost"
    for row in rows:
        provider = gid("Provider", row.recipient_id)
        payload = row.payload if isinstance(row.payload, dict) else json.loads(row.payload)
        words = render(row.kind, payload, public_url=public_url)
        written = (
            row.created_at if isinstance(row.created_at, dt.datetime) else dt.datetime.fromisoformat(row.created_at)
        )
        event = webhooks.event_body(
            notification_id=row.id, kind=row.kind, written_at=written, personalisation=words.personalisation
        ).decode()
        for text in (words.subject, words.body, event, json.dumps(payload)):
            names_no_other_provider(c, provider, text)
            assert not COUNTED.search(text), (row.kind, text)
        # what an invitation lists of establishments is the invited provider's own
        assert set(payload.get("establishments", [])) <= {pk(x) for x in c.establishments.get(provider, set())}
    # each provider's inbox reads the same: its own messages, no competitor, no count
    for provider in c.invited:
        inbox = c.api.gql(INBOX, token=c.token(provider))["viewer"]["notifications"]["edges"]
        about = [e["node"] for e in inbox if e["node"]["about"] in (c.open, c.awarded, c.call_off)]
        assert about, provider
        for message in about:
            text = json.dumps(message)
            names_no_other_provider(c, provider, text)
            assert not COUNTED.search(text), message


# -- where the child lives ---------------------------------------------------------------------


def test_child_coordinates_are_null_for_providers_on_every_path(competition: Competition) -> None:
    c = competition
    shown = {k: v for k, v in CHILD.items() if k not in ("reference", "homeLatitude", "homeLongitude", "ncYearAtStart")}
    for provider in c.invited:
        token = c.token(provider)
        seen: dict[str, dict[str, Any]] = {}
        for referral in (c.open, c.awarded):
            seen[f"node {referral}"] = referral_as(c, referral, token)["child"]
            nodes = c.api.gql(
                f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Referral {{ {CHILD_FIELDS} }} }} }}",
                {"ids": [referral]},
                token=token,
            )["nodes"]
            seen[f"nodes {referral}"] = nodes[0]["child"]
            if provider in c.offers[referral]:
                offer = c.api.gql(
                    f"query($id: ID!) {{ node(id: $id) {{ ... on Offer {{ referral {{ {CHILD_FIELDS} }} }} }} }}",
                    {"id": c.offers[referral][provider]},
                    token=token,
                )["node"]
                seen[f"offer.referral {referral}"] = offer["referral"]["child"]
        listed = c.api.gql(f"{{ referrals(first: 100) {{ nodes {{ id {CHILD_FIELDS} }} }} }}", token=token)
        seen.update(
            {f"referrals {r['id']}": r["child"] for r in listed["referrals"]["nodes"] if r["id"] in (c.open, c.awarded)}
        )
        offers = c.api.gql(f"{{ offers(first: 100) {{ nodes {{ referral {{ id {CHILD_FIELDS} }} }} }} }}", token=token)
        seen.update(
            {f"offers.referral {o['referral']['id']}": o["referral"]["child"] for o in offers["offers"]["nodes"]}
        )
        if provider in c.payloads:
            seen["submitOffer payload"] = c.payloads[provider]["child"]
        if provider == c.winner:
            call_off = c.api.gql(
                f"query($id: ID!) {{ node(id: $id) {{ ... on CallOff {{ referral {{ {CHILD_FIELDS} }} }} }} }}",
                {"id": c.call_off},
                token=token,
            )["node"]
            seen["callOff.referral"] = call_off["referral"]["child"]
            listed = c.api.gql(
                f"{{ callOffs(last: 100) {{ nodes {{ referral {{ id {CHILD_FIELDS} }} }} }} }}", token=token
            )
            seen.update(
                {
                    f"callOffs.referral {x['referral']['id']}": x["referral"]["child"]
                    for x in listed["callOffs"]["nodes"]
                    if x["referral"]
                }
            )
        assert len(seen) >= 5, seen.keys()
        for path, child in seen.items():
            assert (child["homeLatitude"], child["homeLongitude"]) == (None, None), (provider, path)
            assert child["pseudonymised"] and child["reference"].startswith("NWR-"), (provider, path)
        # what a provider needs to offer is there: age, gender, needs, their summary, the postcode district
        for path in [
            p for p in seen if c.open in p or c.awarded in p or p in ("submitOffer payload", "callOff.referral")
        ]:
            assert {k: seen[path][k] for k in shown} == shown, (provider, path)
    # the referring authority's people see the home; auditors, like providers, the district alone
    assert referral_as(c, c.awarded, c.commissioner)["child"]["homeLatitude"] == CHILD["homeLatitude"]
    assert referral_as(c, c.awarded, c.auditor)["child"]["homeLatitude"] is None
