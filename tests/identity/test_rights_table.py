"""docs/security.md shows the permission table the code enforces."""

from __future__ import annotations

from pathlib import Path

from pcrm.identity.permissions import (
    PERMISSION_LABELS,
    Permission,
    Role,
    has_permission,
    rights_table,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_the_documented_table_is_the_one_in_the_code():
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- rights-table:start -->\n") + len("<!-- rights-table:start -->\n")
    end = text.index("<!-- rights-table:end -->")

    assert text[start:end] == rights_table()


def test_every_right_has_a_label():
    assert set(PERMISSION_LABELS) == set(Permission)


def test_delivery_changes_contacts_and_activities_but_not_the_sales_records():
    may = {p for p in Permission if has_permission(Role.DELIVERY, p)}

    assert may == {
        Permission.READ,
        Permission.WRITE,
        Permission.WRITE_CONTACTS,
        Permission.WRITE_ACTIVITIES,
        Permission.WRITE_PROJECTS,
        Permission.WRITE_SERVICE,
    }


def test_sales_change_customers_and_opportunities_but_not_projects():
    may = {p for p in Permission if has_permission(Role.SALES, p)}

    assert may == {
        Permission.READ,
        Permission.WRITE,
        Permission.WRITE_ACCOUNTS,
        Permission.WRITE_CONTACTS,
        Permission.WRITE_ACTIVITIES,
        Permission.WRITE_RELATIONSHIPS,
        Permission.WRITE_COMPETITORS,
        Permission.WRITE_OPPORTUNITIES,
        Permission.WRITE_TENDERS,
    }
