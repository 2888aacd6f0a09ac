"""CP-2: admissibility and the same dispute; CP-11: the case number or the SPCEN code."""

import datetime as dt

import pytest

from sportello import ValidationError
from sportello.rules.channels import Procedura as Servizio
from sportello.rules.conciliazione import (
    Identificativo,
    MotivoArchiviazione,
    MotivoInammissibilita,
    Precedente,
    StatoConciliazione,
    check_ammissibilita,
    chiave_controversia,
    identificativo,
    spcen_entro,
)
from sportello.rules.smart_help import Materia

S = StatoConciliazione
M = MotivoArchiviazione


@pytest.mark.parametrize(
    ("precedente", "code"),
    [
        (Precedente(S.INVIATA), "conciliazione.inammissibile_pendente"),
        (Precedente(S.CONVOCATA), "conciliazione.inammissibile_pendente"),
        (Precedente(S.ACCORDO), "conciliazione.inammissibile_concluso"),
        (Precedente(S.MANCATO_ACCORDO), "conciliazione.inammissibile_concluso"),
        (Precedente(S.ARCHIVIATA, M.RITIRATA), "conciliazione.inammissibile_ritirata"),
        (
            Precedente(S.ARCHIVIATA, M.MANCATA_COMPARIZIONE),
            "conciliazione.inammissibile_mancata_comparizione",
        ),
    ],
    ids=str,
)
def test_cp2_each_earlier_request_reason_has_its_code(precedente: Precedente, code: str) -> None:
    """CP-2: pending, concluded, withdrawn, no-show: one violation each, with its own code."""
    (v,) = check_ammissibilita([precedente])
    assert (v.code, v.rule, v.path) == (code, "CP-2", "precedenti")
    assert v.message().startswith("Domanda inammissibile")


@pytest.mark.parametrize("motivo", [M.INAMMISSIBILE, M.NON_INTEGRATA, None])
def test_cp2_archived_as_inadmissible_or_incomplete_does_not_bar(
    motivo: MotivoArchiviazione | None,
) -> None:
    """CP-2: a request archived as inadmissible or not completed in time bars no new one."""
    assert check_ammissibilita([Precedente(S.ARCHIVIATA, motivo)]) == []


def test_cp2_the_matter_smart_help_or_tax() -> None:
    """CP-2: SMART Help's special-procedure matters and purely tax matters are outside."""
    found = check_ammissibilita([], materia_smart_help=Materia.DOPPIA_FATTURAZIONE, fiscale=True)
    assert [(v.code, v.path) for v in found] == [
        ("conciliazione.inammissibile_smart_help", "materia"),
        ("conciliazione.inammissibile_fiscale", "materia"),
    ]
    assert "Doppia fatturazione" in found[0].message()
    assert check_ammissibilita([]) == []


def test_cp2_every_reason_at_once_one_violation_per_reason() -> None:
    """CP-2: several earlier requests with one reason make one violation that counts them."""
    found = check_ammissibilita(
        [Precedente(S.AMMESSA), Precedente(S.RINVIATA), Precedente(S.ACCORDO)], fiscale=True
    )
    assert [v.code for v in found] == [
        "conciliazione.inammissibile_pendente",
        "conciliazione.inammissibile_concluso",
        "conciliazione.inammissibile_fiscale",
    ]
    assert found[0].params["quante"] == 2
    assert [MotivoInammissibilita.of(v) for v in found] == [
        MotivoInammissibilita.PENDENTE,
        MotivoInammissibilita.CONCLUSO,
        MotivoInammissibilita.FISCALE,
    ]


def test_cp2_reason_of_a_foreign_violation_is_none() -> None:
    """CP-2: MotivoInammissibilita.of reads only the CP-2 codes."""
    from sportello import Violation

    assert MotivoInammissibilita.of(Violation.of("forms.required")) is None
    assert MotivoInammissibilita.of(Violation.of("conciliazione.inammissibile_x")) is None


def _key(**changes: str | None) -> str:
    parts: dict[str, str | None] = {
        "codice_fiscale": "RSSMRA85T10A562S",
        "controparte": "Energia Esempio S.p.A.",
        "oggetto": "fatturazione",
        "punto_fornitura": "IT001E12345678",
        "indirizzo_fornitura": None,
        "controparte_partita_iva": None,
    }
    parts.update(changes)
    return chiave_controversia(**parts)  # type: ignore[arg-type]


