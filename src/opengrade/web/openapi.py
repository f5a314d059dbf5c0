"""The API's OpenAPI 3.1 document (written out; the routes are few and stable)."""

from __future__ import annotations

from typing import Any

from opengrade import __version__

_FILTERS = [
    ("license", "a concluded weights license key, e.g. llama3.1"),
    ("category", "a weights license category, e.g. non-commercial"),
    ("class", "MOF class: I, II, III or none"),
    ("verdict", "OSAID verdict"),
    ("eu", "EU AI Act Art. 53(2) pre-check status"),
    ("finding", "a finding code"),
    ("org", "the organisation (before the /)"),
    ("q", "text in the release id"),
    ("sort", "release, graded, class, verdict or findings; - before it reverses"),
    ("page", "page number from 1"),
    ("size", "rows per page: 25, 50, 100 or 200"),
]


def _get(summary: str, parameters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": parameters or [],
            "responses": {"200": {"description": "JSON"}, "400": {"description": "bad query"}},
        }
    }


def _query(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": {"type": "string"}}


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _post(summary: str, media_type: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {media_type: {}}},
            "responses": {
                "201": {"description": "graded and stored"},
                "200": {"description": "already stored"},
                "401": {"description": "no or wrong bearer token; nothing changes"},
            },
        }
    }


def openapi() -> dict[str, Any]:
    """The OpenAPI document served at ``/api/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "opengrade dashboard API", "version": __version__},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/api/portfolio": _get("counts of the latest grades"),
            "/api/releases": _get(
                "the release table (filtered, sorted, paged)", [_query(*f) for f in _FILTERS]
            ),
            "/api/releases/{organisation}/{name}": _get(
                "one release: latest grade, history, stored report",
                [_path("organisation"), _path("name"), _query("key", "which copy")],
            ),
            "/api/compare": _get(
                "two releases side by side", [_query("a", "ORG/NAME"), _query("b", "ORG/NAME")]
            ),
            "/api/changes": _get("what changed, newest first"),
            "/api/policy": _get("policy verdicts, waivers, expiring waivers"),
            "/api/grade": _post(
                'grade a Hub id ({"id": "ORG/NAME"}) and store it', "application/json"
            ),
            "/api/reports": _post("grade an uploaded MOT YAML and store it", "application/yaml"),
        },
    }
