"""SH-5: the SMART Help matters as the Servizio's current page details them."""

import datetime as dt
import types
from typing import Self

import pytest

from sportello import ValidationError
from sportello.rules import smart_help
from sportello.rules.smart_help import (
    BONUS_ECONOMICO_DOMANDE_FINO_AL,
    INDENNIZZO_MESI,
    Controparte,
    EsitoReclamo,
    Fornitura,
    Materia,
    TipoBonus,
    TipoCliente,
    check_dettagli_materia,
    check_eligibility,
    indennizzo_dovuto_entro,
)

D = dt.date


@pytest.mark.parametrize(
    ("tipo", "domanda", "codes"),
    [
        (TipoBonus.DISAGIO_ECONOMICO, D(2020, 12, 31), []),  # the last day
        (TipoBonus.DISAGIO_ECONOMICO, D(2021, 1, 1), ["smart_help.bonus_automatico"]),
        (TipoBonus.DISAGIO_FISICO, D(2025, 5, 1), []),  # physical hardship: any date
        (TipoBonus.DISAGIO_FISICO, None, []),
        (TipoBonus.DISAGIO_ECONOMICO, None, ["smart_help.dettaglio_required"]),
        (None, None, ["smart_help.dettaglio_required"]),
    ],
)
def test_sh5_a_which_bonus_applications(
    tipo: TipoBonus | None, domanda: dt.date | None, codes: list[str]
) -> None:
    """SH-5 (a): physical-hardship bonus, and economic applications up to 31/12/2020 only."""
    assert D(2020, 12, 31) == BONUS_ECONOMICO_DOMANDE_FINO_AL
    found = check_dettagli_materia(
        Materia.BONUS_MANCATA_ACCETTAZIONE, tipo_bonus=tipo, data_domanda_bonus=domanda
    )
    assert [v.code for v in found] == codes
    assert all(v.rule == "SH-5" for v in found)


@pytest.mark.parametrize(
    ("esito", "codes"),
    [
        (EsitoReclamo.NON_ACCOLTO, []),
        (EsitoReclamo.SENZA_RISPOSTA, []),
        (EsitoReclamo.ACCOLTO, ["smart_help.reclamo_accolto"]),
        (None, ["smart_help.dettaglio_required"]),
    ],
)
def test_sh5_b_return_needs_a_complaint_not_accepted(
    esito: EsitoReclamo | None, codes: list[str]
) -> None:
    """SH-5 (b): the return to the previous supplier, for a complaint refused or unanswered."""
    found = check_dettagli_materia(Materia.RITORNO_PRECEDENTE_FORNITORE, esito_reclamo=esito)
    assert [(v.code, v.rule) for v in found] == [(c, "SH-5") for c in codes]
    assert all(v.path == "esito_reclamo" for v in found)


def test_sh5_c_wrong_cmor_indemnity_of_the_incoming_seller() -> None:
    """SH-5 (c): the wrong CMOR indemnity is a matter of (c): the seller's, electricity only."""
    m = Materia.CMOR_INDENNIZZO_ERRATO
    assert (m.lettera, m.label) == ("c", "Indennizzo CMOR errato addebitato dal venditore entrante")
    ok = check_eligibility(
        m,
        tipo_cliente=TipoCliente.DOMESTICO,
        fornitura=Fornitura.ELETTRICITA,
        controparte=Controparte.VENDITORE,
    )
    assert ok == []
    gas = check_eligibility(
        m,
        tipo_cliente=TipoCliente.DOMESTICO,
        fornitura=Fornitura.GAS,
        controparte=Controparte.VENDITORE,
    )
    assert [v.code for v in gas] == ["smart_help.supply_not_covered"]
    assert check_dettagli_materia(m) == []


