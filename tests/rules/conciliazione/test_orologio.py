"""What the clock alone does: reminders and the terms that pass (CP-3, CP-5, CP-8, CP-9)."""

import attrs
import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c

from .conftest import D0, Percorso, giorno

S = c.StatoConciliazione
T = c.TipoEvento


def _tipi(step: c.Passo) -> list[tuple[c.TipoEvento, object]]:
    return [(e.tipo, e.data) for e in step.eventi]


@pytest.mark.parametrize(("n", "archived"), [(7, False), (8, True)])
def test_cp3_not_integrated_in_7_days_is_archived_on_the_8th(
    percorso: Percorso, n: int, archived: bool
) -> None:
    """CP-3: on day 7 the request still waits; on day 8 the clock archives it (non_integrata)."""
    step = c.apply_deadlines(percorso.in_attesa(), giorno(n))
    p = step.procedura
    assert p.stato is (S.ARCHIVIATA if archived else S.IN_ATTESA_INTEGRAZIONE)
    expected = [(T.PROMEMORIA_INTEGRAZIONE, giorno(5))]
    if archived:
        expected.append((T.INTEGRAZIONE_SCADUTA, giorno(8)))
        assert (p.motivo_archiviazione, p.chiusa_il) == (
            c.MotivoArchiviazione.NON_INTEGRATA,
            giorno(8),
        )
    assert _tipi(step) == expected


@pytest.mark.parametrize(("n", "closed"), [(40, False), (41, True)])
def test_cp5_no_meeting_by_day_40_closes_on_day_41(
    percorso: Percorso, n: int, closed: bool
) -> None:
    """CP-5: admitted and never convened, the procedure is open on day 40 and closed on day 41."""
    step = c.apply_deadlines(percorso.ammessa(), giorno(n))
    assert step.procedura.stato is (S.MANCATO_ACCORDO if closed else S.AMMESSA)
    if closed:
        (e,) = step.eventi
        assert (e.tipo, e.data, e.entro, e.regola) == (
            T.PRIMO_INCONTRO_SCADUTO,
            giorno(41),
            giorno(40),
            "CP-5",
        )
        assert step.procedura.per_scadenza
    else:
        assert step.eventi == ()


@pytest.mark.parametrize(("n", "closed"), [(90, False), (91, True)])
def test_cp9_no_outcome_by_day_90_closes_on_day_91(
    percorso: Percorso, n: int, closed: bool
) -> None:
    """CP-9: with a meeting held and no outcome, the procedure is closed on day 91."""
    step = c.apply_deadlines(percorso.convocata(20), giorno(n))
    assert step.procedura.stato is (S.MANCATO_ACCORDO if closed else S.CONVOCATA)
    expected = [(T.PROMEMORIA_INCONTRO, giorno(18))]
    if closed:
        expected.append((T.DURATA_SCADUTA, giorno(91)))
    assert _tipi(step) == expected


def test_cp9_an_extension_moves_the_closing_to_day_121(percorso: Percorso) -> None:
    """CP-9: 30 days of extension: open on day 120, closed without agreement on day 121."""
    p = c.extend(
        percorso.rinviata(), oggi=giorno(11), giorni=30, richiesta_da=[c.Parte.SERVIZIO]
    ).procedura
    assert c.apply_deadlines(p, giorno(120)).procedura.stato is S.RINVIATA
    closed = c.apply_deadlines(p, giorno(121))
    assert _tipi(closed) == [(T.DURATA_SCADUTA, giorno(121))]
    n = c.notifica(closed.eventi[0], pratica="C-3", email_registrazione="m@example.it")
    assert n is not None
    assert "scaduto il 14/05/2026" in n.testo


def test_cp8_the_meeting_reminder_goes_on_the_last_day_to_withdraw(percorso: Percorso) -> None:
    """CP-8: the reminder of a meeting on day 20 goes on day 18, the last day to withdraw."""
    step = c.apply_deadlines(percorso.convocata(20), giorno(19))
    (e,) = step.eventi
    assert (e.tipo, e.data, e.entro) == (T.PROMEMORIA_INCONTRO, giorno(18), giorno(18))
    assert c.withdraw(percorso.convocata(20), oggi=e.data).procedura.stato is S.ARCHIVIATA


def test_the_clock_fires_each_reminder_once(percorso: Percorso) -> None:
    """Calling the clock again on the same or a later day sends no reminder twice."""
    first = c.apply_deadlines(percorso.convocata(20), giorno(18))
    assert len(first.eventi) == 1
    assert first.procedura.aggiornata_il == giorno(18)
    assert c.apply_deadlines(first.procedura, giorno(18)).eventi == ()
    assert c.apply_deadlines(first.procedura, giorno(19)).eventi == ()


def test_no_reminder_for_a_meeting_convened_too_late_for_one(percorso: Percorso) -> None:
    """A meeting convened the day before carries its date in the convocation; no reminder."""
    p = percorso.convocata(20, oggi=19)
    assert c.apply_deadlines(p, giorno(20)).eventi == ()


def test_a_final_procedure_is_left_alone_and_time_only_moves_forward(percorso: Percorso) -> None:
    """The clock does nothing to a closed procedure; a day before the last update is refused."""
    done = c.withdraw(percorso.ammessa(), oggi=giorno(2)).procedura
    step = c.apply_deadlines(done, giorno(500))
    assert (step.procedura.stato, step.eventi) == (S.ARCHIVIATA, ())
    with pytest.raises(ValidationError) as info:
        c.apply_deadlines(done, D0)
    assert info.value.codes == ("conciliazione.data_precedente",)


def test_an_operation_after_a_passed_term_asks_for_the_clock(percorso: Percorso) -> None:
    """CP-5: convening on day 41 an admitted request never convened names the passed term."""
    from .conftest import incontro

    with pytest.raises(ValidationError) as info:
        c.convene(percorso.ammessa(), oggi=giorno(41), incontro=incontro(45))
    (v,) = info.value.violations
    assert (v.code, v.rule) == ("conciliazione.termine_scaduto", "CP-5")
    assert v.params["entro"] == giorno(40)


def test_submitted_requests_wait_for_the_servizio(percorso: Percorso) -> None:
    """CP-3: before admission no term runs (the complete request is fixed by admitting it)."""
    step = c.apply_deadlines(percorso.inviata(), giorno(365))
    assert (step.procedura.stato, step.eventi) == (S.INVIATA, ())
    assert attrs.evolve(step.procedura, aggiornata_il=D0) == percorso.inviata()
