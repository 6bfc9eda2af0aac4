"""What a form may point at (people, departments, files, other approvals), and files joining an approval.

A file can be named by the person who uploaded it while it belongs to no approval yet, or by anyone
writing to the approval it already belongs to: never someone else's loose upload, never another
approval's file (its readers, not this approval's, may download it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q

from officium.approvals import forms, selectors
from officium.approvals.models import Attachment, Instance
from officium.core.errors import ValidationFailed
from officium.org.models import Department, Employee


def check(me: Employee, form: Mapping[str, Any], values: Mapping[str, Any], instance: Instance | None = None) -> None:
    found = forms.references(form, values)
    problems = []
    if found["employees"] and Employee.objects.filter(pk__in=found["employees"]).count() != len(found["employees"]):
        problems.append("people")
    if found["departments"] and Department.objects.filter(pk__in=found["departments"]).count() != len(
        found["departments"]
    ):
        problems.append("departments")
    if found["attachments"]:
        usable = Q(uploaded_by=me, instance__isnull=True)
        if instance is not None:
            usable |= Q(instance=instance)
        if Attachment.objects.filter(usable, pk__in=found["attachments"]).count() != len(found["attachments"]):
            problems.append("attachments")
    if found["instances"]:
        visible = selectors.visible_instances(me).filter(pk__in=found["instances"])
        if visible.count() != len(found["instances"]):
            problems.append("related approvals")
    if problems:
        raise ValidationFailed(f"Unknown {', '.join(problems)} in the form.", code="unknown_reference")


def attach(me: Employee, instance: Instance, form: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """The files I uploaded for this form now belong to the approval (its readers may download them)."""
    named = forms.references(form, values)["attachments"]
    Attachment.objects.filter(pk__in=named, uploaded_by=me, instance__isnull=True).update(instance=instance)
