"""How django-allauth signs people in here: no self sign-up, phone numbers on the user, audited outcomes."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from officium.accounts.events import PasswordChanged, SignedIn
from officium.accounts.models import User
from officium.core import audit, context
from officium.core.events import publish
from officium.core.middleware import client_ip
from officium.core.models import AuditEvent

LOGIN_IDENTIFIERS = ("username", "email", "phone")


def user_display(user: AbstractBaseUser) -> str:
    """How allauth names a user in its responses (ACCOUNT_USER_DISPLAY)."""
    return user.name if isinstance(user, User) else user.get_username()


def _identifier(credentials: dict[str, Any]) -> str:
    for name in LOGIN_IDENTIFIERS:
        if credentials.get(name):
            return str(credentials[name])[:150]
    return ""


def _audit_failed_login(reason: str, credentials: dict[str, Any]) -> None:
    audit.record(
        action="accounts.login",
        result=AuditEvent.Result.FAILURE,
        reason=reason,
        object_type="accounts.user",
        changes={"identifier": _identifier(credentials)},
    )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts come from the organisation (HR, administrators, directory sync), never self sign-up.
        return False

    # --- phone numbers are a field of the user ----------------------------------------------
    def get_phone(self, user: AbstractBaseUser) -> tuple[str, bool] | None:
        assert isinstance(user, User)
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone(self, user: AbstractBaseUser, phone: str, verified: bool) -> None:
        assert isinstance(user, User)
        user.phone, user.phone_verified = phone, verified
        user.save(update_fields=["phone", "phone_verified"])

    def set_phone_verified(self, user: AbstractBaseUser, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str) -> AbstractBaseUser | None:
        return User.objects.filter(phone=phone).first()

    # --- throttling ----------------------------------------------------------------------------
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failures count per (account, client address): whichever identifier names the account,
        and an attacker elsewhere cannot lock a colleague out."""
        identifier = _identifier(credentials).lower()
        user = self._account_named(credentials)
        account = f"user:{user.pk}" if user is not None else f"id:{identifier}"
        return f"{account}@{client_ip(request) or '-'}"

    def _account_named(self, credentials: dict[str, Any]) -> User | None:
        if credentials.get("phone"):
            return User.objects.filter(phone=credentials["phone"]).first()
        if credentials.get("email"):
            return User.objects.filter(email__iexact=credentials["email"]).first()
        if credentials.get("username"):
            return User.objects.filter(username=credentials["username"]).first()
        return None

    # --- audit -------------------------------------------------------------------------------
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            _audit_failed_login("throttled", credentials)
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        # Same row for an unknown account and a wrong password: the log must not enumerate users either.
        _audit_failed_login("invalid credentials", credentials)

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        with transaction.atomic():
            earlier = AuditEvent.objects.filter(
                action="accounts.login", actor_id=user.pk, result=AuditEvent.Result.SUCCESS
            )
            request_context = context.current()
            user_agent = request_context.user_agent if request_context else ""
            new_device = earlier.exists() and not earlier.filter(user_agent=user_agent).exists()
            super().login(request, user)
            audit.record(action="accounts.login", actor=user, target=user)
            publish(
                SignedIn(
                    user_id=user.pk,
                    ip=client_ip(request) or "",
                    user_agent=user_agent[:300],
                    new_device=new_device,
                )
            )

    def logout(self, request: HttpRequest) -> None:
        user = request.user
        with transaction.atomic():
            if user.is_authenticated:
                audit.record(action="accounts.logout", actor=user, target=user)
            super().logout(request)

    def set_password(self, user: AbstractBaseUser, password: str) -> None:
        with transaction.atomic():
            user.set_password(password)
            user.save(update_fields=["password"])
            audit.record(action="accounts.password.changed", actor=user, target=user)
            publish(PasswordChanged(user_id=user.pk))
