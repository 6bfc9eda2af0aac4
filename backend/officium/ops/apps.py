"""Operations (运维): backup and restore, restore drills and scheduled backups."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "officium.ops"
    label = "ops"
    verbose_name = "Operations"
