"""Idempotency-Key on unsafe API requests: a retry gets the first answer, never a second effect."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from officium.core import idempotency
from officium.core.models import AuditEvent, IdempotencyRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina_api(make_user: Any, api_for: Any) -> Any:
    return api_for(make_user("lina", display_name="Lina"))


def _profile_updates() -> int:
    return AuditEvent.objects.filter(action="accounts.profile.updated").count()


def test_a_replayed_request_returns_the_stored_response_and_changes_nothing_more(lina_api: Any) -> None:
    first = lina_api.patch("me", {"display_name": "李娜"}, **{"Idempotency-Key": "k-1"})
    # Someone else changes the name in between: a replay must not set it back.
    lina_api.patch("me", {"display_name": "Lina L."})
    replays = [lina_api.patch("me", {"display_name": "李娜"}, **{"Idempotency-Key": "k-1"}) for _ in range(3)]
    assert first.status_code == 200
    assert [r.status_code for r in replays] == [200, 200, 200]
    assert {r.content for r in replays} == {first.content}
    assert [r["Idempotent-Replayed"] for r in replays] == ["true", "true", "true"]
    assert "Idempotent-Replayed" not in first
    assert lina_api.get("me").json()["display_name"] == "Lina L."
    assert _profile_updates() == 2


def test_the_same_key_with_another_payload_is_refused(lina_api: Any) -> None:
    lina_api.patch("me", {"display_name": "A"}, **{"Idempotency-Key": "k-2"})
    response = lina_api.patch("me", {"display_name": "B"}, **{"Idempotency-Key": "k-2"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "idempotency_key_reused"
    assert lina_api.get("me").json()["display_name"] == "A"


def test_errors_are_replayed_too(lina_api: Any) -> None:
    first = lina_api.patch("me", {"language": "fr"}, **{"Idempotency-Key": "k-3"})
    again = lina_api.patch("me", {"language": "fr"}, **{"Idempotency-Key": "k-3"})
    assert (first.status_code, again.status_code) == (422, 422)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"


def test_a_duplicate_while_the_first_is_in_flight_gets_409(lina_api: Any) -> None:
    IdempotencyRecord.objects.create(
        user=lina_api.user,
        key="k-4",
        fingerprint="in-flight",
        locked_until=timezone.now() + idempotency.IN_FLIGHT_LEASE,
    )
    response = lina_api.patch("me", {"display_name": "C"}, **{"Idempotency-Key": "k-4"})
    assert response.status_code == 422  # other fingerprint wins over in-flight
    record = IdempotencyRecord.objects.get(key="k-4")
    record.fingerprint = _fingerprint_of(lina_api, {"display_name": "C"})
    record.save(update_fields=["fingerprint"])
    response = lina_api.patch("me", {"display_name": "C"}, **{"Idempotency-Key": "k-4"})
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_request_in_progress"
    assert response["Retry-After"] == "1"
    assert _profile_updates() == 0


def test_a_request_whose_process_died_is_taken_over_after_the_lease(lina_api: Any) -> None:
    IdempotencyRecord.objects.create(
        user=lina_api.user,
        key="k-5",
        fingerprint=_fingerprint_of(lina_api, {"display_name": "D"}),
        locked_until=timezone.now() + idempotency.IN_FLIGHT_LEASE,
    )
    with time_machine.travel(timezone.now() + idempotency.IN_FLIGHT_LEASE + timedelta(seconds=1)):
        response = lina_api.patch("me", {"display_name": "D"}, **{"Idempotency-Key": "k-5"})
    assert response.status_code == 200
    assert IdempotencyRecord.objects.get(key="k-5").state == IdempotencyRecord.State.COMPLETED
    assert _profile_updates() == 1


def test_keys_are_scoped_per_user(lina_api: Any, make_user: Any, api_for: Any) -> None:
    other = api_for(make_user("wangfang"))
    assert lina_api.patch("me", {"display_name": "E"}, **{"Idempotency-Key": "shared"}).status_code == 200
    response = other.patch("me", {"display_name": "F"}, **{"Idempotency-Key": "shared"})
    assert response.status_code == 200
    assert response.json()["display_name"] == "F"


def test_server_errors_are_not_stored_so_a_retry_runs_again(lina_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from officium.accounts import services

    def crash(**kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "profile_update", crash)
    response = lina_api.patch("me", {"display_name": "G"}, **{"Idempotency-Key": "k-7"})
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert not IdempotencyRecord.objects.filter(key="k-7").exists()
    monkeypatch.undo()
    assert lina_api.patch("me", {"display_name": "G"}, **{"Idempotency-Key": "k-7"}).status_code == 200


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"])
def test_malformed_keys_are_refused(lina_api: Any, key: str) -> None:
    response = lina_api.patch("me", {"display_name": "H"}, **{"Idempotency-Key": key})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"


def _fingerprint_of(api: Any, body: dict[str, Any]) -> str:
    import json

    from django.test import RequestFactory

    request = RequestFactory().patch("/api/v1/me", data=json.dumps(body), content_type="application/json")
    return idempotency.fingerprint(request)
