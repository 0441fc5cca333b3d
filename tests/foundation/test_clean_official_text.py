"""Clean official text: no English and no working notes in what the portal says in Vietnamese.

The seeded rules cite their basis in Vietnamese and in full (domain.md §1, §6), the
Vietnamese catalogues hold no working notes, English words or superseded citations, and
every select says what to choose instead of "---------". (Rendered pages are crawled by
their own test; this one covers the data and the catalogues.)
"""

import copy
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django import forms
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from dialogue_portal.lib.forms import ChoicePromptMixin, Form, ModelForm, prompt_empty_choice
from dialogue_portal.lib.stored_text import text_fields
from petitions.models import Category, ConcernRule
from sessions.models import FrequencyRule, TimingRule

ROOT = Path(__file__).resolve().parents[2]

# English words and working notes that must never reach a Vietnamese page or document.
FORBIDDEN_WORDS = ["amended", "assumption", "assumed", "TODO", "FIXME", "pending", "placeholder"]
FORBIDDEN_PHRASES = [
    "(online sessions)",
    "giả định",
    "chờ văn bản",
    "chờ toàn văn",
    # Superseded from 1/1/2026 by Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.
    "NĐ 13/2023",
    "13/2023/NĐ-CP",
    "Nghị định 13/2023",
    # Decree numbers nobody could verify.
    "154/2026",
    "155/2026",
    # Quyết định 935-QĐ/TU and 936-QĐ/TU are Party decisions, never a "Quy định".
    "Quy định 935",
    "Quy định 936",
    "Quy định số 935",
    "Quy định số 936",
    # The history of state changes is no memorandum.
    "Bản ghi nhớ",
    "---------",
]
FORBIDDEN = re.compile(
    "|".join(
        [rf"\b{re.escape(word)}\b" for word in FORBIDDEN_WORDS]
        + [re.escape(phrase) for phrase in FORBIDDEN_PHRASES]
    ),
    re.IGNORECASE,
)


def offences(text: str) -> list[str]:
    return [match.group(0) for match in FORBIDDEN.finditer(text or "")]


def test_the_check_catches_what_it_is_for():
    assert offences("Quy định 11-QĐi/TW (2019), amended by Kết luận 215-KL/TW") == ["amended"]
    assert offences("Giả định, chờ toàn văn QĐ 935-QĐ/TU") == ["Giả định", "chờ toàn văn"]
    assert offences("Luật 91/2025/QH15, Nghị định 13/2023/NĐ-CP") == ["Nghị định 13/2023"]
    assert offences("Bản ghi nhớ trạng thái") == ["Bản ghi nhớ"]
    assert offences("Quyết định số 935-QĐ/TU ngày 28/4/2017 của Thành ủy") == []
    assert offences("Đang chờ xử lý; giám định") == []


# --- The seeded rules ------------------------------------------------------------------------

SEEDED = (FrequencyRule, TimingRule, ConcernRule, Category)


@pytest.mark.django_db
def test_every_seeded_rule_reads_as_clean_vietnamese():
    rows = 0
    found = []
    for model in SEEDED:
        for row in model.objects.all():
            rows += 1
            for name in text_fields(model):
                found += [
                    f"{model.__name__} {row.pk} {name}: {o}" for o in offences(getattr(row, name))
                ]
    assert rows >= 5 + 3 + 5 + 8, "the migrations seed the rules of domain.md §6"
    assert found == []


@pytest.mark.django_db
def test_the_seeded_bases_cite_in_full():
    bases = [r.legal_basis for r in FrequencyRule.objects.all()]
    bases += [r.legal_basis for r in TimingRule.objects.all()]
    bases += [r.legal_basis for r in ConcernRule.objects.all()]
    text = "\n".join(bases)
    assert "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43" in text
    assert (
        "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị, sửa đổi, bổ sung theo "
        "Kết luận số 215-KL/TW ngày 23/11/2025"
    ) in text
    assert "Luật Tiếp công dân số 42/2013/QH13, Điều 18" in text
    assert "Quyết định số 935-QĐ/TU ngày 28/4/2017 của Thành ủy Thành phố Hồ Chí Minh" in text
    # Abbreviated citations ("QĐ 935", "Luật Tiếp công dân 2013") are gone.
    assert not re.search(r"\bQĐ \d", text)
    assert not re.search(r"Luật [^;,.]*? 20\d\d\b", text)


