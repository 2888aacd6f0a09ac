"""The cattrs converter of the forms: strict JSON types, normalised values, every error collected.

The converter runs with ``detailed_validation=True`` and ``forbid_extra_keys=True``: a document
with many faults raises one :class:`cattrs.ClassValidationError` holding all of them, which
:mod:`sportello.forms._errors` turns into violations with dotted paths.

Strictness, where cattrs alone would coerce: a string field takes only a JSON string (``1`` is
not ``"1"``), an integer only an integer (not ``true``, not ``1.5``), a boolean only ``true`` or
``false``, a list only a JSON array, a record only a JSON object. ``null``, a missing key and a
blank string are the same thing: an empty field (``forms.required`` when it is mandatory).

:func:`fast_converter` (what :func:`~sportello.forms.load` tries first) has the same hooks, but
its records are built by code generated in :mod:`sportello.forms._fast` and it stops at the
first fault.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from sportello._violations import ValidationError, Violation
from sportello.forms._fields import (
    KINDS,
    TEXT_MAX,
    optional_text,
    required,
    text,
    wrong_type,
)
from sportello.forms._registry import field_info

__all__ = [
    "ISO_DATE",
    "converter",
    "fast_converter",
    "field_hook",
    "is_iso_date",
    "is_optional",
    "optional_inner",
    "text_limit",
]


def is_optional(tp: Any) -> bool:
    """Whether ``tp`` is ``X | None``."""
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(tp)
    )


def optional_inner(tp: Any) -> Any:
    """``X`` of ``X | None``."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return args[0] if len(args) == 1 else typing.Union[tuple(args)]  # noqa: UP007


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _integer(value: object, _: object = None) -> int:
    if type(value) is int:
        return value
    if value is None:
        raise required()
    raise wrong_type("integer", value)


def _boolean(value: object, _: object = None) -> bool:
    if type(value) is bool:
        return value
    if value is None:
        raise required()
    raise wrong_type("boolean", value)


#: The one date format a form takes (``AAAA-MM-GG``): no week or ordinal dates, no blanks.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is written ``AAAA-MM-GG`` (the day itself may still not exist)."""
    return ISO_DATE.fullmatch(value) is not None


