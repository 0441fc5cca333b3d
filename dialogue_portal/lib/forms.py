"""What every form of the portal shares: safe text at the door, selects that say what to
choose, several files in one input, field limits read from the models.

Every form, public and staff, derives from ``Form`` or ``ModelForm`` here (a test walks the
form modules and fails on one that does not). Their text fields (every ``CharField``,
declared or generated from a model, ``EmailField`` and ``URLField`` included) follow the
rule of ``dialogue_portal.lib.text``: Word's pasted line and page breaks become a newline,
any other control character is refused with ``MSG_CONTROL_CHARACTERS``.

Their selects never open on "---------": the empty choice of a ``ChoiceField``,
``TypedChoiceField`` or ``ModelChoiceField`` (model fields with ``blank=True`` choices
included) reads "— Choose <the field's label> —" ("— Chọn loại ý kiến —"). A form that
set its own empty label keeps it, unless it says nothing either ("—", "— Choose —").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext

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


# Empty-choice labels that do not say what to choose: Django's default and a bare dash.
SILENT_EMPTY_LABELS = frozenset({"---------", "—", "–", "-"})


def _says_nothing(label: Any) -> bool:
    text = str(label).strip()
    return text in SILENT_EMPTY_LABELS or text == gettext("— Choose —")


def _lower_first(label: str) -> str:
    """Lower-case the first letter (Loại ý kiến → loại ý kiến); an acronym keeps its capitals."""
    first_word = label.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return label
    return label[:1].lower() + label[1:]


def _choose(label: Any) -> str:
    text = str(label).strip().rstrip(":").rstrip()
    if not text or text.endswith("?"):
        # A question ("Is the feedback accepted?") names no thing to choose: its answer.
        return gettext("— Choose one —")
    return gettext("— Choose %(label)s —") % {"label": _lower_first(text)}


# Lazy, so the prompt follows the language active when the page renders.
choose_prompt = lazy(_choose, str)


def prompt_empty_choice(field: forms.Field, name: str) -> None:
    """Give a select's empty choice a label that says what to choose (idempotent)."""
    if not isinstance(field.widget, forms.Select) or isinstance(
        field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField
    ):
        return
    label = field.label if field.label is not None else pretty_name(name)
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and _says_nothing(field.empty_label):
            field.empty_label = choose_prompt(label)
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices = list(field.choices)
    if not any(value in ("", None) and _says_nothing(text) for value, text in choices):
        return
    field.choices = [
        (value, choose_prompt(label))
        if value in ("", None) and not isinstance(text, list | tuple) and _says_nothing(text)
        else (value, text)
        for value, text in choices
    ]


class ChoicePromptMixin:
    """Every select of the form says what to choose: fields set up in ``__init__`` and
    those a subclass adds or replaces afterwards (fixed when the field is first rendered)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            prompt_empty_choice(field, name)

    def __getitem__(self, name: str) -> forms.BoundField:
        field = self.fields.get(name)
        if field is not None and name not in self._bound_fields_cache:  # type: ignore[attr-defined]
            prompt_empty_choice(field, name)
        return super().__getitem__(name)  # type: ignore[misc]


class Form(SafeTextMixin, ChoicePromptMixin, forms.Form):
    """The portal's base form."""


class ModelForm(SafeTextMixin, ChoicePromptMixin, forms.ModelForm):
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
