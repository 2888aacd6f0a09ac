"""Redirects: followed by the client itself, only to the same origin and the same method.

Every request is sent with ``follow_redirects=False``, even through a caller's own
``http_client`` that follows redirects: httpx would re-send a 307/308's body (and, from http to
https on the same host, the ``Authorization`` header) to wherever the ``Location`` points. The
client decides instead, here:

* the target must have the same origin as the request (scheme, host and port);
* 307 and 308 keep the method and the body, so they are followed for any method (an upload is
  sent again from its start, and only when it can be re-read);
* 301, 302 and 303 are followed for GET and HEAD only (for another method they would turn it
  into a GET and drop the body);
* at most :data:`MAX_REDIRECTS` hops per call.

Anything else raises :class:`~sportello.client.RedirectRefused`, before any byte is sent to the
target. The contract has no redirects of its own; these cover a proxy that adds or strips a
trailing slash, or a path moved on the same server.

>>> request = httpx.Request("POST", "http://127.0.0.1:8000/v1/pratiche/conciliazione")
>>> moved = httpx.Response(307, headers={"Location": "/v2/pratiche"}, request=request)
>>> str(target(request, moved, hops=0, replayable=True))
'http://127.0.0.1:8000/v2/pratiche'
>>> away = httpx.Response(307, headers={"Location": "http://127.0.0.1:9000/x"}, request=request)
>>> target(request, away, hops=0, replayable=True)
Traceback (most recent call last):
    ...
sportello.client._errors.RedirectRefused: 307 Reindirizzamento temporaneo: Reindirizzamento ...
"""

from __future__ import annotations

from typing import Any

import httpx

from sportello._messages import DEFAULT_LANG, Lang
from sportello._violations import Violation
from sportello.client._errors import RedirectRefused

__all__ = ["MAX_REDIRECTS", "same_origin", "target"]

#: The most redirects one call follows.
MAX_REDIRECTS = 5

_KEEP_METHOD = frozenset({307, 308})
_SAFE_METHODS = frozenset({"GET", "HEAD"})
_PORTS = {"http": 80, "https": 443}


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _PORTS.get(url.scheme)


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    """Whether ``a`` and ``b`` share scheme, host and port (a default port counts as given).

    >>> same_origin(httpx.URL("http://h/a"), httpx.URL("http://h:80/b"))
    True
    >>> same_origin(httpx.URL("http://h/a"), httpx.URL("https://h/a"))
    False
    """
    return _origin(a) == _origin(b)


def target(
    request: httpx.Request,
    response: httpx.Response,
    *,
    hops: int,
    replayable: bool,
    lang: Lang = DEFAULT_LANG,
) -> httpx.URL:
    """Where to send ``request`` again after the redirect ``response``, or raise.

    Args:
        request: the request that was redirected.
        response: its 301, 302, 303, 307 or 308 answer, with a ``Location``.
        hops: the redirects this call already followed.
        replayable: whether the request's body can be sent again (an upload that can seek).
        lang: the language of the error's text.

    Raises:
        RedirectRefused: another origin, a method change, a body that cannot be re-sent, or
            more than :data:`MAX_REDIRECTS` hops.
    """
    location = response.headers.get("Location", "")
    status = response.status_code
    try:
        url = request.url.join(location)
    except httpx.InvalidURL:
        url = None
    code = ""
    params: dict[str, Any] = {}
    if url is None or not same_origin(request.url, url):
        code = "api.redirect_other_origin"
    elif status not in _KEEP_METHOD and request.method not in _SAFE_METHODS:
        code = "api.redirect_changes_method"
        params = {"status": status, "method": request.method}
    elif not replayable:
        code, params = "api.redirect_not_replayable", {"status": status}
    elif hops >= MAX_REDIRECTS:
        code, params = "api.too_many_redirects", {"limit": MAX_REDIRECTS}
    if url is not None and not code:
        return url
    shown = str(url) if url is not None else location
    raise RedirectRefused(
        location=shown,
        status=status,
        title=response.reason_phrase,
        request_id=response.headers.get("X-Request-Id", ""),
        violations=[Violation.of(code, location=shown, **params)],
        lang=lang,
    )
