"""The provider portal generator, and the app serving what it produced.

The generator reads ``schema.graphql``: the ``@access`` directive picks the operations; the
words (titles, labels, hints, order, hidden fields, enum labels, formats) come from
``portal/content.yaml``, with defaults for what it does not list. Its output is committed under
``portal/generated``; ``test_the_committed_portal_matches_the_schema`` fails when it drifts
(run ``make portal``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import build_schema, parse, validate

from portal.generator import OUTPUT_DIR, differences, generate
from portal.generator.schema import Content, Schema, plain_hint
from tests.support import LiveServer, serve

ROOT = Path(__file__).resolve().parent.parent
SDL = (ROOT / "schema.graphql").read_text()


def module(files: dict[str, str], name: str) -> dict[str, Any]:
    """A generated ES module's default export."""
    text = files[name]
    return json.loads(text.split("export default ", 1)[1].rstrip(";\n"))


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return generate(SDL)


class Markup(HTMLParser):
    """The elements of a form, by tag, with their attributes; label texts by the id they are for."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.elements.append((tag, found))
        if tag == "label":
            self._label, self._text = found.get("for", ""), []

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            self.labels[self._label] = "".join(self._text).strip()
            self._label = None

    def by(self, **attrs: str) -> list[dict[str, str]]:
        return [a for _, a in self.elements if all(a.get(k) == v for k, v in attrs.items())]

    def one(self, **attrs: str) -> dict[str, str]:
        found = self.by(**attrs)
        assert len(found) == 1, (attrs, found)
        return found[0]


def form(files: dict[str, str], operation: str) -> tuple[dict[str, Any], Markup]:
    definition = module(files, f"forms/{operation}.js")
    return definition, Markup(definition["html"])


def test_the_committed_portal_matches_the_schema(files: dict[str, str]) -> None:
    stale = differences(files, OUTPUT_DIR)
    assert not stale, f"portal/generated is out of date with schema.graphql (run `make portal`): {stale}"


# --------------------------------------------------------------------------
# What the generator picks: the @access directive, and nothing else
# --------------------------------------------------------------------------


def test_forms_are_the_mutations_whose_access_admits_provider_users(files: dict[str, str]) -> None:
    manifest = module(files, "manifest.js")
    forms = set(manifest["forms"])
    assert {"createBid", "setBidLot", "answerQuestions", "submitBid", "submitOffer", "withdrawOffer"} <= forms
    assert {"requestDocumentUpload", "confirmDocumentUpload", "askClarification"} <= forms
    assert not forms & {"addLot", "recordEvaluation", "awardReferral", "answerClarification", "createReferral"}
    assert {f"forms/{name}.js" for name in forms} == {name for name in files if name.startswith("forms/")}
    lists = {entry["name"] for entry in manifest["lists"]}
    assert {"applicationRounds", "bids", "referrals", "offers", "callOffs", "documents"} <= lists
    assert "auditEvents" not in lists  # LEAD_ADMIN and AUDITOR only
    assert set(manifest["scopes"]) >= {"bids:read", "bids:write", "offers:write", "referrals:read"}
    assert not {"audit:read", "evaluations:write", "system:write"} & set(manifest["scopes"])


def test_each_list_form_and_link_says_which_roles_it_is_for(files: dict[str, str]) -> None:
    manifest = module(files, "manifest.js")
    assert manifest["roles"] == ["PROVIDER_USER", "ICB_COMMISSIONER", "AUTHORITY_FINANCE"]
    lists = {entry["name"]: entry["roles"] for entry in manifest["lists"]}
    assert lists["fundingSplits"] == ["ICB_COMMISSIONER"] and lists["callOffs"] == ["PROVIDER_USER"]
    assert lists["invoices"] == ["PROVIDER_USER", "AUTHORITY_FINANCE"]
    assert lists["applicationRounds"] == ["PROVIDER_USER", "ICB_COMMISSIONER", "AUTHORITY_FINANCE"]  # public
    roles = manifest["formRoles"]
    assert roles["agreeFundingContribution"] == ["ICB_COMMISSIONER"] and roles["submitOffer"] == ["PROVIDER_USER"]
    assert roles["submitInvoice"] == ["PROVIDER_USER"] and roles["approveInvoice"] == ["AUTHORITY_FINANCE"]
    assert roles["markNotificationsRead"] == ["PROVIDER_USER", "ICB_COMMISSIONER", "AUTHORITY_FINANCE"]
    assert "changeFundingSplit" not in manifest["forms"]  # the placing council's, not a portal role's
    # what an integrated care board's people need, asked for at sign-in (the server grants each role its own)
    assert {"funding:read", "funding:write", "calloffs:read"} <= set(manifest["scopes"])
    assert manifest["recordRoles"]["FundingSplit"] == ["ICB_COMMISSIONER"]
    links = manifest["journeys"]["navigation"] + manifest["journeys"]["services"]
    assert all(link["roles"] for link in links)
    for link in links:
        if link.get("list") == "fundingSplits":
            assert link["roles"] == ["ICB_COMMISSIONER"], link
        elif link.get("list") == "invoices":
            assert len(link["roles"]) == 1, link  # the provider's own, or the council's
        elif link.get("list") != "messages":
            assert link["roles"] == ["PROVIDER_USER"], link  # application rounds too, though public


def test_a_portal_for_providers_alone_has_no_funding() -> None:
    manifest = module(generate(SDL, "PROVIDER_USER"), "manifest.js")
    assert manifest["roles"] == ["PROVIDER_USER"]
    assert "agreeFundingContribution" not in manifest["forms"] and "funding:write" not in manifest["scopes"]
    assert "fundingSplits" not in {entry["name"] for entry in manifest["lists"]}
    assert set(manifest["journeys"]["roles"]) == {"PROVIDER_USER"}


def test_the_contribution_form_asks_nothing_of_a_board(files: dict[str, str]) -> None:
    definition, markup = form(files, "agreeFundingContribution")
    assert definition["context"] == {"field": "contribution", "types": ["FundingContribution"]}
    assert markup.one(**{"data-path": "input.contribution"})["data-context"] == "id"
    # the split's version, which the contribution does not have: filled in from the split's page, never asked
    version = markup.one(**{"data-path": "input.version"})
    assert (version["type"], version["data-within"]) == ("hidden", "version")
    assert not markup.by(**{"data-path": "input.onBehalfReason"})  # for the council's staff, agreeing for a funder
    assert not markup.by(type="text") and not [tag for tag, _ in markup.elements if tag in ("textarea", "select")]
    assert "callOff {" in definition["document"] and "reference" in definition["document"]  # for the confirmation


def test_funding_is_worded_for_a_board(files: dict[str, str]) -> None:
    manifest = module(files, "manifest.js")
    assert manifest["labels"]["FundingSplit"] == {
        "title": "Funding",
        "prefix": "callOff.reference",
        "main": None,
        "via": None,
        "called": "Funding of placement",
    }
    contribution = manifest["labels"]["FundingContribution"]
    assert contribution["main"] == ["funder.integratedCareBoard.name", "funder.authority.name"]
    assert contribution["enums"] == {"funder.stream": "FundingStream"}  # "Health – NHS …", not "HEALTH – …"
    assert manifest["enums"]["FundingSplitStatus"] == {"PENDING": "Waiting for agreement", "AGREED": "Agreed"}
    assert manifest["enums"]["FundingStream"]["SOCIAL_CARE"] == "Social care"
    page = module(files, "types/FundingSplit.js")
    placement = spec(page["view"], "callOff")
    assert placement["shows"] and [f["name"] for f in placement["fields"]][:4] == [
        "reference",
        "establishment",
        "authority",
        "startDate",
    ]
    assert "referral" not in page["document"]  # only what it shows of the placement is asked for
    funders = spec(page["view"], "contributions")
    assert funders["format"] == "cards" and spec(funders["fields"], "shares")["beside"] == "weeklyAmounts"
    assert spec(funders["fields"], "shares", "health")["format"] == "percent"
    assert not {"position", "yoursToAgree", "funder", "version", "id"} & {f["name"] for f in funders["fields"]}
    columns = module(files, "lists/fundingSplits.js")["columns"]
    assert [c["name"] for c in columns] == ["callOff.establishment", "callOff.authority", "effectiveFrom", "status"]
    assert [c["label"] for c in columns][:2] == ["Establishment", "Council"]


def test_taking_provider_users_out_of_a_directive_takes_the_form_away() -> None:
    directive = '@access(public: false, scope: "offers:write", roles: [PROVIDER_USER])'
    assert SDL.count(directive) == 2  # submitOffer and withdrawOffer
    changed = SDL.replace(directive, '@access(public: false, scope: "offers:write", roles: [LEAD_ADMIN])')
    manifest = module(generate(changed), "manifest.js")
    assert "submitOffer" not in manifest["forms"] and "withdrawOffer" not in manifest["forms"]
    assert "createBid" in manifest["forms"]


def test_a_field_added_to_a_provider_input_appears_on_its_form() -> None:
    anchor = "input SubmitOfferInput {\n"
    added = '  """How many weeks the placement is offered for before its first review."""\n  reviewAfterWeeks: Int!\n'
    files = generate(SDL.replace(anchor, anchor + added, 1))
    _, markup = form(files, "submitOffer")
    control = markup.one(**{"data-path": "input.reviewAfterWeeks"})
    assert control["data-kind"] == "Int" and "data-required" in control and control["inputmode"] == "numeric"
    assert markup.labels[control["id"]] == "Review after weeks"
    hint = markup.one(id=f"{control['id']}-hint")
    assert hint is not None
    assert "How many weeks the placement is offered for" in module(files, "forms/submitOffer.js")["html"]


def test_a_field_added_to_an_input_providers_may_not_send_appears_nowhere() -> None:
    anchor = "input AddLotInput {\n"
    files = generate(SDL.replace(anchor, anchor + '  """A secret."""\n  leadOnlyNote: String = null\n', 1))
    assert not any("leadOnlyNote" in text for text in files.values())


def test_a_field_added_to_a_readable_type_appears_on_its_page() -> None:
    anchor = 'type Bid implements Node @readScope(scope: "bids:read") {\n'
    files = generate(
        SDL.replace(anchor, anchor + '  """Your own reference for the bid."""\n  yourReference: String\n', 1)
    )
    page = module(files, "types/Bid.js")
    assert {"name": "yourReference", "label": "Your reference", "list": False, "kind": "scalar", "type": "String"} in (
        page["view"]
    )
    assert "yourReference" in page["document"]


# --------------------------------------------------------------------------
# The words: portal/content.yaml, and the defaults for what it does not list
# --------------------------------------------------------------------------


def spec(view: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    """A field's view specification, by its path through parts: ``spec(view, "child", "gender")``."""
    found: dict[str, Any] = {"fields": view}
    for name in path:
        found = next(f for f in found["fields"] if f["name"] == name)
    return found


