"""The forms' JSON Schemas in a FastAPI app's OpenAPI document.

:func:`register_schemas` wraps ``app.openapi``: the generated document gains every form (and
nested record) under ``components.schemas`` (:func:`sportello.forms.schema_components`), the
``Problem`` and ``Violation`` schemas, and for each route that takes a :class:`FormBody`, a
request body referencing the form and a 422 problem answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sportello._problem import MEDIA_TYPE, problem_schemas
from sportello.contrib.starlette._forms import FormBody

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["register_schemas"]

_REF = "#/components/schemas/{name}"


def _form_bodies(dependant: Any) -> Iterator[FormBody[Any]]:
    """Every :class:`FormBody` in a route's dependency tree."""
    for sub in getattr(dependant, "dependencies", ()):
        if isinstance(sub.call, FormBody):
            yield sub.call
        yield from _form_bodies(sub)


def _problem_answer(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {MEDIA_TYPE: {"schema": {"$ref": _REF.format(name="Problem")}}},
    }


def _document(operation: dict[str, Any], form_cls: type) -> None:
    operation.setdefault(
        "requestBody",
        {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(name=form_cls.__name__)}}
            },
        },
    )
    answers = operation.setdefault("responses", {})
    answers.setdefault("422", _problem_answer("Violazioni delle regole (ogni violazione)."))
    answers.setdefault("400", _problem_answer("Il corpo non è un documento JSON."))


def register_schemas(app: FastAPI, *form_classes: type) -> None:
    """Add the forms' schemas to ``app``'s OpenAPI document (``/openapi.json``, ``/docs``).

    The forms that routes take through :class:`FormBody` are found by themselves;
    ``form_classes`` adds others (say, forms a route reads by hand). Call it once, after the
    routes are declared or before: the document is built on first request and kept.
    Schemas the app already has under the same name are left as they are.
    """
    from sportello import forms

    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = generate()
        used: dict[str, type] = {cls.__name__: cls for cls in form_classes}
        for route in app.routes:
            bodies = list(_form_bodies(getattr(route, "dependant", None)))
            if not bodies:
                continue
            path = document.get("paths", {}).get(getattr(route, "path_format", ""), {})
            for method in getattr(route, "methods", ()):
                operation = path.get(method.lower())
                if operation is not None:
                    _document(operation, bodies[0].form_cls)
            used.update((b.form_cls.__name__, b.form_cls) for b in bodies)
        components = document.setdefault("components", {}).setdefault("schemas", {})
        found = {
            **problem_schemas(_REF),
            **forms.schema_components(*used.values(), ref_template=_REF),
        }
        for name, schema in found.items():
            components.setdefault(name, schema)
        document["components"]["schemas"] = dict(sorted(components.items()))
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
