"""The value kinds of the forms: what each typed field accepts, how it is normalised, its schema.

Each kind is a :class:`typing.NewType` over ``str`` (or ``int``) so that the records stay plain
attrs classes; :data:`KINDS` maps it to the function that turns the raw JSON value into the
canonical one (or raises :class:`~sportello.ValidationError`) and to its JSON Schema. The
functions call the pure rules in :mod:`sportello.rules`; they never re-implement one.

>>> KINDS[CodiceFiscale].parse(" rss mra 85t10 a562s ")
'RSSMRA85T10A562S'
>>> KINDS[Lettura].parse("45.000")
45000
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NewType

import attrs

from sportello._violations import ValidationError, Violation
from sportello.rules import username

__all__ = [
    "DESCRIZIONE_MAX",
    "INDIRIZZO_MAX",
    "KINDS",
    "LUOGO_NASCITA_MAX",
    "PASSWORD_MAX",
    "TESTO_BREVE_MAX",
    "TEXT_MAX",
    "Cellulare",
    "CodiceCliente",
    "CodiceFiscale",
    "CodicePunto",
    "Descrizione",
    "Email",
    "Importo",
    "Indirizzo",
    "Kind",
    "Lettura",
    "LuogoNascita",
    "PartitaIva",
    "Password",
    "Pdr",
    "Pod",
    "Telefono",
    "TestoBreve",
    "Username",
    "json_type",
    "optional_text",
    "required",
    "rule_of",
    "text",
    "too_long",
    "wrong_type",
]

#: CO-4: the longest "Descrizione" of a conciliation request, in characters.
DESCRIZIONE_MAX = 2500

#: The longest text of any ``str`` field, in characters, unless the field's
#: ``info(max_length=...)`` gives its own. (Value kinds are bounded by their rules: a codice
#: fiscale, an e-mail, a reading each refuse an overlong input with their own violation.)
TEXT_MAX = 1000

#: The longest password taken (any longer one is refused before it is hashed).
#: PW-1's ceiling (``sportello.rules.password.PASSWORD_MAX_LENGTH``; a test keeps them equal):
#: a longer password is refused before any other check, with the policy's own violation.
PASSWORD_MAX = 1024

#: CP-4: the longest birthplace (a comune or a foreign state, free text for now).
LUOGO_NASCITA_MAX = 100

#: CP-4: the longest supply address.
INDIRIZZO_MAX = 200

#: The longest short text of a form (a reason, a note of the conciliation's actions).
TESTO_BREVE_MAX = 500

Descrizione = NewType("Descrizione", str)
Password = NewType("Password", str)
CodiceFiscale = NewType("CodiceFiscale", str)
PartitaIva = NewType("PartitaIva", str)
Pod = NewType("Pod", str)
Pdr = NewType("Pdr", str)
CodicePunto = NewType("CodicePunto", str)
CodiceCliente = NewType("CodiceCliente", str)
Email = NewType("Email", str)
Telefono = NewType("Telefono", str)
Username = NewType("Username", str)
Lettura = NewType("Lettura", int)
Cellulare = NewType("Cellulare", str)
LuogoNascita = NewType("LuogoNascita", str)
Indirizzo = NewType("Indirizzo", str)
TestoBreve = NewType("TestoBreve", str)
Importo = NewType("Importo", Decimal)

#: JSON's names of Python types, for ``forms.wrong_type`` (the same in both languages).
_JSON_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "array",
    tuple: "array",
    dict: "object",
    type(None): "null",
}


def json_type(value: object) -> str:
    """The JSON name of ``value``'s type (``"string"``, ``"array"``, ...)."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def required() -> ValidationError:
    """The error of a mandatory field left empty (its rule is set by the form)."""
    return ValidationError([Violation.of("forms.required")])


def wrong_type(expected: str, value: object) -> ValidationError:
    """The error of a value of the wrong JSON type (never carries the value itself)."""
    return ValidationError(
        [Violation.of("forms.wrong_type", expected=expected, type=json_type(value))]
    )