def test_content_names_only_what_the_schema_has() -> None:
    assert Schema.parse(SDL).content_problems() == []
    wrong = Content({"types": {"Bid": {"fields": {"colour": "Colour"}}}, "enums": {"BidStatus": {"LOST": "Lost"}}})
    assert Schema.parse(SDL, content=wrong).content_problems() == [
        "types.Bid.colour: no such field",
        "enums.BidStatus.LOST: no such value",
    ]
    hiding = Content({"inputs": {"SubmitOfferInput": {"fields": {"startDate": {"hidden": True}}}}})
    assert Schema.parse(SDL, content=hiding).content_problems() == [
        "inputs.SubmitOfferInput.startDate: a required input cannot be hidden"
    ]
    with pytest.raises(ValueError, match="unknown keys"):
        Content({"types": {"Bid": {"fields": {"status": {"lable": "State"}}}}})
    with pytest.raises(ValueError, match="format"):
        Content({"types": {"Bid": {"fields": {"status": {"format": "roman"}}}}})


def test_record_types_lists_and_actions_are_named_for_providers(files: dict[str, str]) -> None:
    manifest = module(files, "manifest.js")
    titles = {t: rule["title"] for t, rule in manifest["labels"].items()}
    assert titles["CallOff"] == "Placement" and titles["Bid"] == "Application" and titles["BidLot"] == "Lot applied for"
    assert titles["Referral"] == "Referral" and titles["Offer"] == "Offer"
    assert module(files, "types/CallOff.js")["title"] == "Placement"
    lists = {entry["name"]: entry for entry in manifest["lists"]}
    assert lists["callOffs"]["title"] == "Placements" and lists["bids"]["title"] == "Applications"
    # a referral is named by its neutral reference, reached through the child's profile
    assert manifest["labels"]["Referral"] == {
        "title": "Referral",
        "prefix": "child.reference",
        "main": None,
        "via": None,
    }
    assert "child {\n" in module(files, "types/Offer.js")["document"]
    # descriptions written for API clients are never shown: access notes, codes, IDs
    shown = [e["description"] for e in manifest["lists"] + manifest["topActions"]]
    shown += [a["description"] for name in files if name.startswith("types/") for a in module(files, name)["actions"]]
    for text in shown:
        assert not re.search(r"Public\.|\b[A-Z]{2,}(_[A-Z]+)*\b(?<!URN)|\bnull\b|\bID\b", text), text


