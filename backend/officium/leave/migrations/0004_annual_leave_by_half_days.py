"""Annual leave is taken by half days (上午 / 下午), as the built-in leave form now asks for it."""

from django.db import migrations


def by_half_days(apps, schema_editor):
    apps.get_model("leave", "LeaveType").objects.filter(code="annual", unit="day").update(unit="half_day")


def by_days(apps, schema_editor):
    apps.get_model("leave", "LeaveType").objects.filter(code="annual", unit="half_day").update(unit="day")


class Migration(migrations.Migration):
    dependencies = [("leave", "0003_carry_over")]

    operations = [migrations.RunPython(by_half_days, by_days)]
