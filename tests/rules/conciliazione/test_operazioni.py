"""The operations of the procedure: each step, its events, and each refusal with its rule."""

import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c
from sportello.rules.meetings import FasciaIncontro, ModalitaIncontro

from .conftest import D0, Percorso, giorno, incontro

S = c.StatoConciliazione


def _refused(call: object, *args: object, **kwargs: object) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return [(v.code, v.rule, v.path) for v in info.value.violations]


def test_cp11_submit_gives_the_case_number_at_once() -> None:
    """CP-11: a submitted request is INVIATA and its event sends the receipt at once."""
    step = c.submit(oggi=D0)
    assert step.procedura.stato is S.INVIATA
    (e,) = step.eventi
    assert (e.tipo, e.regola, e.data) == (c.TipoEvento.DOMANDA_INVIATA, "CP-11", D0)
    n = c.notifica(e, pratica="C-7", email_registrazione="m@example.it")
    assert n is not None
    assert "numero di pratica C-7" in n.testo


@pytest.mark.parametrize(("n", "ok"), [(7, True), (8, False)])
def test_cp3_integration_within_7_days(percorso: Percorso, n: int, ok: bool) -> None:
    """CP-3: the documents asked on day 0 are taken on day 7, refused on day 8."""
    p = percorso.in_attesa()
    assert p.integrazione_entro == giorno(7)
    if ok:
        step = c.integrate(p, oggi=giorno(n))
        assert step.procedura.stato is S.INVIATA
        assert step.procedura.data_integrazione == giorno(n)
    else:
        assert _refused(c.integrate, p, oggi=giorno(n)) == [
            ("conciliazione.termine_scaduto", "CP-3", "oggi")
        ]


def test_cp3_request_states_the_due_day_and_may_be_repeated(percorso: Percorso) -> None:
    """CP-3: the request says the documents and the due day; an answer may be asked again."""
    step = c.request_integration(percorso.inviata(), oggi=D0, documenti=[" bolletta ", ""])
    (e,) = step.eventi
    assert (e.entro, e.documento) == (giorno(7), "bolletta")
    p = c.integrate(step.procedura, oggi=giorno(3)).procedura
    again = c.request_integration(p, oggi=giorno(4)).procedura
    assert again.integrazione_entro == giorno(11)


def test_cp3_admission_fixes_day_0(percorso: Percorso) -> None:
    """CP-3: admission on a day makes it the complete request's day; its event says day 40."""
    step = c.admit(percorso.inviata(), oggi=giorno(2))
    assert step.procedura.data_domanda_completa == giorno(2)
    assert step.eventi[0].entro == giorno(42)
    assert c.TipoEvento.DOMANDA_AMMESSA.notifica is None


@pytest.mark.parametrize(
    ("azione", "stato_da"),
    [
        (lambda p: c.integrate(p, oggi=D0), "ammessa"),
        (lambda p: c.request_integration(p, oggi=D0), "ammessa"),
        (lambda p: c.admit(p, oggi=D0), "ammessa"),
        (lambda p: c.postpone(p, oggi=D0, richiesto_da=c.Parte.CLIENTE, motivo="x"), "ammessa"),
        (lambda p: c.archive_no_show(p, oggi=D0), "ammessa"),
    ],
)
def test_actions_refused_in_the_wrong_state_name_their_rule(
    percorso: Percorso, azione: object, stato_da: str
) -> None:
    """CP-3, CP-7: an action from a state it may not start from names the action's rule."""
    p = percorso.ammessa()
    with pytest.raises(ValidationError) as info:
        azione(p)  # type: ignore[operator]
    (v,) = info.value.violations
    assert v.code == "conciliazione.azione_non_ammessa"
    assert v.rule in {"CP-3", "CP-7"}
    assert "Ammessa" in v.message()


