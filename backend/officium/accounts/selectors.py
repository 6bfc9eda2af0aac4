"""Reads of the accounts app, scoped to what the actor may see."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet

from officium.accounts.models import User
from officium.core import permissions
from officium.core.errors import NotFound


def directory_users(*, actor: User, query: str = "") -> QuerySet[User]:
    """Colleagues in the company directory: every active account, for any signed-in person."""
    permissions.require(actor, permissions.AUTHENTICATED)
    users = User.objects.filter(is_active=True)
    query = query.strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
            | Q(phone__contains=query)
        )
    return users


def directory_user(*, actor: User, user_id: UUID) -> User:
    try:
        return directory_users(actor=actor).get(pk=user_id)
    except User.DoesNotExist:
        raise NotFound() from None
