"""Domain errors render as problem documents; their extra members can never replace a standard field."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from officium.core.errors import Conflict, render_domain_error


def test_extra_members_are_rendered_beside_the_standard_fields() -> None:
    with translation.override("en"):
        response = render_domain_error(Conflict("It overlaps.", code="request_overlaps", serial_number="QJ-1"), "/x")
    assert response.status_code == 409
    assert json.loads(response.content) == {
        "type": "https://officium.dev/problems/request_overlaps",
        "title": "The request conflicts with the current state",
        "status": 409,
        "code": "request_overlaps",
        "detail": "It overlaps.",
        "instance": "/x",
        "serial_number": "QJ-1",
    }


@pytest.mark.parametrize("member", ["status", "type", "title", "detail", "instance", "headers"])
def test_a_member_named_like_a_standard_field_is_a_programming_error(member: str) -> None:
    with pytest.raises(TypeError, match=member):
        Conflict("It overlaps.", **{member: "running"})
