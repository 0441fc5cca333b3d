"""What every form of the portal shares: safe text at the door, several files in one input,
field limits read from the models.

Every form, public and staff, derives from ``Form`` or ``ModelForm`` here (a test walks the
form modules and fails on one that does not). Their text fields (every ``CharField``,
declared or generated from a model, ``EmailField`` and ``URLField`` included) follow the
rule of ``dialogue_portal.lib.text``: Word's pasted line and page breaks become a newline,
any other control character is refused with ``MSG_CONTROL_CHARACTERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

from .text import normalise_pasted_breaks, validate_no_control_characters


def _pasted_breaks_first(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def normalised(value: Any) -> Any:
        if isinstance(value, str):
            value = normalise_pasted_breaks(value)
        return to_python(value)

    return normalised


def guard_text_field(field: forms.Field) -> None:
    """Apply the control-character rule to one form field (text fields only; idempotent)."""
    if not isinstance(field, forms.CharField) or getattr(field, "text_guarded", False):
        return
    # The rule's validator also refuses NUL, with a message that says what to do.
    field.validators = [
        v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
    ]
    field.validators.append(validate_no_control_characters)
    field.to_python = _pasted_breaks_first(field.to_python)
    field.text_guarded = True


class SafeTextMixin:
    """Guards every text field of the form instance (``self.fields`` are per-instance copies)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            guard_text_field(field)


class Form(SafeTextMixin, forms.Form):
    """The portal's base form."""


class ModelForm(SafeTextMixin, forms.ModelForm):
    """The portal's base model form."""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list of files (possibly empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def max_length_of(model: type[models.Model], field_name: str) -> int | None:
    """The ``max_length`` of a model field, so a form states its limit once: in the model."""
    return model._meta.get_field(field_name).max_length
