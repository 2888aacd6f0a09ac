"""Starlette and FastAPI: problem+json answers, forms from the body, schemas in OpenAPI.

Extra ``starlette`` for the handler and :func:`load_form`; extra ``fastapi`` for
:class:`FormBody` (a dependency) and :func:`register_schemas`.

- :data:`EXCEPTION_HANDLERS` (or :func:`install`) answers every
  :class:`sportello.ValidationError` with the sandbox's ``application/problem+json`` body, in
  the request's ``Accept-Language``.
- :func:`load_form` / :class:`FormBody` load a form from the JSON body with every violation.
- :func:`register_schemas` puts the forms' schemas in the app's OpenAPI components.

The adapter never imports :mod:`sportello.sandbox`: the body is built by the core.
"""

from sportello.contrib.starlette._forms import MAX_BODY_BYTES, FormBody, load_form, read_json
from sportello.contrib.starlette._openapi import register_schemas
from sportello.contrib.starlette._problems import (
    EXCEPTION_HANDLERS,
    BodyError,
    install,
    problem_response,
    validation_error_handler,
)

__all__ = [
    "EXCEPTION_HANDLERS",
    "MAX_BODY_BYTES",
    "BodyError",
    "FormBody",
    "install",
    "load_form",
    "problem_response",
    "read_json",
    "register_schemas",
    "validation_error_handler",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
