"""Public events of the accounts app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event


@dataclass(frozen=True, kw_only=True)
class UserCreated(Event):
    name: ClassVar[str] = "accounts.user_created"
    user_id: UUID


@dataclass(frozen=True, kw_only=True)
class ProfileUpdated(Event):
    name: ClassVar[str] = "accounts.profile_updated"
    user_id: UUID
    fields: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class PasswordChanged(Event):
    name: ClassVar[str] = "accounts.password_changed"
    user_id: UUID


@dataclass(frozen=True, kw_only=True)
class SignedIn(Event):
    """`new_device`: the account had signed in before, but never from this browser (user agent)."""

    name: ClassVar[str] = "accounts.signed_in"
    user_id: UUID
    ip: str
    user_agent: str
    new_device: bool
