"""The Servizio's actions in full: each record's update day, each event, each refusal's params."""

from collections.abc import Callable

import pytest

from sportello import ValidationError
from sportello.rules import conciliazione as c

from .conftest import D0, Percorso, giorno, incontro

S = c.StatoConciliazione
T = c.TipoEvento
E = c.EventoProcedura


Refusal = tuple[str, str | None, str, dict[str, object]]


def _refusal(op: Callable[..., c.Passo], *args: object, **kwargs: object) -> list[Refusal]:
    with pytest.raises(ValidationError) as info:
        op(*args, **kwargs)
    return [(v.code, v.rule, v.path, dict(v.params)) for v in info.value.violations]


def test_cp3_request_for_documents_in_full(percorso: Percorso) -> None:
    """CP-3: asked on day 2, the record is updated on day 2; the event lists the documents."""
    step = c.request_integration(
        percorso.inviata(), oggi=giorno(2), documenti=[" bolletta", " ", "contratto "]
    )
    assert step.procedura.aggiornata_il == giorno(2)
    assert step.eventi == (
        E(
            tipo=T.INTEGRAZIONE_RICHIESTA,
            data=giorno(2),
            stato=S.IN_ATTESA_INTEGRAZIONE,
            entro=giorno(9),
            documento="bolletta, contratto",
        ),
    )


def test_cp3_admission_in_full(percorso: Percorso) -> None:
    """CP-3: admitted on day 3, updated on day 3; the event says admitted, first meeting by 43."""
    step = c.admit(percorso.inviata(), oggi=giorno(3))
    assert step.procedura.aggiornata_il == giorno(3)
    assert step.eventi == (
        E(tipo=T.DOMANDA_AMMESSA, data=giorno(3), stato=S.AMMESSA, entro=giorno(43)),
    )


def test_cp2_inadmissible_in_full(percorso: Percorso) -> None:
    """CP-2: declared inadmissible on day 2: updated and closed on day 2, archived, its reason."""
    motivi = (c.MotivoInammissibilita.FISCALE,)
    step = c.declare_inadmissible(percorso.inviata(), oggi=giorno(2), motivi=motivi)
    assert (step.procedura.aggiornata_il, step.procedura.chiusa_il) == (giorno(2), giorno(2))
    assert step.eventi == (
        E(
            tipo=T.DOMANDA_INAMMISSIBILE,
            data=giorno(2),
            stato=S.ARCHIVIATA,
            motivo_archiviazione=c.MotivoArchiviazione.INAMMISSIBILE,
            motivi_inammissibilita=motivi,
        ),
    )


def test_cp5_convocation_in_full(percorso: Percorso) -> None:
    """CP-5, CP-8: convened on day 1 to day 20: the event has the meeting and day 18."""
    step = c.convene(percorso.ammessa(), oggi=giorno(1), incontro=incontro(20))
    assert step.procedura.aggiornata_il == giorno(1)
    assert step.eventi == (
        E(
            tipo=T.INCONTRO_CONVOCATO,
            data=giorno(1),
            stato=S.CONVOCATA,
            incontro=incontro(20),
            entro=giorno(18),
        ),
    )


def test_cp5_cp9_each_fault_of_a_convocation_names_its_day(percorso: Percorso) -> None:
    """CP-5, CP-9: a meeting already fixed, not future, on a Saturday, past day 40 or day 90."""
    convened = percorso.convocata(20)
    assert _refusal(c.convene, convened, oggi=giorno(19), incontro=incontro(27)) == [
        ("conciliazione.incontro_gia_fissato", "CP-5", "incontro", {"data": giorno(20)})
    ]
    admitted = percorso.ammessa()
    assert _refusal(c.convene, admitted, oggi=giorno(20), incontro=incontro(20)) == [
        ("conciliazione.incontro_non_futuro", "CP-5", "incontro.data", {"oggi": giorno(20)})
    ]
    assert _refusal(c.convene, admitted, oggi=giorno(1), incontro=incontro(24)) == [
        ("calendar.no_meetings_on_day", "CP-5", "incontro.data", {"giorno": giorno(24)})
    ]
    assert _refusal(c.convene, admitted, oggi=giorno(1), incontro=incontro(41)) == [
        (
            "conciliazione.primo_incontro_oltre_termine",
            "CP-5",
            "incontro.data",
            {"entro": giorno(40)},
        )
    ]
    postponed = percorso.rinviata()
    assert _refusal(c.convene, postponed, oggi=giorno(11), incontro=incontro(91)) == [
        ("conciliazione.incontro_oltre_termine", "CP-9", "incontro.data", {"entro": giorno(90)})
    ]


@pytest.mark.parametrize("esito", list(c.Esito))
def test_cp10_outcome_in_full(percorso: Percorso, esito: c.Esito) -> None:
    """CP-10: recorded on day 21 after the meeting of day 20: the event has it and the verbale."""
    step = c.record_outcome(
        percorso.convocata(20), oggi=giorno(21), esito=esito, verbale=" v.pdf ", firmato=True
    )
    assert (step.procedura.aggiornata_il, step.procedura.chiusa_il) == (giorno(21), giorno(21))
    tipo = T.ACCORDO if esito is c.Esito.ACCORDO else T.MANCATO_ACCORDO
    assert step.eventi == (
        E(tipo=tipo, data=giorno(21), stato=esito.stato, incontro=incontro(20), documento="v.pdf"),
    )


