"""Logging of the client's calls, with secrets and personal codes redacted.

Every call is logged on ``logging.getLogger("sportello.client")``: one DEBUG line per attempt,
one INFO line per retry, one WARNING line per final failure. Before any text reaches a
logger (or an exception's ``str()``), :func:`redact` masks:

* passwords, tokens, secrets and codes sent as ``name=value`` or ``"name": "value"``;
* ``Authorization: Bearer ...`` values;
* codici fiscali, partite IVA (11 digits) and IBANs, wherever they appear (in a path too).

>>> redact("GET /utenti?codice_fiscale=RSSMRA85T10A562S&password=Segreta1!")
'GET /utenti?codice_fiscale=***&password=***'
>>> redact('{"token": "abc.def", "iban": "IT60X0542811101000000123456"}')
'{"token": "***", "iban": "***"}'
>>> redact("Authorization: Bearer eyJhbGciOi.x.y")
'Authorization: Bearer ***'
>>> redact("/clienti/12345678901/fatture")
'/clienti/***/fatture'
"""

from __future__ import annotations

import logging
import re

__all__ = ["LOGGER_NAME", "logger", "redact"]

LOGGER_NAME = "sportello.client"
logger = logging.getLogger(LOGGER_NAME)
logger.addHandler(logging.NullHandler())  # silent unless the application configures logging

_MASK = "***"

#: names whose values are always secret or personal, in query strings, forms and JSON.
_SECRET_NAMES = (
    r"password|nuova_password|vecchia_password|password_attuale|token|access_token|"  # noqa: S105
    r"refresh_token|secret|api_key|codice_fiscale|partita_iva|iban|authorization"
)
_JSON_PAIR = re.compile(rf'("(?:{_SECRET_NAMES})"\s*:\s*)"(?:[^"\\]|\\.)*"', re.IGNORECASE)
_QUERY_PAIR = re.compile(rf"\b((?:{_SECRET_NAMES})=)[^&\s#]*", re.IGNORECASE)
_BEARER = re.compile(r"\b(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_CODICE_FISCALE = re.compile(
    r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\b")
_PARTITA_IVA = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")


def redact(text: str) -> str:
    """``text`` with passwords, tokens, codici fiscali, partite IVA and IBANs masked."""
    text = _JSON_PAIR.sub(rf'\1"{_MASK}"', text)
    text = _QUERY_PAIR.sub(rf"\1{_MASK}", text)
    text = _BEARER.sub(rf"\1{_MASK}", text)
    text = _CODICE_FISCALE.sub(_MASK, text)
    text = _IBAN.sub(_MASK, text)
    return _PARTITA_IVA.sub(_MASK, text)
