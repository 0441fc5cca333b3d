"""No N+1: each list, feed, export and dashboard page runs as many queries with 1 row as with 30.

Each case renders one page twice: after adding one row of everything the page lists, and
after adding 29 more (with their children: history, notes, commitments, attachments,
pauses, duplicates, several units, assignees and categories). The two counts
must be equal, and equal to the pinned number, so a page that starts running one more
query is noticed even when it stays flat.

Pages already measured the same way elsewhere are not repeated here: ``LISTING_PAGES``
says, for every URL that lists rows, which test measures it, and
``test_every_url_is_classified`` fails when a new URL is in neither that table nor
``NOT_LISTS``.

What is counted: the page's own queries, as ``tests/sessions/test_queries.py`` does, i.e.
without the session store the staff policy middleware writes on every request and without
savepoints. Each measurement renders the page once first (per-process caches: content
types, the working-day calendar) and then empties Django's cache, so a page cached for
the public is measured as it renders, not as it is served from the cache.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from petitions import services as concern_services
from petitions.models import (
    AnonymousInformation,
    Category,
    Concern,
    ConcernAttachment,
    ConcernDocument,
    ConcernState,
    FollowUpCommitment,
)
from sessions.models import (
    AttachmentKind,
    DialogueSession,
    SessionAttachment,
    SessionState,
    SessionTransition,
)
from tests.factories import concerns as f
from tests.factories import make_member, make_unit
from tests.factories.sessions import days, make_session
from units.models import Role

pytestmark = pytest.mark.django_db

FEW = 1
MANY = 30
PHONE = "0912 345 678"
PHONE_OF_FACTORY = "0903 123 456"  # tests.petitions.staff.factories.submit


# --- Measuring --------------------------------------------------------------------------


def _own_queries(ctx) -> list[str]:
    """The page's queries: not the session store (written on every staff request) nor
    savepoints (PostgreSQL wraps some writes in them, SQLite does not)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def count_queries(client, url: str, method: str = "get", data: dict | None = None):
    """How many queries one request to ``url`` runs (measured as the module docstring
    says), and the response."""
    from workcalendar.calendar import is_working_day

    send = getattr(client, method)
    assert send(url, data or {}).status_code == 200, url  # per-process caches
    cache.clear()  # what the page caches itself must be rebuilt while we count
    is_working_day(timezone.localdate())  # the calendar's shared version token, again
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, data or {})
        if response.streaming:  # a streamed download reads its rows while it is sent
            response.body = b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(_own_queries(ctx)), response


# --- The scene ----------------------------------------------------------------------------


@dataclass
class Scene:
    """The personas, extra wards and officers, and the objects a case's page is about."""

    city: object
    ward_a: object
    officer_a: object
    head_a: object
    officers: list  # officers of ward A, officer_a first: assignees and authors rotate
    wards: list  # (ward, [officers]) of three more wards under the city
    objects: dict = field(default_factory=dict)
    added: int = 0  # rows added so far, so every row gets its own name

    def next(self) -> int:
        self.added += 1
        return self.added


def _category(i: int) -> Category:
    categories = list(Category.objects.order_by("ordering", "pk"))
    return categories[i % len(categories)]


def _set_category(concern: Concern, i: int) -> None:
    Concern.objects.filter(pk=concern.pk).update(category=_category(i))


def _fresh(concern: Concern) -> Concern:
    return Concern.objects.get(pk=concern.pk)


def _raised_at(scene: Scene, session: DialogueSession, n: int) -> None:
    """``n`` opinions taken on board at ``session``, each with a follow-up commitment."""
    for _ in range(n):
        i = scene.next()
        assignee = scene.officers[i % len(scene.officers)]
        concern = f.assigned(scene.ward_a, scene.officer_a, assignee, session=session)
        _set_category(concern, i)
        f.with_commitment(concern, assignee, what=f"Việc {i}")


def _session_children(scene: Scene, n: int) -> None:
    """History rows and files of the scene's session by several people, and opinions raised
    at it."""
    session = scene.objects["session"]
    start = scene.added
    SessionTransition.objects.bulk_create(
        SessionTransition(
            session=session,
            actor=scene.officers[i % len(scene.officers)],
            actor_name=f"Cán bộ {i}",
            from_state=SessionState.HELD,
            to_state=SessionState.HELD,
            note=f"Bổ sung hồ sơ {i}",
        )
        for i in range(start, start + n)
    )
    SessionAttachment.objects.bulk_create(
        SessionAttachment(
            session=session,
            kind=AttachmentKind.PHOTO,
            file=f"sessions/anh-{session.pk}-{i}.png",
            content_kind="png",
            original_name=f"anh-{i}.png",
            size=1024,
            uploaded_by=scene.officers[i % len(scene.officers)],
        )
        for i in range(start, start + n)
    )
    _raised_at(scene, session, n)


