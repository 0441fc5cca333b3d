"""Staff forms: the queue filters, the intake form and one small form per action.

Every action form carries the ``version`` of the concern the user saw (optimistic
locking); the service refuses a stale one.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.forms import Form, MultipleFileField, MultipleFileInput, max_length_of
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.widgets import FastSelect
from units.models import Unit
from units.permissions import Capability, institutions_for

from .institutions import choices_for
from .models import (
    INTAKE_CHANNELS,
    AddressedTo,
    AnswerVerdict,
    Category,
    Concern,
    ConcernChannel,
    ConcernState,
    ConcernType,
    DeclineReason,
    FollowUpCommitment,
)
from .public_forms import CONTENT_MAX_LENGTH, addressed_to_field
from .selectors import ContactKey, retention_years
from .services import ATTACHMENT_KINDS, MAX_ATTACHMENTS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3, **attrs):
    return forms.Textarea(attrs={"rows": rows, **attrs})


class VersionedForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# ---------------------------------------------------------------------------------------
# Queue


class QueueFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Tracking code, content or submitter's name; accents optional."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), ("open", _("Still open")), *ConcernState.choices],
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *ConcernType.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Any channel")), *ConcernChannel.choices],
    )
    addressed_to = forms.ChoiceField(
        label=_("Addressed to"),
        required=False,
        choices=[("", _("Either body")), *AddressedTo.choices],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Any unit"),
        widget=FastSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.order_by("ordering", vietnamese_order("name")),
        empty_label=_("Any category"),
    )
    due_this_week = forms.BooleanField(label=_("Due this week"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    disputed = forms.BooleanField(label=_("Disputed"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("due", _("Due date, soonest first")), ("received", _("Received, newest first"))],
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class BulkAssignForm(Form):
    concerns = forms.TypedMultipleChoiceField(label=_("Concerns"), coerce=int, choices=())
    assignee = forms.ModelChoiceField(label=_("Assign the selected concerns to"), queryset=None)

    def __init__(self, *args, concern_ids=(), assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].choices = [(pk, pk) for pk in concern_ids]
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda u: person_name(u)


# ---------------------------------------------------------------------------------------
# Intake


class IntakeForm(Form):
    """An officer records a concern brought in person, by phone or by letter."""

    unit = forms.ModelChoiceField(label=_("Unit concerned"), queryset=Unit.objects.none())
    addressed_to = addressed_to_field()
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in INTAKE_CHANNELS],
    )
    type = forms.ChoiceField(label=_("Type"), choices=ConcernType.choices)
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.filter(is_active=True).order_by(
            "ordering", vietnamese_order("name")
        ),
    )
    content = forms.CharField(label=_("Content"), widget=_text(6), max_length=CONTENT_MAX_LENGTH)
    address = forms.CharField(
        label=_("Location concerned"),
        required=False,
        max_length=max_length_of(Concern, "address"),
    )
    submitter_name = forms.CharField(
        label=_("Name"), required=False, max_length=max_length_of(Concern, "submitter_name")
    )
    submitter_phone = forms.CharField(
        label=_("Phone"), required=False, max_length=max_length_of(Concern, "submitter_phone")
    )
    submitter_email = forms.EmailField(label=_("E-mail"), required=False)
    submitter_address = forms.CharField(
        label=_("Address"), required=False, max_length=max_length_of(Concern, "submitter_address")
    )
    consent = forms.BooleanField(required=False)
    attachments = MultipleFileField(
        label=_("Documents (PDF, JPEG or PNG)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("At most %(count)s files.") % {"count": MAX_ATTACHMENTS},
    )
    # A denunciation: whom it is about decides who resolves it (the unit's heads: the level
    # above; a Party member's conduct: the inspection committee).
    accused_role = forms.ChoiceField(
        label=_("For a denunciation: whom is it about?"),
        choices=[
            ("", _("— Choose —")),
            *((v, label) for v, label in Concern._meta.get_field("accused_role").choices if v),
        ],
        required=False,
        help_text=_(
            "A denunciation of the unit's Party secretary, People's Committee chair or one of "
            "their deputies is resolved at the level above (a ward's: the city) and leaves "
            "your unit at once; one about a Party member's conduct goes to the Party's "
            "inspection committee."
        ),
    )
    accused_name = forms.CharField(
        label=_("Name and position of the person denounced (optional)"),
        required=False,
        max_length=max_length_of(Concern, "accused_name"),
    )

    def clean(self):
        data = super().clean()
        if data.get("type") != ConcernType.DENUNCIATION:
            data["accused_role"], data["accused_name"] = "", ""
        elif "accused_role" in data and not data["accused_role"]:
            self.add_error(
                "accused_role",
                forms.ValidationError(
                    _(
                        "Say whom the denunciation is about: it decides who resolves it (a "
                        "denunciation of the ward's heads goes to the city)."
                    ),
                    code="required",
                ),
            )
        return data

    def __init__(self, *args, units=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        if units is not None and len(units) == 1:
            self.fields["unit"].initial = units[0].pk
            self.fields["addressed_to"].choices = choices_for(units[0])
        else:
            self.fields["addressed_to"].choices = AddressedTo.choices
        # The officer's own body first: the Party office records for the Party committee.
        self.fields["addressed_to"].initial = _own_body(user, units)
        self.fields["type"].help_text = _(
            "A complaint or a denunciation needs the person's name and a way to reach them: "
            "the law does not allow handling them anonymously."
        )
        years = retention_years()
        self.fields["consent"].label = ngettext(
            "The person agrees that the unit keeps their contact details to handle this "
            "concern and answer them; the details are kept for %(years)d year after the "
            "concern ends and never published.",
            "The person agrees that the unit keeps their contact details to handle this "
            "concern and answer them; the details are kept for %(years)d years after the "
            "concern ends and never published.",
            years,
        ) % {"years": years}
        self.allowed_kinds = ATTACHMENT_KINDS
        self.max_bytes = settings.UPLOAD_MAX_BYTES


def _own_body(user, units) -> str:
    """The body the officer works for in the units they record for: the Party committee
    for an officer of its office, else the People's Committee."""
    if user is None or not units:
        return AddressedTo.STATE
    bodies = set()
    for unit in units:
        bodies |= institutions_for(user, Capability.HANDLE_CONCERNS, unit)
    if bodies == {AddressedTo.PARTY}:
        return AddressedTo.PARTY
    return AddressedTo.STATE


