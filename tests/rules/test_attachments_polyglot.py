"""Polyglots, read from the whole file: executables after a valid head, binary text, hidden zips."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.rules._polyglot import ExecutableFinder
from sportello.rules.attachments import (
    ARCHIVE_EXTENSIONS,
    TEXT_EXTENSIONS,
    Attachment,
    Service,
    check,
    check_body,
    check_file,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)
TEXT = b"Gentile Sportello, allego la bolletta di marzo.\n" * 300  # ~15 kB of text
STEP = 1 << 20


def _pe(e_lfanew: int = 0x80) -> bytes:
    """A minimal PE: the DOS header, its pointer, the PE signature where it points."""
    dos = b"MZ" + bytes(58) + e_lfanew.to_bytes(4, "little")
    return dos + bytes(e_lfanew - len(dos)) + b"PE\x00\x00" + bytes(200)


ELF = b"\x7fELF\x02\x01\x01" + bytes(100)


def _jar() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("META-INF/MANIFEST.MF", b"Main-Class: Main\n")
        archive.writestr("Main.class", b"\xca\xfe\xba\xbe" + bytes(100))
    return buf.getvalue()


def _codes(data: bytes, nome: str) -> list[tuple[str, object]]:
    return [
        (v.code, v.params.get("rilevato", v.params.get("posizione")))
        for v in check_body(io.BytesIO(data), nome=nome, path="allegato")
    ]


@pytest.mark.parametrize(
    ("nome", "data"),
    [
        ("bolletta.pdf", PDF + bytes(5000) + _pe()),
        ("foto.jpg", JPEG + _pe()),
        ("lettera.txt", TEXT + _pe()),
        ("pagina.html", b"<html><body>ciao</body></html>\n" + _pe()),
        ("audio.mp3", b"ID3\x03\x00" + bytes(3000) + _pe(0xF000)),
    ],
    ids=["pdf+pe", "jpeg+pe", "text+pe", "html+pe", "mp3+pe-far-header"],
)
def test_an_executable_after_a_valid_head_is_a_polyglot(nome: str, data: bytes) -> None:
    """A PE program appended after a valid head is refused, wherever it starts."""
    found = check_body(io.BytesIO(data), nome=nome, path="allegato")
    assert [(v.code, v.path, v.params["rilevato"]) for v in found] == [
        ("attachments.polyglot", "allegato", "PE")
    ]
    assert found[0].params["posizione"] == data.index(b"MZ", 1)


def test_an_elf_after_a_valid_head_is_a_polyglot() -> None:
    """An ELF program after an image is refused too."""
    assert _codes(JPEG + ELF, "foto.png") == [("attachments.polyglot", "ELF")]


def test_the_first_executable_is_reported_across_step_boundaries() -> None:
    """A PE whose header straddles the 1 MB read step is found at its exact offset."""
    at = STEP - 10
    data = PDF + bytes(at - len(PDF)) + _pe(0x200) + bytes(1000)
    (found,) = check_body(io.BytesIO(data), nome="a.pdf")
    assert (found.params["rilevato"], found.params["posizione"]) == ("PE", at)


@pytest.mark.parametrize(
    "noise",
    [
        b"MZ" * 5000,  # MZ with no header offset
        b"MZ" + bytes(58) + (0x80).to_bytes(4, "little") + bytes(300),  # offset to no PE
        b"MZ" + bytes(58) + (0x20).to_bytes(4, "little") + b"PE\x00\x00",  # offset inside DOS
        b"MZ" + bytes(58) + (0x10000).to_bytes(4, "little") + bytes(100),  # offset >= 64 kB
        b"\x7fELF\x03\x01\x01",  # no such ELF class
        b"PK\x03\x04 not really a zip",
    ],
    ids=["mz-only", "no-pe", "offset-in-dos-header", "offset-too-far", "bad-elf", "pk-only"],
)
def test_lookalike_bytes_are_not_executables(noise: bytes) -> None:
    """MZ or ELF bytes that do not form a real header are left alone (no false alarm)."""
    assert check_body(io.BytesIO(PDF + noise + bytes(100)), nome="a.pdf") == []


def test_an_executable_at_the_very_start_is_the_head_checks_job() -> None:
    """Offset 0 is judged by check_content (attachments.executable), not reported twice."""
    data = _pe()
    assert check_body(io.BytesIO(data), nome="a.pdf") == []
    found = check(Service.CONCILIAZIONE, [Attachment.from_bytes("a.pdf", data)])
    assert [v.code for v in found] == ["attachments.executable"]
    assert _codes(b"x" + data, "a.pdf") == [("attachments.polyglot", "PE")]


def test_text_must_be_text_to_the_end() -> None:
    """A text file with a NUL past the 8 kB head is content_unrecognized at that byte."""
    data = TEXT + b"\x00" + TEXT
    (found,) = check_body(io.BytesIO(data), nome="nota.txt", path="allegato")
    assert (found.code, found.params["posizione"], found.params["estensione"]) == (
        "attachments.content_unrecognized",
        len(TEXT),
        ".txt",
    )
    assert check_body(io.BytesIO(TEXT * 10 + b"\t\r\n\x0c\x1a\x1b"), nome="nota.txt") == []


@pytest.mark.parametrize("ext", sorted(TEXT_EXTENSIONS))
def test_every_text_extension_is_read_to_the_end(ext: str) -> None:
    """Each text extension refuses binary bytes anywhere; other extensions do not care."""
    data = b"<a>testo</a>\n" * 1000 + b"\x01"
    assert [v.code for v in check_body(io.BytesIO(data), nome=f"a{ext}")] == [
        "attachments.content_unrecognized"
    ]


def test_binary_formats_may_hold_any_byte() -> None:
    """A PDF or an image full of NULs and controls is fine: only text must be text."""
    assert check_body(io.BytesIO(PDF + bytes(range(256)) * 100), nome="a.pdf") == []


@pytest.mark.parametrize("nome", ["foto.jpg", "bolletta.pdf", "audio.wav", "scansione.tiff"])
def test_a_zip_hidden_behind_another_format_is_a_polyglot(nome: str) -> None:
    """GIFAR/JAR: a file that also opens as a zip archive is refused, with where it starts."""
    head = JPEG if nome.endswith(".jpg") else PDF
    (found,) = check_body(io.BytesIO(head + _jar()), nome=nome)
    assert (found.code, found.params["rilevato"], found.params["posizione"]) == (
        "attachments.polyglot",
        "ZIP",
        len(head),
    )


@pytest.mark.parametrize("nome", ["firmato.p7m", *(f"x{e}" for e in sorted(ARCHIVE_EXTENSIONS))])
def test_zip_based_and_signed_files_may_hold_a_zip(nome: str) -> None:
    """Office documents are zips and a .p7m wraps any document: no hidden-zip finding."""
    envelope = b"0\x82\x10\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" + _jar() + bytes(500)
    assert check_body(io.BytesIO(envelope), nome=nome) == []


def test_check_file_runs_the_body_then_the_archive_checks() -> None:
    """check_file: polyglot first; for an office document, the archive check after it."""
    assert [v.code for v in check_file(io.BytesIO(PDF + _pe()), nome="a.pdf")] == [
        "attachments.polyglot"
    ]
    broken = check_file(io.BytesIO(b"PK\x03\x04 broken"), nome="a.docx")
    assert [v.code for v in broken] == ["attachments.archive_invalid"]
    assert check_file(io.BytesIO(PDF), nome="a.pdf") == []


def test_a_15_mb_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Reading 15 MB from disk costs about one 1 MB step and its lookahead, not 15 MB."""
    path = tmp_path / "grande.pdf"
    with path.open("wb") as out:
        out.write(PDF)
        for _ in range(15):
            out.write(bytes(range(256)) * 4096)
    tracemalloc.start()
    try:
        with path.open("rb") as f:
            assert check_body(f, nome="grande.pdf") == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * STEP, peak