def test_a_field_listed_in_content_gets_its_label_hint_order_and_format(files: dict[str, str]) -> None:
    view = module(files, "types/Referral.js")["view"]
    assert [f["name"] for f in view][:4] == ["status", "authority", "offerDeadline", "startBy"]  # content's order
    assert spec(view, "offerDeadline")["label"] == "Offers close"
    assert spec(view, "child")["label"] == "The child" and "name or address" in spec(view, "child")["hint"]
    assert spec(view, "qualityWeight")["format"] == "percent"
    assert spec(view, "ncYearAtStart")["format"] == "plain"
    report = module(files, "types/OutcomeReport.js")["view"]
    assert spec(report, "academicYear")["format"] == "academic-year"
    _, markup = form(files, "submitOffer")
    establishment = markup.one(**{"data-path": "input.establishment"})
    assert markup.labels[establishment["id"]] == "Establishment the child would attend"
    assert markup.one(id=f"{establishment['id']}-hint") is not None
    assert "One of your establishments that provides this lot." in module(files, "forms/submitOffer.js")["html"]
    # a hint given as empty leaves the description out
    html = module(files, "forms/submitOffer.js")["html"]
    assert "Weekly health provision fee" not in html


def test_content_passed_to_the_generator_decides_the_words() -> None:
    content = Content(
        {
            "types": {
                "Bid": {"title": "Tender", "fields": {"status": {"label": "Where it is"}, "round": {"hidden": True}}}
            },
            "enums": {"BidStatus": {"DRAFT": {"label": "Unfinished", "hint": "Not sent yet."}}},
        }
    )
    files = generate(SDL, content=content)
    page = module(files, "types/Bid.js")
    assert page["title"] == "Tender" and module(files, "manifest.js")["labels"]["Bid"]["title"] == "Tender"
    assert spec(page["view"], "status")["label"] == "Where it is"
    assert "round" not in [f["name"] for f in page["view"]]
    assert module(files, "manifest.js")["enums"]["BidStatus"]["DRAFT"] == "Unfinished"
    assert (
        module(files, "manifest.js")["enums"]["BidStatus"]["SUBMITTED"] == "Submitted and sealed until the round closes"
    )