def test_cp2_same_dispute_whatever_the_spelling() -> None:
    """CP-2: the key ignores case, spaces, accents and punctuation of each part."""
    assert _key() == _key(codice_fiscale=" rssmra 85t10 a562s ")
    assert _key() == _key(punto_fornitura="it001e 12345678")
    assert _key() == _key(controparte="energia esempio s p a")
    assert _key(punto_fornitura=None, indirizzo_fornitura="Via dei Mille, 3 - Città") == _key(
        punto_fornitura=None, indirizzo_fornitura="via  DEI MILLE 3 citta"
    )
    assert _key(controparte_partita_iva="00743110157") == _key(
        controparte="Altro nome", controparte_partita_iva="IT00743110157"
    )


@pytest.mark.parametrize(
    "change",
    [
        {"codice_fiscale": "BNCGLI90C52H501O"},
        {"punto_fornitura": "IT001E12345679"},
        {"controparte": "Altra Energia Srl"},
        {"oggetto": "misura"},
        {"punto_fornitura": None, "indirizzo_fornitura": "IT001E12345678"},
    ],
    ids=str,
)
def test_cp2_another_dispute_when_a_part_differs(change: dict[str, str | None]) -> None:
    """CP-2: another customer, supply, counterpart or subject is another dispute."""
    assert _key(**change) != _key()


def test_cp2_key_holds_no_personal_data_and_refuses_blank_parts() -> None:
    """CP-2: the key is a SHA-256 digest; a blank part is conciliazione.chiave_incompleta."""
    key = _key()
    assert len(key) == 64
    assert "RSSMRA" not in key.upper()
    with pytest.raises(ValidationError) as info:
        _key(codice_fiscale=" ", punto_fornitura=None, oggetto="")
    assert [(v.code, v.path) for v in info.value.violations] == [
        ("conciliazione.chiave_incompleta", "codice_fiscale"),
        ("conciliazione.chiave_incompleta", "punto_fornitura"),
        ("conciliazione.chiave_incompleta", "oggetto"),
    ]


@pytest.mark.parametrize("servizio", list(Servizio))
def test_cp11_case_number_at_once_spcen_for_the_sportello(servizio: Servizio) -> None:
    """CP-11: a conciliation has its case number at once; the others an SPCEN code (AT-6)."""
    day = dt.date(2026, 12, 23)
    if servizio is Servizio.CONCILIAZIONE:
        assert identificativo(servizio) is Identificativo.NUMERO_PRATICA
        assert spcen_entro(servizio, day) is None
    else:
        assert identificativo(servizio) is Identificativo.CODICE_SPCEN
        assert spcen_entro(servizio, day) == dt.date(2026, 12, 29)  # 3 working days (AT-6)


def test_cp2_key_is_the_digest_of_the_normalised_parts() -> None:
    """CP-2: a stored key stays valid: SHA-256 of the parts, one blank between words, \\x1f."""
    import hashlib

    def digest(*parts: str) -> str:
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    assert _key() == digest(
        "RSSMRA85T10A562S", "punto:IT001E12345678", "nome:energia esempio s p a", "fatturazione"
    )
    assert _key(
        punto_fornitura=None,
        indirizzo_fornitura="Via  Dèi Mille, 3",
        controparte_partita_iva="IT 00743110157",
        oggetto="Mancata  lettura",
    ) == digest(
        "RSSMRA85T10A562S", "indirizzo:via dei mille 3", "piva:00743110157", "mancata lettura"
    )


@pytest.mark.parametrize("controparte", ["", " ", "-.,"])
def test_cp2_a_blank_counterpart_name_without_partita_iva_is_refused(controparte: str) -> None:
    """CP-2: a counterpart with no letters and no partita IVA is chiave_incompleta there."""
    with pytest.raises(ValidationError) as info:
        _key(controparte=controparte)
    assert [(v.code, v.rule, v.path, v.params) for v in info.value.violations] == [
        ("conciliazione.chiave_incompleta", "CP-2", "controparte", {"campo": "controparte"})
    ]
    assert len(_key(controparte=controparte, controparte_partita_iva="00743110157")) == 64


def test_cp2_each_blank_part_names_its_field() -> None:
    """CP-2: every blank part is one violation whose path and campo are that part's name."""
    with pytest.raises(ValidationError) as info:
        chiave_controversia(codice_fiscale="", controparte="", oggetto="", punto_fornitura="")
    names = ["codice_fiscale", "punto_fornitura", "controparte", "oggetto"]
    assert [(v.path, v.params) for v in info.value.violations] == [
        (name, {"campo": name}) for name in names
    ]
