"""The synchronous :class:`Client`: ``BaseClient`` plus blocking I/O over ``httpx.Client``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import IO, Any, Self, TypeVar

import httpx

from sportello._messages import Lang
from sportello.client._base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, BaseClient, Call
from sportello.client._download import Sink, sink_for
from sportello.client._models import Page
from sportello.client._retry import Attempts

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
        timeout: seconds an attempt may wait for the network: to connect, for each read or
            write (default 10).
        deadline: seconds for the whole call by the wall clock, retries, waits and the body
            included (default 30; ``None``: none).
        max_retries: retries after the first attempt (default 3).
        backoff_base: upper bound of the first backoff wait in seconds (default 0.5).
        backoff_max: largest upper bound of any wait in seconds (default 8).
        lang: ``Accept-Language``, the language of the server's messages (default ``"it"``).
        user_agent: the ``User-Agent`` (default ``sportello/<version> httpx/<version>``).
        transport: an ``httpx.BaseTransport`` for the client's own ``httpx.Client``.
        http_client: an ``httpx.Client`` to use instead (not closed by this client); its
            ``follow_redirects`` is overridden: the client follows redirects itself, only to
            the same origin.
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

    def _exchange(self, call: Call[Any], sink: Sink | None = None) -> tuple[httpx.Response, bytes]:
        """The call's final answer and its body (a 2xx body goes to ``sink`` when given).

        Every attempt, wait, redirect and body read runs under the call's deadline; a final
        transport failure raises ``TransportError``, never an httpx exception.
        """
        attempts, headers = self._start(call)
        url: httpx.URL | None = None
        while True:
            request, opened = self._build(self._http, call, headers, attempts.next_timeout(), url)
            try:
                response = self._http.send(request, stream=True, follow_redirects=False)
                try:
                    step = self._step(call, attempts, request, response)
                    if step is None:
                        return response, self._body(attempts, request, response, sink)
                finally:
                    response.close()
            except httpx.RequestError as exc:
                step = attempts.after_error(exc, repeatable=sink is None or sink.rewind())
            finally:
                for handle in opened:
                    handle.close()
            if isinstance(step, httpx.URL):
                url = step
            else:
                time.sleep(step)

    def _body(
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
        for chunk in response.iter_bytes():
            attempts.check_deadline()
            if into is not None:
                into.write(chunk)
            else:
                parts.append(chunk)
        return b"".join(parts)

    def _request(self, call: Call[T]) -> T:
        return self._result(call, *self._exchange(call))

    def _pages(self, first: Call[Page[T]], follow: Callable[[str], Call[Page[T]]]) -> Iterator[T]:
        page = self._request(first)
        while True:
            yield from page.items
            if page.next_cursor is None:
                return
            page = self._request(follow(page.next_cursor))

    def _download(self, call: Call[Any], dest: str | os.PathLike[str] | IO[bytes]) -> int:
        """Stream a 2xx body into ``dest``: a path only appears whole (see ``_download``)."""
        sink = sink_for(dest)
        done = False
        try:
            response, body = self._exchange(call, sink)
            if not response.is_success:
                raise self._error(response, body)
            written = sink.commit()
            done = True
            return written
        finally:
            if not done:
                sink.discard()
