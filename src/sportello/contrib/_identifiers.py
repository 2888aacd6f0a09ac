"""What the adapters know of each identifier: its rules module, pattern, example, length.

One table for every framework adapter (Django's fields, pydantic's types), so the adapters
describe an identifier the same way. Validation itself is always the rules module's
``validate`` (:mod:`sportello.rules.identifiers`): the adapters never re-implement it.

>>> IDENTIFIERS["codice_cliente"].pattern(digits=8)
'^[0-9]{8}$'
>>> IDENTIFIERS["pod"].validate(" it001e12345678 ")
'IT001E12345678'
"""

from __future__ import annotations

import importlib
from typing import Any

import attrs

__all__ = ["IDENTIFIERS", "Identifier"]

_CF_PATTERN = (
    "^([A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
    "|[0-9]{11})$"
)


@attrs.frozen
class Identifier:
    """One identifier as the adapters see it.

    Attributes:
        name: the module under :mod:`sportello.rules.identifiers` (``codice_fiscale``).
        title: the portal's label (``Codice fiscale``).
        description: the Italian description published in JSON Schemas.
        example: a valid value, in compact form.
        options: the keyword options its ``validate`` takes (``digits``, ``italian_only``).
    """

    name: str
    title: str
    description: str
    example: str
    options: tuple[str, ...] = ()

    def validate(self, value: object, **options: Any) -> str:
        """The compact value, or raise :class:`sportello.ValidationError` (the rules module's)."""
        module = importlib.import_module(f"sportello.rules.identifiers.{self.name}")
        found: str = module.validate(value, **options)
        return found

    def pattern(self, **options: Any) -> str:
        """The regular expression of the compact value (what ``validate`` returns)."""
        if self.name == "codice_cliente":
            return f"^[0-9]{{{int(options.get('digits', 6))}}}$"
        if self.name == "iban" and options.get("italian_only"):
            return "^IT[0-9]{2}[A-Z][0-9]{10}[A-Z0-9]{12}$"
        return _PATTERNS[self.name]

    def describe(self, **options: Any) -> str:
        """The description, with the options filled in (``{digits}`` for a codice cliente)."""
        return self.description.format(digits=int(options.get("digits", 6)))

    def max_length(self, **options: Any) -> int:
        """The longest compact value (a database column's size)."""
        if self.name == "codice_cliente":
            return int(options.get("digits", 6))
        if self.name == "iban" and options.get("italian_only"):
            return 27
        return _MAX_LENGTHS[self.name]


_PATTERNS = {
    "codice_fiscale": _CF_PATTERN,
    "partita_iva": "^[0-9]{11}$",
    "pod": "^IT[0-9]{3}E[0-9]{8}[A-Z0-9]?$",
    "pdr": "^[0-9]{14}$",
    "iban": "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$",
}
_MAX_LENGTHS = {"codice_fiscale": 16, "partita_iva": 11, "pod": 15, "pdr": 14, "iban": 34}

#: Every identifier the adapters offer, by its rules module's name.
IDENTIFIERS: dict[str, Identifier] = {
    i.name: i
    for i in (
        Identifier(
            "codice_fiscale",
            "Codice fiscale",
            "Codice fiscale: 16 caratteri (persona fisica) o 11 cifre (UP-1, AU-1). Spazi e "
            "minuscole sono accettati e normalizzati.",
            "RSSMRA85T10A562S",
        ),
        Identifier(
            "partita_iva",
            "Partita IVA",
            "Partita IVA: 11 cifre con cifra di controllo (UP-1). Spazi e prefisso IT sono "
            "accettati e tolti.",
            "00743110157",
        ),
        Identifier(
            "pod",
            "POD",
            "POD della fornitura di energia elettrica: IT, tre cifre, E, otto cifre e un "
            "eventuale carattere finale (UP-4).",
            "IT001E12345678",
        ),
        Identifier(
            "pdr",
            "PDR",
            "PDR della fornitura di gas: 14 cifre (UP-4). Spazi e separatori sono tolti.",
            "03340009749021",
        ),
        Identifier(
            "iban",
            "IBAN",
            "IBAN con cifre di controllo (e CIN per un IBAN italiano). Spazi e minuscole sono "
            "accettati e normalizzati.",
            "IT60X0542811101000000123456",
            ("italian_only",),
        ),
        Identifier(
            "codice_cliente",
            "Codice cliente",
            "Codice cliente stampato in bolletta: {digits} cifre, zeri iniziali compresi (UP-2).",
            "005007",
            ("digits",),
        ),
    )
}