def too_long(max_length: int, length: int) -> ValidationError:
    """The error of a text longer than its field takes (``forms.too_long``)."""
    return ValidationError([Violation.of("forms.too_long", max_length=max_length, length=length)])


def text(value: object, max_length: int | None = TEXT_MAX) -> str:
    """``value`` stripped of surrounding blanks; blank or ``None`` is a missing field.

    The stripped text may have at most ``max_length`` characters (:data:`TEXT_MAX` unless
    the field says otherwise; ``None``: the caller checks its own limit).

    >>> text("  Rossi  ")
    'Rossi'
    >>> try:
    ...     text("x" * 1001)
    ... except ValidationError as err:
    ...     print(err)
    Il testo può contenere al massimo 1000 caratteri (ne ha 1001).
    """
    if type(value) is str:
        stripped = value.strip()
        if stripped:
            if max_length is not None and len(stripped) > max_length:
                raise too_long(max_length, len(stripped))
            return stripped
        raise required()
    if value is None:
        raise required()
    raise wrong_type("string", value)


def optional_text(value: object, max_length: int = TEXT_MAX) -> str | None:
    """An optional text: ``None`` or blank is ``None``, else :func:`text` with ``max_length``."""
    if value is None or (type(value) is str and not value.strip()):
        return None
    return text(value, max_length)


def _relative(err: ValidationError) -> ValidationError:
    """The same violations with the field itself as path (the form adds the real path)."""
    return ValidationError(attrs.evolve(v, path="") for v in err.violations)


def _descrizione(value: object) -> str:
    """CO-4: at most 2,500 characters; longer text goes in an attachment."""
    found = text(value, max_length=None)
    if len(found) > DESCRIZIONE_MAX:
        raise ValidationError(
            [
                Violation.of(
                    "forms.descrizione_too_long", max_length=DESCRIZIONE_MAX, length=len(found)
                )
            ]
        )
    return found


def _bounded(max_length: int, doc: str) -> Callable[[object], str]:
    """A parser of text stripped of blanks, not empty, at most ``max_length`` characters."""

    def parse(value: object) -> str:
        return text(value, max_length)

    parse.__doc__ = doc
    return parse


_luogo_nascita = _bounded(
    LUOGO_NASCITA_MAX, "CP-4: the birthplace, a comune or a foreign state (free text for now)."
)
_indirizzo = _bounded(INDIRIZZO_MAX, "CP-4: the supply address, where there is no POD/PDR.")
_testo_breve = _bounded(TESTO_BREVE_MAX, "A short text: a reason, a note.")

_IMPORTO = re.compile(r"-?[0-9]{1,10}(?:[.,][0-9]{1,2})?")
_CENT = Decimal("0.01")
_IMPORTO_MAX = Decimal(10) ** 10


def _importo(value: object) -> Decimal:
    """CP-4: an amount in euro, ``"1240.50"`` or ``"1240,50"``, at most 2 decimals, >= 0.

    A JSON string (never a number: a float is not an amount), or a :class:`~decimal.Decimal`;
    the answer has exactly two decimals.
    """
    if type(value) is str and _IMPORTO.fullmatch(raw := value.strip()):
        amount = Decimal(raw.replace(",", "."))  # what ``text`` returns too: short, not blank
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise _importo_invalid()
        amount = value
    else:
        raw = text(value)
        if not _IMPORTO.fullmatch(raw):
            raise _importo_invalid()
        amount = Decimal(raw.replace(",", "."))
    if amount < 0:
        raise ValidationError([Violation.of("conciliazione.valore_negativo")])
    if amount >= _IMPORTO_MAX:
        raise _importo_invalid()
    found = amount.quantize(_CENT) + 0  # ``+ 0`` turns -0.00 into 0.00
    if found != amount:  # more than two decimals
        raise _importo_invalid()
    return found


def _importo_invalid() -> ValidationError:
    """CP-4's error of a value that is not an amount (built only when one is refused)."""
    return ValidationError([Violation.of("conciliazione.valore_non_valido")])


