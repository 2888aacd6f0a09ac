"""Model fields for the identifiers: stored compact, validated by sportello's rules.

Each is a ``CharField`` whose ``max_length`` fits the identifier, whose validator is the
sportello rule, and whose values are compacted (spaces, separators, case) when cleaned and
when used in queries: ``Cliente.objects.filter(pod="it 001 e 1234 5678")`` finds
``IT001E12345678``. They deconstruct to their own path with only the options that differ from
the default, so ``makemigrations`` writes ``CodiceFiscaleField()``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from sportello.contrib.django import _kinds
from sportello.contrib.django import forms as _forms

__all__ = [
    "CodiceClienteField",
    "CodiceFiscaleField",
    "IBANField",
    "PDRField",
    "PODField",
    "PartitaIvaField",
]


class _IdentifierField(models.CharField):  # type: ignore[type-arg]
    identifier: ClassVar[str]
    form_class: ClassVar[type[_forms.IdentifierFormField]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.identifier_options = _kinds.split_options(self.identifier, kwargs)
        self.default_validators = [_kinds.validator(self.identifier, self.identifier_options)]
        kwargs.setdefault("max_length", self._default_max_length())
        super().__init__(*args, **kwargs)

    def _default_max_length(self) -> int:
        return _kinds.kind_of(self.identifier).max_length(**self.identifier_options)

    def deconstruct(self) -> Any:
        """Name, path, args and only the options that differ from the defaults."""
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == self._default_max_length():
            del kwargs["max_length"]
        kwargs.update(self.identifier_options)
        return name, path, args, kwargs

    def to_python(self, value: Any) -> Any:
        """The compact value (what :meth:`full_clean` stores)."""
        return _kinds.compact(self.identifier, super().to_python(value))

    def get_prep_value(self, value: Any) -> Any:
        """Compact in queries and saves too."""
        return _kinds.compact(self.identifier, super().get_prep_value(value))

    def formfield(self, **kwargs: Any) -> Any:
        """The form field of the same name, with the same options."""
        defaults: dict[str, Any] = {"form_class": self.form_class, **self.identifier_options}
        defaults.update(kwargs)
        return super().formfield(**defaults)


class CodiceFiscaleField(_IdentifierField):
    """A codice fiscale (16 characters or 11 digits; UP-1, AU-1)."""

    identifier = "codice_fiscale"
    form_class = _forms.CodiceFiscaleField
    description = "Codice fiscale"


class PartitaIvaField(_IdentifierField):
    """A partita IVA, 11 digits (UP-1)."""

    identifier = "partita_iva"
    form_class = _forms.PartitaIvaField
    description = "Partita IVA"


class PODField(_IdentifierField):
    """The POD of an electricity supply point (UP-4)."""

    identifier = "pod"
    form_class = _forms.PODField
    description = "POD"


class PDRField(_IdentifierField):
    """The PDR of a gas supply point, 14 digits (UP-4)."""

    identifier = "pdr"
    form_class = _forms.PDRField
    description = "PDR"


class IBANField(_IdentifierField):
    """An IBAN; ``IBANField(italian_only=True)`` for a direct debit (EB-1)."""

    identifier = "iban"
    form_class = _forms.IBANField
    description = "IBAN"


class CodiceClienteField(_IdentifierField):
    """The customer code, six digits by default (``digits=``; UP-2)."""

    identifier = "codice_cliente"
    form_class = _forms.CodiceClienteField
    description = "Codice cliente"


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