@pytest.mark.parametrize(("n", "ok"), [(40, True), (41, False)])
def test_cp5_first_meeting_by_day_40(percorso: Percorso, n: int, ok: bool) -> None:
    """CP-5: the first meeting may fall on day 40, not on day 41 (both working days)."""
    p = percorso.ammessa()
    if ok:
        step = c.convene(p, oggi=giorno(1), incontro=incontro(n))
        assert step.procedura.stato is S.CONVOCATA
        assert step.procedura.convocazioni == 1
        assert step.eventi[0].entro == giorno(n - 2)  # the last day to withdraw
    else:
        assert _refused(c.convene, p, oggi=giorno(1), incontro=incontro(n)) == [
            ("conciliazione.primo_incontro_oltre_termine", "CP-5", "incontro.data")
        ]


def test_cp5_cp6_every_fault_of_a_convocation_at_once(percorso: Percorso) -> None:
    """CP-5, CP-6: a holiday, a blank room, a telephone-only mode, a blank reason, all at once."""
    bad = incontro(  # Easter Monday 2026, day 82
        82, stanza=" ", modalita=ModalitaIncontro.TELEFONO, motivo_telefono="  "
    )
    p = percorso.rinviata()
    assert _refused(c.convene, p, oggi=giorno(11), incontro=bad) == [
        ("calendar.no_meetings_on_day", "CP-5", "incontro.data"),
        ("conciliazione.stanza_required", "CP-5", "incontro.stanza"),
        ("calendar.phone_not_only_mode", "CP-6", "incontro.modalita"),
        ("calendar.phone_reason_required", "CP-6", "incontro.motivo_telefono"),
    ]


def test_cp6_a_party_by_telephone_with_its_reason(percorso: Percorso) -> None:
    """CP-6: a chat room with one party joining by telephone, the reason stated, is convened."""
    meeting = incontro(20, modalita=ModalitaIncontro.CHAT, motivo_telefono="Senza computer")
    p = c.convene(percorso.ammessa(), oggi=giorno(1), incontro=meeting).procedura
    assert p.incontro is meeting


def test_cp5_the_meeting_is_in_the_future(percorso: Percorso) -> None:
    """CP-5: a meeting is convened for a day after today, not today."""
    assert _refused(c.convene, percorso.ammessa(), oggi=giorno(20), incontro=incontro(20)) == [
        ("conciliazione.incontro_non_futuro", "CP-5", "incontro.data")
    ]


def test_cp5_a_fixed_meeting_moves_only_by_postponement(percorso: Percorso) -> None:
    """CP-5, CP-7: before its day a fixed meeting cannot be replaced; after it, a new one can."""
    p = percorso.convocata(20)
    assert _refused(c.convene, p, oggi=giorno(5), incontro=incontro(27)) == [
        ("conciliazione.incontro_gia_fissato", "CP-5", "incontro")
    ]
    later = c.convene(p, oggi=giorno(20), incontro=incontro(48)).procedura  # past day 40: fine
    assert (later.convocazioni, later.incontro.data if later.incontro else None) == (2, giorno(48))


@pytest.mark.parametrize(("n", "ok"), [(90, True), (91, False)])
def test_cp9_every_meeting_within_the_term(percorso: Percorso, n: int, ok: bool) -> None:
    """CP-9: a later meeting may fall on day 90, not on day 91."""
    p = percorso.rinviata()
    if ok:
        assert c.convene(p, oggi=giorno(11), incontro=incontro(n)).procedura.stato is S.CONVOCATA
    else:
        assert _refused(c.convene, p, oggi=giorno(11), incontro=incontro(n)) == [
            ("conciliazione.incontro_oltre_termine", "CP-9", "incontro.data")
        ]


def test_cp7_postponement_before_the_day_with_a_reason(percorso: Percorso) -> None:
    """CP-7: asked the day before it is granted; on the meeting's day, or without reason, not."""
    p = percorso.convocata(20)
    step = c.postpone(p, oggi=giorno(19), richiesto_da=c.Parte.CONTROPARTE, motivo=" Ferie ")
    assert step.procedura.stato is S.RINVIATA
    (r,) = step.procedura.rinvii
    assert (r.richiesto_da, r.motivo, r.incontro.data) == (c.Parte.CONTROPARTE, "Ferie", giorno(20))
    assert step.eventi[0].motivo == "Ferie"
    assert _refused(c.postpone, p, oggi=giorno(20), richiesto_da=c.Parte.CLIENTE, motivo="") == [
        ("conciliazione.rinvio_tardivo", "CP-7", "oggi"),
        ("conciliazione.motivo_rinvio_required", "CP-7", "motivo"),
    ]


