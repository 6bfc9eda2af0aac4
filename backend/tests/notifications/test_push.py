"""Web Push with a real VAPID key pair: a local push endpoint receives what a browser would, and the
payload decrypts with the browser's key; the VAPID token verifies with the server's public key."""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from py_vapid import Vapid, b64urlencode

from officium.core.ids import uuid7
from officium.notifications import push, services
from officium.notifications.models import Delivery, PushSubscription
from officium.notifications.services import Draft

from ..approvals.conftest import Company
from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Endpoint(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []
    status = 201

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Endpoint.received.append((self.path, dict(self.headers.items()), body))
        self.send_response(Endpoint.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def push_service(settings: Any) -> Iterator[str]:
    server_key = Vapid()
    server_key.generate_keys()
    raw = server_key.private_key.private_numbers().private_value.to_bytes(32, "big")
    settings.VAPID_PRIVATE_KEY = b64urlencode(raw)
    settings.VAPID_SUBJECT = "mailto:it@example.test"
    settings.WEBHOOK_ALLOW_PRIVATE = True
    Endpoint.received, Endpoint.status = [], 201
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class Browser:
    """The keys a browser makes for a PushSubscription."""

    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.p256dh = b64urlencode(point)
        self.auth_secret = os.urandom(16)
        self.auth = b64urlencode(self.auth_secret)

    def decrypt(self, body: bytes) -> Any:
        plain = http_ece.decrypt(body, private_key=self.private_key, auth_secret=self.auth_secret, version="aes128gcm")
        return json.loads(plain)


def _verify_vapid(authorization: str, audience: str) -> dict[str, Any]:
    assert authorization.startswith("vapid ")
    fields = dict(part.split("=", 1) for part in authorization.removeprefix("vapid ").split(","))
    assert fields["k"] == push.public_key()
    header, claims, signature = fields["t"].split(".")
    raw = _b64url_decode(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64url_decode(fields["k"]))
    public.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    decoded: dict[str, Any] = json.loads(_b64url_decode(claims))
    assert decoded["aud"] == audience
    return decoded


def test_a_notification_reaches_a_subscribed_browser_encrypted_and_signed(
    people: Company, run_commits: Any, push_service: str
) -> None:
    user = people["dev1"].user
    browser = Browser()
    client = ApiClient(user)
    assert client.get("notifications/push/key").json() == {"public_key": push.public_key()}
    subscribed = client.post(
        "notifications/push/subscriptions",
        {"endpoint": f"{push_service}/push/abc", "keys": {"p256dh": browser.p256dh, "auth": browser.auth}},
    )
    assert subscribed.status_code == 201
    draft = Draft(
        recipient_id=user.pk,
        kind="approval_todo",
        source="approvals",
        title=lambda: "组长的审批等待你处理",
        body=lambda: "出差报销",
        link="/approvals/instances/1",
    )
    [notification] = run_commits(services.notify, event_id=uuid7(), drafts=[draft])

    [(path, headers, body)] = Endpoint.received
    assert path == "/push/abc"
    assert (headers["Content-Encoding"], headers["TTL"]) == ("aes128gcm", "86400")
    assert browser.decrypt(body) == {
        "id": str(notification.pk),
        "title": "组长的审批等待你处理",
        "body": "出差报销",
        "link": "/approvals/instances/1",
    }
    claims = _verify_vapid(headers["Authorization"], push_service)
    assert claims["sub"] == "mailto:it@example.test"
    assert Delivery.objects.get(recipient=user, channel="push").status == "sent"


def test_a_subscription_the_push_service_forgot_is_removed(
    people: Company, run_commits: Any, push_service: str
) -> None:
    user = people["dev1"].user
    browser = Browser()
    services.push_subscribe(actor=user, endpoint=f"{push_service}/gone", p256dh=browser.p256dh, auth=browser.auth)
    Endpoint.status = 410
    draft = Draft(recipient_id=user.pk, kind="approval_todo", source="approvals", title=lambda: "t")
    run_commits(services.notify, event_id=uuid7(), drafts=[draft])
    assert len(Endpoint.received) == 1
    assert not PushSubscription.objects.exists()
    assert Delivery.objects.get(recipient=user, channel="push").status == "sent"


def test_without_a_vapid_key_nothing_is_pushed(people: Company, run_commits: Any, settings: Any) -> None:
    settings.VAPID_PRIVATE_KEY = ""
    user = people["dev1"].user
    client = ApiClient(user)
    assert client.get("notifications/push/key").json() == {"public_key": None}
    browser = Browser()
    services.push_subscribe(
        actor=user, endpoint="https://push.example.test/x", p256dh=browser.p256dh, auth=browser.auth
    )
    draft = Draft(recipient_id=user.pk, kind="approval_todo", source="approvals", title=lambda: "t")
    run_commits(services.notify, event_id=uuid7(), drafts=[draft])
    assert not Delivery.objects.filter(channel="push").exists()


def test_unsubscribing_removes_only_my_own_browser(people: Company, push_service: str) -> None:
    browser = Browser()
    services.push_subscribe(
        actor=people["dev2"].user, endpoint=f"{push_service}/theirs", p256dh=browser.p256dh, auth=browser.auth
    )
    mine = ApiClient(people["dev1"].user)
    assert mine.post("notifications/push/unsubscribe", {"endpoint": f"{push_service}/theirs"}).json() == {"marked": 0}
    assert PushSubscription.objects.count() == 1