def test_an_unlisted_field_still_appears_with_a_humanised_label() -> None:
    anchor = 'type Referral implements Node @readScope(scope: "referrals:read") {\n'
    assert anchor in SDL
    added = '  """When the council expects to decide."""\n  decisionExpectedOn: Date\n'
    files = generate(SDL.replace(anchor, anchor + added, 1))
    page = module(files, "types/Referral.js")
    names = [f["name"] for f in page["view"]]
    assert spec(page["view"], "decisionExpectedOn") == {
        "name": "decisionExpectedOn",
        "label": "Decision expected on",
        "list": False,
        "kind": "scalar",
        "type": "Date",
    }
    assert names.index("decisionExpectedOn") > names.index("matches")  # after every listed field
    assert "decisionExpectedOn" in page["document"]


def test_hidden_defaults_hold(files: dict[str, str]) -> None:
    referral = module(files, "types/Referral.js")
    child = [f["name"] for f in spec(referral["view"], "child")["fields"]]
    assert {"primaryNeed", "homePostcodeDistrict"} <= set(child)
    assert not {"homeLatitude", "homeLongitude", "pseudonymised"} & set(child)
    for hidden in ("homeLatitude", "homeLongitude", "pseudonymised"):
        assert hidden not in referral["document"]  # only ever shown: not asked for either
    document = module(files, "types/Document.js")
    assert not {"sha256", "ownerId", "id", "version"} & {f["name"] for f in document["view"]}
    assert "sha256" not in document["document"] and "ownerId" not in document["document"]
    establishment = module(files, "types/Establishment.js")
    assert not {"latitude", "longitude"} & {f["name"] for f in establishment["view"]}
    changes = spec(establishment["view"], "changes")["fields"]
    assert not {"diff", "hash", "previousHash", "entityId", "requestId"} & {f["name"] for f in changes}
    webhook = module(files, "types/WebhookEndpoint.js")
    assert "owner" not in [f["name"] for f in webhook["view"]]  # an ID
    deliveries = spec(webhook["view"], "recentDeliveries")["fields"]
    assert "subject" not in [f["name"] for f in deliveries]
    # the defaults, for fields content.yaml does not mention
    schema = Schema.parse(SDL, content=Content())
    assert schema.text("ChildProfile", "homeLatitude").hidden and schema.text("ChildProfile", "pseudonymised").hidden
    assert schema.text("Document", "sha256").hidden and schema.text("AuditEvent", "diff").hidden
    assert schema.text("AuditEvent", "previousHash").hidden and schema.text("Document", "ownerId").hidden
    assert not schema.text("Referral", "status").hidden and not schema.text("BidLot", "bid").hidden  # not a key
    assert schema.text("Referral", "ncYearAtStart").format == "plain" and schema.text("Lot", "ageMin").format is None
    # inputs are asked unless content hides an optional one
    assert not schema.text("NewEstablishmentInput", "latitude").hidden


