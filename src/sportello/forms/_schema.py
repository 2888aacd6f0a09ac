"""``json_schema``: the JSON Schema (draft 2020-12) of a form, with Italian titles.

The schema describes the CANONICAL document, as :func:`~sportello.forms.dump` writes it: codes
compacted and upper-cased, phone numbers in E.164, dates in ISO. :func:`~sportello.forms.load`
accepts more (blanks, lower case, ``"45.000"`` readings, separators in codes) and normalises it.
What a schema cannot say is listed in ``docs/forms/api.md``: checksums, the codice fiscale
matching the names, and every cross-field rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import attrs

from sportello.forms._converter import is_optional, optional_inner
from sportello.forms._fields import KINDS
from sportello.forms._load import resolved_fields
from sportello.forms._registry import field_info, record_info

__all__ = ["DIALECT", "json_schema"]

#: The JSON Schema dialect of every schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SIMPLE: dict[object, dict[str, Any]] = {
    str: {"type": "string", "minLength": 1, "pattern": "\\S"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    dt.date: {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
}


def _enum_schema(cls: type[enum.Enum]) -> dict[str, Any]:
    values = [m.value for m in cls]
    schema: dict[str, Any] = {"type": "string", "enum": values}
    labels = [
        f"{m.value}: {label}" for m in cls if isinstance(label := getattr(m, "label", None), str)
    ]
    if labels and len(labels) == len(values):
        schema["description"] = "; ".join(labels) + "."
    return schema


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    simple = KINDS[tp].schema if tp in KINDS else _SIMPLE.get(tp)
    if simple is not None:
        return dict(simple)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_schema(tp)
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve the name first: records may nest
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if typing.get_origin(tp) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    rinfo = record_info(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in resolved_fields(cls):
        finfo = field_info(f)
        if is_optional(f.type):
            inner = _type_schema(optional_inner(f.type), defs)
            schema: dict[str, Any] = {"anyOf": [inner, {"type": "null"}]}
        else:
            schema = _type_schema(f.type, defs)
        schema["title"] = finfo.title
        if finfo.description:
            details = schema.get("description")
            schema["description"] = (
                f"{finfo.description} {details}" if details else finfo.description
            )
        if f.default is attrs.NOTHING:
            required.append(f.name)
        else:
            schema["default"] = _default(f.default)
        properties[f.name] = schema
    found: dict[str, Any] = {
        "title": rinfo.title,
        "description": rinfo.description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    return found


def json_schema(form_cls: type) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a form: Italian titles, limits, enums, patterns, ``$defs``.

    >>> from sportello.forms import DomandaConciliazione
    >>> s = json_schema(DomandaConciliazione)
    >>> s["$schema"], s["additionalProperties"], s["properties"]["descrizione"]["maxLength"]
    ('https://json-schema.org/draft/2020-12/schema', False, 2500)
    >>> s["properties"]["delegato"]["anyOf"][0]
    {'$ref': '#/$defs/Delegato'}
    """
    defs: dict[str, Any] = {}
    body = _object_schema(form_cls, defs)
    name = record_info(form_cls).name or form_cls.__name__
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": f"urn:sportello:forms:{name}", **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema
