"""Socket-level read timeouts: uvicorn's HTTP/1.1 protocol (h11) with a header deadline.

uvicorn closes an idle keep-alive connection (``timeout_keep_alive``), but has no timeout for
a request's header: a connection that sends nothing, or half a request line and then waits
(slowloris), stays open forever. :func:`guarded_protocol` makes the protocol class the sandbox
serves with:

- **header deadline**: from the moment a connection opens, and from the first byte of each
  further request on it, the whole header must arrive within ``header_timeout`` seconds (more
  bytes do not extend it); otherwise the connection is closed, after a 408 problem when some
  of the request had arrived;
- **unread body**: when the answer is complete but the client is still sending a body the
  app did not read (a 401 before an upload was read, say), the rest may take at most
  ``body_timeout`` seconds more, however slowly it trickles in; then the connection closes.

Waiting for a body the app *is* reading is bounded one level up, per read, by
:class:`sportello.sandbox._app.BodyTimeoutMiddleware` (408 ``api.request_timeout``).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from sportello._violations import Violation
from sportello.sandbox._problems import problem_body, seconds

__all__ = ["guarded_protocol"]


def _timeout_answer(timeout: float) -> bytes:
    body = problem_body(
        408,
        [Violation.of("api.request_timeout", timeout=seconds(timeout))],
        lang="it",
        request_id=uuid.uuid4().hex,
    )
    head = (
        "HTTP/1.1 408 Request Timeout\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


class _GuardedH11Protocol(H11Protocol):
    """H11Protocol with a header deadline and a bound on an unread body (see the module)."""

    header_timeout: float = 10.0
    body_timeout: float = 30.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Open the connection and start its header deadline at once."""
        self._guard: asyncio.TimerHandle | None = None
        self._guarding = ""
        self._partial = False
        super().connection_made(transport)
        self._arm("headers", self.header_timeout)

    def _arm(self, kind: str, delay: float) -> None:
        self._disarm()
        self._guarding = kind
        self._guard = self.loop.call_later(delay, self._expire)

    def _disarm(self) -> None:
        if self._guard is not None:
            self._guard.cancel()
        self._guard = None
        self._guarding = ""

    def _expire(self) -> None:
        kind, self._guard, self._guarding = self._guarding, None, ""
        if self.transport.is_closing():
            return
        if kind == "headers" and self._partial:
            self.transport.write(_timeout_answer(self.header_timeout))
        self.transport.close()

    def data_received(self, data: bytes) -> None:
        """Feed h11; arm the header deadline for a new request, drop it once headers are in."""
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            self._partial = self._partial or bool(data)
            if self._guarding != "headers":
                self._arm("headers", self.header_timeout)
        elif self._guarding == "headers":
            self._partial = False
            self._disarm()

    def on_response_complete(self) -> None:
        """After an answer: bound the rest of a body nobody will read."""
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.SEND_BODY and self._guarding != "unread-body":
            self._arm("unread-body", self.body_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the timers with the connection."""
        self._disarm()
        super().connection_lost(exc)


def guarded_protocol(*, header_timeout: float, body_timeout: float) -> type[H11Protocol]:
    """The protocol class to give ``uvicorn.Config(http=...)``, with these timeouts (seconds).

    >>> cls = guarded_protocol(header_timeout=5, body_timeout=20)
    >>> cls.header_timeout, cls.body_timeout, issubclass(cls, H11Protocol)
    (5, 20, True)
    """
    attrs_: dict[str, Any] = {"header_timeout": header_timeout, "body_timeout": body_timeout}
    return type("SandboxH11Protocol", (_GuardedH11Protocol,), attrs_)
