"""The body a concern is addressed to, named as people read it.

A concern goes to one institution of its unit: the People's Committee (Ủy ban nhân dân) or
the Party committee (Đảng ủy). That body handles, answers and signs it; the citizen's page
names it ("Ủy ban nhân dân phường Bến Thành"), the forms offer both in plain words.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from units.models import Unit

from .models import AddressedTo

# When to choose which: the Party committee for the conduct of Party members and cadres and
# for Party building; the People's Committee for the rest of public life.
ADDRESSED_TO_HELP = _(
    "Choose the Party committee for the conduct of Party members and cadres and for "
    "building the Party; choose the People's Committee for administration, public services, "
    "land and construction, urban order, the environment and everything else. If you are "
    "not sure, choose the People's Committee."
)


def name_patterns() -> dict[str, str]:
    """How each body of a commune-level unit is named, around the unit's name in a
    sentence (``%(place)s``: "phường Bến Thành")."""
    return {
        AddressedTo.STATE: gettext("People's Committee of %(place)s"),
        AddressedTo.PARTY: gettext("Party committee of %(place)s"),
    }


def body_name(unit: Unit, addressed_to: str) -> str:
    """ "Ủy ban nhân dân phường Bến Thành", "Đảng ủy phường Bến Thành" (the city's Party
    committee is the Thành ủy)."""
    place = unit.name_in_text
    if addressed_to == AddressedTo.INSPECTION:
        # The Party committee's inspection committee: "Ủy ban Kiểm tra Đảng ủy phường Bến
        # Thành", at city level "Ủy ban Kiểm tra Thành ủy Thành phố Hồ Chí Minh".
        if unit.kind == Unit.Kind.CITY:
            return gettext("Inspection committee of the City Party Committee of %(place)s") % {
                "place": place
            }
        return gettext("Inspection committee of the Party committee of %(place)s") % {
            "place": place
        }
    if addressed_to == AddressedTo.PARTY and unit.kind == Unit.Kind.CITY:
        return gettext("City Party Committee of %(place)s") % {"place": place}
    patterns = name_patterns()
    return patterns.get(addressed_to, patterns[AddressedTo.STATE]) % {"place": place}


def generic_choices() -> list[tuple[str, str]]:
    """The two bodies of any ward, commune or special zone (before one is chosen)."""
    return [
        (AddressedTo.STATE, _("People's Committee of the ward, commune or special zone")),
        (AddressedTo.PARTY, _("Party committee of the ward, commune or special zone")),
    ]


def choices_for(unit: Unit | None) -> list[tuple[str, str]]:
    """The two bodies of ``unit`` by name, or of any commune-level unit when None."""
    if unit is None:
        return generic_choices()
    return [(value, body_name(unit, value)) for value in (AddressedTo.STATE, AddressedTo.PARTY)]
