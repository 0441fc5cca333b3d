"""Forms of the public pages: submitting a concern, looking it up, accepting or disputing."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.forms import Form, MultipleFileField, MultipleFileInput, max_length_of
from dialogue_portal.lib.text import fold
from dialogue_portal.lib.uploads import validate_upload
from units.models import Unit

from .institutions import ADDRESSED_TO_HELP, choices_for, generic_choices, name_patterns
from .models import AccusedRole, AddressedTo, Category, Concern, ConcernType
from .selectors import retention_years as applied_retention_years
from .tracking import normalize_code

CONTENT_MIN_LENGTH = 10
CONTENT_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 5_000
MAX_ATTACHMENTS = 3
ATTACHMENT_KINDS = ("jpeg", "png", "pdf")
# Phone numbers as people type them: digits, spaces, dots, hyphens, brackets, a leading +.
_PHONE_CHARS = re.compile(r"^\+?[0-9 .()\-]+$")

MSG_CONTACT_NEEDED = _(
    "Give a phone number or an e-mail address: it is the second key that lets you, and only "
    "you, follow this concern with its tracking code."
)
MSG_IDENTITY_NEEDED = _(
    "A complaint or a denunciation needs your full name and your address: the law does not "
    "allow them to be handled anonymously."
)
MSG_ACCUSED_ROLE_NEEDED = _(
    "Say whom the denunciation is about: it decides who resolves it, and the person you "
    "denounce never sees it."
)
MSG_ANONYMOUS_ONLY_DENUNCIATION = _(
    "Only a denunciation may be sent without your name, and it is then kept as information "
    "for inspection, not handled as a denunciation."
)
MSG_ANONYMOUS_NO_FILES = _(
    "Files are not kept with anonymous information: remove them and describe the evidence "
    "in the text instead, or give your name to send them with a denunciation."
)
MSG_CONSENT_NEEDED = _("Tick the box to agree, or the ward cannot take in your concern.")
MSG_PHONE_INVALID = _("Enter a phone number of 9 to 12 digits, e.g. 0901 234 567.")
MSG_BODY_INVALID = _(
    "Choose whom your concern is addressed to: the People's Committee or the Party committee "
    "(“%(value)s” is neither)."
)
MSG_BODY_REQUIRED = _(
    "Choose whom your concern is addressed to: the People's Committee or the Party committee."
)
MSG_TOO_MANY_FILES = _("Attach at most %(count)d files.")
MSG_HONEYPOT = _(
    "This form looks as if it was filled in automatically, so nothing was stored. If you are a "
    "person, check your entries and send it again."
)
MSG_CODE_LOOKS_WRONG = _(
    "Check the tracking code: a character looks wrong. It has 14 letters and digits, "
    "like 7KQ4-M2ZC-H8D1-XR."
)
MSG_FACTOR_INVALID = _("Type the last 4 digits of your phone number, or your e-mail address.")
MSG_NOT_FOUND = _(
    "We found no concern with this tracking code and this phone number or e-mail address. "
    "Check both and try again."
)


def retention_years() -> int:
    """How long contact details are kept after a concern ends (stated next to the consent box):
    the period the anonymisation command applies (``PERSONAL_DATA_RETENTION_YEARS``)."""
    return applied_retention_years()


def commune_level_units():
    """The units a citizen may address: active wards, communes and the special zone."""
    return Unit.objects.filter(is_active=True, kind__in=Unit.COMMUNE_LEVEL_KINDS).order_by(
        vietnamese_order("name")
    )


class WardSelect(forms.Select):
    """A ``<select>`` whose options carry their accent-free name for the progressive filter."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-search"] = instance.search_name
            # The unit's name inside a sentence, for naming its two bodies as it is chosen.
            option["attrs"]["data-place"] = instance.name_in_text
        return option


def addressed_to_field(**kwargs) -> forms.ChoiceField:
    """ "Addressed to": the People's Committee or the Party committee of the unit."""
    return forms.ChoiceField(
        label=_("Addressed to"),
        choices=generic_choices,
        widget=forms.RadioSelect,
        help_text=ADDRESSED_TO_HELP,
        error_messages={"invalid_choice": MSG_BODY_INVALID, "required": MSG_BODY_REQUIRED},
        **kwargs,
    )


class AlwaysEmptyInput(forms.TextInput):
    """The honeypot's input: never renders a value back."""

    def format_value(self, value):
        return None