def _concern_children(scene: Scene, concern: Concern, n: int) -> None:
    """Everything the concern detail page lists, ``n`` of each, by several people."""
    for _ in range(n):
        i = scene.next()
        author = scene.officers[i % len(scene.officers)]
        concern_services.concern_add_note(actor=author, concern=concern, text=f"Ghi chú {i}")
        commitment = f.with_commitment(concern, author, what=f"Việc {i}")
        for target in (commitment, None):
            ConcernAttachment.objects.create(
                concern=concern,
                commitment=target,
                file=f"concerns/tep-{concern.pk}-{i}-{bool(target)}.pdf",
                kind="pdf",
                original_name=f"tep-{i}.pdf",
                size=2048,
                uploaded_by=author,
            )
        concern_services.concern_pause_start(
            actor=author, concern=concern, version=_fresh(concern).version, reason=f"Chờ {i}"
        )
        concern_services.concern_pause_end(
            actor=author, concern=concern, version=_fresh(concern).version
        )
        duplicate = f.submit(scene.ward_a)
        concern_services.concern_merge(
            actor=author, concern=duplicate, version=duplicate.version, into=concern
        )


def _concerns_across_units(scene: Scene, n: int) -> None:
    """``n`` concerns spread over ward A and three more wards, assignees and categories."""
    handlers = [(scene.ward_a, scene.officers)] + scene.wards
    for _ in range(n):
        i = scene.next()
        ward, officers = handlers[(i - 1) % len(handlers)]  # the first one in ward A
        concern = f.assigned(ward, officers[0], officers[i % len(officers)])
        _set_category(concern, i)
        if i % 3 == 0:  # overdue: shown with a mark
            Concern.objects.filter(pk=concern.pk).update(
                due_at=timezone.localdate() - timedelta(days=i)
            )


def _person_concerns(scene: Scene, n: int) -> None:
    """One person's concerns in ward A: ended ones (erasable) and open ones (kept)."""
    for _ in range(n):
        i = scene.next()
        if i % 2:
            f.declined(scene.ward_a, scene.officer_a, submitter_phone=PHONE)
        else:
            f.submit(scene.ward_a, submitter_phone=PHONE)


def _home_rows(scene: Scene, n: int) -> None:
    """What the staff home panels summarise: concerns and sessions of every kind."""
    _concerns_across_units(scene, n)
    for _ in range(n):
        i = scene.next()
        ward = scene.ward_a if i % 2 else scene.wards[i % len(scene.wards)][0]
        make_session(ward, SessionState.ANNOUNCED, planned_start=days(3) + timedelta(hours=i))
        make_session(ward, SessionState.PLANNED, planned_start=days(20) + timedelta(hours=i))
        make_session(ward, SessionState.HELD, planned_start=days(-3) + timedelta(hours=i))


def _more_wards(scene: Scene, n: int) -> None:
    for _ in range(n):
        make_unit(name=f"Phường Mới {scene.next()}", parent=scene.city)


# --- The cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    persona: str | None  # None: an anonymous visitor
    setup: Callable[[Scene], None]  # the object the page is about, into scene.objects
    grow: Callable[[Scene, int], None]  # adds n rows of what the page lists
    url: Callable[[Scene], str]
    method: str = "get"
    data: dict | None = None
    # The texts the page with many rows must show (every row listed): proof it was measured
    # with the rows on it, not with an empty list.
    shows: Callable[[Scene], list[str]] | None = None


def _session(state: str, key: str = "session"):
    def setup(scene: Scene) -> None:
        start = days(-5) if state in (SessionState.HELD, SessionState.CONCLUDED) else days(5)
        scene.objects[key] = make_session(scene.ward_a, state, planned_start=start)

    return setup


def _concern(scene: Scene) -> None:
    """An assigned concern whose deadline the head extended once (the rule allows one)."""
    concern = f.assigned(scene.ward_a, scene.officer_a)
    extension = concern_services.concern_extension_request(
        actor=scene.officer_a,
        concern=concern,
        version=concern.version,
        new_due=concern.due_at + timedelta(days=3),
        reason="Cần xác minh thêm",
    )
    concern_services.concern_extension_decide(
        actor=scene.head_a,
        extension=extension,
        version=_fresh(concern).version,
        approve=True,
        note="Đồng ý",
    )
    scene.objects["concern"] = _fresh(concern)


def _nothing(scene: Scene) -> None:
    return None


def _session_url(name: str):
    return lambda s: reverse(name, args=[s.objects["session"].pk])


def _public_session_url(name: str):
    return lambda s: reverse(name, args=[s.objects["session"].public_id])


def _commitments_of_session(s: Scene) -> list[str]:
    session = s.objects["session"]
    return list(
        FollowUpCommitment.objects.filter(concern__session=session).values_list("what", flat=True)
    )


def _session_page_rows(s: Scene) -> list[str]:
    session = s.objects["session"]
    names = SessionAttachment.objects.filter(session=session).values_list(
        "original_name", flat=True
    )
    return [*names, *_commitments_of_session(s)]


def _codes(**filters) -> list[str]:
    return list(Concern.objects.filter(**filters).values_list("tracking_code", flat=True))


def _new_wards(s: Scene) -> list[str]:
    from units.models import Unit

    return list(Unit.objects.filter(name__startswith="Phường Mới").values_list("name", flat=True))


def _concern_page_rows(s: Scene, *, notes: bool = True) -> list[str]:
    """Notes (internal: handlers only), commitments, files and merged duplicates."""
    concern = s.objects["concern"]
    return [
        *(concern.notes.values_list("text", flat=True) if notes else []),
        *concern.commitments.values_list("what", flat=True),
        *concern.attachments.values_list("original_name", flat=True),
        *_codes(merged_into=concern),
    ]


def _anonymous_information(scene: Scene, n: int) -> None:
    """``n`` anonymous letters about ward A and as many about other wards (not listed)."""
    from petitions.services.identity import anonymous_information_receive

    for _ in range(n):
        i = scene.next()
        anonymous_information_receive(
            unit=scene.ward_a, content=f"Thông tin không rõ danh tính số {i}", subject="Cán bộ"
        )
        ward, _officers = scene.wards[i % len(scene.wards)]
        anonymous_information_receive(unit=ward, content=f"Thông tin khác số {i}")


def _denunciation_conclusions(scene: Scene, n: int) -> None:
    """``n`` conclusions with their public notices, from ward A and the other wards."""
    from petitions.documents import issue_document
    from petitions.models import ConcernDocumentKind, ConcernType

    for _ in range(n):
        i = scene.next()
        concern = f.submit(
            scene.ward_a, type=ConcernType.DENUNCIATION, submitter_address="12 Lê Lợi"
        )
        issue_document(
            concern=concern,
            kind=ConcernDocumentKind.DENUNCIATION_CONCLUSION,
            actor=scene.head_a,
            title="Kết luận nội dung tố cáo",
            body="Nội dung tố cáo là sai.",
            signer=scene.head_a,
            symbol="KL",
            public_text=f"Công khai kết luận số {i}: nội dung tố cáo là sai.",
        )


