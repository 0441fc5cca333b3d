"""Small factory functions for test data (no JSON fixtures), one module per subject.

- ``units``: administrative units and the people in them (re-exported here);
- ``sessions``: dialogue sessions in any state, written straight to the database;
- ``concerns``: concerns in any state, made through the services;
- ``compliance``: sessions and concerns on chosen dates, and the May 2026 dataset;
- ``calendar``: extra days off and working days;
- ``files``: uploaded files (PDF, PNG, JPEG).
"""

from tests.factories.units import PASSWORD, make_member, make_unit, make_user

__all__ = ["PASSWORD", "make_member", "make_unit", "make_user"]
