"""Bearer tokens, login throttling and password reset codes, over the store.

Tokens are opaque (``secrets.token_urlsafe(32)``) and only their SHA-256 is stored, with the
realm (``sportello`` for consumer-desk accounts, ``clienti`` for the customer area) and an
expiry; a token of one realm is unknown to the other. Failed logins are counted per realm and
login name, whether the account exists or not, so the answer never reveals it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import sqlite3

import attrs

from sportello._violations import Violation
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._settings import Settings

__all__ = [
    "REALMS",
    "Principal",
    "check_throttle",
    "issue_reset_code",
    "issue_token",
    "lookup_token",
    "now_iso",
    "record_failure",
    "record_success",
    "redeem_reset_code",
    "revoke_token",
    "sha256",
]

REALMS = ("sportello", "clienti")


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` (how tokens and codes are stored).

    >>> sha256("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen
class Principal:
    """Who a token speaks for: the realm and the account (or customer) id."""

    realm: str
    subject: int

    @property
    def scope(self) -> str:
        """The idempotency scope of this caller."""
        return f"{self.realm}:{self.subject}"


def issue_token(db: sqlite3.Connection, settings: Settings, principal: Principal) -> str:
    """A new bearer token for ``principal`` (AU-4, UP-3); only its hash is stored."""
    token = secrets.token_urlsafe(32)
    expires = settings.clock() + settings.token_ttl
    db.execute(
        "INSERT INTO tokens (hash, realm, subject, expires_at) VALUES (?, ?, ?, ?)",
        (sha256(token), principal.realm, principal.subject, expires.timestamp()),
    )
    return token


def lookup_token(
    db: sqlite3.Connection, settings: Settings, token: str, realm: str
) -> Principal | None:
    """The principal of a live token of ``realm``, or ``None`` (unknown, expired, other realm)."""
    row = db.execute(
        "SELECT realm, subject, expires_at FROM tokens WHERE hash = ?", (sha256(token),)
    ).fetchone()
    if row is None or row["realm"] != realm:
        return None
    if row["expires_at"] <= settings.clock().timestamp():
        return None
    return Principal(row["realm"], row["subject"])


def revoke_token(db: sqlite3.Connection, token: str) -> None:
    """Forget a token (logout)."""
    db.execute("DELETE FROM tokens WHERE hash = ?", (sha256(token),))


def check_throttle(db: sqlite3.Connection, settings: Settings, realm: str, login: str) -> None:
    """Refuse a login attempt while its name is locked.

    Raises:
        ProblemError: 429 ``auth.too_many_attempts`` with ``Retry-After`` (whole seconds).
    """
    row = db.execute(
        "SELECT locked_until FROM login_failures WHERE realm = ? AND login = ?",
        (realm, login.casefold()),
    ).fetchone()
    now = settings.clock().timestamp()
    if row is not None and row["locked_until"] > now:
        wait = max(1, math.ceil(row["locked_until"] - now))
        raise ProblemError(
            429,
            [Violation.of("auth.too_many_attempts", retry_after=wait)],
            headers={"Retry-After": str(wait)},
        )


def record_failure(db: sqlite3.Connection, settings: Settings, realm: str, login: str) -> None:
    """Count a failed login; from the ``max_failures``-th on, lock the name.

    The lock lasts ``lockout_base`` seconds, doubling with each further failure, up to
    ``lockout_max``; a successful login (after the lock ends) or a password reset clears it.
    """
    key = (realm, login.casefold())
    row = db.execute(
        "SELECT failures FROM login_failures WHERE realm = ? AND login = ?", key
    ).fetchone()
    failures = (row["failures"] if row else 0) + 1
    locked_until = 0.0
    if failures >= settings.max_failures:
        exponent = min(failures - settings.max_failures, 30)
        seconds = min(settings.lockout_base * 2**exponent, settings.lockout_max)
        locked_until = settings.clock().timestamp() + seconds
    db.execute(
        "INSERT INTO login_failures (realm, login, failures, locked_until) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (realm, login) DO UPDATE SET failures = excluded.failures,"
        " locked_until = excluded.locked_until",
        (*key, failures, locked_until),
    )


def record_success(db: sqlite3.Connection, realm: str, login: str) -> None:
    """Clear the failure count of a name."""
    db.execute(
        "DELETE FROM login_failures WHERE realm = ? AND login = ?", (realm, login.casefold())
    )


def issue_reset_code(db: sqlite3.Connection, settings: Settings, account_id: int) -> str:
    """A one-use password-reset code for an account (e-mailed; only its hash is stored)."""
    code = secrets.token_urlsafe(24)
    expires = settings.clock() + settings.reset_ttl
    db.execute(
        "INSERT INTO reset_tokens (hash, account_id, expires_at) VALUES (?, ?, ?)",
        (sha256(code), account_id, expires.timestamp()),
    )
    return code


def redeem_reset_code(db: sqlite3.Connection, settings: Settings, code: str) -> int | None:
    """The account of a live reset code, consuming it; ``None`` when unknown or expired."""
    row = db.execute(
        "SELECT account_id, expires_at FROM reset_tokens WHERE hash = ?", (sha256(code),)
    ).fetchone()
    if row is None:
        return None
    db.execute("DELETE FROM reset_tokens WHERE hash = ?", (sha256(code),))
    if row["expires_at"] <= settings.clock().timestamp():
        return None
    return int(row["account_id"])


def now_iso(settings: Settings) -> str:
    """The current time as ISO 8601 UTC, seconds precision (how timestamps are stored)."""
    return settings.clock().astimezone(dt.UTC).replace(microsecond=0).isoformat()
