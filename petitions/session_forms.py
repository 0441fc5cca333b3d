"""Staff forms of P's pages: opinions raised at a session (many rows at once) and 936 feedback."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.collation import person_order, vietnamese_order
from dialogue_portal.lib.forms import Form, MultipleFileField, MultipleFileInput, max_length_of
from dialogue_portal.lib.people import PERSON, person_name
from units.permissions import Capability, roles_with

from .institutions import choices_for
from .models import (
    IDENTITY_TYPES,
    AccusedRole,
    AddressedTo,
    Category,
    Concern,
    ConcernType,
    Organisation,
)
from .public_forms import CONTENT_MAX_LENGTH, validate_attachments

OUTCOME_ANSWERED = "answered"
OUTCOME_ASSIGNED = "assigned"
OUTCOME_REFERRED = "referred"
OUTCOME_CHOICES = [
    (OUTCOME_ANSWERED, _("Answered on the spot")),
    (OUTCOME_ASSIGNED, _("Assigned for a written answer")),
    (OUTCOME_REFERRED, _("Referred to the competent body")),
]

MSG_ROW_ANSWER = _("Write the answer given on the spot.")
MSG_ROW_ASSIGNEE = _("Choose the officer who will answer, in the chosen unit.")
MSG_ROW_REFERRED = _("Say which body the opinion was referred to.")
MSG_NO_ROWS = _("Fill in at least one opinion.")
MSG_ROW_STATUTORY_ON_THE_SPOT = _(
    "A complaint or a denunciation is not answered on the spot: choose “Assigned for a "
    "written answer” (it is taken in and its head accepts it under its law) or, for a "
    "complaint, “Referred”."
)
MSG_ROW_DENUNCIATION_REFERRED = _(
    "A denunciation is transferred only by a decision of the competent head: choose "
    "“Assigned for a written answer”; the portal sends it where it may be resolved."
)
MSG_ROW_STATUTORY_NAME = _(
    "A complaint or a denunciation needs the speaker's full name (Luật Khiếu nại năm 2011, "
    "Luật Tố cáo năm 2018)."
)
MSG_ROW_STATUTORY_CONTACT = _(
    "A complaint or a denunciation needs a way to reach the speaker: a phone number or an address."
)
MSG_ROW_STATUTORY_ASSIGNEE = _(
    "Leave the officer empty: the head of the competent body accepts a complaint or a "
    "denunciation under its law, then assigns it."
)
MSG_ROW_ACCUSED_ROLE = _(
    "Say whom the denunciation is about: it decides who resolves it (the ward's heads: the city)."
)

# The kinds of opinion a session takes in (936 feedback comes from organisations, not here).
OPINION_TYPES = [
    (ConcernType.REPORT, ConcernType.REPORT.label),
    (ConcernType.RECOMMENDATION, ConcernType.RECOMMENDATION.label),
    (ConcernType.COMPLAINT, ConcernType.COMPLAINT.label),
    (ConcernType.DENUNCIATION, ConcernType.DENUNCIATION.label),
]


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


def handlers_in(units, institution: str | None = None):
    """Officers and heads of ``units`` (of ``institution``'s side when given): the people a
    session's opinion can be assigned to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__unit__in=units,
            memberships__role__in=roles_with(Capability.HANDLE_CONCERNS, institution),
            memberships__is_active=True,
        )
        .distinct()
        .select_related(PERSON)
        .order_by(*person_order(f"{PERSON}__sort_name"), "username")
    )