def test_cp7_no_show_archives_from_the_meetings_day(percorso: Percorso) -> None:
    """CP-7: a no-show is recorded on the meeting's day, not before; the request is archived."""
    p = percorso.convocata(20)
    assert _refused(c.archive_no_show, p, oggi=giorno(19)) == [
        ("conciliazione.comparizione_prima_dell_incontro", "CP-7", "oggi")
    ]
    step = c.archive_no_show(p, oggi=giorno(20))
    assert (step.procedura.stato, step.procedura.motivo_archiviazione) == (
        S.ARCHIVIATA,
        c.MotivoArchiviazione.MANCATA_COMPARIZIONE,
    )


@pytest.mark.parametrize(("n", "ok"), [(18, True), (19, False), (20, False)])
def test_cp8_withdrawal_until_two_days_before_the_meeting(
    percorso: Percorso, n: int, ok: bool
) -> None:
    """CP-8: for a meeting on day 20, a withdrawal on day 18 is taken; on day 19 or 20, not."""
    p = percorso.convocata(20)
    if ok:
        step = c.withdraw(p, oggi=giorno(n))
        assert step.procedura.motivo_archiviazione is c.MotivoArchiviazione.RITIRATA
        assert step.procedura.precedente == c.Precedente(
            S.ARCHIVIATA, c.MotivoArchiviazione.RITIRATA
        )
    else:
        assert _refused(c.withdraw, p, oggi=giorno(n)) == [
            ("conciliazione.ritiro_tardivo", "CP-8", "oggi")
        ]


def test_cp8_withdrawal_any_day_without_a_fixed_meeting_and_then_cp2(percorso: Percorso) -> None:
    """CP-8: waiting or postponed, the customer withdraws any day; then CP-2 bars the dispute."""
    stages = [
        (percorso.inviata(), 30),
        (percorso.in_attesa(), 7),
        (percorso.ammessa(), 39),
        (percorso.rinviata(), 11),
    ]
    for p, n in stages:
        done = c.withdraw(p, oggi=giorno(n)).procedura
        assert done.stato.is_final
        (v,) = c.check_ammissibilita([done.precedente])
        assert v.code == "conciliazione.inammissibile_ritirata"
    over = c.withdraw(percorso.inviata(), oggi=D0).procedura
    assert _refused(c.withdraw, over, oggi=D0) == [
        ("conciliazione.azione_non_ammessa", "CP-8", "stato")
    ]


