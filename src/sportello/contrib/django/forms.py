"""Form fields for the identifiers: they clean to the compact value or fail with sportello's code.

``CodiceFiscaleField()`` takes what a person types (``rss mra 85t10 a562s``) and cleans it to
``RSSMRA85T10A562S``; a wrong one gives the catalog's message in the active language, with
sportello's code (``form.errors.as_data()``). No HTML ``maxlength`` is set: a value typed with
spaces is longer than its compact form.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from sportello.contrib.django import _kinds

__all__ = [
    "CodiceClienteField",
    "CodiceFiscaleField",
    "IBANField",
    "IdentifierFormField",
    "PDRField",
    "PODField",
    "PartitaIvaField",
]

_NUMERIC = frozenset({"partita_iva", "pdr", "codice_cliente"})


class IdentifierFormField(forms.CharField):
    """A ``CharField`` validated by ``sportello.rules.identifiers.<identifier>``."""

    identifier: ClassVar[str]

    def __init__(self, **kwargs: Any) -> None:
        self.identifier_options = _kinds.split_options(self.identifier, kwargs)
        self.default_validators = [_kinds.validator(self.identifier, self.identifier_options)]
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        """The typed text, stripped and compacted."""
        return _kinds.compact(self.identifier, super().to_python(value))

    def widget_attrs(self, widget: Any) -> Any:
        """No spell checking or autocorrection; a numeric keyboard for all-digit codes."""
        attrs: dict[str, Any] = super().widget_attrs(widget)
        attrs.update(spellcheck="false", autocorrect="off", autocapitalize="characters")
        if self.identifier in _NUMERIC:
            attrs["inputmode"] = "numeric"
        return attrs


class CodiceFiscaleField(IdentifierFormField):
    """A codice fiscale (UP-1, AU-1)."""

    identifier = "codice_fiscale"


class PartitaIvaField(IdentifierFormField):
    """A partita IVA (UP-1)."""

    identifier = "partita_iva"


class PODField(IdentifierFormField):
    """An electricity supply point (UP-4)."""

    identifier = "pod"


class PDRField(IdentifierFormField):
    """A gas supply point (UP-4)."""

    identifier = "pdr"


class IBANField(IdentifierFormField):
    """An IBAN (``italian_only=True`` for EB-1)."""

    identifier = "iban"


class CodiceClienteField(IdentifierFormField):
    """The customer code (``digits=``; UP-2)."""

    identifier = "codice_cliente"


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
