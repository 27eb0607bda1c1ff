"""The audit trail through the JSON API."""

from __future__ import annotations

from tests.factories import api_routes


def test_audit_entries_cannot_be_written_through_any_route(app):
    audit_routes = [(path, methods) for path, methods in api_routes(app) if "audit" in path]
    assert [path for path, _ in audit_routes] == ["/api/v1/audit-entries", "/admin/audit"]
    assert all(methods <= {"GET", "HEAD"} for _, methods in audit_routes)