def test_a_description_written_for_api_clients_is_no_hint() -> None:
    assert plain_hint("The round to bid in.") == "The round to bid in."
    for text in (
        "Local authorities. Public.",
        "The ID of the record it is attached to.",
        "PENDING_UPLOAD, AVAILABLE, REJECTED or SUPERSEDED.",
        "null until answered.",
        "Needs the `bids:read` scope.",
        "The version, for optimistic locking.",
    ):
        assert plain_hint(text) == "", text
    assert plain_hint("DRAFT, SUBMITTED or WITHDRAWN.", frozenset({"DRAFT", "OPEN"})) == ""  # the schema's enum values
    schema = Schema.parse(SDL, content=Content())
    assert schema.text("Query", "authorities").hint == ""
    assert schema.text("Bid", "status").hint == ""  # "DRAFT, SUBMITTED or WITHDRAWN."


def test_enum_values_are_labelled_in_words_everywhere(files: dict[str, str]) -> None:
    enums = module(files, "manifest.js")["enums"]
    assert enums["ReferralMode"]["COMPETITION"] == "Mini-competition"
    assert enums["NeedCode"]["SEMH"] == "Social, emotional and mental health"
    assert enums["MeasureScale"]["RATING_1_5"] == "Rating from 1 to 5"
    for values in enums.values():
        for code, text in values.items():
            assert not re.search(r"\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b", text), (code, text)
    _, markup = form(files, "saveOutcomeReport")
    assert "September to December" in module(files, "forms/saveOutcomeReport.js")["html"]  # a radio's hint
    assert markup.one(type="radio", value="AUTUMN")


# --------------------------------------------------------------------------
# The forms
# --------------------------------------------------------------------------


