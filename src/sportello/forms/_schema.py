"""``json_schema`` and ``schema_components``: the JSON Schemas (2020-12) of the forms.

Two modes. ``mode="input"`` (the default) describes every raw document that
:func:`~sportello.forms.load` accepts: what a person types, blanks around text, lower-case codes
with separators, ``"45.000"`` readings, ``null`` or a blank string for an empty optional field;
it is the schema of the API's request bodies and the one a front end validates with.
``mode="output"`` describes the canonical document that :func:`~sportello.forms.dump` writes
(codes compacted and upper-cased, E.164 phone numbers, integer readings, empty fields left
out). Each value kind's schema in both modes is in :mod:`sportello.forms._schema_kinds`.

Besides the fields, a record's schema states the cross-field rules that JSON Schema can say
(:func:`sportello.forms._schema_rules.constraints`, in ``allOf``); what only ``load`` checks is
:data:`sportello.forms._schema_rules.UNSTATED`, listed by rule ID in ``docs/forms/api.md``.

Choices (enums) are named definitions, like records, each with ``enum`` (the values) and a
``oneOf`` of ``const`` + ``title`` (the same values with their Italian labels): what a front end
needs to build a ``<select>``.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from sportello.forms._converter import is_optional, optional_inner, text_limit
from sportello.forms._fields import KINDS, TEXT_MAX
from sportello.forms._load import resolved_fields
from sportello.forms._registry import field_info, record_info
from sportello.forms._schema_kinds import (
    BLANK,
    DATE,
    NONBLANK,
    TEXT_OUTPUT,
    kind_schema,
    text_schema,
)
from sportello.forms._schema_rules import constraints

__all__ = ["DIALECT", "MODES", "Mode", "json_schema", "schema_components", "schema_name"]

#: The JSON Schema dialect of every schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Where a nested record's schema lives when not told otherwise (``{name}``: the record's name).
DEFAULT_REF_TEMPLATE = "#/$defs/{name}"

Mode = Literal["input", "output"]
#: The two modes: raw documents that ``load`` accepts, canonical ones that ``dump`` writes.
MODES: tuple[Mode, ...] = ("input", "output")

# While a schema is built, references carry this prefix; :func:`_retarget` fills the template.
_REF_MARK = "\x00ref:"


#: Choices of the rules that :mod:`sportello.forms` does not re-export, by qualified name: an
#: Italian noun, and no clash with the API's own ``ModalitaInvio`` (a contract's answer).
_NAMES = {
    "sportello.rules.channels.Channel": "Canale",
    "sportello.rules.billing.ModalitaInvio": "TipoInvio",
}


def schema_name(tp: type) -> str:
    """The definition name of a record or choice: the name :mod:`sportello.forms` gives it.

    A choice defined in the rules under another name (``rules.channels.Delegato``) takes its
    name in the forms (``TipoDelegato``), so that it never clashes with a record
    (``forms.Delegato``); two choices the forms do not re-export have names of their own
    (``Canale``, ``TipoInvio``).

    >>> from sportello.forms import TipoDelegato, Delegato
    >>> from sportello.rules.channels import Channel
    >>> schema_name(TipoDelegato), schema_name(Delegato), schema_name(Channel)
    ('TipoDelegato', 'Delegato', 'Canale')
    """
    from sportello import forms

    for name in forms.__all__:
        if getattr(forms, name) is tp:
            return name
    return _NAMES.get(f"{tp.__module__}.{tp.__qualname__}", tp.__name__)


def _label(member: enum.Enum) -> str:
    found = getattr(member, "label", None)
    return found if isinstance(found, str) else str(member.value)


def _enum_schema(cls: type[enum.Enum]) -> dict[str, Any]:
    doc = (cls.__doc__ or "").strip().splitlines()
    schema: dict[str, Any] = {
        "title": schema_name(cls),
        "type": "string",
        "enum": [m.value for m in cls],
        "oneOf": [{"const": m.value, "title": _label(m)} for m in cls],
    }
    if doc:
        schema["description"] = doc[0]
    return schema


class _Builder:
    """Collects the definitions a schema needs while it describes a record."""

    def __init__(self, mode: Mode) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be 'input' or 'output', not {mode!r}")
        self.mode = mode
        self.defs: dict[str, Any] = {}
        self.owners: dict[str, type] = {}

    def _define(self, tp: type, make: Any) -> dict[str, Any]:
        name = schema_name(tp)
        owner = self.owners.setdefault(name, tp)
        if owner is not tp:
            raise TypeError(f"two definitions named {name!r}: {owner!r} and {tp!r}")
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: records may nest
            self.defs[name] = make(tp)
        return {"$ref": _REF_MARK + name}

    def type_schema(self, tp: Any) -> dict[str, Any]:  # noqa: PLR0911 - one return per kind
        if tp in KINDS:
            return kind_schema(tp, self.mode)
        if tp is str:
            return dict(NONBLANK if self.mode == "input" else TEXT_OUTPUT)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is dt.date:
            return dict(DATE)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self._define(tp, _enum_schema)
        if attrs.has(tp):
            return self._define(tp, self.object_schema)
        if typing.get_origin(tp) is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(tp)[0])}
        raise TypeError(f"no JSON Schema for {tp!r}")

    def field_schema(  # noqa: PLR0911 - one return per shape of field
        self, tp: Any, *, text_max: int = TEXT_MAX
    ) -> dict[str, Any]:
        """The schema of a field's value; an optional one may be empty (input: null, blank).

        ``text_max`` bounds a plain text field (``str``), as ``load`` counts it: stripped.
        """
        if tp is str:
            return text_schema(text_max, self.mode)
        if not is_optional(tp):
            inner = self.type_schema(tp)
            if self.mode == "input" and typing.get_origin(tp) is tuple:
                return {"anyOf": [inner, {"type": "null"}]}  # load reads null as no items
            return inner
        inner_type = optional_inner(tp)
        if self.mode == "output":
            if inner_type is str:
                return text_schema(text_max, self.mode)
            return self.type_schema(inner_type)  # dump leaves an empty field out
        if inner_type is str:
            return {"anyOf": [text_schema(text_max, self.mode), {"type": "null"}, dict(BLANK)]}
        return {"anyOf": [self.type_schema(inner_type), {"type": "null"}, dict(BLANK)]}

    def object_schema(self, cls: type) -> dict[str, Any]:
        rinfo = record_info(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in resolved_fields(cls):
            finfo = field_info(f)
            schema = self.field_schema(f.type, text_max=text_limit(f))
            schema["title"] = finfo.title
            if finfo.description:
                schema["description"] = finfo.description
            if f.default is attrs.NOTHING:
                required.append(f.name)
            elif self.mode == "input" or f.default is not None:
                schema["default"] = _default(f.default)
            properties[f.name] = schema
        found: dict[str, Any] = {
            "title": rinfo.title,
            "description": rinfo.description or _first_line(cls.__doc__),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        rules = constraints(cls, self.mode)
        if rules:
            found["allOf"] = rules
        return found


def _default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _retarget(node: Any, template: str) -> Any:
    """``node`` with every reference to a definition written with ``template``."""
    if isinstance(node, dict):
        out = {k: _retarget(v, template) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_MARK):
            out["$ref"] = template.format(name=ref.removeprefix(_REF_MARK))
        return out
    if isinstance(node, list):
        return [_retarget(v, template) for v in node]
    return node


def json_schema(
    form_cls: type, *, mode: Mode = "input", ref_template: str = DEFAULT_REF_TEMPLATE
) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a form: Italian titles, limits, choices, rules, ``$defs``.

    ``mode="input"`` (default) accepts every raw document :func:`~sportello.forms.load`
    accepts; ``mode="output"`` describes what :func:`~sportello.forms.dump` writes. Nested
    records and choices are described once each, under ``$defs``, and referenced as
    ``ref_template`` says (``{name}`` is the definition's name). With another template (say
    ``"#/components/schemas/{name}"``) the references point outside the schema and ``$defs``
    is left out: :func:`schema_components` gives those schemas.

    >>> from sportello.forms import DomandaConciliazione
    >>> s = json_schema(DomandaConciliazione)
    >>> s["$schema"], s["additionalProperties"], s["properties"]["oggetto"]
    ('https://json-schema.org/draft/2020-12/schema', False, {'$ref': '#/$defs/Oggetto', ...})
    >>> s["$defs"]["Oggetto"]["oneOf"][1]
    {'const': 'morosita_sospensione', 'title': 'Morosità e sospensione della fornitura'}
    >>> json_schema(DomandaConciliazione, mode="output")["properties"]["descrizione"]["maxLength"]
    2500
    """
    builder = _Builder(mode)
    body = builder.object_schema(form_cls)
    name = record_info(form_cls).name or form_cls.__name__
    suffix = "" if mode == "input" else ":output"
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"urn:sportello:forms:{name}{suffix}",
        **body,
    }
    if builder.defs and ref_template == DEFAULT_REF_TEMPLATE:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    found: dict[str, Any] = _retarget(schema, ref_template)
    return found


