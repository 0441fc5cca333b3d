"""Moved to ``tests.factories.sessions`` and ``tests.factories.files``.

Kept only for ``tests/sessions/test_permissions.py`` until the permission matrix is rewritten;
import from ``tests.factories`` everywhere else.
"""

from tests.factories.files import pdf_upload
from tests.factories.sessions import make_session

__all__ = ["make_session", "pdf_upload"]
