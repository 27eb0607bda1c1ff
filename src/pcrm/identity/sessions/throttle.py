"""How long a sign-in attempt must wait: progressive delays, never a lockout.

Three counts of recent failures (within `login_window_minutes`, and after the last success of
the same key) decide, each with its own threshold:

* this account from this IP address (`login_pair_failures`): someone guessing one password;
* this account from every address (`login_max_failures`): a guess spread over many addresses.
  It does not apply at an address this account signed in from successfully in the last
  `login_known_days` days, so nobody elsewhere can hold a user out of their own office;
* this IP address for every account (`login_ip_max_failures`): a password spray. It does not
  apply to accounts that signed in from this address before, so colleagues behind one office
  address are not held out by one person's typos or by a sprayer among them.

Past its threshold a count asks the next attempt to wait 1, 2, 4, … seconds after the latest
failure, at most `login_max_delay_seconds`. An attempt made while it must wait is refused
without checking the password and is not counted. See docs/security.md."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Failures:
    """Recent failures of one key: how many and when the latest was."""

    count: int
    latest: datetime | None


NONE = Failures(0, None)


def wait_seconds(failures: Failures, threshold: int, cap: int, now: datetime) -> int:
    """Seconds still to wait before the next attempt (0: go ahead)."""
    if failures.count < threshold or failures.latest is None:
        return 0
    delay = min(2 ** min(failures.count - threshold, 30), cap)
    remaining = (failures.latest + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))


@dataclass(frozen=True, slots=True)
class Policy:
    pair_threshold: int
    account_threshold: int
    ip_threshold: int
    cap_seconds: int

    def wait(
        self, pair: Failures, account: Failures, ip: Failures, *, known_pair: bool, now: datetime
    ) -> int:
        waits = [wait_seconds(pair, self.pair_threshold, self.cap_seconds, now)]
        if not known_pair:
            waits.append(wait_seconds(account, self.account_threshold, self.cap_seconds, now))
            waits.append(wait_seconds(ip, self.ip_threshold, self.cap_seconds, now))
        return max(waits)
