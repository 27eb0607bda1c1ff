"""Fixtures of the chain tests."""

from tests.opportunities.bids import bid  # noqa: F401 - a fixture
