"""Forms of the sessions app. Domain rules live in the services; forms check input shape."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.forms import Form, ModelForm, MultipleFileField, max_length_of
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.text import fold
from units.models import Unit

from .models import (
    AttachmentKind,
    ChairRole,
    DelegatingHead,
    DialogueSession,
    MassOrganisation,
    SessionKind,
    SessionState,
)
from .services import CONCLUSIONS_FIELDS, PLAN_FIELDS, Upload, check_upload, validate_plan

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUT_FORMATS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def datetime_field(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        **kwargs,
    )


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class SessionPlanForm(ModelForm):
    """Create or edit the plan. ``version`` carries the optimistic lock on edits."""

    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    planned_start = datetime_field(_("Start"))
    planned_end = datetime_field(_("End"))
    co_organisers = forms.MultipleChoiceField(
        label=_("Co-organisers"),
        choices=MassOrganisation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=max_length_of(DialogueSession, "online_link"),
        assume_scheme="https",
        help_text=_("Required for online and hybrid sessions."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DialogueSession
        fields = list(PLAN_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_audience": forms.Textarea(attrs={"rows": 2}),
            "how_to_take_part": forms.Textarea(attrs={"rows": 3}),
        }

    # Fieldsets for the template: (legend, [field names]).
    FIELDSETS = [
        (_("Unit and kind"), ["unit", "kind", "topic", "description"]),
        (_("When and where"), ["planned_start", "planned_end", "format", "place", "online_link"]),
        (
            _("Hosts and co-organisers"),
            [
                "hosts",
                "party_secretary_name",
                "chair_name",
                "delegate_name",
                "delegate_position",
                "co_organisers",
                "other_co_organisers",
            ],
        ),
        (_("Participants"), ["target_audience", "expected_attendance", "how_to_take_part"]),
    ]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The unit of an existing session never changes.
            del self.fields["unit"]
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        else:
            self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
            del self.fields["version"]
        self.fields["party_secretary_name"].help_text = _(
            "Fill in the names of the hosts who preside; at least one is required."
        )

    def clean(self):
        cleaned = super().clean()
        try:
            validate_plan(cleaned)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                if field not in self.errors:
                    self.add_error(field, errors)
        return cleaned

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def plan_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in PLAN_FIELDS}


class AnnounceForm(Form):
    late_reason = forms.CharField(
        label=_("Reason for announcing with late notice"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Only needed, and only accepted from the unit head, when the notice is shorter than the rule asks."
        ),
    )


class PostponeForm(Form):
    new_start = datetime_field(_("New start"))
    new_end = datetime_field(_("New end"))
    reason = forms.CharField(
        label=_("Reason for postponement"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for cancellation"), widget=forms.Textarea(attrs={"rows": 3})
    )


class _UploadsMixin:
    """Validate the upload fields by content; expose them as ``Upload`` objects."""

    UPLOAD_FIELDS = {
        "minutes_file": AttachmentKind.MINUTES,
        "photos": AttachmentKind.PHOTO,
        "sign_in_sheet": AttachmentKind.SIGN_IN_SHEET,
    }

    def _check(self, name: str):
        value = self.cleaned_data.get(name)
        files = value if isinstance(value, list) else ([value] if value else [])
        errors = []
        for upload in files:
            try:
                check_upload(self.UPLOAD_FIELDS[name], upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return value

    def clean_minutes_file(self):
        return self._check("minutes_file")

    def clean_photos(self):
        return self._check("photos")

    def clean_sign_in_sheet(self):
        return self._check("sign_in_sheet")

    def uploads(self) -> list[Upload]:
        found = []
        for name, kind in self.UPLOAD_FIELDS.items():
            value = self.cleaned_data.get(name)
            files = value if isinstance(value, list) else ([value] if value else [])
            found.extend(Upload(kind=kind, file=f) for f in files)
        return found


def _size_help():
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.UPLOAD_MAX_BYTES)


class HeldForm(_UploadsMixin, Form):
    actual_start = datetime_field(_("Actual start"))
    actual_end = datetime_field(_("Actual end"), required=False)
    chaired_by_role = forms.ChoiceField(label=_("Who chaired"), choices=ChairRole.choices)
    chaired_by_name = forms.CharField(
        label=_("Full name of the person who chaired"),
        max_length=max_length_of(DialogueSession, "chaired_by_name"),
        help_text=_("Family name first: Nguyễn Văn Hải."),
    )
    chaired_by_position = forms.CharField(
        label=_("Position of the person who chaired"),
        max_length=max_length_of(DialogueSession, "chaired_by_position"),
        required=False,
        help_text=_(
            "As documents write it. Left empty for a head or deputy, it is written for you: "
            "“Bí thư Đảng ủy phường …”, “Chủ tịch Ủy ban nhân dân phường …”."
        ),
    )
    delegated_by = forms.ChoiceField(
        label=_("Delegated by"),
        choices=[("", _("— Whose place the delegate took —")), *DelegatingHead.choices],
        required=False,
        help_text=_("Only when someone chaired in a head's place."),
    )
    co_chairs = forms.CharField(
        label=_("Co-chairs (dialogue conference)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "The Fatherland Front committee and the standing member of the People's Council "
            "who chaired jointly, with their names and positions."
        ),
    )
    attendance_count = forms.IntegerField(
        label=_("Number of people attending"), min_value=0, required=False
    )
    bodies_present = forms.CharField(
        label=_("Bodies present"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Who attended from which bodies (Party committee, UBND, MTTQ, organisations)."),
    )
    minutes_text = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    recording_link = forms.URLField(
        label=_("Audio or video recording link"),
        required=False,
        max_length=max_length_of(DialogueSession, "recording_link"),
        assume_scheme="https",
    )
    minutes_file = forms.FileField(label=_("Signed minutes (PDF)"), required=False)
    photos = MultipleFileField(label=_("Photos (JPEG or PNG)"), required=False)
    sign_in_sheet = forms.FileField(label=_("Sign-in sheet (PDF, JPEG or PNG)"), required=False)

    FIELDSETS = [
        (
            _("What happened"),
            [
                "actual_start",
                "actual_end",
                "chaired_by_role",
                "chaired_by_name",
                "chaired_by_position",
                "delegated_by",
                "co_chairs",
                "attendance_count",
                "bodies_present",
            ],
        ),
        (_("Minutes"), ["minutes_text", "recording_link"]),
        (_("Files"), ["minutes_file", "photos", "sign_in_sheet"]),
    ]

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None and session.kind != SessionKind.CONFERENCE:
            del self.fields["co_chairs"]
        limit = _size_help()
        for name in self.UPLOAD_FIELDS:
            self.fields[name].help_text = _("Checked by content; at most %(limit)s each.") % {
                "limit": limit
            }

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            yield legend, [self[name] for name in names if name in self.fields]

    def held_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in self.UPLOAD_FIELDS:
            data.pop(name, None)
        return data


class AttachmentForm(_UploadsMixin, Form):
    minutes_file = forms.FileField(label=_("Signed minutes (PDF)"), required=False)
    photos = MultipleFileField(label=_("Photos (JPEG or PNG)"), required=False)
    sign_in_sheet = forms.FileField(label=_("Sign-in sheet (PDF, JPEG or PNG)"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.uploads():
            raise ValidationError(_("Choose at least one file."))
        return cleaned


class ConclusionsForm(ModelForm):
    """The draft notice: date, text, and who signs. The number is the register's, given when
    the notice is issued."""

    conclusions_date = date_field(_("Date of the notice"), required=False)
    conclusions_signer = forms.TypedChoiceField(
        label=_("Signed by"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "The head signs on the body's behalf; a deputy signs “KT.” (“K/T” in the Party); "
            "the office head signs “TL.” (“T/L”)."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = DialogueSession
        fields = list(CONCLUSIONS_FIELDS)
        widgets = {"conclusions_text": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, signers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["conclusions_signer"].choices = [
            ("", _("— Choose who signs —")),
            *((m.user_id, f"{person_name(m.user)} – {m.title}") for m in signers),
        ]
        self.fields["conclusions_signer"].initial = self.instance.conclusions_signer_id

    def conclusions_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in CONCLUSIONS_FIELDS}


class CloseForm(Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ApproveForm(Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


# --- Filters (GET) -----------------------------------------------------------------------


class SessionFilterForm(Form):
    q = forms.CharField(label=_("Search topic and place"), required=False, max_length=200)
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All my units")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *SessionKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *SessionState.choices], required=False
    )
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class PublicFilterForm(Form):
    """The public ward picker: a plain select of every commune-level unit.

    ``unit_q`` narrows the options server-side, accent-insensitively, so the picker works
    without JavaScript (``?unit_q=ben thanh``); a small script narrows them as one types.
    """

    unit_q = forms.CharField(label=_("Find a ward or commune"), required=False, max_length=100)
    unit = forms.ChoiceField(
        label=_("Ward or commune"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *SessionKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.all_units = list(units)
        key = fold(str(self.data.get("unit_q", "")))[:100]
        chosen = str(self.data.get("unit", ""))
        options = [u for u in self.all_units if not key or key in u.search_name or u.code == chosen]
        self.fields["unit"].choices = [
            ("", _("The whole city")),
            *[(u.code, u.name) for u in options],
        ]
        self.matching_count = sum(
            1 for u in options if u.code != chosen or not key or key in u.search_name
        )

    def selected_unit(self) -> Unit | None:
        if not self.is_valid():
            return None
        code = self.cleaned_data.get("unit")
        return next((u for u in self.all_units if u.code == code), None) if code else None

    def selected_kind(self) -> str:
        return self.cleaned_data.get("kind", "") if self.is_valid() else ""
