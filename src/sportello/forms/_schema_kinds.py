"""The JSON Schemas of the forms' values, in the two modes of :func:`~sportello.forms.json_schema`.

``output`` describes the canonical value that :func:`~sportello.forms.dump` writes (codes
compacted and upper-cased, E.164 phone numbers, integer readings); ``input`` describes every raw
value that :func:`~sportello.forms.load` accepts and normalises (blanks around text, lower-case
codes with separators, ``"45.000"`` readings, ``06 1234 5678``). An input schema never refuses
what ``load`` accepts; where it is looser, the rule it cannot state is listed in
:data:`sportello.forms._schema_rules.UNSTATED`.

Every pattern is written for both regular-expression engines that validate JSON Schema in
practice, ECMA-262 with the ``u`` flag (Ajv, browsers) and Python's ``re`` (``jsonschema``):
no ``\\s``, ``\\d`` or ``\\w`` (their meaning differs between the two), no escapes that ``u``
refuses. "Blank" is Python's ``str.strip`` set, spelled out in :data:`WS`.

>>> import re
>>> re.search(KIND_INPUT[CodiceFiscale]["pattern"], " rss-mra 85t10 a562s ") is not None
True
>>> re.search(KIND_OUTPUT[CodiceFiscale]["pattern"], "rssmra85t10a562s") is None
True
"""

from __future__ import annotations

from typing import Any

from sportello.forms._fields import (
    DESCRIZIONE_MAX,
    INDIRIZZO_MAX,
    KINDS,
    LUOGO_NASCITA_MAX,
    PASSWORD_MAX,
    TESTO_BREVE_MAX,
    Cellulare,
    CodiceCliente,
    CodiceFiscale,
    CodicePunto,
    Descrizione,
    Email,
    Importo,
    Indirizzo,
    Lettura,
    LuogoNascita,
    PartitaIva,
    Password,
    Pdr,
    Pod,
    Telefono,
    TestoBreve,
    Username,
)
from sportello.rules._letture_input import MAX_CIFRE
from sportello.rules.profile import MAX_EMAIL_LENGTH, MAX_PHONE_LENGTH

__all__ = [
    "BLANK",
    "CF_PERSONA_INPUT",
    "CF_PERSONA_OUTPUT",
    "DATE",
    "KIND_INPUT",
    "KIND_OUTPUT",
    "NONBLANK",
    "NOT_WS",
    "TEXT_OUTPUT",
    "WS",
    "kind_schema",
    "stripped_length",
    "text_schema",
]

#: The characters ``str.strip()`` removes (``str.isspace``), as a regex class body.
_WS_BODY = r"\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: One blank character, as Python's ``str.strip`` sees it (ECMA's ``\s`` differs: U+FEFF in,
#: U+001C..U+001F and U+0085 out).
WS = f"[{_WS_BODY}]"
#: One character that is not blank.
NOT_WS = f"[^{_WS_BODY}]"
_ANY = r"[\s\S]"

#: A string with at least one character that is not blank (what ``load`` takes as filled in).
NONBLANK: dict[str, Any] = {"type": "string", "pattern": NOT_WS}
#: A blank string (``load`` takes it as an empty field, like ``null``).
BLANK: dict[str, Any] = {"type": "string", "pattern": f"^{WS}*$"}
#: Canonical text: stripped, not empty.
TEXT_OUTPUT: dict[str, Any] = {"type": "string", "pattern": f"^{NOT_WS}(?:{_ANY}*{NOT_WS})?$"}
#: A date as the forms take it: ``AAAA-MM-GG``, a day that exists (``format: date``).
DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}


def text_schema(maximum: int, mode: str) -> dict[str, Any]:
    """A text field of at most ``maximum`` characters, counted as ``load`` counts: stripped.

    Input: blanks around are allowed and not counted, something must be there. Output: the
    stripped text itself (``maxLength``).
    """
    if mode == "input":
        return {"type": "string", "pattern": stripped_length(maximum)}
    return {**TEXT_OUTPUT, "maxLength": maximum}


def stripped_length(maximum: int) -> str:
    """A pattern: blanks, then 1 to ``maximum`` characters not starting or ending blank, blanks.

    It is what ``len(value.strip()) <= maximum`` means, without counting the blanks around.

    >>> import re
    >>> bool(re.search(stripped_length(3), "  abc  ")), bool(re.search(stripped_length(3), "abcd"))
    (True, False)
    """
    return f"^{WS}*{NOT_WS}(?:{_ANY}{{0,{maximum - 2}}}{NOT_WS})?{WS}*$"


