"""Bad input never reaches a 500: every refusal is problem+json with a stable code."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from officium.core.pagination import encode_cursor

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(make_user: Any) -> ApiClient:
    return ApiClient(make_user("lina", display_name="Lina"))


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["type"] == f"https://officium.dev/problems/{code}"
    return body


def _raw(client: ApiClient, method: str, path: str, body: bytes, content_type: str) -> Any:
    return client.client.generic(
        method, path, body, content_type=content_type, headers={"X-CSRFToken": client.csrf_token}
    )


def test_malformed_json(client: ApiClient) -> None:
    _problem(_raw(client, "PATCH", "/api/v1/me", b'{"display_name": ', "application/json"), 400, "malformed_json")


def test_wrong_types_and_unknown_fields_are_listed(client: ApiClient) -> None:
    body = _problem(client.patch("me", {"display_name": 5, "is_staff": True}), 422, "validation_error")
    assert body["errors"] == [
        {"loc": ["body", "payload", "display_name"], "msg": "Input should be a valid string", "type": "string_type"},
        {"loc": ["body", "payload", "is_staff"], "msg": "Extra inputs are not permitted", "type": "extra_forbidden"},
    ]
    assert client.get("me").json()["is_staff"] is False


@pytest.mark.parametrize(
    "body",
    [{"display_name": "Li\x00na"}, {"display_name": "Lina", "x\x00": 1}, {"display_name": ["a", {"b": "\x00"}]}],
)
def test_nul_characters_in_a_body_are_refused_before_anything_is_stored(client: ApiClient, body: Any) -> None:
    problem = _problem(client.patch("me", body), 422, "nul_character")
    assert problem["detail"] == "Text cannot contain the NUL character (U+0000)"
    assert client.get("me").json()["display_name"] == "Lina"


def test_nul_characters_in_a_query_string_are_refused(client: ApiClient) -> None:
    _problem(client.client.get("/api/v1/contacts", {"q": "zh\x00ang"}), 422, "nul_character")


def test_a_json_array_instead_of_an_object(client: ApiClient) -> None:
    _problem(client.patch("me", [1, 2]), 422, "validation_error")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_bodies(client: ApiClient) -> None:
    body = _problem(client.patch("me", {"display_name": "x" * 2000}), 413, "payload_too_large")
    assert body["detail"] == "The limit is 1000 bytes."


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_wrong_content_types(client: ApiClient, content_type: str) -> None:
    _problem(_raw(client, "PATCH", "/api/v1/me", b'{"display_name": "A"}', content_type), 415, "unsupported_media_type")


@pytest.mark.parametrize("path", ["/api/v1/attendance/punches", "/api/v1/approvals/delegations"])
def test_a_form_sent_to_an_operation_that_reads_json(client: ApiClient, path: str) -> None:
    """Multipart is allowed at the door for uploads; an operation that reads JSON refuses it."""
    answer = client.client.post(path, {"name": "表单"}, headers={"X-CSRFToken": client.csrf_token})
    _problem(answer, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("attendance/me/days", {"since": "0001-01-01", "until": "0001-01-01"}),
        ("attendance/me/days", {"since": "9999-12-31", "until": "9999-12-31"}),
        ("approvals/statistics", {"until": "0001-01-01"}),
    ],
)
def test_dates_an_office_never_needs_are_refused(client: ApiClient, path: str, query: dict[str, str]) -> None:
    body = _problem(client.get(path, **query), 422, "validation_error")
    assert "dates run from 1900 to 2999" in str(body["errors"])


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 at all!",
        "e30",
        encode_cursor(("username",), ["a"]),
        encode_cursor(("name_pinyin", "id"), ["a", "not-a-uuid"]),
        encode_cursor(("name_pinyin", "id"), ["a"]),
    ],
    ids=["garbage", "empty-object", "other-ordering", "bad-uuid", "too-few-values"],
)
def test_bad_pagination_cursors(client: ApiClient, cursor: str) -> None:
    _problem(client.get("contacts", cursor=cursor), 400, "invalid_cursor")


def test_limits_out_of_range(client: ApiClient) -> None:
    _problem(client.get("contacts", limit=0), 422, "validation_error")
    _problem(client.get("contacts", limit=201), 422, "validation_error")
    _problem(client.get("contacts", limit="many"), 422, "validation_error")


def test_unknown_paths_and_methods(client: ApiClient) -> None:
    _problem(client.get("no-such-thing"), 404, "not_found")
    response = client.delete("me")
    _problem(response, 405, "http_405")
    assert sorted(response["Allow"].split(", ")) == ["GET", "PATCH"]


def test_a_missing_csrf_token_is_refused_for_cookie_sessions(client: ApiClient) -> None:
    response = client.client.patch("/api/v1/me", data=b'{"display_name": "A"}', content_type="application/json")
    _problem(response, 403, "csrf_failed")


def test_api_answers_are_never_cached(client: ApiClient) -> None:
    response = client.get("me")
    assert response["Cache-Control"] == "no-store"
    assert len(response["X-Request-ID"]) == 32


def test_a_well_formed_upstream_request_id_is_kept(client: ApiClient) -> None:
    response = client.client.get("/api/v1/me", headers={"X-Request-ID": "edge-1234abcd"})
    assert response["X-Request-ID"] == "edge-1234abcd"
    response = client.client.get("/api/v1/me", headers={"X-Request-ID": "bad id with spaces"})
    assert response["X-Request-ID"] != "bad id with spaces"
