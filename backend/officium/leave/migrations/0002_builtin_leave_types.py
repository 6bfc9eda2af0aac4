"""The types of leave Chinese companies use; codes match the built-in leave approval template."""

from django.db import migrations

TYPES = (
    # code, name, unit, tracked (has a balance), paid
    ("annual", "年假", "day", True, True),
    ("personal", "事假", "half_day", False, False),
    ("sick", "病假", "half_day", False, True),
    ("compensatory", "调休", "hour", True, True),
    ("marriage", "婚假", "day", False, True),
    ("maternity", "产假", "day", False, True),
    ("paternity", "陪产假", "day", False, True),
    ("bereavement", "丧假", "day", False, True),
    ("nursing", "哺乳假", "hour", False, True),
)


def create_types(apps, schema_editor):
    leave_type = apps.get_model("leave", "LeaveType")
    for order, (code, name, unit, tracked, paid) in enumerate(TYPES):
        leave_type.objects.get_or_create(
            code=code, defaults={"name": name, "unit": unit, "tracked": tracked, "paid": paid, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("leave", "0001_initial")]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