def _interleaved(tokens: list[str], sep: str, lead: str) -> str:
    """``tokens`` with ``sep*`` between them, ``lead*`` around: a code typed with separators."""
    return f"{lead}*" + f"{sep}*".join(tokens) + f"{lead}*"


def _either_case(token: str) -> str:
    """A canonical class token (``[A-Z]``, ``E``) that also takes the lower-case letters."""
    if token == "[A-Z]":  # noqa: S105 - a pattern token, not a password
        return "[A-Za-z]"
    if token.startswith("["):
        body = token[1:-1]
        extra = "".join(c.lower() for c in body if c.isalpha() and c.isupper())
        return f"[{body}{extra}]"
    return f"[{token}{token.lower()}]" if token.isalpha() else token


# Canonical codes, one token per character.
_CF16 = ["[A-Z]"] * 6 + ["[0-9LMNPQRSTUV]"] * 2 + ["[ABCDEHLMPRST]"]
_CF16 += ["[0-9LMNPQRSTUV]"] * 2 + ["[A-Z]"] + ["[0-9LMNPQRSTUV]"] * 3 + ["[A-Z]"]
_DIGIT = "[0-9]"
_POD = ["I", "T", *[_DIGIT] * 3, "E", *[_DIGIT] * 8]

#: ``codice_fiscale.compact`` removes spaces, dashes and colons (python-stdnum's clean-up).
_CF_SEP, _CF_LEAD = "[ :-]", f"(?:{WS}|[:-])"
#: ``strip_separators`` (POD, PDR, customer code) removes these anywhere.
_STRIP_SEP = r"[-. :/\t\n\r]"
_STRIP_LEAD = f"(?:{WS}|[-.:/])"


def _cf_person() -> str:
    return _interleaved([_either_case(t) for t in _CF16], _CF_SEP, _CF_LEAD)


def _cf_input() -> str:
    numeric = _interleaved([_DIGIT] * 11, _CF_SEP, _CF_LEAD)
    return f"^(?:{_cf_person()}|{numeric})$"


#: CP-4: a person's codice fiscale (16 characters) as typed: what ``load`` compacts to 16.
CF_PERSONA_INPUT: dict[str, Any] = {"type": "string", "pattern": f"^{_cf_person()}$"}
#: CP-4: a person's codice fiscale as ``dump`` writes it.
CF_PERSONA_OUTPUT: dict[str, Any] = {"type": "string", "minLength": 16, "maxLength": 16}


def _piva_input() -> str:
    # python-stdnum's it.iva.compact: clean " -:", upper case, then a leading "IT" goes.
    prefix = f"(?:[Ii]{_CF_SEP}*[Tt]{_CF_SEP}*)?"
    digits = f"{_CF_SEP}*".join([_DIGIT] * 11)
    return f"^{_CF_LEAD}*{prefix}{digits}{_CF_LEAD}*$"


def _pod_tokens(*, trailing: bool) -> list[str]:
    tokens = [_either_case(t) for t in _POD]
    return [*tokens, "[A-Za-z0-9]?"] if trailing else tokens


def _pod_input() -> str:
    return "^" + _interleaved(_pod_tokens(trailing=True), _STRIP_SEP, _STRIP_LEAD) + "$"


def _digits_input(count: int) -> str:
    return "^" + _interleaved([_DIGIT] * count, _STRIP_SEP, _STRIP_LEAD) + "$"


def _punto_input() -> str:
    # A POD when the stripped text starts with "IT" (any case), else a PDR (14 digits).
    tokens = _pod_tokens(trailing=True)
    pod = f"{WS}*{tokens[0]}{tokens[1]}" + "".join(f"{_STRIP_SEP}*{t}" for t in tokens[2:])
    pod += f"{_STRIP_LEAD}*"
    pdr = _interleaved([_DIGIT] * 14, _STRIP_SEP, _STRIP_LEAD)
    return f"^(?:{pod}|{pdr})$"


def _lettura_text() -> str:
    # RD-2 as parse_lettura reads it: up to 15 digits, or groups of three after 1-3 digits,
    # one kind of separator (dot, space, no-break spaces, apostrophes); blanks around.
    groups = "|".join(
        f"[0-9]{{1,3}}(?:{sep}[0-9]{{3}}){{1,4}}"
        for sep in (r"\.", " ", r"\xa0", r"\u202f", "'", r"\u2019")
    )
    return f"^{WS}*(?:[0-9]{{1,15}}|{groups}){WS}*$"


