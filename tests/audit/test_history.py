"""One history shape (``audit.history.HistoryEntry``) and one action → text map.

Both history tables are append-only like the audit log (model, queryset, admin); every
action code they hold, and every audit code, has a registered text; pages and the admin
show that text; the person is named family name first, and still named when the user goes.
"""

import re

import pytest
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from audit.history import HistoryEntry, person_name
from audit.models import AuditEntry
from audit.registry import audit_actions, history_action_text, history_actions
from petitions.models import ConcernTransition, TransitionAction
from sessions import services as session_services
from sessions.models import SessionAction, SessionState, SessionTransition
from tests.factories import concerns as f
from tests.factories.sessions import make_session
from tests.factories.units import make_member
from units.models import Role

pytestmark = pytest.mark.django_db

HISTORY_MODELS = [SessionTransition, ConcernTransition]


def _label(model) -> str:
    return model._meta.label_lower


# --- Every code registered ------------------------------------------------------------------


def test_every_history_model_registers_its_actions_and_the_database_allows_only_those():
    from django.apps import apps

    found = [m for m in apps.get_models() if issubclass(m, HistoryEntry)]
    assert sorted(found, key=_label) == sorted(HISTORY_MODELS, key=_label)
    for model in HISTORY_MODELS:
        registered = history_actions(_label(model))
        assert set(registered) == set(model.actions.values), model
        assert all(str(text) and str(text) != code for code, text in registered.items())
        [constraint] = [
            c
            for c in model._meta.constraints
            if isinstance(c, CheckConstraint) and c.name.endswith("_action_valid")
        ]
        [(lookup, allowed)] = constraint.condition.children
        assert lookup == "action__in" and set(allowed) == set(registered), model


def test_the_database_refuses_an_unregistered_history_action(ward_a):
    session = make_session(ward_a)
    concern = f.submit(ward_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionTransition.objects.create(
            session=session, action="teleported", to_state=SessionState.DRAFT
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernTransition.objects.create(
            concern=concern, action="teleported", to_state=concern.state
        )


@pytest.fixture
def seeded(settings):
    """The whole demo, through the services, as ``manage.py seed_demo`` writes it."""
    from compliance import demo as compliance_demo
    from dialogue_portal.lib import clock
    from petitions import demo as petitions_demo
    from sessions import demo as sessions_demo
    from units.demo import seed_units_and_accounts

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    seed_units_and_accounts()
    today = clock.today()
    for seeder in (sessions_demo, petitions_demo, compliance_demo):
        seeder.seed_demo(today=today)


def test_every_action_code_the_demo_writes_has_a_registered_text(seeded):
    for model in HISTORY_MODELS:
        written = set(model.objects.values_list("action", flat=True))
        assert len(written) >= 8, model  # the demo runs both lifecycles far
        assert written <= set(history_actions(_label(model))), model
    written = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"session.approved", "concern.accepted"} <= written
    assert written - set(audit_actions()) == set()
    # What the demo wrote reads as its registered text, never as the bare code.
    row = SessionTransition.objects.filter(action=SessionAction.APPROVED).first()
    assert row.action_text == str(SessionAction.APPROVED.label) != row.action
    entry = AuditEntry.objects.filter(action="concern.accepted").first()
    with translation.override("en"):
        assert entry.action_text == "accepted and classified a concern"


def test_each_session_service_writes_its_own_action(ward_a, officer_a, head_a):
    from tests.factories.sessions import plan_fields

    session = session_services.session_create(actor=officer_a, unit=ward_a, fields=plan_fields())
    session_services.session_submit(actor=officer_a, session_id=session.pk)
    session_services.session_approve(actor=head_a, session_id=session.pk)
    session_services.session_announce(actor=officer_a, session_id=session.pk)
    session = session_services.session_cancel(
        actor=officer_a, session_id=session.pk, reason="Trùng lịch"
    )
    assert list(session.transitions.values_list("action", flat=True)) == [
        SessionAction.CREATED,
        SessionAction.SUBMITTED,
        SessionAction.APPROVED,
        SessionAction.ANNOUNCED,
        SessionAction.CANCELLED,
    ]


def test_a_row_written_without_an_action_takes_the_one_its_change_stands_for(ward_a):
    session = make_session(ward_a, "held")
    rows = [
        SessionTransition(session=session, from_state="", to_state=SessionState.DRAFT),
        SessionTransition(
            session=session,
            from_state=SessionState.DRAFT,
            to_state=SessionState.DRAFT,
            data={"event": "submitted"},
        ),
        SessionTransition(
            session=session, from_state=SessionState.ANNOUNCED, to_state=SessionState.HELD
        ),
    ]
    SessionTransition.objects.bulk_create(rows[:2])
    rows[2].save()
    assert list(session.transitions.values_list("action", flat=True)) == [
        SessionAction.CREATED,
        SessionAction.SUBMITTED,
        SessionAction.HELD,
    ]
    # A concern's history has no such default: a row without an action is refused.
    concern = f.submit(ward_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernTransition.objects.create(concern=concern, to_state=concern.state)


# --- Who: family name first, kept when the user goes -----------------------------------------


def test_history_names_the_person_family_name_first_and_keeps_the_name(ward_a, head_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, username="minh", full_name="Trần Thị Minh")
    assert person_name(officer) == "Trần Thị Minh"
    assert person_name(head_a) == "Phạm Minh Hùng"
    assert person_name(make_member(ward_a, username="no_name")) == "no_name"
    assert person_name(None) == ""

    session = make_session(ward_a, "draft")
    session_services.session_submit(actor=officer, session_id=session.pk)
    concern = f.accepted(ward_a, officer)
    officer.delete()

    session_row = session.transitions.get(action=SessionAction.SUBMITTED)
    concern_row = concern.transitions.get(action=TransitionAction.ACCEPTED)
    for row in (session_row, concern_row):
        assert row.actor is None and row.actor_name == "Trần Thị Minh"
    submitted = concern.transitions.get(action=TransitionAction.SUBMITTED)
    assert submitted.actor_name == ""  # the citizen


# --- What: the registered text on every history page -------------------------------------------


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_session_history_shows_the_registered_text_and_the_person(
    english, ward_a, officer_a, head_a
):
    session = make_session(ward_a, "draft")
    session_services.session_submit(actor=officer_a, session_id=session.pk, note="Kính trình")
    session_services.session_approve(actor=head_a, session_id=session.pk)
    english.force_login(officer_a)
    page = _text(english.get(reverse("sessions:detail", args=[session.pk])))
    history = page[page.index('id="history-heading"') :]
    assert "Submitted for approval" in history and "Kính trình" in history
    assert "Plan approved <span" in history and "(Draft → Plan approved)" in history
    assert "Phạm Minh Hùng" in history and "Trần Văn An" in history


def test_concern_history_pages_show_the_registered_text(english, ward_a, officer_a):
    concern = f.accepted(ward_a, officer_a)
    english.force_login(officer_a)
    page = _text(english.get(reverse("petitions:detail", args=[concern.pk])))
    timeline = page[page.index('id="timeline-heading"') :]
    assert "Accepted and classified" in timeline and "citizen / system" in timeline
    with translation.override("en"):
        text = history_action_text(_label(ConcernTransition), "accepted")
    assert text == "Accepted and classified"


def test_the_admin_shows_the_registered_text(client, admin_user, ward_a, officer_a, head_a):
    session = make_session(ward_a, "draft")
    session_services.session_approve(actor=head_a, session_id=session.pk)
    concern = f.accepted(ward_a, officer_a)
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    page = _text(
        client.get(reverse("admin:dialogue_sessions_dialoguesession_change", args=[session.pk]))
    )
    assert "Plan approved" in page
    page = _text(client.get(reverse("admin:petitions_concern_change", args=[concern.pk])))
    assert "Accepted and classified" in page
    entry = AuditEntry.objects.filter(action="session.approved").get()
    page = _text(client.get(reverse("admin:audit_auditentry_changelist")))
    assert "approved a session plan" in page
    page = _text(client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])))
    assert "approved a session plan" in page


