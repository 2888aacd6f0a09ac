"""The change feed of the caller's account: ``GET /v1/eventi`` (SH-4, NT-2 events of every case).

Every event of every case of the account, oldest first, a page at a time; each answer carries
the cursor to resume from (``next_cursor``, also when the page is empty) and ``has_more``. A
reader that stores the cursor with what it did with the page sees every event exactly once
across restarts (see :mod:`sportello.sandbox._feed`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.sandbox import _eventi
from sportello.sandbox._core import Sandbox
from sportello.sandbox._feed import FEED_MAX, feed_cursor, feed_position, feed_secret
from sportello.sandbox._http import json_response, lang_of, query_int
from sportello.sandbox._problems import ProblemError

__all__ = ["routes"]

REALM = "sportello"
#: Events per page when ``limit`` is not given.
FEED_DEFAULT = 100


def routes(sb: Sandbox) -> list[Route]:
    """The ``/v1/eventi`` endpoint of ``sb``."""

    async def feed(request: Request) -> Response:
        # SH-4: what changed on the account's cases since the cursor, in commit order.
        who = await sb.principal(request, REALM, services=True)
        limit = query_int(request, "limit", default=FEED_DEFAULT, lo=1, hi=FEED_MAX)
        assert limit is not None  # noqa: S101 - has a default
        key = await feed_secret(sb)
        raw = request.query_params.get("since")
        after = feed_position(key, who.subject, raw) if raw is not None else None
        lang = lang_of(request)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            start = 0
            if after is not None:
                row = db.execute(
                    "SELECT seq FROM eventi WHERE id = ? AND account_id = ?", (after, who.subject)
                ).fetchone()
                if row is None:  # pragma: no cover - signed by us: events are never deleted
                    raise ProblemError(
                        400, [Violation.of("api.invalid_parameter", path="since", name="since")]
                    )
                start = row["seq"]
            rows = db.execute(
                "SELECT * FROM eventi WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                (who.subject, start, limit + 1),
            ).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            last = rows[-1]["id"] if rows else after
            return {
                "items": [_eventi.evento_json(r, lang) for r in rows],
                "next_cursor": feed_cursor(key, who.subject, last),
                "has_more": more,
            }

        return json_response(await sb.read(work))

    return [Route("/v1/eventi", feed, methods=["GET"])]
