"""CP-3, CP-5, CP-7, CP-9, CP-10: each consistency check of the record, on both sides."""

import datetime as dt

import attrs
import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c

from .conftest import D0, Percorso, giorno, incontro

S = c.StatoConciliazione
M = c.MotivoArchiviazione

#: The smallest consistent record of each kind, the base of the cases below.
BASE: dict[str, dict[str, object]] = {
    "inviata": {"stato": S.INVIATA},
    "attesa": {"stato": S.IN_ATTESA_INTEGRAZIONE, "data_richiesta_integrazione": D0},
    "ammessa": {"stato": S.AMMESSA, "data_domanda_completa": D0},
    "convocata": {
        "stato": S.CONVOCATA,
        "data_domanda_completa": D0,
        "incontro": incontro(20),
        "convocazioni": 1,
    },
    "rinviata": {
        "stato": S.RINVIATA,
        "data_domanda_completa": D0,
        "convocazioni": 1,
        "rinvii": (
            c.Rinvio(
                data=giorno(10), richiesto_da=c.Parte.CLIENTE, motivo="Ferie", incontro=incontro(20)
            ),
        ),
    },
    "ritirata": {"stato": S.ARCHIVIATA, "motivo_archiviazione": M.RITIRATA, "chiusa_il": D0},
    "inammissibile": {
        "stato": S.ARCHIVIATA,
        "motivo_archiviazione": M.INAMMISSIBILE,
        "motivi_inammissibilita": (c.MotivoInammissibilita.FISCALE,),
        "chiusa_il": D0,
    },
    "accordo": {
        "stato": S.ACCORDO,
        "data_domanda_completa": D0,
        "incontro": incontro(20),
        "convocazioni": 1,
        "verbale": "v.pdf",
        "chiusa_il": giorno(20),
    },
    "mancato": {
        "stato": S.MANCATO_ACCORDO,
        "data_domanda_completa": D0,
        "incontro": incontro(20),
        "convocazioni": 1,
        "verbale": "v.pdf",
        "chiusa_il": giorno(20),
    },
    "scaduta": {
        "stato": S.MANCATO_ACCORDO,
        "data_domanda_completa": D0,
        "per_scadenza": True,
        "chiusa_il": giorno(41),
    },
}


