from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Concerns and feedback")

    def ready(self):
        from audit.registry import register_actions
        from dialogue_portal.lib.panels import register_staff_panel
        from sessions.hooks import register_close_guard, register_commitments_provider

        from . import hooks

        register_staff_panel(hooks.staff_panel)
        register_close_guard(hooks.session_close_guard)
        hooks.invalidate_public_pages_on_change(self)
        register_commitments_provider(hooks.session_commitments)
        register_actions(
            {
                "concern.submitted": _("received a concern"),
                "concern.accepted": _("accepted and classified a concern"),
                "concern.assigned": _("assigned a concern"),
                "concern.referred": _("referred a concern"),
                "concern.body_transferred": _("passed a concern to the other body of its unit"),
                "concern.declined": _("declined a concern"),
                "concern.merged": _("merged a duplicate concern"),
                "concern.withdrawn": _("recorded the withdrawal of a concern"),
                "concern.answer_saved": _("saved an answer draft"),
                "concern.answer_submitted": _("submitted an answer for approval"),
                "concern.answer_approved": _("approved an answer"),
                "concern.answer_returned": _("returned an answer for rework"),
                "concern.reconsideration_requested": _("asked the unit to reconsider an answer"),
                "concern.reconsideration_upheld": _(
                    "kept an answer after a request for reconsideration"
                ),
                "concern.reconsideration_revising": _(
                    "decided to issue a new answer after a request for reconsideration"
                ),
                "concern.answered": _("published an answer"),
                "concern.citizen_accepted": _("the citizen accepted the answer"),
                "concern.disputed": _("the citizen disputed the answer"),
                "concern.closed": _("closed a concern"),
                "concern.commitment_added": _("added a follow-up commitment"),
                "concern.commitment_done": _("marked a follow-up commitment done"),
                "concern.extension_requested": _("requested an extension"),
                "concern.extension_approved": _("approved an extension"),
                "concern.extension_refused": _("refused an extension"),
                "concern.paused": _("paused the clock of a concern"),
                "concern.resumed": _("restarted the clock of a concern"),
                "concern.note_added": _("added an internal note"),
                "concern.identity_viewed": _("viewed the identity of a denunciator"),
                "concern.complaint_accepted": _("accepted a complaint"),
                "concern.complaint_refused": _("refused to accept a complaint"),
                "concern.complaint_dialogue": _("recorded a dialogue with a complainant"),
                "concern.complaint_decided": _("decided a complaint"),
                "concern.second_complaint_filed": _("received a second complaint"),
                "concern.reclassified": _("changed the type of a case"),
                "concern.denunciation_accepted": _("accepted a denunciation by decision"),
                "concern.denunciation_refused": _("refused to accept a denunciation"),
                "concern.denunciation_transferred": _("transferred a denunciation"),
                "concern.denunciation_suspended": _("suspended the resolution of a denunciation"),
                "concern.denunciation_resumed": _("resumed the resolution of a denunciation"),
                "concern.denunciation_withdrawal_continued": _(
                    "continued a withdrawn denunciation on signs of a violation"
                ),
                "concern.denunciation_concluded": _("concluded a denunciation"),
                "anonymous_information.received": _("received anonymous information"),
                "anonymous_information.reviewed": _("reviewed anonymous information"),
                "concern.attachment_downloaded": _("downloaded an attachment of a concern"),
                "concern.exported": _("exported the concern queue"),
                "concern.digest_sent": _("sent the daily concern digest"),
                "personal_data.looked_up": _("looked up one person's concerns"),
                "personal_data.exported": _("exported one person's personal data"),
                "personal_data.erased": _("erased one person's personal data at their request"),
                "personal_data.retention_anonymised": _(
                    "anonymised personal data after the retention period"
                ),
            }
        )
