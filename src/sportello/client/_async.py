"""The asynchronous :class:`AsyncClient`: ``BaseClient`` plus I/O over ``httpx.AsyncClient``."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import IO, Any, Self, TypeVar

import anyio
import httpx

from sportello._messages import Lang
from sportello.client._base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, BaseClient, Call
from sportello.client._download import Sink, sink_for
from sportello.client._models import Page
from sportello.client._retry import Attempts

__all__ = ["AsyncClient"]

T = TypeVar("T")


class AsyncClient(BaseClient):
    """An asynchronous client of the Sportello API (asyncio or trio, through anyio).

    Same options as :class:`~sportello.client.Client`; ``transport`` is an
    ``httpx.AsyncBaseTransport`` and ``http_client`` an ``httpx.AsyncClient``. Use it as
    ``async with AsyncClient(base_url=...) as client:``.
    """

    def __init__(
        self,
        *,
        base_url: str,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float | None = DEFAULT_DEADLINE,
        max_retries: int = 3,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        lang: Lang = "it",
        user_agent: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if transport is not None and http_client is not None:
            raise TypeError("pass either transport= or http_client=, not both")
        self._configure(
            base_url=base_url,
            token=token,
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            lang=lang,
            user_agent=user_agent,
            session=None,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(transport=transport, follow_redirects=False)
        self._attach()

    def _attach(self) -> None:
        from sportello.client.resources import AsyncAreaClienti, AsyncAuth, AsyncPratiche

        self.auth = AsyncAuth(self)
        self.pratiche = AsyncPratiche(self)
        self.area_clienti = AsyncAreaClienti(self)

    def with_options(self, **changes: Any) -> Self:
        """A new client with some options changed, sharing the pool and (unless ``token=``)
        the session."""
        clone = object.__new__(type(self))
        clone._configure(**self._clone_options(changes))
        clone._http = self._http
        clone._owns_http = False
        clone._attach()
        return clone

    async def aclose(self) -> None:
        """Close the connection pool (unless it was given as ``http_client=``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # I/O ----------------------------------------------------------------------------------

    async def _exchange(
        self, call: Call[Any], sink: Sink | None = None
    ) -> tuple[httpx.Response, bytes]:
        """The call's final answer and its body (see ``Client._exchange``).

        The whole call also runs in a cancel scope that ends at the deadline, so even a
        server trickling its headers cannot stretch it.
        """
        attempts, headers = self._start(call)
        with anyio.move_on_after(attempts.remaining()):
            return await self._attempts(call, attempts, headers, sink)
        raise attempts.expired()

    async def _attempts(
        self,
        call: Call[Any],
        attempts: Attempts,
        headers: dict[str, str],
        sink: Sink | None,
    ) -> tuple[httpx.Response, bytes]:
        url: httpx.URL | None = None
        while True:
            request, opened = self._build(self._http, call, headers, attempts.next_timeout(), url)
            try:
                response = await self._http.send(request, stream=True, follow_redirects=False)
                try:
                    step = self._step(call, attempts, request, response)
                    if step is None:
                        return response, await self._body(attempts, request, response, sink)
                finally:
                    with anyio.CancelScope(shield=True):
                        await response.aclose()
            except httpx.RequestError as exc:
                step = attempts.after_error(exc, repeatable=sink is None or sink.rewind())
            finally:
                for handle in opened:
                    handle.close()
            if isinstance(step, httpx.URL):
                url = step
            else:
                await anyio.sleep(step)

    async def _body(
        self,
        attempts: Attempts,
        request: httpx.Request,
        response: httpx.Response,
        sink: Sink | None,
    ) -> bytes:
        """Read the body chunk by chunk, checking the deadline after each one."""
        self._bound_body(attempts, request)
        into = sink if sink is not None and response.is_success else None
        parts: list[bytes] = []
        async for chunk in response.aiter_bytes():
            attempts.check_deadline()
            if into is not None:
                into.write(chunk)
            else:
                parts.append(chunk)
        return b"".join(parts)

    async def _request(self, call: Call[T]) -> T:
        return self._result(call, *await self._exchange(call))

    async def _pages(
        self, first: Call[Page[T]], follow: Callable[[str], Call[Page[T]]]
    ) -> AsyncIterator[T]:
        page = await self._request(first)
        while True:
            for item in page.items:
                yield item
            if page.next_cursor is None:
                return
            page = await self._request(follow(page.next_cursor))

    async def _download(self, call: Call[Any], dest: str | os.PathLike[str] | IO[bytes]) -> int:
        """Stream a 2xx body into ``dest``: a path only appears whole (see ``_download``)."""
        sink = sink_for(dest)
        done = False
        try:
            response, body = await self._exchange(call, sink)
            if not response.is_success:
                raise self._error(response, body)
            written = sink.commit()
            done = True
            return written
        finally:
            if not done:
                sink.discard()