def test_a_pricing_schedule_has_rows_to_add_and_remove_with_money_in_pounds(files: dict[str, str]) -> None:
    definition, markup = form(files, "setBidLot")
    assert definition["context"] == {"field": "bid", "types": ["Bid"]}
    assert markup.one(**{"data-path": "input.bid"})["data-context"] == "id"
    assert markup.one(**{"data-path": "input.version"})["data-context"] == "version"
    lot = markup.one(**{"data-path": "input.lot"})
    assert lot["data-options"] == "context:round.lots" and markup.labels[lot["id"]] == "Lot"
    establishments = markup.one(**{"data-path": "input.establishments"})
    assert establishments["data-options"] == "context:provider.establishments" and "data-list" in establishments
    assert definition["sources"]["context:round.lots"] == {
        "origin": "context",
        "path": ["round", "lots"],
        "type": "Lot",
    }

    assert markup.one(**{"data-rows": "input.pricing"})["data-initial"] == "1"
    assert markup.one(**{"data-add-row": "input.pricing"})
    fee = markup.one(**{"data-path": "input.pricing[__i__].weeklyFee"})
    assert fee["data-kind"] == "Pence" and fee["inputmode"] == "decimal"
    assert markup.by(**{"class": "govuk-input__prefix"})  # the £ prefix
    hint = markup.one(id=f"{fee['id']}-hint")
    assert hint is not None
    html = definition["html"]
    assert "In pounds and pence, for example 1250.50." in html and "in pence" not in html
    band = markup.one(**{"data-path": "input.pricing[__i__].band"})
    assert band["data-kind"] == "enum"  # a select inside a row
    assert ">Standard level of need</option>" in html  # enum values named by their descriptions


def test_questions_are_answered_one_per_question_of_the_round(files: dict[str, str]) -> None:
    definition, markup = form(files, "answerQuestions")
    each = markup.one(**{"data-each": "context:round.questions"})
    assert each["data-list-path"] == "input.answers"
    assert markup.one(**{"data-path": "input.answers[__i__].question"})["data-kind"] == "ID"
    assert "round {" in definition["contextDocument"] and "questions {" in definition["contextDocument"]


def test_an_offer_form_has_a_date_radios_defaults_and_a_check_your_answers_step(files: dict[str, str]) -> None:
    definition, markup = form(files, "submitOffer")
    assert definition["confirm"] is True and definition["next"] == "offer"
    date = markup.one(**{"data-path": "input.startDate"})
    assert date["data-kind"] == "Date" and "govuk-date-input" in date["class"]
    assert {a["data-part"] for a in markup.by(**{"inputmode": "numeric"}) if "data-part" in a} == {
        "day",
        "month",
        "year",
    }
    band = markup.one(**{"data-path": "input.band"})
    assert "govuk-radios" in band["class"]
    assert markup.one(type="radio", value="STANDARD").get("checked") is not None  # the schema's default
    # the establishments you could offer for the referral's lot (narrowed further to its matches on the page)
    assert markup.one(**{"data-path": "input.establishment"})["data-options"] == "context:lot.ownEstablishments"
    assert markup.one(**{"data-each": "paired:qualityQuestions"})  # one answer per quality question
    justification = markup.one(**{"data-path": "input.justification"})
    assert markup.labels[justification["id"]] == "Why your fees are above your rate card (optional)"
    assert "data-required" in markup.one(**{"data-path": "input.qualityStatement"})
    assert markup.one(**{"data-path": "input.weeklyFees.education"})["data-kind"] == "Pence"


def test_an_upload_form_takes_a_file_and_confirms_it(files: dict[str, str]) -> None:
    definition, markup = form(files, "requestDocumentUpload")
    file = markup.one(type="file")
    assert file["data-path"] == "input.file" and "input.sha256" in file["data-aliases"].split()
    assert not markup.by(**{"data-path": "input.sha256"})  # worked out from the file
    assert markup.by(**{"data-upload-progress": ""})
    assert definition["upload"]["confirm"] == "confirmDocumentUpload"
    assert set(definition["context"]["types"]) >= {"Bid", "Offer", "CallOff", "Provider"}
    assert "upload {" in definition["document"] and "fields {" in definition["document"]


def test_errors_come_back_as_data_with_their_field(files: dict[str, str]) -> None:
    definition, _ = form(files, "submitBid")
    document = definition["document"]
    assert "... on MutationError {" in document and "field" in document
    assert "... on DeadlinePassed {" in document and "deadline" in document
    manifest = module(files, "manifest.js")
    assert {"ValidationError", "DeadlinePassed", "StaleVersion"} <= set(manifest["errorTypes"])


