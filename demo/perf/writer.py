"""The bulk writer: rows straight into the tables, ``COPY`` on PostgreSQL, ``executemany`` elsewhere."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

from django.db import connection
from django.db.models import Max

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if kind is bool:
        return "t" if value else "f"
    if kind is int:
        return str(value)
    if kind is datetime or kind is date:
        return value.isoformat()
    if isinstance(value, str):  # a TextChoices member: its plain value
        return value.translate(_COPY_ESCAPES)
    return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)


class TableWriter:
    """Buffers rows (tuples in ``columns`` order) and writes them in batches.

    PostgreSQL: ``COPY … FROM STDIN`` from an in-memory buffer. Elsewhere (SQLite):
    ``executemany`` of one INSERT, values adapted as Django adapts them. Not
    ``bulk_create``: it would stamp ``auto_now``/``auto_now_add`` fields with the time of
    the run (the data would neither be history-like nor deterministic) and builds a model
    instance per row.
    """

    def __init__(self, model, columns: list[str], batch_size: int):
        self.model = model
        self.columns = columns
        self.batch_size = batch_size
        self.rows: list[tuple] = []
        self.written = 0
        self.db_columns = [model._meta.get_field(name).column for name in columns]
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.db_columns)
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.sql = f"COPY {self.table} ({quoted}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * len(columns))
            # Names from the model's metadata, values as parameters: nothing user-supplied.
            self.sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})"  # noqa: S608  # nosec B608

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.postgres:
            buffer = io.StringIO()
            buffer.writelines("\t".join(map(_copy_text, row)) + "\n" for row in self.rows)
            buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(self.sql, buffer)
        else:
            adapt = _sqlite_value
            params = [tuple(map(adapt, row)) for row in self.rows]
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        self.written += len(self.rows)
        self.rows = []


def _sqlite_value(value):
    kind = type(value)
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value(value)
    if kind is date:
        return value.isoformat()
    if kind is list or kind is dict:
        return json.dumps(value)
    return value


def first_free_id(model) -> int:
    """The first primary key after the table's current maximum (ids are assigned here)."""
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
