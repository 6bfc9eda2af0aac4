"""The platform core: events, errors, audit log, permissions, pagination, realtime, health."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "officium.core"
    label = "core"
    verbose_name = "Officium core"

    def ready(self) -> None:
        from officium.core import events, permissions

        permissions.register_app_permissions()
        events.load_handlers()
