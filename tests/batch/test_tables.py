"""Reading CSV as Excel writes it (encodings, separators) and XLSX; writing both."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from sportello import ValidationError
from sportello.batch import read_table, write_csv, write_xlsx

HEADER = "riferimento;cliente.nome;descrizione"
ROW = "ASS-1;Niccolò;Perché la bolletta è doppia?"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
)
def test_csv_in_excels_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """UTF-8 with and without BOM, Windows-1252 and UTF-16 all read to the same cells."""
    path = tmp_path / "righe.csv"
    path.write_bytes(bom + f"{HEADER}\r\n{ROW}\r\n".encode(encoding))
    header, rows = read_table(path)
    assert header == ["riferimento", "cliente.nome", "descrizione"]
    assert rows == [
        (2, {"riferimento": "ASS-1", "cliente.nome": "Niccolò", "descrizione": ROW.split(";")[2]})
    ]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_separators_are_taken_from_the_header(tmp_path: Path, sep: str) -> None:
    """The separator the header uses most is the file's; quoted cells keep the others."""
    path = tmp_path / "righe.csv"
    other = "," if sep != "," else ";"
    path.write_text(f'a{sep}b\n"x{other}y"{sep}"riga\nnuova"\n', encoding="utf-8")
    header, rows = read_table(path)
    assert header == ["a", "b"]
    assert rows == [(2, {"a": f"x{other}y", "b": "riga\nnuova"})]


def test_empty_rows_are_skipped_and_rows_keep_their_sheet_number(tmp_path: Path) -> None:
    """A row of empty cells is skipped; the next keeps the number the spreadsheet shows."""
    path = tmp_path / "righe.csv"
    path.write_text("a;b\n1;2\n;\n\n3;4\n5\n", encoding="utf-8")
    _, rows = read_table(path)
    assert [n for n, _ in rows] == [2, 5, 6]
    assert rows[-1][1] == {"a": "5", "b": ""}


def test_a_cell_past_the_header_is_kept_for_the_check(tmp_path: Path) -> None:
    """A cell beyond the header's columns is kept under "" so the row can be refused."""
    path = tmp_path / "righe.csv"
    path.write_text("a;b\n1;2;3\n", encoding="utf-8")
    _, rows = read_table(path)
    assert rows[0][1][""] == "3"


def test_duplicate_columns_and_unreadable_files_are_violations(tmp_path: Path) -> None:
    """A repeated header is batch.duplicate_column; a missing or empty file, file_unreadable."""
    path = tmp_path / "righe.csv"
    path.write_text("a;b;a\n1;2;3\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_table(path)
    assert err.value.codes == ("batch.duplicate_column",)
    for bad in (tmp_path / "nessuno.csv", tmp_path / "vuoto.csv"):
        if bad.name == "vuoto.csv":
            bad.write_bytes(b"")
        with pytest.raises(ValidationError) as err:
            read_table(bad)
        assert err.value.codes == ("batch.file_unreadable",)
    broken = tmp_path / "rotto.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ValidationError) as err:
        read_table(broken)
    assert err.value.codes == ("batch.file_unreadable",)


def test_xlsx_cells_become_the_text_a_form_takes(tmp_path: Path) -> None:
    """Dates become ISO, booleans sì/no, whole floats integers; the sheet 'pratiche' is read."""
    book = Workbook()
    other = book.active
    assert other is not None
    other.title = "istruzioni"
    other.append(["leggimi"])
    sheet = book.create_sheet("pratiche")
    sheet.append(["riferimento", "data", "flag", "numero", "vuoto"])
    sheet.append(["ASS-1", dt.datetime(2026, 8, 3), True, 3.0, None])
    sheet.append([None, None, None, None, None])
    sheet.append(["ASS-2", dt.date(2026, 1, 2), False, 2.5, "x"])
    path = tmp_path / "righe.xlsx"
    book.save(path)
    header, rows = read_table(path)
    assert header == ["riferimento", "data", "flag", "numero", "vuoto"]
    assert rows == [
        (
            2,
            {
                "riferimento": "ASS-1",
                "data": "2026-08-03",
                "flag": "sì",
                "numero": "3",
                "vuoto": "",
            },
        ),
        (
            4,
            {
                "riferimento": "ASS-2",
                "data": "2026-01-02",
                "flag": "no",
                "numero": "2.5",
                "vuoto": "x",
            },
        ),
    ]


def test_written_csv_and_xlsx_read_back(tmp_path: Path) -> None:
    """write_csv (UTF-8 BOM, ;) and write_xlsx round-trip through read_table."""
    rows = [["ASS-1", "Perché; sì"], ["ASS-2", ""]]
    csv_path = tmp_path / "out.csv"
    write_csv(csv_path, ["riferimento", "note"], rows)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfriferimento;note\r\n")
    xlsx_path = tmp_path / "out.xlsx"
    write_xlsx(xlsx_path, [("pratiche", ["riferimento", "note"], rows)])
    for path in (csv_path, xlsx_path):
        _, back = read_table(path)
        assert back == [
            (2, {"riferimento": "ASS-1", "note": "Perché; sì"}),
            (3, {"riferimento": "ASS-2", "note": ""}),
        ]
    assert load_workbook(xlsx_path).sheetnames == ["pratiche"]
