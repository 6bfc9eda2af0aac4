"""Web Push (RFC 8030/8291/8292): the payload encrypted to the browser's key (aes128gcm), signed with
the server's VAPID key, posted to the push service the browser named — through the same checked
outbound client as the IM robots, since a subscription's endpoint is a URL a person handed us."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from py_vapid import Vapid, b64urlencode
from pywebpush import WebPusher

from officium.notifications import robots

TTL_SECONDS = 24 * 60 * 60
GONE = (404, 410)


class PushGone(Exception):
    """The push service says the subscription no longer exists."""


def vapid() -> Vapid | None:
    """The server's VAPID key: settings.VAPID_PRIVATE_KEY is the raw key in base64url (what
    `vapid --gen` and web-push tools print) or a PEM; None when Web Push is not configured."""
    text = settings.VAPID_PRIVATE_KEY.strip()
    if not text:
        return None
    if text.startswith("-----"):
        return Vapid.from_pem(text.encode())
    return Vapid.from_raw(text.encode())


def public_key() -> str | None:
    """The applicationServerKey a browser subscribes with (uncompressed P-256 point, base64url)."""
    key = vapid()
    if key is None:
        return None
    raw = key.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return str(b64urlencode(raw))


def send(*, endpoint: str, p256dh: str, auth: str, message: dict[str, Any]) -> None:
    """Encrypt `message` (JSON) for one subscription and post it; PushGone for an expired one."""
    key = vapid()
    if key is None:
        raise robots.WebhookError("Web Push is not configured (OFFICIUM_VAPID_PRIVATE_KEY)")
    subscription = {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}
    encoded = WebPusher(subscription).encode(json.dumps(message, ensure_ascii=False).encode("utf-8"), "aes128gcm")
    parts = urlsplit(endpoint)
    claims = {
        "aud": f"{parts.scheme}://{parts.netloc}",
        "sub": settings.VAPID_SUBJECT,
        "exp": int(time.time()) + 12 * 60 * 60,
    }
    headers = {
        **key.sign(claims),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(TTL_SECONDS),
        "Urgency": "normal",
    }
    status, answer = robots.post(endpoint, encoded["body"], headers)
    if status in GONE:
        raise PushGone(f"{parts.hostname} answered HTTP {status}")
    if not 200 <= status < 300:
        raise robots.WebhookError(f"{parts.hostname} answered HTTP {status}: {answer[:200]!r}")
