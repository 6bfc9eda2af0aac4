"""Server-side texts in Chinese: the compiled catalogue matches its source, and the API speaks it."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import ApiClient

LOCALE = Path(__file__).resolve().parents[1] / "officium" / "locale" / "zh_Hans" / "LC_MESSAGES"


def _entries() -> list[tuple[str, str, str]]:
    """(context, msgid, msgstr) of every single-line entry; the context is empty when there is none."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return re.findall(r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)


def test_every_message_is_translated_and_compiled() -> None:
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    entries = _entries()
    assert len(entries) >= 30
    assert [msgid for _, msgid, msgstr in entries if not msgstr] == []

    def compiled_text(context: str, msgid: str) -> str:
        return catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)

    stale = [msgid for context, msgid, msgstr in entries if compiled_text(context, msgid) != msgstr]
    assert stale == [], "run `make messages`"


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
