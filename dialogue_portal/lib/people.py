"""How the portal names a person: family (and middle) name first, as Vietnamese do.

Staff accounts keep the given name in ``first_name`` and the family and middle names in
``last_name`` ("Nguyễn Văn" + "Hải" is "Nguyễn Văn Hải"); Django's own full-name method
would put the given name first, so the portal never uses it. In templates the filter is
a builtin: ``{{ concern.assignee|person_name }}``.
"""

from typing import Any

from django import template

register = template.Library()


@register.filter
def person_name(user: Any) -> str:
    """The person's name, family name first; their username if they gave no name; "" for
    no user (a citizen, the system)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    full = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return full or user.get_username()
