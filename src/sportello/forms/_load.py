"""``load`` and ``dump``: JSON documents to frozen form records and back, every fault at once.

:func:`load` structures the document with the forms' cattrs converter (strict types, values
normalised by the rules), then runs the cross-field rules of every record. When structuring
fails, the cross-field rules still run on the fields that did structure, so one call reports
the structural faults and the rule violations together; a rule that needs a field that is
missing or broken is skipped (that field already has its own violation).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
from cattrs.errors import BaseValidationError

from sportello._messages import DEFAULT_LANG, Lang
from sportello._violations import ValidationError, Violation
from sportello.forms._converter import converter, fast_converter, is_optional, optional_inner
from sportello.forms._errors import violations_of
from sportello.forms._fast import REFUSALS
from sportello.forms._fields import json_type
from sportello.forms._registry import Check, RecordInfo, checks_of, record_info
from sportello.forms._today import as_of

__all__ = ["FormError", "dump", "load", "resolved_fields"]

T = TypeVar("T")


class FormError(ValidationError):
    """A :class:`~sportello.ValidationError` raised by :func:`load`, shown in ``lang``.

    It is a ``ValidationError`` in every way (``violations``, ``codes``, ``messages``); only
    ``str()`` uses the language given to :func:`load` instead of Italian.
    """

    lang: Lang

    def __init__(self, violations: Any, *, lang: Lang = DEFAULT_LANG) -> None:
        super().__init__(violations)
        self.lang = lang

    def __str__(self) -> str:
        return "\n".join(self.messages(self.lang))


@functools.cache
def resolved_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``cls`` with their annotations resolved to types."""
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def _nested_kind(tp: Any) -> str:
    """``"record"``, ``"records"`` (a tuple of records) or ``""`` for any other field type."""
    if is_optional(tp):
        tp = optional_inner(tp)
    if attrs.has(tp):
        return "record"
    args = getattr(tp, "__args__", ())
    if getattr(tp, "__origin__", None) is tuple and args and attrs.has(args[0]):
        return "records"
    return ""


def _has_checks(cls: type, seen: frozenset[type] = frozenset()) -> bool:
    """Whether ``cls`` or any record it holds has a cross-field check."""
    if checks_of(cls):
        return True
    return any(
        _has_checks(inner, seen | {cls})
        for f in resolved_fields(cls)
        if (inner := _record_type_of(f.type)) is not None and inner not in seen
    )


def _record_type_of(tp: Any) -> type | None:
    """The record class a field holds (alone, optional, or in a tuple), else ``None``."""
    if is_optional(tp):
        tp = optional_inner(tp)
    args = getattr(tp, "__args__", ())
    if getattr(tp, "__origin__", None) is tuple and args:
        tp = args[0]
    return tp if attrs.has(tp) else None


@functools.cache
def _plan(cls: type) -> tuple[tuple[Check, ...], tuple[tuple[str, str], ...]]:
    """The checks of ``cls`` and its fields holding records with checks, computed once."""
    nested = tuple(
        (f.name, kind)
        for f in resolved_fields(cls)
        if (kind := _nested_kind(f.type)) and _has_checks(_record_type_of(f.type) or object)
    )
    return checks_of(cls), nested


class _Unknown(Exception):  # noqa: N818 - an internal signal, never raised to the caller
    """A check read a field that did not structure: the check is skipped."""


class _Partial:
    """A stand-in for a record whose structuring failed: the fields that did structure."""

    def __init__(self, cls: type, values: Mapping[str, Any]) -> None:
        self.__cls = cls
        self.__values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__values[name]
        except KeyError:
            raise _Unknown(name) from None

    @property
    def record_class(self) -> type:
        """The class this stands in for."""
        return self.__cls


def _record_type(tp: Any) -> type | None:
    inner = optional_inner(tp) if is_optional(tp) else tp
    return inner if attrs.has(inner) else None


