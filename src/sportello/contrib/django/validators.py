"""Django validators for the identifiers: sportello's code, params and message on failure.

``CharField(validators=[validate_codice_fiscale])`` refuses a bad codice fiscale with a Django
``ValidationError`` (never a 500): its ``code`` is sportello's
(``codice_fiscale.invalid_checksum``), its ``params`` sportello's, its message the catalog's in
the active language. The validators deconstruct for migrations
(``IdentifierValidator("codice_fiscale")``).
"""

from __future__ import annotations

from typing import Any

from django.utils.deconstruct import deconstructible

from sportello._violations import ValidationError
from sportello.contrib._identifiers import IDENTIFIERS
from sportello.contrib.django._errors import ViolationError, active_lang, to_django

__all__ = [
    "IdentifierValidator",
    "ViolationError",
    "active_lang",
    "to_django",
    "validate_codice_cliente",
    "validate_codice_fiscale",
    "validate_iban",
    "validate_partita_iva",
    "validate_pdr",
    "validate_pod",
]


@deconstructible(path="sportello.contrib.django.validators.IdentifierValidator")
class IdentifierValidator:
    """A validator calling ``sportello.rules.identifiers.<name>.validate`` (UP-1, UP-2, UP-4).

    Args:
        name: ``codice_fiscale``, ``partita_iva``, ``pod``, ``pdr``, ``iban`` or
            ``codice_cliente``.
        **options: ``digits`` for a codice cliente (UP-2), ``italian_only`` for an IBAN (EB-1).

    Raises:
        ValueError: an unknown ``name`` or option (at construction).
    """

    def __init__(self, name: str, **options: Any) -> None:
        kind = IDENTIFIERS.get(name)
        if kind is None:
            raise ValueError(f"unknown identifier {name!r}; known: {sorted(IDENTIFIERS)}")
        unknown = set(options) - set(kind.options)
        if unknown:
            raise ValueError(f"{name} takes no option {sorted(unknown)}")
        self.name = name
        self.options = dict(options)

    def __call__(self, value: object) -> None:
        """Raise Django's ``ValidationError`` (one item per violation) for a bad value."""
        try:
            IDENTIFIERS[self.name].validate(value, **self.options)
        except ValidationError as err:
            raise to_django(err.violations) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdentifierValidator) and (self.name, self.options) == (
            other.name,
            other.options,
        )

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.options.items()))))

    def __repr__(self) -> str:
        options = "".join(f", {k}={v!r}" for k, v in sorted(self.options.items()))
        return f"IdentifierValidator({self.name!r}{options})"


#: UP-1, AU-1: a codice fiscale (16 characters or 11 digits).
validate_codice_fiscale = IdentifierValidator("codice_fiscale")
#: UP-1: a partita IVA.
validate_partita_iva = IdentifierValidator("partita_iva")
#: UP-4: an electricity supply point.
validate_pod = IdentifierValidator("pod")
#: UP-4: a gas supply point.
validate_pdr = IdentifierValidator("pdr")
#: An IBAN (the Italian CIN checked too).
validate_iban = IdentifierValidator("iban")
#: UP-2: the six-digit customer code.
validate_codice_cliente = IdentifierValidator("codice_cliente")


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
