"""SMART Help: matters (SH-1), eligibility (SH-2), prior complaint (SH-3), states (SH-4)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.rules.smart_help import (
    ATTESA_RISPOSTA_GIORNI,
    Controparte,
    Fornitura,
    Materia,
    StatoPratica,
    TipoCliente,
    check_eligibility,
    check_request,
    check_transition,
    earliest_request_date,
    next_states,
)

D = dt.date
TODAY = D(2026, 11, 25)


def test_every_matter_letter_of_the_seed() -> None:
    """SH-1, SH-5: nine sub-cases over the five matters a-e (SH-5 adds one to c), bonus is a."""
    by_letter: dict[str, list[Materia]] = {}
    for m in Materia:
        by_letter.setdefault(m.lettera, []).append(m)
    assert {k: len(v) for k, v in by_letter.items()} == {"a": 3, "b": 1, "c": 3, "d": 1, "e": 1}
    assert Materia.CMOR_INDENNIZZO_ERRATO.lettera == "c"
    assert all(m.is_bonus == (m.lettera == "a") for m in Materia)


def test_customer_supply_and_counterpart_labels() -> None:
    """SH-2: customers, supplies and counterparts have an Italian and an English label."""
    assert [(t.label, t.label_en) for t in TipoCliente] == [
        ("cliente domestico", "domestic customer"),
        ("cliente non domestico", "non-domestic customer"),
    ]
    assert [(f.label, f.label_en) for f in Fornitura] == [
        ("energia elettrica", "electricity"),
        ("gas", "gas"),
    ]
    assert [(c.label, c.label_en) for c in Controparte] == [
        ("venditore", "seller"),
        ("distributore", "distributor"),
    ]
    assert any(m.is_bonus for m in Materia)
    assert not Materia.DOPPIA_FATTURAZIONE.is_bonus


def test_every_matter_has_two_labels() -> None:
    """SH-1: each matter has a distinct Italian and English label."""
    assert len({m.label for m in Materia}) == len(Materia)
    assert len({m.label_en for m in Materia}) == len(Materia)
    assert Materia.DOPPIA_FATTURAZIONE.label == "Doppia fatturazione a seguito di cambio fornitore"
    assert Materia.CMOR_NON_ANNULLATO.label_en.startswith("Late-payment charge (CMOR)")


@pytest.mark.parametrize(
    ("materia", "tipo", "fornitura", "controparte", "codes"),
    [
        (
            Materia.BONUS_MANCATA_ACCETTAZIONE,
            TipoCliente.DOMESTICO,
            Fornitura.GAS,
            Controparte.DISTRIBUTORE,
            [],
        ),
        (
            Materia.BONUS_MANCATA_ACCETTAZIONE,
            TipoCliente.DOMESTICO,
            Fornitura.ELETTRICITA,
            Controparte.VENDITORE,
            ["smart_help.wrong_counterpart"],
        ),
        (
            Materia.BONUS_MANCATA_EROGAZIONE,
            TipoCliente.DOMESTICO,
            Fornitura.ELETTRICITA,
            Controparte.VENDITORE,
            [],
        ),
        (
            Materia.BONUS_RECUPERO,
            TipoCliente.NON_DOMESTICO,
            Fornitura.GAS,
            Controparte.DISTRIBUTORE,
            [],
        ),
        (
            Materia.RITORNO_PRECEDENTE_FORNITORE,
            TipoCliente.NON_DOMESTICO,
            Fornitura.GAS,
            Controparte.VENDITORE,
            [],
        ),
        (
            Materia.RITORNO_PRECEDENTE_FORNITORE,
            TipoCliente.DOMESTICO,
            Fornitura.GAS,
            Controparte.DISTRIBUTORE,
            ["smart_help.customer_not_eligible", "smart_help.wrong_counterpart"],
        ),
        (
            Materia.CMOR_SENZA_REQUISITI,
            TipoCliente.DOMESTICO,
            Fornitura.GAS,
            Controparte.VENDITORE,
            ["smart_help.supply_not_covered"],
        ),
        (
            Materia.CMOR_NON_ANNULLATO,
            TipoCliente.NON_DOMESTICO,
            Fornitura.ELETTRICITA,
            Controparte.VENDITORE,
            [],
        ),
        (
            Materia.DOPPIA_FATTURAZIONE,
            TipoCliente.DOMESTICO,
            Fornitura.GAS,
            Controparte.VENDITORE,
            [],
        ),
        (
            Materia.INDENNIZZO_AUTOMATICO,
            TipoCliente.DOMESTICO,
            Fornitura.ELETTRICITA,
            Controparte.DISTRIBUTORE,
            ["smart_help.wrong_counterpart"],
        ),
    ],
)
def test_eligibility_table(
    materia: Materia,
    tipo: TipoCliente,
    fornitura: Fornitura,
    controparte: Controparte,
    codes: list[str],
) -> None:
    """SH-1, SH-2: customer kind, supply and counterpart of each sub-case."""
    found = check_eligibility(
        materia, tipo_cliente=tipo, fornitura=fornitura, controparte=controparte
    )
    assert [v.code for v in found] == codes


def test_return_to_previous_supplier_is_non_domestic_only() -> None:
    """SH-1: matter (b) refuses every domestic customer, with the rule and path."""
    for f in Fornitura:
        (v,) = check_eligibility(
            Materia.RITORNO_PRECEDENTE_FORNITORE,
            tipo_cliente=TipoCliente.DOMESTICO,
            fornitura=f,
            controparte=Controparte.VENDITORE,
        )
        assert (v.rule, v.path) == ("SH-1", "tipo_cliente")
        assert "cliente domestico" in v.message()


def test_every_matter_open_to_some_customer_of_each_kind() -> None:
    """SH-2: every matter but (b) is open to both customer kinds, each for some counterpart."""
    for m in Materia:
        for t in TipoCliente:
            ok = any(
                not check_eligibility(m, tipo_cliente=t, fornitura=f, controparte=c)
                for f in Fornitura
                for c in Controparte
            )
            assert ok == (
                m is not Materia.RITORNO_PRECEDENTE_FORNITORE or t is not TipoCliente.DOMESTICO
            )


def test_wrong_counterpart_names_the_allowed_one() -> None:
    """SH-2: the violation says which counterpart the matter allows."""
    (v,) = check_eligibility(
        Materia.BONUS_MANCATA_ACCETTAZIONE,
        tipo_cliente=TipoCliente.DOMESTICO,
        fornitura=Fornitura.GAS,
        controparte=Controparte.VENDITORE,
    )
    assert v.rule == "SH-2"
    assert v.message().endswith("(controparte ammessa: distributore).")


def test_earliest_request_date() -> None:
    """SH-3: the 41st day after the complaint, None for bonus matters."""
    assert ATTESA_RISPOSTA_GIORNI == 40
    assert earliest_request_date(Materia.DOPPIA_FATTURAZIONE, D(2026, 1, 1)) == D(2026, 2, 11)
    for m in Materia:
        assert (earliest_request_date(m, D(2026, 1, 1)) is None) == m.is_bonus


@pytest.mark.parametrize(
    ("reclamo", "richiesta", "risposta", "insoddisfacente", "codes"),
    [
        (D(2026, 9, 1), D(2026, 10, 12), None, False, []),  # 41st day
        (D(2026, 9, 1), D(2026, 10, 11), None, False, ["smart_help.too_early"]),  # 40th day
        (D(2026, 9, 1), D(2026, 9, 1), None, False, ["smart_help.too_early"]),
        (D(2026, 9, 1), D(2026, 9, 20), D(2026, 9, 15), True, []),  # unsatisfactory answer
        (D(2026, 9, 1), D(2026, 9, 15), D(2026, 9, 15), True, []),  # the same day
        (D(2026, 9, 1), D(2026, 9, 14), D(2026, 9, 15), True, ["smart_help.too_early"]),
        (D(2026, 9, 1), D(2026, 9, 20), D(2026, 9, 15), False, ["smart_help.too_early"]),
        (D(2026, 9, 1), D(2026, 9, 20), None, True, ["smart_help.answer_date_required"]),
        (
            D(2026, 9, 1),
            D(2026, 9, 20),
            D(2026, 8, 1),
            True,
            ["smart_help.answer_before_complaint"],
        ),
        (None, D(2026, 9, 20), None, False, ["smart_help.complaint_required"]),
        (
            D(2026, 12, 1),
            D(2026, 11, 25),
            None,
            False,
            ["smart_help.future_date", "smart_help.too_early"],
        ),
        (D(2026, 9, 1), D(2026, 11, 26), None, False, ["smart_help.future_date"]),
    ],
)
def test_check_request_table(
    reclamo: dt.date | None,
    richiesta: dt.date,
    risposta: dt.date | None,
    insoddisfacente: bool,
    codes: list[str],
) -> None:
    """SH-3: the complaint, the 40 days and the unsatisfactory answer decide the request."""
    found = check_request(
        Materia.CMOR_SENZA_REQUISITI,
        data_reclamo=reclamo,
        data_richiesta=richiesta,
        data_risposta=risposta,
        risposta_insoddisfacente=insoddisfacente,
        oggi=TODAY,
    )
    assert [v.code for v in found] == codes
    assert all(v.rule == "SH-3" for v in found)


def test_too_early_says_from_when() -> None:
    """SH-3: a request too early carries the date from which it is allowed, in both languages."""
    (v,) = check_request(
        Materia.INDENNIZZO_AUTOMATICO,
        data_reclamo=D(2026, 10, 1),
        data_richiesta=D(2026, 10, 20),
        oggi=TODAY,
    )
    assert v.params["dal"] == D(2026, 11, 11)
    assert v.path == "data_richiesta"
    assert "dal 11/11/2026" in v.message()
    assert "from 2026-11-11" in v.message("en")


def test_bonus_needs_no_complaint() -> None:
    """SH-3: bonus matters need no complaint nor waiting, but future dates are refused."""
    for m in Materia:
        if m.is_bonus:
            assert check_request(m, data_reclamo=None, data_richiesta=TODAY, oggi=TODAY) == []
            codes = [
                v.code
                for v in check_request(
                    m, data_reclamo=None, data_richiesta=D(2026, 12, 1), oggi=TODAY
                )
            ]
            assert codes == ["smart_help.future_date"]


def test_check_request_defaults_to_today_in_rome() -> None:
    """SH-3: without oggi, a request dated far in the future is refused."""
    codes = [
        v.code
        for v in check_request(
            Materia.BONUS_RECUPERO, data_reclamo=None, data_richiesta=D(2999, 1, 1)
        )
    ]
    assert codes == ["smart_help.future_date"]


@given(
    reclamo=st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 1, 1)),
    ritardo=st.integers(min_value=0, max_value=120),
)
def test_request_allowed_exactly_from_earliest_date(reclamo: dt.date, ritardo: int) -> None:
    """SH-3: with no answer, a request is too early exactly before earliest_request_date."""
    richiesta = reclamo + dt.timedelta(days=ritardo)
    found = check_request(
        Materia.DOPPIA_FATTURAZIONE,
        data_reclamo=reclamo,
        data_richiesta=richiesta,
        oggi=D(2026, 12, 31),
    )
    earliest = earliest_request_date(Materia.DOPPIA_FATTURAZIONE, reclamo)
    assert earliest == reclamo + dt.timedelta(days=41)  # the 40 days have elapsed
    assert bool(found) == (richiesta < earliest)


def test_state_transitions() -> None:
    """SH-4: the allowed transitions; closed states have none."""
    assert StatoPratica.IN_LAVORAZIONE in next_states(StatoPratica.INVIATA)
    assert StatoPratica.IN_ATTESA_INTEGRAZIONE in next_states(StatoPratica.IN_LAVORAZIONE)
    assert check_transition(StatoPratica.IN_ATTESA_INTEGRAZIONE, StatoPratica.IN_LAVORAZIONE) == []
    for s in (StatoPratica.RISOLTA, StatoPratica.NON_RISOLTA, StatoPratica.ARCHIVIATA):
        assert s.is_final
        assert next_states(s) == frozenset()
    (v,) = check_transition(StatoPratica.INVIATA, StatoPratica.RISOLTA, path="pratica.stato")
    assert (v.code, v.rule, v.path) == ("smart_help.invalid_transition", "SH-4", "pratica.stato")
    assert (
        v.message()
        == "La pratica non può passare dallo stato «Inviata» allo stato «Chiusa: risolta»."
    )


def test_state_transition_default_path_and_labels() -> None:
    """SH-4: a refused transition is at path ``stato`` by default; open states are not final."""
    (v,) = check_transition(StatoPratica.RISOLTA, StatoPratica.IN_LAVORAZIONE)
    assert v.path == "stato"
    assert v.params == {
        "da": "Chiusa: risolta",
        "a": "In lavorazione",
        "da_en": "Closed: resolved",
        "a_en": "In progress",
    }
    assert not any(s.is_final for s in (StatoPratica.INVIATA, StatoPratica.IN_LAVORAZIONE))
    assert StatoPratica.IN_ATTESA_INTEGRAZIONE.label_en == "Waiting for documents"
    assert StatoPratica.NON_RISOLTA.label == "Chiusa: non risolta"


def test_every_state_reachable_from_inviata() -> None:
    """SH-4: every state can be reached from INVIATA, and no state moves to itself."""
    seen = {StatoPratica.INVIATA}
    frontier = [StatoPratica.INVIATA]
    while frontier:
        for nxt in next_states(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(StatoPratica)
    assert all(s not in next_states(s) for s in StatoPratica)
    assert all(s.label and s.label_en for s in StatoPratica)