def validate_attachments(files) -> list:
    """At most MAX_ATTACHMENTS files, each a real JPEG, PNG or PDF within the size limit."""
    files = list(files or [])
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            MSG_TOO_MANY_FILES, code="too_many", params={"count": MAX_ATTACHMENTS}
        )
    errors = []
    for upload in files:
        try:
            validate_upload(upload, allowed=ATTACHMENT_KINDS)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return files


def clean_phone(value: str) -> str:
    """Digits only (with a leading + kept), or ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARS.match(value) or not 9 <= len(digits) <= 12:
        raise ValidationError(MSG_PHONE_INVALID, code="phone")
    return ("+" if value.startswith("+") else "") + digits


class ConcernSubmitForm(Form):
    """The public form. Anyone may send a report, recommendation or feedback; identity for the rest."""

    ward = forms.ModelChoiceField(
        label=_("Ward, commune or special zone"),
        queryset=commune_level_units(),
        widget=WardSelect,
        empty_label=_("— Choose the unit concerned —"),
        help_text=_("The commune-level unit responsible for the place your concern is about."),
        error_messages={
            "invalid_choice": _("Choose a ward, commune or special zone from the list.")
        },
    )
    addressed_to = addressed_to_field(initial=AddressedTo.STATE)
    type = forms.ChoiceField(
        label=_("What kind of concern is it?"),
        choices=ConcernType.choices,
        initial=ConcernType.REPORT,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Category.objects.filter(is_active=True).order_by(
            "ordering", vietnamese_order("name")
        ),
        required=False,
        empty_label=_("— Not sure: let the ward classify it —"),
    )
    content = forms.CharField(
        label=_("Your concern"),
        min_length=CONTENT_MIN_LENGTH,
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe what happened, where and since when, and what you ask for. At most "
            "10,000 characters."
        ),
    )
    address = forms.CharField(
        label=_("Location (optional)"),
        max_length=max_length_of(Concern, "address"),
        required=False,
        help_text=_("House number, street, neighbourhood: where the problem is."),
    )
    # A denunciation: whom it is about (it decides who resolves it), and the choice of
    # sending it without a name (kept as anonymous information for inspection).
    accused_role = forms.ChoiceField(
        label=_("For a denunciation: whom is it about?"),
        choices=[(value, label) for value, label in AccusedRole.choices if value],
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "A denunciation of the ward's Party secretary, People's Committee chair or one of "
            "their deputies is resolved by the city, never by the ward. One about a Party "
            "member's conduct goes to the Party's inspection committee."
        ),
    )
    accused_name = forms.CharField(
        label=_("Name and position of the person denounced (optional)"),
        max_length=max_length_of(Concern, "accused_name"),
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("I do not want to give my name (anonymous information)"),
        required=False,
        help_text=_(
            "The law does not handle an anonymous denunciation as such: it is kept as "
            "information for inspection when it is specific, gets no answer and no tracking "
            "code, and nothing about you is stored."
        ),
    )
    evidence = forms.CharField(
        label=_("Evidence you can describe (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    submitter_name = forms.CharField(
        label=_("Full name"),
        max_length=max_length_of(Concern, "submitter_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    submitter_phone = forms.CharField(
        label=_("Phone number"),
        max_length=max_length_of(Concern, "submitter_phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    submitter_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation and the answer to this address."),
    )
    submitter_address = forms.CharField(
        label=_("Your address"),
        max_length=max_length_of(Concern, "submitter_address"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the use of my contact details as described above."),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-purpose"}),
    )
    # Honeypot: hidden from people (and from screen readers); bots fill every field.
    reference_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=500,
        widget=AlwaysEmptyInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, ward_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.attachments_help = _(
            "Up to %(count)d files: JPEG or PNG photos, or PDF documents, each at most %(size)d MB."
        ) % {"count": MAX_ATTACHMENTS, "size": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        self.fields["attachments"].help_text = self.attachments_help
        self.ward_query = fold(ward_query)[:100]
        if self.ward_query and not self.is_bound:
            # Showing the form after a search: only the matching units are offered.
            matching = self.fields["ward"].queryset.filter(search_name__contains=self.ward_query)
            self.ward_matches = len(matching)
            if self.ward_matches:
                self.fields["ward"].queryset = matching
                if self.ward_matches == 1:
                    self.initial["ward"] = matching[0].pk
        else:
            self.ward_matches = None
        # The two bodies named for the unit when it is known, in plain words otherwise.
        self.chosen_ward = self._chosen_ward()
        self.fields["addressed_to"].choices = choices_for(self.chosen_ward)
        self.body_patterns = name_patterns()
        self.generic_labels = {value: str(label) for value, label in generic_choices()}

    def _chosen_ward(self) -> Unit | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix("ward"), "")
        else:
            value = self.initial.get("ward", "")
        value = str(getattr(value, "pk", value) or "")
        if not value.isdigit():
            return None
        return self.fields["ward"].queryset.filter(pk=int(value)).first()

    def clean_submitter_phone(self):
        return clean_phone(self.cleaned_data.get("submitter_phone", ""))

    def clean_submitter_email(self):
        return (self.cleaned_data.get("submitter_email") or "").strip()

    def clean_attachments(self):
        return validate_attachments(self.cleaned_data.get("attachments"))

    def clean(self):
        data = super().clean()
        if data.get("reference_url"):
            raise ValidationError(MSG_HONEYPOT, code="honeypot")
        denunciation = data.get("type") == ConcernType.DENUNCIATION
        if not denunciation:
            data["accused_role"], data["accused_name"] = "", ""
        if data.get("anonymous"):
            if not denunciation:
                self.add_error("anonymous", ValidationError(MSG_ANONYMOUS_ONLY_DENUNCIATION))
                return data
            if data.get("attachments"):
                # Files are not kept with anonymous information: say so rather than drop them.
                self.add_error(
                    "attachments", ValidationError(MSG_ANONYMOUS_NO_FILES, code="anonymous_files")
                )
            # Nothing about the person is kept: what they typed there is dropped.
            for name in ("submitter_name", "submitter_phone", "submitter_email"):
                data[name] = ""
            data["submitter_address"], data["consent"] = "", False
            self.errors.pop("consent", None)
            return data
        if denunciation and "accused_role" in data and not data["accused_role"]:
            self.add_error(
                "accused_role", ValidationError(MSG_ACCUSED_ROLE_NEEDED, code="required")
            )
        if not data.get("consent") and "consent" not in self.errors:
            self.add_error("consent", ValidationError(MSG_CONSENT_NEEDED, code="required"))
        phone = data.get("submitter_phone")
        email = data.get("submitter_email")
        if "submitter_phone" in data and "submitter_email" in data and not (phone or email):
            self.add_error("submitter_phone", ValidationError(MSG_CONTACT_NEEDED, code="contact"))
        if ConcernType.requires_identity(data.get("type", "")):
            for name in ("submitter_name", "submitter_address"):
                if name in data and not data[name]:
                    self.add_error(name, ValidationError(MSG_IDENTITY_NEEDED, code="identity"))
        return data


class LookupForm(Form):
    """Tracking code plus a second factor. The check symbol is tested before any lookup."""

    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_(
            "14 letters and digits, e.g. 7KQ4-M2ZC-H8D1-XR. Spaces and lower case are fine."
        ),
    )
    factor = forms.CharField(
        label=_("Last 4 digits of your phone number, or your e-mail address"),
        max_length=254,
        # Like a password: never written back into the page.
        widget=AlwaysEmptyInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The phone number or e-mail address you gave when you sent the concern."),
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(MSG_CODE_LOOKS_WRONG, code="bad_code")
        return code

    def clean_factor(self):
        value = self.cleaned_data["factor"].strip()
        if "@" in value:
            return value.lower()
        digits = re.sub(r"\D", "", value)
        if len(digits) < 4 or not _PHONE_CHARS.match(value):
            raise ValidationError(MSG_FACTOR_INVALID, code="bad_factor")
        return digits[-4:]


class DisputeForm(Form):
    reason = forms.CharField(
        label=_("Why do you not accept the answer?"),
        min_length=CONTENT_MIN_LENGTH,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say what the answer leaves out or gets wrong. The ward must look at it again."
        ),
    )


# --- The second complaint (Luật Khiếu nại năm 2011, Điều 33), from the status page -----

REASONS_MAX_LENGTH = 5000


class SecondComplaintForm(Form):
    """Why the complainant does not agree with the first decision."""

    reasons = forms.CharField(
        label=_("Why you do not agree with the first decision"),
        max_length=REASONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Your second complaint goes to the Chairman of the People's Committee of Ho Chi "
            "Minh City, with the same name and contact details as the first."
        ),
    )
