"""One small world with an object of every kind in ward A, for the URL-wide tests."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from petitions import services as concern_services
from petitions.models import Concern
from sessions import services as session_services
from sessions.models import AttachmentKind, SessionState
from tests.factories import concerns as concern_factories
from tests.factories.files import pdf_upload
from tests.factories.sessions import make_session

PERSONAS = ["anonymous", "officer_a", "officer_b", "head_a", "reviewer", "mttq_a", "admin_user"]


def persona_users(officer_a, officer_b, head_a, reviewer, mttq_a, admin_user) -> dict:
    """Each persona's user (None for the anonymous visitor), keyed as in PERSONAS."""
    users = [None, officer_a, officer_b, head_a, reviewer, mttq_a, admin_user]
    return dict(zip(PERSONAS, users, strict=True))


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
        "session": held,
        "session_attachment": attachment,
        "announced": announced,
        "concern": concern,
        "concern_attachment": concern.attachments.get(),
        "commitment": commitment,
        "extension": extension,
        "unit": ward_a,
    }


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
        if short in no_object or short.startswith("personal_data"):
            return {}
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
