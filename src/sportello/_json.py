"""Safe JSON decoding, the one set of rules for every JSON that sportello reads from outside.

The sandbox decodes every request body with :func:`loads`, and ``sportello validate`` every
file, so both refuse the same documents, each with one violation (never an exception of the
standard library, never a crash):

- ``api.invalid_json``: not JSON (syntax, not UTF-8), with ``line``, ``column``, ``reason``;
- ``api.json_too_deep``: arrays and objects nested more than :data:`MAX_DEPTH` levels (the
  standard decoder would recurse until ``RecursionError``);
- ``api.json_number_too_long``: a number literal of more than :data:`MAX_NUMBER_CHARS`
  characters (an integer of thousands of digits costs quadratic time to convert, and past 4,300
  digits Python refuses it with a ``ValueError``);
- ``api.json_number_out_of_range``: ``NaN``, ``Infinity`` (not JSON) or a number too large for a
  float (``1e400``);
- ``api.json_lone_surrogate``: a ``\\ud800`` escape without its pair (no UTF-8 text can hold it:
  storing or answering it would fail later);
- ``api.json_duplicate_key``: the same key twice in one object (decoders disagree on which one
  wins, so a document could mean one thing to a proxy and another to the sandbox).

A leading UTF-8 byte-order mark is ignored (RFC 8259 allows it); bytes are decoded as UTF-8.

>>> loads(b'{"a": [1, 2.5, "\\\\u00e8"]}')
{'a': [1, 2.5, 'è']}
>>> try:
...     loads('{"a": 1, "a": 2}')
... except ValidationError as err:
...     print(err.violations[0].code, err.violations[0].params["chiave"])
api.json_duplicate_key a
>>> try:
...     loads("[" * 100_000)
... except ValidationError as err:
...     print(err.violations[0].message("en"))
The JSON document is nested deeper than 64 levels.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from typing import Any

from sportello._violations import ValidationError, Violation

__all__ = ["MAX_DEPTH", "MAX_NUMBER_CHARS", "loads"]

#: The deepest nesting of arrays and objects accepted (``{}`` is 1, ``[{}]`` is 2).
MAX_DEPTH = 64

#: The longest number literal accepted, in characters (sign, dot and exponent included).
MAX_NUMBER_CHARS = 100

#: The longest key quoted back in ``api.json_duplicate_key`` (longer keys are cut).
_KEY_SHOWN = 60

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(Exception):  # noqa: N818 - an internal signal, turned into a ValidationError
    """Raised from the decoder's hooks to stop decoding with one violation."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.code)
        self.violation = violation


def _depth_of(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (brackets inside strings ignored)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any string or key of ``value``, as hex, else ``None``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found is not None:
                return f"{ord(found.group(0)):04X}"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _invalid(line: int, column: int, reason: str) -> ValidationError:
    return ValidationError(
        [Violation.of("api.invalid_json", line=line, column=column, reason=reason)]
    )


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _invalid(line, column, "not UTF-8") from None


def loads(
    document: str | bytes,
    *,
    max_depth: int = MAX_DEPTH,
    max_number_chars: int = MAX_NUMBER_CHARS,
) -> Any:
    """The value of the JSON ``document``, or one violation raised as ``ValidationError``.

    Args:
        document: the JSON text, or its UTF-8 bytes.
        max_depth: the deepest nesting of arrays and objects accepted.
        max_number_chars: the longest number literal accepted.

    Raises:
        ValidationError: one violation, ``api.invalid_json`` or one of the ``api.json_*``
            codes of the module's docstring.
    """
    text = _decode(document) if isinstance(document, bytes | bytearray) else document
    text = text.removeprefix("\ufeff")
    if text.count("[") + text.count("{") > max_depth and _depth_of(text) > max_depth:
        raise ValidationError([Violation.of("api.json_too_deep", max_depth=max_depth)])

    def number(literal: str) -> None:
        if len(literal) > max_number_chars:
            raise _Refused(Violation.of("api.json_number_too_long", max_chars=max_number_chars))

    def integer(literal: str) -> int:
        number(literal)
        return int(literal)

    def real(literal: str) -> float:
        number(literal)
        value = float(literal)
        if not math.isfinite(value):
            raise _Refused(Violation.of("api.json_number_out_of_range"))
        return value

    def constant(_: str) -> None:
        raise _Refused(Violation.of("api.json_number_out_of_range"))

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            seen: set[str] = set()
            for key, _ in items:  # pragma: no branch - a key repeats, by the length test
                if key in seen:
                    shown = key if len(key) <= _KEY_SHOWN else key[:_KEY_SHOWN] + "…"
                    shown = shown.encode("utf-8", "backslashreplace").decode("utf-8")
                    raise _Refused(Violation.of("api.json_duplicate_key", chiave=shown))
                seen.add(key)
        return found

    try:
        value = json.loads(
            text,
            parse_int=integer,
            parse_float=real,
            parse_constant=constant,
            object_pairs_hook=pairs,
        )
    except _Refused as refused:
        raise ValidationError([refused.violation]) from None
    except json.JSONDecodeError as exc:
        raise _invalid(exc.lineno, exc.colno, exc.msg) from None
    except RecursionError:  # pragma: no cover - the depth is checked first
        raise ValidationError([Violation.of("api.json_too_deep", max_depth=max_depth)]) from None
    if _SURROGATE_ESCAPE.search(text) is not None:
        lone = _lone_surrogate(value)
        if lone is not None:
            raise ValidationError([Violation.of("api.json_lone_surrogate", codice=lone)])
    return value
