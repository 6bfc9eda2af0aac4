"""HTTP API of the accounts app: the current user and the company directory."""

from typing import Literal
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from officium.accounts import selectors, services
from officium.accounts.models import User
from officium.core import permissions
from officium.core.api_base import Router, actor, requires
from officium.core.pagination import KeysetPagination

me_router = Router(tags=["me"])
directory_router = Router(tags=["directory"])


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


class DirectoryUserOut(Schema):
    id: UUID
    username: str
    display_name: str
    email: str
    phone: str | None

    @staticmethod
    def resolve_display_name(user: User) -> str:
        return user.name


class DirectoryFilter(Schema):
    q: str = Field("", max_length=100, description="matches name, username, email or mobile number")


@me_router.get("", response=MeOut, summary="The signed-in user")
@requires(permissions.AUTHENTICATED)
def get_me(request: HttpRequest) -> User:
    return actor(request)  # type: ignore[no-any-return]


@me_router.patch("", response=MeOut, summary="Update my profile")
@requires(permissions.AUTHENTICATED)
def update_me(request: HttpRequest, payload: MeIn) -> User:
    user = actor(request)
    return services.profile_update(actor=user, user=user, display_name=payload.display_name, language=payload.language)


@directory_router.get("/users", response=list[DirectoryUserOut], summary="Colleagues in the directory")
@requires(permissions.AUTHENTICATED)
@paginate(KeysetPagination, ordering=("username", "id"))
def list_directory_users(request: HttpRequest, filters: Query[DirectoryFilter]) -> QuerySet[User]:
    return selectors.directory_users(actor=actor(request), query=filters.q)


@directory_router.get("/users/{user_id}", response=DirectoryUserOut, summary="One colleague")
@requires(permissions.AUTHENTICATED)
def get_directory_user(request: HttpRequest, user_id: UUID) -> User:
    return selectors.directory_user(actor=actor(request), user_id=user_id)
