"""The REST routes answer as openapi/openapi.yaml describes them, where a fuzzer once found them apart.

Empty, unknown or repeated query parameters are refused as the description's schemas say; a spec-valid
document ID that names no document is 404, not 400; OPTIONS and other undescribed methods get 405 with an
Allow header naming exactly the described methods.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.auth.actor import Role
from tests.support import Api

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())


@pytest.mark.parametrize(
    "query",
    ["limit=", "cursor=", "since=", "until=", "limit=5&limit=6", "offset=10"],
)
def test_ocds_releases_refuse_empty_repeated_and_unknown_parameters(api: Api, query: str) -> None:
    response = api.http.get(f"/ocds/releases?{query}")
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/exports/spend.csv?financialYear=", "financialYear"),
        ("/exports/spend.csv?groupBy=", "groupBy"),
        ("/exports/spend.csv?financialYear=2025-26&financialYear=2024-25", "financialYear"),
        ("/exports/spend.csv?year=2025-26", "year"),
        ("/exports/call-offs.csv?financialYear=2025-26", "financialYear"),
    ],
)
def test_exports_refuse_empty_repeated_and_unknown_parameters(api: Api, path: str, field: str) -> None:
    token = api.token(Role.AUDITOR)
    response = api.http.get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR" and response.json()["field"] == field


@pytest.mark.parametrize("document_id", ["0", "not-a-document", "QXV0aG9yaXR5OjE", "RG9jdW1lbnQ6OTk5OTk5OTk5OTk5"])
def test_a_download_of_an_id_naming_no_document_is_404(api: Api, document_id: str) -> None:
    for headers in ({}, {"Authorization": f"Bearer {api.token(Role.AUDITOR)}"}):
        response = api.http.get(f"/documents/{document_id}/download", headers=headers)
        assert response.status_code == 404, response.text
        assert response.json()["error"] == "NOT_FOUND"
        assert "404" in SPEC["paths"]["/documents/{id}/download"]["get"]["responses"]
    assert "400" not in SPEC["paths"]["/documents/{id}/download"]["get"]["responses"]


@pytest.mark.parametrize("path", sorted(SPEC["paths"]))
def test_options_and_undescribed_methods_get_405_with_the_described_methods(api: Api, path: str) -> None:
    described = {method.upper() for method in SPEC["paths"][path]}
    url = path.replace("{id}", "RG9jdW1lbnQ6MQ").replace("{ocid}", "x").replace("{token}", "x").replace("{key}", "x")
    for method in sorted({"OPTIONS", "PUT", "DELETE", "PATCH"} - described):
        response = api.http.request(method, url)
        assert response.status_code == 405, (method, path, response.status_code)
        allowed = {m.strip() for m in response.headers["allow"].split(",")} - {"HEAD"}
        assert allowed == described, (method, path, response.headers["allow"])


@pytest.mark.parametrize(
    "body",
    [b"0", b'"{ __typename }"', b"null", b'{"query": "{ __typename }", "operationName": true}'],
    ids=["number", "string", "null", "operation-name-not-a-string"],
)
def test_graphql_bodies_outside_the_description_get_400(api: Api, body: bytes) -> None:
    response = api.http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text


def test_graphql_over_get_is_described_and_answers(api: Api) -> None:
    assert set(SPEC["paths"]["/graphql"]) == {"get", "post"}
    response = api.http.get("/graphql", params={"query": "{ __typename }"})
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}
