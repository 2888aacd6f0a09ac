"""The form strategies of sportello.testing: valid documents load, invalid ones are refused."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello import ValidationError, forms
from sportello.testing.strategies import (
    FORM_NAMES,
    documenti_invalidi,
    documenti_validi,
    moduli_validi,
)

#: Drawing a whole form and loading it is slow on a busy machine; the examples stay default.
SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_valid_documents_load_and_round_trip(name: str) -> None:
    """Every valid document loads, and dump then load gives the same record back."""
    cls = getattr(forms, name)

    @settings(suppress_health_check=SLOW)
    @given(documenti_validi(cls))
    def check(doc: dict[str, Any]) -> None:
        record = forms.load(cls, doc)
        assert forms.load(cls, forms.dump(record)) == record

    check()


@pytest.mark.parametrize("name", FORM_NAMES)
def test_invalid_documents_are_refused(name: str) -> None:
    """Every invalid document is refused with at least one violation carrying a code."""

    @settings(suppress_health_check=SLOW)
    @given(documenti_invalidi(name))
    def check(doc: dict[str, Any]) -> None:
        with pytest.raises(ValidationError) as caught:
            forms.load(getattr(forms, name), doc)
        assert all(v.code for v in caught.value.violations)

    check()


@settings(suppress_health_check=SLOW)
@given(st.sampled_from(FORM_NAMES).flatmap(moduli_validi))
def test_valid_records_are_form_instances(record: object) -> None:
    """moduli_validi yields records of the sportello.forms classes."""
    assert type(record).__name__ in FORM_NAMES


def test_unknown_form_is_refused() -> None:
    """Asking for a form without a strategy names the known ones."""
    with pytest.raises(ValueError, match="DomandaConciliazione"):
        documenti_validi("Cliente")  # a record of the forms, not a form
