"""Errors as ``application/problem+json`` answers (RFC 9457), carrying sportello violations.

Every error answer has the same shape: ``type``, ``title``, ``status``, ``detail`` (the
violations' messages in the negotiated language), ``request_id`` and ``violations`` (never
empty: even a 404 or a 429 names its code, so a client maps codes, not texts). The body and
the language negotiation live in :mod:`sportello._problem`, shared with the Starlette adapter;
this module adds the exception the routes raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sportello._problem import KINDS, negotiate_lang, problem_body
from sportello._violations import SportelloError, Violation

__all__ = ["KINDS", "ProblemError", "negotiate_lang", "problem_body", "seconds"]


class ProblemError(SportelloError):
    """An error answer the sandbox sends: a status, the violations and extra headers.

    >>> p = ProblemError(404, [Violation.of("api.not_found")])
    >>> p.status, p.violations[0].code
    (404, 'api.not_found')
    """

    def __init__(
        self,
        status: int,
        violations: Iterable[Violation],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.violations = tuple(violations)
        self.headers = dict(headers or {})
        super().__init__(status, [v.code for v in self.violations])

    @classmethod
    def of(cls, status: int, code: str, *, path: str = "", **params: Any) -> ProblemError:
        """One violation built from the catalog."""
        return cls(status, [Violation.of(code, path=path, **params)])


def seconds(value: float) -> int | float:
    """A number of seconds as a message shows it best: ``30`` for 30.0, ``0.5`` kept.

    >>> seconds(30.0), seconds(0.5)
    (30, 0.5)
    """
    return int(value) if float(value).is_integer() else value