@given(st.binary(max_size=4096), st.sampled_from([".pdf", ".txt", ".jpg", ".docx", ".p7m"]))
def test_any_bytes_give_a_list_never_an_exception(data: bytes, ext: str) -> None:
    """check_body and check_file answer violations for any bytes under any name."""
    found = check_file(io.BytesIO(data), nome=f"x{ext}")
    assert {v.code for v in found} <= {
        "attachments.polyglot",
        "attachments.content_unrecognized",
        "attachments.archive_invalid",
        "attachments.archive_bomb",
        "attachments.archive_nested",
        "attachments.archive_too_many_entries",
    }


# --- exact offsets, the PE header's bounds, the stream's windows ------------------------------

#: The real DOS stub of a Windows program, right after the 64-byte DOS header.
DOS_STUB = b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run"
LOOKAHEAD = 0x10000 + 4


def _real_pe(e_lfanew: int = 0x80) -> bytes:
    """A PE whose DOS header is followed by the real DOS stub (no zero after the pointer)."""
    dos = b"MZ\x90\x00" + bytes(56) + e_lfanew.to_bytes(4, "little") + DOS_STUB
    return dos + bytes(e_lfanew - len(dos)) + b"PE\x00\x00" + bytes(200)


def test_the_pe_pointer_is_four_bytes_and_the_stub_after_it_is_not_read() -> None:
    """The PE pointer (e_lfanew) is the 4 bytes at +0x3C; the DOS stub after it is not part."""
    data = PDF + _real_pe()
    assert _codes(data, "a.pdf") == [("attachments.polyglot", "PE")]


