"""Codice fiscale: the birth day a code allows (29 February, the first centuries, today).

The codes are Mario Rossi's (``RSSMRA``) born in Roma (H501, a comune since 11/09/1884) on
the edge dates, with the check character of python-stdnum: no published code falls on them.
"""

import datetime as dt
import time
from types import SimpleNamespace

import pytest
from stdnum.it import codicefiscale as stdnum_cf

from sportello import ValidationError
from sportello.rules.identifiers import _cf_birth
from sportello.rules.identifiers import codice_fiscale as cf

TODAY = dt.date(2026, 1, 1)
#: Born on 29 February 1984 (or 1884), 2000 (1900 had no 29 February), 1 January 1930.
LEAP_84 = "RSSMRA84B29H501U"
LEAP_00 = "RSSMRA00B29H501Y"
JAN_30 = "RSSMRA30A01H501I"


def test_the_codes_carry_stdnum_check_characters() -> None:
    """The edge codes of this file are valid for python-stdnum too."""
    for code in (
        LEAP_84,
        LEAP_00,
        JAN_30,
        "RSSMRA01A01H501D",
        "RSSMRA60A01H501Q",
        "RSSMRA00A01H501C",
    ):
        assert stdnum_cf.calc_check_digit(code[:15]) == code[15]


def test_29_february_of_a_leap_year_not_a_century() -> None:
    """84B29 is 29/02/1984 (and 1884 before it): a year divisible by 4, not by 100."""
    assert cf.parse(LEAP_84, today=TODAY).data_nascita == dt.date(1984, 2, 29)
    assert _cf_birth.candidates(LEAP_84, 20260101) == (19840229, 18840229)


def test_29_february_of_a_century_needs_a_multiple_of_400() -> None:
    """00B29 is 29/02/2000; on 28/02/2000 it skips 1900, 1800, 1700 (no 29 Feb): 1600."""
    assert cf.parse(LEAP_00, today=TODAY).data_nascita == dt.date(2000, 2, 29)
    assert cf.parse(LEAP_00, today=dt.date(2000, 2, 29)).data_nascita == dt.date(2000, 2, 29)
    assert cf.parse(LEAP_00, today=dt.date(2000, 2, 28)).data_nascita == dt.date(1600, 2, 29)
    assert _cf_birth.candidates(LEAP_00, 20000228) == (16000229, 12000229)
    assert _cf_birth.candidates(LEAP_00, 20260101) == (20000229, 16000229)
    assert cf.is_valid(LEAP_00, luoghi=True, today=dt.date(2000, 2, 28))  # before 1977: tolerated


def test_the_first_century_has_one_candidate() -> None:
    """In the year 50, 30A01 is the year 30 only and 01A01 the year 1 (there is no year 0)."""
    early = dt.date(50, 1, 1)
    assert _cf_birth.candidates(JAN_30, 500101) == (300101,)
    assert cf.parse(JAN_30, today=early).data_nascita == dt.date(30, 1, 1)
    assert cf.parse("RSSMRA01A01H501D", today=early).data_nascita == dt.date(1, 1, 1)
    assert _cf_birth.candidates("RSSMRA00A01H501C", 500101) == ()  # the year 0
    # before Roma existed and before 1977: a tolerated, retroactive code
    assert cf.is_valid(JAN_30, luoghi=True, today=early)
    assert cf.validate(JAN_30, luoghi=True, today=early) == JAN_30


def test_a_code_that_allows_no_day_yet() -> None:
    """In the year 50, 60A01 allows no day: parse and the deep check say invalid_date."""
    early = dt.date(50, 1, 1)
    code = "RSSMRA60A01H501Q"
    assert cf.is_valid(code, today=early)  # the shallow check does not look at today
    assert _cf_birth.candidates(code, 500101) == ()
    assert _cf_birth.born(code, 500101) == 0
    with pytest.raises(ValidationError) as info:
        cf.parse(code, today=early)
    assert info.value.codes == ("codice_fiscale.invalid_date",)
    with pytest.raises(ValidationError) as info:
        cf.validate(code, luoghi=True, today=early)
    assert info.value.codes == ("codice_fiscale.invalid_date",)
    assert not cf.is_valid(code, luoghi=True, today=early)


def _utc(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Make ``day`` the current UTC date of the module (its ``time.gmtime``)."""
    now = time.struct_time((day.year, day.month, day.day, 12, 0, 0, day.weekday(), 1, 0))
    monkeypatch.setattr(_cf_birth, "time", SimpleNamespace(gmtime=lambda: now))


def test_today_defaults_to_the_current_utc_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without today, the UTC date: 25D09 is 2025 on 09/04/2025, 1925 the day before."""
    _utc(monkeypatch, dt.date(2025, 4, 9))
    assert _cf_birth.today_day(None) == 20250409
    assert cf.parse("MRTMTT25D09F205Z").data_nascita == dt.date(2025, 4, 9)
    _utc(monkeypatch, dt.date(2025, 4, 8))
    assert _cf_birth.today_day(None) == 20250408
    assert cf.parse("MRTMTT25D09F205Z").data_nascita == dt.date(1925, 4, 9)
    assert _cf_birth.today_day(dt.date(2025, 12, 31)) == 20251231
