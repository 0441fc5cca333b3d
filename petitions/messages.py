"""What the petitions app says when it refuses something (the tests import these)."""

from django.utils.translation import gettext_lazy as _

MSG_STALE = _(
    "Someone else changed this concern while you were looking at it. Nothing was saved: "
    "check its current state and try again."
)
MSG_WRONG_STATE = _("This is not possible while the concern is “%(state)s”.")
MSG_CONTENT_REQUIRED = _("Write what the concern is about.")
MSG_CONTENT_TOO_LONG = _("The content is too long: at most %(limit)s characters.")
MSG_CONSENT_REQUIRED = _(
    "Tick the consent box: we need your agreement to keep and use your contact details."
)
MSG_IDENTITY_REQUIRED = _(
    "A complaint or a denunciation needs the submitter's name and a way to reach them "
    "(phone, e-mail or address): the law does not allow handling them anonymously."
)
MSG_UNIT_INACTIVE = _("This unit no longer exists; choose a current ward or commune.")
MSG_UNKNOWN_CHOICE = _("“%(value)s” is not a valid choice.")
MSG_ORGANISATION_REQUIRED = _("Name the organisation on whose behalf the feedback is sent.")
MSG_SESSION_REQUIRED = _("A concern raised at a session must name the session.")
MSG_TOO_MANY_FILES = _("Attach at most %(limit)s files.")
MSG_ASSIGNEE_NOT_IN_UNIT = _("The officer must be someone who handles concerns in the chosen unit.")
MSG_ASSIGNEE_OTHER_BODY = _(
    "The officer must work for the body the concern is addressed to (%(body)s): the Party "
    "committee and the People's Committee each handle their own concerns."
)
MSG_UNKNOWN_BODY = _(
    "Choose whom the concern is addressed to: the People's Committee or the Party committee "
    "of the unit (“%(value)s” is neither)."
)
MSG_UNIT_NOT_ALLOWED = _("You cannot hand concerns to that unit.")
MSG_DUE_AFTER_RULE = _(
    "The due date cannot be later than the rule allows (%(due)s). Ask for an extension instead."
)
MSG_DUE_IN_PAST = _("The date cannot be in the past.")
MSG_REFER_TARGET = _("Choose either a unit in the portal or an outside body (exactly one).")
MSG_REFER_SAME_UNIT = _("The concern is already with this unit.")
MSG_NOTE_TO_CITIZEN_REQUIRED = _("Write the note the citizen will read.")
MSG_NOTE_REQUIRED = _("Write a note.")
MSG_REASON_REQUIRED = _("Give the reason.")
MSG_TRANSFER_REASON_REQUIRED = _(
    "Write the note to the other body: why the concern is theirs to handle."
)
MSG_TRANSFER_ANSWERED = _(
    "An answer of this body is waiting for approval or has already gone out to the citizen: "
    "the body that answered finishes the concern."
)
MSG_MERGE_SELF = _("A concern cannot be merged into itself.")
MSG_MERGE_TARGET = _(
    "Merge only into a concern of the same unit, addressed to the same body, that is still "
    "being handled or answered."
)
MSG_ANSWER_REQUIRED = _("Write the answer, both the letter and the text to publish.")
MSG_ANSWER_NOT_EDITABLE = _("The answer is waiting for approval or already published.")
MSG_VERDICT_REQUIRED = _(
    "An answer to QĐ 936 feedback must say whether it is accepted, partly accepted or not accepted."
)
MSG_VERDICT_EXPLANATION_REQUIRED = _(
    "Explain what is not accepted and why (Luật MTTQ requires it in writing)."
)
MSG_PAUSED = _("The concern is paused. End the pause first.")
MSG_NOT_HEAD = _(
    "Only a head of the body the concern is addressed to can approve: of the Party committee "
    "for a concern addressed to it, of the People's Committee for the others."
)
MSG_NO_PENDING_ANSWER = _("There is no answer waiting for approval.")
MSG_CANNOT_RETURN = _("You may not return this answer for rework.")
MSG_WINDOW_CLOSED = _("The time to accept or dispute this answer has ended.")
MSG_ALREADY_DECIDED = _("You have already given your verdict on this answer.")
MSG_DISPUTE_REASON_REQUIRED = _("Say why you do not agree with the answer.")
MSG_CLOSE_TOO_EARLY = _(
    "The citizen may accept or dispute the answer until %(date)s. Close it after that, "
    "or when the citizen accepts."
)
MSG_COMMITMENTS_OPEN = _("Some follow-up commitments are not done yet.")
MSG_COMMITMENT_DONE = _("This commitment is already marked done.")
MSG_EXTENSION_PENDING = _("An extension is already waiting for the head's decision.")
MSG_EXTENSION_LIMIT = _("The rule allows no more extensions for this type (%(limit)s).")
MSG_EXTENSION_NOT_LATER = _("The new due date must be later than the current one (%(due)s).")
MSG_EXTENSION_DECIDED = _("This extension request was already decided.")
MSG_ALREADY_PAUSED = _("The concern is already paused.")
MSG_NOT_PAUSED = _("The concern is not paused.")
MSG_SESSION_NOT_HELD = _(
    "Opinions can be recorded only for a session that has been held; this session is “%(state)s”."
)
MSG_OUTCOME = _("Choose what happened to the opinion: answered, assigned or referred.")
MSG_ANSWER_ON_THE_SPOT = _("Write the answer given on the spot.")
MSG_REFERRED_TO_REQUIRED = _("Say where the opinion was referred.")
MSG_ERASE_NOTHING = _(
    "Nothing can be erased: none of these concerns has ended. A concern still being "
    "handled needs the person's identity (the law does not allow complaints and "
    "denunciations to be handled anonymously): finish it first, or record its withdrawal "
    "if the person withdraws it."
)
MSG_ERASE_CHANGED = _(
    "The concerns of this person changed after you looked (%(count)s can be erased now). "
    "Nothing was erased: check the list and confirm again."
)

