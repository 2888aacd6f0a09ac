"""Meter self-readings: windows, corrector, one a day, delete until acquired (RD-1..RD-5)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sportello import ValidationError, Violation
from sportello._messages import lookup
from sportello.rules.readings import (
    ACQUISITION_INTERVAL,
    Autolettura,
    Contatore,
    FinestraLettura,
    MotivoLettura,
    StatoAutolettura,
    acquire,
    acquisition_due,
    add,
    can_delete,
    check_new,
    delete,
    parse_lettura,
)
from sportello.rules.supply import Fornitura

# The seed's window: "Dal 11/02/2010 A partire dalle ore 08:00 Al 14/02/2099 Fino alle ore 22:00".
SEED_WINDOW = FinestraLettura(dt.datetime(2010, 2, 11, 8, 0), dt.datetime(2099, 2, 14, 22, 0))
GAS_CORRETTORE = Contatore(Fornitura.GAS, has_correttore=True)
GAS = Contatore(Fornitura.GAS)
NOW = dt.datetime(2015, 2, 15, 10, 30)
PUNTO = "PR002874"


def reading(
    day: int = 15,
    value: int = 45000,
    corr: int | None = 1,
    *,
    stato: StatoAutolettura = StatoAutolettura.DA_ACQUISIRE,
    motivo: MotivoLettura | None = None,
) -> Autolettura:
    """A reading of the seed's gas supply point on February ``day``, 2015."""
    return Autolettura(PUNTO, dt.date(2015, 2, day), value, corr, stato=stato, motivo=motivo)


def codes(found: list[Violation]) -> list[str]:
    """The codes of a list of violations."""
    return [v.code for v in found]


# --- parse_lettura (RD-2 input) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45.000", 45000),  # the seed's reading, Italian thousands separator
        ("45000", 45000),
        (" 45000 ", 45000),
        ("00123", 123),
        ("0", 0),
        ("1.234.567", 1234567),
        ("1 234 567", 1234567),
        ("45\u00a0000", 45000),
        ("45\u202f000", 45000),
        ("45'000", 45000),
        ("45’000", 45000),
        ("999", 999),
    ],
)
def test_parse_lettura_accepts_digits_and_thousands_groups(text: str, value: int) -> None:
    """Plain digits and groups of three with one separator kind parse to the int (rule: RD-2)."""
    assert parse_lettura(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "readings.input_empty"),
        ("   ", "readings.input_empty"),
        ("45,5", "readings.decimal_not_allowed"),
        ("45.000,0", "readings.decimal_not_allowed"),
        ("45,000", "readings.decimal_not_allowed"),
        ("-5", "readings.negative"),
        ("45.00", "readings.ambiguous"),
        ("4.5.000", "readings.ambiguous"),
        ("45.0000", "readings.ambiguous"),
        ("1.234 567", "readings.ambiguous"),
        (".000", "readings.ambiguous"),
        ("45.", "readings.ambiguous"),
        ("1234.567", "readings.ambiguous"),
        ("45 m3", "readings.not_a_number"),
        ("abc", "readings.not_a_number"),
        ("+45", "readings.not_a_number"),
        ("٤٥", "readings.not_a_number"),
    ],
)
def test_parse_lettura_refuses_ambiguous_or_decimal_text(text: str, code: str) -> None:
    """Commas, bad grouping and non-digits are refused with one precise code (rule: RD-2)."""
    with pytest.raises(ValidationError) as err:
        parse_lettura(text, path="lettura_contatore")
    assert err.value.codes == (code,)
    assert err.value.violations[0].path == "lettura_contatore"


# --- windows (RD-1) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (dt.datetime(2010, 2, 11, 8, 0), True),
        (dt.datetime(2010, 2, 11, 7, 59, 59), False),
        (dt.datetime(2099, 2, 14, 22, 0), True),
        (dt.datetime(2099, 2, 14, 22, 0, 1), False),
        (dt.datetime(2015, 2, 15, 10, 30), True),
    ],
)
def test_window_bounds_are_inclusive(moment: dt.datetime, inside: bool) -> None:
    """An entry window includes both its start and its end moment (rule: RD-1)."""
    assert SEED_WINDOW.contains(moment) is inside


