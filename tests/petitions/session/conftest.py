import pytest

from tests.factories.sessions import make_session


@pytest.fixture
def held_session(ward_a):
    return make_session(ward_a, state="held")
