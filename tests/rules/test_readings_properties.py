"""Properties of self-readings: any sequence of operations keeps RD-3 and RD-5 (Hypothesis)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from sportello import ValidationError
from sportello.rules.readings import (
    Autolettura,
    Contatore,
    FinestraLettura,
    MotivoLettura,
    StatoAutolettura,
    acquire,
    add,
    delete,
    parse_lettura,
)
from sportello.rules.supply import Fornitura

WINDOW = FinestraLettura(dt.datetime(2010, 2, 11, 8, 0), dt.datetime(2099, 2, 14, 22, 0))
METER = Contatore(Fornitura.GAS, has_correttore=True)
NOW = dt.datetime(2015, 2, 28, 12, 0)
POINTS = ("PR002874", "PR002875")


class ReadingsMachine(RuleBasedStateMachine):
    """Random add/delete/acquire sequences over the pure functions (rules: RD-3, RD-4, RD-5)."""

    def __init__(self) -> None:
        super().__init__()
        self.readings: tuple[Autolettura, ...] = ()
        self.acquired_ids: set[int] = set()
        self.clock = NOW

    @rule(
        punto=st.sampled_from(POINTS),
        day=st.integers(1, 28),
        value=st.integers(0, 99_999),
        corr=st.integers(0, 999),
        motivo=st.none() | st.sampled_from(MotivoLettura),
    )
    def add_reading(
        self, punto: str, day: int, value: int, corr: int, motivo: MotivoLettura | None
    ) -> None:
        """Try to save a reading; a refusal leaves the list unchanged."""
        new = Autolettura(punto, dt.date(2015, 2, day), value, corr, motivo=motivo)
        refused: tuple[str, ...] = ()
        try:
            self.readings = add(self.readings, new, windows=[WINDOW], meter=METER, now=self.clock)
        except ValidationError as err:
            refused = err.codes
        assert set(refused) <= {"readings.one_per_day", "readings.below_previous"}

    @rule(pick=st.integers(0, 50), confirmed=st.booleans())
    def delete_reading(self, pick: int, confirmed: bool) -> None:
        """Try to delete a reading by id (possibly unknown, possibly acquired)."""
        ids = [r.id for r in self.readings] + [999]
        target = ids[pick % len(ids)]
        before = self.readings
        try:
            self.readings = delete(self.readings, target, confirmed=confirmed)
        except ValidationError:
            assert self.readings == before
        else:
            assert confirmed
            assert target not in self.acquired_ids

    @rule()
    def acquire_all(self) -> None:
        """The periodic acquisition run."""
        self.clock += dt.timedelta(minutes=30)
        self.readings = acquire(self.readings, self.clock)
        self.acquired_ids |= {r.id for r in self.readings}

    @invariant()
    def at_most_one_reading_per_day_per_point(self) -> None:
        """RD-3 holds after every step."""
        keys = [(r.punto, r.data) for r in self.readings]
        assert len(keys) == len(set(keys))

    @invariant()
    def acquired_readings_are_never_deleted(self) -> None:
        """RD-5 holds after every step: every acquired reading is still there, still acquired."""
        present = {r.id: r for r in self.readings}
        for reading_id in self.acquired_ids:
            assert present[reading_id].stato is StatoAutolettura.ACQUISITA


TestReadingsMachine = ReadingsMachine.TestCase


def _italian(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


@given(st.integers(0, 10**12), st.sampled_from([".", " ", "\u00a0", "'", "’", ""]))
def test_parse_lettura_round_trips_italian_grouping(value: int, sep: str) -> None:
    """Any whole number written with one Italian thousands separator parses back (rule: RD-2)."""
    assert parse_lettura(_italian(value, sep)) == value


@given(st.integers(0, 10**9), st.integers(0, 99))
def test_parse_lettura_never_reads_a_decimal_comma(whole: int, cents: int) -> None:
    """A comma always means decimals, which readings refuse (rule: RD-2)."""
    with pytest.raises(ValidationError) as err:
        parse_lettura(f"{whole},{cents:02d}")
    assert err.value.codes == ("readings.decimal_not_allowed",)


@given(st.text(max_size=20))
def test_parse_lettura_returns_an_int_or_raises_validation_error(text: str) -> None:
    """Junk text never escapes as another exception (rule: RD-2)."""
    value: int | None = None
    refused: tuple[str, ...] = ()
    try:
        value = parse_lettura(text)
    except ValidationError as err:
        refused = err.codes
    assert (value is None) == (len(refused) == 1)
    if value is not None:  # the digits typed, separators dropped, are the number's digits
        assert int("".join(c for c in text if c in "0123456789")) == value
