"""Fault injection: latency, error statuses and dropped answers, queued by the tests.

``POST /_sandbox/faults {"queue": ["503", "drop", "delay:1.5"]}`` queues one fault for each of
the next requests (``/_sandbox/*`` and ``/openapi.json`` are never affected):

* ``"NNN"`` (a status, 400-599): answer a problem with that status at once; nothing runs.
  ``503`` and ``429`` carry ``Retry-After: 1``.
* ``"drop"``: run the request (its effect is committed), then break the connection in the
  middle of the answer: the headers announce one byte more than is sent and the connection
  is closed, so the client sees a protocol error, never the answer.
* ``"delay:S"``: wait S seconds, then run the request normally.
"""

from __future__ import annotations

import asyncio
import collections
import re
import threading
from collections.abc import Sequence
from typing import Any

from sportello._violations import ValidationError, Violation
from sportello.sandbox._problems import negotiate_lang, problem_body

__all__ = ["FAULT_PATTERN", "FaultMiddleware", "FaultQueue"]

#: One fault as queued.
FAULT_PATTERN = re.compile(r"^(?:(?P<status>[45]\d\d)|drop|delay:(?P<delay>\d+(?:\.\d+)?))$")

Scope = dict[str, Any]
Message = dict[str, Any]


class FaultQueue:
    """The faults waiting for the next requests, thread-safe.

    >>> q = FaultQueue()
    >>> q.replace(["503", "delay:0.5", "drop"])
    >>> q.pop(), q.pop(), q.pop(), q.pop()
    ('503', 'delay:0.5', 'drop', None)
    """

    def __init__(self) -> None:
        self._items: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()

    def replace(self, faults: Sequence[object]) -> None:
        """Validate ``faults`` and make them the queue (an empty list clears it).

        Raises:
            ValidationError: ``api.invalid_parameter`` at ``queue[i]`` for a malformed fault.
        """
        bad = [
            Violation.of("api.invalid_parameter", path=f"queue[{i}]", name="queue")
            for i, f in enumerate(faults)
            if not isinstance(f, str) or not FAULT_PATTERN.match(f)
        ]
        if bad:
            raise ValidationError(bad)
        with self._lock:
            self._items = collections.deque(str(f) for f in faults)

    def pop(self) -> str | None:
        """The next fault, or ``None``."""
        with self._lock:
            return self._items.popleft() if self._items else None


def _exempt(path: str) -> bool:
    return path.startswith("/_sandbox/") or path == "/openapi.json"


class FaultMiddleware:
    """ASGI middleware applying the queued faults, one per request."""

    def __init__(self, app: Any, *, queue: FaultQueue) -> None:
        self.app = app
        self.queue = queue

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        """Apply the next fault, if any, to this request."""
        if scope["type"] != "http" or _exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        fault = self.queue.pop()
        if fault is None:
            await self.app(scope, receive, send)
            return
        match = FAULT_PATTERN.match(fault)
        assert match is not None  # noqa: S101 - validated by FaultQueue.replace
        if match["delay"]:
            await asyncio.sleep(float(match["delay"]))
            await self.app(scope, receive, send)
        elif match["status"]:
            await _send_status(scope, send, int(match["status"]))
        else:
            await self.app(scope, receive, _Dropper(send))


async def _send_status(scope: Scope, send: Any, status: int) -> None:
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    lang = negotiate_lang(headers.get("accept-language"))
    if status in (429, 503):
        violation = Violation.of("api.unavailable", retry_after=1)
    else:
        violation = Violation.of("api.injected_fault", status=status)
    request_id = scope.get("state", {}).get("request_id", "")
    body = problem_body(status, [violation], lang=lang, request_id=request_id)
    out = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status in (429, 503):
        out.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": body})


class _Dropper:
    """A ``send`` that announces one byte more than the answer has, then never finishes."""

    def __init__(self, send: Any) -> None:
        self._send = send

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"
            ]
            headers.append((b"content-length", b"1000000000"))
            await self._send({**message, "headers": headers})
        elif message["type"] == "http.response.body":
            # Never send more_body=False: the server closes the connection when the app
            # returns with the answer incomplete.
            await self._send({**message, "more_body": True})
        else:
            await self._send(message)
