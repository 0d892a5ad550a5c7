"""The OCDS 1.1.5 release schema with the extensions vendored under ``openapi/ocds/``, merged and cached.

Every extension's ``release-schema.json`` is a JSON Merge Patch (RFC 7386) of the standard release schema,
applied in this order (``openapi/ocds/README.md``): lots, techniques and bid statistics, then the extensions the
Cabinet Office's UK extension depends on, then the UK extension itself, which adds the fields Find a Tender reads
in Procurement Act 2023 notices (``Document.noticeType``, ``Award.standstillPeriod``, ``Amendment``'s rationale
classifications and so on). Nothing is ever fetched: the schemas are read from the repository.

:func:`problems` checks a release against the merged schema with JSON Schema draft 4 and its format checker.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator

SCHEMAS = Path(__file__).resolve().parents[2] / "openapi" / "ocds"
"""``openapi/ocds`` of the repository: the standard and the vendored extensions."""
STANDARD = SCHEMAS / "standard-1.1.5"
PUBLICATION_EXTENSIONS = ("lots", "techniques")
"""The extensions the public OCDS publication (:mod:`api.domain.ocds`) declares."""
UK_DEPENDENCIES = (
    "awardCriteria",
    "communication",
    "location",
    "otherRequirements",
    "performanceFailures",
    "subcontracting",
    "suitability",
)
"""The extensions the UK extension declares as its dependencies, besides bid and techniques."""
EXTENSIONS = (*PUBLICATION_EXTENSIONS, "bid", *UK_DEPENDENCIES, "uk")
"""Every vendored extension, in the order its patch is applied."""


def merge_patch(target: Any, patch: Any) -> Any:
    """``target`` with ``patch`` applied, by RFC 7386 JSON Merge Patch; neither argument is changed.

    A patch that is not an object replaces the target whole; a ``null`` member removes the member.
    """
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _patched(extensions: tuple[str, ...]) -> dict[str, Any]:
    schema = _load(STANDARD / "release-schema.json")
    for name in extensions:
        schema = merge_patch(schema, _load(SCHEMAS / "extensions" / name / "release-schema.json"))
    return schema


def release_schema(extensions: tuple[str, ...] = EXTENSIONS) -> dict[str, Any]:
    """The standard release schema patched by ``extensions`` in order (every vendored one by default).

    Cached: do not change what it returns.
    """
    return _patched(tuple(extensions))


@functools.cache
def validator() -> Draft4Validator:
    """A draft 4 validator of the fully merged release schema, with the format checker (date-time, uri …)."""
    return Draft4Validator(release_schema(), format_checker=Draft4Validator.FORMAT_CHECKER)


def _path(error: Any) -> str:
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path]
    return "release" + "".join(parts)


def problems(release: dict[str, Any]) -> list[str]:
    """What stops ``release`` validating against the merged schema, each as ``"path: message"``; empty if valid.

    Paths read like ``release.awards[0].value.amount``, in the order of the release's fields.
    """
    errors = sorted(validator().iter_errors(release), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_path(error)}: {error.message}" for error in errors]
