"""A form as flat, dotted columns (one CSV row per document): :func:`columns`, :func:`flatten`.

The columns of a form are the dotted paths of its fields, nested records unrolled
(``cliente.codice_fiscale``), in the order the form declares them. A cell holds the JSON value
as text: strings as they are, numbers and dates in their JSON form, booleans ``true`` or
``false``; a list (``disponibilita``, ``allegati``) is one cell holding its JSON text. An empty
cell is an absent field; an optional record whose cells are all empty is absent.
:func:`unflatten` turns a row back into the JSON document :func:`~sportello.forms.load` takes,
so a row's violations carry the same dotted paths as the columns.

>>> from sportello.forms import RecuperoPassword, Login
>>> columns(Login)
('username', 'password')
>>> flatten({"cliente": {"nome": "Mario", "privato": True}, "allegati": [{"tipo": "reclamo"}]})
{'cliente.nome': 'Mario', 'cliente.privato': 'true', 'allegati': '[{"tipo": "reclamo"}]'}
>>> unflatten(RecuperoPassword, {"codice_cliente": "005007"})
{'codice_cliente': '005007'}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from sportello.forms._converter import is_optional, optional_inner
from sportello.forms._load import resolved_fields

__all__ = ["columns", "flatten", "unflatten"]


def _record(tp: Any) -> type | None:
    inner = optional_inner(tp) if is_optional(tp) else tp
    return inner if isinstance(inner, type) and attrs.has(inner) else None


def columns(cls: type, prefix: str = "") -> tuple[str, ...]:
    """The dotted columns of the form ``cls``, in declaration order."""
    out: list[str] = []
    for field in resolved_fields(cls):
        name = f"{prefix}{field.name}"
        nested = _record(field.type)
        out.extend(columns(nested, f"{name}.") if nested is not None else (name,))
    return tuple(out)


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def flatten(document: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """The cells of a JSON document, keyed by dotted column (absent fields have none)."""
    out: dict[str, str] = {}
    for key, value in document.items():
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{prefix}{key}."))
        elif value is not None:
            out[f"{prefix}{key}"] = _cell(value)
    return out


def _scalar(tp: Any, text: str) -> Any:
    inner = optional_inner(tp) if is_optional(tp) else tp
    if inner is bool:
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    origin = getattr(inner, "__origin__", None)
    if origin in (tuple, list) or inner in (int, float):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text


def unflatten(cls: type, row: Mapping[str, str], prefix: str = "") -> dict[str, Any]:
    """The JSON document of one row of ``cls``'s columns (empty cells left out)."""
    out: dict[str, Any] = {}
    for field in resolved_fields(cls):
        name = f"{prefix}{field.name}"
        nested = _record(field.type)
        if nested is not None:
            inner = unflatten(nested, row, f"{name}.")
            if inner:
                out[field.name] = inner
            continue
        text = row.get(name)
        if text is not None and text != "":
            out[field.name] = _scalar(field.type, text)
    return out
