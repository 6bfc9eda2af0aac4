"""Approvals (审批): form and flow designer, engine, inbox."""

from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "officium.approvals"
    label = "approvals"
    verbose_name = "Approvals"
