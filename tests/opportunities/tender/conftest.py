"""Fixtures of the tender tests."""

from tests.opportunities.bids import bid  # noqa: F401 - a fixture