def _partial_value(tp: Any, raw: Any) -> Any:
    """``raw`` structured as ``tp``; a record that fails becomes a :class:`_Partial` of it."""
    try:
        return converter().structure(raw, tp)
    except (BaseValidationError, ValidationError, KeyError):
        record_cls = _record_type(tp)
        if record_cls is not None and isinstance(raw, Mapping):
            return _partial(record_cls, raw)
        args = getattr(tp, "__args__", ())
        if getattr(tp, "__origin__", None) is tuple and args and isinstance(raw, list | tuple):
            items = []
            for item in raw:
                try:
                    items.append(_partial_value(args[0], item))
                except _Unknown:
                    items.append(_Partial(object, {}))
            return tuple(items)
        raise _Unknown(tp) from None


def _partial(cls: type, data: Mapping[str, Any]) -> _Partial:
    """What of ``data`` structures as ``cls``, field by field (nested records likewise)."""
    values: dict[str, Any] = {}
    for f in resolved_fields(cls):
        if f.name in data:
            try:
                values[f.name] = _partial_value(f.type, data[f.name])
            except _Unknown:
                continue
        elif f.default is not attrs.NOTHING:
            values[f.name] = f.default  # the forms' defaults are plain values, no factories
    return _Partial(cls, values)


def _class_of(obj: Any) -> type:
    return obj.record_class if isinstance(obj, _Partial) else type(obj)


def run_checks(obj: Any, *, cls: type, path: str = "") -> list[Violation]:
    """Every cross-field violation of ``obj`` and of the records it holds."""
    found = _checks(obj, cls)
    return [v.at(path) for v in found] if path and found else found


@functools.cache
def _runner(cls: type) -> Callable[[Any], list[Violation]]:
    """:func:`run_checks` of a record that structured whole, generated once per class.

    A record that structured holds only real records (each of its field's declared class), so
    every check and nested record is known in advance: the runner is straight-line code that
    calls each check and builds a path only for a violation.
    """
    ns: dict[str, Any] = {}
    lines = ["def run(o0):", "    found = []"]
    counter = itertools.count(1)

    def emit(cls: type, var: str, at: str, pad: str) -> None:
        """Lines adding the violations of record ``var`` to ``found``, each moved by ``at``."""
        checks, nested = _plan(cls)
        for fn in checks:  # a check usually finds nothing: no list is built, nothing moved
            ns[key := f"c{next(counter)}"] = fn
            moved = "r" if at == "v" else f"[{at} for v in r]"
            lines.extend([f"{pad}r = {key}({var})", f"{pad}if r:", f"{pad}    found += {moved}"])
        types = {f.name: _record_type_of(f.type) for f in resolved_fields(cls)}
        for name, kind in nested:
            inner_cls, k = types[name], next(counter)
            if inner_cls is None:  # pragma: no cover - _plan lists record fields only
                continue
            if kind == "record":
                lines.extend([f"{pad}x{k} = {var}.{name}", f"{pad}if x{k} is not None:"])
                step = f"v.at({name!r})"
            else:
                lines.append(f"{pad}for i{k}, x{k} in enumerate({var}.{name} or ()):")
                step = f"v.at(i{k}).at({name!r})"
            # the inner record's path first, then the outer ones: ``at`` starts with ``v``
            emit(inner_cls, f"x{k}", step + at[1:], pad + "    ")

    emit(cls, "o0", "v", "    ")
    lines.append("    return found")
    code = compile("\n".join(lines), f"<sportello checks {cls.__qualname__}>", "exec")
    exec(code, ns)  # noqa: S102 - code of field names and the registered checks
    run: Callable[[Any], list[Violation]] = ns["run"]
    return run


def _checks(obj: Any, cls: type) -> list[Violation]:
    """:func:`run_checks` with paths relative to ``obj``: a path is built only for a violation."""
    found: list[Violation] = []
    checks, nested = _plan(cls)
    for fn in checks:
        try:
            found.extend(fn(obj))
        except _Unknown:
            continue
    for name, kind in nested:
        try:
            value = getattr(obj, name)
        except _Unknown:
            continue
        if value is None:
            continue
        if kind == "record":
            if inner := _checks(value, _class_of(value)):
                found += (v.at(name) for v in inner)
            continue
        for i, item in enumerate(value):
            if type(item) is _Partial:
                item_cls = item.record_class
                if not attrs.has(item_cls):
                    continue
            else:
                item_cls = type(item)
            if inner := _checks(item, item_cls):
                found += (v.at(i).at(name) for v in inner)
    return found


