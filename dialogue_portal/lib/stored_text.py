"""Cleaning text already stored: the data migrations' half of the control-character rule.

Forms refuse control characters (``lib.text``); rows written before that rule may hold
them. ``clean_stored_text`` rewrites only the rows that do: Word's pasted line and page
breaks become newlines, any other control character is removed, and the accent-free
search copies (``folded``) are folded again. On PostgreSQL the database finds the rows (a
regular expression per column); elsewhere (SQLite) every row is read once, a chunk at a
time, and checked in Python. Written for migrations: it takes the historical model, and
saves with ``bulk_update`` (no ``save()``, no signals).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db import connections, models

from .text import CONTROL_CHARACTERS, CONTROL_CHARACTERS_SQL, clean_control_characters, fold

CHUNK_SIZE = 2000


def text_fields(model: type[models.Model]) -> list[str]:
    """Every free-text column of ``model``: char and text fields without fixed choices."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def clean_stored_text(model: type[models.Model], *, using: str, folded: Sequence[str] = ()) -> int:
    """Clean every free-text column of ``model``'s rows; returns how many rows changed.

    ``folded`` names search copies (``fold`` of other columns): cleaned, then folded again,
    so they keep matching what the page shows.
    """
    fields = text_fields(model)
    if not fields:
        return 0
    rows = model._base_manager.using(using).only("pk", *fields).order_by("pk")
    if connections[using].vendor == "postgresql":
        rows = rows.filter(
            reduce(or_, (models.Q(**{f"{name}__regex": CONTROL_CHARACTERS_SQL}) for name in fields))
        )
    changed = []
    # Collected first, written after: no update while the reading cursor is open.
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        dirty = False
        for name in fields:
            value = getattr(row, name)
            if value and CONTROL_CHARACTERS.search(value):
                cleaned = clean_control_characters(value)
                setattr(row, name, fold(cleaned) if name in folded else cleaned)
                dirty = True
        if dirty:
            changed.append(row)
    model._base_manager.using(using).bulk_update(changed, fields, batch_size=500)
    return len(changed)