def _migration(label: str):
    return importlib.import_module(label)


def _run(migration) -> None:
    migration.rewrite(apps, SimpleNamespace(connection=connection))


@pytest.mark.django_db
def test_a_database_seeded_before_now_gets_the_new_session_bases():
    migration = _migration("sessions.migrations.0007_rule_bases_in_vietnamese")
    fresh = {}
    for model, key_fields, table in (
        (FrequencyRule, ("unit_level", "session_kind", "host"), migration.FREQUENCY_RULES),
        (TimingRule, ("kind", "session_kind"), migration.TIMING_RULES),
    ):
        for key, changes in table.items():
            row = model.objects.get(**dict(zip(key_fields, key, strict=True)))
            for field, old, new in changes:
                fresh[(model, row.pk, field)] = getattr(row, field)
                assert new == getattr(row, field), "0002 and 0007 write the same texts"
                setattr(row, field, old)
            row.save()

    _run(migration)

    for (model, pk, field), value in fresh.items():
        assert getattr(model.objects.get(pk=pk), field) == value


@pytest.mark.django_db
def test_a_basis_an_administrator_edited_is_left_alone():
    sessions = _migration("sessions.migrations.0007_rule_bases_in_vietnamese")
    petitions = _migration("petitions.migrations.0010_rule_bases_in_vietnamese")
    FrequencyRule.objects.filter(unit_level="city", session_kind="conference").update(
        legal_basis="Kế hoạch số 12-KH/TU của Thành ủy"
    )
    ConcernRule.objects.filter(type="report").update(legal_basis="Quy chế của Ủy ban nhân dân")
    old_complaint = petitions.BASES["complaint"][0]
    ConcernRule.objects.filter(type="complaint").update(legal_basis=old_complaint)

    _run(sessions)
    _run(petitions)

    city = FrequencyRule.objects.get(unit_level="city", session_kind="conference", host="any")
    assert city.legal_basis == "Kế hoạch số 12-KH/TU của Thành ủy"
    assert ConcernRule.objects.get(type="report").legal_basis == "Quy chế của Ủy ban nhân dân"
    complaint = ConcernRule.objects.get(type="complaint").legal_basis
    assert complaint == petitions.BASES["complaint"][1]
    assert offences(old_complaint) and not offences(complaint)


@pytest.mark.django_db
def test_the_old_seed_texts_are_the_ones_the_check_refuses():
    """The rewrite targets exactly the texts this check would fail on (or abbreviations)."""
    sessions = _migration("sessions.migrations.0007_rule_bases_in_vietnamese")
    petitions = _migration("petitions.migrations.0010_rule_bases_in_vietnamese")
    session_texts = [new for rows in sessions.FREQUENCY_RULES.values() for _, _, new in rows]
    session_texts += [new for rows in sessions.TIMING_RULES.values() for _, _, new in rows]
    old_texts = [old for rows in sessions.FREQUENCY_RULES.values() for _, old, _ in rows]
    old_texts += [old for rows in sessions.TIMING_RULES.values() for _, old, _ in rows]
    old_texts += [old for old, _ in petitions.BASES.values()]
    new_texts = session_texts + [new for _, new in petitions.BASES.values()]
    assert [t for t in new_texts if offences(t)] == []
    assert sum(1 for t in old_texts if offences(t)) >= 8
    limit = FrequencyRule._meta.get_field("legal_basis").max_length
    assert all(len(t) <= limit for t in session_texts)


# --- The Vietnamese catalogues -------------------------------------------------------------


def vietnamese_catalogues() -> list[Path]:
    found = sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po"))
    found += sorted(ROOT.glob("locale/vi/LC_MESSAGES/django.po"))
    return [p for p in found if ".venv" not in p.parts]


def test_every_catalogue_is_read():
    names = {p.relative_to(ROOT).parts[0] for p in vietnamese_catalogues()}
    assert {"locale", "sessions", "petitions", "compliance", "units", "accounts"} <= names


