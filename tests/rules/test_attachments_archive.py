"""The zip-directory check of office documents: bombs and broken archives, never inflated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.rules.attachments import (
    ARCHIVE_EXTENSIONS,
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_ENTRIES,
    MB,
    check_archive,
)


def _zip(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> io.BytesIO:
    """A real zip holding ``entries``, rewound."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buf.seek(0)
    return buf


DOCX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
    "word/document.xml": b'<?xml version="1.0"?><w:document>'
    + b"<w:p>testo</w:p>" * 500
    + b"</w:document>",
}


@pytest.mark.parametrize("nome", ["lettera.docx", "tabella.XLSX", "testo.odt", "foglio.ods"])
def test_a_real_office_document_passes(nome: str) -> None:
    """An ordinary OOXML/ODF-shaped zip (small, mildly compressed parts) has no violation."""
    assert check_archive(_zip(DOCX_PARTS), nome=nome) == []


@pytest.mark.parametrize(
    ("entries", "method"),
    [
        ({"[Content_Types].xml": bytes(50 * MB)}, zipfile.ZIP_DEFLATED),  # the ratio, ~1000:1
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "x": bytes(2 * MB)}, 8),
    ],
    ids=["ooxml-first-entry", "odf-first-entry"],
)
def test_a_zip_bomb_is_refused_from_its_directory(entries: dict[str, bytes], method: int) -> None:
    """An entry inflating over 100:1 is a bomb, whatever its first entry's name says."""
    found = check_archive(_zip(entries, method=method), nome="bomba.docx", path="allegato")
    assert [(v.code, v.path, v.rule) for v in found] == [
        ("attachments.archive_bomb", "allegato", "")
    ]
    assert "bomba.docx" in found[0].message()


def test_a_stored_archive_over_the_total_cap_is_refused(tmp_path: Path) -> None:
    """Entries declaring more than 100 MB in all are refused even at ratio 1:1 (sparse file)."""
    path = tmp_path / "grande.xlsx"
    # Header-only entries declaring their size: build a small zip, then patch the directory.
    buf = _zip({f"p{i}.bin": b"x" for i in range(3)}, method=zipfile.ZIP_STORED)
    data = bytearray(buf.getvalue())
    declared = MAX_ARCHIVE_BYTES // 2
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        data[at + 20 : at + 24] = declared.to_bytes(4, "little")  # compressed size
        data[at + 24 : at + 28] = declared.to_bytes(4, "little")  # uncompressed size
        at += 4
    path.write_bytes(bytes(data))
    with path.open("rb") as f:
        found = check_archive(f, nome="grande.xlsx")
    assert [v.code for v in found] == ["attachments.archive_bomb"]
    assert "150 MB" in found[0].message()


def test_too_many_entries_are_refused() -> None:
    """More than 10,000 entries are refused before their sizes are summed."""
    buf = _zip({f"{i}": b"" for i in range(MAX_ARCHIVE_ENTRIES + 1)}, method=zipfile.ZIP_STORED)
    found = check_archive(buf, nome="molte.pptx")
    assert [v.code for v in found] == ["attachments.archive_too_many_entries"]
    assert (
        found[0].message("en") == "The document molte.pptx holds 10001 parts: the maximum is 10000."
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK\x03\x04",
        _zip(DOCX_PARTS).getvalue()[:-10],
        _zip(DOCX_PARTS).getvalue().replace(b"PK\x01\x02", b"XX\x01\x02"),
        b"%PDF-1.7\n",
        bytes(100),
    ],
    ids=["empty", "local-header-only", "truncated", "broken-directory", "pdf", "zeros"],
)
def test_an_unreadable_archive_is_invalid(data: bytes) -> None:
    """A file with no readable zip directory is `attachments.archive_invalid`."""
    found = check_archive(io.BytesIO(data), nome="rotto.odp")
    assert [v.code for v in found] == ["attachments.archive_invalid"]
    assert (
        found[0].message() == "Il documento rotto.odp è danneggiato: non è un file .odp leggibile."
    )


@pytest.mark.parametrize("nome", ["a.pdf", "b.jpg", "c.zip", "senza_estensione"])
def test_other_extensions_are_not_read(nome: str) -> None:
    """Only zip-based office extensions are read; any other name answers [] untouched."""
    assert check_archive(io.BytesIO(b"not a zip"), nome=nome) == []


@given(st.binary(max_size=512), st.sampled_from(sorted(ARCHIVE_EXTENSIONS)))
def test_arbitrary_bytes_never_raise(data: bytes, ext: str) -> None:
    """Any bytes under an office name give a list of violations, never an exception."""
    found = check_archive(io.BytesIO(data), nome=f"x{ext}")
    assert {v.code for v in found} <= {
        "attachments.archive_invalid",
        "attachments.archive_bomb",
        "attachments.archive_too_many_entries",
    }
