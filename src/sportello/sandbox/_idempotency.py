"""``Idempotency-Key``: a repeated POST returns the first answer and changes nothing.

The key is scoped to the caller (the token's account, or ``anon`` before login). The first
successful answer (2xx) is stored in the same SQLite transaction as the effect, so either both
exist or neither does: a client that lost the answer (a dropped connection) retries with the
same key and gets the same status and body, with ``Idempotency-Replayed: true``. An error
answer is not stored: the repeat is evaluated again. The same key with another request (method,
path, query or body) is a 409 ``api.idempotency_key_reused``.

Nothing secret is stored:

- the request is remembered by a **fingerprint**, HMAC-SHA256 under the server's secret key
  (:func:`fingerprint`), never a plain hash: a login body cannot be guessed back from the
  table without the key;
- an answer holding a secret (a bearer token) is a :class:`Reply` with ``secret=True``: only
  a marker is stored (status, no body) and a repeat **runs the request again**, which for a
  login means a new token (the first one exists only as its SHA-256 in ``tokens``);
- every row expires after ``Settings.idempotency_ttl`` (24 hours) and is then swept
  (:func:`sweep`); an expired key is a new key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3

import attrs

from sportello._violations import Violation
from sportello.sandbox._problems import ProblemError

__all__ = ["Reply", "fingerprint", "lookup", "remember", "secret_key", "sweep", "valid_key"]

_META_KEY = "idempotency_secret"


@attrs.frozen
class Reply:
    """An answer: status, JSON body bytes (may be empty), extra headers.

    ``secret=True`` marks an answer that holds a token or a code: it is never stored, and a
    repeat of its request runs again.
    """

    status: int
    body: bytes = attrs.field(default=b"", repr=False)
    headers: dict[str, str] = attrs.field(factory=dict)
    secret: bool = False


def valid_key(key: str) -> str:
    """The key, or a 400 ``api.idempotency_key_invalid`` problem.

    >>> valid_key("3f2a-01")
    '3f2a-01'
    """
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise ProblemError(400, [Violation.of("api.idempotency_key_invalid")])
    return key


def secret_key(db: sqlite3.Connection) -> bytes:
    """The fingerprints' key kept in the ``meta`` table, made on first use (32 random bytes).

    Call inside a write transaction. A portal that keeps its key elsewhere sets
    ``Settings.secret_key`` instead, so that a copy of the database alone is not enough.
    """
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
    if row is not None:
        return bytes.fromhex(row["value"])
    key = secrets.token_bytes(32)
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_META_KEY, key.hex()))
    return key


def fingerprint(key: bytes, method: str, path: str, query: str, body: bytes) -> str:
    """What makes two requests "the same request": HMAC-SHA256 under ``key``, hex.

    >>> a = fingerprint(b"k" * 32, "POST", "/v1/auth/login", "", b'{"password": "x"}')
    >>> a == fingerprint(b"k" * 32, "POST", "/v1/auth/login", "", b'{"password": "y"}')
    False
    >>> a == fingerprint(b"j" * 32, "POST", "/v1/auth/login", "", b'{"password": "x"}')
    False
    """
    digest = hmac.new(key, digestmod=hashlib.sha256)
    for part in (method.encode(), path.encode(), query.encode()):
        digest.update(len(part).to_bytes(8, "big") + part)
    digest.update(body)
    return digest.hexdigest()


def lookup(db: sqlite3.Connection, scope: str, key: str, fp: str, *, now: float) -> Reply | None:
    """The stored answer for ``(scope, key)``, or ``None`` (409 when the request differs).

    An expired row counts as absent. A marker of a secret answer comes back
    as a :class:`Reply` with ``secret=True`` and no body: the caller runs the request again.
    """
    row = db.execute(
        "SELECT fingerprint, status, headers, body, expires_at FROM idempotency"
        " WHERE scope = ? AND key = ?",
        (scope, key),
    ).fetchone()
    if row is None:
        return None
    if row["expires_at"] <= now:
        return None  # expired: a new key (remember() replaces the row, sweep() deletes it)
    if not hmac.compare_digest(row["fingerprint"], fp):
        raise ProblemError(409, [Violation.of("api.idempotency_key_reused")])
    if row["body"] is None:
        return Reply(row["status"], secret=True)
    return Reply(row["status"], bytes(row["body"]), json.loads(row["headers"]))


def remember(
    db: sqlite3.Connection, scope: str, key: str, fp: str, reply: Reply, *, expires_at: float
) -> None:
    """Store a successful answer (call inside the effect's transaction).

    A secret answer is stored as a marker only: its status, no headers, no body.
    """
    if not 200 <= reply.status < 300:
        return
    headers, body = ("{}", None) if reply.secret else (json.dumps(reply.headers), reply.body)
    db.execute(
        "INSERT OR REPLACE INTO idempotency"
        " (scope, key, fingerprint, status, headers, body, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (scope, key, fp, reply.status, headers, body, expires_at),
    )


def sweep(db: sqlite3.Connection, *, now: float) -> int:
    """Delete the expired answers; how many went."""
    return db.execute("DELETE FROM idempotency WHERE expires_at <= ?", (now,)).rowcount
