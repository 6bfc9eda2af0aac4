"""Many rows into one table at once, as cheaply as the database allows (ADR 0022).

On PostgreSQL the rows go in through COPY: streamed, without an SQL statement to build and quote
(which, for a batch of punches through `bulk_create`, cost more than everything else the batch
did). COPY parses each value from its text form as it would a literal, so values the database reads
as they are (ids, text, numbers, times) go as they are; the fields whose values need adapting
(JSON, IP addresses and any other kind) are prepared by the field, as for any INSERT. A row that
breaks a constraint fails the whole COPY with an IntegrityError, as a multi-row INSERT would.
Elsewhere the rows go through `bulk_create`.

Auto-incremented keys are taken from their sequence first, so that the objects come back with their
ids as `bulk_create` would return them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models.fields import AutoFieldMixin
from psycopg import errors

# Fields whose Python values PostgreSQL reads as they are (the field's own preparation returns them unchanged).
AS_THEY_ARE = (
    models.UUIDField,
    models.CharField,
    models.TextField,
    models.DateTimeField,
    models.DateField,
    models.BooleanField,
    models.IntegerField,
    models.BigAutoField,
    models.AutoField,
    models.DecimalField,
)
CONSTRAINT_ERRORS = (errors.UniqueViolation, errors.ForeignKeyViolation, errors.NotNullViolation, errors.CheckViolation)


def insert(objects: Sequence[models.Model]) -> None:
    """INSERT the objects (all of one model) in one statement."""
    if not objects:
        return
    model = type(objects[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if str(connection.vendor) != "postgresql":
        model._default_manager.using(alias).bulk_create(objects)
        return
    meta = model._meta
    values = _row_values(model, alias)
    with transaction.atomic(using=alias, savepoint=False), connection.cursor() as cursor:
        if _auto_increments(meta.pk) and all(obj.pk is None for obj in objects):
            _take_ids(cursor, meta, objects)
        columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in meta.concrete_fields)
        statement = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
        try:
            with cursor.cursor.copy(statement) as copy:  # psycopg's cursor: Django's wrapper has no COPY
                for obj in objects:
                    copy.write_row(values(obj))
        except CONSTRAINT_ERRORS as error:
            raise IntegrityError(*error.args) from error
    for obj in objects:
        obj._state.adding = False
        obj._state.db = alias


@functools.cache
def _row_values(model: type[models.Model], alias: str) -> Callable[[models.Model], list[Any]]:
    """A function giving an object's column values in the order of `concrete_fields`."""
    connection = connections[alias]
    getters: list[Callable[[models.Model], Any]] = []
    for field in model._meta.concrete_fields:
        target = getattr(field, "target_field", field)  # a foreign key's value is its target's
        if isinstance(target, AS_THEY_ARE) and not isinstance(field, models.JSONField):
            getters.append(functools.partial(_attribute, field.attname))
        else:
            getters.append(functools.partial(_prepared, field, connection))
    return lambda obj: [getter(obj) for getter in getters]


def _attribute(name: str, obj: models.Model) -> Any:
    return getattr(obj, name)


def _prepared(field: models.Field[Any, Any], connection: Any, obj: models.Model) -> Any:
    return field.get_db_prep_save(getattr(obj, field.attname), connection)


def _auto_increments(pk: object) -> bool:
    return isinstance(pk, AutoFieldMixin)


def _take_ids(cursor: Any, meta: Any, objects: Sequence[models.Model]) -> None:
    """Give the objects the next ids of their table's sequence, in order."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [meta.db_table, meta.pk.column, len(objects)],
    )
    for obj, pk in zip(objects, sorted(row[0] for row in cursor.fetchall()), strict=True):
        obj.pk = pk
