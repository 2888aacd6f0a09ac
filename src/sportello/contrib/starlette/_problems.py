"""The exception handler: :class:`sportello.ValidationError` as an ``application/problem+json``.

The body is the sandbox's (:mod:`sportello._problem`): the same ``type``, ``title``, ``status``,
``detail``, ``request_id`` and ``violations``, messages in the request's ``Accept-Language``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sportello._problem import MEDIA_TYPE, negotiate_lang, problem_body, request_id
from sportello._violations import ValidationError, Violation

__all__ = ["EXCEPTION_HANDLERS", "BodyError", "install", "problem_response"]


class BodyError(ValidationError):
    """A request body that is not a JSON document at all: answered 400, 413 or 415, not 422.

    Attributes:
        status: the HTTP status of the answer.
    """

    status: int

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__([Violation.of(code, **params)])
        self.status = status


def _request_id(request: Request) -> str:
    """The id a middleware gave the request (``scope["state"]``), else its ``X-Request-Id``."""
    state = request.scope.get("state")
    given = state.get("request_id") if isinstance(state, dict) else None
    return request_id(given if isinstance(given, str) else request.headers.get("x-request-id"))


def problem_response(request: Request, error: ValidationError, *, status: int = 422) -> Response:
    """The problem answer for ``error``: every violation, in the request's language.

    The answer carries ``Content-Language`` (``it`` or ``en``), ``Vary: Accept-Language`` and
    ``X-Request-Id`` (the client's when well formed, else a new one, also in the body).
    """
    lang = negotiate_lang(request.headers.get("accept-language"))
    rid = _request_id(request)
    body = problem_body(status, error.violations, lang=lang, request_id=rid)
    return Response(
        body,
        status_code=status,
        media_type=MEDIA_TYPE,
        headers={"Content-Language": lang, "Vary": "Accept-Language", "X-Request-Id": rid},
    )


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """Starlette/FastAPI exception handler: a :class:`sportello.ValidationError` as a problem.

    422 for violations of the rules; a :class:`BodyError` keeps its own status (400 for a body
    that is not JSON, 413 for one too large, 415 for another media type).
    """
    if not isinstance(exc, ValidationError):  # registered for ValidationError only
        raise exc
    status = exc.status if isinstance(exc, BodyError) else 422
    return problem_response(request, exc, status=status)


#: ``Starlette(exception_handlers=EXCEPTION_HANDLERS)`` or
#: ``FastAPI(exception_handlers=EXCEPTION_HANDLERS)``.
EXCEPTION_HANDLERS: dict[Any, Any] = {ValidationError: validation_error_handler}


def install(app: Any) -> None:
    """Register the handler on an existing Starlette or FastAPI ``app``."""
    app.add_exception_handler(ValidationError, validation_error_handler)