def test_every_generated_document_is_valid_against_the_schema(files: dict[str, str]) -> None:
    schema = build_schema(SDL)
    documents = []
    for name in files:
        if name == "manifest.js":
            continue
        definition = module(files, name)
        documents += [definition.get("document"), definition.get("contextDocument")]
        documents += [r["document"] for r in definition.get("related", [])]
        documents += [definition.get("upload", {}).get("document")]
    checked = [d for d in documents if d]
    assert len(checked) > 60
    for document in checked:
        assert not validate(schema, parse(document)), document


def test_labels_and_option_sources_follow_the_schema() -> None:
    schema = Schema.parse(SDL)
    assert schema.id_targets("createBid", "round", "The round to bid in.") == ["ApplicationRound"]
    assert schema.id_targets("createBid", "copyFrom", "One of your withdrawn bids in the same round.") == ["Bid"]
    assert schema.id_targets("updateEstablishment", "id", "The establishment's ID.") == ["Establishment"]
    source = schema.option_source("Referral", "Establishment")
    assert source is not None and source.key == "context:lot.ownEstablishments"
    source = schema.option_source(None, "Establishment")  # a form on no record: the viewer's own
    assert source is not None and source.key == "viewer:provider.establishments"
    label = schema.label("Lot")
    assert (label.prefix, label.main) == ("code", "title")
    # with no words of its own, a record is named by another record, found from the schema
    assert Schema.parse(SDL, content=Content(None)).label("BidLot").via == "lot"
    lot = schema.label("BidLot")  # content.yaml names it by its lot's code and title
    assert (lot.prefix, lot.main) == ("lot.code", "lot.title")
    bid = schema.label("Bid")  # content.yaml's words before a number reached through a part
    assert (bid.prefix, bid.called, bid.via) == ("round.number", "Application for round", None)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_runtime_and_the_manifest_parse_as_javascript(tmp_path: Path) -> None:
    # the other generated modules are the same shape as the manifest: a JSON default export
    sources = sorted((ROOT / "portal" / "src").glob("*.js")) + [OUTPUT_DIR / "manifest.js"]
    for source in sources:
        copy = tmp_path / (source.stem + ".mjs")
        copy.write_text(source.read_text())
        result = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
        assert result.returncode == 0, f"{source}: {result.stderr}"


