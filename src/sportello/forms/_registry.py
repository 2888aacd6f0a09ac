"""What the forms declare about themselves: titles, the rule of their required fields, checks.

Three decorators and one helper, used by every form module:

- :func:`form` registers a top-level form under its snake-case name (see :data:`FORMS`);
- :func:`record` gives a nested record its Italian title;
- :func:`check` attaches a cross-field rule (a function returning violations) to a record;
- :func:`info` builds a field's metadata: its Italian title and description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from sportello._violations import Violation

__all__ = [
    "FORMS",
    "Check",
    "FieldInfo",
    "RecordInfo",
    "check",
    "checks_of",
    "field_info",
    "form",
    "info",
    "record",
    "record_info",
]

T = TypeVar("T")

#: A cross-field rule: the record (or a stand-in with the same attributes) -> its violations.
Check = Callable[[Any], Iterable[Violation]]


@attrs.frozen
class FieldInfo:
    """A field's Italian title and description (for JSON Schema and the docs).

    ``max_length`` is the longest text a ``str`` field takes, when not the default
    (:data:`sportello.forms._fields.TEXT_MAX`); it is the field's ``maxLength`` in JSON Schema.
    """

    title: str
    description: str = ""
    max_length: int | None = None


@attrs.frozen
class RecordInfo:
    """A record's Italian title, its form name and how its form reports missing fields.

    Attributes:
        title: the Italian title.
        description: the Italian description (for JSON Schema).
        name: the snake-case form name (``""`` for a nested record).
        required_rule: rule ID of ``forms.required`` for this form (``AU-1``, ``CO-2`` or ``""``).
        unknown_code: the code that refuses a key the form does not know.
    """

    title: str
    name: str = ""
    required_rule: str = ""
    unknown_code: str = "forms.unknown_field"
    description: str = ""


_RECORDS: dict[type, RecordInfo] = {}
_CHECKS: dict[type, list[Check]] = {}
_FORMS: dict[str, type] = {}

#: Every top-level form: snake-case name -> class (``"domanda_conciliazione"``).
FORMS: Mapping[str, type] = _FORMS


def info(title: str, description: str = "", *, max_length: int | None = None) -> dict[str, Any]:
    """A field's metadata: ``attrs.field(metadata=info("Codice fiscale", "..."))``.

    ``max_length`` gives a ``str`` field its own limit in characters instead of the default
    (1,000, :data:`sportello.forms._fields.TEXT_MAX`).
    """
    return {"sportello": FieldInfo(title, description, max_length)}


def field_info(field: attrs.Attribute[Any]) -> FieldInfo:
    """The :class:`FieldInfo` of an attrs field (its name as title when it has none)."""
    found = field.metadata.get("sportello")
    if isinstance(found, FieldInfo):
        return found
    return FieldInfo(field.name.replace("_", " ").capitalize())


def record(title: str, *, description: str = "") -> Callable[[type[T]], type[T]]:
    """Give a nested record its Italian title and description."""

    def register(cls: type[T]) -> type[T]:
        _RECORDS[cls] = RecordInfo(title, description=description)
        return cls

    return register


def form(
    name: str,
    *,
    title: str,
    description: str = "",
    required_rule: str = "",
    unknown_code: str = "forms.unknown_field",
) -> Callable[[type[T]], type[T]]:
    """Register a top-level form under ``name`` in :data:`FORMS`, with its Italian texts."""

    def register(cls: type[T]) -> type[T]:
        _RECORDS[cls] = RecordInfo(title, name, required_rule, unknown_code, description)
        _FORMS[name] = cls
        return cls

    return register


def record_info(cls: type) -> RecordInfo:
    """The :class:`RecordInfo` of a record or form class."""
    return _RECORDS.get(cls) or RecordInfo(cls.__name__)


def check(cls: type) -> Callable[[Check], Check]:
    """Attach a cross-field rule to ``cls``; it runs after the fields are structured."""

    def register(fn: Check) -> Check:
        _CHECKS.setdefault(cls, []).append(fn)
        return fn

    return register


def checks_of(cls: type) -> tuple[Check, ...]:
    """The cross-field rules attached to ``cls``, in declaration order."""
    return tuple(_CHECKS.get(cls, ()))
