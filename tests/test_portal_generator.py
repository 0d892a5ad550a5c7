"""The provider portal generator, and the app serving what it produced.

The generator reads ``schema.graphql``: the ``@access`` directive picks the operations, and
descriptions become labels and hints. Its output is committed under ``portal/generated``;
``test_the_committed_portal_matches_the_schema`` fails when it drifts (run ``make portal``).
"""

from __future__ import annotations

import json
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
from portal.generator.schema import Schema
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
    assert markup.one(**{"data-path": "input.establishment"})["data-options"] == "viewer:provider.establishments"
    assert markup.one(**{"data-each": "paired:qualityQuestions"})  # one answer per quality question
    justification = markup.one(**{"data-path": "input.justification"})
    assert markup.labels[justification["id"]] == "Justification (optional)"
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
    assert source is not None and source.key == "viewer:provider.establishments"
    label = schema.label("Lot")
    assert (label.prefix, label.main) == ("code", "title")
    assert schema.label("Bid").via == "round"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_runtime_and_the_manifest_parse_as_javascript(tmp_path: Path) -> None:
    # the other generated modules are the same shape as the manifest: a JSON default export
    sources = sorted((ROOT / "portal" / "src").glob("*.js")) + [OUTPUT_DIR / "manifest.js"]
    for source in sources:
        copy = tmp_path / (source.stem + ".mjs")
        copy.write_text(source.read_text())
        result = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
        assert result.returncode == 0, f"{source}: {result.stderr}"


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
