"""Installing the built-in templates (defined in `officium.approvals.builtin`) and their approval roles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import transaction

from officium.approvals.builtin import APPROVAL_ROLES, BUILTIN_TEMPLATES
from officium.approvals.models import Template
from officium.approvals.services import templates as template_services
from officium.org import services as org
from officium.org.models import Role


def ensure_approval_roles() -> dict[str, Role]:
    """The approval roles the built-in flows name, created when missing. They carry no permission, so
    the system creates them (audited, with no actor); granting them stays with the security
    administrator (三权分立)."""
    existing = {role.key: role for role in Role.objects.filter(key__in=APPROVAL_ROLES)}
    for key, name in APPROVAL_ROLES.items():
        if key not in existing:
            existing[key] = org.role_create(actor=None, key=key, name=name, permission_codes=[])
    return existing


def install(*, actor: Any, publish: bool, admin_ids: Sequence[UUID] = ()) -> list[Template]:
    """Create the built-in templates a company does not have yet (by built-in key); idempotent."""
    with transaction.atomic():
        ensure_approval_roles()
        have = set(Template.objects.exclude(builtin_key="").values_list("builtin_key", flat=True))
        created = []
        for order, builtin in enumerate(BUILTIN_TEMPLATES):
            if builtin.key in have:
                continue
            template = template_services.template_create(
                actor=actor,
                key=builtin.key,
                name=builtin.name,
                icon=builtin.icon,
                category=builtin.category,
                description=builtin.description,
                form={"fields": builtin.fields},
                flow={"nodes": builtin.nodes},
                settings=builtin.settings,
                admin_ids=admin_ids,
                builtin_key=builtin.key,
            )
            Template.objects.filter(pk=template.pk).update(order=order)
            if publish:
                template_services.template_publish(actor=actor, template_id=template.pk)
            created.append(template)
    return created
