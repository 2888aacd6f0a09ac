"""Every request and answer on the wire, checked against ``openapi.json`` with openapi-core.

:func:`watching` patches httpx's two real transports (``HTTPTransport`` and
``AsyncHTTPTransport``: every ``httpx.Client`` that is not given a mock transport) for the
length of a test: each request body is read before it is sent (a streamed upload too), each
answer body is read before it is handed back (a streamed download then reads from memory),
and the pair goes through ``OpenAPI.validate_request`` and ``validate_response``. What does not
conform is collected, never raised inside the transport (the client under test would take it
for a network fault); the fixture that uses it fails the test afterwards.

The adapters (:class:`WireRequest`, :class:`WireResponse`) implement openapi-core's request
and response protocols over httpx objects; openapi-core ships none for httpx.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import attrs
import httpx
from werkzeug.datastructures import Headers, ImmutableMultiDict

__all__ = ["Wire", "WireRequest", "WireResponse", "contract", "watching"]


def _as_text(value: bytes, **_: str) -> str:
    """A file's bytes as a str of the same length (latin-1), for JSON Schema's ``string``."""
    return value.decode("latin-1")


@functools.cache
def contract() -> Any:
    """openapi-core's view of the shipped document, told how to read each media type.

    openapi-core decodes only ``application/json`` as JSON (``application/problem+json`` too
    must be named), and its 3.1 validator has no type for bytes: a file is handed to the
    schema ``{"type": "string", "format": "binary"}`` as a str (the setup the docs' page
    "Using the contract from other languages" shows).
    """
    from openapi_core import Config, OpenAPI
    from openapi_core.deserializing.media_types.util import json_loads, plain_loads

    from sportello.sandbox import openapi_bytes

    config = Config(
        extra_media_type_deserializers={
            "application/problem+json": json_loads,
            "text/csv": plain_loads,
            "application/pdf": _as_text,
            "application/octet-stream": _as_text,
        }
    )
    return OpenAPI.from_dict(json.loads(openapi_bytes()), config=config)


class WireRequest:
    """An ``httpx.Request`` (body already read) as openapi-core's ``Request``."""

    def __init__(self, request: httpx.Request) -> None:
        from openapi_core.datatypes import RequestParameters

        self.request = request
        query = parse_qs(request.url.query.decode("ascii"), keep_blank_values=True)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        """Scheme and host."""
        url = self.request.url
        return f"{url.scheme}://{url.netloc.decode('ascii')}"

    @property
    def path(self) -> str:
        """The path."""
        return self.request.url.path

    @property
    def method(self) -> str:
        """The method, lower case."""
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        """The body sent (``None`` when empty)."""
        return self.request.content or None

    @property
    def content_type(self) -> str:
        """The content type sent."""
        return self.request.headers.get("content-type", "")


class WireResponse:
    """An ``httpx.Response`` (body already read) as openapi-core's ``Response``."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def data(self) -> bytes:
        """The body."""
        return self.response.content

    @property
    def status_code(self) -> int:
        """The status."""
        return self.response.status_code

    @property
    def content_type(self) -> str:
        """The content type (``""`` for an empty answer)."""
        return self.response.headers.get("content-type", "")

    @property
    def headers(self) -> Headers:
        """The headers."""
        return Headers(list(self.response.headers.items()))


@attrs.define
class Wire:
    """What :func:`watching` saw: how many exchanges it checked, and the ones that failed."""

    checked: int = 0
    problems: list[str] = attrs.field(factory=list)

    def check(self, request: httpx.Request, response: httpx.Response) -> None:
        """Validate one exchange; record a failure instead of raising it.

        A request outside the contract (a test may send one on purpose: no token, a bad
        query) is a failure only when the server took it (a 2xx or 3xx answer); the answer
        must conform whatever the request was.
        """
        from openapi_core.exceptions import OpenAPIError

        api = contract()
        wire_request = WireRequest(request)
        self.checked += 1
        where = f"{request.method} {request.url.path} -> {response.status_code}"
        try:
            api.validate_request(wire_request)
        except OpenAPIError as err:
            if response.status_code < 400:
                self.problems.append(f"{where}: request taken: {err!r} {err.__cause__!r}")
        try:
            api.validate_response(wire_request, WireResponse(response))
        except OpenAPIError as err:
            self.problems.append(f"{where}: answer: {err!r} {err.__cause__!r}")


def _from_sandbox(response: httpx.Response) -> bool:
    """Whether the answer comes from a sandbox (which stamps every answer with X-Request-Id).

    Other servers the tests start (a trickling or redirecting loopback server) are not bound by
    the contract; their answers pass through untouched, still streaming.
    """
    return "x-request-id" in response.headers


@contextlib.contextmanager
def watching() -> Iterator[Wire]:
    """Validate every exchange of httpx's real transports while the block runs."""
    wire = Wire()
    sync_send = httpx.HTTPTransport.handle_request
    async_send = httpx.AsyncHTTPTransport.handle_async_request

    def handle_request(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        request.read()
        response = sync_send(self, request)
        if not _from_sandbox(response):
            return response
        try:
            response.read()
        except httpx.TransportError:
            response.close()
            raise  # a dropped answer: nothing to validate
        wire.check(request, response)
        return response

    async def handle_async_request(
        self: httpx.AsyncHTTPTransport, request: httpx.Request
    ) -> httpx.Response:
        await request.aread()
        response = await async_send(self, request)
        if not _from_sandbox(response):
            return response
        try:
            await response.aread()
        except httpx.TransportError:
            await response.aclose()
            raise
        wire.check(request, response)
        return response

    httpx.HTTPTransport.handle_request = handle_request  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request = handle_async_request  # type: ignore[method-assign]
    try:
        yield wire
    finally:
        httpx.HTTPTransport.handle_request = sync_send  # type: ignore[method-assign]
        httpx.AsyncHTTPTransport.handle_async_request = async_send  # type: ignore[method-assign]
