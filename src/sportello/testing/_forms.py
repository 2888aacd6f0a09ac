"""Hypothesis strategies for whole forms: valid documents, valid records, invalid documents.

For test suites only (imports Hypothesis). Every form of :mod:`sportello.forms` that the
client submits has a builder of valid JSON documents; the people in them are consistent (the
codice fiscale is computed from the name, birth date and sex, as ``forms.load`` checks), dates
are in the past, passwords follow PW-1..PW-3.

* :func:`documenti_validi` -- JSON documents that ``forms.load(cls, doc)`` accepts;
* :func:`moduli_validi` -- the loaded records;
* :func:`documenti_invalidi` -- documents ``forms.load`` refuses (one fault planted: a
  required field removed, a wrong JSON type, a broken identifier or e-mail, a description
  over 2,500 characters);
* :func:`esempio` -- one fixed, valid record per form (:data:`ESEMPI`), for example-based
  tests and demos.

>>> from hypothesis import find
>>> from sportello import forms
>>> doc = find(documenti_validi("RegistrazioneSportello"), lambda d: True)
>>> type(forms.load(forms.RegistrazioneSportello, doc)).__name__
'RegistrazioneSportello'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType
from typing import Any

from hypothesis import strategies as st
from stdnum.it.codicefiscale import calc_check_digit

from sportello._violations import ValidationError
from sportello.rules.identifiers._persona import MONTHS, name_code

__all__ = [
    "ESEMPI",
    "ESEMPIO_PASSWORD",
    "FORM_NAMES",
    "documenti_invalidi",
    "documenti_validi",
    "esempio",
    "moduli_validi",
    "persone",
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
_AZIENDE = ["Energia Srl", "Luce e Gas SpA", "Rete Distribuzione Srl", "Gas Nord SpA"]
_TODAY = dt.date(2026, 1, 1)


def _ids() -> ModuleType:
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
    """A consistent person: nome, cognome, sesso, data_nascita, codice_fiscale, email."""
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
        "codice_fiscale": _cf(nome, cognome, nascita, sesso, comune),
        "email": f"{local}{n}@example.it",
    }


def _password() -> st.SearchStrategy[str]:
    return st.builds(
        lambda parola, cifre, speciale: f"{parola}{cifre}{speciale}",
        st.sampled_from(_PAROLE),
        st.integers(10, 9999),
        st.sampled_from(_SPECIALI),
    )


def _telefono() -> st.SearchStrategy[str]:
    prefixes = st.sampled_from(["320", "328", "333", "339", "347", "348", "366", "380", "393"])
    return st.builds(lambda p, n: f"+39 {p} {n:07d}", prefixes, st.integers(1_000_000, 9_999_999))


def _cliente(p: Doc) -> Doc:
    keys = ("nome", "cognome", "codice_fiscale", "data_nascita", "sesso", "email")
    return {"tipo_cliente": "domestico", **{k: p[k] for k in keys}}


def _controparte(ruolo: str) -> st.SearchStrategy[Doc]:
    return st.builds(
        lambda nome, piva: {"ruolo": ruolo, "ragione_sociale": nome, "partita_iva": piva},
        st.sampled_from(_AZIENDE),
        _ids().partite_iva(),
    )


def _testo(max_size: int = 200) -> st.SearchStrategy[str]:
    words = st.sampled_from(["bolletta", "conguaglio", "lettura", "contatore", "importo", "bonus"])
    return st.lists(words, min_size=2, max_size=max_size // 10).map(
        lambda w: " ".join(w).capitalize() + "."
    )


def _punto() -> st.SearchStrategy[str]:
    ids = _ids()
    punti: st.SearchStrategy[str] = ids.pod() | ids.pdr()
    return punti


@st.composite
def _registrazione_sportello(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    username = f"{p['cognome'].lower().replace(' ', '')}{draw(st.integers(1, 9999))}"
    return {"username": username, "password": draw(_password()), **_cliente(p)}


@st.composite
def _cambio_password(draw: st.DrawFn) -> Doc:
    nuova = draw(_password())
    attuale = draw(_password().filter(lambda x: x != nuova))
    return {
        "username": f"utente{draw(st.integers(1, 9999))}",
        "password_attuale": attuale,
        "nuova_password": nuova,
        "conferma_password": nuova,
    }


@st.composite
def _domanda_conciliazione(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    reclamo = draw(st.dates(dt.date(2020, 1, 1), _TODAY - dt.timedelta(days=60)))
    risposta = reclamo + dt.timedelta(days=draw(st.integers(1, 40)))
    return {
        "modulo": "cliente",
        "cliente": _cliente(p),
        "punto_fornitura": draw(_punto()),
        "controparte": draw(_controparte("venditore")),
        "reclamo": {"data": reclamo.isoformat(), "data_risposta": risposta.isoformat()},
        "oggetto": draw(st.sampled_from(["fatturazione", "misura", "contratti", "altro"])),
        "descrizione": draw(_testo(2000)),
        "richieste_cliente": draw(_testo()),
        "allegati": [
            {"tipo": "reclamo", "nome": "reclamo.pdf"},
            {"tipo": "risposta_reclamo", "nome": "risposta.pdf"},
        ],
    }


@st.composite
def _smart_help(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    materia = draw(st.sampled_from(["bonus_mancata_erogazione", "bonus_recupero"]))
    return {
        "materia": materia,
        "cliente": _cliente(p),
        "punto_fornitura": draw(_punto()),
        "controparte": draw(_controparte("distributore")),
        "descrizione": draw(_testo()),
    }


@st.composite
def _informazioni(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    return {
        "cliente": _cliente(p),
        "argomento": draw(st.sampled_from(["Bolletta", "Bonus sociale", "Cambio fornitore"])),
        "descrizione": draw(_testo()),
    }


@st.composite
def _registrazione_area_clienti(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    ids = _ids()
    codice = draw(st.sampled_from([p["codice_fiscale"]]) | ids.partite_iva())
    return {
        "codice_cliente": draw(ids.codici_cliente()),
        "codice_fiscale": codice,
        "email": p["email"],
    }


@st.composite
def _autolettura(draw: st.DrawFn) -> Doc:
    doc: Doc = {
        "punto": f"PR{draw(st.integers(0, 999999)):06d}",
        "data": draw(st.dates(dt.date(2020, 1, 1), _TODAY)).isoformat(),
        "lettura_contatore": draw(st.integers(0, 99_999_999)),
    }
    if draw(st.booleans()):
        doc["lettura_correttore"] = draw(st.integers(0, 99_999_999))
    return doc


@st.composite
def _aggiornamento_anagrafica(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    doc: Doc = {"email": p["email"]}
    if draw(st.booleans()):
        doc["telefono"] = draw(_telefono())
    return doc


@st.composite
def _modalita_invio(draw: st.DrawFn) -> Doc:
    doc: Doc = {
        "contratto": f"CTR{draw(st.integers(1, 99999)):05d}",
        "modalita": draw(st.sampled_from(["elettronica", "cartacea"])),
    }
    if doc["modalita"] == "elettronica":
        doc["email_invio"] = draw(persone())["email"]
    return doc


@st.composite
def _login(draw: st.DrawFn) -> Doc:
    return {"username": f"utente{draw(st.integers(1, 9999))}", "password": draw(_password())}


@st.composite
def _recupero_password(draw: st.DrawFn) -> Doc:
    return {"codice_cliente": draw(_ids().codici_cliente())}


@st.composite
def _segnalazione_anomalia(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    doc: Doc = {
        "nome": p["nome"],
        "cognome": p["cognome"],
        "username": f"{p['cognome'].lower().replace(' ', '')}{draw(st.integers(1, 9999))}",
        "anomalia": draw(_testo()),
    }
    if draw(st.booleans()):
        doc["screenshot"] = draw(st.sampled_from(["videata.png", "errore.jpg", "pagina.pdf"]))
    return doc


_BUILDERS: dict[str, Callable[[], st.SearchStrategy[Doc]]] = {
    "AggiornamentoAnagrafica": _aggiornamento_anagrafica,
    "Autolettura": _autolettura,
    "CambioPassword": _cambio_password,
    "DomandaConciliazione": _domanda_conciliazione,
    "Login": _login,
    "ModalitaInvioBolletta": _modalita_invio,
    "RecuperoPassword": _recupero_password,
    "RegistrazioneAreaClienti": _registrazione_area_clienti,
    "RegistrazioneSportello": _registrazione_sportello,
    "RichiestaInformazioni": _informazioni,
    "RichiestaSmartHelp": _smart_help,
    "Segnalazione": _informazioni,
    "SegnalazioneAnomalia": _segnalazione_anomalia,
}

#: The forms these strategies build, by class name.
FORM_NAMES = tuple(sorted(_BUILDERS))


def _form_class(form: type | str) -> type:
    from sportello import forms

    name = form if isinstance(form, str) else form.__name__
    if name not in _BUILDERS:
        raise ValueError(f"no strategy for form {name!r}; known: {', '.join(FORM_NAMES)}")
    cls: type = getattr(forms, name)
    return cls


def _loads(cls: type, doc: Doc) -> bool:
    from sportello import forms

    try:
        forms.load(cls, doc)
    except ValidationError:
        return False
    return True


def documenti_validi(form: type | str) -> st.SearchStrategy[Doc]:
    """JSON documents of ``form`` (a class of :mod:`sportello.forms` or its name) that load."""
    cls = _form_class(form)
    return _BUILDERS[cls.__name__]().filter(lambda doc: _loads(cls, doc))


def moduli_validi(form: type | str) -> st.SearchStrategy[Any]:
    """Records of ``form``, as :func:`sportello.forms.load` builds them."""
    from sportello import forms

    cls = _form_class(form)
    return documenti_validi(cls).map(lambda doc: forms.load(cls, doc))


_BROKEN: dict[str, Any] = {
    "codice_fiscale": "RSSMRA85T10A562X",
    "email": "non-una-email",
    "descrizione": "x" * 2501,
    "password": "corta",
    "nuova_password": "corta",
    "codice_cliente": "12AB",
    "punto_fornitura": "IT000",
    "data": "31/02/2026",
}


@st.composite
def _mutated(draw: st.DrawFn, cls: type) -> Doc:
    doc = dict(draw(_BUILDERS[cls.__name__]()))
    keys = sorted(doc)
    how = draw(st.sampled_from(["remove", "wrong_type", "broken"]))
    key = draw(st.sampled_from(keys))
    if how == "remove":
        del doc[key]
    elif how == "wrong_type":
        doc[key] = [] if not isinstance(doc[key], list) else 42
    else:
        broken = [k for k in keys if k in _BROKEN] or keys
        chosen = draw(st.sampled_from(broken))
        doc[chosen] = _BROKEN.get(chosen, {"inatteso": True})
    return doc


def documenti_invalidi(form: type | str) -> st.SearchStrategy[Doc]:
    """JSON documents of ``form`` that :func:`sportello.forms.load` refuses."""
    cls = _form_class(form)
    return _mutated(cls).filter(lambda doc: not _loads(cls, doc))


#: The password of the example consumer ``mario.rossi`` (PW-1..PW-3).
ESEMPIO_PASSWORD = "Tramonto2026!"  # noqa: S105 - a published example

_MARIO: Doc = {
    "tipo_cliente": "domestico",
    "nome": "Mario",
    "cognome": "Rossi",
    "codice_fiscale": "RSSMRA85T10A562S",
    "email": "mario.rossi@example.it",
}

#: One valid JSON document per form (the consumer Mario Rossi, the demo customer 000002).
ESEMPI: dict[str, Doc] = {
    "AggiornamentoAnagrafica": {"telefono": "+39 333 1234567", "email": "mario.rossi@example.it"},
    "Autolettura": {"punto": "PR002874", "data": "2026-01-15", "lettura_contatore": "46.500"},
    "CambioPassword": {
        "username": "mario.rossi",
        "password_attuale": ESEMPIO_PASSWORD,
        "nuova_password": "Girasole#2027",
        "conferma_password": "Girasole#2027",
    },
    "DomandaConciliazione": {
        "modulo": "cliente",
        "cliente": _MARIO,
        "punto_fornitura": "IT001E12345678",
        "controparte": {"ruolo": "venditore", "ragione_sociale": "Energia Srl"},
        "reclamo": {"data": "2025-06-01", "data_risposta": "2025-07-01", "risposta": "Respinto"},
        "oggetto": "fatturazione",
        "descrizione": "Conguaglio di 1.200 euro su consumi stimati e mai effettuati.",
        "richieste_cliente": "Rettifica della bolletta e rimborso.",
        "allegati": [
            {"tipo": "reclamo", "nome": "reclamo.pdf"},
            {"tipo": "risposta_reclamo", "nome": "risposta.pdf"},
        ],
    },
    "Login": {"username": "mario.rossi", "password": ESEMPIO_PASSWORD},
    "ModalitaInvioBolletta": {"contratto": "CE-0001", "modalita": "elettronica"},
    "RecuperoPassword": {"codice_cliente": "000002"},
    "RegistrazioneAreaClienti": {
        "codice_cliente": "000002",
        "codice_fiscale": "00743110157",
        "email": "amministrazione@prova.example.it",
    },
    "RegistrazioneSportello": {"username": "mario.rossi", "password": ESEMPIO_PASSWORD, **_MARIO},
    "RichiestaInformazioni": {
        "cliente": _MARIO,
        "argomento": "Bolletta",
        "descrizione": "Come si legge il conguaglio?",
    },
    "RichiestaSmartHelp": {
        "materia": "bonus_mancata_erogazione",
        "cliente": _MARIO,
        "punto_fornitura": "IT001E12345678",
        "controparte": {"ruolo": "distributore", "ragione_sociale": "Rete Srl"},
        "descrizione": "Il bonus sociale ammesso dal Comune non è mai stato erogato.",
    },
    "Segnalazione": {
        "cliente": _MARIO,
        "argomento": "Portale",
        "descrizione": "La pagina delle pratiche non si apre.",
    },
    "SegnalazioneAnomalia": {
        "nome": "Mario",
        "cognome": "Rossi",
        "username": "mario.rossi",
        "anomalia": "Il pulsante Invia non risponde.",
        "screenshot": "videata.png",
    },
}


def esempio(form: type | str, **changes: Any) -> Any:
    """The example record of ``form`` (see :data:`ESEMPI`), with top-level ``changes``.

    >>> esempio("RegistrazioneSportello", username="giulia.bianchi").username
    'giulia.bianchi'
    """
    from sportello import forms

    cls = _form_class(form)
    return forms.load(cls, {**ESEMPI[cls.__name__], **changes})