@pytest.mark.parametrize(
    ("ricevimento", "entro"),
    [
        (D(2026, 3, 10), D(2026, 11, 10)),
        (D(2026, 5, 31), D(2027, 1, 31)),
        (D(2026, 6, 30), D(2027, 2, 28)),  # the month's last day
        (D(2027, 6, 30), D(2028, 2, 29)),  # a leap year
        (D(2026, 12, 15), D(2027, 8, 15)),  # across the year
    ],
)
def test_sh5_e_eight_months_after_the_receipt(ricevimento: dt.date, entro: dt.date) -> None:
    """SH-5 (e): the indemnity may be paid until 8 calendar months after the complaint's receipt."""
    assert INDENNIZZO_MESI == 8
    assert indennizzo_dovuto_entro(ricevimento) == entro


@pytest.mark.parametrize(
    ("oggi", "codes"),
    [
        (D(2026, 11, 10), ["smart_help.indennizzo_non_scaduto"]),  # still within 8 months
        (D(2026, 11, 11), []),  # late: SMART Help may be asked
        (D(2026, 3, 9), ["smart_help.future_date"]),
    ],
)
def test_sh5_e_late_only_after_the_threshold(oggi: dt.date, codes: list[str]) -> None:
    """SH-5 (e): the request on (e) goes from the day after the 8 months, not on their last day."""
    found = check_dettagli_materia(
        Materia.INDENNIZZO_AUTOMATICO, data_ricevimento_reclamo=D(2026, 3, 10), oggi=oggi
    )
    assert [v.code for v in found] == codes
    if codes == ["smart_help.indennizzo_non_scaduto"]:
        assert found[0].params["dal"] == D(2026, 11, 11)
        assert "dal 11/11/2026" in found[0].message()


def test_sh5_e_needs_the_receipt_date_and_other_matters_have_nothing() -> None:
    """SH-5: (e) without the receipt's date is a missing detail; (d) has no detail to check."""
    (v,) = check_dettagli_materia(Materia.INDENNIZZO_AUTOMATICO)
    assert (v.code, v.path) == ("smart_help.dettaglio_required", "data_ricevimento_reclamo")
    assert check_dettagli_materia(Materia.DOPPIA_FATTURAZIONE) == []


def test_sh5_e_past_the_calendar_is_a_violation() -> None:
    """SH-5 (e): 8 months after a receipt in May 9999 leave the calendar: a violation."""
    with pytest.raises(ValidationError) as info:
        indennizzo_dovuto_entro(D(9999, 5, 1))
    assert info.value.codes == ("calendar.date_out_of_range",)


def test_sh5_a_each_refusal_at_its_field_with_its_params() -> None:
    """SH-5 (a): the missing kind, the missing date and a 2021 application, each at its field."""
    bonus = Materia.BONUS_MANCATA_ACCETTAZIONE
    economico = TipoBonus.DISAGIO_ECONOMICO
    found = [
        *check_dettagli_materia(bonus),
        *check_dettagli_materia(bonus, tipo_bonus=economico),
        *check_dettagli_materia(bonus, tipo_bonus=economico, data_domanda_bonus=D(2021, 1, 1)),
    ]
    assert [(v.code, v.path, v.params) for v in found] == [
        ("smart_help.dettaglio_required", "tipo_bonus", {"campo": "tipo_bonus"}),
        ("smart_help.dettaglio_required", "data_domanda_bonus", {"campo": "data_domanda_bonus"}),
        (
            "smart_help.bonus_automatico",
            "data_domanda_bonus",
            {"data": D(2021, 1, 1), "fino_al": D(2020, 12, 31)},
        ),
    ]
    assert found[0].message() == "Per questa materia occorre indicare il dato «tipo_bonus»."
    assert found[2].message() == (
        "Dal 2021 il bonus per disagio economico è automatico: SMART Help tratta la mancata "
        "accettazione delle sole domande presentate fino al 31/12/2020 (domanda del 01/01/2021)."
    )


