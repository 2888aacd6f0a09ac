"""Meter readings typed by a person: Italian digit grouping, no decimals (RD-2 input).

The portal shows a gas reading of forty-five thousand cubic metres as ``45.000``: the dot is the
Italian thousands separator, not a decimal point. :func:`parse_lettura` turns such text into an
``int`` and refuses anything that could be read two ways.

>>> parse_lettura("45.000")
45000
>>> parse_lettura("1 234 567")
1234567
>>> parse_lettura("45,5")
Traceback (most recent call last):
...
sportello._violations.ValidationError: lettura: La lettura è un numero intero: la virgola ...
"""

from __future__ import annotations

import re

from sportello._violations import ValidationError, Violation

__all__ = ["GROUP_SEPARATORS", "MAX_CIFRE", "MIN_CIFRE", "parse_lettura"]

#: Characters accepted between groups of three digits: dot, space, no-break spaces, apostrophes.
GROUP_SEPARATORS = frozenset(".\u0020\u00a0\u202f\u0027\u2019")

#: The fewest and the most digits a meter shows (``Contatore.cifre``); a typed reading with
#: more than :data:`MAX_CIFRE` digits is refused before it is turned into a number.
MIN_CIFRE = 1
MAX_CIFRE = 15

_DIGITS = re.compile(r"[0-9]+")
_ASCII_DIGITS = frozenset("0123456789")


def parse_lettura(text: str, *, path: str = "lettura") -> int:
    """The whole number a person typed as a meter reading (RD-2), or raise.

    Accepted: plain digits (``45000``, leading zeros as on the meter: ``00123``), or digits
    grouped by threes with ONE kind of separator: dot (``45.000``), space or no-break space
    (``45 000``), apostrophe (``45'000``). The first group has 1 to 3 digits, every other group
    exactly 3. Surrounding blanks are ignored.

    Refused, each with its own code: empty text (``readings.input_empty``); a comma, because in
    Italian it is the decimal separator and readings are whole numbers
    (``readings.decimal_not_allowed``); a minus sign (``readings.negative``); a grouping that is
    not by threes, such as ``45.00`` or ``4.5.000``, or mixed separators (``readings.ambiguous``);
    anything else (``readings.not_a_number``); more than :data:`MAX_CIFRE` digits, more than
    any meter shows (``readings.input_too_long``, checked before the text becomes a number);
    a value that is not a ``str`` at all (``readings.not_text``).

    Args:
        text: what the person typed.
        path: the field path of the violations.

    Returns:
        The reading as an ``int``.

    Raises:
        ValidationError: with exactly one violation saying why the text is refused.

    >>> parse_lettura(" 00123 ")
    123
    >>> parse_lettura("45.00")
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: lettura: La lettura «45.00» è ambigua: ...
    """
    if not isinstance(text, str):
        raise ValidationError(
            [Violation.of("readings.not_text", path=path, type=type(text).__name__)]
        )
    stripped = text.strip()
    if sum(c in _ASCII_DIGITS for c in stripped) > MAX_CIFRE:
        raise ValidationError([Violation.of("readings.input_too_long", path=path, max=MAX_CIFRE)])
    value = _value(stripped)
    if value is None:
        raise ValidationError([_problem(stripped, path)])
    return value


def _value(text: str) -> int | None:
    stripped = text.strip()
    if _DIGITS.fullmatch(stripped):
        return int(stripped)
    separators = {c for c in stripped if not c.isascii() or not c.isdigit()}
    if len(separators) != 1 or not separators <= GROUP_SEPARATORS:
        return None
    (sep,) = separators
    groups = stripped.split(sep)
    first, rest = groups[0], groups[1:]
    if not (_DIGITS.fullmatch(first) and 1 <= len(first) <= 3):
        return None
    if not all(_DIGITS.fullmatch(g) and len(g) == 3 for g in rest):
        return None
    return int("".join(groups))


def _problem(stripped: str, path: str) -> Violation:
    if not stripped:
        return Violation.of("readings.input_empty", path=path)
    if "," in stripped:
        return Violation.of("readings.decimal_not_allowed", path=path, value=stripped)
    if stripped.startswith("-"):
        return Violation.of("readings.negative", path=path, value=stripped)
    if all((c.isascii() and c.isdigit()) or c in GROUP_SEPARATORS for c in stripped):
        return Violation.of("readings.ambiguous", path=path, value=stripped)
    return Violation.of("readings.not_a_number", path=path, value=stripped)
