"""The clock's events in full (state, deadline, meeting, reason) and its refusals' params."""

import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c

from .conftest import D0, Percorso, giorno, incontro

S = c.StatoConciliazione
T = c.TipoEvento


def test_cp3_the_archiving_event_names_the_day_due_and_the_reason(percorso: Percorso) -> None:
    """CP-3: archived on day 8, the event says archived, non_integrata, due on day 7."""
    step = c.apply_deadlines(percorso.in_attesa(), giorno(8))
    reminder, closed = step.eventi
    assert (reminder.tipo, reminder.stato, reminder.entro) == (
        T.PROMEMORIA_INTEGRAZIONE,
        S.IN_ATTESA_INTEGRAZIONE,
        giorno(7),
    )
    assert (closed.tipo, closed.data, closed.stato, closed.entro, closed.motivo_archiviazione) == (
        T.INTEGRAZIONE_SCADUTA,
        giorno(8),
        S.ARCHIVIATA,
        giorno(7),
        c.MotivoArchiviazione.NON_INTEGRATA,
    )


def test_cp9_the_closing_event_carries_the_meeting_held(percorso: Percorso) -> None:
    """CP-9: closed on day 91 after a meeting on day 20: the event has the state and meeting."""
    p = percorso.convocata(20)
    reminder, closed = c.apply_deadlines(p, giorno(91)).eventi
    assert (reminder.stato, reminder.incontro) == (S.CONVOCATA, incontro(20))
    assert (closed.tipo, closed.stato, closed.entro, closed.incontro) == (
        T.DURATA_SCADUTA,
        S.MANCATO_ACCORDO,
        giorno(90),
        incontro(20),
    )


def test_cp9_a_reminder_on_the_closing_day_goes_before_the_closing() -> None:
    """CP-9: a stored meeting on day 93, past the end: on day 91 its reminder, then the closing."""
    p = c.Procedura(
        stato=S.CONVOCATA,
        data_invio=D0,
        aggiornata_il=giorno(1),
        data_domanda_completa=D0,
        incontro=incontro(93),
        convocazioni=1,
    )
    step = c.apply_deadlines(p, giorno(91))
    assert [(e.tipo, e.data) for e in step.eventi] == [
        (T.PROMEMORIA_INCONTRO, giorno(91)),
        (T.DURATA_SCADUTA, giorno(91)),
    ]


def test_a_day_before_the_last_update_names_both_days(percorso: Percorso) -> None:
    """The clock and every operation refuse a day before aggiornata_il, with both days."""
    p = percorso.convocata(20, oggi=3)
    with pytest.raises(ValidationError) as info:
        c.apply_deadlines(p, giorno(2))
    (v,) = info.value.violations
    assert (v.code, v.path, dict(v.params)) == (
        "conciliazione.data_precedente",
        "oggi",
        {"oggi": giorno(2), "aggiornata_il": giorno(3)},
    )
    with pytest.raises(ValidationError) as op:
        c.record_outcome(p, oggi=giorno(2), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf")
    assert op.value.violations == (v,)


def test_an_action_from_the_wrong_state_names_action_and_state(percorso: Percorso) -> None:
    """CP-10: recording an outcome on an admitted request names the action and the state."""
    with pytest.raises(ValidationError) as info:
        c.record_outcome(
            percorso.ammessa(), oggi=giorno(1), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf"
        )
    (v,) = info.value.violations
    assert (v.code, v.path, v.rule, dict(v.params)) == (
        "conciliazione.azione_non_ammessa",
        "stato",
        c.Azione.REGISTRA_ESITO.regola,
        {
            "azione": c.Azione.REGISTRA_ESITO.label,
            "azione_en": c.Azione.REGISTRA_ESITO.label_en,
            "stato": S.AMMESSA.label,
            "stato_en": S.AMMESSA.label_en,
        },
    )


@pytest.mark.parametrize(
    ("n", "refused"), [(7, False), (8, True)], ids=["day 7 open", "day 8 passed"]
)
def test_cp3_a_passed_term_names_its_rule_term_and_last_day(
    percorso: Percorso, n: int, refused: bool
) -> None:
    """CP-3: sending documents on day 7 is fine; on day 8 the term of CP-3 passed on day 7."""
    p = percorso.in_attesa()
    if not refused:
        assert c.integrate(p, oggi=giorno(n)).procedura.stato is S.INVIATA
        return
    with pytest.raises(ValidationError) as info:
        c.integrate(p, oggi=giorno(n))
    (v,) = info.value.violations
    assert (v.code, v.path, v.rule, dict(v.params)) == (
        "conciliazione.termine_scaduto",
        "oggi",
        "CP-3",
        {
            "termine": c.Azione.SCADENZA_INTEGRAZIONE.label,
            "termine_en": c.Azione.SCADENZA_INTEGRAZIONE.label_en,
            "entro": giorno(7),
        },
    )
