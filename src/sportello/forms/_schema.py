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

__all__ = ["DIALECT", "json_schema", "schema_components"]

#: The JSON Schema dialect of every schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Where a nested record's schema lives when not told otherwise (``{name}``: the record's name).
DEFAULT_REF_TEMPLATE = "#/$defs/{name}"

# While a schema is built, references carry this prefix; :func:`_retarget` fills the template.
_REF_MARK = "\x00ref:"

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
        return {"$ref": _REF_MARK + name}
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


def _retarget(node: Any, template: str) -> Any:
    """``node`` with every reference to a nested record written with ``template``."""
    if isinstance(node, dict):
        out = {k: _retarget(v, template) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_MARK):
            out["$ref"] = template.format(name=ref.removeprefix(_REF_MARK))
        return out
    if isinstance(node, list):
        return [_retarget(v, template) for v in node]
    return node


def json_schema(form_cls: type, *, ref_template: str = DEFAULT_REF_TEMPLATE) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a form: Italian titles, limits, enums, patterns, ``$defs``.

    Nested records are described once each, under ``$defs``, and referenced as
    ``ref_template`` says (``{name}`` is the record's name). With another template (say
    ``"#/components/schemas/{name}"``) the references point outside the schema, and
    ``$defs`` is left out: :func:`schema_components` gives those schemas.

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
    if defs and ref_template == DEFAULT_REF_TEMPLATE:
        schema["$defs"] = dict(sorted(defs.items()))
    found: dict[str, Any] = _retarget(schema, ref_template)
    return found


def schema_components(
    *form_classes: type, ref_template: str = "#/components/schemas/{name}"
) -> dict[str, dict[str, Any]]:
    """Every schema the forms need as named components: the forms and each nested record.

    The answer maps a class name to its schema (no ``$schema``, ``$id`` or ``$defs``: every
    reference uses ``ref_template``), ready for an OpenAPI document's
    ``components.schemas`` or any registry of named schemas. Records shared by several forms
    appear once.

    >>> from sportello.forms import Login, DomandaConciliazione
    >>> c = schema_components(DomandaConciliazione, Login)
    >>> c["DomandaConciliazione"]["properties"]["cliente"]["$ref"]
    '#/components/schemas/ClienteConciliazione'
    >>> "ClienteConciliazione" in c and "Login" in c and "$defs" not in c["DomandaConciliazione"]
    True
    """
    found: dict[str, dict[str, Any]] = {}
    for cls in form_classes:
        defs: dict[str, Any] = {}
        found[cls.__name__] = _object_schema(cls, defs)
        for name, schema in defs.items():
            found.setdefault(name, schema)
    return {name: _retarget(found[name], ref_template) for name in sorted(found)}