CASES = {
    # Public pages
    "public session page (conclusions, commitments)": Case(
        None,
        _session(SessionState.CONCLUDED),
        lambda s, n: _raised_at(s, s.objects["session"], n),
        _public_session_url("public_sessions:detail"),
        shows=_commitments_of_session,
    ),
    "public session .ics": Case(
        None,
        _session(SessionState.ANNOUNCED),
        _session_children,
        _public_session_url("public_sessions:ics"),
    ),
    # Staff: sessions
    "staff session detail (held)": Case(
        "officer_a",
        _session(SessionState.HELD),
        _session_children,
        _session_url("sessions:detail"),
        shows=_session_page_rows,
    ),
    "staff session detail (concluded)": Case(
        "head_a",
        _session(SessionState.CONCLUDED),
        _session_children,
        _session_url("sessions:detail"),
        shows=_session_page_rows,
    ),
    "staff session conclusions form": Case(
        "officer_a",
        _session(SessionState.HELD),
        _session_children,
        _session_url("sessions:conclusions"),
        shows=_commitments_of_session,
    ),
    "staff conclusions print": Case(
        "reviewer",
        _session(SessionState.CONCLUDED),
        _session_children,
        _session_url("sessions:conclusions_print"),
        shows=_commitments_of_session,
    ),
    "staff conclusions .docx": Case(
        "reviewer",
        _session(SessionState.CONCLUDED),
        _session_children,
        _session_url("sessions:conclusions_docx"),
    ),
    "staff session plan form (unit choices)": Case(
        "admin_user",
        _nothing,
        _more_wards,
        lambda s: reverse("sessions:create"),
        shows=_new_wards,
    ),
    # Staff: concerns
    "concern queue of the city (reviewer)": Case(
        "reviewer",
        _nothing,
        _concerns_across_units,
        lambda s: reverse("petitions:queue"),
        shows=lambda s: _codes(),
    ),
    "concern queue, filtered and sorted (head)": Case(
        "head_a",
        _nothing,
        _concerns_across_units,
        lambda s: reverse("petitions:queue") + "?state=open&q=den&sort=received",
        shows=lambda s: _codes(unit=s.ward_a, state=ConcernState.ASSIGNED),
    ),
    "concern export CSV (administrator: contacts)": Case(
        "admin_user",
        _nothing,
        _concerns_across_units,
        lambda s: reverse("petitions:export_csv"),
        shows=lambda s: [*_codes(), PHONE_OF_FACTORY],
    ),
    "concern export XLSX (reviewer)": Case(
        "reviewer",
        _nothing,
        _concerns_across_units,
        lambda s: reverse("petitions:export_xlsx"),
        shows=lambda s: _codes(),
    ),
    "concern detail, every kind of child (head)": Case(
        "head_a",
        _concern,
        lambda s, n: _concern_children(s, s.objects["concern"], n),
        lambda s: reverse("petitions:detail", args=[s.objects["concern"].pk]),
        shows=_concern_page_rows,
    ),
    "concern detail, every kind of child (reviewer)": Case(
        "reviewer",
        _concern,
        lambda s, n: _concern_children(s, s.objects["concern"], n),
        lambda s: reverse("petitions:detail", args=[s.objects["concern"].pk]),
        shows=lambda s: _concern_page_rows(s, notes=False),
    ),
    "concern receipt (print)": Case(
        "officer_a",
        _concern,
        lambda s, n: _concern_children(s, s.objects["concern"], n),
        lambda s: reverse("petitions:receipt", args=[s.objects["concern"].pk]),
        shows=lambda s: [s.objects["concern"].tracking_code],
    ),
    "concern intake form (unit choices)": Case(
        "admin_user",
        _nothing,
        _more_wards,
        lambda s: reverse("petitions:intake"),
        shows=_new_wards,
    ),
    "personal data: erasure confirmation": Case(
        "head_a",
        _nothing,
        _person_concerns,
        lambda s: reverse("petitions:personal_data_erase"),
        method="post",
        data={"contact": PHONE},
        shows=lambda s: _codes(submitter_phone=PHONE),
    ),
    "anonymous information (unit head)": Case(
        "head_a",
        _nothing,
        _anonymous_information,
        lambda s: reverse("petitions:anonymous_list"),
        shows=lambda s: list(
            AnonymousInformation.objects.filter(unit=s.ward_a).values_list("reference", flat=True)
        ),
    ),
    "public conclusions on denunciations": Case(
        None,
        _nothing,
        _denunciation_conclusions,
        lambda s: reverse("public_petitions:denunciation_conclusions"),
        shows=lambda s: list(
            ConcernDocument.objects.exclude(public_text="")
            .order_by("-id")
            .values_list("public_text", flat=True)[:20]
        ),
    ),
    # Staff home (the reviewer's is measured in tests/compliance/test_queries.py)
    "staff home (officer)": Case(
        "officer_a", _nothing, _home_rows, lambda s: reverse("staff:home")
    ),
    "staff home (unit head)": Case("head_a", _nothing, _home_rows, lambda s: reverse("staff:home")),
    "staff home (Fatherland Front liaison)": Case(
        "mttq_a", _nothing, _home_rows, lambda s: reverse("staff:home")
    ),
}

