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
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from sportello._violations import ValidationError, Violation
from sportello.forms._fields import KINDS, required, text, wrong_type

__all__ = ["converter", "fast_converter", "is_optional", "optional_inner"]


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


def _date(value: object, _: object = None) -> dt.date:
    if type(value) is dt.date:
        return value
    raw = text(value)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError([Violation.of("forms.invalid_date")]) from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {member.value: member for member in cls}
    choices = [str(member.value) for member in cls]

    def structure(value: object, _: object = None) -> enum.Enum:
        found = by_value.get(value) if type(value) is str else None
        if found is not None:
            return found
        if isinstance(value, cls):
            return value
        if type(value) is str:
            value = value.strip()
            if not value:
                raise required()
        elif value is None:
            raise required()
        try:
            return by_value[value]
        except (KeyError, TypeError):
            raise ValidationError([Violation.of("forms.invalid_choice", choices=choices)]) from None

    return structure


def _optional_text(value: object, _: object = None) -> str | None:
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    raise wrong_type("string", value)


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


def _build(*, detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)
    conv.register_structure_hook(str, lambda v, _: text(v))
    conv.register_structure_hook(int, _integer)
    conv.register_structure_hook(bool, _boolean)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    for kind_type, kind in KINDS.items():
        conv.register_structure_hook(kind_type, _kind_hook(kind.parse))
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

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
            return inner(value, tp)

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
        inner: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
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