def _password(value: object) -> str:
    """Any non-empty text, kept as typed (blanks are part of a password)."""
    if type(value) is str:
        if len(value) > PASSWORD_MAX:
            raise ValidationError(
                [Violation.of("password.too_long", max_length=PASSWORD_MAX, length=len(value))]
            )
        if value:
            return value
        raise required()
    if value is None:
        raise required()
    raise wrong_type("string", value)


def _via(module: str, attr: str = "validate", doc: str = "") -> Callable[[object], Any]:
    """A parser that strips the text and hands it to ``sportello.rules.<module>.<attr>``.

    The rule module is imported on first use, then kept; its violations get the field's path.
    """
    found: list[Callable[[str], Any]] = []

    def parse(value: object) -> Any:
        raw = text(value, max_length=None)  # the rule bounds its own input
        if not found:
            found.append(getattr(importlib.import_module(f"sportello.rules.{module}"), attr))
        try:
            return found[0](raw)
        except ValidationError as err:
            raise _relative(err) from None

    parse.__doc__ = doc
    _RULES[parse] = (module, attr)
    return parse


#: The parsers :func:`_via` made -> the rule function each hands a stripped string to.
_RULES: dict[Callable[[object], Any], tuple[str, str]] = {}


def rule_of(parse: Callable[[object], Any]) -> Callable[[str], Any] | None:
    """The rule function a kind's ``parse`` hands a stripped, non-blank string to, if any.

    The fast path calls it directly on such a string (``parse`` adds only the stripping and,
    on a fault, the field's relative path, which the fast path does not report).
    """
    found = _RULES.get(parse)
    if found is None:
        return None
    rule: Callable[[str], Any] = getattr(
        importlib.import_module(f"sportello.rules.{found[0]}"), found[1]
    )
    return rule


_codice_fiscale = _via(
    "identifiers.codice_fiscale",
    doc="A personal codice fiscale (16 characters) or a numeric one (11 digits), compacted.",
)
_partita_iva = _via("identifiers.partita_iva", doc="A partita IVA, compacted (no ``IT``).")
_pod = _via("identifiers.pod", doc="An electricity supply point (POD), compacted, upper case.")
_pdr = _via("identifiers.pdr", doc="A gas supply point (PDR), compacted.")
_codice_cliente = _via("identifiers.codice_cliente", doc="UP-2: the six-digit customer code.")
_email = _via("profile", "normalize_email", doc="An e-mail address, domain lower-cased.")
_telefono = _via("profile", "normalize_phone", doc="A phone or fax number in E.164 form.")
_username = _via(
    "username", doc="AU-4: a username in its canonical form (NFKC, case folded, restricted)."
)
_cellulare = _via("profile", "normalize_mobile", doc="CP-4: a mobile number in E.164 form.")


def _codice_punto(value: object) -> str:
    """A POD (starts with ``IT``) or a PDR (14 digits)."""
    raw = text(value, max_length=None)  # the rule bounds its own input
    found: str = _pod(raw) if raw[:2].upper() == "IT" else _pdr(raw)
    return found


def _lettura(value: object) -> int:
    """RD-2: a meter value: a whole number, or text as typed on the portal (``"45.000"``)."""
    from sportello.rules._letture_input import MAX_CIFRE, parse_lettura

    if type(value) is int:
        if value < 0:
            raise ValidationError([Violation.of("readings.negative", value=value)])
        if value >= 10**MAX_CIFRE:  # more digits than any meter shows, as for text
            raise ValidationError([Violation.of("readings.input_too_long", max=MAX_CIFRE)])
        return value
    raw = text(value, max_length=None)  # the rule bounds its own input
    try:
        return parse_lettura(raw, path="")
    except ValidationError as err:
        raise _relative(err) from None