#: The codes of a mandatory field left empty: they take the form's required-field rule.
REQUIRED_CODES = frozenset({"forms.required", "forms.nome_or_ragione_sociale"})


def _with_rule(found: list[Violation], required_rule: str) -> list[Violation]:
    return [attrs.evolve(v, rule=required_rule) if v.code in REQUIRED_CODES else v for v in found]


def _structure_all(form_cls: type[T], data: Mapping[str, Any], info: RecordInfo, lang: Lang) -> T:
    """Structure with cattrs' detailed validation; on faults raise with every violation.

    The cross-field rules run too, on the fields that did structure (see :func:`_partial`).
    """
    try:
        found: T = converter().structure(data, form_cls)
    except BaseValidationError as exc:
        problems = list(
            violations_of(exc, required_rule=info.required_rule, unknown_code=info.unknown_code)
        )
        partial = _partial(form_cls, data)
        problems += _with_rule(run_checks(partial, cls=form_cls), info.required_rule)
        raise FormError(problems, lang=lang) from None
    return found


@functools.cache
def _fast_hook(cls: Any) -> Callable[[Any, Any], Any]:
    """The fast converter's structure hook of ``cls``, looked up once."""
    return fast_converter().get_structure_hook(cls)


def load(
    form_cls: type[T], data: object, *, lang: Lang = DEFAULT_LANG, today: dt.date | None = None
) -> T:
    """The form record that ``data`` (a decoded JSON object) describes, or raise.

    Args:
        form_cls: a form class (see :data:`~sportello.forms.FORMS`).
        data: the document: a mapping of field names to JSON values.
        lang: the language of the raised error's ``str()`` (violations carry both).
        today: the date the rules take for today (SH-3's 40 days, no future dates); default
            the date in Italy. The sandbox passes its clock's.

    Raises:
        FormError: a :class:`~sportello.ValidationError` with EVERY violation: structural
            faults (``forms.required``, ``forms.unknown_field``, ``forms.wrong_type``, ...),
            the field rules (identifiers, e-mail, phone, ...) and the cross-field rules.

    >>> from sportello.forms import RecuperoPassword
    >>> load(RecuperoPassword, {"codice_cliente": " 005007 "})
    RecuperoPassword(codice_cliente='005007')
    >>> load(RecuperoPassword, {"codice": "005007"}, lang="en")
    Traceback (most recent call last):
    ...
    sportello.forms._load.FormError: codice_cliente: This field is required.
    codice: The field "codice" is not part of this form.
    """
    if type(data) is not dict and not isinstance(data, Mapping):
        raise FormError([Violation.of("forms.not_object", type=json_type(data))], lang=lang)
    record_cls: type = form_cls  # a class is hashable: the caches key on it
    try:
        instance: T = _fast_hook(record_cls)(data, form_cls)
    except REFUSALS:  # a fault of the document: structure again, collecting every one
        instance = _structure_all(form_cls, data, record_info(form_cls), lang)
    if today is None:
        problems = _runner(record_cls)(instance)
    else:
        with as_of(today):
            problems = _runner(record_cls)(instance)
    if problems:
        raise FormError(_with_rule(problems, record_info(form_cls).required_rule), lang=lang)
    return instance


def dump(instance: object) -> dict[str, Any]:
    """The JSON-ready document of a form record: dates in ISO, enums by value, lists as lists.

    Empty optional fields are left out; ``load(type(x), dump(x)) == x``.

    >>> from sportello.forms import RecuperoPassword
    >>> dump(RecuperoPassword(codice_cliente="005007"))
    {'codice_cliente': '005007'}
    """
    found: dict[str, Any] = converter().unstructure(instance)
    return found
