import pytest

from tests.petitions.session.factories import make_session


@pytest.fixture
def held_session(ward_a):
    return make_session(ward_a, state="held")
