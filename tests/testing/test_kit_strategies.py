"""The kit's strategies: invalid documents with their violation, CSV rows, cases in every state."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sportello
from sportello import forms
from sportello.testing import Sandbox
from sportello.testing.strategies import (
    FORM_NAMES,
    PERCORSI,
    Caso,
    Errore,
    casi,
    documenti_errati,
    righe_csv,
    righe_csv_invalide,
)


@settings(max_examples=40)
@given(
    st.sampled_from(FORM_NAMES).flatmap(
        lambda name: st.tuples(st.just(name), documenti_errati(name))
    )
)
def test_every_planted_fault_raises_its_violation(drawn: tuple[str, Errore]) -> None:
    """Every form: load refuses the planted fault with exactly the promised code at its path."""
    name, errore = drawn
    with pytest.raises(sportello.ValidationError) as caught:
        forms.load(getattr(forms, name), errore.documento)
    assert (errore.code, errore.path) in {(v.code, v.path) for v in caught.value.violations}


@settings(max_examples=30)
@given(st.sampled_from(FORM_NAMES).flatmap(lambda name: st.tuples(st.just(name), righe_csv(name))))
def test_csv_rows_have_every_column_and_load(drawn: tuple[str, dict[str, str]]) -> None:
    """A row has exactly the form's dotted columns and unflattens to a document that loads."""
    name, row = drawn
    cls = getattr(forms, name)
    assert tuple(row) == forms.columns(cls)
    forms.load(cls, forms.unflatten(cls, row))


@settings(max_examples=20)
@given(righe_csv_invalide("RichiestaSmartHelp"))
def test_invalid_csv_rows_are_refused(row: dict[str, str]) -> None:
    """An invalid row is refused once unflattened, and names a dotted path of the columns."""
    with pytest.raises(sportello.ValidationError) as caught:
        forms.load(forms.RichiestaSmartHelp, forms.unflatten(forms.RichiestaSmartHelp, row))
    columns = forms.columns(forms.RichiestaSmartHelp)
    paths = {v.path for v in caught.value.violations}
    assert any(c == p or c.startswith(p + ".") or p.startswith(c) for p in paths for c in columns)


def test_paths_reach_every_state_of_sh4() -> None:
    """SH-4: the table has a path to every state; closed states end with their move."""
    from sportello.rules.smart_help import StatoPratica

    assert set(PERCORSI) == {s.value for s in StatoPratica}
    assert PERCORSI["inviata"] == ()
    assert dict(PERCORSI["risolta"][-1].fields)["stato"] == "risolta"


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(casi(forms=("RichiestaSmartHelp", "RichiestaInformazioni")))
def test_cases_reach_the_drawn_state(sportello_session_sandbox: Sandbox, caso: Caso) -> None:
    """Every drawn case, opened on a reset sandbox, ends in the drawn state (SH-4)."""
    sandbox = sportello_session_sandbox.reset()
    with sandbox.registered_client() as client:
        pratica = caso.apri(sandbox, client)
    assert pratica.stato == caso.stato


def test_unknown_state_is_refused() -> None:
    """Asking for a state no path reaches is a ValueError naming the known ones."""
    with pytest.raises(ValueError, match="no path"):
        casi(stati=("sospesa",))