# ---------------------------------------------------------------------------------------
# Actions


class AcceptForm(VersionedForm):
    type = forms.ChoiceField(label=_("Type"), choices=ConcernType.choices)
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.filter(is_active=True).order_by(
            "ordering", vietnamese_order("name")
        ),
    )
    is_complex = forms.BooleanField(
        label=_("Complex case (the longer deadline of the rule applies, where there is one)"),
        required=False,
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))
    # Accepted as a denunciation: whom it is about decides where it is resolved (the case
    # is reclassified and routed, services.identity.concern_reclassify).
    accused_role = forms.ChoiceField(
        label=_("For a denunciation: whom it is about"),
        choices=Concern._meta.get_field("accused_role").choices,
        required=False,
    )
    accused_name = forms.CharField(
        label=_("Name and position of the person denounced (optional)"),
        required=False,
        max_length=max_length_of(Concern, "accused_name"),
    )


class AssignForm(VersionedForm):
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=Unit.objects.none())
    assignee = forms.ModelChoiceField(label=_("Handling officer"), queryset=None)
    due_at = forms.DateField(
        label=_("Answer due"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty for the date the rule gives; an earlier date is allowed."),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))

    def __init__(self, *args, units=None, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda u: person_name(u)


class ReferForm(VersionedForm):
    to_unit = forms.ModelChoiceField(
        label=_("Another unit in the portal"),
        required=False,
        queryset=Unit.objects.filter(is_active=True).order_by(vietnamese_order("name")),
        help_text=_("It enters that unit's queue as a new concern linked to this one."),
    )
    outside_body = forms.CharField(
        label=_("Or a body outside the portal"),
        required=False,
        max_length=max_length_of(Concern, "referred_to"),
    )
    note_to_citizen = forms.CharField(
        label=_("Note to the citizen"),
        required=False,
        widget=_text(2),
        help_text=_("Shown on the citizen's status page. Required when referring outside."),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class TransferBodyForm(VersionedForm):
    reason = forms.CharField(
        label=_("Note to the other body"),
        widget=_text(3),
        max_length=5000,
        help_text=_("Why the concern is theirs to handle. Only the staff read it."),
    )
    note_to_citizen = forms.CharField(
        label=_("Note to the citizen"),
        required=False,
        widget=_text(2),
        max_length=2000,
        help_text=_(
            "Shown on the citizen's status page, with the name of the body now handling it."
        ),
    )


class DeclineForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Legal ground"), choices=DeclineReason.choices)
    note_to_citizen = forms.CharField(label=_("Explanation to the citizen"), widget=_text(3))
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class MergeForm(VersionedForm):
    into_code = forms.CharField(
        label=_("Tracking code of the concern that stays"),
        max_length=40,
        help_text=_("A concern of the same unit, still being handled."),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class WithdrawForm(VersionedForm):
    note = forms.CharField(
        label=_("How the citizen withdrew it"),
        widget=_text(2),
        help_text=_("For example: phone call of 12/03, letter received on 14/03."),
    )


class AnswerForm(VersionedForm):
    answer_text = forms.CharField(
        label=_("Answer letter"),
        widget=_text(8),
        max_length=CONTENT_MAX_LENGTH,
        help_text=_("The full letter sent to the person, with their name and details."),
    )
    answer_public_text = forms.CharField(
        label=_("Text published on the status page"),
        widget=_text(6),
        max_length=CONTENT_MAX_LENGTH,
        help_text=_("The same answer without any personal data."),
    )
    verdict = forms.ChoiceField(
        label=_("Is the feedback accepted?"),
        required=False,
        choices=[("", "—"), *AnswerVerdict.choices],
    )
    verdict_explanation = forms.CharField(
        label=_("What is not accepted, and why"),
        required=False,
        widget=_text(3),
    )

    def __init__(self, *args, is_feedback: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_feedback:
            del self.fields["verdict"]
            del self.fields["verdict_explanation"]


class NoteActionForm(VersionedForm):
    note = forms.CharField(label=_("Note"), required=False, widget=_text(2))


class ReturnForm(VersionedForm):
    note = forms.CharField(label=_("What must be reworked"), widget=_text(3))


class CommitmentForm(VersionedForm):
    what = forms.CharField(label=_("What will be done"), widget=_text(2), max_length=2000)
    who = forms.CharField(
        label=_("Who does it"), max_length=max_length_of(FollowUpCommitment, "who")
    )
    due = forms.DateField(label=_("By when"), widget=DATE_WIDGET)


class CommitmentDoneForm(Form):
    note = forms.CharField(label=_("What was done"), widget=_text(2), max_length=5000)
    evidence = forms.FileField(
        label=_("Evidence (PDF, JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ExtensionRequestForm(VersionedForm):
    new_due = forms.DateField(label=_("New due date"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason"), widget=_text(3))


class ExtensionDecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=_text(2), help_text=_("Required when refusing.")
    )


class PauseStartForm(VersionedForm):
    reason = forms.CharField(
        label=_("What we are waiting for from the citizen"), widget=_text(2), max_length=2000
    )


class InternalNoteForm(Form):
    text = forms.CharField(label=_("Internal note"), widget=_text(3), max_length=5000)


# ---------------------------------------------------------------------------------------
# Personal data requests

MSG_CONTACT_INVALID = _(
    "Enter a phone number (9 to 12 digits, e.g. 0901 234 567) or an e-mail address."
)


class PersonalDataForm(Form):
    """The phone number or e-mail address a person gave, to find their concerns."""

    contact = forms.CharField(
        label=_("Phone number or e-mail address"),
        max_length=254,
        help_text=_(
            "As the person gave it: phone numbers match on their digits (0901 234 567, "
            "+84 901 234 567 and 0901.234.567 are the same); e-mail ignores upper and lower case."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_contact(self) -> ContactKey:
        from django.core.validators import validate_email

        raw = self.cleaned_data["contact"].strip()
        key = ContactKey.parse(raw)
        if key.kind == "email":
            try:
                validate_email(raw)
            except forms.ValidationError as exc:
                raise forms.ValidationError(MSG_CONTACT_INVALID, code="invalid") from exc
        elif not 9 <= len(key.value) <= 12 or any(ch.isalpha() for ch in raw):
            raise forms.ValidationError(MSG_CONTACT_INVALID, code="invalid")
        return key


class PersonalDataEraseForm(PersonalDataForm):
    """The confirmation step of an erasure: names the number of concerns it anonymises."""

    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = forms.BooleanField(
        label=_(
            "I have checked the person's identity and their request to erase their personal data."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].widget = forms.HiddenInput()


# ---------------------------------------------------------------------------------------
# Requests for reconsideration (kiến nghị xem xét lại)


class ReconsiderRequestForm(VersionedForm):
    reasons = forms.CharField(
        label=_("Why the answer should be reconsidered"), widget=_text(4), max_length=5000
    )


class ReconsiderRespondForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Response of the unit"),
        choices=[
            ("upheld", _("Keep the answer")),
            ("revising", _("A new answer will be issued")),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Response to the request"),
        widget=_text(3),
        max_length=5000,
        help_text=_(
            "A new answer goes back to handling with the published text as the draft; the "
            "published answer stays in force until the new one is published."
        ),
    )


# ---------------------------------------------------------------------------------------
# identity: changing the type of a case (a tố cáo is protected at once)


class ReclassifyForm(VersionedForm):
    type = forms.ChoiceField(label=_("New type"), choices=ConcernType.choices)
    accused_role = forms.ChoiceField(
        label=_("For a denunciation: whom it is about"),
        choices=Concern._meta.get_field("accused_role").choices,
        required=False,
        help_text=_(
            "A denunciation of the unit's Party secretary, People's Committee chair or a "
            "deputy is resolved at the level above; one about a Party member's conduct by the "
            "inspection committee."
        ),
    )
    accused_name = forms.CharField(
        label=_("Name and position of the person denounced (optional)"),
        required=False,
        max_length=max_length_of(Concern, "accused_name"),
    )
    reason = forms.CharField(label=_("Reason"), widget=_text(2), max_length=2000)


# --- Complaints (Luật Khiếu nại năm 2011; issue #13, "complaints") ---------------------------


class ComplaintAcceptForm(VersionedForm):
    is_complex = forms.BooleanField(
        label=_("Complex case"),
        required=False,
        help_text=_("A complex case has the longer time limit the law gives (45 days, 60 remote)."),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class ComplaintRefuseForm(VersionedForm):
    ground = forms.ChoiceField(label=_("Ground (Luật Khiếu nại năm 2011, Điều 11)"), choices=())
    note_to_citizen = forms.CharField(
        label=_("Explanation to the complainant"), required=False, widget=_text(3)
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))

    def __init__(self, *args, **kwargs):
        from .services.complaints import ComplaintGround

        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = ComplaintGround.choices


class ComplaintDialogueForm(VersionedForm):
    held_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Where"), max_length=300)
    participants = forms.CharField(label=_("Who took part"), widget=_text(3))
    content = forms.CharField(label=_("What was said"), widget=_text(5))
    results = forms.CharField(label=_("Results of the dialogue"), widget=_text(3))


class ComplaintDecideForm(VersionedForm):
    finding = forms.ChoiceField(label=_("The complaint is"), choices=())
    verification = forms.CharField(label=_("What the verification found"), widget=_text(5))
    conclusion = forms.CharField(label=_("Conclusion"), widget=_text(3))
    remedies = forms.CharField(
        label=_("What is decided: kept, amended or revoked, and the remedies"),
        required=False,
        widget=_text(3),
    )
    public_summary = forms.CharField(
        label=_("Published summary"),
        required=False,
        widget=_text(3),
        help_text=_("Shown on the status page; without personal data. Empty: written for you."),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))

    def __init__(self, *args, **kwargs):
        from .models import ComplaintFinding

        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = ComplaintFinding.choices


# --- Denunciations (Luật Tố cáo năm 2018; issue #13, "denunciations") ------------------------

# How many points a conclusion's form offers (each with its finding).
CONCLUSION_POINTS = 5


class DenunciationAcceptForm(VersionedForm):
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class DenunciationRefuseForm(VersionedForm):
    ground = forms.ChoiceField(label=_("Ground (Luật Tố cáo năm 2018, Điều 29)"), choices=())
    note_to_citizen = forms.CharField(
        label=_("Explanation to the denunciator"), required=False, widget=_text(3)
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))

    def __init__(self, *args, **kwargs):
        from .services.denunciations import RefusalGround

        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = RefusalGround.choices


class DenunciationTransferForm(VersionedForm):
    to_unit = forms.ModelChoiceField(
        label=_("A unit of the portal"),
        required=False,
        queryset=Unit.objects.filter(is_active=True).order_by(vietnamese_order("name")),
        help_text=_("It enters that unit's queue as a linked case, the denunciator protected."),
    )
    outside_body = forms.CharField(
        label=_("Or the competent body, by name"),
        required=False,
        max_length=max_length_of(Concern, "referred_to"),
    )
    note = forms.CharField(label=_("Internal note"), required=False, widget=_text(2))


class DenunciationSuspendForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why the resolution is suspended"), widget=_text(3), max_length=2000
    )


class DenunciationResumeForm(VersionedForm):
    note = forms.CharField(
        label=_("Why the suspension ends"), required=False, widget=_text(2), max_length=2000
    )


class DenunciationWithdrawalForm(VersionedForm):
    note = forms.CharField(
        label=_("How and when the denunciator withdrew"), widget=_text(2), max_length=2000
    )
    violation_signs = forms.BooleanField(
        label=_("There are signs of a violation: the resolution continues"), required=False
    )
    violation_note = forms.CharField(
        label=_("The signs of a violation"), required=False, widget=_text(2), max_length=2000
    )


class DenunciationConcludeForm(VersionedForm):
    measures = forms.CharField(label=_("Measures taken or proposed"), widget=_text(3))
    recommendations = forms.CharField(label=_("Recommendations"), required=False, widget=_text(2))
    public_text = forms.CharField(
        label=_("Public notice of the conclusion"),
        widget=_text(3),
        help_text=_(
            "Published on the portal. Nothing that identifies the denunciator: no name, "
            "phone, e-mail or address."
        ),
    )

    def __init__(self, *args, **kwargs):
        from .services.denunciations import DenunciationFinding

        super().__init__(*args, **kwargs)
        choices = [("", "—"), *DenunciationFinding.choices]
        for index in range(1, CONCLUSION_POINTS + 1):
            self.fields[f"point_{index}"] = forms.CharField(
                label=_("Point %(n)s of the denunciation") % {"n": index},
                required=False,
                max_length=2000,
            )
            self.fields[f"finding_{index}"] = forms.ChoiceField(
                label=_("Finding"), choices=choices, required=False
            )

    def clean(self):
        data = super().clean()
        data["findings"] = [
            {"point": data.get(f"point_{i}", ""), "finding": data.get(f"finding_{i}", "")}
            for i in range(1, CONCLUSION_POINTS + 1)
            if data.get(f"point_{i}") or data.get(f"finding_{i}")
        ]
        return data
