import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from units.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from units.models import Membership, Unit

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo")


@pytest.mark.slow
def test_seed_demo_is_idempotent_and_prints_the_accounts(settings, capsys):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    output = capsys.readouterr().out
    counts = (Unit.objects.count(), get_user_model().objects.count(), Membership.objects.count())

    call_command("seed_demo")

    assert (
        Unit.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    ) == counts
    assert Unit.objects.count() == 169
    assert DEMO_PASSWORD in output
    for username in DEMO_ACCOUNTS:
        assert username in output
        assert get_user_model().objects.get(username=username).check_password(DEMO_PASSWORD)
