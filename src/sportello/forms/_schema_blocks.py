"""The building blocks of the cross-field rules' JSON Schemas (2020-12).

Used by :mod:`sportello.forms._schema_rules` and :mod:`sportello.forms._schema_procedura`.
Every object subschema names its ``type`` and the properties it requires, as Ajv's strict mode
asks; "filled" and "absent" mean what :func:`~sportello.forms.load` reads: in input mode a
blank string or ``null`` is an empty field.
"""

from __future__ import annotations

from typing import Any

from sportello.forms._schema_kinds import BLANK, NONBLANK

__all__ = [
    "JSON",
    "absent",
    "const",
    "contains_tipo",
    "filled",
    "has",
    "is_record",
    "items_given",
    "obj",
    "when",
]

JSON = dict[str, Any]


def obj(props: JSON, required: list[str] | None = None) -> JSON:
    """An object schema whose ``properties`` are ``props``, all required unless told."""
    return {
        "type": "object",
        "required": list(props) if required is None else required,
        "properties": props,
    }


def has(name: str, schema: JSON) -> JSON:
    """The object has ``name`` and its value matches ``schema``."""
    return obj({name: schema})


def const(value: Any) -> JSON:
    """Exactly ``value``."""
    return {"const": value}


def filled(mode: str) -> JSON:
    """A text field that ``load`` takes as given (not blank)."""
    return NONBLANK if mode == "input" else {"type": "string"}


def absent(name: str, mode: str) -> JSON:
    """``name`` missing, null or (input) blank: what ``load`` reads as ``None``."""
    empty: JSON = {"anyOf": [{"type": "null"}, BLANK]} if mode == "input" else {"type": "null"}
    return {"type": "object", "properties": {name: empty}}


def is_record(name: str) -> JSON:
    """``name`` is given as an object."""
    return has(name, {"type": "object"})


def items_given(name: str) -> JSON:
    """``name`` is a list of at least one item (``null`` reads as no items)."""
    return has(name, {"type": "array", "minItems": 1})


def contains_tipo(tipo: str) -> JSON:
    """``allegati`` flags a document of this ``tipo``."""
    item = has("tipo", const(tipo))
    return has("allegati", {"type": "array", "contains": item})


def when(condition: JSON, then: JSON) -> JSON:
    """``then`` holds when ``condition`` does: ``if``/``then``."""
    return {"if": condition, "then": then}
