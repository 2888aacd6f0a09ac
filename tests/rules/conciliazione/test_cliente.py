"""CP-3, CP-7, CP-8, CP-11: each customer's step exactly: the new record and its one event."""

import attrs
import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c

from .conftest import D0, Percorso, giorno, incontro

S = c.StatoConciliazione
T = c.TipoEvento


def _violations(call: object, *args: object, **kwargs: object) -> list[tuple[str, str, object]]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return [(v.code, v.path, v.params) for v in info.value.violations]


def test_cp11_submit_is_the_inviata_record_and_its_receipt() -> None:
    """CP-11: a submission is an INVIATA record of that day and the receipt's event."""
    step = c.submit(oggi=D0)
    new = c.Procedura(stato=S.INVIATA, data_invio=D0, aggiornata_il=D0)
    assert step == c.Passo(
        new, (c.EventoProcedura(tipo=T.DOMANDA_INVIATA, data=D0, stato=S.INVIATA),)
    )


def test_cp3_integration_is_back_to_inviata_on_that_day(percorso: Percorso) -> None:
    """CP-3: the documents sent on day 5: INVIATA, integrated and updated on day 5, one event."""
    p = percorso.in_attesa()
    step = c.integrate(p, oggi=giorno(5))
    new = attrs.evolve(p, stato=S.INVIATA, data_integrazione=giorno(5), aggiornata_il=giorno(5))
    event = c.EventoProcedura(tipo=T.DOMANDA_INTEGRATA, data=giorno(5), stato=S.INVIATA)
    assert step == c.Passo(new, (event,))


def test_cp8_withdrawal_is_archived_with_the_meeting_in_its_event(percorso: Percorso) -> None:
    """CP-8: withdrawn on day 18 from a meeting on day 20: archived that day, meeting named."""
    p = percorso.convocata(20)
    step = c.withdraw(p, oggi=giorno(18))
    ritirata = c.MotivoArchiviazione.RITIRATA
    new = attrs.evolve(
        p,
        stato=S.ARCHIVIATA,
        motivo_archiviazione=ritirata,
        chiusa_il=giorno(18),
        aggiornata_il=giorno(18),
    )
    event = c.EventoProcedura(
        tipo=T.DOMANDA_RITIRATA,
        data=giorno(18),
        stato=S.ARCHIVIATA,
        incontro=incontro(20),
        motivo_archiviazione=ritirata,
    )
    assert step == c.Passo(new, (event,))


def test_cp8_a_late_withdrawal_states_the_last_day_and_the_meeting(percorso: Percorso) -> None:
    """CP-8: on day 19 for a meeting on day 20: ritiro_tardivo with entro day 18, data day 20."""
    assert _violations(c.withdraw, percorso.convocata(20), oggi=giorno(19)) == [
        ("conciliazione.ritiro_tardivo", "oggi", {"entro": giorno(18), "data": giorno(20)})
    ]


def test_cp7_postponement_moves_the_meeting_into_the_record(percorso: Percorso) -> None:
    """CP-7: postponed on day 12: RINVIATA, no meeting, one Rinvio of day 12, one event."""
    p = percorso.convocata(20)
    step = c.postpone(p, oggi=giorno(12), richiesto_da=c.Parte.SERVIZIO, motivo=" Sciopero ")
    rinvio = c.Rinvio(
        data=giorno(12), richiesto_da=c.Parte.SERVIZIO, motivo="Sciopero", incontro=incontro(20)
    )
    new = attrs.evolve(
        p, stato=S.RINVIATA, incontro=None, rinvii=(rinvio,), aggiornata_il=giorno(12)
    )
    event = c.EventoProcedura(
        tipo=T.INCONTRO_RINVIATO,
        data=giorno(12),
        stato=S.RINVIATA,
        incontro=incontro(20),
        motivo="Sciopero",
    )
    assert step == c.Passo(new, (event,))


def test_cp7_a_late_postponement_names_the_meetings_day(percorso: Percorso) -> None:
    """CP-7: asked on the meeting's day 20: rinvio_tardivo whose data is day 20."""
    found = _violations(
        c.postpone,
        percorso.convocata(20),
        oggi=giorno(20),
        richiesto_da=c.Parte.CLIENTE,
        motivo="x",
    )
    assert found == [("conciliazione.rinvio_tardivo", "oggi", {"data": giorno(20)})]
