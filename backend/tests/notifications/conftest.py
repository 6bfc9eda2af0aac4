"""The approval company of the approval tests, with email addresses and languages, and helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from officium.accounts import services as accounts
from officium.notifications.models import Notification

from ..approvals.conftest import Company, company, make_template  # noqa: F401  (fixtures)


@pytest.fixture
def people(company: Company) -> Company:  # noqa: F811
    """Everyone has an email address; the lead reads English, the others Chinese."""
    for key, employee in company.people.items():
        accounts.user_set_contact(actor=None, user=employee.user, email=f"{key}@example.test")
        language = "en" if key == "lead" else "zh-CN"
        accounts.profile_update(actor=employee.user, user=employee.user, language=language)
        employee.user.refresh_from_db()
    return company


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run `action` and everything it sets off after commit (handlers, deliveries), like a worker."""

    def run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def inbox(user: Any) -> list[tuple[str, str, str]]:
    """(kind, title, link) of the user's notifications, oldest first."""
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("kind", "title", "link"))
