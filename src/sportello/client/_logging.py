"""Logging of the client's calls, with secrets and personal codes redacted.

Every call is logged on ``logging.getLogger("sportello.client")``: one DEBUG line per attempt,
one INFO line per retry or redirect, one WARNING line per final failure. Before any text
reaches a logger (or an exception's ``str()``), :func:`redact` masks:

* the value of every ``name=value`` (query strings, form bodies) and ``"name": "value"``
  (JSON) whose name holds ``password``, ``passwd``, ``pwd``, ``secret``, ``token``,
  ``api_key`` or ``authorization`` (so ``conferma_password=``, ``old_pwd=``, ``client_secret=``
  too), or is ``codice_fiscale``, ``partita_iva``, ``iban``, ``pod`` or ``pdr``;
* ``Authorization:`` header values and ``Bearer ...`` tokens;
* codici fiscali, partite IVA (11 digits), POD (``IT001E12345678``), PDR (14 digits) and
  IBANs wherever they appear: in a path, in a file name (``RSSMRA85T10A562S_fattura.pdf``:
  ``_``, ``-`` and ``.`` separate words), in upper or lower case, IBANs also printed in groups
  of four (``IT60 X054 2811 ...``).

Only the value is replaced by ``***``: the line keeps its shape (``/clienti/***/fatture``,
``***_fattura.pdf``). An IBAN written with lower-case letters is masked when its check digits
are right (ISO 13616), so that a lower-case hexadecimal request id is not taken for one.

>>> redact("GET /utenti?codice_fiscale=RSSMRA85T10A562S&password=Segreta1!")
'GET /utenti?codice_fiscale=***&password=***'
>>> redact('{"token": "abc.def", "iban": "IT60X0542811101000000123456"}')
'{"token": "***", "iban": "***"}'
>>> redact("Authorization: Bearer eyJhbGciOi.x.y")
'Authorization: Bearer ***'
>>> redact("/clienti/12345678901/fatture")
'/clienti/***/fatture'
>>> redact("pwd=Segreta1! iban it60 x054 2811 1010 0000 0123 456, RSSMRA85T10A562S_2026.pdf")
'pwd=*** iban ***, ***_2026.pdf'
"""

from __future__ import annotations

import logging
import re

__all__ = ["LOGGER_NAME", "logger", "redact"]

LOGGER_NAME = "sportello.client"
logger = logging.getLogger(LOGGER_NAME)
logger.addHandler(logging.NullHandler())  # silent unless the application configures logging

_MASK = "***"

#: words that make a name secret wherever they sit in it (``conferma_password``, ``old_pwd``).
_SECRET_WORDS = r"password|passwd|passphrase|pwd|secret|token|api[_-]?key|authorization"  # noqa: S105
#: names of personal codes, exactly.
_PERSONAL_NAMES = r"codice_fiscale|partita_iva|iban|pod|pdr"
_NAME = rf"[\w.-]*(?:{_SECRET_WORDS})[\w.-]*|(?:{_PERSONAL_NAMES})"
_JSON_PAIR = re.compile(rf'("(?:{_NAME})"\s*:\s*)"(?:[^"\\]|\\.)*"', re.IGNORECASE)
#: a value runs to the next ``&`` or space (not ``#``: a password may hold one).
_QUERY_PAIR = re.compile(rf"(?<![\w.-])((?:{_NAME})\s*=\s*)[^&\s]*", re.IGNORECASE)
_AUTH_HEADER = re.compile(r"\b(authorization\s*:\s*(?:[A-Za-z]+\s+)?)[^\s,;]+", re.IGNORECASE)
_BEARER = re.compile(r"\b(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
#: a code stands alone between characters that are not letters or digits (``_`` separates).
_L, _R = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"
_CODICE_FISCALE = re.compile(
    rf"{_L}[A-Z]{{6}}[0-9LMNPQRSTUV]{{2}}[A-EHLMPRST][0-9LMNPQRSTUV]{{2}}[A-Z]"
    rf"[0-9LMNPQRSTUV]{{3}}[A-Z]{_R}",
    re.IGNORECASE,
)
_POD = re.compile(rf"{_L}IT ?[0-9]{{3}} ?E ?[0-9]{{4}} ?[0-9]{{4}}[A-Z0-9]?{_R}", re.IGNORECASE)
_IBAN = re.compile(
    rf"{_L}[A-Z]{{2}}[0-9]{{2}}(?:[A-Z0-9]{{11,30}}|(?: [A-Z0-9]{{4}}){{3,7}}(?: [A-Z0-9]{{1,3}})?)"
    rf"{_R}",
    re.IGNORECASE,
)
_PDR = re.compile(r"(?<![0-9])(?:[0-9]{14}|[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{2})(?![0-9])")
_PARTITA_IVA = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")


def _iban_checks(candidate: str) -> bool:
    """Whether the IBAN's check digits are right (ISO 13616: mod 97 of the rearranged code)."""
    compact = candidate.replace(" ", "").upper()
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _mask_iban(found: re.Match[str]) -> str:
    text = found.group(0)
    if text == text.upper() or _iban_checks(text):
        return _MASK
    return text


def redact(text: str) -> str:
    """``text`` with passwords, tokens and personal codes (CF, P.IVA, POD, PDR, IBAN) masked."""
    text = _JSON_PAIR.sub(rf'\1"{_MASK}"', text)
    text = _QUERY_PAIR.sub(rf"\1{_MASK}", text)
    text = _AUTH_HEADER.sub(rf"\1{_MASK}", text)
    text = _BEARER.sub(rf"\1{_MASK}", text)
    text = _CODICE_FISCALE.sub(_MASK, text)
    text = _POD.sub(_MASK, text)
    text = _IBAN.sub(_mask_iban, text)
    text = _PDR.sub(_MASK, text)
    return _PARTITA_IVA.sub(_MASK, text)
