"""Following changes: the filters of ``GET /v1/pratiche`` and the change feed ``GET /v1/eventi``.

The change feed of an account is its rows of the ``eventi`` table (:mod:`._eventi`) in
``seq`` order, which is commit order: the store has one connection and runs one transaction at
a time, and every change of a case records its event in the transaction that makes it. A
reader that resumes after the last event it applied therefore sees every later event exactly
once, whatever happened in between (a restart of either side, a lost answer).

The cursor names the last event the reader saw, never a row number: base64url without
padding (alphabet ``[A-Za-z0-9_-]``, 34 characters for a position, 23 at the start) of a
version byte, the event's opaque 8-byte id (nothing for "before the first event") and an
HMAC-SHA256 (first 16 bytes) over the account and both, keyed by a random secret kept in the
store (``meta``), so cursors survive a restart and cannot be forged, altered or used by another
account (400 ``api.invalid_parameter`` on ``since``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import hashlib
import hmac
import re
from typing import Any

from starlette.requests import Request

from sportello._violations import Violation
from sportello.rules.smart_help import StatoPratica
from sportello.sandbox._core import Sandbox
from sportello.sandbox._problems import ProblemError

__all__ = [
    "FEED_MAX",
    "STATE_ENUMS",
    "TIPI_PRATICA",
    "feed_cursor",
    "feed_position",
    "feed_secret",
    "known_states",
    "list_filter",
]

#: The enums whose values are case states. The list filter accepts the union of their values,
#: so a procedure that adds its own states (conciliation) only adds its enum here.
STATE_ENUMS: tuple[type[enum.Enum], ...] = (StatoPratica,)
#: The case kinds (``Pratica.tipo``).
TIPI_PRATICA = ("conciliazione", "smart_help", "informazioni", "segnalazione")
#: The most events one page of the feed holds.
FEED_MAX = 500

_VERSION = b"\x01"
_MAC_BYTES = 16
_ID_BYTES = 8
_CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


def known_states() -> tuple[str, ...]:
    """Every known case state, in the order of :data:`STATE_ENUMS` (no repeats).

    >>> known_states()[:2]
    ('inviata', 'in_lavorazione')
    """
    seen: dict[str, None] = {}
    for kind in STATE_ENUMS:
        for member in kind:
            seen.setdefault(str(member.value), None)
    return tuple(seen)


def _bad(name: str) -> ProblemError:
    return ProblemError(400, [Violation.of("api.invalid_parameter", path=name, name=name)])


def list_filter(request: Request) -> tuple[str, list[Any]]:
    """The ``WHERE`` additions (``" AND ..."``) and their arguments for ``GET /v1/pratiche``.

    ``stato`` and ``tipo`` may repeat (any of the values matches); ``aggiornata_dal`` is a
    date-time with an offset: cases whose ``aggiornata_il`` is at or after it. A value outside
    the known ones, a repeat past 20, or a date-time without an offset is a 400 on its name.
    """
    sql: list[str] = []
    args: list[Any] = []
    for name, allowed in (("stato", known_states()), ("tipo", TIPI_PRATICA)):
        values = request.query_params.getlist(name)
        if not values:
            continue
        if len(values) > 20 or any(v not in allowed for v in values):
            raise _bad(name)
        sql.append(f" AND {name} IN ({', '.join('?' * len(values))})")
        args.extend(values)
    raw = request.query_params.get("aggiornata_dal")
    if raw is not None:
        try:
            since = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise _bad("aggiornata_dal") from None
        if since.tzinfo is None:
            raise _bad("aggiornata_dal")
        stamp = since.astimezone(dt.UTC).replace(microsecond=0)
        if stamp < since.astimezone(dt.UTC):  # a fraction of a second rounds up, never down
            stamp += dt.timedelta(seconds=1)
        sql.append(" AND aggiornata_il >= ?")
        args.append(stamp.isoformat())
    return "".join(sql), args


async def feed_secret(sb: Sandbox) -> bytes:
    """The sandbox's secret for feed cursors (:meth:`Sandbox.secret`, kept in ``meta``)."""
    return await sb.secret("feed")


def _mac(key: bytes, account_id: int, payload: bytes) -> bytes:
    message = b"eventi|%d|" % account_id + payload
    return hmac.new(key, message, hashlib.sha256).digest()[:_MAC_BYTES]


def feed_cursor(key: bytes, account_id: int, evento_id: str | None) -> str:
    """The cursor after the event ``evento_id`` of ``account_id`` (``None``: the start).

    >>> c = feed_cursor(bytes(32), 7, "00ff00ff00ff00ff")
    >>> len(c), feed_position(bytes(32), 7, c)
    (34, '00ff00ff00ff00ff')
    >>> feed_position(bytes(32), 7, feed_cursor(bytes(32), 7, None)) is None
    True
    """
    payload = _VERSION + (bytes.fromhex(evento_id) if evento_id else b"")
    raw = payload + _mac(key, account_id, payload)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def feed_position(key: bytes, account_id: int, cursor: str) -> str | None:
    """The event id a cursor of :func:`feed_cursor` names (``None``: the start), checked.

    Raises:
        ProblemError: 400 ``api.invalid_parameter`` on ``since`` for anything
            :func:`feed_cursor` did not write for this account.
    """
    if not _CURSOR.fullmatch(cursor) or len(cursor) % 4 == 1:
        raise _bad("since")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - the alphabet is checked first
        raise _bad("since") from None
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    if len(raw) < 1 + _MAC_BYTES or not payload.startswith(_VERSION):
        raise _bad("since")
    if not hmac.compare_digest(mac, _mac(key, account_id, payload)):
        raise _bad("since")
    body = payload[len(_VERSION) :]
    if len(body) not in (0, _ID_BYTES):  # pragma: no cover - only feed_cursor signs
        raise _bad("since")
    return body.hex() or None
