"""Fixtures of the documents tests: every test keeps its uploads in a folder of its own."""

from tests.opportunities.documents.world import files, opp  # noqa: F401
