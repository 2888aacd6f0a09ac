"""CP-1: the prior complaint and its 40 days, one function shared with SMART Help's SH-3."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import Violation
from sportello.rules import _reclamo
from sportello.rules.conciliazione import ammissibile_dal, check_reclamo
from sportello.rules.smart_help import Materia, check_request

D = dt.date


@pytest.mark.parametrize(
    ("oggi", "codes"),
    [
        (D(2026, 10, 11), ["conciliazione.too_early"]),  # the 40th day after 1 September
        (D(2026, 10, 12), []),  # the 41st: the 40 days have elapsed
    ],
)
def test_cp1_request_allowed_from_the_41st_day(oggi: dt.date, codes: list[str]) -> None:
    """CP-1: sent on day 40 after the complaint it is too early; on day 41 it may go."""
    found = check_reclamo(data_reclamo=D(2026, 9, 1), oggi=oggi)
    assert [v.code for v in found] == codes
    assert all((v.rule, v.path) == ("CP-1", "reclamo.data") for v in found)


def test_cp1_too_early_says_from_when_in_both_languages() -> None:
    """CP-1: the refusal carries the first admissible day and says it in Italian and English."""
    (v,) = check_reclamo(data_reclamo=D(2026, 9, 1), oggi=D(2026, 9, 20))
    assert v.params["dal"] == D(2026, 10, 12)
    assert "dal 12/10/2026" in v.message()
    assert "from 2026-10-12" in v.message("en")


def test_cp1_a_40th_day_on_a_sunday_does_not_move() -> None:
    """CP-1: the 40th day (Sunday 11 October 2026) does not extend the wait to Monday."""
    assert D(2026, 10, 11).weekday() == 6
    assert ammissibile_dal(D(2026, 9, 1)) == D(2026, 10, 12)
    # and a 40th day on a public holiday (Christmas 2026) neither
    assert ammissibile_dal(D(2026, 11, 15)) == D(2026, 12, 26)


@pytest.mark.parametrize(
    ("risposta", "insoddisfacente", "oggi", "codes"),
    [
        (D(2026, 9, 15), True, D(2026, 9, 15), []),  # from the answer's day
        (
            D(2026, 9, 15),
            True,
            D(2026, 9, 14),
            ["conciliazione.future_date", "conciliazione.too_early"],
        ),
        (D(2026, 9, 15), False, D(2026, 9, 20), ["conciliazione.too_early"]),
        (None, True, D(2026, 9, 20), ["conciliazione.answer_date_required"]),
        (D(2026, 8, 20), True, D(2026, 9, 20), ["conciliazione.answer_before_complaint"]),
    ],
)
def test_cp1_an_unsatisfactory_written_answer_lets_it_go_earlier(
    risposta: dt.date | None, insoddisfacente: bool, oggi: dt.date, codes: list[str]
) -> None:
    """CP-1: a written answer judged unsatisfactory opens the request from its day, not before."""
    found = check_reclamo(
        data_reclamo=D(2026, 9, 1),
        data_risposta=risposta,
        risposta_insoddisfacente=insoddisfacente,
        oggi=oggi,
    )
    assert [v.code for v in found] == codes
    assert all(v.rule == "CP-1" for v in found)


def test_cp1_no_complaint_and_future_complaint() -> None:
    """CP-1: without a complaint the request is refused at `reclamo`; a future one at its date."""
    (v,) = check_reclamo(data_reclamo=None, oggi=D(2026, 9, 1))
    assert (v.code, v.rule, v.path) == ("conciliazione.complaint_required", "CP-1", "reclamo")
    found = check_reclamo(data_reclamo=D(2026, 9, 2), oggi=D(2026, 9, 1), path="r")
    assert [(x.code, x.path) for x in found] == [
        ("conciliazione.future_date", "r.data"),
        ("conciliazione.too_early", "r.data"),
    ]


@given(
    reclamo=st.dates(D(2020, 1, 1), D(2030, 1, 1)),
    ritardo=st.integers(0, 90),
    risposta=st.none() | st.integers(0, 60),
    insoddisfacente=st.booleans(),
)
def test_sh3_and_cp1_are_one_rule(
    reclamo: dt.date, ritardo: int, risposta: int | None, insoddisfacente: bool
) -> None:
    """SH-3, CP-1: SMART Help and the conciliation refuse the same dates, each with its codes."""
    oggi = reclamo + dt.timedelta(days=ritardo)
    data_risposta = None if risposta is None else reclamo + dt.timedelta(days=risposta)
    sh = check_request(
        Materia.DOPPIA_FATTURAZIONE,
        data_reclamo=reclamo,
        data_richiesta=oggi,
        data_risposta=data_risposta,
        risposta_insoddisfacente=insoddisfacente,
        oggi=oggi,
    )
    cp = check_reclamo(
        data_reclamo=reclamo,
        data_risposta=data_risposta,
        risposta_insoddisfacente=insoddisfacente,
        oggi=oggi,
    )
    assert [v.code.split(".")[1] for v in sh] == [v.code.split(".")[1] for v in cp]
    assert {v.rule for v in sh} <= {"SH-3"}
    assert {v.rule for v in cp} <= {"CP-1"}


def test_the_shared_function_is_the_one_both_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """SH-3, CP-1: both public checks go through rules._reclamo.precondizione."""
    calls: list[str] = []
    real = _reclamo.precondizione

    def spy(**kwargs: object) -> tuple[dt.date | None, list[Violation]]:
        calls.append(str(kwargs["famiglia"]))
        return real(**kwargs)  # type: ignore[arg-type]

    import sportello.rules.conciliazione._ammissibilita as cp_module
    import sportello.rules.smart_help as sh_module

    monkeypatch.setattr(cp_module, "_precondizione", spy)
    monkeypatch.setattr(sh_module, "_precondizione", spy)
    check_reclamo(data_reclamo=D(2026, 1, 1), oggi=D(2026, 3, 1))
    check_request(
        Materia.CMOR_NON_ANNULLATO,
        data_reclamo=D(2026, 1, 1),
        data_richiesta=D(2026, 3, 1),
        oggi=D(2026, 3, 1),
    )
    assert calls == ["conciliazione", "smart_help"]


def test_first_day_out_of_the_calendar_is_a_violation() -> None:
    """CP-1: a complaint at the end of datetime's calendar gives calendar.date_out_of_range."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as info:
        ammissibile_dal(D(9999, 12, 1))
    assert info.value.codes == ("calendar.date_out_of_range",)