def test_the_pe_header_may_start_right_after_the_dos_header() -> None:
    """e_lfanew 0x40 (right after the DOS header) is a PE; a pointer into the DOS header is not."""
    data = PDF + _pe(0x40)
    (found,) = check_body(io.BytesIO(data), nome="a.pdf")
    assert (found.params["rilevato"], found.params["posizione"]) == ("PE", len(PDF))
    inside = b"MZ" + b"PE\x00\x00" + bytes(54) + (0x02).to_bytes(4, "little") + bytes(100)
    assert check_body(io.BytesIO(PDF + inside), nome="a.pdf") == []


def test_an_elf_at_the_very_start_is_the_head_checks_job() -> None:
    """An ELF at offset 0 is check_content's (attachments.executable); one byte later it counts."""
    assert check_body(io.BytesIO(ELF), nome="a.pdf") == []
    assert _codes(b"x" + ELF, "a.pdf") == [("attachments.polyglot", "ELF")]


@pytest.mark.parametrize(
    ("data", "kind", "at"),
    [
        (PDF + _pe() + ELF, "PE", len(PDF)),
        (PDF + ELF + _pe(), "ELF", len(PDF)),
        (PDF + bytes(100) + ELF + _pe() + ELF, "ELF", len(PDF) + 100),
    ],
    ids=["pe-then-elf", "elf-then-pe", "elf-pe-elf"],
)
def test_the_first_of_several_executables_is_reported(data: bytes, kind: str, at: int) -> None:
    """A PE and an ELF in one file: the one that starts first is the finding."""
    (found,) = check_body(io.BytesIO(data), nome="a.pdf", path="allegato")
    assert (found.params["rilevato"], found.params["posizione"]) == (kind, at)


def test_a_violation_names_its_path_extension_kind_and_offset_in_full() -> None:
    """attachments.polyglot carries the path and exactly estensione, rilevato and posizione."""
    (found,) = check_body(io.BytesIO(PDF + _pe()), nome="Bolletta.PDF", path="allegati[2]")
    assert (found.code, found.rule, found.path) == ("attachments.polyglot", "", "allegati[2]")
    assert found.params == {"estensione": ".pdf", "rilevato": "PE", "posizione": len(PDF)}
    assert found.message("en") == (
        "The .pdf file hides a second format (PE): a file that is both a document and a "
        "program or an archive cannot be attached."
    )


def test_binary_text_names_its_path_extension_and_offset_in_full() -> None:
    """attachments.content_unrecognized carries the path and exactly estensione and posizione."""
    (found,) = check_body(io.BytesIO(TEXT + b"\x00"), nome="nota.TXT", path="allegati[1]")
    assert (found.code, found.rule, found.path) == (
        "attachments.content_unrecognized",
        "",
        "allegati[1]",
    )
    assert found.params == {"estensione": ".txt", "posizione": len(TEXT)}


