"""HTTP API of the accounts app: the signed-in user."""

from typing import Literal
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import ConfigDict

from officium.accounts import services
from officium.accounts.models import User
from officium.core import permissions
from officium.core.api_base import Router, actor, requires

me_router = Router(tags=["me"])


class MeOut(Schema):
    id: UUID
    username: str
    display_name: str = Field(description="the name colleagues see")
    email: str
    phone: str | None = Field(description="E.164")
    language: Literal["", "zh-CN", "en"] = Field(description="empty: follow the browser")
    time_zone: str
    is_staff: bool = Field(description="may open the Django admin at /admin/")
    permissions: list[str]

    @staticmethod
    def resolve_display_name(user: User) -> str:
        return user.name

    @staticmethod
    def resolve_time_zone(user: User) -> str:
        return str(settings.TIME_ZONE)

    @staticmethod
    def resolve_permissions(user: User) -> list[str]:
        return sorted(permissions.codes_of(user))


class MeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(None, min_length=1, max_length=150)
    language: Literal["", "zh-CN", "en"] | None = None


@me_router.get("", response=MeOut, summary="The signed-in user")
@requires(permissions.AUTHENTICATED)
def get_me(request: HttpRequest) -> User:
    return actor(request)  # type: ignore[no-any-return]


@me_router.patch("", response=MeOut, summary="Update my profile")
@requires(permissions.AUTHENTICATED)
def update_me(request: HttpRequest, payload: MeIn) -> User:
    user = actor(request)
    return services.profile_update(actor=user, user=user, display_name=payload.display_name, language=payload.language)
