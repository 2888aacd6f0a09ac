"""What the model and form fields share: the identifier, its options, compaction."""

from __future__ import annotations

import importlib
from typing import Any

from sportello.contrib._identifiers import IDENTIFIERS, Identifier
from sportello.contrib.django.validators import IdentifierValidator

__all__ = ["compact", "kind_of", "split_options"]


def kind_of(name: str) -> Identifier:
    """The identifier ``name`` (``codice_fiscale``, ...)."""
    return IDENTIFIERS[name]


def split_options(name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Pop the identifier's own options (``digits``, ``italian_only``) out of ``kwargs``."""
    return {k: kwargs.pop(k) for k in kind_of(name).options if k in kwargs}


def validator(name: str, options: dict[str, Any]) -> IdentifierValidator:
    """The field's validator."""
    return IdentifierValidator(name, **options)


def compact(name: str, value: object) -> object:
    """A ``str`` in the identifier's compact form (spaces, separators, case); else as it is."""
    if not isinstance(value, str) or not value.strip():
        return value
    module = importlib.import_module(f"sportello.rules.identifiers.{name}")
    found: str = module.compact(value)
    return found
