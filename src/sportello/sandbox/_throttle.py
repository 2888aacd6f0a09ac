"""Login throttling and request limits, counted atomically in the store.

**Password checks** (logins, password changes, e-mail changes) are throttled per realm and
login name, whether the account exists or not (AU-4, UP-3). The count is taken *before* the
password is verified: :func:`reserve_attempt` checks the lock and counts the attempt as a
failure in one write transaction (the store serialises them), so with 40 guesses in flight
only the first ``max_failures`` are ever verified and the rest are 429, whatever the
concurrency. A verified password then clears the count (:func:`clear_failures`).

**Requests that send e-mail** (recoveries, registrations) are limited per account or address
with a fixed window (:func:`count_request`); the count does not depend on whether the account
exists, so a 429 reveals nothing either.
"""

from __future__ import annotations

import math
import sqlite3

from sportello._violations import Violation
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._settings import Settings

__all__ = ["clear_failures", "count_request", "reserve_attempt", "sweep"]


def _locked(wait: float, code: str) -> ProblemError:
    seconds = max(1, math.ceil(wait))
    return ProblemError(
        429, [Violation.of(code, retry_after=seconds)], headers={"Retry-After": str(seconds)}
    )


def reserve_attempt(db: sqlite3.Connection, settings: Settings, realm: str, login: str) -> None:
    """Refuse a password check while ``login`` is locked, else count it as a failure.

    Call inside a write transaction, before verifying the password. From the
    ``max_failures``-th counted attempt on the name is locked for ``lockout_base`` seconds,
    doubling with each further failure up to ``lockout_max``.

    Raises:
        ProblemError: 429 ``auth.too_many_attempts`` with ``Retry-After`` (whole seconds).
    """
    key = (realm, login.casefold())
    row = db.execute(
        "SELECT failures, locked_until FROM login_failures WHERE realm = ? AND login = ?", key
    ).fetchone()
    now = settings.clock().timestamp()
    if row is not None and row["locked_until"] > now:
        raise _locked(row["locked_until"] - now, "auth.too_many_attempts")
    failures = (row["failures"] if row else 0) + 1
    locked_until = 0.0
    if failures >= settings.max_failures:
        exponent = min(failures - settings.max_failures, 30)
        locked_until = now + min(settings.lockout_base * 2**exponent, settings.lockout_max)
    db.execute(
        "INSERT INTO login_failures (realm, login, failures, locked_until) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (realm, login) DO UPDATE SET failures = excluded.failures,"
        " locked_until = excluded.locked_until",
        (*key, failures, locked_until),
    )


def clear_failures(db: sqlite3.Connection, realm: str, login: str) -> None:
    """Forget the failures of a name (a verified password, a password reset)."""
    db.execute(
        "DELETE FROM login_failures WHERE realm = ? AND login = ?", (realm, login.casefold())
    )


def count_request(
    db: sqlite3.Connection, settings: Settings, kind: str, key: str, *, limit: int
) -> None:
    """Count one request of ``kind`` for ``key``; the ``limit + 1``-th in a window is refused.

    The window (``Settings.request_window``) starts with the first request counted.

    Raises:
        ProblemError: 429 ``auth.too_many_requests`` with ``Retry-After``.
    """
    now = settings.clock().timestamp()
    window = settings.request_window.total_seconds()
    row = db.execute(
        "SELECT window_start, count FROM request_limits WHERE kind = ? AND key = ?",
        (kind, key),
    ).fetchone()
    if row is None or row["window_start"] + window <= now:
        start, count = now, 1
    else:
        start, count = row["window_start"], row["count"] + 1
        if count > limit:
            raise _locked(start + window - now, "auth.too_many_requests")
    db.execute(
        "INSERT INTO request_limits (kind, key, window_start, count) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (kind, key) DO UPDATE SET window_start = excluded.window_start,"
        " count = excluded.count",
        (kind, key, start, count),
    )


def sweep(db: sqlite3.Connection, settings: Settings) -> int:
    """Delete the request windows that have ended; how many rows went."""
    cutoff = settings.clock().timestamp() - settings.request_window.total_seconds()
    return db.execute("DELETE FROM request_limits WHERE window_start <= ?", (cutoff,)).rowcount