def _record(base: str, **changes: object) -> c.Procedura:
    fields: dict[str, object] = {"data_invio": D0, "aggiornata_il": D0, **BASE[base], **changes}
    return c.Procedura(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("base", list(BASE))
def test_each_base_record_is_consistent(base: str) -> None:
    """CP-10: the smallest record of each state (and of each way to close) is accepted."""
    assert _record(base).stato is BASE[base]["stato"]


OK: list[tuple[str, dict[str, object]]] = [
    ("inviata", {"aggiornata_il": D0}),
    ("convocata", {"proroga_giorni": 0}),
    ("convocata", {"proroga_giorni": 30}),
    ("convocata", {"convocazioni": 2}),
    ("inviata", {"data_richiesta_integrazione": D0, "data_integrazione": D0}),
    ("ritirata", {"data_domanda_completa": None}),
    ("ritirata", {"data_domanda_completa": D0, "convocazioni": 1, "incontro": incontro(20)}),
    ("accordo", {"incontro": None, "rinvii": BASE["rinviata"]["rinvii"]}),
    ("mancato", {"verbale": None, "per_scadenza": True}),
]


@pytest.mark.parametrize(("base", "changes"), OK, ids=str)
def test_records_at_the_edge_of_each_check_are_consistent(
    base: str, changes: dict[str, object]
) -> None:
    """CP-9, CP-10: 0 and 30 days, an update on the submission day, a no-show's data: fine."""
    _record(base, **changes)


BAD: list[tuple[str, dict[str, object], str]] = [
    ("inviata", {"aggiornata_il": D0 - dt.timedelta(days=1)}, "aggiornata_il"),
    ("convocata", {"proroga_giorni": -1}, "proroga_giorni"),
    ("convocata", {"proroga_giorni": 31}, "proroga_giorni"),
    ("convocata", {"convocazioni": -1}, "convocazioni"),
    ("convocata", {"convocazioni": 0}, "convocazioni"),
    ("rinviata", {"convocazioni": 0}, "convocazioni"),
    ("inviata", {"convocazioni": 1}, "convocazioni"),
    ("attesa", {"data_richiesta_integrazione": None}, "data_richiesta_integrazione"),
    ("inviata", {"data_domanda_completa": D0}, "data_domanda_completa"),
    ("attesa", {"data_domanda_completa": D0}, "data_domanda_completa"),
    ("ammessa", {"data_domanda_completa": None}, "data_domanda_completa"),
    ("scaduta", {"data_domanda_completa": None}, "data_domanda_completa"),
    (
        "ritirata",
        {"convocazioni": 1, "incontro": incontro(20)},
        "data_domanda_completa",
    ),
    ("rinviata", {"convocazioni": 2, "incontro": incontro(20)}, "incontro"),
    ("ammessa", {"convocazioni": 1, "incontro": incontro(20)}, "incontro"),
    ("ritirata", {"motivo_archiviazione": None}, "motivo_archiviazione"),
    ("mancato", {"motivo_archiviazione": M.RITIRATA}, "motivo_archiviazione"),
    ("inammissibile", {"motivi_inammissibilita": ()}, "motivi_inammissibilita"),
    (
        "ritirata",
        {"motivi_inammissibilita": (c.MotivoInammissibilita.FISCALE,)},
        "motivi_inammissibilita",
    ),
    ("ritirata", {"chiusa_il": None}, "chiusa_il"),
    ("inviata", {"chiusa_il": D0}, "chiusa_il"),
    ("accordo", {"verbale": None}, "verbale"),
    ("mancato", {"verbale": None}, "verbale"),
    ("scaduta", {"verbale": "v.pdf"}, "verbale"),
    ("ritirata", {"verbale": "v.pdf"}, "verbale"),
    ("convocata", {"verbale": "v.pdf"}, "verbale"),
]


@pytest.mark.parametrize(("base", "changes", "campo"), BAD, ids=str)
def test_each_inconsistency_names_its_field_and_state(
    base: str, changes: dict[str, object], campo: str
) -> None:
    """CP-10: one wrong field, one procedura_incoerente at that field, with the state's label."""
    with pytest.raises(ValidationError) as info:
        _record(base, **changes)
    (v,) = info.value.violations
    stato = changes.get("stato", BASE[base]["stato"])
    assert isinstance(stato, c.StatoConciliazione)
    assert (v.code, v.path, dict(v.params)) == (
        "conciliazione.procedura_incoerente",
        campo,
        {"campo": campo, "stato": stato.label, "stato_en": stato.label_en},
    )


@pytest.mark.parametrize("stato", [S.ACCORDO, S.ARCHIVIATA, S.CONVOCATA])
def test_cp5_cp9_only_a_closing_without_agreement_is_per_scadenza(
    stato: c.StatoConciliazione,
) -> None:
    """CP-5, CP-9: per_scadenza outside MANCATO_ACCORDO is refused at per_scadenza."""
    base = {S.ACCORDO: "accordo", S.ARCHIVIATA: "ritirata", S.CONVOCATA: "convocata"}[stato]
    with pytest.raises(ValidationError) as info:
        _record(base, per_scadenza=True)
    assert "per_scadenza" in [v.path for v in info.value.violations]


def test_cp3_integration_due_only_while_waiting(percorso: Percorso) -> None:
    """CP-3: the due day shows while waiting (day 7), not once the documents are sent."""
    waiting = percorso.in_attesa()
    assert waiting.integrazione_entro == giorno(7)
    sent = c.integrate(waiting, oggi=giorno(3)).procedura
    assert (sent.data_richiesta_integrazione, sent.integrazione_entro) == (D0, None)


def test_cp8_cp9_deadlines_follow_the_record(percorso: Percorso) -> None:
    """CP-8, CP-9: the withdrawal day only while convened; the extension moves the end."""
    assert percorso.inviata().scadenze is None
    convened = percorso.convocata(20)
    s = convened.scadenze
    assert s is not None
    assert (s.data_domanda_completa, s.ritiro_entro) == (D0, giorno(18))
    held = c.record_outcome(
        convened, oggi=giorno(20), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf"
    ).procedura
    assert held.incontro == incontro(20)
    closed = held.scadenze
    assert closed is not None
    assert closed.ritiro_entro is None
    extended = attrs.evolve(convened, proroga_giorni=12).scadenze
    assert extended is not None
    assert (extended.proroga_giorni, extended.conclusione_entro) == (12, giorno(102))


def test_cp2_a_procedure_as_an_earlier_request(percorso: Percorso) -> None:
    """CP-2: an earlier request is its state and its reason for archiving."""
    done = c.withdraw(percorso.ammessa(), oggi=giorno(2)).procedura
    assert done.precedente == c.Precedente(S.ARCHIVIATA, M.RITIRATA)
    assert percorso.inviata().precedente == c.Precedente(S.INVIATA, None)