# --- Answer versions and requests for reconsideration (kiến nghị xem xét lại) -------------
MSG_ONLY_PENDING_RETURNABLE = _(
    "Only an answer waiting for approval can be returned. A published answer stays in force: "
    "ask the unit to reconsider it instead."
)
MSG_RECONSIDERATION_OPEN = _("A request for reconsideration is already waiting for the unit.")
MSG_NO_OPEN_RECONSIDERATION = _("No request for reconsideration is waiting for a response.")
MSG_RECONSIDERATION_REASONS_REQUIRED = _("Say why the answer should be reconsidered.")
MSG_RECONSIDERATION_RESPONSE_REQUIRED = _("Write the unit's response to the request.")
MSG_NO_PUBLISHED_ANSWER = _("This concern has no published answer to reconsider.")

# --- Identity protection, competence, anonymous information (issue #13, "identity") -------
MSG_RECLASSIFY_REASON = _("Say why the type of the case changes.")
MSG_RECLASSIFY_SAME = _("The case already has this type and this person denounced.")
MSG_TRANSFER_TO_ACCUSED = _(
    "A denunciation of a unit's Bí thư, Chủ tịch or a deputy is resolved at the level above: "
    "it is never transferred to the unit whose head is denounced (Luật Tố cáo năm 2018)."
)
MSG_NOT_RESOLVER = _(
    "Only those resolving a denunciation, who may see the denunciator's identity, put an "
    "officer in charge of it or transfer it (Luật Tố cáo năm 2018, Điều 47)."
)
MSG_NO_RECONSIDERATION_BY_LAW = _(
    "A decision under %(law)s is not reopened on request: it is reviewed as that law "
    "provides (a second complaint, a lawsuit, or the level above)."
)
MSG_RECLASSIFY_NOT_RESOLVER = _(
    "Only those resolving a denunciation, who may see the denunciator's identity, may change "
    "its type (Luật Tố cáo năm 2018, Điều 47)."
)
MSG_REVIEW_STATUS = _("Choose whether the information is kept or was used by inspection.")

