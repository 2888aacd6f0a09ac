"""The fast path of :func:`~sportello.forms.load`: record hooks generated as straight-line code.

For a valid document the fast converter's hook of a record is one generated function: the
nested records (alone, optional or in a list) are built inline, and the commonest field hooks
are inlined as their first branch (a stripped string, a boolean, an enum value, an ISO date, a
kind's ``parse``). Whatever the inlined branch does not take goes to the very hook cattrs would
call, so the record and the refusals are the same as the detailed converter's.

The fast path stops at the first fault, and it refuses a document in exactly two ways
(:data:`REFUSALS`): a field's hook or kind refuses its value
(:class:`~sportello.ValidationError`), or the document's shape is wrong (:class:`Refused`: a
required key missing, a key the record does not have). :func:`~sportello.forms.load` then
structures again with the detailed converter, collecting every fault. Any other exception is
a defect of the code and reaches the caller: a broken fast path cannot hide behind the slow one.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs

from sportello._violations import ValidationError
from sportello.forms._converter import (
    ISO_DATE,
    _is_homogeneous_tuple,
    field_hook,
    is_optional,
    optional_inner,
    text_limit,
)
from sportello.forms._fields import KINDS, required, rule_of, wrong_type

__all__ = ["REFUSALS", "Refused", "fast_record_hook"]

#: How deep nested records are inlined (the forms nest two levels at most).
_MAX_DEPTH = 4
_EMPTY = "v is None or (type(v) is str and not v.strip())"
#: What ``dict.get`` returns for a key the document does not have.
_ABSENT = object()


class Refused(Exception):  # noqa: N818 - a verdict on the document, not an error of the code
    """The fast path does not take the document's shape: a required key is missing, or a key
    is not a field of the record (the detailed converter reports which, with every other fault).

    >>> Refused.missing(Refused, "nome")
    Refused('Refused: required key missing: nome')
    """

    @classmethod
    def missing(cls, record: type, key: str) -> Refused:
        """A required key absent from a record's object."""
        return cls(f"{record.__name__}: required key missing: {key}")

    @classmethod
    def unknown(cls, record: type, keys: set[str]) -> Refused:
        """Keys of a record's object that are not its fields."""
        return cls(f"{record.__name__}: unknown keys: {sorted(keys)}")


#: What the fast path raises for a document it does not take, and nothing else.
REFUSALS = (ValidationError, Refused)


def _handled(cls: type) -> bool:
    """Whether every field of ``cls`` is an ``__init__`` argument of its own name, no factory."""
    attrs.resolve_types(cls)
    return all(
        f.init and f.alias == f.name and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        for f in attrs.fields(cls)
    )


def _plain_init(cls: type) -> bool:
    """Whether the ``__init__`` of ``cls`` only stores its arguments in the slots.

    True for a slotted attrs class whose ``__init__`` attrs wrote, with no validator, no
    converter and no ``__attrs_pre_init__``/``__attrs_post_init__``: setting each slot is then
    all that building a record takes (what the generated ``__init__`` itself does).
    """
    init = getattr(cls.__dict__.get("__init__"), "__code__", None)
    return (
        init is not None
        and init.co_filename.startswith("<attrs generated")
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and not any("__attrs_cached_hash__" in getattr(k, "__slots__", ()) for k in cls.__mro__)
        and all(
            f.validator is None and f.converter is None and _slot(cls, f.name) is not None
            for f in attrs.fields(cls)
        )
    )


def _slot(cls: type, name: str) -> Any:
    """The slot descriptor of attribute ``name`` of ``cls`` (its own or a base's), else ``None``.

    A subclass's fields inherited from a slotted base live in the base's slots.
    """
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            return found if isinstance(found, types.MemberDescriptorType) else None
    return None  # pragma: no cover - an attrs field always has a slot or a class attribute


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def _not_object(value: object) -> None:
    """Raise the error of a record given something other than a JSON object."""
    if value is None:
        raise required()
    raise wrong_type("object", value)


