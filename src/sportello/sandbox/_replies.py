"""An endpoint's answer as data (:class:`~sportello.sandbox._idempotency.Reply`) and as HTTP.

A change's effect returns a ``Reply``, which the idempotency store may keep and replay;
:func:`to_response` turns it into the HTTP answer.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from sportello.sandbox._idempotency import Reply

__all__ = ["reply", "to_response"]


def reply(
    payload: Any = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    *,
    secret: bool = False,
) -> Reply:
    """An answer: ``payload`` as JSON (``None``: no body); ``secret``: never stored."""
    body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, dict(headers or {}), secret=secret)


def to_response(answer: Reply, *, replayed: bool = False) -> Response:
    """The HTTP answer of a :class:`Reply`."""
    headers = dict(answer.headers)
    if replayed:
        headers["Idempotency-Replayed"] = "true"
    if not answer.body:
        return Response(status_code=answer.status, headers=headers)
    return Response(
        answer.body, status_code=answer.status, headers=headers, media_type="application/json"
    )
