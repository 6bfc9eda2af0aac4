"""Delivery through real local servers: an SMTP sink, and an HTTP server standing in for IM robots."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest
from aiosmtpd.controller import Controller

from officium.core.ids import uuid7
from officium.notifications import robots, services
from officium.notifications.models import Delivery
from officium.notifications.services import Draft

from ..approvals.conftest import Company

pytestmark = pytest.mark.django_db

SECRET = "SEC-robot-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_sink(settings: Any) -> Iterator[Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "use_tls": False, "timeout": 5},
        }
    }
    yield sink
    controller.stop()


def test_a_security_notice_reaches_a_real_smtp_server(people: Company, run_commits: Any, smtp_sink: Sink) -> None:
    user = people["dev1"].user
    draft = Draft(
        recipient_id=user.pk,
        kind="security",
        source="accounts",
        title=lambda: "你的密码已修改",
        body=lambda: "如果不是你本人操作，请立即联系管理员。",
        link="/me",
    )
    run_commits(services.notify, event_id=uuid7(), drafts=[draft])
    [(sender, recipients, content)] = smtp_sink.messages
    message = message_from_bytes(content)
    assert (sender, recipients) == ("officium@localhost", ["dev1@example.test"])
    assert str(make_header(decode_header(message["Subject"]))) == "[Officium] 你的密码已修改"
    body = message.get_payload(decode=True).decode("utf-8")
    assert body.splitlines()[:2] == ["如果不是你本人操作，请立即联系管理员。", "http://127.0.0.1:8000/me"]
    assert Delivery.objects.get(recipient=user).status == "sent"


class Robot(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Robot.received.append((self.path, body))
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def robot_server() -> Iterator[str]:
    Robot.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_dingtalk_robot_gets_a_signed_message_without_the_content(
    people: Company, run_commits: Any, robot_server: str, settings: Any
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE = True
    admin, user = people["admin"].user, people["dev1"].user
    services.robot_create(
        actor=admin,
        name="审批群",
        provider="dingtalk",
        webhook_url=f"{robot_server}/robot/send?access_token=T",
        secret=SECRET,
    )
    services.preferences_update(
        actor=user, channels={"approval_todo": {"im": True}}, quiet_hours=None, email_digest=False
    )
    draft = Draft(
        recipient_id=user.pk,
        kind="approval_todo",
        source="approvals",
        title=lambda: "秘密的标题",
        body=lambda: "秘密的内容",
        link="/approvals/instances/1",
    )
    run_commits(services.notify, event_id=uuid7(), drafts=[draft])

    [(path, body)] = Robot.received
    query = parse_qs(urlsplit(path).query)
    timestamp, sign = query["timestamp"][0], query["sign"][0]
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert sign == expected  # parse_qs has already undone the URL encoding
    assert urlsplit(path).path == "/robot/send"
    assert query["access_token"] == ["T"]
    assert body == {
        "msgtype": "text",
        "text": {"content": "开发一，你在Officium有一项待处理的审批。\nhttp://127.0.0.1:8000/approvals/instances/1"},
        "at": {"atMobiles": [], "isAtAll": False},
    }
    assert Delivery.objects.get(recipient=user, channel="im").status == "sent"


def test_the_dingtalk_signature_is_url_encoded_base64_of_hmac_sha256() -> None:
    sign = robots.dingtalk_sign(SECRET, 1700000000000)
    digest = hmac.new(SECRET.encode(), f"1700000000000\n{SECRET}".encode(), hashlib.sha256).digest()
    assert unquote_plus(sign) == base64.b64encode(digest).decode()
    assert "+" not in sign
    assert "/" not in sign
    assert "=" not in sign


def test_the_feishu_robot_carries_its_signature_in_the_body() -> None:
    url, body = robots.request_for("feishu", "https://open.feishu.cn/hook/x", SECRET, robots.RobotMessage("hi", ""))
    key = f"{body['timestamp']}\n{SECRET}".encode()
    assert url == "https://open.feishu.cn/hook/x"
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["msg_type"] == "text"
    assert body["content"] == {"text": "hi"}


def test_webhooks_to_loopback_or_private_addresses_are_refused(robot_server: str) -> None:
    with pytest.raises(robots.AddressRefused):
        robots.post_json(f"{robot_server}/robot/send", {"msgtype": "text"})
    with pytest.raises(robots.AddressRefused):
        robots.post_json("http://10.1.2.3/hook", {"msgtype": "text"})
    assert Robot.received == []


def test_a_failing_robot_is_retried_later_and_the_error_kept(people: Company, run_commits: Any, settings: Any) -> None:
    admin, user = people["admin"].user, people["dev1"].user
    services.robot_create(actor=admin, name="内网群", provider="wecom", webhook_url="https://127.0.0.1:1/hook")
    services.preferences_update(
        actor=user, channels={"approval_todo": {"im": True}}, quiet_hours=None, email_digest=False
    )
    draft = Draft(recipient_id=user.pk, kind="approval_todo", source="approvals", title=lambda: "t")
    run_commits(services.notify, event_id=uuid7(), drafts=[draft])
    delivery = Delivery.objects.get(recipient=user, channel="im")
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "AddressRefused: 127.0.0.1 resolves to 127.0.0.1, which webhooks may not reach"
