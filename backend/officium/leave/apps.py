"""Leave (休假): leave types and the balance ledger."""

from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "officium.leave"
    label = "leave"
    verbose_name = "Leave"
