"""The client's exception tree, built from ``application/problem+json`` answers.

::

    SportelloError
     +-- ApiError                  any failure of a call; status, request id, violations
          +-- BadRequest           400
          +-- Unauthorized         401 (no token, a wrong password, an expired session)
          +-- Forbidden            403
          |    +-- LegacyAccountError   403 for an account registered before 06/10/2017 (AU-3)
          +-- NotFound             404
          +-- Conflict             409
          +-- UnprocessableError   422; also a sportello.ValidationError
          |    +-- PayloadTooLarge       413 (an upload over AT-1/AT-3 limits)
          |    +-- UnsupportedMediaType  415 (a file type or content type refused)
          +-- RateLimited          429; retry_after in seconds
          +-- ServerError          5xx
          +-- RedirectRefused      3xx the client will not follow (another origin, a method
          |                        change, too many hops)
          +-- TransportError       no usable answer: connection refused or dropped, a read
               |                   timeout, a body cut short (a download's too)
               +-- DeadlineExceeded     the call's overall deadline ran out

Every error carries the HTTP ``status`` (``None`` when no answer came), the server's
``request_id`` and the server's :class:`~sportello.Violation` records; an error the client
raises itself (no answer, deadline, redirect, an answer off the contract) carries one
violation of its own, so ``codes`` always names what happened. ``str()`` is in the client's
language (``lang``), its texts from the message catalog, and never shows a secret (see
:mod:`sportello.client._logging`).

>>> err = error_from_problem(
...     422,
...     {
...         "title": "Unprocessable Content",
...         "violations": [{"code": "password.too_short", "rule": "PW-1", "path": "password",
...                         "params": {"min_length": 8, "length": 5}}],
...     },
...     request_id="req-1",
... )
>>> type(err).__name__, err.status, err.request_id, err.codes
('UnprocessableError', 422, 'req-1', ('password.too_short',))
>>> print(err)
422 Dati non validi [richiesta req-1]: password: La password deve contenere almeno 8 caratteri (ne ha 5).
>>> err.lang = "en"
>>> print(err)
422 Validation failed [request req-1]: password: The password must be at least 8 characters long (it has 5).
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sportello._messages import DEFAULT_LANG, Lang, lookup, render
from sportello._violations import SportelloError, ValidationError, Violation
from sportello.client._logging import redact

__all__ = [
    "ApiError",
    "BadRequest",
    "Conflict",
    "DeadlineExceeded",
    "Forbidden",
    "LegacyAccountError",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "RedirectRefused",
    "ServerError",
    "TransportError",
    "Unauthorized",
    "UnprocessableError",
    "UnsupportedMediaType",
    "error_from_problem",
    "violations_from_problem",
]


class ApiError(SportelloError):
    """A call failed: the server answered with an error, or did not answer at all.

    Attributes:
        status: the HTTP status, ``None`` when no answer came (:class:`TransportError`).
        request_id: the server's ``X-Request-Id`` (``""`` when unknown): quote it to support.
        violations: the server's violations, each a :class:`~sportello.Violation`.
        title: the problem's short title (``"Unprocessable Content"``).
        detail: the problem's explanation, as the server wrote it.
        type: the problem type URI (``"about:blank"`` when none).
        server_messages: the server's rendered message of each violation, in the
            ``Accept-Language`` the client asked for (aligned with ``violations``).
        lang: the client's language: the one the server's messages were asked in, and the
            one of ``str()``.
    """

    status: int | None
    request_id: str
    violations: tuple[Violation, ...]
    title: str
    detail: str
    type: str
    server_messages: tuple[str, ...]
    lang: Lang

    def __init__(
        self,
        *,
        status: int | None,
        title: str,
        detail: str = "",
        request_id: str = "",
        violations: Iterable[Violation] = (),
        server_messages: Iterable[str] = (),
        type: str = "about:blank",
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.request_id = request_id
        self.violations = tuple(violations)
        self.server_messages = tuple(server_messages)
        self.type = type
        self.lang = lang
        Exception.__init__(self, str(self))

    @property
    def codes(self) -> tuple[str, ...]:
        """The violations' codes, in order."""
        return tuple(v.code for v in self.violations)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule IDs the violations cite (``""`` omitted), in order."""
        return tuple(v.rule for v in self.violations if v.rule)

    def messages(self, lang: Lang | None = None) -> list[str]:
        """One line per violation, ``path: message``, in ``lang`` (the client's by default).

        In the language the server was asked for, the server's own wording is used (its dates
        and numbers are formatted as the portal shows them); otherwise the local catalog's.
        """
        lang = lang or self.lang
        server = len(self.server_messages) == len(self.violations) and lang == self.lang
        lines = []
        for i, v in enumerate(self.violations):
            text = (
                self.server_messages[i] if server and self.server_messages[i] else v.message(lang)
            )
            lines.append(f"{v.path}: {text}" if v.path else text)
        return lines

    def __str__(self) -> str:
        """``status title [request id]: message; message``, in the client's language.

        The title is the catalog's for the status (``api.status_<n>``), else the server's;
        the lines are the violations' messages, else the server's ``detail``.
        """
        lang = self.lang
        head = self.title
        if self.status is not None:
            known = lookup(f"api.status_{self.status}")
            title = render(f"api.status_{self.status}", {}, lang) if known else self.title
            head = f"{self.status} {title}".rstrip()
        head = redact(head)
        if self.request_id:  # an opaque id, never redacted: its hex may hold a run of digits
            ref = render("api.request_ref", {"request_id": self.request_id}, lang)
            head = f"{head} {ref}" if head else ref
        lines = self.messages(lang)
        if not lines and self.detail:
            lines = [self.detail]
        hint = self._hint(lang)
        if hint:
            lines.append(hint)
        body = redact("; ".join(lines))
        return f"{head}: {body}" if head and body else head or body

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, request_id={self.request_id!r}, "
            f"codes={list(self.codes)!r})"
        )

    def _hint(self, lang: Lang) -> str:  # noqa: ARG002 - subclasses use it
        return ""


class BadRequest(ApiError):  # noqa: N818 - the HTTP status names
    """400: the request was malformed (a missing ``Idempotency-Key``, bad JSON)."""


class Unauthorized(ApiError):  # noqa: N818 - the HTTP status names
    """401: no token, an expired or revoked one, or wrong credentials at login."""


class Forbidden(ApiError):  # noqa: N818 - the HTTP status names
    """403: authenticated, but this user may not do this (another user's case, a wrong role)."""


class LegacyAccountError(Forbidden):
    """403 for an account registered before 06/10/2017 (AU-3).

    Such an account must reset its password ("Hai dimenticato la password?") and complete its
    registration data before using the services: call ``client.auth.recover_password(...)``,
    then ``client.auth.reset_password(...)``, and complete the profile.
    """

    def _hint(self, lang: Lang) -> str:
        return render("api.legacy_account_hint", {}, lang)


class NotFound(ApiError):  # noqa: N818 - the HTTP status names
    """404: no such resource (or one this user may not know exists)."""


class Conflict(ApiError):  # noqa: N818 - the HTTP status names
    """409: the request conflicts with the current state (a username taken, RD-3, RD-4)."""


class UnprocessableError(ApiError, ValidationError):
    """422: the server refused the content; also a :class:`sportello.ValidationError`.

    Catch ``sportello.ValidationError`` to handle local and server-side refusals alike.
    """


class PayloadTooLarge(UnprocessableError):  # noqa: N818 - the HTTP status names
    """413: an upload over its limit (AT-1, AT-3)."""


class UnsupportedMediaType(UnprocessableError):  # noqa: N818 - the HTTP status names
    """415: a file type (AT-2, AT-4) or a content type the server does not accept."""


class RateLimited(ApiError):  # noqa: N818 - the HTTP status names
    """429: too many requests; ``retry_after`` is the server's advice in seconds (or ``None``)."""

    retry_after: float | None

    def __init__(self, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(**kwargs)


class ServerError(ApiError):
    """5xx: the server failed; retried automatically when the request is safe to repeat."""


class RedirectRefused(ApiError):  # noqa: N818 - named like the other outcomes
    """3xx: a redirect the client does not follow; ``location`` is where it pointed.

    The client follows a redirect only to the same origin (scheme, host and port) and only
    when the method stays the same (307 and 308 for any method; 301, 302 and 303 for GET and
    HEAD), at most :data:`~sportello.client._redirects.MAX_REDIRECTS` times. Anything else is
    refused: no body and no token ever leaves for another host.
    """

    location: str

    def __init__(self, *, location: str = "", **kwargs: Any) -> None:
        self.location = location
        super().__init__(**kwargs)


class TransportError(ApiError):
    """No usable answer: connection refused or dropped, a read timeout, a body cut short.

    ``status`` is ``None``; ``codes`` is ``("api.transport_error",)`` when the client raised
    it (``("api.deadline_exceeded",)`` for :class:`DeadlineExceeded`).
    """

    def __init__(
        self,
        title: str = "",
        *,
        request_id: str = "",
        violations: Iterable[Violation] = (),
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        super().__init__(
            status=None, title=title, request_id=request_id, violations=violations, lang=lang
        )


class DeadlineExceeded(TransportError):  # noqa: N818 - named like the other outcomes
    """The call's overall deadline ran out: every attempt, every pause and the body read."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: UnprocessableError,
    429: RateLimited,
}


def violations_from_problem(
    problem: Mapping[str, Any],
) -> tuple[tuple[Violation, ...], tuple[str, ...]]:
    """The problem's violations as records, and the server's message of each."""
    raw = problem.get("violations")
    found: list[Violation] = []
    messages: list[str] = []
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, Mapping):
                continue
            params = item.get("params")
            found.append(
                Violation(
                    code=str(item.get("code", "")),
                    rule=str(item.get("rule") or ""),
                    path=str(item.get("path") or ""),
                    params=dict(params) if isinstance(params, Mapping) else {},
                )
            )
            messages.append(str(item.get("message") or ""))
    return tuple(found), tuple(messages)


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        import email.utils
        import time

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
    return max(0.0, seconds)


def error_from_problem(
    status: int,
    problem: Mapping[str, Any] | None,
    *,
    request_id: str = "",
    retry_after: str | None = None,
    reason: str = "",
    lang: Lang = DEFAULT_LANG,
) -> ApiError:
    """The typed error for an answer with ``status`` and its (possibly absent) problem body.

    A 403 whose violations cite rule AU-3 becomes :class:`LegacyAccountError`.
    """
    problem = problem or {}
    violations, messages = violations_from_problem(problem)
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else ApiError)
    if cls is Forbidden and any(v.rule == "AU-3" for v in violations):
        cls = LegacyAccountError
    kwargs: dict[str, Any] = {
        "status": status,
        "title": str(problem.get("title") or reason or "HTTP error"),
        "detail": str(problem.get("detail") or ""),
        "request_id": str(problem.get("request_id") or request_id),
        "violations": violations,
        "server_messages": messages,
        "type": str(problem.get("type") or "about:blank"),
        "lang": lang,
    }
    if cls is RateLimited:
        return RateLimited(retry_after=_retry_after(retry_after), **kwargs)
    return cls(**kwargs)
