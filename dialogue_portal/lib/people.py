"""How the portal names a person: one "Họ và tên", family name first, as Vietnamese write it.

A staff account's name lives in one field (``units.Person.full_name``, reached as
``user.person``), never in Django's first/last name pair, whose full-name method would put
the given name first. In templates the filter is a builtin:
``{{ concern.assignee|person_name }}``. Lists that show many people fetch the name with
``select_related("<user field>__person")`` (see :data:`PERSON`).
"""

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()

# The relation from a user to their name, for select_related: f"assignee__{PERSON}".
PERSON = "person"


def full_name_of(user: Any) -> str:
    """The stored full name of ``user`` ("" when none was given)."""
    try:
        person = user.person
    except (ObjectDoesNotExist, AttributeError):
        return ""
    return person.full_name if person is not None else ""


@register.filter
def person_name(user: Any) -> str:
    """The person's name, family name first; their username if they gave no name; "" for
    no user (a citizen, the system)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return full_name_of(user) or user.get_username()
