"""Server-side texts in Chinese: the compiled catalogue matches its source, and the API speaks it."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import ApiClient

LOCALE = Path(__file__).resolve().parents[1] / "officium" / "locale" / "zh_Hans" / "LC_MESSAGES"


def _pairs() -> list[tuple[str, str]]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)


def test_every_message_is_translated_and_compiled() -> None:
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    pairs = _pairs()
    assert len(pairs) >= 30
    assert [msgid for msgid, msgstr in pairs if not msgstr] == []
    assert [msgid for msgid, msgstr in pairs if catalogue.gettext(msgid) != msgstr] == [], "run `make messages`"


@pytest.mark.django_db
def test_roles_and_errors_follow_the_language(people: dict[str, Any]) -> None:
    security = people["security"]
    client = ApiClient(security)
    chinese = client.client.get("/api/v1/org/roles", headers={"Accept-Language": "zh-CN"}).json()
    assert {role["key"]: role["name"] for role in chinese}["department_manager"] == "部门主管"
    english = client.client.get("/api/v1/org/roles", headers={"Accept-Language": "en"}).json()
    assert {role["key"]: role["name"] for role in english}["department_manager"] == "Department manager"
    denied = client.client.get("/api/v1/audit/events", headers={"Accept-Language": "zh-CN"}).json()
    assert (denied["code"], denied["title"]) == ("permission_denied", "您没有权限执行此操作")


@pytest.mark.django_db
def test_a_chosen_language_wins_over_the_browser(people: dict[str, Any]) -> None:
    client = ApiClient(people["security"])
    client.patch("me", {"language": "en"})
    response = client.client.get("/api/v1/audit/events", headers={"Accept-Language": "zh-CN"}).json()
    assert response["title"] == "You do not have permission to do this"