# The pinned counts: one number, or {"sqlite": n, "postgresql": m} where the two differ
# (today they are the same on both).
PINNED: dict[str, int | dict[str, int]] = {
    "public session page (conclusions, commitments)": 3,
    "public session .ics": 1,
    "staff session detail (held)": 8,
    "staff session detail (concluded)": 9,
    # The people who may sign for the issuing body are one more query.
    "staff session conclusions form": 8,
    "staff conclusions print": 5,
    "staff conclusions .docx": 5,
    "staff session plan form (unit choices)": 3,
    "concern queue of the city (reviewer)": 6,
    "concern queue, filtered and sorted (head)": 7,
    # Exports stream their rows: the audit entry's row count is one COUNT query before them.
    # An administrator sees every contact: no query for the units whose contacts they see.
    # The denunciations whose denunciator the user may see are one query; who saw which
    # submitter is recorded per chunk of rows (one UPDATE when all were seen before).
    "concern export CSV (administrator: contacts)": 8,
    "concern export XLSX (reviewer)": 6,
    # The answer versions, the requests for reconsideration, the documents issued and the
    # record of who saw the submitter are one query each.
    "concern detail, every kind of child (head)": 21,
    "concern detail, every kind of child (reviewer)": 17,
    "concern receipt (print)": 3,
    "concern intake form (unit choices)": 4,
    "personal data: erasure confirmation": 3,
    "anonymous information (unit head)": 6,
    "public conclusions on denunciations": 2,
    "staff home (officer)": 18,
    "staff home (unit head)": 19,
    "staff home (Fatherland Front liaison)": 6,
}


def _pinned(name: str) -> int:
    value = PINNED[name]
    return value[connection.vendor] if isinstance(value, dict) else value


def _body(response) -> str:
    """The text of a page or download; a workbook's cells, one per line."""
    if response.streaming:
        return response.body.decode("utf-8-sig")
    if "spreadsheetml" not in response["Content-Type"]:
        return response.content.decode()
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.fixture
def scene(city, ward_a, officer_a, head_a):
    officers = [officer_a] + [
        make_member(ward_a, Role.WARD_OFFICER, username=f"officer_a{n}", full_name=f"Cán bộ {n}")
        for n in range(2, 5)
    ]
    wards = []
    for n in range(3):
        ward = make_unit(name=f"Phường Thêm {n}", parent=city)
        wards.append(
            (ward, [make_member(ward, Role.WARD_OFFICER, username=f"w{n}o{k}") for k in range(2)])
        )
    return Scene(
        city=city,
        ward_a=ward_a,
        officer_a=officer_a,
        head_a=head_a,
        officers=officers,
        wards=wards,
    )


# --- Which test measures which page ---------------------------------------------------------

HERE = "tests/performance/test_query_counts.py"
SESSIONS = "tests/sessions/test_queries.py"
COMPLIANCE = "tests/compliance/test_queries.py"

# Every URL whose page, feed or download lists rows → the files that measure it with few and
# with many rows.
LISTING_PAGES = {
    "public_sessions:upcoming": (SESSIONS,),
    "public_sessions:past": (SESSIONS,),
    "public_sessions:feed_city": (SESSIONS,),
    "public_sessions:feed_unit": (SESSIONS,),
    "public_sessions:detail": (HERE,),
    "public_sessions:ics": (HERE,),
    "public_petitions:submit": ("tests/petitions/public/test_submit.py",),
    "public_petitions:status": ("tests/petitions/public/test_verdict.py",),
    "public_compliance:index": (COMPLIANCE,),
    "staff:home": (HERE, COMPLIANCE, SESSIONS),
    "sessions:list": (SESSIONS,),
    "sessions:calendar": (SESSIONS,),
    "sessions:detail": (HERE,),
    "sessions:conclusions": (HERE,),
    "sessions:conclusions_print": (HERE,),
    "sessions:conclusions_docx": (HERE,),
    "sessions:create": (HERE,),
    "petitions:queue": (HERE, "tests/petitions/staff/test_views.py"),
    "petitions:export_csv": (HERE,),
    "petitions:export_xlsx": (HERE,),
    "petitions:detail": (HERE, "tests/petitions/staff/test_views.py"),
    "petitions:receipt": (HERE,),
    "petitions:intake": (HERE,),
    "petitions:personal_data": ("tests/petitions/privacy/test_requests.py",),
    "petitions:personal_data_export": ("tests/petitions/privacy/test_requests.py",),
    "petitions:personal_data_erase": (HERE,),
    "petitions:session_opinions": ("tests/petitions/session/test_opinions.py",),
    "petitions:feedback_list": ("tests/petitions/feedback/test_feedback.py",),
    "petitions:anonymous_list": (HERE,),
    "public_petitions:denunciation_conclusions": (HERE,),
    "compliance:city": (COMPLIANCE,),
    "compliance:unit": (COMPLIANCE,),
    "compliance:items": (COMPLIANCE,),
    "compliance:trends": (COMPLIANCE,),
    "compliance:report": (COMPLIANCE,),
    "compliance:report_docx": (COMPLIANCE,),
    "compliance:report_csv": (COMPLIANCE,),
    "compliance:report_xlsx": (COMPLIANCE,),
}