@attrs.frozen
class Kind:
    """A value kind: its parser (raw JSON value -> canonical value) and its JSON Schema.

    Attributes:
        parse: raw value -> canonical value; raises :class:`~sportello.ValidationError` whose
            violations have the field itself as path (``""``).
        schema: the JSON Schema of the canonical value (what :func:`~sportello.forms.dump`
            writes).
        rules: the rule IDs the parser enforces (for the docs).
    """

    parse: Callable[[object], Any]
    schema: dict[str, Any]
    rules: tuple[str, ...] = ()


_CF_PATTERN = (
    "^([A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
    "|[0-9]{11})$"
)
_POD_PATTERN = "^IT[0-9]{3}E[0-9]{8}[A-Z0-9]?$"
_PDR_PATTERN = "^[0-9]{14}$"

#: Every value kind, by its NewType (plain ``str``, ``int``, ``bool`` and dates are built in).
KINDS: dict[object, Kind] = {
    Descrizione: Kind(
        _descrizione, {"type": "string", "minLength": 1, "maxLength": DESCRIZIONE_MAX}, ("CO-4",)
    ),
    Password: Kind(
        _password, {"type": "string", "minLength": 1, "maxLength": PASSWORD_MAX, "writeOnly": True}
    ),
    CodiceFiscale: Kind(
        _codice_fiscale, {"type": "string", "maxLength": 16, "pattern": _CF_PATTERN}, ("AU-1",)
    ),
    PartitaIva: Kind(_partita_iva, {"type": "string", "maxLength": 11, "pattern": "^[0-9]{11}$"}),
    Pod: Kind(_pod, {"type": "string", "maxLength": 15, "pattern": _POD_PATTERN}, ("UP-4",)),
    Pdr: Kind(_pdr, {"type": "string", "maxLength": 14, "pattern": _PDR_PATTERN}, ("UP-4",)),
    CodicePunto: Kind(
        _codice_punto,
        {"type": "string", "maxLength": 15, "pattern": f"({_POD_PATTERN})|({_PDR_PATTERN})"},
        ("UP-4",),
    ),
    CodiceCliente: Kind(
        _codice_cliente, {"type": "string", "maxLength": 6, "pattern": "^[0-9]{6}$"}, ("UP-2",)
    ),
    Email: Kind(
        _email,
        # maxLength: sportello.rules.profile.MAX_EMAIL_LENGTH (not imported here: import cost)
        {"type": "string", "format": "email", "maxLength": 254, "pattern": "^[^@\\s]+@[^@\\s]+$"},
    ),
    Telefono: Kind(
        _telefono, {"type": "string", "maxLength": 16, "pattern": "^\\+[1-9][0-9]{5,14}$"}
    ),
    Lettura: Kind(_lettura, {"type": "integer", "minimum": 0}, ("RD-2",)),
    Username: Kind(
        _username,
        {
            "type": "string",
            "minLength": username.MIN_LENGTH,
            "maxLength": username.MAX_LENGTH,
            "pattern": "^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$",
        },
        ("AU-4",),
    ),
    Cellulare: Kind(
        _cellulare,
        {"type": "string", "maxLength": 16, "pattern": "^\\+[1-9][0-9]{5,14}$"},
        ("CP-4",),
    ),
    LuogoNascita: Kind(
        _luogo_nascita,
        {"type": "string", "minLength": 1, "maxLength": LUOGO_NASCITA_MAX, "pattern": "\\S"},
        ("CP-4",),
    ),
    Indirizzo: Kind(
        _indirizzo,
        {"type": "string", "minLength": 1, "maxLength": INDIRIZZO_MAX, "pattern": "\\S"},
        ("CP-4",),
    ),
    TestoBreve: Kind(
        _testo_breve,
        {"type": "string", "minLength": 1, "maxLength": TESTO_BREVE_MAX, "pattern": "\\S"},
    ),
    Importo: Kind(
        _importo,
        {
            "type": "string",
            "pattern": "^[0-9]{1,10}\\.[0-9]{2}$",
            "description": "Importo in euro con due decimali (1240.50).",
        },
        ("CP-4",),
    ),
}
