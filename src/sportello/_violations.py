"""Violations and the exception tree.

Every rule and form in sportello reports a problem as a :class:`Violation`: data, not text.
A validation that can fail in many places collects every violation and raises once::

    SportelloError                      base of every error sportello raises
     +-- ValidationError(ValueError)    one or more violations of the rules (local or server side)
     |    +-- forms.FormError           a form document that does not load
     +-- client.ApiError                the server answered with an error (sportello.client)
     |    +-- BadRequest                400
     |    +-- Unauthorized              401
     |    +-- Forbidden                 403
     |    |    +-- LegacyAccountError   403 for an account older than 06/10/2017 (AU-3)
     |    +-- NotFound                  404
     |    +-- Conflict                  409
     |    +-- UnprocessableError        422, also a ValidationError
     |    |    +-- PayloadTooLarge      413
     |    |    +-- UnsupportedMediaType 415
     |    +-- RateLimited               429 (retry_after)
     |    +-- ServerError               5xx
     |    +-- TransportError            no answer (connection refused, reset, dropped)
     |         +-- DeadlineExceeded     the call's overall deadline passed
     +-- sandbox.ProblemError           raised inside the sandbox, answered as problem+json

>>> v = Violation.of("password.too_short", path="password", min_length=8, length=5)
>>> v.rule
'PW-1'
>>> v.message()
'La password deve contenere almeno 8 caratteri (ne ha 5).'
>>> v.message("en")
'The password must be at least 8 characters long (it has 5).'
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sportello._messages import DEFAULT_LANG, Lang, render, rule_of

__all__ = ["SportelloError", "ValidationError", "Violation"]


def _freeze(params: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(params or {}))


@attrs.frozen
class Violation:
    """One broken rule: what (``code``), which rule (``rule``), where (``path``), with what values.

    Attributes:
        code: stable machine code, ``family.reason`` (``password.too_short``).
        rule: the catalog rule ID it enforces (``PW-1``), ``""`` for a plain format check.
        path: dotted field path (``delegato.codice_fiscale``, ``allegati[2].nome``),
            ``""`` when none.
        params: the values the message refers to (limits, lengths, dates); a labelled value
            also as ``<name>_en``, its English label (``sportello._messages.labels`` builds both).
    """

    code: str
    rule: str = ""
    path: str = ""
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, hash=False)

    @classmethod
    def of(cls, code: str, *, path: str = "", rule: str | None = None, **params: Any) -> Violation:
        """Build a violation whose rule ID comes from the message catalog unless given."""
        return cls(
            code=code, rule=rule_of(code) if rule is None else rule, path=path, params=params
        )

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The human message, Italian by default (``lang="en"`` for English)."""
        return render(self.code, self.params, lang)

    def at(self, prefix: str | int) -> Violation:
        """The same violation one level deeper: ``at("delegato")`` makes ``delegato.<path>``.

        >>> Violation.of("password.too_short", path="password", min_length=8, length=1).at(
        ...     "utente"
        ... ).path
        'utente.password'
        >>> Violation.of("identifiers.empty", path="nome").at(2).path
        '[2].nome'
        """
        if isinstance(prefix, int):
            head = f"[{prefix}]"
            sep = "" if not self.path or self.path.startswith("[") else "."
        else:
            head = prefix
            sep = "" if not self.path or self.path.startswith("[") else "."
        if not head:
            return self
        return attrs.evolve(self, path=f"{head}{sep}{self.path}" if self.path else head)

    def with_path(self, path: str) -> Violation:
        """The same violation at another ``path`` altogether (``""`` for none).

        >>> Violation.of("identifiers.empty", path="codice_fiscale").with_path("cf").path
        'cf'
        """
        return self if path == self.path else attrs.evolve(self, path=path)

    def relocate(self, old: str, new: str) -> Violation:
        """The violation moved from under ``old`` to under ``new`` (unchanged when not under it).

        ``old`` matches the whole path or a leading part of it that ends at a ``.`` or a
        ``[``: relocating ``cliente`` to ``titolare`` moves ``cliente`` and ``cliente.nome``,
        never ``clientela``. ``old=""`` puts every violation under ``new`` (like :meth:`at`);
        ``new=""`` lifts the violations out of ``old``.

        >>> v = Violation.of("password.too_short", path="password", min_length=8, length=3)
        >>> v.relocate("password", "new_password1").path
        'new_password1'
        >>> Violation.of("forms.required", path="cliente.nome").relocate("cliente", "titolare").path
        'titolare.nome'
        >>> Violation.of("forms.required", path="allegati[2].nome").relocate("allegati[2]", "").path
        'nome'
        >>> Violation.of("forms.required", path="clientela").relocate("cliente", "x").path
        'clientela'
        """
        path = self.path
        if not old:
            rest = path
        elif path == old:
            rest = ""
        elif path.startswith(old) and path[len(old)] in ".[":
            rest = path[len(old) :].removeprefix(".")
        else:
            return self
        if not new:
            return self.with_path(rest)
        if not rest:
            return self.with_path(new)
        return self.with_path(f"{new}{'' if rest.startswith('[') else '.'}{rest}")

    def to_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        """A JSON-ready mapping (as carried in ``application/problem+json`` answers)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "path": self.path,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
            "message": self.message(lang),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class SportelloError(Exception):
    """Base of every exception that sportello raises on purpose."""


class ValidationError(SportelloError, ValueError):
    """One or more :class:`Violation` records; ``str()`` lists them in Italian.

    >>> err = ValidationError([Violation.of("identifiers.empty", path="codice_fiscale")])
    >>> print(err)
    codice_fiscale: Il valore è vuoto.
    >>> err.codes
    ('identifiers.empty',)
    """

    violations: tuple[Violation, ...]

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        if not self.violations:
            raise ValueError("ValidationError needs at least one violation")
        super().__init__(*self.violations)

    @property
    def codes(self) -> tuple[str, ...]:
        """The violations' codes, in order."""
        return tuple(v.code for v in self.violations)

    def messages(self, lang: Lang = DEFAULT_LANG) -> list[str]:
        """One line per violation: ``path: message`` (or just the message)."""
        return [
            f"{v.path}: {v.message(lang)}" if v.path else v.message(lang) for v in self.violations
        ]

    def __str__(self) -> str:
        return "\n".join(self.messages())

    def __repr__(self) -> str:
        return f"ValidationError(codes={list(self.codes)!r})"
