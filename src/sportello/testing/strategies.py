"""Hypothesis strategies for valid and invalid Italian identifiers and whole forms.

The form strategies (``documenti_validi``, ``moduli_validi``, ``documenti_invalidi``,
``persone``, ``esempio``) live in :mod:`sportello.testing._forms`, ``documenti_errati`` (with
the violation each must raise) in ``_invalid``, the batch template's ``righe_csv`` in
``_rows``, the cases in every state (``casi``, ``PERCORSI``) in ``_cases``; all re-exported
here.

For test suites only: this module imports Hypothesis (a dev dependency) at import time, so
import it from tests, never from library code.

>>> from hypothesis import find
>>> from sportello.rules.identifiers import codice_fiscale
>>> codice_fiscale.is_valid(find(codici_fiscali(), lambda code: True))
True
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from stdnum import iban as _iban
from stdnum import luhn
from stdnum.it.codicefiscale import calc_check_digit

from sportello.rules.identifiers._persona import MONTHS, OMOCODE_LETTERS, OMOCODE_POSITIONS
from sportello.rules.identifiers.partita_iva import OFFICE_CODES
from sportello.testing._cases import PERCORSI, Caso, Passo, casi
from sportello.testing._forms import (
    ESEMPI,
    ESEMPIO_PASSWORD,
    FORM_NAMES,
    documenti_invalidi,
    documenti_validi,
    esempio,
    moduli_validi,
    persone,
)
from sportello.testing._invalid import Errore, documenti_errati
from sportello.testing._rows import righe_csv, righe_csv_invalide

__all__ = [
    "ESEMPI",
    "ESEMPIO_PASSWORD",
    "FORM_NAMES",
    "PERCORSI",
    "Caso",
    "Errore",
    "Passo",
    "casi",
    "codici_cliente",
    "codici_cliente_invalidi",
    "codici_fiscali",
    "codici_fiscali_invalidi",
    "codici_fiscali_numerici",
    "documenti_errati",
    "documenti_invalidi",
    "documenti_validi",
    "esempio",
    "iban_italiani",
    "iban_italiani_invalidi",
    "moduli_validi",
    "omocode_variants",
    "partite_iva",
    "partite_iva_invalide",
    "pdr",
    "pdr_invalidi",
    "persone",
    "pod",
    "pod_invalidi",
    "righe_csv",
    "righe_csv_invalide",
]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TO_LETTER = str.maketrans("0123456789", OMOCODE_LETTERS)
_OFFICES = sorted(OFFICE_CODES)


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


def omocode_variants(code: str) -> list[str]:
    """The seven omocodia variants of a 16-character code, in the official order.

    The n-th variant replaces the digits of the n rightmost replaceable positions with letters
    (0 -> L, ..., 9 -> V) and recomputes the check character.

    >>> omocode_variants("MRTMTT25D09F205Z")[-1]
    'MRTMTTNRDLVFNLRV'
    """
    body = list(code[:15])
    variants = []
    for position in OMOCODE_POSITIONS:
        body[position] = body[position].translate(_TO_LETTER)
        text = "".join(body)
        variants.append(text + calc_check_digit(text))
    return variants


@st.composite
def codici_fiscali(draw: st.DrawFn, *, omocodia: bool = True) -> str:
    """Valid 16-character codici fiscali of persons (omocodia variants too unless false)."""
    cognome = draw(st.text(_LETTERS, min_size=3, max_size=3))
    nome = draw(st.text(_LETTERS, min_size=3, max_size=3))
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    place = draw(st.sampled_from("ABCDEFGHILMZ")) + draw(_digits(3))
    body = f"{cognome}{nome}{born.year % 100:02d}{MONTHS[born.month - 1]}{day:02d}{place}"
    code = body + calc_check_digit(body)
    if omocodia:
        substituted = draw(st.integers(0, len(OMOCODE_POSITIONS)))
        if substituted:
            return omocode_variants(code)[substituted - 1]
    return code


def partite_iva() -> st.SearchStrategy[str]:
    """Valid partite IVA: 7 digits (not all zero), a valid office code, the Luhn digit."""
    heads = _digits(7).filter(lambda head: head != "0000000")
    bodies = st.builds(lambda head, office: head + office, heads, st.sampled_from(_OFFICES))
    return bodies.map(lambda body: body + luhn.calc_check_digit(body))


def codici_fiscali_numerici() -> st.SearchStrategy[str]:
    """Valid 11-digit numeric codici fiscali (companies and bodies): same rules as partite IVA."""
    return partite_iva()


@st.composite
def codici_fiscali_invalidi(draw: st.DrawFn) -> str:
    """Invalid codici fiscali: wrong check character, day code out of range, or cut short."""
    code = draw(codici_fiscali(omocodia=False))
    kind = draw(st.sampled_from(("check", "day", "short")))
    if kind == "check":
        wrong = draw(st.sampled_from(_LETTERS.replace(code[15], "")))
        return code[:15] + wrong
    if kind == "day":
        body = code[:9] + draw(st.sampled_from(("00", "32", "40", "72", "99"))) + code[11:15]
        return body + calc_check_digit(body)
    return code[: draw(st.integers(1, 15))]


@st.composite
def partite_iva_invalide(draw: st.DrawFn) -> str:
    """Invalid partite IVA: wrong check digit, bad office code, or wrong length."""
    number = draw(partite_iva())
    kind = draw(st.sampled_from(("check", "office", "length")))
    if kind == "check":
        return number[:10] + str((int(number[10]) + draw(st.integers(1, 9))) % 10)
    if kind == "office":
        body = number[:7] + draw(st.sampled_from(("000", "101", "119", "122", "500", "887")))
        return body + luhn.calc_check_digit(body)
    return number + draw(_digits(draw(st.integers(1, 3))))


def pod(*, trailing: bool = True) -> st.SearchStrategy[str]:
    """Valid POD codes, with an optional trailing letter or digit unless ``trailing=False``."""
    tails = st.sampled_from(["", *"ABZ09"]) if trailing else st.just("")
    return st.builds(lambda d, n, t: f"IT{d}E{n}{t}", _digits(3), _digits(8), tails)


def pod_invalidi() -> st.SearchStrategy[str]:
    """Invalid POD codes: wrong country, wrong kind letter, or wrong number of digits."""
    return st.one_of(
        st.builds(lambda d, n: f"FR{d}E{n}", _digits(3), _digits(8)),
        st.builds(lambda d, n: f"IT{d}G{n}", _digits(3), _digits(8)),
        st.builds(lambda d, n: f"IT{d}E{n}", _digits(3), _digits(7)),
        st.builds(lambda d, n: f"IT{d}E{n}", _digits(3), _digits(10)),
    )


def pdr() -> st.SearchStrategy[str]:
    """Valid PDR codes: 14 digits."""
    return _digits(14)


def pdr_invalidi() -> st.SearchStrategy[str]:
    """Invalid PDR codes: 13 or 15 digits, or a letter among the digits."""
    return st.one_of(_digits(13), _digits(15), st.builds(lambda n: n + "A", _digits(13)))


def codici_cliente(*, digits: int = 6) -> st.SearchStrategy[str]:
    """Valid customer codes of ``digits`` digits, leading zeros included (UP-2)."""
    return _digits(digits)


def codici_cliente_invalidi(*, digits: int = 6) -> st.SearchStrategy[str]:
    """Invalid customer codes: one digit too few or too many, or a letter in place of a digit."""
    return st.one_of(
        _digits(digits - 1),
        _digits(digits + 1),
        st.builds(lambda n: "X" + n, _digits(digits - 1)),
    )


@st.composite
def iban_italiani(draw: st.DrawFn) -> str:
    """Valid Italian IBANs: CIN, ABI, CAB, 12-character account, ISO check digits."""
    account = draw(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=12, max_size=12))
    bban_tail = draw(_digits(5)) + draw(_digits(5)) + account
    bban = calc_check_digit(bban_tail) + bban_tail
    return "IT" + _iban.calc_check_digits("ITxx" + bban) + bban


@st.composite
def iban_italiani_invalidi(draw: st.DrawFn) -> str:
    """Invalid Italian IBANs: wrong ISO check digits, wrong CIN, or wrong length."""
    number = draw(iban_italiani())
    kind = draw(st.sampled_from(("check", "cin", "length")))
    if kind == "check":
        digits = int(number[2:4])
        return f"IT{(digits + draw(st.integers(1, 90))) % 97 or 98:02d}{number[4:]}"
    if kind == "cin":
        bban = draw(st.sampled_from(_LETTERS.replace(number[4], ""))) + number[5:]
        return "IT" + _iban.calc_check_digits("ITxx" + bban) + bban
    return number[: draw(st.integers(5, 26))]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
