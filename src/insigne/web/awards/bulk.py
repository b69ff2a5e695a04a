"""Storing a batch of new awards in one go.

On PostgreSQL the rows go through COPY: an INSERT of 500 awards is a query of some ten
thousand placeholders that psycopg parses in Python on every batch (it caches only short
queries), which cost more than signing the credentials (bench/issuance.py). Elsewhere,
Django's bulk_create.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import AutoField

from .models import Award

BATCH = 500


def insert(awards: Sequence[Award]) -> None:
    """Store ``awards`` (new, unsaved) and set their primary keys; inside a transaction."""
    if not awards:
        return
    if connection.vendor != "postgresql":
        Award.objects.bulk_create(awards, batch_size=BATCH)
        return
    fields = [f for f in Award._meta.concrete_fields if not isinstance(f, AutoField)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    statement = f"COPY {quote(Award._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for award in awards:
            copy.write_row(
                [
                    field.get_db_prep_save(field.pre_save(award, True), connection)
                    for field in fields
                ]
            )
    keys = dict(
        Award.objects.filter(public_id__in=[award.public_id for award in awards]).values_list(
            "public_id", "pk"
        )
    )
    for award in awards:
        award.pk = keys[award.public_id]
        award._state.adding = False
        award._state.db = connection.alias
