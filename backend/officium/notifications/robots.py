"""The enterprise IM channel's one adapter: group robots of DingTalk, Feishu and WeCom, by webhook.

The request is JSON over HTTP(S) through a client that resolves the host once, refuses loopback,
private, link-local and other non-public addresses (unless settings.WEBHOOK_ALLOW_PRIVATE) and then
connects to exactly the address it checked, so a DNS answer cannot change between check and use.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus, urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 10
MAX_RESPONSE_BYTES = 64 * 1024


class WebhookError(Exception):
    """The robot could not be reached, or it answered with an error."""


class AddressRefused(WebhookError):
    """The webhook's host resolves to an address outbound requests may not reach."""


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签: base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}")), URL-encoded."""
    material = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), material, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Feishu's signature: base64(HMAC-SHA256(key="{timestamp}\\n{secret}", message=b""))."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


@dataclass(frozen=True)
class RobotMessage:
    text: str
    link: str
    mobiles: tuple[str, ...] = ()


def request_for(provider: str, webhook_url: str, secret: str, message: RobotMessage) -> tuple[str, dict[str, Any]]:
    """The URL to post to and the JSON body, in the provider's shape."""
    content = f"{message.text}\n{message.link}" if message.link else message.text
    if provider == "dingtalk":
        url = webhook_url
        if secret:
            timestamp = int(time.time() * 1000)
            separator = "&" if "?" in url else "?"
            url = f"{url}{separator}timestamp={timestamp}&sign={dingtalk_sign(secret, timestamp)}"
        body: dict[str, Any] = {
            "msgtype": "text",
            "text": {"content": content},
            "at": {"atMobiles": list(message.mobiles), "isAtAll": False},
        }
        return url, body
    if provider == "feishu":
        body = {"msg_type": "text", "content": {"text": content}}
        if secret:
            timestamp = int(time.time())
            body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **body}
        return webhook_url, body
    if provider == "wecom":
        return webhook_url, {
            "msgtype": "text",
            "text": {"content": content, "mentioned_mobile_list": list(message.mobiles)},
        }
    raise ValueError(f"unknown robot provider {provider!r}")


def public_address(host: str, port: int) -> str:
    """The first address of `host`, provided every address it resolves to is public (or allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise WebhookError(f"cannot resolve {host}: {error}") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise WebhookError(f"cannot resolve {host}")
    if not settings.WEBHOOK_ALLOW_PRIVATE:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
                raise AddressRefused(f"{host} resolves to {address}, which webhooks may not reach")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, payload: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    """POST `payload` to `url` through the checked address; the status and (the start of) the answer.
    Redirects are not followed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError("an outbound URL is http(s)://host/…")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = public_address(parts.hostname, port)
    connection_type = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_type(parts.hostname, port, address)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        connection.request("POST", path, body=payload, headers=headers)
        response = connection.getresponse()
        raw = response.read(MAX_RESPONSE_BYTES)
    except OSError as error:
        raise WebhookError(f"{parts.hostname}: {error}") from None
    finally:
        connection.close()
    return response.status, raw


def post_json(url: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST `body` as JSON to a robot; the robot's JSON answer, or WebhookError."""
    host = urlsplit(url).hostname
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    status, raw = post(url, payload, {"Content-Type": "application/json; charset=utf-8"})
    if status != 200:
        raise WebhookError(f"{host} answered HTTP {status}")
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        raise WebhookError(f"{host} answered with something other than JSON") from None
    # DingTalk and WeCom answer {"errcode": 0}; Feishu {"code": 0} (or StatusCode 0 in older robots).
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0))) if isinstance(answer, dict) else 0
    if code not in (0, "0"):
        raise WebhookError(f"the robot refused the message: {answer}")
    return answer if isinstance(answer, dict) else {}