class OpinionForm(Form):
    """One opinion raised at the session and what became of it."""

    raised_by = forms.CharField(
        label=_("Raised by (optional)"),
        max_length=max_length_of(Concern, "submitter_name"),
        required=False,
        help_text=_(
            "Name, or e.g. “a resident of quarter 3”. A complaint or a denunciation needs the "
            "full name."
        ),
    )
    type = forms.ChoiceField(
        label=_("Kind"),
        choices=OPINION_TYPES,
        initial=ConcernType.RECOMMENDATION,
        required=False,  # empty: a recommendation (kiến nghị)
        help_text=_(
            "A complaint or a denunciation is handled under its law: it needs the speaker's "
            "name and a contact, and a denunciator's name is never shown in the session's "
            "lists."
        ),
    )
    raised_by_phone = forms.CharField(
        label=_("Speaker's phone"),
        max_length=max_length_of(Concern, "submitter_phone"),
        required=False,
    )
    raised_by_address = forms.CharField(
        label=_("Speaker's address"),
        max_length=max_length_of(Concern, "submitter_address"),
        required=False,
        help_text=_("For a complaint or a denunciation: a phone number or an address."),
    )
    accused_role = forms.ChoiceField(
        label=_("For a denunciation: whom is it about?"),
        choices=[("", _("— Choose —")), *((v, lbl) for v, lbl in AccusedRole.choices if v)],
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
    content = forms.CharField(
        label=_("Opinion"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Category.objects.filter(is_active=True).order_by(
            "ordering", vietnamese_order("name")
        ),
        required=False,
        empty_label=_("— Other / not classified —"),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("— Choose —")), *OUTCOME_CHOICES]
    )
    answer = forms.CharField(
        label=_("Answer given"),
        max_length=CONTENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When answered on the spot."),
    )
    assignee_unit = forms.ModelChoiceField(
        label=_("Unit in charge"), queryset=None, required=False, empty_label=None
    )
    assignee = OfficerChoiceField(
        label=_("Officer in charge"),
        queryset=None,
        required=False,
        empty_label=_("— Choose —"),
    )
    due_at = forms.DateField(
        label=_("Answer due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the deadline of the rule."),
    )
    referred_to = forms.CharField(
        label=_("Referred to"),
        max_length=max_length_of(Concern, "referred_to"),
        required=False,
        help_text=_("When referred: the competent body."),
    )

    SHARED_CHOICES = ("category", "assignee_unit", "assignee")

    def __init__(
        self, *args, units=None, session_unit=None, institution=None, choices=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["assignee_unit"].queryset = units
        self.fields["assignee_unit"].initial = session_unit.pk if session_unit else None
        self.fields["assignee"].queryset = handlers_in(units, institution)
        # Every row offers the same lists: read them once for the whole page, not per row.
        # (Validation still checks the chosen value against the querysets.)
        for name, options in (choices or {}).items():
            self.fields[name].choices = options

    @classmethod
    def shared_choices(cls, *, units, institution=None) -> dict[str, list]:
        """The choices of the per-row selects, evaluated once (one query each)."""
        form = cls(units=units, institution=institution)
        # iter(): list() of the choices themselves would first ask their length (a COUNT).
        return {name: list(iter(form.fields[name].choices)) for name in cls.SHARED_CHOICES}

    def has_changed(self) -> bool:
        """A row counts as filled in when anything but the preselected unit and kind was
        typed."""
        return any(name not in ("assignee_unit", "type") for name in self.changed_data)

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == OUTCOME_ANSWERED and not data.get("answer"):
            self.add_error("answer", ValidationError(MSG_ROW_ANSWER, code="answer"))
        type_ = data["type"] = data.get("type") or ConcernType.RECOMMENDATION
        statutory = type_ in IDENTITY_TYPES
        if outcome == OUTCOME_ASSIGNED and not statutory and not data.get("assignee"):
            self.add_error("assignee", ValidationError(MSG_ROW_ASSIGNEE, code="assignee"))
        if outcome == OUTCOME_REFERRED and not data.get("referred_to"):
            self.add_error("referred_to", ValidationError(MSG_ROW_REFERRED, code="referred_to"))
        if type_ != ConcernType.DENUNCIATION:
            data["accused_role"], data["accused_name"] = "", ""
        if statutory:
            self._clean_statutory(data, type_, outcome)
        return data

    def _clean_statutory(self, data, type_, outcome) -> None:
        """A khiếu nại or tố cáo: the law's identity, never on the spot, its own acceptance."""
        if outcome == OUTCOME_ANSWERED:
            self.add_error("outcome", ValidationError(MSG_ROW_STATUTORY_ON_THE_SPOT, code="law"))
        if type_ == ConcernType.DENUNCIATION and outcome == OUTCOME_REFERRED:
            self.add_error("outcome", ValidationError(MSG_ROW_DENUNCIATION_REFERRED, code="law"))
        if outcome == OUTCOME_ASSIGNED and data.get("assignee"):
            self.add_error("assignee", ValidationError(MSG_ROW_STATUTORY_ASSIGNEE, code="law"))
        if "raised_by" in data and not data["raised_by"]:
            self.add_error("raised_by", ValidationError(MSG_ROW_STATUTORY_NAME, code="identity"))
        if not (data.get("raised_by_phone") or data.get("raised_by_address")) and not (
            "raised_by_phone" in self.errors or "raised_by_address" in self.errors
        ):
            self.add_error(
                "raised_by_phone", ValidationError(MSG_ROW_STATUTORY_CONTACT, code="identity")
            )
        if (
            type_ == ConcernType.DENUNCIATION
            and "accused_role" in data
            and not data["accused_role"]
        ):
            self.add_error("accused_role", ValidationError(MSG_ROW_ACCUSED_ROLE, code="required"))


class BaseOpinionFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.has_changed() for form in self.forms):
            raise ValidationError(MSG_NO_ROWS, code="no_rows")


def opinion_formset(extra: int):
    return forms.formset_factory(
        OpinionForm, formset=BaseOpinionFormSet, extra=extra, max_num=100, absolute_max=100
    )


FEEDBACK_TYPES = [
    (ConcernType.FEEDBACK, ConcernType.FEEDBACK.label),
    (ConcernType.RECOMMENDATION, ConcernType.RECOMMENDATION.label),
    (ConcernType.REPORT, ConcernType.REPORT.label),
]


class FeedbackForm(Form):
    """936 feedback sent by the Fatherland Front liaison on behalf of an organisation."""

    unit = forms.ModelChoiceField(
        label=_("Unit the feedback is addressed to"), queryset=None, empty_label=None
    )
    addressed_to = forms.ChoiceField(
        label=_("Addressed to"),
        choices=AddressedTo.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Feedback on building the Party, or on the conduct of Party members and cadres, "
            "goes to the Party committee; feedback on building the government and on its "
            "work goes to the People's Committee. Each answers what is addressed to it."
        ),
        error_messages={
            "required": _("Choose the body the feedback is addressed to."),
            "invalid_choice": _(
                "Choose the Party committee or the People's Committee (“%(value)s” is neither)."
            ),
        },
    )
    organisation = forms.ChoiceField(
        label=_("On behalf of"),
        choices=[("", _("— Choose the organisation —")), *Organisation.choices],
    )
    type = forms.ChoiceField(label=_("Kind"), choices=FEEDBACK_TYPES, initial=ConcernType.FEEDBACK)
    category = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Category.objects.filter(is_active=True).order_by(
            "ordering", vietnamese_order("name")
        ),
        required=False,
        empty_label=_("— Other / not classified —"),
    )
    content = forms.CharField(
        label=_("Feedback"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The feedback as the organisation adopted it; the unit must answer each point."
        ),
    )
    attachments = MultipleFileField(
        label=_("Documents (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_("Up to 3 files: the signed letter (PDF) or photos."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["addressed_to"].choices = choices_for(units[0])

    def clean_attachments(self):
        return validate_attachments(self.cleaned_data.get("attachments"))
