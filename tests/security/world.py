"""One small world with an object of every kind in ward A, for the URL-wide tests."""

from collections import defaultdict
from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver

from petitions import services as concern_services
from petitions.models import Concern
from sessions import services as session_services
from sessions.models import AttachmentKind, SessionState
from tests.factories import concerns as concern_factories
from tests.factories.files import pdf_upload
from tests.factories.sessions import make_session

# The columns of the matrix: the UBND's office officer of ward A and of ward B, the Chủ
# tịch and a Phó Chủ tịch UBND of ward A, the officer of ward A's Party committee office and
# its Bí thư, a Thường trực HĐND, the city reviewer, the MTTQ liaison, the administrator.
PERSONAS = [
    "anonymous",
    "officer_a",
    "officer_b",
    "head_a",
    "vice_chair_a",
    "party_officer_a",
    "secretary_a",
    "council_a",
    "reviewer",
    "mttq_a",
    "admin_user",
]


def persona_users(request) -> dict:
    """Each persona's user (None for the anonymous visitor), keyed as in PERSONAS; the users
    are the fixtures of tests/conftest.py of the same names."""
    return {
        persona: None if persona == "anonymous" else request.getfixturevalue(persona)
        for persona in PERSONAS
    }


def make_cast() -> dict:
    """The same people as ``persona_users``, made without the fixtures (for a dataset built
    once per module, ``tests/shared_rows.py``), with the wards they belong to."""
    from tests.conftest import make_admin, persona

    return {
        name: None
        if name == "anonymous"
        else make_admin()
        if name == "admin_user"
        else persona(name)
        for name in PERSONAS
    }


class SignIns:
    """Each persona signs in once (``force_login``); ``client(persona)`` is then a new client
    with a session of its own that holds that sign-in, as a browser that has just signed in,
    without signing in again (a sign-in takes ten times as long as making a session)."""

    def __init__(self, users: dict):
        self._sessions = {}
        for persona, user in users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                self._sessions[persona] = dict(client.session.items())

    def client(self, persona: str) -> Client:
        """A client signed in as ``persona`` (not signed in for the anonymous visitor)."""
        client = Client()
        if persona in self._sessions:
            session = import_module(settings.SESSION_ENGINE).SessionStore()
            session.update(self._sessions[persona])
            session.save()
            # The cookie Django's test client sets when it signs in (Client._login).
            name = settings.SESSION_COOKIE_NAME
            client.cookies[name] = session.session_key
            client.cookies[name].update(
                {
                    "max-age": None,
                    "path": "/",
                    "domain": settings.SESSION_COOKIE_DOMAIN,
                    "secure": settings.SESSION_COOKIE_SECURE or None,
                    "expires": None,
                }
            )
        return client


# Django's admin has its own gate (is_staff + model permissions), tested in each app.
SKIPPED_NAMESPACES = {"admin"}


