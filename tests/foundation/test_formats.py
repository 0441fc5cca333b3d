from datetime import date

import pytest
from django import forms
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_typed_dates_are_read_day_first_in_both_languages(language):
    with translation.override(language):
        form = DateForm({"day": "07/03/2026"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == date(2026, 3, 7)
        assert DateForm({"day": "2026-03-07"}).is_valid()