_EMAIL_MAX = MAX_EMAIL_LENGTH
_PHONE_MAX = MAX_PHONE_LENGTH
_CF_PATTERN = KINDS[CodiceFiscale].schema["pattern"]
_LETTURA_MAX = 10**MAX_CIFRE - 1

#: local@domain, no blank inside, at most 254 characters once stripped (profile.normalize_email).
_EMAIL_INPUT = f"^{WS}*(?={NOT_WS}{{1,{_EMAIL_MAX}}}{WS}*$)[^@{_WS_BODY}]+@[^@{_WS_BODY}]+{WS}*$"

#: The input schema of each value kind: every raw value ``load`` accepts passes it.
KIND_INPUT: dict[object, dict[str, Any]] = {
    Descrizione: {"type": "string", "pattern": stripped_length(DESCRIZIONE_MAX)},
    Password: {"type": "string", "minLength": 1, "maxLength": PASSWORD_MAX, "writeOnly": True},
    CodiceFiscale: {"type": "string", "pattern": _cf_input()},
    PartitaIva: {"type": "string", "pattern": _piva_input()},
    Pod: {"type": "string", "pattern": _pod_input()},
    Pdr: {"type": "string", "pattern": _digits_input(14)},
    CodicePunto: {"type": "string", "pattern": _punto_input()},
    CodiceCliente: {"type": "string", "pattern": _digits_input(6)},
    Email: {"type": "string", "pattern": _EMAIL_INPUT},
    Telefono: {"type": "string", "pattern": stripped_length(_PHONE_MAX)},
    # AU-4: load folds NFKC and case before it checks the alphabet and the 3-40 characters
    # (fullwidth letters and ligatures are taken): raw, only something not blank is stated.
    Username: dict(NONBLANK),
    Cellulare: {"type": "string", "pattern": stripped_length(_PHONE_MAX)},
    LuogoNascita: text_schema(LUOGO_NASCITA_MAX, "input"),
    Indirizzo: text_schema(INDIRIZZO_MAX, "input"),
    TestoBreve: text_schema(TESTO_BREVE_MAX, "input"),
    # CP-4: euro, at most 10 digits and 2 decimals, a dot or a comma, never negative.
    Importo: {"type": "string", "pattern": f"^{WS}*[0-9]{{1,10}}(?:[.,][0-9]{{1,2}})?{WS}*$"},
    Lettura: {
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": _LETTURA_MAX},
            {"type": "string", "pattern": _lettura_text()},
        ]
    },
}

#: The output schema of each value kind: the canonical value ``dump`` writes.
KIND_OUTPUT: dict[object, dict[str, Any]] = {
    Descrizione: {**TEXT_OUTPUT, "maxLength": DESCRIZIONE_MAX},
    Password: {"type": "string", "minLength": 1, "maxLength": PASSWORD_MAX, "writeOnly": True},
    CodiceFiscale: {"type": "string", "maxLength": 16, "pattern": _CF_PATTERN},
    PartitaIva: dict(KINDS[PartitaIva].schema),
    Pod: dict(KINDS[Pod].schema),
    Pdr: dict(KINDS[Pdr].schema),
    CodicePunto: dict(KINDS[CodicePunto].schema),
    CodiceCliente: dict(KINDS[CodiceCliente].schema),
    Email: {
        "type": "string",
        "format": "idn-email",
        "maxLength": _EMAIL_MAX,
        "pattern": f"^[^@{_WS_BODY}]+@[^@{_WS_BODY}]+$",
    },
    Telefono: dict(KINDS[Telefono].schema),
    Username: dict(KINDS[Username].schema),
    Cellulare: dict(KINDS[Cellulare].schema),
    LuogoNascita: text_schema(LUOGO_NASCITA_MAX, "output"),
    Indirizzo: text_schema(INDIRIZZO_MAX, "output"),
    TestoBreve: text_schema(TESTO_BREVE_MAX, "output"),
    Importo: {**KINDS[Importo].schema, "maxLength": 13},
    Lettura: {"type": "integer", "minimum": 0, "maximum": _LETTURA_MAX},
}


def kind_schema(kind: object, mode: str) -> dict[str, Any]:
    """The schema of a value kind in ``mode``; a kind this module does not know is any text.

    A kind added to :data:`~sportello.forms._fields.KINDS` without a schema here is described
    as a non-blank string in input mode (never stricter than ``load``) and by its own
    canonical schema in output mode; ``tests/forms/test_schema.py`` asks for both tables to
    cover every kind.
    """
    table = KIND_INPUT if mode == "input" else KIND_OUTPUT
    found = table.get(kind)
    if found is None:
        found = NONBLANK if mode == "input" else KINDS[kind].schema
    return dict(found)
