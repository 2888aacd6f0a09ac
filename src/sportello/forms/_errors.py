"""From cattrs' exception groups to violations with dotted paths (after ``cattrs.transform_error``).

Every leaf of the tree becomes one or more :class:`~sportello.Violation`: a missing key is
``forms.required``, an extra key ``forms.unknown_field`` (or the form's own code), and a
:class:`~sportello.ValidationError` raised by a value kind keeps its violations. Any other
exception is a defect of the code, not of the document, and is raised again as it is.
Paths are built from cattrs' notes: attribute names joined by dots, list indexes in brackets
(``allegati[2].nome``).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from sportello._violations import ValidationError, Violation

__all__ = ["join", "violations_of"]


def join(path: str, name: str | int) -> str:
    """``path`` one level deeper: ``join("a", "b") == "a.b"``, ``join("a", 2) == "a[2]"``.

    >>> join("", "delegato"), join("delegato", "nome"), join("allegati", 2)
    ('delegato', 'delegato.nome', 'allegati[2]')
    """
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


def _leaf(exc: BaseException, path: str, required_rule: str, unknown_code: str) -> list[Violation]:
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Violation.of(unknown_code, path=join(path, key), field=key)
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, ValidationError):
        found = []
        for v in exc.violations:
            one = v.at(path) if path else v
            if one.code == "forms.required":
                one = attrs.evolve(one, rule=required_rule)
            found.append(one)
        return found
    if isinstance(exc, KeyError):
        return [Violation.of("forms.required", path=path, rule=required_rule)]
    # Not a fault of the document: a defect of the code. Never hide it as a violation.
    raise exc


def violations_of(
    exc: BaseException,
    *,
    path: str = "",
    required_rule: str = "",
    unknown_code: str = "forms.unknown_field",
) -> Iterator[Violation]:
    """Every violation that ``exc`` (a cattrs error group or a single error) stands for."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from violations_of(sub, path=join(path, note.name), required_rule=required_rule)
        for sub in without:
            yield from violations_of(
                sub, path=path, required_rule=required_rule, unknown_code=unknown_code
            )
    elif isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from violations_of(
                sub, path=join(path, index_note.index), required_rule=required_rule
            )
        for sub in rest:
            yield from violations_of(sub, path=path, required_rule=required_rule)
    else:
        yield from _leaf(exc, path, required_rule, unknown_code)
