"""Shared helpers of the identifier modules: input checks and stdnum error mapping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sportello._violations import ValidationError, Violation

__all__ = [
    "ensure_str",
    "guarded",
    "is_digits",
    "reason_of",
    "shape_violations",
    "strip_separators",
]

#: stdnum exception class name -> our violation reason.
_REASONS = {
    "InvalidLength": "invalid_length",
    "InvalidFormat": "invalid_format",
    "InvalidChecksum": "invalid_checksum",
    "InvalidComponent": "invalid_component",
}

_SEPARATORS = str.maketrans("", "", " -.:/\t\n\r")
_ASCII_DIGITS = frozenset("0123456789")


def ensure_str(value: object) -> str:
    """``value`` itself when it is a ``str``; otherwise raise ``identifiers.not_a_string``."""
    if isinstance(value, str):
        return value
    raise ValidationError([Violation.of("identifiers.not_a_string", type=type(value).__name__)])


def strip_separators(value: str) -> str:
    """``value`` without spaces, dashes, dots, colons and slashes, in upper case."""
    return value.translate(_SEPARATORS).upper()


def reason_of(exc: Exception) -> str:
    """The violation reason (``invalid_length``, ...) matching a stdnum exception."""
    for klass in type(exc).__mro__:
        found = _REASONS.get(klass.__name__)
        if found is not None:
            return found
    return "invalid_format"


def is_digits(value: str) -> bool:
    """Whether ``value`` is made of ASCII digits only (``str.isdigit`` takes any script)."""
    return bool(value) and _ASCII_DIGITS.issuperset(value)


def shape_violations(family: str, number: str, *, length: int, **params: Any) -> list[Violation]:
    """Violations of an all-digit code of ``length`` digits: wrong characters, wrong length."""
    found = []
    if not is_digits(number):
        found.append(Violation.of(f"{family}.invalid_format"))
    if len(number) != length:
        found.append(Violation.of(f"{family}.invalid_length", length=len(number), **params))
    return found


def guarded(check: Callable[[str], Any], value: object) -> bool:
    """``bool(check(value))`` for a ``str`` value; ``False`` for anything else or on error."""
    if not isinstance(value, str):
        return False
    try:
        return bool(check(value))
    except (ValueError, TypeError, KeyError, IndexError):  # ValidationError is a ValueError
        return False
