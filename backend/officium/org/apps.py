"""Organisation: roles and their grants today; departments, positions and employees next."""

from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "officium.org"
    label = "org"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from officium.core import permissions
        from officium.org.selectors import permission_codes_for_user

        permissions.set_resolver(permission_codes_for_user)
