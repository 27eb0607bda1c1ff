"""The demo's customer portal: the liaison of the project in needs identification signs in with
the documented e-mail address and password and finds its requirements baseline waiting."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pcrm.demo.portal import DEMO_PORTAL_PASSWORD
from tests.demo.conftest import Demo

pytestmark = pytest.mark.xdist_group("demo")
EMAIL = "dengjing@cscec8b.example"  # README's demo section and docs/portal.md name it


def test_the_demo_liaison_signs_in_to_the_portal_and_finds_a_baseline_waiting(
    demo: Demo, demo_client: TestClient
):
    demo_client.get("/portal/login")
    csrf = demo_client.cookies["pcrm_portal_csrf"]
    signed_in = demo_client.post(
        "/portal/login",
        data={"csrf_token": csrf, "email": EMAIL, "password": DEMO_PORTAL_PASSWORD},
    )
    assert signed_in.status_code == 303, signed_in.text
    home = demo_client.get("/portal")
    assert home.status_code == 200
    assert "智慧工地平台建设项目" in home.text
    assert 'data-testid="pending-baseline-' in home.text
    assert "text-red" in home.text  # waiting for longer than the reminder days
