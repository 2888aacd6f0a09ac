"""CP-5, CP-9, CP-10, NT-2: the reason an event's e-mail states, in each language."""

import datetime as dt

import pytest

from sportello.rules import conciliazione as c
from sportello.rules.notifications import Evento, notification_for

S = c.StatoConciliazione
T = c.TipoEvento
A = c.MotivoArchiviazione
R = c.MotivoInammissibilita
DAY = dt.date(2026, 5, 4)
TERM = dt.date(2026, 5, 1)

CASES = [
    (
        c.EventoProcedura(tipo=T.DURATA_SCADUTA, data=DAY, stato=S.MANCATO_ACCORDO, entro=TERM),
        Evento.TERMINE_SCADUTO,
        "procedura non conclusa entro il termine",
        "procedure not concluded within its term",
    ),
    (
        c.EventoProcedura(
            tipo=T.PRIMO_INCONTRO_SCADUTO, data=DAY, stato=S.MANCATO_ACCORDO, entro=TERM
        ),
        Evento.TERMINE_SCADUTO,
        "primo incontro non tenuto entro 40 giorni",
        "no first meeting within 40 days",
    ),
    (
        c.EventoProcedura(
            tipo=T.DOMANDA_INAMMISSIBILE,
            data=DAY,
            stato=S.ARCHIVIATA,
            motivo_archiviazione=A.INAMMISSIBILE,
            motivi_inammissibilita=(R.PENDENTE, R.FISCALE),
        ),
        Evento.ARCHIVIAZIONE,
        "domanda inammissibile (tentativo di conciliazione in corso sulla stessa controversia;"
        " materia esclusivamente fiscale)",
        "request inadmissible (a conciliation attempt on the same dispute is pending;"
        " a purely tax matter)",
    ),
    (
        c.EventoProcedura(
            tipo=T.DOMANDA_RITIRATA, data=DAY, stato=S.ARCHIVIATA, motivo_archiviazione=A.RITIRATA
        ),
        Evento.ARCHIVIAZIONE,
        "domanda ritirata dal cliente",
        "withdrawn by the customer",
    ),
]


@pytest.mark.parametrize(("evento", "kind", "it", "en"), CASES, ids=lambda x: str(x)[:30])
def test_the_email_states_the_reason_in_its_language(
    evento: c.EventoProcedura, kind: Evento, it: str, en: str
) -> None:
    """CP-5, CP-9, CP-10: a term's label or the archiving's reasons, Italian or English."""
    for lang, motivo in (("it", it), ("en", en)):
        n = c.notifica(evento, pratica="C-4", email_registrazione="m@example.it", lang=lang)  # type: ignore[arg-type]
        expected = notification_for(
            kind,
            pratica="C-4",
            email_registrazione="m@example.it",
            entro=evento.entro,
            motivo=motivo,
            lang=lang,  # type: ignore[arg-type]
        )
        assert n == expected
        assert n is not None
        assert f"{motivo})" in n.testo or f"{motivo}." in n.testo
        assert n.lang == lang