@pytest.mark.parametrize(("n", "ok"), [(90, True), (91, False)])
def test_cp10_outcome_from_the_meeting_within_the_term(
    percorso: Percorso, n: int, ok: bool
) -> None:
    """CP-10, CP-9: an outcome recorded on day 90 is taken; on day 91 the term has passed."""
    p = percorso.convocata(20)
    if ok:
        step = c.record_outcome(p, oggi=giorno(n), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf")
        assert (step.procedura.stato, step.procedura.verbale) == (S.MANCATO_ACCORDO, "v.pdf")
        assert step.eventi[0].tipo is c.TipoEvento.MANCATO_ACCORDO
    else:
        assert _refused(
            c.record_outcome, p, oggi=giorno(n), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf"
        ) == [("conciliazione.termine_scaduto", "CP-9", "oggi")]


def test_cp10_agreement_needs_the_signed_verbale_after_the_meeting(percorso: Percorso) -> None:
    """CP-10: before the meeting, without a verbale, unsigned: every fault, each CP-10."""
    p = percorso.convocata(20)
    assert _refused(c.record_outcome, p, oggi=giorno(19), esito=c.Esito.ACCORDO, verbale=" ") == [
        ("conciliazione.esito_prima_dell_incontro", "CP-10", "oggi"),
        ("conciliazione.verbale_required", "CP-10", "verbale"),
        ("conciliazione.verbale_non_firmato", "CP-10", "firmato"),
    ]
    step = c.record_outcome(
        p, oggi=giorno(20), esito=c.Esito.ACCORDO, verbale="accordo.pdf", firmato=True
    )
    assert step.procedura.stato is S.ACCORDO
    n = c.notifica(step.eventi[0], pratica="C-1", email_registrazione="m@example.it")
    assert n is not None
    assert "titolo esecutivo" in n.testo
    assert "accordo.pdf" in n.testo


@pytest.mark.parametrize(("giorni", "ok"), [(30, True), (31, False)])
def test_cp9_extension_up_to_30_days(percorso: Percorso, giorni: int, ok: bool) -> None:
    """CP-9: 30 days of extension are granted, 31 are not; the end moves to day 120."""
    p = percorso.convocata(20)
    if ok:
        step = c.extend(p, oggi=giorno(21), giorni=giorni, richiesta_da=[c.Parte.SERVIZIO])
        s = step.procedura.scadenze
        assert s is not None
        assert s.conclusione_entro == giorno(120)
        assert step.eventi[0].entro == giorno(120)
    else:
        assert _refused(
            c.extend, p, oggi=giorno(21), giorni=giorni, richiesta_da=[c.Parte.SERVIZIO]
        ) == [("conciliazione.proroga_oltre_limite", "CP-9", "giorni")]


def test_cp9_extensions_add_up_and_need_the_servizio_or_both_parties(percorso: Percorso) -> None:
    """CP-9: 20 then 10 days reach 30; one party alone cannot ask; zero days is no extension."""
    p = percorso.convocata(20)
    both = [c.Parte.CLIENTE, c.Parte.CONTROPARTE]
    p = c.extend(p, oggi=giorno(21), giorni=20, richiesta_da=both).procedura
    p = c.extend(p, oggi=giorno(22), giorni=10, richiesta_da=[c.Parte.SERVIZIO]).procedura
    assert p.proroga_giorni == 30
    assert _refused(c.extend, p, oggi=giorno(23), giorni=1, richiesta_da=[c.Parte.SERVIZIO]) == [
        ("conciliazione.proroga_oltre_limite", "CP-9", "giorni")
    ]
    q = percorso.convocata(20)
    assert _refused(c.extend, q, oggi=giorno(21), giorni=0, richiesta_da=[c.Parte.CLIENTE]) == [
        ("conciliazione.proroga_non_valida", "CP-9", "giorni"),
        ("conciliazione.proroga_richiesta_congiunta", "CP-9", "richiesta_da"),
    ]


@pytest.mark.parametrize(("n", "ok"), [(120, True), (121, False)])
def test_cp9_extended_term_ends_on_day_120(percorso: Percorso, n: int, ok: bool) -> None:
    """CP-9: with 30 days of extension an outcome on day 120 is taken, on day 121 not."""
    p = c.extend(
        percorso.convocata(20), oggi=giorno(21), giorni=30, richiesta_da=[c.Parte.SERVIZIO]
    ).procedura
    call = (c.record_outcome, p)
    kwargs = {"oggi": giorno(n), "esito": c.Esito.MANCATO_ACCORDO, "verbale": "v.pdf"}
    if ok:
        assert call[0](call[1], **kwargs).procedura.stato is S.MANCATO_ACCORDO  # type: ignore[arg-type]
    else:
        assert _refused(*call, **kwargs) == [("conciliazione.termine_scaduto", "CP-9", "oggi")]


def test_cp2_inadmissible_before_any_meeting_with_its_reasons(percorso: Percorso) -> None:
    """CP-2: declared inadmissible with the reasons of check_ammissibilita; none is refused."""
    reasons = c.check_ammissibilita([c.Precedente(S.ACCORDO)], fiscale=True)
    motivi = [m for v in reasons if (m := c.MotivoInammissibilita.of(v)) is not None]
    step = c.declare_inadmissible(percorso.ammessa(), oggi=giorno(1), motivi=motivi)
    assert step.procedura.motivi_inammissibilita == (
        c.MotivoInammissibilita.CONCLUSO,
        c.MotivoInammissibilita.FISCALE,
    )
    n = c.notifica(step.eventi[0], pratica="C-1", email_registrazione="m@e.it")
    assert n is not None
    assert "domanda inammissibile (tentativo di conciliazione già concluso" in n.testo
    assert _refused(c.declare_inadmissible, percorso.ammessa(), oggi=D0, motivi=[]) == [
        ("conciliazione.motivo_required", "CP-2", "motivi")
    ]
    assert _refused(c.declare_inadmissible, percorso.convocata(), oggi=giorno(2), motivi=motivi)[0][
        :2
    ] == ("conciliazione.azione_non_ammessa", "CP-2")


def test_a_day_before_the_last_update_is_refused(percorso: Percorso) -> None:
    """Operations never go back in time: a day before the record's last update is refused."""
    p = percorso.convocata(20, oggi=5)
    assert _refused(c.withdraw, p, oggi=giorno(4)) == [
        ("conciliazione.data_precedente", "", "oggi")
    ]


def test_every_event_of_a_lifecycle_renders_its_email(percorso: Percorso) -> None:
    """CP-10, NT-2: every e-mail of a whole procedure is full, in both languages."""
    eventi = [*c.submit(oggi=D0).eventi]
    p = percorso.in_attesa()
    eventi += c.apply_deadlines(p, giorno(6)).eventi  # the reminder
    p = c.integrate(p, oggi=giorno(6)).procedura
    p = c.admit(p, oggi=giorno(6)).procedura
    step = c.convene(p, oggi=giorno(7), incontro=incontro(30))
    eventi += step.eventi
    step = c.apply_deadlines(step.procedura, giorno(28))
    eventi += step.eventi
    step = c.postpone(
        step.procedura, oggi=giorno(29), richiesto_da=c.Parte.CLIENTE, motivo="Lavoro"
    )
    eventi += step.eventi
    step = c.extend(step.procedura, oggi=giorno(29), giorni=10, richiesta_da=[c.Parte.SERVIZIO])
    eventi += step.eventi
    eventi += c.apply_deadlines(step.procedura, giorno(200)).eventi  # the term passes
    tipi = [e.tipo for e in eventi]
    assert tipi == [
        c.TipoEvento.DOMANDA_INVIATA,
        c.TipoEvento.PROMEMORIA_INTEGRAZIONE,
        c.TipoEvento.INCONTRO_CONVOCATO,
        c.TipoEvento.PROMEMORIA_INCONTRO,
        c.TipoEvento.INCONTRO_RINVIATO,
        c.TipoEvento.TERMINE_PROROGATO,
        c.TipoEvento.DURATA_SCADUTA,
    ]
    for e in eventi:
        for lang in ("it", "en"):
            n = c.notifica(
                e,
                pratica="C-9",
                email_registrazione="m@example.it",
                email_delegato="d@example.it",
                lang=lang,  # type: ignore[arg-type]
            )
            assert n is not None
            assert n.destinatario == "d@example.it"
            assert "C-9" in n.oggetto + n.testo
            assert "{" not in n.oggetto + n.testo, (e.tipo, lang, n.testo)


def test_slot_and_room_in_the_convocation_email(percorso: Percorso) -> None:
    """CP-5: the convocation e-mail gives the day, the slot's start and the virtual room."""
    meeting = incontro(20, fascia=FasciaIncontro.ORE_15_30, stanza="Sala Verde")
    step = c.convene(percorso.ammessa(), oggi=giorno(1), incontro=meeting)
    n = c.notifica(step.eventi[0], pratica="C-2", email_registrazione="m@example.it")
    assert n is not None
    assert "03/02/2026 15:30" in n.testo
    assert "stanza virtuale Sala Verde" in n.testo
