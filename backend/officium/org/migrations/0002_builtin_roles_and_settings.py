"""The built-in roles (their permission codes are defined in officium.org.roles) and the settings row."""

from django.db import migrations

BUILTIN = {
    "system_admin": "System administrator",
    "security_admin": "Security administrator",
    "audit_admin": "Audit administrator",
    "hr": "HR",
    "finance": "Finance",
    "department_manager": "Department manager",
    "employee": "Employee",
}


def create_rows(apps, schema_editor):
    Role = apps.get_model("org", "Role")
    for key, name in BUILTIN.items():
        Role.objects.get_or_create(key=key, defaults={"name": name, "is_builtin": True})
    apps.get_model("org", "OrgSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
