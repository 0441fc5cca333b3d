"""Read-only rows built once for a module (or a class) of tests instead of once per test.

A module-scoped fixture opens a transaction, builds its rows and yields; every test of the
module then runs inside it, in its own savepoint (pytest-django's ``db``), so whatever a test
writes is undone after it and the next test sees the rows exactly as built. After the
module's last test the transaction is rolled back: nothing is left for other modules::

    @pytest.fixture(scope="module")
    def seeded(django_db_blocker):
        with rows_kept_for_the_scope(django_db_blocker):
            seed_demo(today=clock.today())
            yield

Only for modules whose tests all use the ordinary ``db``: a ``transactional_db`` test would
flush the rows, and a live server cannot see rows that are never committed. Python objects
the fixture returns are shared too: tests read them or fetch fresh copies, and never change
them in memory.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rows_kept_for_the_scope(django_db_blocker) -> Iterator[None]:
    """Run the block (the build, then the ``yield`` to the module's tests) inside one
    transaction that is always rolled back."""
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        yield
        transaction.set_rollback(True)
