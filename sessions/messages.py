"""What the sessions app says when it refuses something (the tests import these)."""

from django.utils.translation import gettext_lazy as _

MSG_END_BEFORE_START = _("The end must be later than the start.")
MSG_ONLINE_NEEDS_LINK = _("An online or hybrid session needs the link people use to join.")
MSG_PLACE_REQUIRED = _("Give the address of the venue (only online sessions may leave it empty).")
MSG_HOST_NAME_REQUIRED = _("Give the name of at least one host who will preside.")
MSG_UNIT_NOT_ALLOWED = _("You cannot plan sessions for this unit.")
MSG_PLAN_NOT_EDITABLE = _(
    "The plan of a session that is “%(state)s” can no longer be changed: it records what happened."
)
MSG_STALE_EDIT = _(
    "Someone else changed this session while you were editing it. The form now shows the "
    "current values; your changes were not saved."
)
MSG_SUBMIT_NOT_DRAFT = _(
    "Only a draft can be submitted for approval; this session is already “%(state)s”."
)
MSG_ALREADY_SUBMITTED = _("The plan has already been submitted and is waiting for approval.")
MSG_APPROVE_NOT_DRAFT = _("Only a draft plan can be approved; this session is already “%(state)s”.")
MSG_APPROVE_NOT_HEAD = _(
    "Only the head of the body the session belongs to, or a deputy, may approve its plan."
)
MSG_ANNOUNCE_WRONG_STATE = _(
    "Only an approved plan or a postponed session can be announced; this session is "
    "“%(state)s”. A draft needs the unit head's approval first."
)
MSG_ANNOUNCE_PAST = _(
    "The session was planned to start on %(start)s, which has already passed. A session "
    "cannot be announced after its start: postpone it to a new date first."
)
MSG_LATE_NOTICE_NOT_HEAD = _(
    "The rule asks for %(required)s of notice and only %(actual)s remain before the "
    "session. Only the unit head may announce with late notice."
)
MSG_LATE_NOTICE_REASON = _(
    "The rule asks for %(required)s of notice and only %(actual)s remain before the "
    "session. Give the reason for announcing late."
)
MSG_POSTPONE_WRONG_STATE = _(
    "Only an announced session can be postponed; this session is “%(state)s”. "
    "A plan that is not announced yet can simply be edited."
)
MSG_REASON_REQUIRED = _("Give a reason.")
MSG_NEW_DATE_IN_PAST = _("The new date must be in the future.")
MSG_NEW_DATE_UNCHANGED = _("The new date is the same as the current one.")
MSG_CANCEL_HELD = _(
    "This session has already been held (it is “%(state)s”): a held session cannot be cancelled."
)
MSG_CANCEL_ALREADY = _("This session is already cancelled.")
MSG_HOLD_WRONG_STATE = _(
    "Only an announced session can be recorded as held; this session is “%(state)s”."
)
MSG_HOLD_POSTPONED = _(
    "This session is postponed: announce it again at its new date before recording it as held."
)
MSG_HOLD_IN_FUTURE = _(
    "The actual start (%(start)s) is in the future: record the session after it has taken place."
)
MSG_ATTACH_NOT_HELD = _("Files can be added only to a session that has been held.")
MSG_CONCLUSIONS_WRONG_STATE = _(
    "Conclusions can be written only for a held session whose notice is not issued yet; "
    "this session is “%(state)s”."
)
MSG_CONCLUSIONS_INCOMPLETE = _("The conclusions notice cannot be issued yet: it needs %(missing)s.")
MSG_ISSUE_NOT_SIGNER = _(
    "Only the head, a deputy or the office head of the body that issues the notice may issue "
    "it: the Party committee when the Party committee secretary's side chaired, the "
    "People's Committee otherwise."
)
MSG_NOT_A_SIGNER = _("Choose one of the people who may sign for the body that issues this notice.")
MSG_HOSTS_NOT_YOURS = _(
    "You plan the sessions of your own body: choose hosts from the Party committee if you "
    "work in its office, from the People's Committee if you work in the office of the "
    "People's Council and People's Committee."
)
MSG_DELEGATED_BY_REQUIRED = _("Say whose place the delegate took.")
MSG_CONFERENCE_CHAIRED_BY_UBND = _(
    "A dialogue conference is chaired by the People's Committee (its chair, a vice-chair or "
    "someone the chair delegated), jointly with the Fatherland Front committee and the "
    "standing member of the People's Council; the Party committee is invited."
)
MSG_CLOSE_WRONG_STATE = _(
    "Only a session whose conclusions have been issued can be closed; this session is “%(state)s”."
)
MSG_CLOSE_BLOCKED = _("The session cannot be closed yet: %(reasons)s")
