"""The zip check of office documents: bombs, lying sizes, nested archives, programs inside."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.rules.attachments import (
    ARCHIVE_EXTENSIONS,
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_DEPTH,
    MAX_ARCHIVE_ENTRIES,
    MAX_ARCHIVE_RATIO,
    MAX_NESTED_BYTES,
    MB,
    RATIO_FROM_BYTES,
    check_archive,
    human_size,
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


def _patch_sizes(data: bytes, name: bytes, *, file_size: int, crc: int | None = None) -> bytes:
    """``data`` with ``name``'s declared size (and CRC) rewritten in both headers: a liar."""
    out = bytearray(data)
    for magic, size_at, crc_at in ((b"PK\x03\x04", 22, 14), (b"PK\x01\x02", 24, 16)):
        name_at = 30 if magic == b"PK\x03\x04" else 46
        at = 0
        while (at := out.find(magic, at)) != -1:
            if out[at + name_at : at + name_at + len(name)] == name:
                out[at + size_at : at + size_at + 4] = file_size.to_bytes(4, "little")
                if crc is not None:
                    out[at + crc_at : at + crc_at + 4] = crc.to_bytes(4, "little")
            at += 4
    return bytes(out)


def _docx(extra: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    return _zip({**DOCX_PARTS, **extra}, method=method).getvalue()


def test_declared_sizes_that_lie_are_caught_by_inflating() -> None:
    """An entry declaring 1 kB (with the CRC of its first kB) that inflates to 50 MB is refused.

    Its directory passes every declared check (1 kB, no ratio): only inflating shows the lie.
    """
    import zlib

    real = bytes(50 * MB)
    data = _patch_sizes(
        _docx({"word/media/big.bin": real}),
        b"word/media/big.bin",
        file_size=1000,
        crc=zlib.crc32(real[:1000]),
    )
    with zipfile.ZipFile(io.BytesIO(data)) as plain:  # the stdlib reads it happily
        assert len(plain.read("word/media/big.bin")) == 1000
    found = check_archive(io.BytesIO(data), nome="bugiardo.docx", path="allegato")
    assert [(v.code, v.path) for v in found] == [("attachments.archive_invalid", "allegato")]


def test_a_local_header_that_disagrees_with_the_directory_is_invalid() -> None:
    """The local header says 5 bytes, the directory 1,000: a streaming reader would differ."""
    data = bytearray(_docx({"word/a.xml": b"x" * 1000}, method=zipfile.ZIP_STORED))
    at = data.find(b"word/a.xml") - 30  # the local header comes first, the name after it
    assert data[at : at + 4] == b"PK\x03\x04"
    data[at + 22 : at + 26] = (5).to_bytes(4, "little")
    assert [v.code for v in check_archive(io.BytesIO(bytes(data)), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


@pytest.mark.parametrize(
    ("entries", "method"),
    [
        ({"word/a.xml": b"<a/>" * 100}, zipfile.ZIP_BZIP2),
        ({"word/a.xml": b"<a/>" * 100}, zipfile.ZIP_LZMA),
    ],
    ids=["bzip2", "lzma"],
)
def test_methods_office_suites_never_write_are_invalid(
    entries: dict[str, bytes], method: int
) -> None:
    """Only stored and deflated entries are checked; any other method is refused."""
    assert [v.code for v in check_archive(_zip(entries, method=method), nome="a.xlsx")] == [
        "attachments.archive_invalid"
    ]


def test_an_encrypted_entry_is_invalid() -> None:
    """An entry flagged as encrypted cannot be checked: refused."""
    data = bytearray(_docx({}, method=zipfile.ZIP_STORED))
    for magic, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(magic)
        data[flag_at + at] |= 0x01
    assert [v.code for v in check_archive(io.BytesIO(bytes(data)), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_wrong_crc_is_invalid() -> None:
    """An entry whose bytes do not match its declared CRC-32 is refused."""
    data = _patch_sizes(
        _docx({"word/a.xml": b"<a/>" * 100}),
        b"word/a.xml",
        file_size=400,
        crc=0x12345678,
    )
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_workbook_embedded_in_a_document_is_checked_and_accepted() -> None:
    """A chart's workbook inside a .docx (a zip in a zip) is an ordinary document."""
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>" * 50}).getvalue()
    docx = _zip({**DOCX_PARTS, "word/embeddings/Foglio1.xlsx": xlsx}).getvalue()
    assert check_archive(io.BytesIO(docx), nome="relazione.docx") == []


def test_an_archive_inside_an_embedded_document_is_refused() -> None:
    """A zip in an xlsx in a docx is one level too deep: attachments.archive_nested."""
    inner = _zip({"x.txt": b"ciao"}).getvalue()
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/media/a.zip": inner}).getvalue()
    docx = _zip({**DOCX_PARTS, "word/embeddings/Foglio1.xlsx": xlsx}).getvalue()
    (found,) = check_archive(io.BytesIO(docx), nome="matrioska.docx", path="allegato")
    assert (found.code, found.params["parte"], found.params["max_livelli"]) == (
        "attachments.archive_nested",
        "xl/media/a.zip",
        2,
    )
    assert "matrioska.docx" in found.message()


def test_an_embedded_document_is_a_bomb_if_it_breaks_the_shared_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The budget is one for the document and what it embeds (here lowered to 1 MB)."""
    import os

    from sportello.rules import _archive

    monkeypatch.setattr(_archive, "MAX_ARCHIVE_BYTES", 1 * MB)
    xlsx = _zip({"xl/media/a.bin": os.urandom(600_000)}, method=zipfile.ZIP_STORED).getvalue()
    docx = _zip(
        {**DOCX_PARTS, "word/media/b.bin": os.urandom(300_000), "word/embeddings/f.xlsx": xlsx},
        method=zipfile.ZIP_STORED,
    ).getvalue()
    assert [v.code for v in check_archive(io.BytesIO(docx), nome="a.docx")] == [
        "attachments.archive_bomb"
    ]
    monkeypatch.setattr(_archive, "MAX_ARCHIVE_BYTES", 2 * MB)
    assert check_archive(io.BytesIO(docx), nome="a.docx") == []


def test_an_executable_inside_a_document_is_a_polyglot() -> None:
    """A program packed into a document part (an OLE package, a renamed image) is refused."""
    pe = b"MZ" + bytes(58) + (0x80).to_bytes(4, "little") + bytes(0x80 - 64) + b"PE\x00\x00"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000) + pe + bytes(300)
    for part, data, offset in (
        ("word/embeddings/oleObject1.bin", ole, 2008),
        ("word/media/image1.png", pe + bytes(100), 0),
    ):
        (found,) = check_archive(io.BytesIO(_docx({part: data})), nome="a.docx", path="allegato")
        assert (found.code, found.params["rilevato"], found.params["parte"]) == (
            "attachments.polyglot",
            "PE",
            part,
        )
        assert found.params["posizione"] == offset


def test_inflating_is_bounded_for_a_real_document(tmp_path: Path) -> None:
    """A 30 MB-inflating document of ordinary parts (a 1:~3 ratio) is read whole and passes."""
    import os

    parts = {f"word/media/img{i}.bin": os.urandom(1 * MB) + bytes(2 * MB) for i in range(10)}
    path = tmp_path / "grande.docx"
    path.write_bytes(_docx(parts))
    with path.open("rb") as f:
        assert check_archive(f, nome="grande.docx") == []


# --- every limit on both sides, and the full violations ------------------------------------

LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
#: Offsets of (flags, method, CRC, compressed size, size) in a local and a central header.
_FIELDS = {LOCAL: (6, 8, 14, 18, 22), CENTRAL: (8, 10, 16, 20, 24)}


def _patch(data: bytes, name: bytes, magic: bytes, **fields: int) -> bytes:
    """``data`` with fields of ``name``'s header of kind ``magic`` (local or central) rewritten."""
    out = bytearray(data)
    name_at = 30 if magic == LOCAL else 46
    offsets = dict(zip(("flags", "method", "crc", "csize", "usize"), _FIELDS[magic], strict=True))
    at = 0
    while (at := out.find(magic, at)) != -1:
        if out[at + name_at : at + name_at + len(name)] == name:
            for field, value in fields.items():
                width = 2 if field in ("flags", "method") else 4
                where = at + offsets[field]
                out[where : where + width] = value.to_bytes(width, "little")
        at += 4
    return bytes(out)


def _both(data: bytes, name: bytes, **fields: int) -> bytes:
    """``data`` with ``name``'s fields rewritten in its local and its central header alike."""
    return _patch(_patch(data, name, LOCAL, **fields), name, CENTRAL, **fields)


def _stored(entries: dict[str, bytes]) -> bytes:
    return _zip(entries, method=zipfile.ZIP_STORED).getvalue()


def test_at_most_10000_entries_pass() -> None:
    """MAX_ARCHIVE_ENTRIES: exactly 10,000 entries pass (10,001 are refused, above)."""
    buf = _zip({f"{i}": b"" for i in range(MAX_ARCHIVE_ENTRIES)}, method=zipfile.ZIP_STORED)
    assert MAX_ARCHIVE_ENTRIES == 10_000
    assert check_archive(buf, nome="molte.pptx") == []


def test_too_many_entries_names_the_count_and_the_limit() -> None:
    """attachments.archive_too_many_entries: path, nome, voci and max_voci exactly."""
    buf = _zip({f"{i}": b"" for i in range(MAX_ARCHIVE_ENTRIES + 1)}, method=zipfile.ZIP_STORED)
    (found,) = check_archive(buf, nome="molte.pptx", path="allegati[0]")
    assert (found.path, dict(found.params)) == (
        "allegati[0]",
        {"nome": "molte.pptx", "voci": 10_001, "max_voci": 10_000},
    )


def test_the_ratio_counts_only_over_1_mb_declared() -> None:
    """RATIO_FROM_BYTES: 1,000,000 zeros (about 1000:1) pass; 1,000,001 are a bomb."""
    assert RATIO_FROM_BYTES == 1_000_000
    assert check_archive(_zip({"word/a.bin": bytes(RATIO_FROM_BYTES)}), nome="a.docx") == []
    (found,) = check_archive(
        _zip({"word/a.bin": bytes(RATIO_FROM_BYTES + 1)}), nome="a.docx", path="allegato"
    )
    assert (found.code, found.path) == ("attachments.archive_bomb", "allegato")
    assert dict(found.params) == {
        "nome": "a.docx",
        "espanso": "1.01 MB",
        "rapporto": 1015,
        "max_espanso": "100 MB",
        "max_rapporto": 100,
    }


def test_the_ratio_limit_is_100_to_1_read_from_the_directory() -> None:
    """MAX_ARCHIVE_RATIO: a declared 100:1 (rounded down) passes the directory, 101:1 is a bomb."""
    import os

    assert MAX_ARCHIVE_RATIO == 100
    data = _zip({"word/a.bin": os.urandom(20_000)}).getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        stored = z.getinfo("word/a.bin").compress_size
    at_limit = _both(data, b"word/a.bin", usize=101 * stored - 1)  # over 1 MB declared
    # Allowed by the directory; inflating then shows the lie.
    assert [v.code for v in check_archive(io.BytesIO(at_limit), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]
    over = _both(data, b"word/a.bin", usize=101 * stored)
    (found,) = check_archive(io.BytesIO(over), nome="a.docx")
    assert (found.code, found.params["rapporto"]) == ("attachments.archive_bomb", 101)


def test_an_entry_declaring_no_compressed_bytes_has_an_unbounded_ratio() -> None:
    """An entry of 0 compressed bytes declaring 2 MB is a bomb (no division by zero)."""
    liar = _both(_stored({"word/a.bin": b""}), b"word/a.bin", usize=2 * MB, csize=0)
    (found,) = check_archive(io.BytesIO(liar), nome="a.docx")
    assert (found.code, found.params["rapporto"]) == ("attachments.archive_bomb", 2 * MB)


def test_the_declared_total_may_be_100_mb() -> None:
    """MAX_ARCHIVE_BYTES: 100,000,000 bytes declared in all pass the directory; one more is not."""
    assert MAX_ARCHIVE_BYTES == 100 * MB
    half = MAX_ARCHIVE_BYTES // 2

    def declaring(second: int) -> io.BytesIO:
        data = _stored({"word/a.bin": b"a", "word/b.bin": b"b"})
        data = _patch(data, b"word/a.bin", CENTRAL, csize=half, usize=half)
        return io.BytesIO(_patch(data, b"word/b.bin", CENTRAL, csize=second, usize=second))

    # Within the budget; the local headers then show the lie.
    assert [v.code for v in check_archive(declaring(half), nome="a.xlsx")] == [
        "attachments.archive_invalid"
    ]
    (found,) = check_archive(declaring(half + 1), nome="a.xlsx")
    assert (found.code, found.params["espanso"]) == ("attachments.archive_bomb", "100.01 MB")


def _embedded(size: int) -> bytes:
    """A stored workbook of exactly ``size`` bytes."""
    empty = len(_stored({"xl/a.bin": b""}))
    workbook = _stored({"xl/a.bin": bytes(size - empty)})
    assert len(workbook) == size
    return workbook


def test_an_embedded_document_may_be_15_mb() -> None:
    """MAX_NESTED_BYTES: a 15,000,000-byte embedded workbook is checked; one byte more is not."""
    assert MAX_NESTED_BYTES == 15 * MB
    types = b"<Types/>" + bytes(MB - 8)  # a first part of 1,000,000 bytes
    docx = _stored({"[Content_Types].xml": types, "word/f.xlsx": _embedded(MAX_NESTED_BYTES)})
    assert check_archive(io.BytesIO(docx), nome="a.docx") == []
    docx = _stored({"[Content_Types].xml": types, "word/f.xlsx": _embedded(MAX_NESTED_BYTES + 1)})
    (found,) = check_archive(io.BytesIO(docx), nome="a.docx", path="allegato")
    assert (found.code, found.path) == ("attachments.archive_bomb", "allegato")
    spent = MB + 64 * 1024  # the first part, and the first 64 kB step of the workbook
    assert dict(found.params) == {
        "nome": "a.docx",
        "espanso": "16.07 MB",  # spent, and the workbook's declared size
        "rapporto": 0,
        "max_espanso": "100 MB",
        "max_rapporto": 100,
    }
    assert human_size(spent + MAX_NESTED_BYTES + 1) == "16.07 MB"


def test_nesting_names_the_part_cut_to_100_characters() -> None:
    """attachments.archive_nested: path, nome, parte (at most 100 characters), max_livelli."""
    assert MAX_ARCHIVE_DEPTH == 2
    part = "xl/media/" + "a" * 150 + ".zip"
    inner = _zip({"x.txt": b"ciao"}).getvalue()
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", part: inner}).getvalue()
    docx = _zip({**DOCX_PARTS, "word/embeddings/Foglio1.xlsx": xlsx}).getvalue()
    (found,) = check_archive(io.BytesIO(docx), nome="matrioska.docx", path="allegato")
    assert (found.code, found.path) == ("attachments.archive_nested", "allegato")
    assert dict(found.params) == {"nome": "matrioska.docx", "parte": part[:100], "max_livelli": 2}


def test_a_program_inside_names_the_part_cut_to_100_characters() -> None:
    """attachments.polyglot from a part: path, estensione, rilevato, posizione, parte (100)."""
    elf = b"\x7fELF\x02\x01\x01" + bytes(100)
    part = "word/media/" + "b" * 150 + ".png"
    (found,) = check_archive(
        io.BytesIO(_docx({part: bytes(10) + elf})), nome="a.DOCX", path="allegato"
    )
    assert (found.code, found.path) == ("attachments.polyglot", "allegato")
    assert dict(found.params) == {
        "estensione": ".docx",
        "rilevato": "ELF",
        "posizione": 10,
        "parte": part[:100],
    }


def test_an_invalid_archive_names_the_document_and_its_extension() -> None:
    """attachments.archive_invalid: path, nome and estensione exactly."""
    (found,) = check_archive(io.BytesIO(b"PK\x03\x04"), nome="Rotto.ODP", path="allegato")
    assert (found.code, found.path, dict(found.params)) == (
        "attachments.archive_invalid",
        "allegato",
        {"nome": "Rotto.ODP", "estensione": ".odp"},
    )


def test_the_path_defaults_to_empty() -> None:
    """Without path=, check_archive's violation sits at the empty path."""
    assert [v.path for v in check_archive(io.BytesIO(b""), nome="a.docx")] == [""]


# --- the local headers against the directory ----------------------------------------------


def test_a_local_method_other_than_the_directorys_is_invalid() -> None:
    """The local header says deflated, the directory stored: refused."""
    data = _patch(_docx({}, method=zipfile.ZIP_STORED), b"word/document.xml", LOCAL, method=8)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_local_name_other_than_the_directorys_is_invalid() -> None:
    """The local header names another part than the directory (same length): refused."""
    data = bytearray(_docx({}))
    name_at = data.find(b"word/document.xml")  # in the local header, before the directory
    data[name_at : name_at + 4] = b"WORD"
    assert data.count(b"word/document.xml") == 1  # the directory still names it
    assert [v.code for v in check_archive(io.BytesIO(bytes(data)), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_bad_local_signature_is_invalid() -> None:
    """A directory pointing at bytes that are not a local header: refused."""
    data = bytearray(_docx({}))
    data[0:4] = b"PK\x05\x06"
    assert [v.code for v in check_archive(io.BytesIO(bytes(data)), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_lying_local_crc_is_invalid() -> None:
    """The local header's CRC-32 differs from the directory's: refused."""
    data = _patch(_docx({}), b"word/document.xml", LOCAL, crc=0x12345678)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_lying_local_compressed_size_is_invalid() -> None:
    """The local header's compressed size differs from the directory's: refused."""
    data = _patch(_docx({}), b"word/document.xml", LOCAL, csize=5)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


class _Pipe(io.RawIOBase):
    """A write-only stream that cannot seek: zipfile writes data descriptors to it."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        """It can be written."""
        return True

    def write(self, b: object) -> int:
        """Keep the bytes."""
        chunk = bytes(b)  # type: ignore[call-overload]
        self.data += chunk
        return len(chunk)


def test_entries_with_data_descriptors_pass() -> None:
    """An archive written as a stream (flag 0x08, sizes after the data, zeros before) passes."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in DOCX_PARTS.items():
            archive.writestr(name, part)
    data = bytes(pipe.data)
    assert data[6] & 0x08
    assert data[14:26] == bytes(12)
    assert check_archive(io.BytesIO(data), nome="a.docx") == []


def test_zip64_local_headers_pass() -> None:
    """A local header giving its sizes as 0xFFFFFFFF (ZIP64, in an extra field) passes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in DOCX_PARTS.items():
            with archive.open(name, "w", force_zip64=True) as out:
                out.write(part)
    data = buf.getvalue()
    assert data[18:26] == b"\xff" * 8
    assert check_archive(io.BytesIO(data), nome="a.docx") == []


def test_utf8_part_names_pass() -> None:
    """A part named in UTF-8 (flag 0x800), as LibreOffice writes for accented names, passes."""
    data = _docx({"word/media/perché.png": b"\x89PNG\r\n\x1a\n" + bytes(50)})
    assert check_archive(io.BytesIO(data), nome="a.docx") == []


# --- inflating: steps, empty blocks, truncated and trailing streams ------------------------

#: An empty, non-final stored deflate block (byte-aligned): 5 bytes that inflate to nothing.
_EMPTY_BLOCK = b"\x00\x00\x00\xff\xff"


def _deflate_in_steps(*parts: bytes, final: bool = True) -> bytes:
    """Raw deflate of ``parts``, each followed by 70 kB of empty blocks (one 64 kB read each)."""
    out = b""
    for n, part in enumerate(parts):
        c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        last = final and n == len(parts) - 1
        out += c.compress(part) + (c.flush() if last else c.flush(zlib.Z_SYNC_FLUSH))
        if not last:
            out += _EMPTY_BLOCK * 14_000
    return out


def _with_raw_deflate(raw: bytes, content: bytes, *, name: str = "word/media/a.bin") -> bytes:
    """A .docx whose part ``name`` is the deflate stream ``raw`` declared as ``content``."""
    data = _docx({name: raw}, method=zipfile.ZIP_STORED)
    return _both(data, name.encode(), method=8, usize=len(content), crc=zlib.crc32(content))


def test_a_stream_of_empty_blocks_is_inflated_through() -> None:
    """Read steps that inflate to nothing (empty deflate blocks) do not end the entry."""
    content = b"<a/>" * 10 + b"<b/>" * 10
    raw = _deflate_in_steps(b"<a/>" * 10, b"<b/>" * 10)
    assert len(raw) > 64 * 1024  # more than one read step
    assert check_archive(io.BytesIO(_with_raw_deflate(raw, content)), nome="a.docx") == []


def test_a_part_whose_first_step_is_under_4_bytes_is_scanned_whole() -> None:
    """A part inflating 2 bytes, then nothing, then a program: found at its offset, 2."""
    elf = b"\x7fELF\x02\x01\x01" + bytes(100)
    raw = _deflate_in_steps(b"ab", elf)
    (found,) = check_archive(io.BytesIO(_with_raw_deflate(raw, b"ab" + elf)), nome="a.docx")
    assert (found.code, found.params["rilevato"], found.params["posizione"]) == (
        "attachments.polyglot",
        "ELF",
        2,
    )


def test_a_truncated_deflate_stream_is_invalid() -> None:
    """A stream cut before its final block is refused, even when size and CRC agree."""
    content = b"<a/>" * 100
    raw = _deflate_in_steps(content, final=False)
    raw = raw[: raw.index(_EMPTY_BLOCK * 2)]  # the sync-flushed data, no final block
    data = _with_raw_deflate(raw, content)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_bytes_after_the_end_of_a_deflate_stream_are_invalid() -> None:
    """Compressed bytes left over after the final block are refused (data hidden in a part)."""
    content = b"<a/>" * 100
    raw = zlib.compress(content, wbits=-zlib.MAX_WBITS) + b"nascosto"
    data = _with_raw_deflate(raw, content)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_deflated_part_of_no_bytes_is_invalid() -> None:
    """A part declared deflated with 0 compressed bytes has no stream at all: refused."""
    data = _both(_stored({"word/a.xml": b""}), b"word/a.xml", method=8)
    assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_stored_part_with_a_wrong_crc_is_invalid() -> None:
    """A stored part whose bytes do not match its CRC-32 is refused, as a deflated one is."""
    for part in (b"<a/>" * 100, b"ab"):
        data = _both(_stored({"word/a.xml": part}), b"word/a.xml", crc=0x12345678)
        assert [v.code for v in check_archive(io.BytesIO(data), nome="a.docx")] == [
            "attachments.archive_invalid"
        ], part


def test_a_part_of_exactly_a_zip_signature_is_an_invalid_embedded_zip() -> None:
    """A 4-byte part 'PK\\x03\\x04' is an embedded zip, checked in turn: it is broken."""
    assert [v.code for v in check_archive(_zip({"word/a.bin": b"PK\x03\x04"}), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


def test_a_lying_part_is_inflated_in_bounded_memory() -> None:
    """A part declaring 1 kB that inflates to 50 MB is read 64 kB at a time, not all at once."""
    real = bytes(50 * MB)
    data = _patch_sizes(_docx({"word/media/big.bin": real}), b"word/media/big.bin", file_size=1000)
    tracemalloc.start()
    try:
        found = check_archive(io.BytesIO(data), nome="a.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [v.code for v in found] == ["attachments.archive_invalid"]
    assert peak < 2 * MB, peak


def test_a_program_across_two_inflate_steps_is_found() -> None:
    """A PE whose header starts near the end of one 64 kB step and ends in the next is found."""
    pe = b"MZ" + bytes(58) + (0x200).to_bytes(4, "little") + bytes(0x200 - 64) + b"PE\x00\x00"
    at = 64 * 1024 - 100
    part = b"\x89PNG\r\n\x1a\n" + bytes(at - 8) + pe + bytes(1000)
    (found,) = check_archive(io.BytesIO(_docx({"word/media/a.png": part}, method=0)), nome="a.docx")
    assert (found.code, found.params["posizione"]) == ("attachments.polyglot", at)


def test_a_program_at_the_start_of_a_large_part_is_found() -> None:
    """A PE at the start of a 200 kB part is found while the part is still being inflated."""
    pe = b"MZ" + bytes(58) + (0x80).to_bytes(4, "little") + bytes(0x80 - 64) + b"PE\x00\x00"
    (found,) = check_archive(
        io.BytesIO(_docx({"word/media/a.bin": pe + bytes(200_000)})), nome="a.docx"
    )
    assert (found.code, found.params["parte"], found.params["posizione"]) == (
        "attachments.polyglot",
        "word/media/a.bin",
        0,
    )


def test_a_bomb_by_the_total_alone_has_ratio_0() -> None:
    """101 entries declaring 1 MB each (no entry over 1 MB): a bomb by the total, rapporto 0."""
    data = bytearray(_stored({f"p{i}.bin": b"x" for i in range(101)}))
    at = 0
    while (at := data.find(CENTRAL, at)) != -1:
        data[at + 20 : at + 28] = MB.to_bytes(4, "little") * 2  # compressed and inflated sizes
        at += 4
    (found,) = check_archive(io.BytesIO(bytes(data)), nome="a.xlsx")
    assert (found.code, found.params["espanso"], found.params["rapporto"]) == (
        "attachments.archive_bomb",
        "101 MB",
        0,
    )


def test_the_budget_may_be_spent_to_the_last_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document inflating to exactly MAX_ARCHIVE_BYTES passes; one byte less is a bomb."""
    from sportello.rules import _archive

    xlsx = _stored({"xl/a.bin": bytes(5000)})
    entries = {"word/a.xml": b"<a/>" * 100, "word/f.xlsx": xlsx}
    docx = _zip(entries, method=zipfile.ZIP_STORED).getvalue()
    spent = 400 + len(xlsx) + 5000  # the parts, then the embedded workbook's part again
    monkeypatch.setattr(_archive, "MAX_ARCHIVE_BYTES", spent)
    assert check_archive(io.BytesIO(docx), nome="a.docx") == []
    monkeypatch.setattr(_archive, "MAX_ARCHIVE_BYTES", spent - 1)
    assert [v.code for v in check_archive(io.BytesIO(docx), nome="a.docx")] == [
        "attachments.archive_bomb"
    ]


def test_a_cp437_part_name_passes() -> None:
    """A name without the UTF-8 flag is cp437 (old zip tools): 0x8A is 'è', and it passes."""
    data = _stored({**DOCX_PARTS, "word/media/perch#.png": b"\x89PNG\r\n\x1a\n" + bytes(50)})
    data = data.replace(b"perch#", b"perch\x8a")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/media/perchè.png" in z.namelist()
    assert check_archive(io.BytesIO(data), nome="a.docx") == []


def test_an_entry_encrypted_in_the_directory_only_is_invalid() -> None:
    """The directory flags the entry encrypted, the local header not: a reader would decrypt."""
    data = bytearray(_docx({}, method=zipfile.ZIP_STORED))
    at = data.find(CENTRAL)
    data[at + 8] |= 0x01
    assert [v.code for v in check_archive(io.BytesIO(bytes(data)), nome="a.docx")] == [
        "attachments.archive_invalid"
    ]


class _SlowStart:
    """A deflate compressor whose stream opens with empty blocks: 150 kB that inflate to nothing.

    Still a valid stream (every zip reader inflates it), as a writer flushing often makes.
    """

    def __init__(self) -> None:
        self._inner = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._started = False

    def compress(self, data: bytes) -> bytes:
        head = b""
        if not self._started:  # a non-final stored block of 0 bytes: header, LEN 0, NLEN
            self._started = True
            head = b"\x00\x00\x00\xff\xff" * 30_000
        return head + self._inner.compress(data)

    def flush(self) -> bytes:
        return self._inner.flush()


def test_a_stream_whose_first_steps_inflate_to_nothing_is_read_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Compressed steps that give no bytes are not the end: the entry is read to its end."""
    with monkeypatch.context() as patched:
        patched.setattr(zipfile, "_get_compressor", lambda *_args: _SlowStart())
        data = _zip({"word/document.xml": DOCX_PARTS["word/document.xml"]}).getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (entry,) = archive.infolist()
        assert entry.compress_size > 2 * 64 * 1024  # more than two steps of nothing first
        assert archive.read(entry) == DOCX_PARTS["word/document.xml"]
    assert check_archive(io.BytesIO(data), nome="lettera.docx") == []
