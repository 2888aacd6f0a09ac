"""What :class:`~sportello.client.Client` and :class:`~sportello.client.AsyncClient` share.

The configuration (:class:`ClientOptions`), the session (the bearer token, shared by the clones
that :meth:`BaseClient.with_options` makes), the description of one call (:class:`Call`) and
everything that turns a call into an ``httpx.Request`` or an answer into a result, a retry, a
redirect or a typed error. The two clients add only the I/O: sending, sleeping between
attempts, reading bodies chunk by chunk (checking the deadline between chunks).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import IO, Any, Generic, Self, TypeVar

import attrs
import httpx

from sportello._messages import Lang
from sportello._violations import Violation
from sportello.client._errors import ApiError, error_from_problem
from sportello.client._redirects import target
from sportello.client._retry import IDEMPOTENT_METHODS, Attempts, RetryPolicy
from sportello.client._upload import Upload, achunks, chunks

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "BaseClient",
    "Call",
    "ClientOptions",
    "Session",
    "default_user_agent",
]

T = TypeVar("T")

#: Seconds one attempt may wait for the network (to connect, and for each read or write).
DEFAULT_TIMEOUT = 10.0
#: Seconds one call may take by the wall clock: every attempt, wait and body read included.
DEFAULT_DEADLINE = 30.0


def default_user_agent() -> str:
    """``sportello/<version> httpx/<version>``."""
    from sportello._version import __version__

    return f"sportello/{__version__} httpx/{httpx.__version__}"


def _base_url(value: str) -> str:
    return str(value).rstrip("/")


@attrs.frozen(kw_only=True)
class ClientOptions:
    """A client's configuration (read-only; :meth:`BaseClient.with_options` makes a new one).

    Attributes:
        base_url: the API root, e.g. ``http://127.0.0.1:8000`` (no trailing slash kept).
        timeout: seconds an attempt may wait for the network (to connect, each read or write).
        deadline: seconds for the whole call by the wall clock: retries, waits, redirects and
            the body (a download's too) included (``None``: no bound).
        retry: the retry policy (``max_retries``, ``backoff_base``, ``backoff_max``).
        lang: the ``Accept-Language`` sent: the language of the server's messages.
        user_agent: the ``User-Agent`` sent.
    """

    base_url: str = attrs.field(converter=_base_url)
    timeout: float = DEFAULT_TIMEOUT
    deadline: float | None = DEFAULT_DEADLINE
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)
    lang: Lang = "it"
    user_agent: str = attrs.field(factory=default_user_agent)


#: The two token realms of the contract: the consumer desk and the utility's customer area.
REALMS = ("sportello", "area_clienti")


@attrs.define
class Session:
    """The mutable part of a client: one bearer token per realm (never shown in a repr).

    The consumer desk (``/v1/auth``, ``/v1/pratiche``) and the customer area
    (``/v1/area-clienti``) issue separate tokens; each realm's calls send only its own.
    """

    tokens: dict[str, str] = attrs.field(factory=dict, repr=False)

    def set(self, token: str | None, realm: str | None = None) -> None:
        """Set (or with ``None`` forget) the token of ``realm`` (of every realm when ``None``)."""
        for name in REALMS if realm is None else (realm,):
            if token is None:
                self.tokens.pop(name, None)
            else:
                self.tokens[name] = token


@attrs.frozen
class Call(Generic[T]):
    """One API call, described before any I/O: method, path, query, body and result parser.

    Attributes:
        method: the HTTP method.
        path: the path below the base URL (``/pratiche/{numero}`` already filled in).
        parse: turns the decoded JSON body (``None`` when empty) into the result.
        params: the query string.
        json: the JSON body.
        upload: a file sent as the raw body (``application/octet-stream``), streamed.
        realm: whose token is sent (``"sportello"``, ``"area_clienti"``; ``None``: none).
        idempotency_key: for a POST, the key kept across retries (a uuid4 when ``None``).
    """

    method: str
    path: str
    parse: Callable[[Any], T]
    params: Mapping[str, Any] | None = None
    json: Any = attrs.field(default=None, repr=False)
    upload: Upload | None = None
    realm: str | None = "sportello"
    idempotency_key: str | None = None


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    import decimal
    import enum

    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _query(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    shown: dict[str, Any] = {}
    for k, v in params.items():
        if v is None:
            continue
        shown[k] = _jsonable(v) if hasattr(v, "isoformat") else v
    return shown


class BaseClient:
    """Configuration and request building shared by ``Client`` and ``AsyncClient``.

    Options are keyword-only; see :class:`ClientOptions` for their meaning and defaults.
    """

    _options: ClientOptions
    _session: Session

    def _configure(
        self,
        *,
        base_url: str,
        token: str | None,
        timeout: float,
        deadline: float | None,
        max_retries: int,
        backoff_base: float,
        backoff_max: float,
        lang: Lang,
        user_agent: str | None,
        session: Session | None,
    ) -> None:
        self._options = ClientOptions(
            base_url=base_url,
            timeout=timeout,
            deadline=deadline,
            retry=RetryPolicy(
                max_retries=max_retries, backoff_base=backoff_base, backoff_max=backoff_max
            ),
            lang=lang,
            user_agent=user_agent or default_user_agent(),
        )
        self._session = session if session is not None else Session()
        if token is not None:
            self._session.set(token)

    @property
    def options(self) -> ClientOptions:
        """This client's configuration."""
        return self._options

    @property
    def base_url(self) -> str:
        """The API root."""
        return self._options.base_url

    @property
    def authenticated(self) -> bool:
        """Whether a bearer token is set for some realm (after a login or ``token=``)."""
        return bool(self._session.tokens)

    def token(self, realm: str = "sportello") -> str | None:
        """The bearer token of ``realm`` (kept out of every repr and log line)."""
        return self._session.tokens.get(realm)

    def _clone_options(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        o = self._options
        allowed = {
            "base_url": o.base_url,
            "timeout": o.timeout,
            "deadline": o.deadline,
            "max_retries": o.retry.max_retries,
            "backoff_base": o.retry.backoff_base,
            "backoff_max": o.retry.backoff_max,
            "lang": o.lang,
            "user_agent": o.user_agent,
            "token": None,
        }
        unknown = set(changes) - set(allowed)
        if unknown:
            raise TypeError(f"with_options() got unknown options: {sorted(unknown)}")
        merged = {**allowed, **changes}
        if "token" in changes:
            merged["session"] = Session()
            merged["token"] = changes["token"]
        else:
            merged["session"] = self._session
        return merged

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self._options.base_url!r}, "
            f"authenticated={self.authenticated!r})"
        )

    # request building -------------------------------------------------------------------

    def _headers(self, call: Call[Any], key: str | None) -> dict[str, str]:
        headers = {
            "Accept": "application/json, application/problem+json",
            "Accept-Language": self._options.lang,
            "User-Agent": self._options.user_agent,
        }
        token = self._session.tokens.get(call.realm) if call.realm else None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    def _start(self, call: Call[Any]) -> tuple[Attempts, dict[str, str]]:
        key = None
        if call.method == "POST":
            key = call.idempotency_key or str(uuid.uuid4())
        safe = call.method in IDEMPOTENT_METHODS or key is not None
        if call.upload is not None and not call.upload.replayable:
            safe = False
        attempts = Attempts(
            method=call.method,
            url=call.path,
            safe=safe,
            policy=self._options.retry,
            timeout=self._options.timeout,
            deadline=self._options.deadline,
            lang=self._options.lang,
        )
        return attempts, self._headers(call, key)

    def _build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        call: Call[Any],
        headers: Mapping[str, str],
        timeout: float,
        url: httpx.URL | None = None,
    ) -> tuple[httpx.Request, list[IO[bytes]]]:
        """The request of one attempt, and the files it opened (closed by the caller).

        ``url`` is a redirect's target (same origin, its own query); by default the call's
        path below the base URL, with the call's query.
        """
        opened: list[IO[bytes]] = []
        kwargs: dict[str, Any] = {}
        if call.upload is not None:
            size = call.upload.size()
            handle, owned = call.upload.open()
            if owned:
                opened.append(handle)
            body = achunks(handle) if isinstance(http, httpx.AsyncClient) else chunks(handle)
            kwargs["content"] = body
            headers = {**headers, "Content-Type": "application/octet-stream"}
            if size is not None:
                headers["Content-Length"] = str(size)
        elif call.json is not None:
            kwargs["content"] = json.dumps(call.json, default=_jsonable).encode()
            headers = {**headers, "Content-Type": "application/json"}
        request = http.build_request(
            call.method,
            url if url is not None else self._options.base_url + call.path,
            params=None if url is not None else _query(call.params),
            headers=headers,
            timeout=httpx.Timeout(timeout),
            **kwargs,
        )
        return request, opened

    # answers ----------------------------------------------------------------------------

    def _step(
        self,
        call: Call[Any],
        attempts: Attempts,
        request: httpx.Request,
        response: httpx.Response,
    ) -> float | httpx.URL | None:
        """What to do with an answer whose headers are in.

        Returns:
            ``None`` to keep it (read its body), a number of seconds to wait before retrying,
            or the URL a redirect is followed to (same origin only, see ``_redirects``).

        Raises:
            RedirectRefused: a redirect the client does not follow.
        """
        wait = attempts.after_response(response)
        if wait is not None or not response.is_redirect:
            return wait
        replayable = call.upload is None or call.upload.replayable
        url = target(
            request,
            response,
            hops=attempts.redirects,
            replayable=replayable,
            lang=self._options.lang,
        )
        attempts.after_redirect()
        return url

    @staticmethod
    def _bound_body(attempts: Attempts, request: httpx.Request) -> None:
        """Cap the body's read timeout by the time left (httpx reads it when the body starts)."""
        timeouts = dict(request.extensions.get("timeout", {}))
        timeouts["read"] = attempts.body_timeout()
        request.extensions["timeout"] = timeouts

    def _error(self, response: httpx.Response, body: bytes) -> ApiError:
        problem: Mapping[str, Any] | None = None
        ctype = response.headers.get("Content-Type", "")
        if "json" in ctype:
            try:
                decoded = json.loads(body)
            except ValueError:
                decoded = None
            if isinstance(decoded, Mapping):
                problem = decoded
        return error_from_problem(
            response.status_code,
            problem,
            request_id=response.headers.get("X-Request-Id", ""),
            retry_after=response.headers.get("Retry-After"),
            reason=response.reason_phrase,
            lang=self._options.lang,
        )

    def _result(self, call: Call[T], response: httpx.Response, body: bytes) -> T:
        if not response.is_success:
            raise self._error(response, body)
        from cattrs.errors import BaseValidationError

        try:
            data = json.loads(body) if body else None
            return call.parse(data)
        except (ValueError, KeyError, TypeError, BaseValidationError) as exc:
            raise ApiError(
                status=response.status_code,
                title=response.reason_phrase,
                request_id=response.headers.get("X-Request-Id", ""),
                violations=[
                    Violation.of("api.unexpected_answer", method=call.method, resource=call.path)
                ],
                lang=self._options.lang,
            ) from exc

    def with_options(self, **changes: Any) -> Self:  # pragma: no cover - overridden
        """A new client with some options changed, sharing the connection pool."""
        raise NotImplementedError
