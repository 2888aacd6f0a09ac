"""The people and values the form strategies share: consistent persons, phones, texts.

For test suites only (imports Hypothesis). Used by :mod:`sportello.testing._forms` and
:mod:`sportello.testing._forms_conciliazione`; ``persone`` is re-exported by
:mod:`sportello.testing.strategies`.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import Any

from hypothesis import strategies as st
from stdnum.it.codicefiscale import calc_check_digit

from sportello.rules.identifiers._persona import MONTHS, name_code

__all__ = [
    "TODAY",
    "Doc",
    "cliente",
    "controparte",
    "frase",
    "ids",
    "password",
    "persone",
    "punto",
    "telefono",
]

Doc = dict[str, Any]

_NOMI = {
    "M": ["Mario", "Luca", "Giuseppe", "Niccolò", "Francesco", "Antonio", "Matteo"],
    "F": ["Giulia", "Chiara", "Francesca", "Lucia", "Anna", "Sofia", "Martina"],
}
_COGNOMI = ["Rossi", "Bianchi", "Esposito", "Ferrari", "Romano", "Colombo", "De Luca", "Galli"]
_PAROLE = ["Tramonto", "Girasole", "Libeccio", "Scirocco", "Castagna", "Vesuvio", "Gabbiano"]
_SPECIALI = "!?#$%&*+-_"
_COMUNI = ["H501", "F205", "A562", "L219", "G273", "D612"]
#: The comune of each code above (CP-4's birthplace, free text for now).
_LUOGHI = {
    "H501": "Roma",
    "F205": "Milano",
    "A562": "Bagni di Lucca",
    "L219": "Torino",
    "G273": "Palermo",
    "D612": "Firenze",
}
_AZIENDE = ["Energia Srl", "Luce e Gas SpA", "Rete Distribuzione Srl", "Gas Nord SpA"]
TODAY = dt.date(2026, 1, 1)


def ids() -> ModuleType:
    """The identifier strategies (imported on use: ``strategies`` re-exports this module)."""
    from sportello.testing import strategies

    return strategies


def _cf(nome: str, cognome: str, nascita: dt.date, sesso: str, comune: str) -> str:
    day = nascita.day + (40 if sesso == "F" else 0)
    body = (
        f"{name_code(cognome, first_name=False)}{name_code(nome, first_name=True)}"
        f"{nascita.year % 100:02d}{MONTHS[nascita.month - 1]}{day:02d}{comune}"
    )
    return body + calc_check_digit(body)


@st.composite
def persone(draw: st.DrawFn) -> Doc:
    """A consistent person: nome, cognome, sesso, data_nascita, luogo_nascita, codice_fiscale,
    email (the codice fiscale computed from the others, the comune's name its birthplace)."""
    sesso = draw(st.sampled_from(["M", "F"]))
    nome = draw(st.sampled_from(_NOMI[sesso]))
    cognome = draw(st.sampled_from(_COGNOMI))
    nascita = draw(st.dates(dt.date(1940, 1, 1), dt.date(2004, 12, 31)))
    comune = draw(st.sampled_from(_COMUNI))
    n = draw(st.integers(1, 999))
    local = f"{nome}.{cognome}".lower().replace(" ", "").replace("ò", "o")
    return {
        "nome": nome,
        "cognome": cognome,
        "sesso": sesso,
        "data_nascita": nascita.isoformat(),
        "luogo_nascita": _LUOGHI[comune],
        "codice_fiscale": _cf(nome, cognome, nascita, sesso, comune),
        "email": f"{local}{n}@example.it",
    }


def password() -> st.SearchStrategy[str]:
    """Passwords that follow PW-1..PW-3."""
    return st.builds(
        lambda parola, cifre, speciale: f"{parola}{cifre}{speciale}",
        st.sampled_from(_PAROLE),
        st.integers(10, 9999),
        st.sampled_from(_SPECIALI),
    )


def telefono() -> st.SearchStrategy[str]:
    """Italian mobile numbers (CP-4's cellulare fits too)."""
    prefixes = st.sampled_from(["320", "328", "333", "339", "347", "348", "366", "380", "393"])
    return st.builds(lambda p, n: f"+39 {p} {n:07d}", prefixes, st.integers(1_000_000, 9_999_999))


def cliente(p: Doc) -> Doc:
    """The domestic customer record of a person (without the CP-4 extras)."""
    keys = ("nome", "cognome", "codice_fiscale", "data_nascita", "sesso", "email")
    return {"tipo_cliente": "domestico", **{k: p[k] for k in keys}}


def controparte(ruolo: str) -> st.SearchStrategy[Doc]:
    """A counterpart of ``ruolo`` with a valid partita IVA."""
    return st.builds(
        lambda nome, piva: {"ruolo": ruolo, "ragione_sociale": nome, "partita_iva": piva},
        st.sampled_from(_AZIENDE),
        ids().partite_iva(),
    )


def frase(max_size: int = 200) -> st.SearchStrategy[str]:
    """A sentence of domain words, at most ``max_size`` characters."""
    words = st.sampled_from(["bolletta", "conguaglio", "lettura", "contatore", "importo", "bonus"])
    return st.lists(words, min_size=2, max_size=max_size // 10).map(
        lambda w: " ".join(w).capitalize() + "."
    )


def punto() -> st.SearchStrategy[str]:
    """A POD or a PDR."""
    found = ids()
    punti: st.SearchStrategy[str] = found.pod() | found.pdr()
    return punti