def test_window_compares_aware_times_in_italian_time() -> None:
    """An aware moment is converted to Europe/Rome before the comparison (rule: RD-1)."""
    window = FinestraLettura(dt.datetime(2015, 2, 15, 8, 0), dt.datetime(2015, 2, 15, 22, 0))
    assert window.contains(dt.datetime(2015, 2, 15, 7, 30, tzinfo=dt.UTC))  # 08:30 in Rome
    assert not window.contains(dt.datetime(2015, 2, 15, 21, 30, tzinfo=dt.UTC))  # 22:30
    rome = ZoneInfo("Europe/Rome")
    assert window.contains(dt.datetime(2015, 2, 15, 22, 0, tzinfo=rome))


def test_reversed_window_is_refused() -> None:
    """A window that ends before it starts raises readings.window_reversed (rule: RD-1)."""
    with pytest.raises(ValidationError) as err:
        FinestraLettura(dt.datetime(2015, 2, 15, 22), dt.datetime(2015, 2, 15, 8))
    assert err.value.codes == ("readings.window_reversed",)


def test_reading_outside_every_window_is_refused() -> None:
    """Saving outside the configured windows is readings.outside_window (rule: RD-1)."""
    windows = [FinestraLettura(dt.datetime(2015, 2, 1, 8), dt.datetime(2015, 2, 10, 22))]
    found = check_new(reading(), existing=(), windows=windows, meter=GAS_CORRETTORE, now=NOW)
    assert codes(found) == ["readings.outside_window"]
    assert check_new(reading(), existing=(), windows=[], meter=GAS_CORRETTORE, now=NOW)


def test_any_of_several_windows_admits_the_reading() -> None:
    """One matching window among several is enough (rule: RD-1)."""
    windows = [
        FinestraLettura(dt.datetime(2015, 1, 1, 8), dt.datetime(2015, 1, 5, 22)),
        FinestraLettura(dt.datetime(2015, 2, 14, 8), dt.datetime(2015, 2, 16, 22)),
    ]
    assert check_new(reading(), existing=(), windows=windows, meter=GAS_CORRETTORE, now=NOW) == []


# --- meter and corrector (RD-2) -------------------------------------------------------------


