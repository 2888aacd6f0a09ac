"""``Idempotency-Key``: a repeated POST returns the first answer and changes nothing.

The key is scoped to the caller (the token's account, or ``anon`` before login). The first
successful answer (2xx) is stored in the same SQLite transaction as the effect, so either both
exist or neither does: a client that lost the answer (a dropped connection) retries with the
same key and gets the same status and body, with ``Idempotency-Replayed: true``. An error
answer is not stored: the repeat is evaluated again. The same key with another request (method,
path, query or body) is a 409 ``api.idempotency_key_reused``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import attrs

from sportello._violations import Violation
from sportello.sandbox._problems import ProblemError

__all__ = ["Reply", "fingerprint", "lookup", "remember", "valid_key"]


@attrs.frozen
class Reply:
    """An answer as stored: status, JSON body bytes (may be empty), extra headers."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = attrs.field(factory=dict)


def valid_key(key: str) -> str:
    """The key, or a 400 ``api.idempotency_key_invalid`` problem.

    >>> valid_key("3f2a-01")
    '3f2a-01'
    """
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise ProblemError(400, [Violation.of("api.idempotency_key_invalid")])
    return key


def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    """What makes two requests "the same request"."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode()):
        digest.update(part + b"\0")
    digest.update(body)
    return digest.hexdigest()


def lookup(db: sqlite3.Connection, scope: str, key: str, fp: str) -> Reply | None:
    """The stored answer for ``(scope, key)``, or ``None`` (409 when the request differs)."""
    row = db.execute(
        "SELECT fingerprint, status, headers, body FROM idempotency WHERE scope = ? AND key = ?",
        (scope, key),
    ).fetchone()
    if row is None:
        return None
    if row["fingerprint"] != fp:
        raise ProblemError(409, [Violation.of("api.idempotency_key_reused")])
    return Reply(row["status"], bytes(row["body"]), json.loads(row["headers"]))


def remember(
    db: sqlite3.Connection, scope: str, key: str, fp: str, reply: Reply, *, created_at: str
) -> None:
    """Store a successful answer (call inside the effect's transaction)."""
    if not 200 <= reply.status < 300:
        return
    db.execute(
        "INSERT INTO idempotency (scope, key, fingerprint, status, headers, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (scope, key, fp, reply.status, json.dumps(reply.headers), reply.body, created_at),
    )