RENDER_CHECKS = """
import * as r from "./render.mjs";
const cases = {
  dateTime: [r.formatDateTime("2027-01-05T17:00:00Z"), r.formatDateTime("2026-07-05T08:30:00Z"),
    r.formatDateTime("2026-07-05T11:00:00Z"), r.formatDateTime("2026-01-04T00:00:00Z")],
  date: [r.formatDate("2027-01-05"), r.formatDate("2026-06-30T23:30:00Z")],
  numbers: [r.formatNumber(2026, "plain"), r.formatNumber(2025, "academic-year"), r.formatNumber(60, "percent"),
    r.formatNumber(27.14, "km"), r.formatNumber(2500000, "bytes"), r.formatNumber(12345)],
  year: r.value(
    { name: "academicYear", label: "Academic year", kind: "scalar", type: "Int", list: false, format: "academic-year" },
    2026,
  ),
  tag: r.value({ name: "status", kind: "enum", type: "ReferralStatus", list: false }, "OPEN"),
  enumText: r.value({ name: "mode", kind: "enum", type: "ReferralMode", list: false }, "COMPETITION"),
  empty: [r.value({ name: "x", kind: "scalar", type: "String", list: false }, null),
    r.value({ name: "x", kind: "ref", type: "Lot", list: true }, []),
    r.summary([{ name: "a", label: "A", kind: "scalar", type: "String", list: false }], { a: null }),
    r.record(
      [{ name: "offers", label: "Offers", kind: "object", type: "Offer", list: true, link: true, fields: [] }],
      { offers: [] },
    )],
  names: [r.label({ __typename: "Referral", id: "x", child: { reference: "NWR-000123" } }),
    r.label({ __typename: "FeeAmendment", id: "x", effectiveFrom: "2022-04-01" }), r.link(null),
    r.label({ __typename: "FundingSplit", id: "x", callOff: { reference: "NWFPS-CO-000123" } }),
    r.label({ __typename: "FundingContribution", id: "x",
      funder: { stream: "HEALTH", integratedCareBoard: { name: "NHS Cheshire and Merseyside ICB" } } }),
    r.label({ __typename: "FundingContribution", id: "x",
      funder: { stream: "SOCIAL_CARE", integratedCareBoard: null, authority: { name: "Cheshire East" } } })],
  share: r.value({ name: "health", kind: "scalar", type: "Decimal", list: false, format: "percent" }, "12.50"),
};
console.log(JSON.stringify(cases));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_values_are_shown_the_govuk_way(tmp_path: Path) -> None:
    source = (ROOT / "portal" / "src" / "render.js").read_text()
    (tmp_path / "render.mjs").write_text(source.replace("/portal/generated/manifest.js", "./manifest.mjs"))
    (tmp_path / "manifest.mjs").write_text((OUTPUT_DIR / "manifest.js").read_text())
    (tmp_path / "checks.mjs").write_text(RENDER_CHECKS)
    result = subprocess.run(
        ["node", "checks.mjs"], capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "TZ": "UTC"}
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["dateTime"] == [
        "5 January 2027 at 5pm",
        "5 July 2026 at 9:30am",  # British Summer Time
        "5 July 2026 at midday",
        "4 January 2026 at midnight",
    ]
    assert shown["date"] == ["5 January 2027", "1 July 2026"]
    assert shown["numbers"] == ["2026", "2025 to 2026", "60%", "27.1 km", "2.4 MB", "12,345"]
    assert shown["year"] == "2026 to 2027"
    assert (
        shown["tag"] == '<strong class="govuk-tag govuk-tag--green">Open for offers</strong>'
    )  # colour by code, text by label
    assert shown["enumText"] == "Mini-competition"
    assert shown["empty"] == ["", "", "", ""]  # never "None": the row, or the section, is left out
    assert shown["names"] == [
        "Referral NWR-000123",
        "1 April 2022",
        "",
        "Funding of placement NWFPS-CO-000123",
        "Health – NHS Cheshire and Merseyside ICB",  # the enum's label, the first name given
        "Social care – Cheshire East",
    ]
    assert shown["share"] == "12.5%"


# --------------------------------------------------------------------------
# The app serves the portal at /portal
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app; the portal's files need no database."""
    directory = tmp_path_factory.mktemp("portal-server")
    live = serve(f"sqlite:///{directory / 'unused.sqlite3'}", directory)
    try:
        yield live
    finally:
        live.stop()


def test_every_portal_path_is_the_shell_with_a_strict_policy(server: LiveServer) -> None:
    for path in ("/portal/", "/portal/bids", "/portal/Bid/QmlkOjE/submitBid/check", "/portal/callback?code=x"):
        response = httpx.get(server.base_url + path)
        assert response.status_code == 200, path
        assert '<script type="module" src="/portal/src/app.js">' in response.text
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
        assert response.headers["referrer-policy"] == "no-referrer"
    redirect = httpx.get(server.base_url + "/portal", follow_redirects=False)
    assert redirect.status_code in (301, 302, 307, 308) and redirect.headers["location"].endswith("/portal/")


def test_the_portal_serves_its_runtime_its_generated_modules_and_govuk_frontend(server: LiveServer) -> None:
    runtime = httpx.get(server.base_url + "/portal/src/app.js")
    assert runtime.status_code == 200 and "javascript" in runtime.headers["content-type"]
    manifest = httpx.get(server.base_url + "/portal/generated/manifest.js")
    assert manifest.status_code == 200 and '"forms"' in manifest.text
    if not (ROOT / "portal" / "node_modules" / "govuk-frontend").exists():
        pytest.skip("GOV.UK Frontend is not installed: run `make portal`")
    css = httpx.get(server.base_url + "/portal/govuk/govuk-frontend.min.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "url(/assets/" not in css.text and "url(/portal/govuk/assets/" in css.text
    assert not re.search(r"font-family:GDS Transport,arial", css.text)  # GOV.UK's typeface is for GOV.UK only
    script = httpx.get(server.base_url + "/portal/govuk/govuk-frontend.min.js")
    assert script.status_code == 200 and "initAll" in script.text
