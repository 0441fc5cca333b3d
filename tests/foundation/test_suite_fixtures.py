"""The suite's own promises: fast passwords that still check, uploads never in ``var/media``,
and rows shared by a module rolled back after it."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories import PASSWORD, make_user
from tests.shared_rows import rows_kept_for_the_scope
from units.models import Unit

PROJECT_MEDIA = Path(__file__).resolve().parents[2] / "var" / "media"


@pytest.fixture(scope="module")
def user_of_the_module(django_db_setup, django_db_blocker):
    with rows_kept_for_the_scope(django_db_blocker):
        yield make_user("made_for_the_module")


@pytest.mark.django_db
def test_a_user_made_for_a_whole_module_has_a_fast_hash_that_still_checks(user_of_the_module):
    assert user_of_the_module.password.startswith("md5$")
    assert user_of_the_module.check_password(PASSWORD)
    assert not user_of_the_module.check_password(PASSWORD + "!")


@pytest.mark.django_db
def test_the_real_login_form_accepts_the_right_password_only(client):
    make_user("signs_in")
    form = {"username": "signs_in", "password": PASSWORD + "!"}
    assert client.post("/staff/login/", form).status_code == 200
    form["password"] = PASSWORD
    assert client.post("/staff/login/", form).status_code == 302


def test_uploads_go_to_this_workers_temporary_folder():
    media = Path(settings.MEDIA_ROOT)
    assert media != PROJECT_MEDIA and PROJECT_MEDIA not in media.parents
    assert os.environ["DJANGO_MEDIA_ROOT"] == str(media)  # commands run in a subprocess too
    name = default_storage.save("suite/probe.txt", ContentFile(b"x"))
    try:
        assert Path(default_storage.path(name)).is_relative_to(media)
    finally:
        default_storage.delete(name)


@pytest.mark.django_db
def test_rows_kept_for_a_scope_are_gone_after_it(django_db_blocker):
    with rows_kept_for_the_scope(django_db_blocker):
        Unit.objects.create(name="Phường tạm", kind=Unit.Kind.WARD, code="T99999")
        assert Unit.objects.filter(code="T99999").exists()
    assert not Unit.objects.filter(code="T99999").exists()
