"""Several audit chains: every existing row stays on chain 1; heads 2–32 start at the genesis hash.

SQLite adds the column by rebuilding the table, which drops the append-only trigger: it is created again.
"""

from django.db import migrations, models

GENESIS_HASH = "0" * 64
CHAINS = 32


SQLITE_APPEND_ONLY = """
CREATE TRIGGER IF NOT EXISTS core_auditevent_append_only
BEFORE UPDATE ON core_auditevent
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"""


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_APPEND_ONLY)


def create_heads(apps, schema_editor):
    head = apps.get_model("core", "AuditChainHead")
    for chain in range(2, CHAINS + 1):
        head.objects.get_or_create(pk=chain, defaults={"last_hash": GENESIS_HASH, "last_event_id": 0})


def remove_empty_heads(apps, schema_editor):
    apps.get_model("core", "AuditChainHead").objects.filter(pk__gt=1, last_event_id=0).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_chain_and_append_only")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.RunPython(restore_sqlite_trigger, restore_sqlite_trigger),
        migrations.RunPython(create_heads, remove_empty_heads),
    ]