def test_the_path_defaults_to_empty() -> None:
    """Without path=, the violations of check_body sit at the empty path."""
    assert [v.path for v in check_body(io.BytesIO(PDF + _pe()), nome="a.pdf")] == [""]
    assert [v.path for v in check_body(io.BytesIO(TEXT + b"\x00"), nome="a.txt")] == [""]


@pytest.mark.parametrize("at", [STEP + 5, 2 * STEP + 5, 3 * STEP - 1])
def test_binary_text_is_located_in_any_read_step(at: int) -> None:
    """The first binary byte of a text file is at its offset in the file, in any 1 MB step."""
    data = b"a" * at + b"\x01" + b"b" * 100
    (found,) = check_body(io.BytesIO(data), nome="nota.txt")
    assert found.params["posizione"] == at


def test_an_empty_zip_hidden_behind_a_pdf_is_not_a_polyglot() -> None:
    """A zip directory with no entries opens nothing: no hidden zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w"):
        pass
    assert len(buf.getvalue()) == 22  # the end record alone
    assert check_body(io.BytesIO(PDF + buf.getvalue()), nome="a.pdf") == []
    assert check_file(io.BytesIO(PDF + buf.getvalue()), nome="a.pdf") == []


@pytest.mark.parametrize("kind", ["PE", "ELF"])
def test_an_executable_at_a_window_boundary_is_found(kind: str) -> None:
    """An executable starting where the first 1 MB step's window ends is found, exactly there."""
    at = STEP - LOOKAHEAD  # the first offset the second window examines
    program = _pe() if kind == "PE" else ELF
    data = PDF + bytes(at - len(PDF)) + program + bytes(STEP)
    (found,) = check_body(io.BytesIO(data), nome="a.pdf")
    assert (found.params["rilevato"], found.params["posizione"]) == (kind, at)


def _kind(program: bytes) -> str:
    return "PE" if program.startswith(b"MZ") else "ELF"


@pytest.mark.parametrize("program", [_pe(), ELF], ids=["PE", "ELF"])
def test_a_finder_from_offset_0_sees_the_first_byte(program: bytes) -> None:
    """ExecutableFinder(start=0), as for a document's parts, finds a program at offset 0."""
    finder = ExecutableFinder(start=0)
    assert finder.feed(program, final=True) == (_kind(program), 0)


@pytest.mark.parametrize("program", [_pe(), ELF], ids=["PE", "ELF"])
def test_a_finder_reports_once_the_lookahead_after_a_start_is_in(program: bytes) -> None:
    """Without final, an offset is examined once 64 kB + 4 bytes follow it, not before."""
    data = program + bytes(LOOKAHEAD - len(program))
    waiting = ExecutableFinder(start=0)
    assert waiting.feed(data) is None  # LOOKAHEAD bytes: offset 0 not examined yet
    assert waiting.feed(b"", final=True) == (_kind(program), 0)
    ready = ExecutableFinder(start=0)
    assert ready.feed(data + b"\x00") == (_kind(program), 0)  # one more byte: examined


def test_a_finder_holds_back_the_lookahead_until_the_end() -> None:
    """feed without final= keeps the last 64 kB for the next piece; the end examines them."""
    finder = ExecutableFinder(start=1)
    assert finder.feed(PDF + _pe()) is None
    assert finder.feed(b"", final=True) == ("PE", len(PDF))


@pytest.mark.parametrize("program", [_pe(), ELF], ids=["PE", "ELF"])
def test_a_finder_does_not_report_an_offset_inside_the_lookahead(program: bytes) -> None:
    """An executable at the first held-back offset is reported by the next feed, not this one."""
    finder = ExecutableFinder(start=0)
    data = b"\x00" + program + bytes(LOOKAHEAD - len(program))  # examines offset 0 only
    assert finder.feed(data) is None
    assert finder.feed(bytes(10)) == (_kind(program), 1)
