"""The services guard their text too: a caller that is not a form (the demo, a command,
an import, a future API) can store no control character either."""

import pytest
from django.core.exceptions import ValidationError

from dialogue_portal.lib.text import MSG_CONTROL_CHARACTERS
from petitions import services as concern_services
from petitions.models import Concern, ConcernChannel, ConcernType
from sessions import services as session_services
from sessions.models import DialogueSession, SessionState
from tests.factories import concerns as f
from tests.factories.sessions import make_session, plan_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bad", ["\x1b", "\x07", "\x00"])
def test_a_concern_sent_straight_to_the_service_is_refused(ward_a, bad):
    with pytest.raises(ValidationError) as error:
        concern_services.concern_submit(
            unit=ward_a,
            channel=ConcernChannel.WEB,
            type=ConcernType.REPORT,
            category=f.category(),
            content=f"Đèn hỏng{bad}",
            consent=True,
        )
    assert error.value.error_list[0].message == MSG_CONTROL_CHARACTERS
    assert not Concern.objects.filter(unit=ward_a).exists()


def test_a_pasted_break_reaching_a_service_is_stored_as_a_newline(ward_a, officer_a):
    concern = f.submit(ward_a, content="Dòng một\x0bdòng hai")
    assert f.fresh(concern).content == "Dòng một\ndòng hai"
    concern_services.concern_add_note(actor=officer_a, concern=concern, text="a\x0cb")
    assert concern.notes.get().text == "a\nb"


def test_a_session_plan_sent_straight_to_the_service_names_the_bad_field(ward_a, officer_a):
    with pytest.raises(ValidationError) as error:
        session_services.session_create(
            actor=officer_a, unit=ward_a, fields=plan_fields(topic="Chống ngập\x07")
        )
    assert error.value.message_dict["topic"] == [
        str(MSG_CONTROL_CHARACTERS) % {"characters": "U+0007"}
    ]
    assert not DialogueSession.objects.exists()


def test_a_cancellation_reason_with_escape_is_refused_and_nothing_changes(ward_a, officer_a):
    session = make_session(ward_a, SessionState.ANNOUNCED)
    with pytest.raises(ValidationError) as error:
        session_services.session_cancel(
            actor=officer_a, session_id=session.pk, reason="Mưa bão\x1b[0m"
        )
    assert "reason" in error.value.message_dict
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED and session.cancelled_reason == ""