# --- Complaints (Luật Khiếu nại năm 2011; issue #13, "complaints") ---------------------------
# ``%(law)s`` is the law of the concern's type, as documents cite it.
MSG_STATUTORY_NO_PAUSE = _(
    "The clock of this case cannot be paused: %(law)s sets its time limits, which only a formal "
    "suspension stops."
)
MSG_STATUTORY_NO_EXTENSION = _(
    "%(law)s allows no extension of this time limit: a complex case has the longer limit from "
    "acceptance."
)
MSG_STATUTORY_NO_VERDICT = _(
    "Under %(law)s the decision is not accepted or disputed here: the complainant may file a "
    "second complaint or bring a lawsuit before the People's Court."
)
MSG_COMPLAINT_ONLY = _("This step belongs to the procedure of Luật Khiếu nại năm 2011.")

# --- Denunciations (Luật Tố cáo năm 2018; issue #13, "denunciations") ------------------------
# ``%(law)s`` is the law of the concern's type (transitions.LAW_OF_TYPE).
MSG_EXTENSION_COUNT_BY_LAW = _(
    "%(law)s, Điều 30, allows at most %(limit)s extensions of the resolution of a "
    "denunciation; %(limit)s have already been approved."
)
MSG_EXTENSION_TOO_LONG_BY_LAW = _(
    "%(law)s, Điều 30, allows each extension to last at most %(days)s days beyond the "
    "current due date (%(due)s): the latest date is %(latest)s."
)
MSG_EXTENSION_TOO_LONG = _(
    "The rule allows each extension to last at most %(days)s days beyond the current due date "
    "(%(due)s): the latest date is %(latest)s."
)
MSG_CLASSIFIED_FOR_OWN_PROCEDURE = _(
    "The type is changed. The case stays received: accept or refuse it under its own "
    "procedure, by a signed notice or decision."
)
MSG_OWN_PROCEDURE = _("This case follows its own procedure under %(law)s: use “%(action)s”.")
MSG_ONLY_DENUNCIATION = _("Only a denunciation follows this procedure.")
MSG_DENUNCIATION_GROUND_REQUIRED = _("Choose the ground on which the law refuses the denunciation.")
MSG_DENUNCIATION_TARGET = _(
    "Name the competent body, or choose a unit of the portal: one of the two, not both."
)
MSG_DENUNCIATION_FINDINGS_REQUIRED = _(
    "Give at least one point of the denunciation with its finding."
)
MSG_DENUNCIATION_PUBLIC_TEXT_REQUIRED = _(
    "Write the public notice of the conclusion, without any detail of the denunciator."
)
MSG_DENUNCIATION_PUBLIC_TEXT_IDENTIFIES = _(
    "The public notice names the denunciator or their contact details: remove them."
)
MSG_SUSPENDED = _("The resolution is suspended: resume it first.")
MSG_NOT_SUSPENDED = _("The resolution is not suspended.")

# --- identity2: types of the opinions raised at a session (issue #13) ------------------------
MSG_OPINION_STATUTORY_ON_THE_SPOT = _(
    "A complaint or a denunciation is not answered on the spot: it is resolved under its law "
    "(Luật Khiếu nại năm 2011, Luật Tố cáo năm 2018). Record it as taken in for handling."
)
MSG_OPINION_DENUNCIATION_REFERRED = _(
    "A denunciation is transferred only by a decision of the competent head (Luật Tố cáo năm "
    "2018, Điều 24): record it as taken in for handling; the portal sends it where it may be "
    "resolved."
)
MSG_OPINION_STATUTORY_NO_ASSIGNEE = _(
    "A complaint or a denunciation is first accepted by a decision of the head of the "
    "competent body, who then assigns it: leave the officer empty."
)
