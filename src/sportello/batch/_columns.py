"""The columns of a batch file: one per field of the form, dotted paths for nested ones.

The columns come from the form's JSON Schema (:func:`sportello.forms.json_schema`, output
mode), so a field added to a form is a column without a change here. A nested record's fields
are ``record.field`` (``cliente.codice_fiscale``); a list of records is repeated with its index
(``allegati[0].tipo``, ``allegati[0].nome``, ... :data:`LIST_ROWS` times in the template; a file
may have more); a list of choices is one column whose values are separated by commas
(``disponibilita``). The first column, ``riferimento``, is the batch's own: the caller's
reference of the row, unique in the file (see :mod:`sportello.batch._rows`).

>>> from sportello.forms import RichiestaSmartHelp
>>> [c.path for c in columns(RichiestaSmartHelp)][:4]
['riferimento', 'materia', 'canale', 'cliente.tipo_cliente']
>>> materia = {c.path: c for c in columns(RichiestaSmartHelp)}["materia"]
>>> materia.kind, materia.required, materia.values[0][0]
('scelta', True, 'bonus_mancata_accettazione')
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["LIST_ROWS", "RIFERIMENTO", "Colonna", "columns", "kind_of"]

#: The batch's own column: the caller's reference of the row.
RIFERIMENTO = "riferimento"
#: How many items of a list of records the template offers (``allegati[0]`` .. ``[4]``).
LIST_ROWS = 5

Schema = dict[str, Any]


@attrs.frozen
class Colonna:
    """One column of a batch file.

    Attributes:
        path: the field's dotted path (``cliente.codice_fiscale``), the column's header.
        title: the field's Italian title, as the portal labels it.
        kind: ``testo``, ``data``, ``scelta`` (one value of ``values``), ``scelte`` (several,
            comma-separated), ``booleano`` (``sì``/``no``) or ``numero``.
        required: whether the form requires it (when its record is given, for a nested one).
        values: the allowed values of a choice, each ``(code, label)``.
        description: the field's description, if any.
    """

    path: str
    title: str
    kind: str
    required: bool = False
    values: tuple[tuple[str, str], ...] = ()
    description: str = ""


def _resolve(schema: Schema, defs: Schema) -> Schema:
    """``schema`` with a ``$ref`` replaced by its definition (the field's own keys kept)."""
    ref = schema.get("$ref")
    if ref is None:
        return schema
    target = dict(defs[ref.rsplit("/", 1)[-1]])
    for key in ("title", "description"):
        if key in schema:
            target[key] = schema[key]
    return target


def _strip_null(schema: Schema, defs: Schema) -> Schema:
    """The one alternative of an ``anyOf`` that is not ``null`` nor a blank string."""
    options = schema.get("anyOf")
    if not options:
        return _resolve(schema, defs)
    real = [
        o
        for o in options
        if o.get("type") != "null" and not (o.get("type") == "string" and "pattern" in o)
    ] or [o for o in options if o.get("type") != "null"]
    found = _resolve(real[0], defs) if len(real) == 1 else {"type": "string"}
    merged = dict(found)
    for key in ("title", "description"):
        if key in schema:
            merged[key] = schema[key]
    return merged


def _choices(schema: Schema) -> tuple[tuple[str, str], ...]:
    labels = {o["const"]: o.get("title", o["const"]) for o in schema.get("oneOf", [])}
    return tuple((str(v), str(labels.get(v, v))) for v in schema.get("enum", []))


def kind_of(schema: Schema) -> str:
    """The column kind of a resolved leaf schema (see :class:`Colonna`)."""
    if "enum" in schema:
        return "scelta"
    kind = schema.get("type")
    if kind == "boolean":
        return "booleano"
    if kind in ("integer", "number"):
        return "numero"
    if schema.get("format") == "date":
        return "data"
    return "testo"


def _walk(schema: Schema, defs: Schema, prefix: str, required: bool) -> list[Colonna]:
    out: list[Colonna] = []
    needed = set(schema.get("required", ()))
    for name, raw in schema.get("properties", {}).items():
        field = _strip_null(raw, defs)
        path = f"{prefix}{name}"
        title = str(field.get("title", name))
        desc = str(field.get("description", ""))
        is_required = required and name in needed
        if field.get("type") == "object" or "properties" in field:
            out.extend(_walk(field, defs, f"{path}.", is_required))
        elif field.get("type") == "array":
            item = _resolve(field.get("items", {}), defs)
            if item.get("type") == "object" or "properties" in item:
                for i in range(LIST_ROWS):
                    out.extend(_walk(item, defs, f"{path}[{i}].", False))
            else:
                values = _choices(item)
                out.append(Colonna(path, title, "scelte", is_required, values, desc))
        else:
            out.append(Colonna(path, title, kind_of(field), is_required, _choices(field), desc))
    return out


def columns(form_cls: type) -> list[Colonna]:
    """The columns of a batch file of ``form_cls``: ``riferimento``, then the form's fields."""
    from sportello.forms import json_schema

    schema = json_schema(form_cls, mode="output")
    own = Colonna(
        RIFERIMENTO,
        "Riferimento",
        "testo",
        True,
        (),
        "Il vostro codice della pratica: unico nel file, lettere, cifre, . _ - (max 64).",
    )
    return [own, *_walk(schema, schema.get("$defs", {}), "", True)]