def _date(value: object, _: object = None) -> dt.date:
    """A date written exactly ``AAAA-MM-GG``, as the docs name it (and the JSON Schema says).

    ``date.fromisoformat`` alone would also take ``20260115`` and ``2026-W03-4``; a blank
    string is an empty field, blanks around a date are refused like any other text.
    """
    if type(value) is str and is_iso_date(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError([Violation.of("forms.invalid_date")]) from None
    if type(value) is dt.date:
        return value
    text(value)  # blank or null: an empty field; not a string: the wrong type
    raise ValidationError([Violation.of("forms.invalid_date")])


def _enum_value(member: enum.Enum) -> Any:
    return member.value


@functools.cache
def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    choices = [str(member.value) for member in cls]

    def structure(value: object, _: object = None) -> enum.Enum:
        found = by_value.get(value) if type(value) is str else None
        if found is not None:
            return found
        if isinstance(value, cls):
            return value
        if (type(value) is str and not value.strip()) or value is None:
            raise required()
        # A choice is exact, as the portal offers it: no case folding, no blanks around it.
        raise ValidationError([Violation.of("forms.invalid_choice", choices=choices)])

    return structure


def _optional_text(value: object, _: object = None) -> str | None:
    if type(value) is str:
        return optional_text(value)
    if value is None:
        return None
    raise wrong_type("string", value)


def text_limit(field: attrs.Attribute[Any]) -> int:
    """The most characters a text field takes: its ``info(max_length=...)``, else TEXT_MAX.

    Every ``str`` field (optional or not) is bounded, so a field added to a form without a
    limit of its own still has one, shown as ``maxLength`` in its JSON Schema.
    """
    own = field_info(field).max_length
    return TEXT_MAX if own is None else own


def field_hook(field: attrs.Attribute[Any]) -> Callable[[object, object], Any] | None:
    """The structure hook of a text field with its own ``max_length`` (``None``: the type's).

    Raises:
        TypeError: ``max_length`` on a field that is not ``str`` or ``str | None``.
    """
    if field_info(field).max_length is None:
        return None
    limit = text_limit(field)
    if field.type is str:

        def required_text(value: object, _: object = None) -> str:
            return text(value, limit)

        return required_text
    if is_optional(field.type) and optional_inner(field.type) is str:

        def optional(value: object, _: object = None) -> str | None:
            if value is not None and type(value) is not str:
                raise wrong_type("string", value)
            return optional_text(value, limit)

        return optional
    raise TypeError(f"max_length is for text fields, not {field.name}: {field.type!r}")


def _optional_kind(parse: Callable[[object], Any]) -> Callable[[object, object], Any]:
    def structure(value: object, _: object = None) -> Any:
        if value is None or (type(value) is str and not value.strip()):
            return None
        return parse(value)

    return structure


def _kind_hook(parse: Callable[[object], Any]) -> Callable[[object, object], Any]:
    def structure(value: object, _: object = None) -> Any:
        return parse(value)

    return structure


def _fast_tuple(
    item: Callable[[object, Any], Any], item_type: Any
) -> Callable[[object, object], tuple[Any, ...]]:
    """The fast converter's hook of ``tuple[X, ...]``: it stops at the first fault.

    There is nothing to collect: :func:`~sportello.forms.load` then structures again with
    :func:`converter`.
    """

    def structure(value: object, _: object = None) -> tuple[Any, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise wrong_type("array", value)
        return tuple([item(raw, item_type) for raw in value])

    return structure


def _own_hooks(cls: type) -> dict[str, Any]:
    """cattrs overrides for the fields of ``cls`` that set their own ``max_length``."""
    attrs.resolve_types(cls)
    return {
        f.name: override(struct_hook=hook)
        for f in attrs.fields(cls)
        if (hook := field_hook(f)) is not None
    }


def _fast_or(
    conv: cattrs.Converter, cls: type, hook: Callable[[object, object], object]
) -> Callable[[object, object], object]:
    """The generated fast hook of ``cls`` (see :mod:`sportello.forms._fast`), else ``hook``.

    ``hook`` (cattrs' own, for a class the generator does not write) refuses a document with
    ``KeyError`` or ``ForbiddenExtraKeysError``: those become the fast path's
    :class:`~sportello.forms._fast.Refused`, so that it refuses with its
    :data:`~sportello.forms._fast.REFUSALS` only.
    """
    from sportello.forms._fast import Refused, fast_record_hook

    fast = fast_record_hook(conv, cls)
    if fast is not None:
        return fast

    def refusing(value: object, _: object = None) -> object:
        try:
            return hook(value, _)
        except (KeyError, ForbiddenExtraKeysError) as exc:
            raise Refused(f"{cls.__name__}: {exc!r}") from exc

    return refusing


def _register_str_enums(conv: cattrs.Converter) -> None:
    """A StrEnum is also a str: hooks on ``StrEnum`` come before the ``str`` hook in its MRO."""
    conv.register_structure_hook(enum.StrEnum, lambda v, t: _enum_hook(t)(v, t))
    conv.register_unstructure_hook(enum.StrEnum, _enum_value)  # dump plain str values


def _register_scalars(conv: cattrs.Converter) -> None:
    """Text, integers, booleans, dates, the value kinds and the choices."""
    conv.register_structure_hook(str, lambda v, _: text(v))
    conv.register_unstructure_hook(decimal.Decimal, lambda d: f"{d:.2f}")  # CP-4 amounts
    conv.register_structure_hook(int, _integer)
    conv.register_structure_hook(bool, _boolean)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    for kind_type, kind in KINDS.items():
        conv.register_structure_hook(kind_type, _kind_hook(kind.parse))
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    _register_str_enums(conv)


def _build(*, detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)
    _register_scalars(conv)

    def optional_factory(tp: Any) -> Callable[[object, object], object]:
        inner_type = optional_inner(tp)
        if inner_type is str:
            return _optional_text
        kind = KINDS.get(inner_type)
        if kind is not None:
            return _optional_kind(kind.parse)
        inner = conv.get_structure_hook(inner_type)

        def structure(value: object, _: object = None) -> object:
            if value is None or (type(value) is str and not value.strip()):
                return None
            return inner(value, inner_type)

        return structure

    conv.register_structure_hook_factory(is_optional, optional_factory)

    def tuple_factory(tp: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = typing.get_args(tp)[0]
        item = conv.get_structure_hook(item_type)
        if not detailed:
            return _fast_tuple(item, item_type)

        def structure(value: object, _: object = None) -> tuple[Any, ...]:
            if value is None:
                return ()
            if not isinstance(value, list | tuple):
                raise wrong_type("array", value)
            found: list[Any] = []
            errors: list[Exception] = []
            for i, raw in enumerate(value):
                try:
                    found.append(item(raw, item_type))
                except Exception as exc:  # noqa: BLE001 - collected and reported with its index
                    note = IterableValidationNote(f"Structuring item @ index {i}", i, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp!r}", errors, tp)  # pyright: ignore[reportCallIssue]
            return tuple(found)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    def tuple_dump_factory(tp: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
        item_type = typing.get_args(tp)[0]
        item = conv.get_unstructure_hook(item_type)
        return lambda value: [item(v) for v in value]

    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, tuple_dump_factory)

    def record_factory(cls: type) -> Callable[[object, object], object]:
        own = _own_hooks(cls)
        inner: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
            **own,
        )

        def structure(value: object, _: object = None) -> object:
            if type(value) is dict or isinstance(value, Mapping):
                return inner(value, cls)
            if value is None:
                raise required()
            raise wrong_type("object", value)

        return structure if detailed else _fast_or(conv, cls, structure)

    conv.register_structure_hook_factory(attrs.has, record_factory)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The converter that collects every fault, with its path (built on first use)."""
    return _build(detailed=True)


@functools.cache
def fast_converter() -> cattrs.Converter:
    """The same hooks without cattrs' detailed validation: the fast path for valid documents.

    It stops at the first fault; :func:`sportello.forms.load` then structures the document
    again with :func:`converter` to collect every fault.
    """
    return _build(detailed=False)
