"""Request helpers shared by the route modules: JSON bodies, query values, form loading."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from sportello._messages import Lang
from sportello._violations import ValidationError, Violation
from sportello.sandbox._problems import ProblemError, negotiate_lang

__all__ = [
    "json_response",
    "lang_of",
    "load_form",
    "media_type",
    "query_bool",
    "query_date",
    "query_int",
    "read_json",
    "request_id_of",
]

T = TypeVar("T")

#: An integer query value: ASCII digits only (``int()`` would also take ``" 1_0 "`` and "١٢").
_INTEGER = re.compile(r"-?[0-9]{1,18}")


def lang_of(request: Request) -> Lang:
    """The message language the request asks for (``Accept-Language``)."""
    return negotiate_lang(request.headers.get("accept-language"))


def request_id_of(request: Request) -> str:
    """The id the request-id middleware gave this request."""
    return str(request.scope.get("state", {}).get("request_id", ""))


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A JSON answer (UTF-8, not ASCII-escaped)."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def file_response(request: Request, content: bytes, media_type: str, filename: str) -> Response:
    """A downloaded file: ``media_type``, or ``application/octet-stream`` when asked for alone.

    Code generators read files from ``application/octet-stream`` answers; a request whose
    ``Accept`` names octet-stream and not the file's own type gets the same bytes under that
    type. ``Content-Disposition`` names the file either way.
    """
    accept = request.headers.get("accept", "")
    wants_bytes = "application/octet-stream" in accept and media_type not in accept
    return Response(
        content,
        media_type="application/octet-stream" if wants_bytes else media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def media_type(request: Request, default: str) -> tuple[str, dict[str, str]]:
    """The request's media type, lower case, and its parameters (names lower case).

    Media types are case-insensitive (RFC 9110): ``Application/JSON; Charset=UTF-8`` is
    ``("application/json", {"charset": "UTF-8"})``.
    """
    raw = request.headers.get("content-type", default)
    kind, *rest = raw.split(";")
    params: dict[str, str] = {}
    for part in rest:
        name, _, value = part.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), params


async def read_json(request: Request, limit: int) -> tuple[Any, bytes]:
    """The JSON body (and its raw bytes), read up to ``limit`` bytes, decoded safely.

    The one reader of every JSON body: the media type is compared case-insensitively
    (``application/json`` or any ``application/*+json``, charset UTF-8 if one is named), and
    the body is decoded by :func:`sportello._json.loads`: nesting, number lengths, lone
    surrogates and duplicate keys are bounded or refused there, each with its violation.

    Raises:
        ProblemError: 413 ``api.body_too_large``, 415 for another content type or charset,
            400 ``api.invalid_json`` or ``api.json_*``.
    """
    from sportello import _json

    ctype, params = media_type(request, "application/json")
    charset = params.get("charset", "utf-8").lower()
    json_type = ctype in ("application/json", "") or (
        ctype.startswith("application/") and ctype.endswith("+json")
    )
    if not json_type or charset not in ("utf-8", "utf8"):
        raise ProblemError.of(
            415,
            "api.unsupported_media_type",
            content_type=request.headers.get("content-type", "")[:100],
            expected="application/json",
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProblemError.of(413, "api.body_too_large", limit=limit)
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        return _json.loads(raw), raw
    except ValidationError as err:
        raise ProblemError(400, err.violations) from None


def load_form(cls: type[T], data: Any, *, today: dt.date | None = None) -> T:
    """``sportello.forms.load(cls, data, today=today)``, its errors turned into a 422 problem.

    The routes pass ``today=sb.today()``, the sandbox clock's date, wherever a rule compares
    with today (SH-3, CP-1).
    """
    from sportello import forms

    try:
        return forms.load(cls, data, today=today)
    except ValidationError as err:
        raise ProblemError(422, err.violations) from None


def _bad(name: str) -> ProblemError:
    return ProblemError(400, [Violation.of("api.invalid_parameter", path=name, name=name)])


def query_int(request: Request, name: str, *, default: int | None, lo: int, hi: int) -> int | None:
    """An integer query parameter in ``[lo, hi]``, or ``default`` when absent (400 if bad).

    Only ASCII digits with an optional ``-``, at most 18 of them: no blanks, underscores,
    other scripts' digits or thousands of digits.
    """
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw):
        raise _bad(name)
    value = int(raw)
    if not lo <= value <= hi:
        raise _bad(name)
    return value


def query_bool(request: Request, name: str, *, default: bool) -> bool:
    """A boolean query parameter (``true``/``false``/``1``/``0``), 400 if anything else."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise _bad(name)


def query_date(request: Request, name: str) -> dt.date:
    """A required ISO date query parameter (400 when missing or malformed)."""
    raw = request.query_params.get(name)
    if raw is None:
        raise ProblemError(400, [Violation.of("api.missing_parameter", path=name, name=name)])
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise _bad(name) from None