# URLs that list nothing: actions (POST, then a redirect), one-object forms, sign-in pages.
NOT_LISTS = {
    "home": "static page",
    "set_language": "redirect",
    "compliance:my_unit": "redirect to compliance:unit",
    "compliance:report_register": "action",
    "public_petitions:lookup": "form (the lookup itself: tests/petitions/public/test_lookup.py)",
    "public_petitions:submitted": "one concern's receipt",
    "public_petitions:accept": "action",
    "public_petitions:dispute": "action",
    "public_petitions:forget": "action",
    "petitions:attachment": "one file",
    "petitions:document_print": "one document",
    "petitions:document_docx": "one document",
    "petitions:reclassification_report": (
        "one concern's report: the viewers are kept in its audit entries, no query per row"
    ),
    "public_petitions:second_complaint": "form of one concern",
    "petitions:bulk_assign": "action",
    "petitions:feedback_create": "form of the liaison's own units",
    **{
        f"petitions:{action}": "action"
        for action in (
            "accept",
            "answer_approve",
            "answer_return",
            "answer_save",
            "answer_submit",
            "assign",
            "close",
            "commitment_add",
            "commitment_done",
            "decline",
            "extension_decide",
            "extension_request",
            "merge",
            "note_add",
            "pause_end",
            "pause_start",
            "reconsider_request",
            "reconsider_respond",
            "reclassify",
            "anonymous_review",
            "complaint_accept",
            "complaint_decide",
            "complaint_dialogue",
            "complaint_refuse",
            "denunciation_accept",
            "denunciation_conclude",
            "denunciation_refuse",
            "denunciation_resume",
            "denunciation_suspend",
            "denunciation_transfer",
            "denunciation_withdrawal",
            "refer",
            "transfer_body",
            "withdraw",
        )
    },
    "sessions:attachment": "one file",
    **{
        f"sessions:{action}": "action or one-session form"
        for action in (
            "add_attachments",
            "announce",
            "approve",
            "cancel",
            "close",
            "edit",
            "issue_conclusions",
            "postpone",
            "record_held",
            "submit",
        )
    },
    **{
        f"staff:{name}": "sign-in and password pages"
        for name in (
            "login",
            "logout",
            "otp_setup",
            "otp_verify",
            "password_change",
            "password_change_done",
            "password_reset",
            "password_reset_complete",
            "password_reset_confirm",
            "password_reset_done",
        )
    },
}


def test_every_url_is_classified():
    """A new URL that lists rows needs a query-count test (and a row in LISTING_PAGES)."""
    from pathlib import Path

    from tests.security.world import all_url_names

    names = set(all_url_names())
    assert not set(LISTING_PAGES) & set(NOT_LISTS)
    assert sorted(names - set(LISTING_PAGES) - set(NOT_LISTS)) == []
    assert sorted((set(LISTING_PAGES) | set(NOT_LISTS)) - names) == []
    root = Path(__file__).resolve().parents[2]
    for name, files in LISTING_PAGES.items():
        for path in files:
            assert (root / path).is_file(), f"{name}: {path} does not exist"


def test_every_case_has_a_pinned_count():
    assert set(PINNED) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_query_count_does_not_grow_with_rows(name, client, scene, request):
    case = CASES[name]
    if case.persona:
        client.force_login(request.getfixturevalue(case.persona))
    case.setup(scene)
    case.grow(scene, FEW)
    url = case.url(scene)
    assert HERE in LISTING_PAGES[resolve(url.split("?")[0]).view_name], name
    few, _response = count_queries(client, url, case.method, case.data)
    case.grow(scene, MANY - FEW)
    many, response = count_queries(client, url, case.method, case.data)
    if case.shows:
        body = _body(response)
        expected = case.shows(scene)
        assert expected, name
        missing = [text for text in expected if text not in body]
        assert not missing, f"{name}: the page does not show {missing[:3]}"
    assert (few, many) == (_pinned(name), _pinned(name)), (
        f"{name} on {connection.vendor}: {few} queries with {FEW} row(s), {many} with {MANY}; "
        f"pinned {_pinned(name)}"
    )