def test_precondizione_limits_and_params() -> None:
    """SH-3, CP-1: each limit on both sides, each violation with its path and params."""
    pre = _reclamo.precondizione
    reclamo = D(2026, 1, 1)
    dal = D(2026, 2, 11)  # the 41st day
    paths = ("a", "b", "c")
    assert pre(famiglia="conciliazione", data_reclamo=reclamo, data_richiesta=dal, oggi=dal) == (
        dal,
        [],
    )
    day_before = dal - dt.timedelta(days=1)
    got, (early,) = pre(
        famiglia="conciliazione",
        data_reclamo=reclamo,
        data_richiesta=day_before,
        oggi=dal,
        paths=paths,
    )
    assert got == dal
    assert (early.code, early.path, dict(early.params)) == (
        "conciliazione.too_early",
        "c",
        {"dal": dal, "giorni": 40, "data_reclamo": reclamo},
    )
    # an answer on the day of the complaint is not before it
    got, found = pre(
        famiglia="smart_help",
        data_reclamo=reclamo,
        data_risposta=reclamo,
        risposta_insoddisfacente=True,
        data_richiesta=reclamo,
        oggi=reclamo,
    )
    assert (got, found) == (reclamo, [])
    got, (before,) = pre(
        famiglia="smart_help",
        data_reclamo=reclamo,
        data_risposta=D(2025, 12, 31),
        data_richiesta=dal,
        oggi=dal,
        paths=paths,
    )
    assert got is None
    assert (before.code, before.path, dict(before.params)) == (
        "smart_help.answer_before_complaint",
        "b",
        {"data_risposta": D(2025, 12, 31), "data_reclamo": reclamo},
    )
    got, (missing,) = pre(
        famiglia="smart_help",
        data_reclamo=reclamo,
        risposta_insoddisfacente=True,
        data_richiesta=dal,
        oggi=dal,
        paths=paths,
    )
    assert (got, missing.code, missing.path) == (None, "smart_help.answer_date_required", "b")
    got, (required,) = pre(
        famiglia="smart_help",
        data_reclamo=None,
        data_richiesta=dal,
        oggi=dal,
        paths=paths,
        params_reclamo={"materia": "x"},
    )
    assert (got, required.path, dict(required.params)) == (None, "a", {"materia": "x"})


