"""The Starlette application: :func:`create_app` wires the store, the routes and the middleware.

Middleware, outermost first: request id (every answer carries ``X-Request-Id``; an unexpected
exception becomes a 500 problem), the ``Host`` check (421 for a name the sandbox does not
answer to: DNS rebinding), the body read timeout (408), then fault injection. Errors raised
by routes are :class:`~sportello.sandbox._problems.ProblemError` and become
``application/problem+json``.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._problem import request_id as _request_id
from sportello._violations import Violation
from sportello.sandbox._core import Sandbox
from sportello.sandbox._faults import FaultMiddleware
from sportello.sandbox._http import lang_of, request_id_of
from sportello.sandbox._problems import ProblemError, negotiate_lang, problem_body, seconds
from sportello.sandbox._settings import Settings

__all__ = [
    "BodyTimeoutMiddleware",
    "HostCheckMiddleware",
    "create_app",
    "host_of",
    "is_loopback",
    "openapi_bytes",
]

_log = logging.getLogger("sportello.sandbox")


def openapi_bytes() -> bytes:
    """The contract shipped in the package, ``sportello/openapi.json``."""
    return resources.files("sportello").joinpath("openapi.json").read_bytes()


class RequestIdMiddleware:
    """Give every request an id (the client's ``X-Request-Id`` when well formed).

    The id goes back in the ``X-Request-Id`` header of every answer and in every problem body.
    An exception that escapes the app becomes a 500 problem (logged without request data).
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Assign the id, add the header, turn an escaped exception into a 500 problem."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = _request_id(headers.get("x-request-id"))
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {
                    **message,
                    "headers": [
                        *message.get("headers", []),
                        (b"x-request-id", request_id.encode("latin-1")),
                    ],
                }
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            _log.exception("unexpected error (request %s)", request_id)
            if started:
                raise
            lang = negotiate_lang(headers.get("accept-language"))
            body = problem_body(
                500, [Violation.of("api.internal_error")], lang=lang, request_id=request_id
            )
            await send_with_id(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send_with_id({"type": "http.response.body", "body": body})


def host_of(header: str) -> str:
    """The host name of a ``Host`` header: no port, lower case, no final dot, IPv6 unbracketed.

    >>> host_of("LocalHost.:8000"), host_of("[::1]:8000"), host_of("127.0.0.1")
    ('localhost', '::1', '127.0.0.1')
    """
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0].rstrip(".") if ":" in value else value.rstrip(".")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (as :func:`host_of` gives it) is ``localhost`` or a loopback address.

    >>> is_loopback("localhost"), is_loopback("127.8.0.1"), is_loopback("::1")
    (True, True, True)
    >>> is_loopback("rebind.example"), is_loopback("10.0.0.1"), is_loopback("0.0.0.0")
    (False, False, False)
    """
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostCheckMiddleware:
    """Answer only requests whose ``Host`` names the sandbox: loopback or an allowed host.

    A page on ``http://rebind.example`` whose name an attacker re-points to 127.0.0.1 (DNS
    rebinding) reaches the sandbox with ``Host: rebind.example``: it gets 421
    ``api.host_not_allowed`` and nothing runs. Allowed: ``localhost``, every loopback address
    (``127.0.0.0/8``, ``::1``) and ``allowed`` (``Settings.allowed_hosts``, plus the address
    a :class:`~sportello.sandbox.SandboxServer` binds). A request without ``Host`` is refused.
    """

    def __init__(self, app: Any, *, allowed: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed = frozenset(h.strip().lower().strip("[]").rstrip(".") for h in allowed)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Pass the request on, or answer 421."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope["headers"] if k == b"host"), b"").decode("latin-1")
        host = host_of(header)
        if is_loopback(host) or host in self.allowed:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        body = problem_body(
            421,
            [Violation.of("api.host_not_allowed", host=header[:100])],
            lang=negotiate_lang(headers.get("accept-language")),
            request_id=str(scope.get("state", {}).get("request_id", "")),
        )
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTimeoutMiddleware:
    """Bound each wait for the next piece of a request body: 408 ``api.request_timeout``.

    Only while the body is incomplete: once its last piece is in, ``receive`` is the server's
    own again (a streamed answer waits on it for the disconnect). The 408 carries
    ``Connection: close``: the rest of that body is never read.
    """

    def __init__(self, app: Any, *, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Run the app with a ``receive`` that times out between body pieces."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        import anyio

        complete = False

        async def timed_receive() -> Any:
            nonlocal complete
            if complete:
                return await receive()
            try:
                with anyio.fail_after(self.timeout):
                    message = await receive()
            except TimeoutError:
                complete = True
                raise ProblemError(
                    408,
                    [Violation.of("api.request_timeout", timeout=seconds(self.timeout))],
                    headers={"Connection": "close"},
                ) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                complete = True
            return message

        await self.app(scope, timed_receive, send)


def _problem_response(request: Request, problem: ProblemError) -> Response:
    body = problem_body(
        problem.status, problem.violations, lang=lang_of(request), request_id=request_id_of(request)
    )
    return Response(
        body,
        status_code=problem.status,
        headers=problem.headers,
        media_type="application/problem+json",
    )


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)  # noqa: S101 - registered for ProblemError only
    return _problem_response(request, exc)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    if exc.status_code == 405:
        problem = ProblemError(
            405,
            [Violation.of("api.method_not_allowed", method=request.method)],
            headers=dict(exc.headers or {}),
        )
    elif exc.status_code == 404:
        problem = ProblemError.of(404, "api.not_found")
    else:
        problem = ProblemError.of(exc.status_code, "api.invalid_parameter", name="request")
    return _problem_response(request, problem)


def create_app(
    *,
    db_path: str | Path,
    data_dir: str | Path | None = None,
    settings: Settings | None = None,
    durable: bool = True,
) -> Starlette:
    """A sandbox application over the SQLite file ``db_path`` (created on first start).

    Args:
        db_path: the SQLite database (schema created if missing).
        data_dir: where attachments are kept; default ``<db_path stem>-files`` beside it.
        settings: the sandbox's settings (default :class:`Settings`).
        durable: ``False`` commits without fsync (test suites; see ``_store``).

    The :class:`~sportello.sandbox._core.Sandbox` is at ``app.state.sandbox``.
    """
    from sportello.sandbox import (
        _routes_allegati,
        _routes_auth,
        _routes_clienti,
        _routes_clienti_account,
        _routes_clienti_dati,
        _routes_controls,
        _routes_feed,
        _routes_operatore,
        _routes_pratiche,
        _routes_procedura,
        _routes_reset,
    )
    from sportello.sandbox._procedure import sweep as procedure_sweep

    db = Path(db_path)
    files = Path(data_dir) if data_dir is not None else db.with_name(f"{db.stem}-files")
    sandbox = Sandbox(db_path=db, data_dir=files, settings=settings or Settings(), durable=durable)
    sandbox.sweeps.append(procedure_sweep(sandbox))
    contract = openapi_bytes()

    async def openapi(_: Request) -> Response:
        return Response(contract, media_type="application/json")

    routes: list[Route] = [
        Route("/openapi.json", openapi, methods=["GET"]),
        *_routes_auth.routes(sandbox),
        *_routes_pratiche.routes(sandbox),
        *_routes_allegati.routes(sandbox),
        *_routes_procedura.routes(sandbox),
        *_routes_feed.routes(sandbox),
        *_routes_clienti_account.routes(sandbox),
        *_routes_clienti.routes(sandbox),
        *_routes_clienti_dati.routes(sandbox),
        *_routes_controls.routes(sandbox),
        *_routes_operatore.routes(sandbox),
        *_routes_reset.routes(sandbox),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(HostCheckMiddleware, allowed=sandbox.settings.allowed_hosts),
            Middleware(BodyTimeoutMiddleware, timeout=sandbox.settings.body_timeout),
            Middleware(FaultMiddleware, queue=sandbox.faults),
        ],
        exception_handlers={ProblemError: _on_problem, HTTPException: _on_http},
    )
    app.state.sandbox = sandbox
    return app
