"""The synchronous :class:`Client`: ``BaseClient`` plus blocking I/O over ``httpx.Client``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self, TypeVar

import httpx

from sportello._messages import Lang
from sportello.client._base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, BaseClient, Call
from sportello.client._models import Page

__all__ = ["Client"]

T = TypeVar("T")


class Client(BaseClient):
    """A blocking client of the Sportello API.

    >>> with Client(base_url="http://127.0.0.1:9", token="s3cr3t") as client:
    ...     client
    Client(base_url='http://127.0.0.1:9', authenticated=True)

    Args:
        base_url: the API root (``SandboxServer.url`` for the sandbox).
        token: a bearer token (``auth.login`` sets one).
        timeout: seconds per attempt (default 10).
        deadline: seconds for the whole call, retries included (default 30; ``None``: none).
        max_retries: retries after the first attempt (default 3).
        backoff_base: upper bound of the first backoff wait in seconds (default 0.5).
        backoff_max: largest upper bound of any wait in seconds (default 8).
        lang: ``Accept-Language``, the language of the server's messages (default ``"it"``).
        user_agent: the ``User-Agent`` (default ``sportello/<version> httpx/<version>``).
        transport: an ``httpx.BaseTransport`` for the client's own ``httpx.Client``.
        http_client: an ``httpx.Client`` to use instead (not closed by this client).
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
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
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
        self._http = http_client or httpx.Client(transport=transport, follow_redirects=False)
        self._attach()

    def _attach(self) -> None:
        from sportello.client.resources import AreaClienti, Auth, Pratiche

        self.auth = Auth(self)
        self.pratiche = Pratiche(self)
        self.area_clienti = AreaClienti(self)

    def with_options(self, **changes: Any) -> Self:
        """A new client with some options changed, sharing the pool and (unless ``token=``)
        the session.

        >>> with Client(base_url="http://127.0.0.1:9") as client:
        ...     fast = client.with_options(deadline=1.0, max_retries=0)
        ...     fast.options.deadline, fast.options.retry.max_retries, client.options.deadline
        (1.0, 0, 30.0)
        """
        clone = object.__new__(type(self))
        clone._configure(**self._clone_options(changes))
        clone._http = self._http
        clone._owns_http = False
        clone._attach()
        return clone

    def close(self) -> None:
        """Close the connection pool (unless it was given as ``http_client=``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # I/O ----------------------------------------------------------------------------------

    def _send(self, call: Call[Any], *, stream: bool = False) -> httpx.Response:
        attempts, headers = self._start(call)
        while True:
            timeout = attempts.next_timeout()
            request, opened = self._build(self._http, call, headers, timeout)
            try:
                response = self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                wait = attempts.after_error(exc)
            else:
                retry = attempts.after_response(response)
                if retry is None:
                    return response
                response.close()
                wait = retry
            finally:
                for handle in opened:
                    handle.close()
            time.sleep(wait)

    def _request(self, call: Call[T]) -> T:
        return self._result(call, self._send(call))

    def _pages(self, first: Call[Page[T]], follow: Callable[[str], Call[Page[T]]]) -> Iterator[T]:
        page = self._request(first)
        while True:
            yield from page.items
            if page.next_cursor is None:
                return
            page = self._request(follow(page.next_cursor))

    def _download(self, call: Call[Any], dest: str | os.PathLike[str] | IO[bytes]) -> int:
        response = self._send(call, stream=True)
        try:
            if not response.is_success:
                response.read()
                raise self._error(response)
            written = 0
            if isinstance(dest, str | os.PathLike):
                with Path(dest).open("wb") as out:
                    for chunk in response.iter_bytes():
                        written += out.write(chunk)
            else:
                for chunk in response.iter_bytes():
                    written += dest.write(chunk)
            return written
        finally:
            response.close()
