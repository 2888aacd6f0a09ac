"""The one message catalog: ``code -> (rule ID, Italian text, English text)``.

The catalog is split by family so that each module's messages live beside each other:
``password.too_short`` is found in ``sportello._messages.password`` (a few prefixes are
aliases: ``codice_fiscale.*`` lives in ``identifiers``, see :data:`ALIASES`).
A family module defines
``MESSAGES: dict[str, Message]``; it is imported the first time one of its codes is rendered.
Texts are ``str.format`` templates over the violation's ``params``.

A parameter that names something the portal labels (a day, a state, a matter, a channel) comes
in both languages: ``giorno`` holds the Italian label and ``giorno_en`` the English one
(:func:`labels` builds the pair); the English text shows ``{giorno}`` from ``giorno_en``, so
both texts keep the same placeholders and the data says the same thing in each language.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal, NamedTuple, Protocol

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "Labelled",
    "Lang",
    "Message",
    "catalog",
    "labels",
    "lookup",
    "render",
    "rule_of",
]

Lang = Literal["it", "en"]
LANGS: tuple[Lang, ...] = ("it", "en")
DEFAULT_LANG: Lang = "it"

#: The families, in the order the catalog lists them (one module each in this package).
FAMILIES = (
    "identifiers",
    "password",
    "attachments",
    "calendar",
    "smart_help",
    "channels",
    "conciliazione",
    "notifications",
    "readings",
    "profile",
    "billing",
    "forms",
    "auth",
    "username",
    "api",
    "batch",
)


#: Code prefixes that live in another family's module (``codice_fiscale.x`` -> identifiers).
ALIASES: dict[str, str] = {
    "codice_fiscale": "identifiers",
    "partita_iva": "identifiers",
    "pod": "identifiers",
    "pdr": "identifiers",
    "codice_cliente": "identifiers",
    "iban": "identifiers",
    "luoghi": "identifiers",
}


class Labelled(Protocol):
    """Something the portal shows by a label, in Italian and in English (an enum member)."""

    @property
    def label(self) -> str:
        """The Italian label."""
        ...

    @property
    def label_en(self) -> str:
        """The English label."""
        ...


def labels(**named: Labelled) -> dict[str, str]:
    """The parameters naming each of ``named`` in both languages: ``name`` and ``name_en``.

    >>> from sportello.rules.meetings import Giorno
    >>> labels(giorno=Giorno.SABATO)
    {'giorno': 'sabato', 'giorno_en': 'Saturday'}
    """
    found: dict[str, str] = {}
    for name, item in named.items():
        found[name] = item.label
        found[f"{name}_en"] = item.label_en
    return found


class Message(NamedTuple):
    """A catalog entry: the rule ID it belongs to and the text in each language."""

    rule: str
    it: str
    en: str


_cache: dict[str, Mapping[str, Message]] = {}


def _family(name: str) -> Mapping[str, Message]:
    name = ALIASES.get(name, name)
    found = _cache.get(name)
    if found is None:
        if name not in FAMILIES:
            found = {}
        else:
            module = importlib.import_module(f"sportello._messages.{name}")
            found = module.MESSAGES
        _cache[name] = found
    return found


def lookup(code: str) -> Message | None:
    """The catalog entry of ``code``, or ``None`` when it has none."""
    return _family(code.partition(".")[0]).get(code)


def rule_of(code: str) -> str:
    """The rule ID the catalog gives ``code`` (``""`` when the code has no rule)."""
    entry = lookup(code)
    return entry.rule if entry else ""


def catalog() -> dict[str, Message]:
    """Every entry of every family (for docs, tests and the CLI)."""
    merged: dict[str, Message] = {}
    for name in FAMILIES:
        merged.update(_family(name))
    return merged


def _show(value: Any, lang: Lang) -> str:
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%d/%m/%Y %H:%M") if lang == "it" else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "it" else value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(_show(v, lang) for v in items)
    if isinstance(value, float | Decimal) and lang == "it":
        return (
            f"{value:n}".replace(".", ",")
            if isinstance(value, Decimal)
            else str(value).replace(".", ",")
        )
    return str(value)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: Mapping[str, Any], lang: Lang = DEFAULT_LANG) -> str:
    """The message of ``code`` in ``lang``, its placeholders filled from ``params``.

    In English a placeholder ``{x}`` shows ``params["x_en"]`` when there is one (see
    :func:`labels`). An unknown code renders as the code itself, so nothing is ever lost.
    """
    entry = lookup(code)
    if entry is None:
        return code
    if lang == "it":
        template, chosen = entry.it, params
    else:
        template = entry.en
        chosen = {k: params.get(f"{k}_en", v) for k, v in params.items()}
    shown = _Params({k: _show(v, lang) for k, v in chosen.items()})
    return template.format_map(shown)