# --- Append-only: model, queryset, admin ----------------------------------------------------


@pytest.fixture
def rows(ward_a, officer_a, head_a):
    session = make_session(ward_a, "draft")
    session_services.session_approve(actor=head_a, session_id=session.pk, note="Đồng ý")
    concern = f.accepted(ward_a, officer_a)
    return [
        session.transitions.get(),
        concern.transitions.get(action=TransitionAction.ACCEPTED),
    ]


def test_history_rows_cannot_be_changed_or_deleted(rows):
    for row in rows:
        model = type(row)
        row.note = "forged"
        with pytest.raises(PermissionError):
            row.save()
        with pytest.raises(PermissionError):
            row.delete()
        with pytest.raises(PermissionError):
            model.objects.filter(pk=row.pk).update(note="forged")
        with pytest.raises(PermissionError):
            model.objects.all().delete()
        with pytest.raises(PermissionError), transaction.atomic():
            model.objects.bulk_update([row], ["note"])
        assert model.objects.get(pk=row.pk).note != "forged"


def _form_inputs(html: str) -> dict[str, str]:
    """The named inputs of a page, with their values (hidden management forms included)."""
    inputs = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            inputs[name.group(1)] = value.group(1) if value else ""
    return inputs


def test_the_admin_shows_history_read_only_and_refuses_a_forged_change(client, admin_user, rows):
    from django.contrib import admin
    from django.test import RequestFactory

    from petitions.admin import TransitionInline
    from sessions.admin import SessionTransitionInline

    session_row, concern_row = rows
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for inline, row in ((SessionTransitionInline, session_row), (TransitionInline, concern_row)):
        parent = row.session if inline is SessionTransitionInline else row.concern
        instance = inline(type(parent), admin.site)
        assert not instance.has_add_permission(request, parent)
        assert not instance.has_change_permission(request, parent)
        assert not instance.has_delete_permission(request, parent)
    for model in HISTORY_MODELS:  # no page of their own where a row could be edited
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[1])

    client.force_login(admin_user)
    url = reverse("admin:petitions_concern_change", args=[concern_row.concern_id])
    page = client.get(url).content.decode()
    assert 'name="transitions-0-note"' not in page
    forged = _form_inputs(page)
    forged.update({"transitions-0-note": "forged", "transitions-0-DELETE": "on"})
    forged.pop("_continue", None)
    response = client.post(url, forged)
    assert response.status_code == 302  # saved (nothing to change), not an error page
    kept = ConcernTransition.objects.get(pk=concern_row.pk)
    assert kept.note == concern_row.note and kept.action == concern_row.action


def test_every_audit_code_a_concern_service_writes_has_a_registered_text():
    """Every ``_audit(actor, "code", …)`` of the concern services reads as words in the audit
    log, the statutory procedures' steps included (the demo does not run all of them)."""
    from pathlib import Path

    import petitions.services

    folder = Path(petitions.services.__file__).parent
    written = {
        f"concern.{code}"
        for path in folder.glob("*.py")
        for code in re.findall(r'_audit\(\s*\w+,\s*"([a-z_]+)"', path.read_text())
    }
    assert {"concern.denunciation_concluded", "concern.complaint_decided"} <= written
    assert written - set(audit_actions()) == set()