def test_precondizione_future_dates_and_no_complaint_needed() -> None:
    """SH-3: a date of today is not future, the day after is; without a complaint, dates only."""
    oggi = D(2026, 3, 1)
    tomorrow = D(2026, 3, 2)
    got, found = _reclamo.precondizione(
        famiglia="smart_help",
        data_reclamo=tomorrow,
        data_risposta=tomorrow,
        data_richiesta=oggi,
        oggi=oggi,
        reclamo_richiesto=False,
        paths=("a", "b", "c"),
    )
    assert got is None
    assert [(v.code, v.path, dict(v.params)) for v in found] == [
        ("smart_help.future_date", "a", {"data": tomorrow, "oggi": oggi}),
        ("smart_help.future_date", "b", {"data": tomorrow, "oggi": oggi}),
    ]
    assert _reclamo.precondizione(
        famiglia="smart_help",
        data_reclamo=None,
        data_richiesta=oggi,
        oggi=oggi,
        reclamo_richiesto=False,
    ) == (None, [])


def test_primo_giorno_utile_takes_the_earlier_day() -> None:
    """CP-1: an unsatisfactory answer counts only when earlier than the 41st day, and dated."""
    first = _reclamo.primo_giorno_utile
    reclamo = D(2026, 1, 1)
    late = D(2026, 3, 1)
    assert first(reclamo, data_risposta=late, risposta_insoddisfacente=True) == D(2026, 2, 11)
    assert first(reclamo, data_risposta=D(2026, 1, 5)) == D(2026, 2, 11)  # not judged
    assert first(reclamo, risposta_insoddisfacente=True) == D(2026, 2, 11)
    from sportello import ValidationError

    with pytest.raises(ValidationError) as info:
        first(D(9999, 12, 1))
    (v,) = info.value.violations
    assert (v.path, dict(v.params)) == ("data_reclamo", {"data": "9999-12-01"})


def test_precondizione_names_the_complaint_path_out_of_the_calendar() -> None:
    """CP-1: a complaint too near datetime's last day is refused at the complaint's path."""
    from sportello import ValidationError

    with pytest.raises(ValidationError) as info:
        _reclamo.precondizione(
            famiglia="conciliazione",
            data_reclamo=D(9999, 12, 1),
            data_richiesta=D(9999, 12, 31),
            oggi=D(9999, 12, 31),
            paths=("a", "b", "c"),
        )
    assert [(v.code, v.path) for v in info.value.violations] == [
        ("calendar.date_out_of_range", "a")
    ]


def test_cp1_ammissibile_dal_the_41st_day_or_the_unsatisfactory_answer() -> None:
    """CP-1: an answer moves the first day only when judged unsatisfactory (the default: not)."""
    sent, answer = dt.date(2026, 9, 1), dt.date(2026, 9, 20)
    assert ammissibile_dal(sent) == dt.date(2026, 10, 12)
    assert ammissibile_dal(sent, data_risposta=answer) == dt.date(2026, 10, 12)
    assert ammissibile_dal(sent, data_risposta=answer, risposta_insoddisfacente=True) == answer
    assert ammissibile_dal(sent, risposta_insoddisfacente=True) == dt.date(2026, 10, 12)


@pytest.mark.parametrize("path", ["domanda.reclamo", "RECLAMO", "Reclamo", "XXreclamoXX"])
def test_cp1_check_reclamo_under_any_other_path(path: str) -> None:
    """CP-1: a path other than the default, even one that looks like it, prefixes every path."""
    found = check_reclamo(
        data_reclamo=dt.date(2026, 9, 1),
        oggi=dt.date(2026, 9, 10),
        data_risposta=dt.date(2026, 8, 1),
    )
    assert [v.path for v in found] == ["reclamo.data_risposta"]
    found = check_reclamo(data_reclamo=dt.date(2026, 9, 1), oggi=dt.date(2026, 10, 11), path=path)
    assert [(v.code, v.path) for v in found] == [("conciliazione.too_early", f"{path}.data")]
    found = check_reclamo(
        data_reclamo=dt.date(2026, 9, 1),
        oggi=dt.date(2026, 9, 10),
        data_risposta=dt.date(2026, 8, 1),
        path=path,
    )
    assert [v.path for v in found] == [f"{path}.data_risposta"]
    assert [
        v.path for v in check_reclamo(data_reclamo=None, oggi=dt.date(2026, 9, 1), path=path)
    ] == [path]
