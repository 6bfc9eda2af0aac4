"""Cursor (keyset) pagination for list endpoints: stable under inserts, one query per page.

A list operation returns `{"items": [...], "next_cursor": "..."}`; the client passes `cursor` back
unchanged to get the next page. The cursor is opaque: base64 of the sort values of the last item.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from functools import reduce
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from officium.core.errors import DomainError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 1000


class InvalidCursor(DomainError):
    status = 400
    code = "invalid_cursor"
    title = "The pagination cursor is not valid"


def _field_name(term: str) -> str:
    return term.removeprefix("-")


def encode_cursor(ordering: tuple[str, ...], values: list[Any]) -> str:
    raw = json.dumps({"o": list(ordering), "v": values}, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, ordering: tuple[str, ...], model: type[Model]) -> list[Any]:
    """The typed sort values in `cursor`; InvalidCursor for anything this endpoint did not issue."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidCursor() from None
    if not isinstance(data, dict) or data.get("o") != list(ordering):
        raise InvalidCursor()
    raw_values = data.get("v")
    if not isinstance(raw_values, list) or len(raw_values) != len(ordering):
        raise InvalidCursor()
    values = []
    for term, raw in zip(ordering, raw_values, strict=True):
        if raw is None:
            raise InvalidCursor()
        field = model._meta.get_field(_field_name(term))
        try:
            values.append(field.to_python(raw))  # type: ignore[union-attr]
        except (DjangoValidationError, TypeError, ValueError, OverflowError):
            raise InvalidCursor() from None
    return values


def after(ordering: tuple[str, ...], values: list[Any]) -> Q:
    """Rows strictly after `values` in `ordering`: (a > x) or (a = x and b > y) or ..."""
    clauses = []
    for index, term in enumerate(ordering):
        equal = {_field_name(prior): values[i] for i, prior in enumerate(ordering[:index])}
        lookup = "lt" if term.startswith("-") else "gt"
        clauses.append(Q(**equal, **{f"{_field_name(term)}__{lookup}": values[index]}))
    return reduce(lambda left, right: left | right, clauses)


def _sort_value(item: Any, term: str) -> Any:
    value = getattr(item, _field_name(term))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


Present = Callable[[list[Any], HttpRequest], list[Any]]


class KeysetPagination(PaginationBase):
    """`@paginate(KeysetPagination, ordering=("-occurred_at", "-id"))`; the last term must be unique.

    `present(rows, request)`, when given, turns the page's rows into the response items in one go
    (so that it can batch its queries).
    """

    class Input(Schema):
        cursor: str | None = Field(None, max_length=MAX_CURSOR_LENGTH, description="next_cursor of the previous page")
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")

    items_attribute = "items"

    def __init__(self, *, ordering: tuple[str, ...], present: Present | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not ordering:
            raise ValueError("keyset pagination needs an ordering ending in a unique field")
        self.ordering = ordering
        self.present = present

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        queryset = queryset.order_by(*self.ordering)
        if pagination.cursor:
            values = decode_cursor(pagination.cursor, self.ordering, queryset.model)
            queryset = queryset.filter(after(self.ordering, values))
        rows = list(queryset[: pagination.limit + 1])
        next_cursor = None
        if len(rows) > pagination.limit:
            rows = rows[: pagination.limit]
            next_cursor = encode_cursor(self.ordering, [_sort_value(rows[-1], term) for term in self.ordering])
        items = self.present(rows, request) if self.present else rows
        return {"items": items, "next_cursor": next_cursor}
