"""Fair sign-in throttling, on a fake clock: progressive delays per account and address, never
a lockout of the right password for everyone behind one address, nor of a user by a stranger
(docs/security.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from pcrm.core.tenancy import GLOBAL
from pcrm.identity.sessions import service
from pcrm.identity.sessions.models import LoginAttempt
from pcrm.identity.sessions.throttle import Failures, wait_seconds
from tests.factories import PASSWORD, SETTINGS, csrf_token

OFFICE = "203.0.113.7"
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(service, "clock", fake)
    return fake


def _try(uow, email: str, password: str, ip: str = OFFICE) -> str:
    """'ok', 'wrong' or 'wait:<seconds>'; committed each time, as the sign-in page does."""
    with uow() as db:
        try:
            service.sign_in(db, email, password, ip, "tests", SETTINGS)
        except service.InvalidCredentials:
            return "wrong"
        except service.SignInThrottled as exc:
            return f"wait:{exc.retry_after}"
    return "ok"


def _fail(uow, clock: FakeClock, email: str, times: int, ip: str = OFFICE) -> None:
    """`times` wrong passwords, each as soon as it is allowed."""
    for _ in range(times):
        outcome = _try(uow, email, "wrong-password", ip)
        while outcome.startswith("wait:"):
            clock.advance(int(outcome[5:]))
            outcome = _try(uow, email, "wrong-password", ip)
        assert outcome == "wrong"


def test_delays_double_after_the_threshold_and_stop_at_the_cap():
    def wait(count: int) -> int:
        return wait_seconds(Failures(count, START), threshold=5, cap=60, now=START)

    assert [wait(n) for n in (4, 5, 6, 7, 10, 11, 40)] == [0, 1, 2, 4, 32, 60, 60]
    later = wait_seconds(Failures(7, START), 5, 60, START + timedelta(seconds=3))
    assert later == 1


def test_ten_wrong_passwords_hold_the_right_one_back_for_seconds_not_minutes(uow, acme, clock):
    _fail(uow, clock, "viewer@acme.example", 10)

    refused = _try(uow, "viewer@acme.example", PASSWORD)
    assert refused.startswith("wait:")
    waited = int(refused[5:])
    assert 0 < waited <= SETTINGS.login_max_delay_seconds
    clock.advance(waited)
    assert _try(uow, "viewer@acme.example", PASSWORD) == "ok"


def test_a_refused_attempt_is_not_counted_and_checks_no_password(uow, acme, clock):
    _fail(uow, clock, "viewer@acme.example", SETTINGS.login_pair_failures)
    assert _try(uow, "viewer@acme.example", PASSWORD).startswith("wait:")

    with uow() as db:
        query = select(func.count()).select_from(LoginAttempt).execution_options(**GLOBAL)
        assert db.scalar(query) == SETTINGS.login_pair_failures


def test_one_persons_failures_do_not_hold_back_colleagues_behind_the_same_address(uow, acme, clock):
    _fail(uow, clock, "viewer@acme.example", 10)

    assert _try(uow, "admin@acme.example", PASSWORD) == "ok"
    assert _try(uow, "owner@acme.example", PASSWORD) == "ok"


def test_strangers_cannot_hold_a_user_out_of_the_address_they_sign_in_from(uow, acme, clock):
    assert _try(uow, "viewer@acme.example", PASSWORD) == "ok"  # the office is the user's own
    clock.advance(1)
    for n in range(30):  # a guess spread over thirty addresses, as fast as allowed
        _fail(uow, clock, "viewer@acme.example", 1, f"198.51.100.{n}")

    # a new address must wait, growing, never longer than the cap
    elsewhere = _try(uow, "viewer@acme.example", PASSWORD, "192.0.2.1")
    assert elsewhere == f"wait:{SETTINGS.login_max_delay_seconds}"
    # while the user's own address is not held back at all
    assert _try(uow, "viewer@acme.example", PASSWORD) == "ok"


def test_a_password_spray_from_one_address_slows_that_address_for_new_accounts_only(
    uow, acme, clock
):
    assert _try(uow, "admin@acme.example", PASSWORD) == "ok"  # admin's own address
    clock.advance(1)
    for n in range(SETTINGS.login_ip_max_failures):
        assert _try(uow, f"guess{n}@acme.example", "wrong-password") == "wrong"

    assert _try(uow, "owner@acme.example", PASSWORD) == "wait:1"
    assert _try(uow, "admin@acme.example", PASSWORD) == "ok"
    assert _try(uow, "owner@acme.example", PASSWORD, "198.51.100.7") == "ok"
    clock.advance(1)
    assert _try(uow, "owner@acme.example", PASSWORD) == "ok"


def test_failures_older_than_the_window_no_longer_count(uow, acme, clock):
    _fail(uow, clock, "viewer@acme.example", 8)
    clock.advance(SETTINGS.login_window_minutes * 60 + 1)

    assert _try(uow, "viewer@acme.example", "wrong-password") == "wrong"


def test_the_sign_in_page_answers_429_with_the_seconds_to_wait(uow, acme, clock, client):
    _fail(uow, clock, "viewer@acme.example", SETTINGS.login_pair_failures + 2, "testclient")

    response = client.post(
        "/login",
        data={
            "email": "viewer@acme.example",
            "password": PASSWORD,
            "csrf_token": csrf_token(client),
        },
    )

    assert response.status_code == 429
    assert response.headers["retry-after"] == "4"
    assert "登录失败次数过多" in response.text
    assert "pcrm_session" not in client.cookies
