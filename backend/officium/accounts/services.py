"""Writes of the accounts app: creating users, updating a profile. Each one audited."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.adapter import get_adapter as sessions_adapter
from allauth.usersessions.models import UserSession
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from officium.accounts.events import ProfileUpdated, UserCreated
from officium.accounts.models import Language, User
from officium.accounts.validation import check_username, normalise_email, normalise_phone
from officium.core import audit, realtime
from officium.core.errors import Conflict, PermissionDenied, ValidationFailed
from officium.core.events import publish


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationFailed(" ".join(error.messages), code="weak_password") from None


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str = "",
    phone: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account. Without a password the account cannot sign in until one is set."""
    user = User(
        username=check_username(username),
        display_name=display_name.strip()[:150],
        email=normalise_email(email),
        phone=normalise_phone(phone),
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        _check_password(password, user)
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
            if user.email:
                EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
            audit.record(
                action="accounts.user.created",
                actor=actor,
                target=user,
                changes={
                    "username": user.username,
                    "display_name": user.display_name,
                    "email": user.email,
                    "phone": user.phone,
                    "is_staff": is_staff,
                    "is_superuser": is_superuser,
                },
            )
            publish(UserCreated(user_id=user.pk))
    except IntegrityError:
        raise Conflict(
            "Another account already uses this username, email address or mobile number.",
            code="account_exists",
        ) from None
    return user


def profile_update(
    *,
    actor: User,
    user: User,
    display_name: str | None = None,
    language: str | None = None,
) -> User:
    """A person edits their own profile."""
    if actor.pk != user.pk:
        raise PermissionDenied()
    wanted: dict[str, Any] = {}
    if display_name is not None:
        wanted["display_name"] = display_name.strip()[:150]
    if language is not None:
        if language not in Language.values:
            raise ValidationFailed("Unknown language.", code="invalid_language")
        wanted["language"] = language
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        changes = audit.update_fields(locked, wanted, action="accounts.profile.updated", actor=actor)
        if changes:
            publish(ProfileUpdated(user_id=locked.pk, fields=tuple(changes)))
    return locked


def user_set_contact(*, actor: User | None, user: User, email: str | None = None, phone: str | None = None) -> User:
    """Change the email address or mobile number people sign in with (HR and directory sync)."""
    wanted: dict[str, Any] = {}
    if email is not None:
        wanted["email"] = normalise_email(email)
    if phone is not None:
        wanted["phone"] = normalise_phone(phone)
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            changes = audit.update_fields(locked, wanted, action="accounts.contact.changed", actor=actor)
            if "email" in changes:
                EmailAddress.objects.filter(user=locked).delete()
                if locked.email:
                    EmailAddress.objects.create(user=locked, email=locked.email, primary=True, verified=True)
    except IntegrityError:
        raise Conflict(
            "Another account already uses this email address or mobile number.", code="account_exists"
        ) from None
    return locked


def user_deactivate(*, actor: User | None, user: User, reason: str) -> User:
    """Disable sign-in and end every session and open socket of the user at once."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active:
            locked.is_active = False
            locked.save(update_fields=["is_active"])
            audit.record(
                action="accounts.user.deactivated",
                actor=actor,
                target=locked,
                changes={"is_active": [True, False]},
                reason=reason[:200],
            )
        sessions_adapter().end_sessions(list(UserSession.objects.filter(user=locked)))
        realtime.disconnect_on_commit(locked.pk)
    return locked
