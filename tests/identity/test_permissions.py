"""Who may open the identity area's administration pages."""

from __future__ import annotations

from tests.factories import sign_in


def test_a_sales_user_cannot_open_administration(client, uow, owner):
    sign_in(client, "sales@acme.example")
    for path in ("/admin/users", "/admin/workspace", "/admin/audit"):
        response = client.get(path)
        assert response.status_code == 403
        assert "无权操作" in response.text
    home = client.get("/").text
    assert "/admin/users" not in home
