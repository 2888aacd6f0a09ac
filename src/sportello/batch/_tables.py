"""Reading and writing the batch's tables: CSV as Excel writes it, and XLSX (extra ``batch``).

CSV is read in UTF-8 (with or without the byte-order mark), UTF-16 with its mark (Excel's
"Unicode text") or, when neither decodes, Windows-1252 (Excel's "CSV" on an Italian or Western
Windows); the separator is the one of ``;``, ``,`` and tab that the header line uses most
(Excel writes ``;`` where the decimal comma is the custom). CSV is written in UTF-8 with the
byte-order mark and ``;``, which Excel opens as it is. XLSX needs openpyxl
(``pip install 'sportello[batch]'``).

A row is numbered as the spreadsheet shows it: the header is row 1, the first data row 2.
Rows with every cell empty are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sportello._violations import ValidationError, Violation

__all__ = ["ENCODINGS", "Table", "cell_text", "read_table", "write_csv", "write_xlsx"]

#: The encodings tried, in order, on a CSV without a byte-order mark.
ENCODINGS = ("utf-8", "cp1252")

Table = tuple[list[str], list[tuple[int, dict[str, str]]]]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # pragma: no cover - cp1252 leaves 5 bytes undefined


def _separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def cell_text(value: Any) -> str:  # noqa: PLR0911 - one return per kind of cell
    """A spreadsheet cell as text: dates ISO, booleans ``sì``/``no``, ``3.0`` as ``3``.

    >>> cell_text(dt.datetime(2026, 8, 3)), cell_text(True), cell_text(3.0), cell_text(None)
    ('2026-08-03', 'sì', '3', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(header: Sequence[Any], records: Iterable[Sequence[Any]]) -> Table:
    names = [cell_text(h) for h in header]
    seen: set[str] = set()
    bad: list[Violation] = []
    for i, name in enumerate(names):
        if name and name in seen:
            bad.append(Violation.of("batch.duplicate_column", path=name, column=name))
        seen.add(name)
        if not name:
            names[i] = ""
    if bad:
        raise ValidationError(bad)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, record in enumerate(records, start=2):
        cells = [cell_text(v) for v in record]
        if not any(cells):
            continue
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names) if name}
        extra = [c for c in cells[len(names) :] if c]
        if extra:
            row[""] = extra[0]
        rows.append((number, row))
    return [n for n in names if n], rows


def read_table(path: str | Path) -> Table:
    """The header and the rows of a CSV or XLSX file (by its suffix).

    Raises:
        ValidationError: ``batch.file_unreadable`` (missing, not a table, empty) or
            ``batch.duplicate_column``.
        ImportError: an XLSX file without openpyxl installed.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise ValidationError(
            [Violation.of("batch.file_unreadable", file=str(path), reason=exc.strerror or "")]
        ) from None
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text)))
    if not records:
        raise ValidationError(
            [Violation.of("batch.file_unreadable", file=str(path), reason="vuoto / empty")]
        )
    return _rows(records[0], records[1:])


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise ValidationError(
            [Violation.of("batch.file_unreadable", file=str(path), reason=reason)]
        ) from None
    try:
        sheet = book["pratiche"] if "pratiche" in book.sheetnames else book.worksheets[0]
        records = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not records:
        raise ValidationError(
            [Violation.of("batch.file_unreadable", file=str(path), reason="vuoto / empty")]
        )
    return _rows(list(records[0]), records[1:])


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a CSV as Excel opens it: UTF-8 with the byte-order mark, ``;``, CRLF."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        out.writerow(header)
        for row in rows:
            out.writerow(["" if v is None else v for v in row])


def write_xlsx(
    path: str | Path,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
    *,
    choices: dict[int, str] | None = None,
) -> None:
    """Write an XLSX workbook, one ``(title, header, rows)`` per sheet; every cell text.

    ``choices`` (column index of the first sheet -> a range of another sheet, e.g.
    ``"valori!$E$2:$E$9"``) adds a drop-down list of the allowed values to that column.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type, unused-ignore]
    for n, (title, header, rows) in enumerate(sheets):
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
        for i, name in enumerate(header, start=1):
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(12, min(48, len(str(name)) + 2))
            sheet.column_dimensions[letter].number_format = "@"
        sheet.freeze_panes = "A2"
        if n == 0 and choices:
            for column, source in choices.items():
                rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
                letter = get_column_letter(column + 1)
                rule.add(f"{letter}2:{letter}5000")
                sheet.add_data_validation(rule)
    book.save(path)
