"""CP-3..CP-10: the moves the actions table allows, state by state, and a refused move."""

import pytest

from sportello.rules import conciliazione as c
from sportello.rules.conciliazione import _azioni

S = c.StatoConciliazione

#: Every move of the procedure, from the sources (TICO, the Servizio's pages): a state may stay
#: (a new meeting, an extension); the three final states lead nowhere.
EXPECTED = {
    S.INVIATA: {S.IN_ATTESA_INTEGRAZIONE, S.AMMESSA, S.ARCHIVIATA},
    S.IN_ATTESA_INTEGRAZIONE: {S.INVIATA, S.ARCHIVIATA},
    S.AMMESSA: {S.AMMESSA, S.CONVOCATA, S.MANCATO_ACCORDO, S.ARCHIVIATA},
    S.CONVOCATA: {S.CONVOCATA, S.RINVIATA, S.ACCORDO, S.MANCATO_ACCORDO, S.ARCHIVIATA},
    S.RINVIATA: {S.RINVIATA, S.CONVOCATA, S.MANCATO_ACCORDO, S.ARCHIVIATA},
    S.ACCORDO: set(),
    S.MANCATO_ACCORDO: set(),
    S.ARCHIVIATA: set(),
}


def test_the_moves_derived_from_the_actions_table_are_the_sources() -> None:
    """CP-3..CP-10: the moves derived from AZIONI, state by state, are exactly the expected."""
    derived = _azioni._transizioni()
    assert derived == {s: frozenset(t) for s, t in EXPECTED.items()}
    assert all(type(t) is frozenset for t in derived.values())
    assert derived == c.TRANSIZIONI


@pytest.mark.parametrize(("da", "a"), [(d, a) for d in S for a in S])
def test_check_transition_allows_exactly_the_expected_moves(
    da: c.StatoConciliazione, a: c.StatoConciliazione
) -> None:
    """CP-3..CP-10: every pair of states is allowed or refused as the table says."""
    found = c.check_transition(da, a)
    if a in EXPECTED[da]:
        assert found == []
    else:
        (v,) = found
        assert (v.code, v.path) == ("conciliazione.invalid_transition", "stato")
        assert v.params == {"da": da.label, "a": a.label, "da_en": da.label_en, "a_en": a.label_en}
        (w,) = c.check_transition(da, a, path="procedura.stato")
        assert w.path == "procedura.stato"
