"""CP-3, CP-5, CP-8, CP-9: the terms as pure functions of their first day, inclusive."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.conciliazione import (
    DURATA_GIORNI,
    INTEGRAZIONE_GIORNI,
    PRIMO_INCONTRO_GIORNI,
    PROROGA_MAX_GIORNI,
    RITIRO_GIORNI_PRIMA,
    Termine,
    integrazione_entro,
    ritiro_entro,
    scadenze,
)

D = dt.date


def test_the_terms_of_the_sources() -> None:
    """CP-3, CP-5, CP-8, CP-9: 7, 40, 90, 30 and 2 days, each in the table with its rule."""
    assert (INTEGRAZIONE_GIORNI, PRIMO_INCONTRO_GIORNI, DURATA_GIORNI) == (7, 40, 90)
    assert (PROROGA_MAX_GIORNI, RITIRO_GIORNI_PRIMA) == (30, 2)
    assert {t.regola for t in Termine} == {"CP-1", "CP-3", "CP-5", "CP-8", "CP-9"}
    assert [t for t in Termine if t.prima] == [Termine.RITIRO]
    assert all(t.label and t.label_en and t.decorrenza and t.decorrenza_en for t in Termine)


@given(day0=st.dates(D(2000, 1, 1), D(2100, 1, 1)), proroga=st.integers(0, 30))
def test_cp5_cp9_deadlines_count_from_day_0_inclusive(day0: dt.date, proroga: int) -> None:
    """CP-5, CP-9: day 40, day 90 + the extension, at most day 120, each day included."""
    s = scadenze(day0, proroga_giorni=proroga)
    assert (s.primo_incontro_entro - day0).days == 40
    assert (s.conclusione_entro - day0).days == 90 + proroga
    assert (s.conclusione_massima - day0).days == 120
    assert s.ritiro_entro is None


def test_cp9_extension_bounds() -> None:
    """CP-9: an extension of 0 to 30 days; -1 and 31 are refused."""
    assert scadenze(D(2026, 3, 2), proroga_giorni=30).conclusione_entro == D(2026, 6, 30)
    for bad in (-1, 31):
        with pytest.raises(ValidationError) as info:
            scadenze(D(2026, 3, 2), proroga_giorni=bad)
        assert [(v.code, v.rule) for v in info.value.violations] == [
            ("conciliazione.proroga_oltre_limite", "CP-9")
        ]


def test_cp3_integration_due_on_the_7th_day() -> None:
    """CP-3: asked on 2 March, the documents are due on 9 March (included)."""
    assert integrazione_entro(D(2026, 3, 2)) == D(2026, 3, 9)


def test_cp8_withdrawal_until_two_days_before() -> None:
    """CP-8: for a meeting on 20 March the last day to withdraw is 18 March."""
    assert ritiro_entro(D(2026, 3, 20)) == D(2026, 3, 18)
    assert scadenze(D(2026, 3, 2), data_incontro=D(2026, 3, 20)).ritiro_entro == D(2026, 3, 18)


def test_terms_past_the_calendar_are_violations() -> None:
    """CP-9: a term leaving datetime's calendar is calendar.date_out_of_range, not a crash."""
    with pytest.raises(ValidationError) as info:
        scadenze(D(9999, 12, 1))
    assert info.value.codes == ("calendar.date_out_of_range",)
    with pytest.raises(ValidationError):
        ritiro_entro(D(1, 1, 1))