def test_corrector_value_is_required_when_the_meter_has_one() -> None:
    """A gas meter with a corrector needs both values (rule: RD-2)."""
    found = check_new(
        reading(corr=None), existing=(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW
    )
    assert codes(found) == ["readings.corrector_missing"]
    assert found[0].path == "lettura_correttore"
    assert found[0].rule == "RD-2"


def test_corrector_value_is_refused_when_the_meter_has_none() -> None:
    """A meter without a corrector takes the meter value alone (rule: RD-2)."""
    found = check_new(reading(corr=1), existing=(), windows=[SEED_WINDOW], meter=GAS, now=NOW)
    assert codes(found) == ["readings.corrector_not_expected"]
    assert (
        check_new(reading(corr=None), existing=(), windows=[SEED_WINDOW], meter=GAS, now=NOW) == []
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (-1, "readings.negative"),
        (100_000_000, "readings.too_many_digits"),
        (45000.5, "readings.not_whole"),
        (True, "readings.not_whole"),
    ],
)
def test_values_are_whole_non_negative_and_fit_the_meter(value: object, code: str) -> None:
    """Gas volumes are whole numbers within the meter's digits (rule: RD-2)."""
    r = reading(value=value)  # type: ignore[arg-type]
    found = check_new(r, existing=(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert codes(found) == [code]
    assert found[0].path == "lettura_contatore"


def test_corrector_value_is_checked_like_the_meter_value() -> None:
    """A negative corrector value is refused at its own path (rule: RD-2)."""
    found = check_new(
        reading(corr=-3), existing=(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW
    )
    assert [(v.code, v.path) for v in found] == [("readings.negative", "lettura_correttore")]


def test_future_date_is_refused() -> None:
    """A reading dated after today (Italian time) is refused; today is fine."""
    found = check_new(
        reading(day=16), existing=(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW
    )
    assert codes(found) == ["readings.future_date"]
    late_utc = dt.datetime(2015, 2, 15, 23, 30, tzinfo=dt.UTC)  # already the 16th in Rome
    assert (
        check_new(
            reading(day=16), existing=(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=late_utc
        )
        == []
    )


# --- one a day (RD-3) -----------------------------------------------------------------------


def test_second_reading_on_the_same_day_is_refused() -> None:
    """Only one reading a day per supply point, "una sola lettura al giorno" (rule: RD-3)."""
    saved = add((), reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    found = check_new(
        reading(value=45001), existing=saved, windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW
    )
    assert codes(found) == ["readings.one_per_day"]
    assert found[0].rule == "RD-3"
    other_point = Autolettura("PR002875", dt.date(2015, 2, 15), 100, 1)
    assert (
        check_new(other_point, existing=saved, windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
        == []
    )


def test_acquired_reading_of_the_same_day_also_blocks() -> None:
    """The one-a-day rule counts acquired readings too (rule: RD-3)."""
    saved = acquire(add((), reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW), NOW)
    with pytest.raises(ValidationError) as err:
        add(saved, reading(value=46000), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert err.value.codes == ("readings.one_per_day",)


# --- monotonic values, roll-over and replacement ---------------------------------------------


def _acquired_history() -> tuple[Autolettura, ...]:
    first = add((), reading(day=10), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    return acquire(first, NOW)


def test_reading_below_the_last_acquired_one_is_refused() -> None:
    """A lower value than the last acquired reading needs a declared reason."""
    found = check_new(
        reading(value=44999, corr=0),
        existing=_acquired_history(),
        windows=[SEED_WINDOW],
        meter=GAS_CORRETTORE,
        now=NOW,
    )
    assert [(v.code, v.path) for v in found] == [
        ("readings.below_previous", "lettura_contatore"),
        ("readings.below_previous", "lettura_correttore"),
    ]
    assert found[0].params["previous"] == 45000


@pytest.mark.parametrize("motivo", list(MotivoLettura))
def test_roll_over_or_replacement_admits_a_lower_value(motivo: MotivoLettura) -> None:
    """A declared roll-over or meter replacement accepts a value below the previous one."""
    r = reading(value=12, corr=0, motivo=motivo)
    found = check_new(
        r, existing=_acquired_history(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW
    )
    assert found == []


def test_pending_readings_are_not_the_baseline() -> None:
    """Only acquired readings of earlier days set the lower bound, not pending ones."""
    pending = add((), reading(day=10), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert (
        check_new(
            reading(value=100),
            existing=pending,
            windows=[SEED_WINDOW],
            meter=GAS_CORRETTORE,
            now=NOW,
        )
        == []
    )


def test_every_violation_is_collected_at_once() -> None:
    """A reading with many problems gets all of them in one list (rules: RD-1, RD-2, RD-3)."""
    saved = add((), reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    found = check_new(
        reading(corr=None, value=-1), existing=saved, windows=[], meter=GAS_CORRETTORE, now=NOW
    )
    assert codes(found) == [
        "readings.outside_window",
        "readings.negative",
        "readings.corrector_missing",
        "readings.one_per_day",
    ]


# --- add, delete, acquire (RD-4, RD-5) ------------------------------------------------------


def test_added_reading_is_pending_with_id_and_time() -> None:
    """A saved reading is "Da acquisire", numbered and stamped, whatever it claimed (rule: RD-4)."""
    claimed = reading(stato=StatoAutolettura.ACQUISITA)
    saved = add((), claimed, windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert saved[0].stato is StatoAutolettura.DA_ACQUISIRE
    assert (saved[0].id, saved[0].inserita_il, saved[0].acquisita_il) == (1, NOW, None)
    more = add(saved, reading(day=14), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert [r.id for r in more] == [1, 2]


def test_pending_reading_is_deleted_only_after_confirmation() -> None:
    """Deleting needs "Confermi la cancellazione della lettura?" answered yes (rule: RD-4)."""
    saved = add((), reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    assert can_delete(saved[0])
    with pytest.raises(ValidationError) as err:
        delete(saved, 1, confirmed=False)
    assert err.value.codes == ("readings.confirmation_required",)
    assert err.value.violations[0].rule == "RD-4"
    assert delete(saved, 1, confirmed=True) == ()


def test_acquired_reading_cannot_be_deleted() -> None:
    """Once "Acquisita" the red delete symbol is gone: readings.already_acquired (rule: RD-5)."""
    saved = acquire(add((), reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW), NOW)
    assert not can_delete(saved[0])
    with pytest.raises(ValidationError) as err:
        delete(saved, 1, confirmed=True)
    assert err.value.codes == ("readings.already_acquired",)
    assert err.value.violations[0].rule == "RD-5"
    with pytest.raises(ValidationError) as both:
        delete(saved, 1, confirmed=False)
    assert both.value.codes == ("readings.already_acquired", "readings.confirmation_required")


def test_deleting_an_unknown_reading_is_refused() -> None:
    """An id that is not in the list is readings.not_found (rule: RD-4)."""
    with pytest.raises(ValidationError) as err:
        delete((), 7, confirmed=True)
    assert err.value.codes == ("readings.not_found",)


def test_acquire_turns_every_pending_reading_acquired() -> None:
    """The periodic run acquires all pending readings and keeps acquired ones (rule: RD-5)."""
    first = add((), reading(day=10), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    first = acquire(first, NOW)
    both = add(first, reading(), windows=[SEED_WINDOW], meter=GAS_CORRETTORE, now=NOW)
    later = NOW + ACQUISITION_INTERVAL
    done = acquire(both, later)
    assert [r.stato for r in done] == [StatoAutolettura.ACQUISITA] * 2
    assert [r.acquisita_il for r in done] == [NOW, later]


def test_acquisition_runs_every_thirty_minutes_by_default() -> None:
    """The portal acquires "indicativamente ogni mezz'ora"; a server may choose (rule: RD-5)."""
    assert dt.timedelta(minutes=30) == ACQUISITION_INTERVAL
    assert not acquisition_due(NOW, NOW + dt.timedelta(minutes=29, seconds=59))
    assert acquisition_due(NOW, NOW + dt.timedelta(minutes=30))
    assert acquisition_due(NOW, NOW + dt.timedelta(minutes=5), every=dt.timedelta(minutes=5))
    assert acquisition_due(None, NOW)


def test_every_readings_code_has_a_rule_and_two_languages() -> None:
    """The codes this module emits are in the catalog with their rule IDs (rules: RD-1..RD-5)."""
    expected = {
        "readings.outside_window": "RD-1",
        "readings.corrector_missing": "RD-2",
        "readings.one_per_day": "RD-3",
        "readings.confirmation_required": "RD-4",
        "readings.already_acquired": "RD-5",
    }
    for code, rule in expected.items():
        entry = lookup(code)
        assert entry is not None
        assert entry.rule == rule
        assert entry.it != entry.en


@pytest.mark.parametrize("cifre", [0, -1, 16, 4_000_000, True, "8"])
def test_meter_digits_outside_the_range_are_refused(cifre: object) -> None:
    """Contatore.cifre outside 1..15 (or not an int) is refused at construction (rule: RD-2)."""
    with pytest.raises(ValidationError) as caught:
        Contatore(Fornitura.GAS, cifre=cifre)  # type: ignore[arg-type]
    assert [(v.code, v.path) for v in caught.value.violations] == [
        ("readings.meter_digits_out_of_range", "cifre")
    ]


@pytest.mark.parametrize("text", ["9" * 16, "9" * 4_301, "1.000.000.000.000.000"])
def test_parse_lettura_refuses_more_digits_than_a_meter(text: str) -> None:
    """A reading of more than 15 digits is readings.input_too_long (rule: RD-2)."""
    with pytest.raises(ValidationError) as caught:
        parse_lettura(text)
    assert [v.code for v in caught.value.violations] == ["readings.input_too_long"]


@pytest.mark.parametrize("wrong", [None, [], 45000, b"45000"], ids=repr)
def test_parse_lettura_refuses_what_is_not_text(wrong: object) -> None:
    """parse_lettura of a non-str is readings.not_text, not TypeError (rule: RD-2)."""
    with pytest.raises(ValidationError) as caught:
        parse_lettura(wrong)  # type: ignore[arg-type]
    assert [v.code for v in caught.value.violations] == ["readings.not_text"]


def test_check_new_with_now_before_year_one_in_rome() -> None:
    """An aware ``now`` still in year 0 in Rome is outside every window (rule: RD-1)."""
    reading = Autolettura("PR002874", dt.date(2000, 1, 1), 0)
    now = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    window = FinestraLettura(dt.datetime(1, 1, 1), dt.datetime(2099, 1, 1))
    found = check_new(
        reading, existing=(), windows=[window], meter=Contatore(Fornitura.ELETTRICITA), now=now
    )
    assert [v.code for v in found] == ["readings.outside_window", "readings.future_date"]