def schema_components(
    *form_classes: type,
    mode: Mode = "input",
    ref_template: str = "#/components/schemas/{name}",
    taken: Iterable[str] = (),
) -> dict[str, dict[str, Any]]:
    """Every schema the forms need as named components: the forms, their records and choices.

    The answer maps a name to its schema (no ``$schema``, ``$id`` or ``$defs``: every
    reference uses ``ref_template``), ready for an OpenAPI document's ``components.schemas``
    or any registry of named schemas. Records and choices shared by several forms appear once.

    Raises:
        TypeError: two different records or choices would get one name, or a name is in
            ``taken`` (the names the embedding document already uses).

    >>> from sportello.forms import Login, DomandaConciliazione
    >>> c = schema_components(DomandaConciliazione, Login)
    >>> c["DomandaConciliazione"]["properties"]["cliente"]["$ref"]
    '#/components/schemas/ClienteConciliazione'
    >>> "ClienteConciliazione" in c and "Modulo" in c and "$defs" not in c["DomandaConciliazione"]
    True
    """
    builder = _Builder(mode)
    for cls in form_classes:
        builder.type_schema(cls)
    clashes = sorted(set(builder.defs) & set(taken))
    if clashes:
        raise TypeError(f"names already taken: {', '.join(clashes)}")
    return {name: _retarget(builder.defs[name], ref_template) for name in sorted(builder.defs)}


def _first_line(doc: str | None) -> str:
    """The first line of a docstring (``""`` when there is none)."""
    return next(iter((doc or "").strip().splitlines()), "")