def test_sh5_b_refusals_name_the_field_and_the_matter() -> None:
    """SH-5 (b): a missing outcome names its field; an accepted complaint names the matter."""
    ritorno = Materia.RITORNO_PRECEDENTE_FORNITORE
    (missing,) = check_dettagli_materia(ritorno)
    assert missing.params == {"campo": "esito_reclamo"}
    (accolto,) = check_dettagli_materia(ritorno, esito_reclamo=EsitoReclamo.ACCOLTO)
    assert accolto.params == {"materia": ritorno.label, "materia_en": ritorno.label_en}
    assert accolto.message().startswith("La materia «Ritorno al precedente fornitore (contratto")
    assert accolto.message("en").startswith("The matter “Return to the previous supplier")


def test_sh5_e_receipt_today_is_not_future_and_the_refusals_params() -> None:
    """SH-5 (e): a receipt dated today is only not yet late; a later one is a future date."""
    indennizzo = Materia.INDENNIZZO_AUTOMATICO
    (oggi,) = check_dettagli_materia(
        indennizzo, data_ricevimento_reclamo=D(2026, 3, 10), oggi=D(2026, 3, 10)
    )
    assert (oggi.code, oggi.path, oggi.params) == (
        "smart_help.indennizzo_non_scaduto",
        "data_ricevimento_reclamo",
        {"entro": D(2026, 11, 10), "dal": D(2026, 11, 11), "mesi": 8},
    )
    assert oggi.message() == (
        "L'indennizzo automatico può essere pagato entro 8 mesi dal ricevimento del reclamo, "
        "cioè entro il 10/11/2026: la richiesta potrà essere inviata dal 11/11/2026."
    )
    (futura,) = check_dettagli_materia(
        indennizzo, data_ricevimento_reclamo=D(2026, 3, 10), oggi=D(2026, 3, 9)
    )
    assert (futura.code, futura.path, futura.params) == (
        "smart_help.future_date",
        "data_ricevimento_reclamo",
        {"data": D(2026, 3, 10), "oggi": D(2026, 3, 9)},
    )
    assert futura.message() == "La data 10/03/2026 è successiva a oggi (09/03/2026)."


def test_sh5_e_the_last_receipt_inside_the_calendar() -> None:
    """SH-5 (e): April 9999 still ends in December 9999; May 9999 is refused at its field."""
    assert indennizzo_dovuto_entro(D(9999, 4, 30)) == D(9999, 12, 30)
    with pytest.raises(ValidationError) as info:
        indennizzo_dovuto_entro(D(9999, 5, 1))
    (v,) = info.value.violations
    assert (v.path, v.params) == ("data_ricevimento_reclamo", {"data": "9999-05-01"})


def test_sh5_e_defaults_to_today() -> None:
    """SH-5 (e): without ``oggi``, a receipt of the year 2000 is long late: nothing to refuse."""
    assert (
        check_dettagli_materia(
            Materia.INDENNIZZO_AUTOMATICO, data_ricevimento_reclamo=D(2000, 1, 1)
        )
        == []
    )


class _CapodannoARoma(dt.datetime):
    """A clock at 31 December 2026, 23:30 UTC: already 1 January 2027 in Rome."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> Self:
        """The fixed instant, in ``tz`` (naive UTC without one)."""
        instant = cls(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
        return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)


def test_sh5_e_today_is_the_date_in_rome(monkeypatch: pytest.MonkeyPatch) -> None:
    """SH-5 (e): at 23:30 UTC on 31 December, today is already 1 January 2027 (Europe/Rome)."""
    clock = types.SimpleNamespace(**{**vars(dt), "datetime": _CapodannoARoma})
    monkeypatch.setattr(smart_help, "dt", clock)
    (v,) = check_dettagli_materia(
        Materia.INDENNIZZO_AUTOMATICO, data_ricevimento_reclamo=D(2027, 1, 1)
    )
    assert (v.code, v.params["dal"]) == ("smart_help.indennizzo_non_scaduto", D(2027, 9, 2))
