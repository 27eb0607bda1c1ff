"""Fixtures of the insights tests."""

from tests.opportunities.insights.world import files, park, rhythm, rivalry  # noqa: F401
