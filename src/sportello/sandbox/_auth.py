"""Bearer tokens and e-mailed codes (password reset, activation), over the store.

Tokens are opaque (``secrets.token_urlsafe(32)``) and only their SHA-256 is stored, with the
realm (``sportello`` for consumer-desk accounts, ``clienti`` for the customer area) and an
expiry; a token of one realm is unknown to the other. A password change revokes every other
token of the account (:func:`revoke_others`), a reset every token (:func:`revoke_all`).
Reset codes are one-use and only the newest one of an account is valid: issuing one voids
the older ones. Expired tokens and codes are swept (:func:`sweep`). Login throttling lives
in :mod:`sportello.sandbox._throttle`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3

import attrs

from sportello.sandbox._settings import Settings

__all__ = [
    "REALMS",
    "Principal",
    "issue_reset_code",
    "issue_token",
    "lookup_token",
    "new_code",
    "now_iso",
    "redeem_reset_code",
    "reset_code_account",
    "revoke_all",
    "revoke_others",
    "revoke_token",
    "sha256",
    "sweep",
]

REALMS = ("sportello", "clienti")


def sha256(text: str) -> str:
    """The hex SHA-256 of ``text`` (how tokens and codes are stored).

    A token or a code is 192 or more random bits, so a fast hash is enough: nothing to guess.

    >>> sha256("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_code() -> str:
    """A fresh e-mailed code (reset, activation): 192 random bits, URL-safe text."""
    return secrets.token_urlsafe(24)


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


def revoke_all(db: sqlite3.Connection, principal: Principal) -> int:
    """Revoke every token of the account (a password reset); how many went."""
    return db.execute(
        "DELETE FROM tokens WHERE realm = ? AND subject = ?", (principal.realm, principal.subject)
    ).rowcount


def revoke_others(db: sqlite3.Connection, principal: Principal, keep: str) -> int:
    """Revoke every token of the account but ``keep`` (a password change); how many went."""
    return db.execute(
        "DELETE FROM tokens WHERE realm = ? AND subject = ? AND hash != ?",
        (principal.realm, principal.subject, sha256(keep)),
    ).rowcount


def issue_reset_code(db: sqlite3.Connection, settings: Settings, account_id: int) -> str:
    """A one-use password-reset code for an account (e-mailed; only its hash is stored).

    The account's older codes are voided: only the newest e-mail works.
    """
    code = new_code()
    expires = settings.clock() + settings.reset_ttl
    db.execute("DELETE FROM reset_tokens WHERE account_id = ?", (account_id,))
    db.execute(
        "INSERT INTO reset_tokens (hash, account_id, expires_at) VALUES (?, ?, ?)",
        (sha256(code), account_id, expires.timestamp()),
    )
    return code


def reset_code_account(db: sqlite3.Connection, settings: Settings, code: str) -> sqlite3.Row | None:
    """The ``accounts`` row a live reset code belongs to, without consuming the code."""
    row: sqlite3.Row | None = db.execute(
        "SELECT a.* FROM reset_tokens r JOIN accounts a ON a.id = r.account_id"
        " WHERE r.hash = ? AND r.expires_at > ?",
        (sha256(code), settings.clock().timestamp()),
    ).fetchone()
    return row


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


def sweep(db: sqlite3.Connection, settings: Settings) -> int:
    """Delete expired tokens, reset codes and pending registrations; how many rows went."""
    now = settings.clock().timestamp()
    removed = 0
    for table in ("tokens", "reset_tokens", "registrazioni"):
        removed += db.execute(
            f"DELETE FROM {table} WHERE expires_at <= ?",  # noqa: S608 - fixed table names
            (now,),
        ).rowcount
    return removed


def now_iso(settings: Settings) -> str:
    """The current time as ISO 8601 UTC, seconds precision (how timestamps are stored)."""
    return settings.clock().astimezone(dt.UTC).replace(microsecond=0).isoformat()
