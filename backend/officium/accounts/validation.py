"""Normalisation of the identifiers people sign in with."""

from __future__ import annotations

import re

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from officium.core.errors import ValidationFailed

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def normalise_phone(phone: str | None) -> str | None:
    """E.164 ("+8613800000000"); an 11-digit mainland number without a prefix gets +86."""
    if phone is None:
        return None
    compact = re.sub(r"[\s()-]", "", phone)
    if not compact:
        return None
    if re.fullmatch(r"1\d{10}", compact):
        compact = "+86" + compact
    if not E164.match(compact):
        raise ValidationFailed("The mobile number is not valid.", code="invalid_phone")
    return compact


def normalise_email(email: str | None) -> str:
    if not email:
        return ""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed("The email address is not valid.", code="invalid_email") from None
    return email


def check_username(username: str) -> str:
    username = username.strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ValidationFailed(
            "Use letters, digits and @ . + - _ only in a username.", code="invalid_username"
        ) from None
    if not username or len(username) > 150:
        raise ValidationFailed("A username has 1 to 150 characters.", code="invalid_username")
    return username
