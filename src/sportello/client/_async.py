"""The asynchronous :class:`AsyncClient`: ``BaseClient`` plus I/O over ``httpx.AsyncClient``."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self, TypeVar

import anyio
import httpx

from sportello._messages import Lang
from sportello.client._base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, BaseClient, Call
from sportello.client._models import Page

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

    async def _send(self, call: Call[Any], *, stream: bool = False) -> httpx.Response:
        attempts, headers = self._start(call)
        while True:
            timeout = attempts.next_timeout()
            request, opened = self._build(self._http, call, headers, timeout)
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                wait = attempts.after_error(exc)
            else:
                retry = attempts.after_response(response)
                if retry is None:
                    return response
                await response.aclose()
                wait = retry
            finally:
                for handle in opened:
                    handle.close()
            await anyio.sleep(wait)

    async def _request(self, call: Call[T]) -> T:
        return self._result(call, await self._send(call))

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
        response = await self._send(call, stream=True)
        try:
            if not response.is_success:
                await response.aread()
                raise self._error(response)
            written = 0
            if isinstance(dest, str | os.PathLike):
                with Path(dest).open("wb") as out:
                    async for chunk in response.aiter_bytes():
                        written += out.write(chunk)
            else:
                async for chunk in response.aiter_bytes():
                    written += dest.write(chunk)
            return written
        finally:
            await response.aclose()
