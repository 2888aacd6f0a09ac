"""CP-3, CP-5, CP-8, CP-9: each term's violation (code, path, params) and its defaults."""

import datetime as dt

import pytest

from sportello import ValidationError
from sportello.rules.conciliazione import (
    integrazione_entro,
    ritiro_entro,
    scadenze,
)
from sportello.rules.conciliazione._termini import giorno

D = dt.date
MAX = dt.date.max


def _violation(err: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str, dict[str, object]]:
    (v,) = err.value.violations
    return v.code, v.path, dict(v.params)


def test_giorno_past_the_calendar_names_its_day_at_the_path() -> None:
    """A day moved past 9999-12-31 is calendar.date_out_of_range with the day, at the path."""
    assert giorno(MAX, 0) == MAX
    with pytest.raises(ValidationError) as info:
        giorno(MAX, 1, path="x.y")
    assert _violation(info) == ("calendar.date_out_of_range", "x.y", {"data": "9999-12-31"})
    with pytest.raises(ValidationError) as info:
        giorno(MAX, 1)
    assert _violation(info)[1] == ""


def test_cp5_first_meeting_term_past_the_calendar() -> None:
    """CP-5: day 40 past the calendar is refused at data_domanda_completa, with day 0."""
    day0 = MAX - dt.timedelta(days=39)
    with pytest.raises(ValidationError) as info:
        scadenze(day0)
    assert _violation(info) == (
        "calendar.date_out_of_range",
        "data_domanda_completa",
        {"data": day0.isoformat()},
    )


def test_cp9_end_and_longest_end_past_the_calendar() -> None:
    """CP-9: day 90 (+ extension) or day 120 past the calendar: refused at data_domanda_completa."""
    for day0, proroga in (
        (MAX - dt.timedelta(days=89), 0),  # day 90 overflows, day 40 does not
        (MAX - dt.timedelta(days=100), 11),  # day 101 overflows, day 90 does not
        (MAX - dt.timedelta(days=119), 0),  # day 90 fits, day 120 overflows
    ):
        with pytest.raises(ValidationError) as info:
            scadenze(day0, proroga_giorni=proroga)
        assert _violation(info) == (
            "calendar.date_out_of_range",
            "data_domanda_completa",
            {"data": day0.isoformat()},
        )
    last = MAX - dt.timedelta(days=120)
    assert scadenze(last).conclusione_massima == MAX


def test_cp3_cp8_terms_past_the_calendar_name_their_field() -> None:
    """CP-3, CP-8: the integration due past 9999, a withdrawal before year 1: each at its field."""
    assert integrazione_entro(MAX - dt.timedelta(days=7)) == MAX
    with pytest.raises(ValidationError) as info:
        integrazione_entro(MAX - dt.timedelta(days=6))
    assert _violation(info) == (
        "calendar.date_out_of_range",
        "data_richiesta",
        {"data": "9999-12-25"},
    )
    assert ritiro_entro(D(1, 1, 3)) == D(1, 1, 1)
    with pytest.raises(ValidationError) as info:
        ritiro_entro(D(1, 1, 2))
    assert _violation(info) == (
        "calendar.date_out_of_range",
        "data_incontro",
        {"data": "0001-01-02"},
    )


def test_cp9_no_extension_by_default() -> None:
    """CP-9: without an extension the end is day 90 and the record says 0 days granted."""
    s = scadenze(D(2026, 3, 2))
    assert (s.proroga_giorni, s.conclusione_entro) == (0, D(2026, 5, 31))
    assert scadenze(D(2026, 3, 2), proroga_giorni=12).proroga_giorni == 12


@pytest.mark.parametrize("bad", [-1, 31])
def test_cp9_extension_out_of_bounds_names_days_limit_and_rest(bad: int) -> None:
    """CP-9: an extension of -1 or 31 days is refused at proroga_giorni with the days and 30."""
    with pytest.raises(ValidationError) as info:
        scadenze(D(2026, 3, 2), proroga_giorni=bad)
    assert _violation(info) == (
        "conciliazione.proroga_oltre_limite",
        "proroga_giorni",
        {"giorni": bad, "max": 30, "residui": 30},
    )
