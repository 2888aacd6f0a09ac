"""Rows as forms: cells read as a spreadsheet user writes them, every fault with its column."""

import copy
import hashlib
from pathlib import Path

import pytest

from sportello import ValidationError, forms
from sportello.batch import RIFERIMENTO, columns, load_rows, submission_key
from sportello.testing._forms import ESEMPI

from .conftest import PDF, cells


def _table(*rows: dict[str, str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    return [h for h in header if h], [(i, dict(r)) for i, r in enumerate(rows, start=2)]


def _smart(rif: str = "ASS-1", **changes: str) -> dict[str, str]:
    row = {RIFERIMENTO: rif, **cells(ESEMPI["RichiestaSmartHelp"])}
    row.update(changes)
    return row


def _conciliazione(rif: str = "C-1", **changes: str) -> dict[str, str]:
    row = {RIFERIMENTO: rif, **cells(ESEMPI["DomandaConciliazione"])}
    row.update(changes)
    return row


def _paths(riga: object) -> list[tuple[str, str]]:
    return [(v.path, v.code) for v in riga.violations]  # type: ignore[attr-defined]


def test_a_valid_row_loads_as_the_form() -> None:
    """A row of the example's cells is the example form, ready to send."""
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart())).rows
    assert riga.valid
    assert riga.form == forms.load(forms.RichiestaSmartHelp, ESEMPI["RichiestaSmartHelp"])
    assert (riga.riga, riga.riferimento, riga.files) == (2, "ASS-1", ())


def test_every_fault_of_a_row_is_reported_with_its_column() -> None:
    """The form's rules run on the row: each violation's path is the column's name."""
    (riga,) = load_rows(
        forms.RichiestaSmartHelp,
        _table(_smart(**{"cliente.codice_fiscale": "RSSMRA85T10A562X", "materia": "boh"})),
    ).rows
    assert not riga.valid
    assert riga.form is None
    assert _paths(riga) == [
        ("materia", "forms.invalid_choice"),
        ("cliente.codice_fiscale", "codice_fiscale.invalid_checksum"),
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [("sì", True), ("SI", True), ("x", True), ("1", True), ("no", False), ("0", False)],
)
def test_boolean_cells(cell: str, value: bool) -> None:
    """sì/si/x/1 are true, no/0 false, in any case."""
    row = _smart(
        risposta_insoddisfacente=cell, data_reclamo="2026-08-03", data_risposta="2026-09-01"
    )
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(row)).rows
    assert riga.form.risposta_insoddisfacente is value


def test_a_boolean_cell_with_anything_else_is_refused() -> None:
    """forse is neither: batch.boolean_invalid on its column."""
    (riga,) = load_rows(
        forms.RichiestaSmartHelp, _table(_smart(risposta_insoddisfacente="forse"))
    ).rows
    assert _paths(riga) == [("risposta_insoddisfacente", "batch.boolean_invalid")]


def test_dates_in_excels_italian_format_and_iso() -> None:
    """03/08/2026 and 3.8.2026 are 2026-08-03; a date that does not exist stays refused."""
    for cell in ("03/08/2026", "3.8.2026", "2026-08-03"):
        (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart(data_reclamo=cell))).rows
        assert riga.form.data_reclamo.isoformat() == "2026-08-03", cell
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart(data_reclamo="31/02/2026"))).rows
    assert _paths(riga) == [("data_reclamo", "forms.invalid_date")]


def test_a_choice_by_its_label_or_code_in_any_case() -> None:
    """The label the portal shows, or the code, is the code."""
    for cell in ("Bonus luce e gas: mancata o ritardata erogazione del bonus", "BONUS_RECUPERO"):
        (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart(materia=cell))).rows
        assert riga.valid, cell
    assert riga.form.materia.value == "bonus_recupero"


def test_several_choices_in_one_cell() -> None:
    """disponibilita takes values separated by commas or semicolons (CO-5)."""
    row = _conciliazione(disponibilita="lunedi_mattina; mercoledi_pomeriggio,venerdi_mattina")
    (riga,) = load_rows(forms.DomandaConciliazione, _table(row)).rows
    assert [d.value for d in riga.form.disponibilita] == [
        "lunedi_mattina",
        "mercoledi_pomeriggio",
        "venerdi_mattina",
    ]


def test_list_items_keep_the_index_the_user_wrote() -> None:
    """allegati[0] and allegati[3] filled: a fault of the second is reported on allegati[3]."""
    row = _conciliazione()
    del row["allegati[1].tipo"], row["allegati[1].nome"]
    row["allegati[3].tipo"] = "nessuno"
    row["allegati[3].nome"] = "x.pdf"
    (riga,) = load_rows(forms.DomandaConciliazione, _table(row)).rows
    assert _paths(riga) == [("allegati[3].tipo", "forms.invalid_choice")]


@pytest.mark.parametrize(
    ("rif", "code"),
    [
        ("", "batch.riferimento_required"),
        ("ASS 1", "batch.riferimento_invalid"),
        ("A" * 65, "batch.riferimento_invalid"),
        ("pratica/1", "batch.riferimento_invalid"),
    ],
)
def test_bad_references(rif: str, code: str) -> None:
    """The reference is required, of letters, digits, . _ - only, at most 64."""
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart(rif))).rows
    assert _paths(riga) == [(RIFERIMENTO, code)]


