"""Fault injection: error statuses, latency, lost answers and connection resets, aimed by tests.

``POST /_sandbox/faults {"queue": [...]}`` replaces the queue of faults; each request to the
API takes the first queued fault that matches its method and path (``/_sandbox/*`` and
``/openapi.json`` are never affected), and a fault stays queued for ``count`` requests. An item
is a string (the first form, kept) or an object:

* ``{"kind": "status", "status": 503, "retry_after": 0}``: answer a problem with that status
  (400-599) at once; nothing runs. ``retry_after`` (seconds, 0 allowed) sets ``Retry-After``;
  429 and 503 carry ``Retry-After: 1`` unless told otherwise (``null``: no header).
* ``{"kind": "latency", "latency": 0.2}``: wait, then run the request normally.
* ``{"kind": "drop"}``: run the request (its effect is committed), then break the connection in
  the middle of the answer: the headers announce more bytes than are sent and the connection
  closes, so the client sees a protocol error, never the answer.
* ``{"kind": "reset"}``: close the connection with a TCP RST (``SO_LINGER`` 0) before the
  request runs; ``"after_commit": true`` runs it first (committed), then resets.

Every object may also carry ``path`` (a glob over the request path, ``*`` matching ``/`` too:
``/v1/pratiche/*/allegati``), ``method`` (``POST``; default any), ``count`` (default 1) and
``latency`` (seconds to wait before the fault acts). The strings are shorthands:
``"503"`` is ``{"kind": "status", "status": 503}``, ``"drop"`` is ``{"kind": "drop"}``,
``"reset"`` is ``{"kind": "reset"}``, ``"delay:1.5"`` is ``{"kind": "latency", "latency": 1.5}``.

>>> q = FaultQueue()
>>> q.replace([{"kind": "status", "status": 429, "retry_after": 0, "method": "POST",
...             "path": "/v1/pratiche*", "count": 2}, "503"])
>>> [getattr(q.take(method, path), "status", None) for method, path in [
...     ("POST", "/v1/pratiche/smart-help"), ("GET", "/v1/auth/me"),
...     ("POST", "/v1/pratiche/smart-help"), ("GET", "/v1/auth/me")]]
[429, 503, 429, None]
"""

from __future__ import annotations

import asyncio
import enum
import fnmatch
import re
import socket
import struct
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from sportello._violations import ValidationError, Violation
from sportello.sandbox._problems import negotiate_lang, problem_body

__all__ = [
    "FAULT_PATTERN",
    "METHODS",
    "Fault",
    "FaultKind",
    "FaultMiddleware",
    "FaultQueue",
    "parse_fault",
    "tracking_protocol",
]

