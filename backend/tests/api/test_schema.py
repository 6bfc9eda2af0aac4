"""The committed API contract (schema/openapi.json) is exactly what the code serves."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.test import Client

from officium.config.openapi import render

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "schema" / "openapi.json"


def test_the_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "run `make api-types` and commit the result"


def test_the_live_schema_is_openapi_3_1_and_public(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert schema == json.loads(render())


def test_operation_ids_are_unique_and_readable() -> None:
    schema = json.loads(render())
    ids = [operation["operationId"] for methods in schema["paths"].values() for operation in methods.values()]
    assert len(ids) == len(set(ids))
    assert all(identifier.isidentifier() and not identifier.startswith("officium") for identifier in ids)


def test_the_interactive_documentation_is_served_locally(db: None) -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/api/v1/openapi.json" in html
    # Nothing from another host (a CDN): every script and style comes from this server. (Not a search for
    # "cdn" in the page: a random CSRF token or nonce contains it now and then.)
    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', html) == []


def test_the_schema_has_no_duplicate_keys() -> None:
    duplicates: list[str] = []

    def collect(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        duplicates.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(SCHEMA_FILE.read_text(encoding="utf-8"), object_pairs_hook=collect)
    assert duplicates == []


def _schema_classes(base: type) -> list[type]:
    found = []
    for sub in base.__subclasses__():
        if sub.__module__.startswith("officium."):
            found.append(sub)
        found += _schema_classes(sub)
    return found


def test_every_api_schema_class_has_a_name_of_its_own() -> None:
    """The OpenAPI components are named after the classes: two apps' `PersonRef` would silently become one."""
    import ninja

    from officium.config import api  # noqa: F401  (imports every app's schemas)

    names: dict[str, set[str]] = {}
    for cls in _schema_classes(ninja.Schema):
        names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
