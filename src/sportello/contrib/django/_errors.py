"""sportello's violations as Django ``ValidationError`` s, in the active language.

Each violation becomes one :class:`ViolationError` (a Django ``ValidationError``) with
``code`` = the violation's code, ``params`` = its params, and a lazy message rendered in the
language active when it is shown (``translation.override`` works): English for an ``en*``
language, Italian for any other (the catalog's two languages; Italian is the portal's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import lazy

from sportello._messages import Lang
from sportello._violations import Violation

__all__ = ["ViolationError", "active_lang", "to_django"]


def active_lang() -> Lang:
    """``"en"`` when Django's active language is English (``en``, ``en-gb``...), else ``"it"``."""
    from django.utils import translation

    code = (translation.get_language() or "").lower().replace("_", "-")
    return "en" if code.split("-")[0] == "en" else "it"


def _message(violation: Violation) -> str:
    text = violation.message(active_lang())
    # Django formats a message that has params with ``%``: keep a literal percent sign
    return text.replace("%", "%%") if violation.params else text


_lazy_message = lazy(_message, str)


class ViolationError(DjangoValidationError):
    """A Django ``ValidationError`` for one sportello violation (kept in :attr:`violation`).

    Attributes:
        violation: the :class:`sportello.Violation` (code, rule ID, path, params).
    """

    violation: Violation

    def __init__(self, violation: Violation) -> None:
        params: dict[str, Any] | None = dict(violation.params) or None
        super().__init__(_lazy_message(violation), code=violation.code, params=params)
        self.violation = violation

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (and copy) by the violation's fields, rebuilt on load."""
        v = self.violation
        return (_rebuild, (v.code, v.rule, v.path, dict(v.params)))


def _rebuild(code: str, rule: str, path: str, params: dict[str, Any]) -> ViolationError:
    return ViolationError(Violation(code=code, rule=rule, path=path, params=params))


def to_django(violations: Iterable[Violation]) -> DjangoValidationError:
    """One Django ``ValidationError`` listing a :class:`ViolationError` per violation."""
    return DjangoValidationError([ViolationError(v) for v in violations])