#: One fault in the string form.
FAULT_PATTERN = re.compile(
    r"^(?:(?P<status>[45]\d\d)|(?P<drop>drop)|(?P<reset>reset)|delay:(?P<delay>\d+(?:\.\d+)?))$"
)
#: The methods a fault may aim at (``*``: any).
METHODS = ("*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
#: Bounds: latency seconds, ``Retry-After`` seconds, requests hit, pattern length.
MAX_LATENCY = 60.0
MAX_RETRY_AFTER = 3600
MAX_COUNT = 1000
MAX_PATH = 200

Scope = dict[str, Any]
Message = dict[str, Any]


class FaultKind(enum.StrEnum):
    """What a fault does to the request it hits."""

    STATUS = "status"
    LATENCY = "latency"
    DROP = "drop"
    RESET = "reset"


def _default_retry_after(status: int | None) -> int | None:
    return 1 if status in (429, 503) else None


@attrs.frozen(kw_only=True)
class Fault:
    """One queued fault (see the module's docstring for each kind)."""

    kind: FaultKind
    status: int | None = None
    retry_after: int | None = None
    latency: float = 0.0
    path: str = "*"
    method: str = "*"
    count: int = 1
    after_commit: bool = False

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault aims at a request with ``method`` and ``path``."""
        return (self.method in ("*", method)) and fnmatch.fnmatchcase(path, self.path)

    def to_json(self) -> dict[str, Any]:
        """The object form (``GET /_sandbox/faults`` lists the queue so)."""
        out: dict[str, Any] = {"kind": self.kind.value, "path": self.path, "method": self.method}
        out["count"] = self.count
        if self.kind is FaultKind.STATUS:
            out["status"] = self.status
            out["retry_after"] = self.retry_after
        if self.latency:
            out["latency"] = self.latency
        if self.kind is FaultKind.RESET:
            out["after_commit"] = self.after_commit
        return out


def _from_string(text: str) -> Fault | None:
    match = FAULT_PATTERN.match(text)
    if match is None:
        return None
    if match["status"]:
        status = int(match["status"])
        return Fault(kind=FaultKind.STATUS, status=status, retry_after=_default_retry_after(status))
    if match["drop"]:
        return Fault(kind=FaultKind.DROP)
    if match["reset"]:
        return Fault(kind=FaultKind.RESET)
    return Fault(kind=FaultKind.LATENCY, latency=float(match["delay"]))


_FIELDS = frozenset(
    {"kind", "status", "retry_after", "latency", "path", "method", "count", "after_commit"}
)


def _int_in(value: object, lo: int, hi: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi


def _path_ok(value: object) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= MAX_PATH and value[0] in "/*"


def _latency_ok(value: object) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_LATENCY
    )


def _bad_fields(item: Mapping[str, Any], kind: FaultKind) -> list[str]:
    """The names of the fields of ``item`` that are wrong for a fault of ``kind``."""
    status = item.get("status")
    retry_after = item.get("retry_after")
    method = item.get("method", "*")
    checks = {
        "status": _int_in(status, 400, 599) if kind is FaultKind.STATUS else status is None,
        "retry_after": retry_after is None
        or (kind is FaultKind.STATUS and _int_in(retry_after, 0, MAX_RETRY_AFTER)),
        "latency": _latency_ok(item.get("latency", 0.0))
        and (kind is not FaultKind.LATENCY or "latency" in item),
        "path": _path_ok(item.get("path", "*")),
        "method": isinstance(method, str) and method.upper() in METHODS,
        "count": _int_in(item.get("count", 1), 1, MAX_COUNT),
        "after_commit": item.get("after_commit", False) is False
        or (item.get("after_commit") is True and kind is FaultKind.RESET),
    }
    return sorted(set(item) - _FIELDS) + [name for name, ok in checks.items() if not ok]


def _from_object(item: Mapping[str, Any], at: str) -> Fault:
    def wrong(names: list[str]) -> ValidationError:
        return ValidationError(
            [Violation.of("api.invalid_parameter", path=f"{at}.{n}", name=n) for n in names]
        )

    raw_kind = item.get("kind")
    if raw_kind not in tuple(FaultKind):
        raise wrong(["kind"])
    kind = FaultKind(raw_kind)
    bad = _bad_fields(item, kind)
    if bad:
        raise wrong(bad)
    status = item.get("status")
    return Fault(
        kind=kind,
        status=status,
        retry_after=item.get("retry_after", _default_retry_after(status)),
        latency=float(item.get("latency", 0.0)),
        path=item.get("path", "*"),
        method=item.get("method", "*").upper(),
        count=item.get("count", 1),
        after_commit=item.get("after_commit", False),
    )


def parse_fault(item: object, at: str = "queue[0]") -> Fault:
    """One fault from its JSON form (a string or an object).

    Raises:
        ValidationError: ``api.invalid_parameter`` at ``<at>`` or ``<at>.<field>``.

    >>> parse_fault("delay:0.5").latency, parse_fault("503").retry_after
    (0.5, 1)
    >>> parse_fault({"kind": "status", "status": 503, "retry_after": 0}).retry_after
    0
    >>> parse_fault({"kind": "status", "status": 200, "count": 0}, "queue[3]")
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: queue[3].status: Il parametro «status» non è valido.
    queue[3].count: Il parametro «count» non è valido.
    """
    if isinstance(item, str):
        found = _from_string(item)
        if found is None:
            raise ValidationError([Violation.of("api.invalid_parameter", path=at, name="queue")])
        return found
    if not isinstance(item, Mapping):
        raise ValidationError([Violation.of("api.invalid_parameter", path=at, name="queue")])
    return _from_object(item, at)


class FaultQueue:
    """The faults waiting for the next requests, thread-safe.

    It also knows the server's open connections (:func:`tracking_protocol`), which the
    ``reset`` fault needs to send a TCP RST.

    >>> q = FaultQueue()
    >>> q.replace(["503", "delay:0.5", "drop"])
    >>> [str(q.take("GET", "/v1/auth/me").kind) for _ in range(3)], q.take("GET", "/v1/auth/me")
    (['status', 'latency', 'drop'], None)
    """

    def __init__(self) -> None:
        self._items: list[Fault] = []
        self._lock = threading.Lock()
        self.connections: dict[tuple[str, int], asyncio.Transport] = {}

    def replace(self, faults: Sequence[object]) -> None:
        """Validate ``faults`` and make them the queue (an empty list clears it).

        Raises:
            ValidationError: every malformed fault, at ``queue[i]`` or ``queue[i].<field>``.
        """
        parsed: list[Fault] = []
        bad: list[Violation] = []
        for i, item in enumerate(faults):
            try:
                parsed.append(parse_fault(item, f"queue[{i}]"))
            except ValidationError as err:
                bad.extend(err.violations)
        if bad:
            raise ValidationError(bad)
        with self._lock:
            self._items = parsed

    def clear(self) -> None:
        """Forget every queued fault."""
        with self._lock:
            self._items = []

    def pending(self) -> list[Fault]:
        """The queued faults, each with the requests it still has to hit."""
        with self._lock:
            return list(self._items)

    def take(self, method: str, path: str) -> Fault | None:
        """The first queued fault that aims at this request (one of its ``count`` used)."""
        with self._lock:
            for i, fault in enumerate(self._items):
                if fault.matches(method, path):
                    if fault.count > 1:
                        self._items[i] = attrs.evolve(fault, count=fault.count - 1)
                    else:
                        del self._items[i]
                    return fault
        return None


def _exempt(path: str) -> bool:
    return path.startswith("/_sandbox/") or path == "/openapi.json"


class FaultMiddleware:
    """ASGI middleware applying the queued faults, one per request."""

    def __init__(self, app: Any, *, queue: FaultQueue) -> None:
        self.app = app
        self.queue = queue

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        """Apply the fault aimed at this request, if any."""
        if scope["type"] != "http" or _exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        fault = self.queue.take(scope["method"], scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.latency:
            await asyncio.sleep(fault.latency)
        if fault.kind is FaultKind.STATUS:
            assert fault.status is not None  # noqa: S101 - validated by parse_fault
            await _send_status(scope, send, fault.status, fault.retry_after)
        elif fault.kind is FaultKind.DROP:
            await self.app(scope, receive, _Dropper(send))
        elif fault.kind is FaultKind.RESET:
            if fault.after_commit:
                await self.app(scope, receive, _discard)
            await self._reset(scope, send)
        else:
            await self.app(scope, receive, send)

    async def _reset(self, scope: Scope, send: Any) -> None:
        client = scope.get("client")
        transport = self.queue.connections.get((client[0], client[1])) if client else None
        if transport is None:  # served without tracking_protocol: a 500 says so
            await _send_status(scope, send, 500, None)
            return
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()


async def _discard(message: Message) -> None:
    """A ``send`` that drops the answer (the reset after the commit)."""


async def _send_status(scope: Scope, send: Any, status: int, retry_after: int | None) -> None:
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    lang = negotiate_lang(headers.get("accept-language"))
    if status in (429, 503) and retry_after is not None:
        violation = Violation.of("api.unavailable", retry_after=retry_after)
    else:
        violation = Violation.of("api.injected_fault", status=status)
    request_id = scope.get("state", {}).get("request_id", "")
    body = problem_body(status, [violation], lang=lang, request_id=request_id)
    out = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after is not None:
        out.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": body})


class _Dropper:
    """A ``send`` that announces more bytes than the answer has, then never finishes."""

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


def tracking_protocol(queue: FaultQueue, base: type | None = None) -> type:
    """``base`` (uvicorn's HTTP protocol by default), recording each connection's transport.

    Pass it as ``uvicorn.Config(http=...)``: the ``reset`` fault finds the connection of the
    request it hits by the client's address (the ASGI scope carries no transport). The
    sandbox's servers give their guarded h11 protocol as ``base`` (``_server.server_config``).
    """
    if base is None:
        from uvicorn.protocols.http.auto import AutoHTTPProtocol

        base = AutoHTTPProtocol

    class TrackingProtocol(base):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            peer = transport.get_extra_info("peername")
            if peer:
                self._peer = (peer[0], peer[1])
                queue.connections[self._peer] = transport  # type: ignore[assignment]

        def connection_lost(self, exc: Exception | None) -> None:
            peer = getattr(self, "_peer", None)
            if peer is not None:
                queue.connections.pop(peer, None)
            super().connection_lost(exc)

    return TrackingProtocol