def test_a_reference_of_64_characters_and_duplicates() -> None:
    """64 characters pass; the second row with a reference already used is refused."""
    rif = "A._-9" + "B" * 59
    first, second, third = load_rows(
        forms.RichiestaSmartHelp, _table(_smart(rif), _smart(rif), _smart("ASS-2"))
    ).rows
    assert first.valid
    assert third.valid
    assert _paths(second) == [(RIFERIMENTO, "batch.riferimento_duplicate")]
    assert second.violations[0].params == {"riferimento": rif, "riga": 2}


def test_unknown_columns_and_extra_cells() -> None:
    """A column that is no field is a problem of the file; a cell past the header, of its row."""
    row = _smart(**{"cliente.codice": "x", "": "y"})
    lotto = load_rows(forms.RichiestaSmartHelp, _table(row))
    assert [(v.path, v.code) for v in lotto.problems] == [
        ("cliente.codice", "batch.unknown_column")
    ]
    assert _paths(lotto.rows[0]) == [("", "batch.extra_cell")]
    header = [c.path for c in columns(forms.DomandaConciliazione)]
    assert "allegati[4].nome" in header
    wide = load_rows(forms.DomandaConciliazione, _table(_conciliazione(**{"allegati[9].nome": ""})))
    assert wide.problems == ()  # any index of a list is a known column


def _folder(tmp_path: Path, rif: str, *names: str) -> Path:
    root = tmp_path / "allegati"
    (root / rif).mkdir(parents=True)
    for name in names:
        (root / rif / name).write_bytes(PDF + name.encode())
    return root


def test_a_rows_files_are_its_folders_files(tmp_path: Path) -> None:
    """Files of allegati/<riferimento>/, by name, with their SHA-256; dot files skipped."""
    root = _folder(tmp_path, "ASS-1", "b.pdf", "a.pdf", ".DS_Store")
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart()), allegati=root).rows
    assert riga.valid
    assert [f.nome for f in riga.files] == ["a.pdf", "b.pdf"]
    assert riga.files[0].sha256 == hashlib.sha256(PDF + b"a.pdf").hexdigest()
    assert not any(f.obbligatorio for f in riga.files)
    (alone,) = load_rows(forms.RichiestaSmartHelp, _table(_smart("ASS-9")), allegati=root).rows
    assert alone.valid
    assert alone.files == ()  # no folder: no files


def test_files_are_checked_before_anything_is_sent(tmp_path: Path) -> None:
    """AT-2: an extension SMART Help refuses is reported on <riferimento>/<file>."""
    root = _folder(tmp_path, "ASS-1", "ok.pdf")
    (root / "ASS-1" / "programma.exe").write_bytes(b"MZ\x90\x00" + bytes(60))
    (riga,) = load_rows(forms.RichiestaSmartHelp, _table(_smart()), allegati=root).rows
    assert not riga.valid
    assert {v.path for v in riga.violations} == {"ASS-1/programma.exe"}
    assert "AT-2" in {v.rule for v in riga.violations}


def test_conciliation_documents_must_be_there_and_required_ones_are_flagged(
    tmp_path: Path,
) -> None:
    """CO-6: each listed document is in the folder; the required ones go as obbligatorio."""
    root = _folder(
        tmp_path, "C-1", "carta-identita.pdf", "reclamo.pdf", "risposta.pdf", "altro.pdf"
    )
    (riga,) = load_rows(forms.DomandaConciliazione, _table(_conciliazione()), allegati=root).rows
    assert riga.valid
    flags = {f.nome: f.obbligatorio for f in riga.files}
    assert flags == {
        "altro.pdf": False,
        "carta-identita.pdf": True,
        "reclamo.pdf": True,
        "risposta.pdf": True,
    }
    (root / "C-1" / "risposta.pdf").unlink()
    (riga,) = load_rows(forms.DomandaConciliazione, _table(_conciliazione()), allegati=root).rows
    assert _paths(riga) == [("allegati[2].nome", "batch.allegato_missing")]
    assert riga.violations[0].rule == "CO-6"


def test_a_missing_attachments_folder_is_an_input_error(tmp_path: Path) -> None:
    """--allegati naming no folder refuses the whole file."""
    with pytest.raises(ValidationError) as err:
        load_rows(forms.RichiestaSmartHelp, _table(_smart()), allegati=tmp_path / "no")
    assert err.value.codes == ("batch.allegati_dir_missing",)


def test_submission_keys_follow_the_documented_formula() -> None:
    """Prefix plus SHA-256 of version, form and reference: the same row, the same key."""
    digest = hashlib.sha256(b"sportello-batch-v1\0RichiestaSmartHelp\0ASS-1").hexdigest()
    assert submission_key("RichiestaSmartHelp", "ASS-1") == f"sportello-batch-v1-{digest}"
    assert submission_key("Segnalazione", "ASS-1") != submission_key("RichiestaSmartHelp", "ASS-1")
    assert len(submission_key("Segnalazione", "A" * 64)) <= 255


def test_example_document_is_not_changed() -> None:
    """Loading rows leaves the shared example untouched (the helpers copy it)."""
    before = copy.deepcopy(ESEMPI["DomandaConciliazione"])
    load_rows(forms.DomandaConciliazione, _table(_conciliazione()))
    assert before == ESEMPI["DomandaConciliazione"]