def test_cp10_cp7_before_the_meeting_names_its_day(percorso: Percorso) -> None:
    """CP-10, CP-7: an outcome or a no-show on day 19 names the meeting's day 20."""
    p = percorso.convocata(20)
    assert _refusal(
        c.record_outcome, p, oggi=giorno(19), esito=c.Esito.MANCATO_ACCORDO, verbale="v.pdf"
    ) == [("conciliazione.esito_prima_dell_incontro", "CP-10", "oggi", {"data": giorno(20)})]
    assert _refusal(c.archive_no_show, p, oggi=giorno(19)) == [
        (
            "conciliazione.comparizione_prima_dell_incontro",
            "CP-7",
            "oggi",
            {"data": giorno(20)},
        )
    ]


def test_cp7_no_show_in_full(percorso: Percorso) -> None:
    """CP-7: a no-show recorded on day 21: updated on day 21, one event with meeting and reason."""
    step = c.archive_no_show(percorso.convocata(20), oggi=giorno(21))
    assert (step.procedura.aggiornata_il, step.procedura.chiusa_il) == (giorno(21), giorno(21))
    assert step.eventi == (
        E(
            tipo=T.MANCATA_COMPARIZIONE,
            data=giorno(21),
            stato=S.ARCHIVIATA,
            incontro=incontro(20),
            motivo_archiviazione=c.MotivoArchiviazione.MANCATA_COMPARIZIONE,
        ),
    )


def test_cp9_extension_in_full(percorso: Percorso) -> None:
    """CP-9: 12 days granted on day 21: updated on day 21; the event says 12 days, end day 102."""
    step = c.extend(
        percorso.convocata(20), oggi=giorno(21), giorni=12, richiesta_da=[c.Parte.SERVIZIO]
    )
    assert (step.procedura.aggiornata_il, step.procedura.proroga_giorni) == (giorno(21), 12)
    assert step.eventi == (
        E(
            tipo=T.TERMINE_PROROGATO,
            data=giorno(21),
            stato=S.CONVOCATA,
            entro=giorno(102),
            giorni=12,
        ),
    )


def test_cp9_extension_only_once_admitted_and_not_back_in_time(percorso: Percorso) -> None:
    """CP-9: no extension of a request not yet admitted, nor on a day before the last update."""
    servizio = [c.Parte.SERVIZIO]
    assert _refusal(c.extend, percorso.inviata(), oggi=D0, giorni=5, richiesta_da=servizio) == [
        (
            "conciliazione.azione_non_ammessa",
            "CP-9",
            "stato",
            {
                "azione": c.Azione.PROROGA.label,
                "azione_en": c.Azione.PROROGA.label_en,
                "stato": S.INVIATA.label,
                "stato_en": S.INVIATA.label_en,
            },
        )
    ]
    p = percorso.convocata(20, oggi=3)
    assert _refusal(c.extend, p, oggi=giorno(2), giorni=5, richiesta_da=servizio) == [
        (
            "conciliazione.data_precedente",
            "",
            "oggi",
            {"oggi": giorno(2), "aggiornata_il": giorno(3)},
        )
    ]


@pytest.mark.parametrize(
    ("giorni", "chi", "expected"),
    [
        (
            0,
            [],
            [
                ("conciliazione.proroga_non_valida", "giorni", {"giorni": 0}),
                (
                    "conciliazione.proroga_richiesta_congiunta",
                    "richiesta_da",
                    {"parti": ["-"], "parti_en": ["-"]},
                ),
            ],
        ),
        (
            21,
            [c.Parte.CLIENTE],
            [
                (
                    "conciliazione.proroga_oltre_limite",
                    "giorni",
                    {"giorni": 21, "max": 30, "residui": 20},
                ),
                (
                    "conciliazione.proroga_richiesta_congiunta",
                    "richiesta_da",
                    {"parti": ["cliente"], "parti_en": [c.Parte.CLIENTE.label_en]},
                ),
            ],
        ),
    ],
    ids=["nothing by nobody", "past the rest by one party"],
)
def test_cp9_each_fault_of_an_extension_names_its_values(
    percorso: Percorso,
    giorni: int,
    chi: list[c.Parte],
    expected: list[tuple[str, str, dict[str, object]]],
) -> None:
    """CP-9: after 10 days granted, 0 or 21 days asked by nobody or by one party alone."""
    p = c.extend(
        percorso.convocata(20), oggi=giorno(21), giorni=10, richiesta_da=[c.Parte.SERVIZIO]
    ).procedura
    found = _refusal(c.extend, p, oggi=giorno(22), giorni=giorni, richiesta_da=chi)
    assert [(code, path, params) for code, _, path, params in found] == expected
    assert _refusal(
        c.extend, p, oggi=giorno(22), giorni=20, richiesta_da=[c.Parte.CONTROPARTE]
    ) == [
        (
            "conciliazione.proroga_richiesta_congiunta",
            "CP-9",
            "richiesta_da",
            {"parti": ["controparte"], "parti_en": [c.Parte.CONTROPARTE.label_en]},
        )
    ]