@pytest.mark.parametrize(
    "catalogue", vietnamese_catalogues(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_vietnamese_catalogue_holds_no_english_or_working_notes(catalogue):
    found = []
    for entry in polib.pofile(str(catalogue)):
        if entry.obsolete:
            continue
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in translations:
            for offence in offences(text):
                found.append(f"line {entry.linenum}: {offence!r} in {text[:120]!r}")
    assert found == []


@pytest.mark.parametrize(
    "catalogue", vietnamese_catalogues(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_the_fatherland_front_is_named_in_full_in_running_text(catalogue):
    """ "Ủy ban Mặt trận Tổ quốc Việt Nam", not "Ủy ban MTTQ" or "Luật MTTQ", in sentences.
    (A narrow table header may abbreviate: a translation of at most three words.)"""
    found = []
    for entry in polib.pofile(str(catalogue)):
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if "MTTQ" in text and len(text.split()) > 3:
                found.append(f"line {entry.linenum}: {text[:120]!r}")
    assert found == []


# --- Selects say what to choose ------------------------------------------------------------


def _project_form_classes() -> list[type]:
    found = []
    for app in ("sessions", "petitions", "compliance", "accounts", "units", "workcalendar"):
        package = importlib.import_module(app)
        for info in pkgutil.iter_modules(package.__path__):
            if "forms" not in info.name:
                continue
            module = importlib.import_module(f"{app}.{info.name}")
            found += [
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
            ]
    return found


def _empty_labels(field: forms.Field) -> list[str]:
    if isinstance(field, forms.ModelChoiceField):
        return [] if field.empty_label is None else [str(field.empty_label)]
    if isinstance(field, forms.ChoiceField):
        return [str(text) for value, text in field.choices if value in ("", None)]
    return []


SILENT = {"---------", "—", "-", "", "— Choose —"}


def test_every_select_of_every_project_form_says_what_to_choose():
    classes = _project_form_classes()
    assert len(classes) > 30
    assert [c.__name__ for c in classes if not issubclass(c, ChoicePromptMixin)] == []
    silent = []
    with translation.override("en"):
        for cls in classes:
            for name, field in copy.deepcopy(cls.base_fields).items():
                prompt_empty_choice(field, name)
                silent += [
                    f"{cls.__module__}.{cls.__name__}.{name}: {label!r}"
                    for label in _empty_labels(field)
                    if label.strip() in SILENT
                ]
    assert silent == []


class _Kinds(Form):
    kind = forms.ChoiceField(label="Session kind", choices=[("", "---------"), ("a", "A")])
    category = forms.ModelChoiceField(label="Category", queryset=Category.objects.none())
    verdict = forms.ChoiceField(
        label="Is the feedback accepted?", required=False, choices=[("", "—"), ("y", "Yes")]
    )
    organisation = forms.ChoiceField(
        label="Organisation", choices=[("", "— Choose the organisation —"), ("m", "M")]
    )
    unit = forms.ModelChoiceField(
        label="Unit", queryset=Category.objects.none(), empty_label="All my units"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Replaced after the base class ran: fixed when first rendered.
        self.fields["late"] = forms.ModelChoiceField(
            label="UBND office", queryset=Category.objects.none()
        )


class _Timing(ModelForm):
    class Meta:
        model = TimingRule
        fields = ["session_kind"]


def _options(html: str) -> list[str]:
    return re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)


@pytest.mark.django_db
def test_the_empty_choice_names_the_field_or_keeps_the_forms_own_label():
    with translation.override("en"):
        form = _Kinds()
        assert _options(str(form["kind"])) == ["— Choose session kind —"]
        assert _options(str(form["category"])) == ["— Choose category —"]
        assert _options(str(form["verdict"])) == ["— Choose one —"]
        assert _options(str(form["organisation"])) == ["— Choose the organisation —"]
        assert _options(str(form["unit"])) == ["All my units"]
        assert _options(str(form["late"])) == ["— Choose UBND office —"]
        # A model field with blank=True choices, through the model form.
        assert _options(str(_Timing()["session_kind"])) == ["— Choose session kind —"]
        # The choice still submits as empty.
        assert _Kinds(data={"kind": "", "category": ""}).errors["kind"]


@pytest.mark.django_db
def test_the_prompt_is_vietnamese_on_a_vietnamese_page():
    with translation.override("vi"):
        html = str(_Timing()["session_kind"])
    assert _options(html) == ["— Chọn hình thức —"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["sessions:create", "petitions:intake"])
def test_staff_forms_never_show_dashes(client, officer_a, page):
    client.force_login(officer_a)
    with translation.override("vi"):
        response = client.get(reverse(page), HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<select" in html
    assert "---------" not in html
    assert "— Choose" not in html
