"""The strategies and examples of the conciliation's forms (CP-1, CP-3, CP-4, CP-5, CP-7, CP-8).

For test suites only (imports Hypothesis). Joined into :mod:`sportello.testing._forms`'s
builders and examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import strategies as st

from sportello.testing._persone import (
    TODAY,
    Doc,
    cliente,
    controparte,
    frase,
    persone,
    punto,
    telefono,
)

__all__ = ["BUILDERS", "ESEMPI"]


@st.composite
def _domanda_conciliazione(draw: st.DrawFn) -> Doc:
    p = draw(persone())
    reclamo = draw(st.dates(dt.date(2020, 1, 1), TODAY - dt.timedelta(days=60)))
    risposta = reclamo + dt.timedelta(days=draw(st.integers(1, 40)))
    persona = {**cliente(p), "luogo_nascita": p["luogo_nascita"], "cellulare": draw(telefono())}
    euro, cent = draw(st.integers(0, 99_999)), draw(st.integers(0, 99))
    return {
        "modulo": "cliente",
        "tipo_richiedente": "persona_fisica",
        "cliente": persona,
        "punto_fornitura": draw(punto()),
        "controparte": draw(controparte("venditore")),
        "reclamo": {
            "data": reclamo.isoformat(),
            "data_risposta": risposta.isoformat(),
            "risposta_insoddisfacente": draw(st.booleans()),
        },
        "oggetto": draw(st.sampled_from(["fatturazione", "misura", "contratti", "altro"])),
        "valore_controversia": f"{euro}.{cent:02d}",
        "descrizione": draw(frase(2000)),
        "richieste_cliente": draw(frase()),
        "dichiarazione_nessun_tentativo": True,
        "dichiarazione_data_reclamo": True,
        "allegati": [
            {"tipo": "documento_identita", "nome": "carta-identita.pdf"},
            {"tipo": "reclamo", "nome": "reclamo.pdf"},
            {"tipo": "risposta_reclamo", "nome": "risposta.pdf"},
        ],
    }


_FASCE = ["09:00", "10:30", "12:00", "14:00", "15:30", "17:00"]
_FERIALI = ["lunedi", "martedi", "mercoledi", "giovedi", "venerdi"]


def _fascia_disponibile() -> st.SearchStrategy[Doc]:
    """A (weekday or future working date, slot) pair of CP-5 (dates far ahead: never past)."""
    giorno = st.builds(
        lambda g, f: {"giorno": g, "fascia": f}, st.sampled_from(_FERIALI), st.sampled_from(_FASCE)
    )
    data = st.builds(
        lambda d, f: {"data": d.isoformat(), "fascia": f},
        st.dates(dt.date(2090, 1, 1), dt.date(2099, 12, 31)).filter(lambda d: d.weekday() < 5),
        st.sampled_from(_FASCE),
    )
    return giorno | data


@st.composite
def _risposta_integrazione(draw: st.DrawFn) -> Doc:
    doc: Doc = {"allegati": [{"tipo": "bolletta", "nome": "bolletta.pdf"}]}
    if draw(st.booleans()):
        doc["note"] = draw(frase())
    return doc


@st.composite
def _disponibilita_incontro(draw: st.DrawFn) -> Doc:
    return {"fasce": draw(st.lists(_fascia_disponibile(), min_size=1, max_size=4))}


@st.composite
def _richiesta_rinvio(draw: st.DrawFn) -> Doc:
    return {
        "motivo": draw(frase()),
        "fasce": draw(st.lists(_fascia_disponibile(), max_size=3)),
    }


@st.composite
def _ritiro_domanda(draw: st.DrawFn) -> Doc:
    doc: Doc = {"conferma": True}
    if draw(st.booleans()):
        doc["motivo"] = draw(frase())
    return doc


#: The builders of valid documents, by form class name.
BUILDERS: dict[str, Callable[[], st.SearchStrategy[Doc]]] = {
    "DisponibilitaIncontro": _disponibilita_incontro,
    "DomandaConciliazione": _domanda_conciliazione,
    "RichiestaRinvio": _richiesta_rinvio,
    "RispostaIntegrazione": _risposta_integrazione,
    "RitiroDomanda": _ritiro_domanda,
}

_MARIO: Doc = {
    "tipo_cliente": "domestico",
    "nome": "Mario",
    "cognome": "Rossi",
    "codice_fiscale": "RSSMRA85T10A562S",
    "email": "mario.rossi@example.it",
}

#: One valid document per form (the consumer Mario Rossi).
ESEMPI: dict[str, Doc] = {
    "DisponibilitaIncontro": {
        "fasce": [{"giorno": "lunedi", "fascia": "09:00"}, {"giorno": "giovedi", "fascia": "15:30"}]
    },
    "DomandaConciliazione": {
        "modulo": "cliente",
        "tipo_richiedente": "persona_fisica",
        "cliente": {
            **_MARIO,
            "data_nascita": "1985-12-10",
            "sesso": "M",
            "luogo_nascita": "Bagni di Lucca",
            "cellulare": "+39 333 1234567",
        },
        "punto_fornitura": "IT001E12345678",
        "controparte": {"ruolo": "venditore", "ragione_sociale": "Energia Srl"},
        "reclamo": {"data": "2025-06-01", "data_risposta": "2025-07-01", "risposta": "Respinto"},
        "oggetto": "fatturazione",
        "valore_controversia": "1200.00",
        "descrizione": "Conguaglio di 1.200 euro su consumi stimati e mai effettuati.",
        "richieste_cliente": "Rettifica della bolletta e rimborso.",
        "dichiarazione_nessun_tentativo": True,
        "dichiarazione_data_reclamo": True,
        "allegati": [
            {"tipo": "documento_identita", "nome": "carta-identita.pdf"},
            {"tipo": "reclamo", "nome": "reclamo.pdf"},
            {"tipo": "risposta_reclamo", "nome": "risposta.pdf"},
        ],
    },
    "RichiestaRinvio": {"motivo": "Impegno di lavoro non rinviabile nel giorno dell'incontro."},
    "RispostaIntegrazione": {
        "note": "Allego la bolletta richiesta.",
        "allegati": [{"tipo": "bolletta", "nome": "bolletta.pdf"}],
    },
    "RitiroDomanda": {"conferma": True, "motivo": "Il venditore ha rettificato la bolletta."},
}
