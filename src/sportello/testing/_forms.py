"""Hypothesis strategies for whole forms: valid documents, valid records, invalid documents.

For test suites only (imports Hypothesis). Every form of :mod:`sportello.forms` that the
client submits has a builder of valid JSON documents; the people in them are consistent (the
codice fiscale is computed from the name, birth date, sex and comune, as ``forms.load``
checks), dates are in the past (a complaint more than 40 days ago, CP-1) except a meeting
availability's (far in the future, CP-5), passwords follow PW-1..PW-3.

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
from typing import Any

from hypothesis import strategies as st

from sportello._violations import ValidationError
from sportello.testing import _forms_conciliazione as _conciliazione
from sportello.testing._persone import (
    TODAY,
    Doc,
    cliente,
    controparte,
    frase,
    ids,
    password,
    persone,
    punto,
    telefono,
)

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


@st.composite
def _registrazione_sportello(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    username = f"{p['cognome'].lower().replace(' ', '')}{draw(st.integers(1, 9999))}"
    return {"username": username, "password": draw(password()), **cliente(p)}


@st.composite
def _cambio_password(draw: st.DrawFn) -> Doc:
    nuova = draw(password())
    attuale = draw(password().filter(lambda x: x != nuova))
    return {
        "username": f"utente{draw(st.integers(1, 9999))}",
        "password_attuale": attuale,
        "nuova_password": nuova,
        "conferma_password": nuova,
    }


@st.composite
def _smart_help(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    materia = draw(st.sampled_from(["bonus_mancata_erogazione", "bonus_recupero"]))
    return {
        "materia": materia,
        "cliente": cliente(p),
        "punto_fornitura": draw(punto()),
        "controparte": draw(controparte("distributore")),
        "descrizione": draw(frase()),
    }


@st.composite
def _informazioni(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    return {
        "cliente": cliente(p),
        "argomento": draw(st.sampled_from(["Bolletta", "Bonus sociale", "Cambio fornitore"])),
        "descrizione": draw(frase()),
    }


@st.composite
def _registrazione_area_clienti(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    ids_ = ids()
    codice = draw(st.sampled_from([p["codice_fiscale"]]) | ids_.partite_iva())
    return {
        "codice_cliente": draw(ids_.codici_cliente()),
        "codice_fiscale": codice,
        "email": p["email"],
    }


@st.composite
def _autolettura(draw: st.DrawFn) -> Doc:
    doc: Doc = {
        "punto": f"PR{draw(st.integers(0, 999999)):06d}",
        "data": draw(st.dates(dt.date(2020, 1, 1), TODAY)).isoformat(),
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
        doc["telefono"] = draw(telefono())
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
    return {"username": f"utente{draw(st.integers(1, 9999))}", "password": draw(password())}


@st.composite
def _recupero_password(draw: st.DrawFn) -> Doc:
    return {"codice_cliente": draw(ids().codici_cliente())}


@st.composite
def _segnalazione_anomalia(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    doc: Doc = {
        "nome": p["nome"],
        "cognome": p["cognome"],
        "username": f"{p['cognome'].lower().replace(' ', '')}{draw(st.integers(1, 9999))}",
        "anomalia": draw(frase()),
    }
    if draw(st.booleans()):
        doc["screenshot"] = draw(st.sampled_from(["videata.png", "errore.jpg", "pagina.pdf"]))
    return doc


_BUILDERS: dict[str, Callable[[], st.SearchStrategy[Doc]]] = {
    **_conciliazione.BUILDERS,
    "AggiornamentoAnagrafica": _aggiornamento_anagrafica,
    "Autolettura": _autolettura,
    "CambioPassword": _cambio_password,
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
    "valore_controversia": "1.240,00",
    "conferma": False,
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
    **_conciliazione.ESEMPI,
    "AggiornamentoAnagrafica": {"telefono": "+39 333 1234567", "email": "mario.rossi@example.it"},
    "Autolettura": {"punto": "PR002874", "data": "2026-01-15", "lettura_contatore": "46.500"},
    "CambioPassword": {
        "username": "mario.rossi",
        "password_attuale": ESEMPIO_PASSWORD,
        "nuova_password": "Girasole#2027",
        "conferma_password": "Girasole#2027",
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