class _Generator:
    """Writes the code of one record hook; ``ns`` collects the objects the code refers to."""

    def __init__(self, conv: cattrs.Converter) -> None:
        self.conv = conv
        self.counter = itertools.count()
        self.ns: dict[str, Any] = {
            "refused": Refused,
            "iso": dt.date.fromisoformat,
            "isodate": ISO_DATE.fullmatch,  # what is_iso_date asks, without its call
            "Mapping": Mapping,
            "absent": _ABSENT,
            "new": object.__new__,
            "not_object": _not_object,
        }

    def record(self, cls: type, src: str, dst: str, seen: tuple[type, ...]) -> list[str]:
        """Lines that build ``cls`` from the mapping ``src`` into the variable ``dst``."""
        k = next(self.counter)
        fields = attrs.fields(cls)
        self.ns[f"c{k}"] = cls
        self.ns[f"k{k}"] = frozenset(f.name for f in fields)
        required = sum(f.default is attrs.NOTHING for f in fields)
        lines = [f"o{k} = {src}", f"n{k} = {required}"]
        for f in fields:
            key = f"{k}_{f.name}"
            body = self.field(key, f, (*seen, cls))
            if f.default is attrs.NOTHING:  # a missing key is the document's fault only
                lines += [
                    "try:",
                    f"    v = o{k}[{f.name!r}]",
                    "except KeyError:",
                    f"    raise refused.missing(c{k}, {f.name!r}) from None",
                    *body,
                ]
            else:
                self.ns[f"d_{key}"] = f.default
                lines += [f"v = o{k}.get({f.name!r}, absent)", "if v is not absent:"]
                lines += [f"    n{k} += 1", *_indent(body), "else:", f"    a_{key} = d_{key}"]
        # every key read was a field: any other key makes the document longer (cattrs refuses it)
        lines += [f"if len(o{k}) != n{k}:", f"    raise refused.unknown(c{k}, set(o{k}) - k{k})"]
        if not _plain_init(cls):
            args = ", ".join(f"{f.name}=a_{k}_{f.name}" for f in fields)
            return [*lines, f"{dst} = c{k}({args})"]
        lines.append(f"r{k} = new(c{k})")
        for f in fields:  # what attrs' own __init__ does, through the slots themselves
            self.ns[f"s{k}_{f.name}"] = _slot(cls, f.name).__set__
            lines.append(f"s{k}_{f.name}(r{k}, a_{k}_{f.name})")
        return [*lines, f"{dst} = r{k}"]

    def _inlined(self, tp: Any, seen: tuple[type, ...]) -> type | None:
        """The record class to build inline for a field of type ``tp`` (``None``: no record)."""
        if not (isinstance(tp, type) and attrs.has(tp)):
            return None
        if tp in seen or len(seen) >= _MAX_DEPTH or not _handled(tp):
            return None
        return tp

    def field(self, key: str, f: attrs.Attribute[Any], seen: tuple[type, ...]) -> list[str]:
        """Lines that set ``a_<key>`` from the raw value ``v`` of the field ``f``."""
        tp = f.type
        self.ns[f"h_{key}"] = field_hook(f) or self.conv.get_structure_hook(tp)
        self.ns[f"t_{key}"] = tp
        hook = f"a_{key} = h_{key}(v, t_{key})"
        inner = optional_inner(tp) if is_optional(tp) else None
        record = self._inlined(inner if inner is not None else tp, seen)
        if record is not None:  # a record, or an optional one: a JSON object is built here
            nested = self.record(record, "v", f"a_{key}", seen)
            return ["if type(v) is dict:", *_indent(nested), "else:", f"    {hook}"]
        if _is_homogeneous_tuple(tp):  # a JSON array: its items one by one
            item_type = typing.get_args(tp)[0]
            self.ns[f"i_{key}"] = self.conv.get_structure_hook(item_type)
            self.ns[f"it_{key}"] = item_type
            item = f"i_{key}(x_{key}, it_{key})"
            record = self._inlined(item_type, seen)
            if isinstance(item_type, type) and issubclass(item_type, enum.Enum):
                self.ns[f"m_{key}"] = {member.value: member for member in item_type}
                x = f"x_{key}"  # an enum value, as in :meth:`value`; any other to the hook
                item = f"f if type({x}) is str and (f := m_{key}.get({x})) is not None else {item}"
            if record is None:
                loop = [f"a_{key} = tuple([{item} for x_{key} in v])"]
            else:
                nested = self.record(record, f"x_{key}", f"r_{key}", seen)
                loop = [
                    f"l_{key} = []",
                    f"for x_{key} in v:",
                    f"    if type(x_{key}) is dict:",
                    *_indent(_indent(nested)),
                    f"        l_{key}.append(r_{key})",
                    "    else:",
                    f"        l_{key}.append({item})",
                    f"a_{key} = tuple(l_{key})",
                ]
            return ["if type(v) is list:", *_indent(loop), "else:", f"    {hook}"]
        if dt.date in (tp, inner):  # a bad date goes to the hook, which refuses it properly
            return [
                "if type(v) is str and isodate(v):",
                "    try:",
                f"        a_{key} = iso(v)",
                "    except ValueError:",
                f"        {hook}",
                "else:",
                f"    {hook}",
            ]
        return [f"a_{key} = {self.value(key, tp, inner, text_limit(f))}"]

    def value(self, key: str, tp: Any, inner: Any, limit: int) -> str:
        """The expression of a plain field: each inlined case is the first branch of its hook.

        A text is taken inline only within its field's ``limit``; a longer one goes to the
        hook, which refuses it with ``forms.too_long``.
        """
        hook = f"h_{key}(v, t_{key})"
        kind = KINDS.get(tp) or KINDS.get(inner)
        enum_type = inner if inner is not None else tp
        if tp is str:
            expr = f"s if type(v) is str and (s := v.strip()) and len(s) <= {limit} else {hook}"
        elif inner is str:
            expr = f"(v.strip() or None) if type(v) is str and len(v) <= {limit} else {hook}"
        elif tp is bool:
            expr = f"v if type(v) is bool else {hook}"
        elif kind is not None:  # all a kind's hook does is call its ``parse``
            self.ns[f"p_{key}"] = kind.parse
            expr = f"p_{key}(v)"
            rule = rule_of(kind.parse)
            if rule is not None:  # ``parse`` strips a string and hands it to ``rule``
                self.ns[f"u_{key}"] = rule
                if inner is not None:  # the optional hook: ``None`` or blank is ``None``
                    expr = f"None if v is None or type(v) is str else {expr}"
                expr = f"u_{key}(s) if type(v) is str and (s := v.strip()) else {expr}"
            elif inner is not None:
                expr = f"None if {_EMPTY} else {expr}"
        elif isinstance(enum_type, type) and issubclass(enum_type, enum.Enum):
            self.ns[f"m_{key}"] = {member.value: member for member in enum_type}
            expr = f"f if type(v) is str and (f := m_{key}.get(v)) is not None else {hook}"
        else:
            expr = hook
        return expr


def fast_record_hook(
    conv: cattrs.Converter, cls: type
) -> Callable[[object, object], object] | None:
    """The fast converter's structure hook of ``cls``, or ``None`` for a class it cannot write.

    It accepts exactly what cattrs' generated hook accepts (the same field hooks, the same
    refusal of unknown keys and of missing required keys) and returns an equal record; it
    refuses with :data:`REFUSALS` only. ``None`` for a class with a field that has a factory
    default, no ``__init__`` argument or an alias.
    """
    if not _handled(cls):
        return None
    gen = _Generator(conv)
    body = gen.record(cls, "o", "found", ())
    lines = [
        "def structure(o, _=None):",
        "    if type(o) is not dict and not isinstance(o, Mapping):",
        "        not_object(o)",
        *_indent(body),
        "    return found",
    ]
    name = f"<sportello fast structure {cls.__qualname__}>"
    exec(compile("\n".join(lines), name, "exec"), gen.ns)  # noqa: S102 - code of field names
    found: Callable[[object, object], object] = gen.ns["structure"]
    return found
