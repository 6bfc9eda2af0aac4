"""@mentions: which colleagues a piece of text names, for every module that has comments.

A client sends the ids it picked from the contacts list; typed text may also name people as
`@姓名` (no space is needed after a Chinese name, so the longest active name that follows the `@`
wins). Only active employees can be mentioned. Whether a mentioned person may open the object is
for the module that owns it to say: the mention service only finds people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from uuid import UUID

from officium.org.models import Employee
from officium.org.selectors import ACTIVE_STATUSES

MAX_MENTIONS = 20
MAX_NAME = 30
_AT = re.compile(r"@")


def _typed_prefixes(text: str) -> list[str]:
    """Every prefix (1 … MAX_NAME characters, up to white space) that follows an `@` in `text`."""
    prefixes: list[str] = []
    for match in _AT.finditer(text):
        rest = re.split(r"[\s@]", text[match.end() : match.end() + MAX_NAME], maxsplit=1)[0]
        prefixes.extend(rest[:length] for length in range(1, len(rest) + 1))
    return prefixes


def mentioned(*, text: str = "", ids: Sequence[UUID] = ()) -> list[Employee]:
    """The active employees named by `ids` (in that order) and by `@name` in `text`, each once, at most
    MAX_MENTIONS. Two queries, however long the text."""
    found: dict[UUID, Employee] = {}
    if ids:
        by_id = {e.pk: e for e in Employee.objects.filter(pk__in=list(ids)[:MAX_MENTIONS], status__in=ACTIVE_STATUSES)}
        for employee_id in ids:
            if employee_id in by_id:
                found.setdefault(employee_id, by_id[employee_id])
    prefixes = _typed_prefixes(text)
    if prefixes:
        named: dict[str, list[Employee]] = {}
        for employee in Employee.objects.filter(name__in=set(prefixes), status__in=ACTIVE_STATUSES).order_by("pk"):
            named.setdefault(employee.name, []).append(employee)
        for match in _AT.finditer(text):
            rest = text[match.end() : match.end() + MAX_NAME]
            # The longest name that the text continues with; a name two people share names neither.
            for length in range(len(rest), 0, -1):
                people = named.get(rest[:length])
                if people:
                    if len(people) == 1:
                        found.setdefault(people[0].pk, people[0])
                    break
    return list(found.values())[:MAX_MENTIONS]
