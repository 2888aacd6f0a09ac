"""Forms loaded from a request's JSON body, every violation at once.

:func:`load_form` works in any Starlette endpoint; :class:`FormBody` is the same as a FastAPI
dependency. Both raise :class:`sportello.ValidationError` (a
:class:`~sportello.forms.FormError`), which the exception handler answers as problem+json.
"""

# no ``from __future__ import annotations``: FastAPI reads FormBody.__call__'s annotations
import json
from typing import Any, Generic, TypeVar

from starlette.requests import Request

from sportello._problem import negotiate_lang
from sportello.contrib.starlette._problems import BodyError

__all__ = ["MAX_BODY_BYTES", "FormBody", "load_form"]

T = TypeVar("T")

#: The largest JSON body read by default (1 MB; the longest form, with 2,500 characters of
#: description, is far below it). Attachments travel separately.
MAX_BODY_BYTES = 1_000_000


async def read_json(request: Request, *, max_bytes: int = MAX_BODY_BYTES) -> Any:
    """The decoded JSON body, read up to ``max_bytes``.

    Raises:
        BodyError: 415 ``api.unsupported_media_type`` for a body that is not JSON, 413
            ``api.body_too_large``, 400 ``api.invalid_json``.
    """
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if ctype not in ("application/json", "") and not ctype.endswith("+json"):
        raise BodyError(
            415, "api.unsupported_media_type", content_type=ctype, expected="application/json"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise BodyError(413, "api.body_too_large", limit=max_bytes)
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BodyError(400, "api.invalid_json") from None


async def load_form(request: Request, form_cls: type[T], *, max_bytes: int = MAX_BODY_BYTES) -> T:
    """The form record of the request's JSON body (:func:`sportello.forms.load`).

    The error's ``str()`` is in the request's ``Accept-Language``.

    Raises:
        sportello.forms.FormError: every violation of the document (answered 422).
        BodyError: a body that is not a JSON document (400, 413, 415).
    """
    from sportello import forms

    data = await read_json(request, max_bytes=max_bytes)
    return forms.load(form_cls, data, lang=negotiate_lang(request.headers.get("accept-language")))


class FormBody(Generic[T]):
    """A FastAPI dependency that loads ``form_cls`` from the body (see :func:`load_form`).

    ``domanda: Annotated[DomandaConciliazione, Depends(FormBody(DomandaConciliazione))]``.
    :func:`~sportello.contrib.starlette.register_schemas` finds these dependencies and writes
    each route's request body as a reference to the form's schema.
    """

    __slots__ = ("form_cls", "max_bytes")

    def __init__(self, form_cls: type[T], *, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.form_cls = form_cls
        self.max_bytes = max_bytes

    def __repr__(self) -> str:
        return f"FormBody({self.form_cls.__name__})"

    async def __call__(self, request: Request) -> T:
        """Load the form (FastAPI passes the request)."""
        return await load_form(request, self.form_cls, max_bytes=self.max_bytes)