def all_url_names() -> list[str]:
    """Every named URL of the portal, namespaced (``sessions:detail``), admin left out."""
    names: list[str] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = pattern.namespace or ""
                if inner in SKIPPED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace)
            elif pattern.name:
                names.append(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return sorted(set(names))


def build_world(ward_a, officer_a) -> dict:
    """Objects of ward A that every URL argument can point at."""
    held = make_session(ward_a, SessionState.HELD)
    (attachment,) = session_services.session_add_attachments(
        actor=officer_a,
        session_id=held.pk,
        uploads=[session_services.Upload(kind=AttachmentKind.MINUTES, file=pdf_upload())],
    )
    announced = make_session(ward_a, SessionState.ANNOUNCED)
    concern = concern_factories.assigned(
        ward_a,
        officer_a,
        attachments=[SimpleUploadedFile("a.pdf", pdf_upload().read(), "application/pdf")],
    )
    commitment = concern_factories.with_commitment(concern, officer_a)
    extension = concern_services.concern_extension_request(
        actor=officer_a,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        new_due=concern.due_at + timedelta(days=5),
        reason="Cần xác minh thêm",
    )
    return {
        **statutory_world(ward_a, officer_a),
        "session": held,
        "session_attachment": attachment,
        "announced": announced,
        "concern": concern,
        "concern_attachment": concern.attachments.get(),
        "commitment": commitment,
        "extension": extension,
        "unit": ward_a,
    }


def statutory_world(ward_a, officer_a, addressed_to: str = "state") -> dict:
    """Ward A's objects of the statutory procedures: a complaint with the record of its
    dialogue (a document of a concern), a denunciation about an official of the ward (its
    reclassification report) and an anonymous letter kept for inspection."""
    from petitions.documents import issue_document
    from petitions.models import AccusedRole, ConcernDocumentKind, ConcernType
    from petitions.services.identity import anonymous_information_receive

    complaint = concern_factories.submit(
        ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi"
    )
    record = issue_document(
        concern=complaint,
        kind=ConcernDocumentKind.DIALOGUE_RECORD,
        actor=officer_a,
        title="Biên bản đối thoại",
        body="Hai bên trao đổi về nội dung khiếu nại.",
    )
    denunciation = concern_factories.submit(
        ward_a,
        type=ConcernType.DENUNCIATION,
        submitter_address="12 Lê Lợi",
        accused_role=AccusedRole.OFFICIAL,
    )
    anonymous = anonymous_information_receive(
        unit=ward_a, content="Thông tin không rõ danh tính về việc xây dựng trái phép."
    )
    Concern.objects.filter(pk__in=[complaint.pk, denunciation.pk]).update(addressed_to=addressed_to)
    return {"document": record, "denunciation": denunciation, "anonymous": anonymous}


def build_party_world(ward_a, party_officer_a, secretary_a) -> dict:
    """The Party committee's objects of ward A, for the URLs that take an object: a
    reception the Bí thư hosted and chaired, with its minutes, and a concern addressed to the
    Party committee, handled by its office (with a file, a commitment and an extension)."""
    from tests.security.scenes import PARTY, concern_at, session_of

    held = session_of("party", ward_a, SessionState.HELD)
    (attachment,) = session_services.session_add_attachments(
        actor=party_officer_a,
        session_id=held.pk,
        uploads=[session_services.Upload(kind=AttachmentKind.MINUTES, file=pdf_upload())],
    )
    concern = concern_at(
        "assigned",
        ward_a,
        party_officer_a,
        secretary_a,
        PARTY,
        attachments=[SimpleUploadedFile("a.pdf", pdf_upload().read(), "application/pdf")],
    )
    commitment = concern_factories.with_commitment(concern, party_officer_a)
    extension = concern_services.concern_extension_request(
        actor=party_officer_a,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        new_due=concern.due_at + timedelta(days=5),
        reason="Cần xác minh thêm",
    )
    return {
        **statutory_world(ward_a, party_officer_a, PARTY),
        "session": held,
        "session_attachment": attachment,
        "announced": session_of("party", ward_a, SessionState.ANNOUNCED),
        "concern": concern,
        "concern_attachment": concern.attachments.get(),
        "commitment": commitment,
        "extension": extension,
        "unit": ward_a,
    }


def object_url_names(skip=frozenset()) -> list[str]:
    """The staff URLs about one session or concern (those a Party object changes)."""
    anything = defaultdict(lambda: SimpleNamespace(pk=1, public_id="x", code="x"))
    return [
        name
        for name in all_url_names()
        if name not in skip
        and name.split(":")[0] in ("sessions", "petitions")
        and url_kwargs(name, anything)
    ]


# Pages that need a query string to show anything.
QUERY = {"compliance:items": "?figure=overdue"}


def url_kwargs(name: str, world: dict) -> dict:
    """The URL arguments for ``name``, pointing at ward A's objects."""
    namespace, _, short = name.rpartition(":")
    if namespace == "sessions":
        kwargs = {"pk": world["session"].pk} if short not in ("list", "calendar", "create") else {}
        if short == "attachment":
            kwargs["attachment_pk"] = world["session_attachment"].pk
        return kwargs
    if namespace == "petitions":
        if short == "session_opinions":
            return {"session_pk": world["session"].pk}
        no_object = (
            "queue",
            "intake",
            "export_csv",
            "export_xlsx",
            "bulk_assign",
            "feedback_list",
            "feedback_create",
        )
        if short in no_object or short.startswith("personal_data") or short == "anonymous_list":
            return {}
        if short in ("document_print", "document_docx"):
            return {"pk": world["document"].pk}
        if short == "reclassification_report":
            return {"pk": world["denunciation"].pk}
        if short == "anonymous_review":
            return {"pk": world["anonymous"].pk}
        kwargs = {"pk": world["concern"].pk}
        extra = {
            "attachment": ("attachment_pk", world["concern_attachment"].pk),
            "commitment_done": ("commitment_pk", world["commitment"].pk),
            "extension_decide": ("extension_pk", world["extension"].pk),
        }.get(short)
        if extra:
            kwargs[extra[0]] = extra[1]
        return kwargs
    if namespace == "public_sessions":
        if short in ("detail", "ics"):
            return {"public_id": world["announced"].public_id}
        if short == "feed_unit":
            return {"code": world["unit"].code}
        return {}
    if name == "compliance:unit":
        return {"pk": world["unit"].pk}
    if name == "staff:password_reset_confirm":
        return {"uidb64": "MQ", "token": "set-password"}
    return {}
