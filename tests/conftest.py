"""Fixtures for the data tests; the helpers they use live in tests/support.py."""

from support import make_project, project  # noqa: F401  (fixtures are found by name)
