"""The conciliation's own states and the one table of its actions (CP-2..CP-10)."""

import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c
from sportello.rules.meetings import FasciaIncontro
from sportello.rules.smart_help import StatoPratica

from .conftest import D0

S = c.StatoConciliazione


def test_cp10_states_of_their_own_with_labels() -> None:
    """CP-10: eight states, not SMART Help's, each labelled; three of them final."""
    assert [s.value for s in S] == [
        "inviata",
        "in_attesa_integrazione",
        "ammessa",
        "convocata",
        "rinviata",
        "accordo",
        "mancato_accordo",
        "archiviata",
    ]
    assert not {s.value for s in S} >= {s.value for s in StatoPratica}
    assert {s for s in S if s.is_final} == {S.ACCORDO, S.MANCATO_ACCORDO, S.ARCHIVIATA}
    assert all(s.label and s.label_en for s in S)
    assert [m.value for m in c.MotivoArchiviazione] == [
        "inammissibile",
        "non_integrata",
        "ritirata",
        "mancata_comparizione",
    ]
    assert all(m.label and m.label_en for m in c.MotivoArchiviazione)


def test_transitions_come_from_the_actions_table() -> None:
    """CP-3..CP-10: TRANSIZIONI is the actions' from/to states; final states lead nowhere."""
    for azione in c.Azione:
        assert azione.regola.startswith("CP-")
        assert azione.label
        assert azione.label_en
        assert azione.attore.label
        for da in azione.da:
            assert azione.targets(da) <= c.TRANSIZIONI[da]
    for s in S:
        assert (c.next_states(s) == frozenset()) == s.is_final
    assert c.Azione.PROROGA.targets(S.INVIATA) == frozenset()


def test_every_state_is_reachable_from_inviata() -> None:
    """CP-10: from INVIATA the table reaches every state, and every open state can end."""
    seen, frontier = {S.INVIATA}, [S.INVIATA]
    while frontier:
        for nxt in c.next_states(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(S)
    assert all(any(t.is_final for t in c.next_states(s)) for s in S if not s.is_final)


@pytest.mark.parametrize(
    ("da", "a", "rule"),
    [
        (S.INVIATA, S.CONVOCATA, "CP-5"),
        (S.AMMESSA, S.IN_ATTESA_INTEGRAZIONE, "CP-3"),
        (S.INVIATA, S.RINVIATA, "CP-7"),
        (S.AMMESSA, S.ACCORDO, "CP-10"),
        (S.ACCORDO, S.ARCHIVIATA, "CP-10"),
    ],
)
def test_a_refused_move_names_the_rule_of_its_target(
    da: c.StatoConciliazione, a: c.StatoConciliazione, rule: str
) -> None:
    """CP-3, CP-5, CP-7, CP-10: check_transition refuses with the aimed state's rule."""
    (v,) = c.check_transition(da, a, path="pratica.stato")
    assert (v.code, v.rule, v.path) == ("conciliazione.invalid_transition", rule, "pratica.stato")
    assert da.label in v.message()
    assert a.label_en in v.message("en")
    assert v.params == {"da": da.label, "a": a.label, "da_en": da.label_en, "a_en": a.label_en}
    assert c.check_transition(S.CONVOCATA, S.CONVOCATA) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"stato": S.CONVOCATA},  # no meeting
        {"stato": S.IN_ATTESA_INTEGRAZIONE},  # no request date
        {"stato": S.AMMESSA},  # no complete-request date
        {"stato": S.ARCHIVIATA, "chiusa_il": D0},  # no reason
        {"motivo_archiviazione": c.MotivoArchiviazione.RITIRATA},  # a reason while open
        {"proroga_giorni": 31},
        {"convocazioni": 2},  # meetings convened but none recorded
        {"aggiornata_il": D0.replace(year=2025)},  # updated before submitted
    ],
    ids=str,
)
def test_a_procedure_record_is_always_consistent(changes: dict[str, object]) -> None:
    """CP-10: the record refuses a state without the data it needs (procedura_incoerente)."""
    fields: dict[str, object] = {"stato": S.INVIATA, "data_invio": D0, "aggiornata_il": D0}
    fields.update(changes)
    with pytest.raises(ValidationError) as info:
        c.Procedura(**fields)  # type: ignore[arg-type]
    assert set(info.value.codes) == {"conciliazione.procedura_incoerente"}


def test_every_choice_has_its_labels_in_both_languages() -> None:
    """CP-2, CP-7, CP-10: reasons, parties, actors, terms and events each have it/en labels."""
    from sportello.rules.smart_help import EsitoReclamo, TipoBonus

    for kind in (c.MotivoInammissibilita, c.Parte, c.Attore, c.TipoEvento, EsitoReclamo, TipoBonus):
        labels = [(m.label, m.label_en) for m in kind]
        assert all(it and en for it, en in labels), kind
        assert len({it for it, _ in labels}) == len(labels), kind
    assert c.Termine.DURATA.giorni == 90
    assert c.Esito.MANCATO_ACCORDO.stato is S.MANCATO_ACCORDO
    meeting = c.Incontro(data=D0, fascia=FasciaIncontro.ORE_17_00, stanza="S")
    assert (meeting.inizio.hour, meeting.fine.hour, meeting.fine.minute) == (17, 18, 30)
