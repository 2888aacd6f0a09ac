"""The error of a sandbox control that failed: :class:`SandboxControlError`."""

from __future__ import annotations

from collections.abc import Iterable

from sportello._messages import DEFAULT_LANG, Lang
from sportello._violations import SportelloError, Violation

__all__ = ["SandboxControlError"]


class SandboxControlError(SportelloError):
    """A sandbox control (``faults``, ``evento``, ``clock``, ``outbox``...) was refused.

    It carries what the server said: the HTTP ``status``, the ``request_id`` and the
    :class:`~sportello.Violation` records of its problem answer, each with its code, rule and
    path, so a test sees *why* (``str()`` lists them, Italian by default).

    >>> err = SandboxControlError("POST", "/_sandbox/faults", 422,
    ...     [Violation.of("api.invalid_parameter", path="queue[0].status", name="status")])
    >>> err.codes, err.status
    (('api.invalid_parameter',), 422)
    >>> print(err)
    POST /_sandbox/faults: 422: queue[0].status: Il parametro «status» non è valido.
    """

    def __init__(
        self,
        method: str,
        path: str,
        status: int,
        violations: Iterable[Violation],
        *,
        request_id: str = "",
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.violations = tuple(violations)
        self.request_id = request_id
        self.lang: Lang = lang
        super().__init__(method, path, status)

    @property
    def codes(self) -> tuple[str, ...]:
        """The violations' codes, in order."""
        return tuple(v.code for v in self.violations)

    def __str__(self) -> str:
        lines = [
            f"{v.path}: {v.message(self.lang)}" if v.path else v.message(self.lang)
            for v in self.violations
        ]
        return f"{self.method} {self.path}: {self.status}: " + ("; ".join(lines) or "-")

    def __repr__(self) -> str:
        return f"SandboxControlError({self.method} {self.path}, {self.status}, {list(self.codes)})"
