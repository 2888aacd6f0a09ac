"""Content sniffing: the first bytes must agree with the extension (AT-2/AT-4 content)."""

import base64
import io
import random
import struct
import wave
import zipfile
import zlib

import pytest

from sportello.rules.attachments import (
    EXPECTED_KINDS,
    Attachment,
    Service,
    check,
    check_content,
    sniff,
)


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    """A real zip written with zipfile; the first entry stored uncompressed if asked."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and n == 0 else zipfile.ZIP_DEFLATED
            z.writestr(name, data, compress_type=method)
    return buf.getvalue()


CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/ct"/>'


def ooxml(part: str) -> bytes:
    """A minimal OOXML package whose main part lives under ``part``."""
    return zip_bytes(
        [("[Content_Types].xml", CT), ("_rels/.rels", b"<Relationships/>"), (part, b"<x/>")]
    )


def odf(kind: str) -> bytes:
    """A minimal ODF package of ``kind`` (text, spreadsheet, ...): mimetype first, stored."""
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return zip_bytes([("mimetype", mimetype), ("content.xml", b"<x/>")], stored_first=True)


def png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def bmp() -> bytes:
    """A real 1x1 24-bit BMP."""
    pixels = b"\x00\x00\xff\x00"
    header = struct.pack("<2sIHHI", b"BM", 14 + 40 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


def wav() -> bytes:
    """A real WAV written with the wave module."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(160))
    return buf.getvalue()


OID_SIGNED_DATA = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"
P7M_DER = b"\x30\x82\x01\x00" + OID_SIGNED_DATA + b"\xa0\x82\x00\xf0" + bytes(40)

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff" + bytes(482)
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(100)
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(100)
ASF = b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c" + bytes(30)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
TIFF_LE = b"II*\x00\x08\x00\x00\x00" + bytes(20)
TIFF_BE = b"MM\x00*\x00\x00\x00\x08" + bytes(20)
XML = b'<?xml version="1.0" encoding="UTF-8"?>\n<root/>'
FLAT_ODF = b'<?xml version="1.0"?>\n<office:document office:mimetype="x"/>'
HTML = b"<!DOCTYPE html>\n<html><body>Bolletta</body></html>"
EML = b"From: a@example.it\r\nTo: b@example.it\r\nSubject: reclamo\r\n\r\nTesto.\r\n"
TXT_LATIN1 = "Caro Sportello, la fattura è errata.\n".encode("latin-1")
TXT_UTF8 = "Caro Sportello, la fattura è errata.\n".encode()

#: (file name, content): each must pass its extension's sniffing.
GOOD = [
    ("bolletta.pdf", PDF),
    ("junk-before.pdf", b"\r\n\r\n" + PDF),
    ("foto.jpg", JPEG),
    ("foto.jpeg", JPEG),
    ("foto.png", png()),
    ("foto.bmp", bmp()),
    ("scan.tiff", TIFF_LE),
    ("scan.tiff", TIFF_BE),
    ("vecchio.doc", OLE2),
    ("vecchio.xls", OLE2),
    ("lettera.docx", ooxml("word/document.xml")),
    ("conti.xlsx", ooxml("xl/workbook.xml")),
    ("slide.pptx", ooxml("ppt/presentation.xml")),
    ("lettera.docx", zip_bytes([("[Content_Types].xml", CT)])),
    ("lettera.odt", odf("text")),
    ("conti.ods", odf("spreadsheet")),
    ("slide.odp", odf("presentation")),
    ("disegno.odg", odf("graphics")),
    ("voce.mp3", MP3_ID3),
    ("voce.mp3", MP3_FRAME),
    ("voce.wav", wav()),
    ("voce.mwa", ASF),
    ("voce.mwa", MP3_ID3),
    ("voce.mwa", wav()),
    ("nota.txt", TXT_UTF8),
    ("nota.txt", TXT_LATIN1),
    ("nota.txt", b"\xef\xbb\xbf" + TXT_UTF8),
    ("posta.eml", EML),
    ("pagina.html", HTML),
    ("dati.xml", XML),
    ("dati.xml", b"\xef\xbb\xbf  " + XML),
    ("foglio.fods", FLAT_ODF),
    ("memoria.fodt", FLAT_ODF),  # AT-7
    ("slide.fodp", FLAT_ODF),
    ("disegno.fodg", FLAT_ODF),
    ("firmato.p7m", P7M_DER),
    ("firmato.p7m", b"\x30\x80" + OID_SIGNED_DATA + bytes(20)),
    ("firmato.p7m", b"-----BEGIN PKCS7-----\nMIIB\n"),
    ("firmato.p7m", b"-----BEGIN CMS-----\nMIIB\n"),
    ("firmato.p7m", base64.encodebytes(P7M_DER)),
]

#: (file name, content, expected code, detected kind or None).
BAD = [
    ("bolletta.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "attachments.executable", "PE/DOS"),
    ("lettera.docx", b"\x7fELF\x02\x01\x01", "attachments.executable", "ELF"),
    ("foto.jpg", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "attachments.executable", "Mach-O"),
    ("nota.txt", b"#!/bin/sh\nrm -rf ~\n", "attachments.executable", "script"),
    ("scan.tiff", b"\xca\xfe\xba\xbe\x00\x00\x00\x02", "attachments.executable", "Mach-O"),
    ("foto.jpg", png(), "attachments.content_mismatch", "PNG"),
    ("foto.png", JPEG, "attachments.content_mismatch", "JPEG"),
    ("bolletta.pdf", TXT_UTF8, "attachments.content_mismatch", "TXT"),
    ("lettera.docx", odf("text"), "attachments.content_mismatch", "ODT"),
    ("lettera.odt", ooxml("word/document.xml"), "attachments.content_mismatch", "DOCX"),
    ("conti.xlsx", ooxml("word/document.xml"), "attachments.content_mismatch", "DOCX"),
    ("conti.ods", odf("text"), "attachments.content_mismatch", "ODT"),
    ("lettera.docx", zip_bytes([("a.txt", b"ciao")]), "attachments.content_mismatch", "ZIP"),
    ("lettera.odt", odf("text-template"), "attachments.content_mismatch", "ODF"),
    ("vecchio.doc", ooxml("word/document.xml"), "attachments.content_mismatch", "DOCX"),
    ("lettera.docx", b"PK\x03\x04\x14\x00", "attachments.content_mismatch", "ZIP"),
    (
        "lettera.odt",
        zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.text")]),
        "attachments.content_mismatch",
        "ODF",
    ),
    ("firmato.p7m", b"MI!not base64 at all", "attachments.content_mismatch", "TXT"),
    ("voce.wav", MP3_ID3, "attachments.content_mismatch", "MP3"),
    ("voce.mp3", wav(), "attachments.content_mismatch", "WAV"),
    ("voce.mwa", PDF, "attachments.content_mismatch", "PDF"),
    ("dati.xml", TXT_UTF8, "attachments.content_mismatch", "TXT"),
    ("firmato.p7m", PDF, "attachments.content_mismatch", "PDF"),
    ("firmato.p7m", b"\x30\x82\x01\x00" + bytes(60), "attachments.content_unrecognized", None),
    ("nota.txt", b"testo\x00con NUL", "attachments.content_unrecognized", None),
    ("nota.txt", "UTF-16".encode("utf-16"), "attachments.content_unrecognized", None),
    ("foto.bmp", b"BMnot really a bitmap", "attachments.content_mismatch", "TXT"),
]


@pytest.mark.parametrize(("nome", "data"), GOOD)
def test_real_headers_match_their_extension(nome: str, data: bytes) -> None:
    """Real headers of each listed type pass the content check of their extension."""
    assert check_content(nome, data[:8192]) == []
    assert check_content(nome.upper(), data) == []


@pytest.mark.parametrize(("nome", "data", "code", "kind"), BAD)
def test_mismatched_or_executable_content_refused(
    nome: str, data: bytes, code: str, kind: str | None
) -> None:
    """Content of another kind, unknown binary content or an executable is refused."""
    found = check_content(nome, data, path="allegati[3]")
    assert [(v.code, v.path) for v in found] == [(code, "allegati[3]")]
    assert found[0].params.get("rilevato") == kind
    assert found[0].params["estensione"] == "." + nome.rpartition(".")[2]


def test_every_listed_extension_has_a_sniffing_rule() -> None:
    """AT-2/AT-4: each extension any service accepts has an entry in the sniffing table."""
    listed = {e for s in Service for e in s.policy.extensions}
    assert listed == set(EXPECTED_KINDS)


def test_good_table_covers_every_extension() -> None:
    """Every sniffed extension has at least one real header in the table of good files."""
    assert {"." + n.rpartition(".")[2] for n, _ in GOOD} == set(EXPECTED_KINDS)


def test_executable_refused_under_any_name() -> None:
    """An executable is refused also under an unlisted or missing extension."""
    for nome in ("setup.exe", "LEGGIMI", "archivio.zip"):
        assert [v.code for v in check_content(nome, b"MZ\x90\x00")] == ["attachments.executable"]


def test_unknown_extension_and_empty_head_left_to_check() -> None:
    """An extension outside the table, or no bytes yet, gives nothing here."""
    assert check_content("archivio.zip", b"\x00\x01\x02") == []
    assert check_content("bolletta.pdf", b"") == []


def test_mz_renamed_pdf_refused_by_check() -> None:
    """check() reports a Windows program renamed .pdf at the file's path."""
    fake = Attachment.from_bytes("bolletta.pdf", b"MZ\x90\x00" + bytes(200))
    found = check(Service.SMART_HELP, [fake])
    assert [(v.code, v.path) for v in found] == [("attachments.executable", "allegati[0]")]
    assert found[0].message() == (
        "Il file è un programma eseguibile (PE/DOS) e non può essere allegato."
    )


def test_ooxml_is_recognised_from_the_head_of_a_large_document() -> None:
    """The OOXML/ODF kind is read from the first entries, even when the file is far larger."""
    big = zip_bytes(
        [
            ("[Content_Types].xml", CT),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", random.Random(0).randbytes(100_000)),
        ]
    )
    a = Attachment.from_bytes("lettera.docx", big)
    assert len(a.head) < len(big)
    assert sniff(a.head) == "DOCX"
    assert check(Service.CONCILIAZIONE, [a]) == []


# --- exact bounds of each signature --------------------------------------------------------


def test_a_bmp_needs_its_14_byte_file_header() -> None:
    """BMP: 'BM' and the reserved zeros at 6..9 in at least 14 bytes; 13 bytes are not a BMP."""
    assert sniff(b"BM" + bytes(12)) == "BMP"
    assert sniff(b"BM" + bytes(11)) is None
    assert sniff(bmp()[:6] + b"\x00\x00\x00\x01" + bmp()[10:]) is None  # reserved not zero


@pytest.mark.parametrize(
    ("second", "kind"),
    [
        (0xFB, "MP3"),  # MPEG-1 layer III, no CRC
        (0xFA, "MP3"),  # MPEG-1 layer III, CRC
        (0xF3, "MP3"),  # MPEG-2 layer III
        (0xE3, "MP3"),  # MPEG-2.5 layer III
        (0xEB, None),  # version bits 01: reserved
        (0xFD, None),  # layer II
        (0xFF, None),  # layer I
        (0xF9, None),  # layer bits 00: reserved
        (0xDB, None),  # sync is 11 bits: the third bit missing
    ],
)
def test_an_mp3_frame_is_mpeg_audio_layer_iii(second: int, kind: str | None) -> None:
    """A bare MPEG frame header is MP3 only for layer III of MPEG-1, -2 or -2.5."""
    assert sniff(bytes([0xFF, second]) + bytes(100)) == kind


def test_an_mp3_frame_header_needs_two_bytes() -> None:
    """Two bytes of frame sync are enough; one 0xFF alone is not an MP3."""
    assert sniff(b"\xff\xfb") == "MP3"
    assert sniff(b"\xff") == "TXT"  # no control byte: a one-byte text


def test_wave_in_rf64_is_a_wav() -> None:
    """RF64 (the WAV of files over 4 GB) is a WAV as RIFF is; RIFF without WAVE is not."""
    assert sniff(b"RF64\xff\xff\xff\xffWAVEds64" + bytes(28)) == "WAV"
    assert sniff(b"RIFF\x24\x00\x00\x00AVI LIST" + bytes(28)) is None


def test_a_pdf_header_counts_within_the_first_1024_bytes() -> None:
    """'%PDF-' ending at byte 1024 is a PDF (Acrobat's rule); starting at 1021 it is not."""
    assert sniff(b" " * 1019 + b"%PDF-1.7\n") == "PDF"
    assert sniff(b" " * 1020 + b"%PDF-1.7\n") == "TXT"


@pytest.mark.parametrize(("second", "kind"), [(0x80, "PKCS7"), (0x84, "PKCS7"), (0x85, None)])
def test_a_p7m_length_byte_is_short_or_long_up_to_four_bytes(second: int, kind: str | None) -> None:
    """DER SEQUENCE: 0x80 (indefinite) to 0x84 (four length bytes) pass; 0x85 does not."""
    der = b"\x30" + bytes([second]) + bytes(4) + OID_SIGNED_DATA + bytes(20)
    assert sniff(der) == kind
    assert sniff(base64.b64encode(der)) == ("PKCS7" if kind else "TXT")


def test_a_p7m_with_a_short_length_byte_is_not_signed_data() -> None:
    """A DER SEQUENCE with a one-byte length (0x7F) is too small for a signed document."""
    assert sniff(b"\x30\x7f" + OID_SIGNED_DATA + bytes(20)) is None


def test_a_p7m_signed_data_oid_must_be_in_its_first_64_bytes() -> None:
    """The signedData OID ending at byte 64 is a p7m; one byte later it is not."""
    at = 64 - len(OID_SIGNED_DATA)
    early = b"\x30\x82" + bytes(at - 2) + OID_SIGNED_DATA + bytes(20)
    late = b"\x30\x82" + bytes(at - 1) + OID_SIGNED_DATA + bytes(20)
    assert (sniff(early), sniff(late)) == ("PKCS7", None)
    assert (sniff(base64.b64encode(early)), sniff(base64.b64encode(late))) == ("PKCS7", "TXT")


def test_a_base64_p7m_is_read_from_its_first_88_characters() -> None:
    """Base64 DER: its first 88 characters (66 bytes) are decoded, across line breaks."""
    der = P7M_DER[:4] + bytes(40) + OID_SIGNED_DATA + bytes(20)  # OID ends at byte 55
    text = base64.b64encode(der)
    wrapped = b"\n".join(text[i : i + 10] for i in range(0, len(text), 10))
    assert sniff(wrapped) == "PKCS7"
    assert sniff(b"  \r\n" + text) == "PKCS7"
    assert check_content("firmato.p7m", wrapped) == []


def test_content_violations_default_to_the_empty_path() -> None:
    """Without path=, check_content's violations sit at the empty path, with the full params."""
    (exe,) = check_content("a.pdf", b"MZ\x90\x00")
    assert (exe.code, exe.path, exe.params) == (
        "attachments.executable",
        "",
        {"estensione": ".pdf", "rilevato": "PE/DOS"},
    )
    (other,) = check_content("a.pdf", JPEG)
    assert (other.path, other.params) == ("", {"estensione": ".pdf", "rilevato": "JPEG"})
    (unknown,) = check_content("a.pdf", b"\x00\x01")
    assert (unknown.path, unknown.params) == ("", {"estensione": ".pdf"})


def test_a_base64_p7m_is_looked_for_in_its_first_200_characters() -> None:
    """The 88 characters decoded are taken from the first 200 (line breaks and spaces skipped)."""
    at = 64 - len(OID_SIGNED_DATA)
    text = base64.b64encode(b"\x30\x82" + bytes(at - 2) + OID_SIGNED_DATA + bytes(20))
    within = text[:87] + b" " * (199 - 87) + text[87:]  # the 88th character at index 199
    beyond = text[:87] + b" " * (200 - 87) + text[87:]  # ... at index 200: 84 decoded
    assert (sniff(within), sniff(beyond)) == ("PKCS7", "TXT")


def test_an_unpadded_short_base64_p7m_is_read_to_its_last_quartet() -> None:
    """Base64 without '=' padding, shorter than 88 characters: its whole quartets are decoded."""
    der = b"\x30\x80" + OID_SIGNED_DATA + bytes(7)
    text = base64.b64encode(der).rstrip(b"=")
    assert len(text) % 4 == 3
    assert sniff(text) == "PKCS7"


def test_a_base64_p7m_with_foreign_characters_is_not_base64() -> None:
    """Characters outside the base64 alphabet are not skipped: the file is text, not a p7m."""
    text = base64.b64encode(P7M_DER)
    assert sniff(text) == "PKCS7"
    assert sniff(text[:4] + b"****" + text[4:]) == "TXT"


def test_a_pem_p7m_may_start_after_blank_lines() -> None:
    """Leading blank lines before the PEM armour are skipped; trailing ones do not help."""
    assert sniff(b"\r\n  \n-----BEGIN PKCS7-----\nMIIB\n") == "PKCS7"
    assert sniff(b"x-----BEGIN PKCS7-----\n") == "TXT"


def test_an_odf_mimetype_is_read_from_a_head_of_77_bytes() -> None:
    """The stored mimetype is read from the head alone: 77 bytes show an ODT, 76 do not."""
    data = odf("text")
    assert sniff(data[:77]) == "ODT"  # 30-byte header + 'mimetype' + 39-byte mimetype
    assert sniff(data[:76]) == "ODF"


def test_an_odf_mimetype_is_found_after_an_extra_field() -> None:
    """Info-ZIP writes an extended-timestamp extra field: the mimetype is read after it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("mimetype")
        info.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"
        z.writestr(info, b"application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", b"<x/>", compress_type=zipfile.ZIP_DEFLATED)
    assert sniff(buf.getvalue()) == "ODS"


def test_the_odf_method_is_read_from_the_first_local_header() -> None:
    """A real-sized ODF, of which the head holds the first 8 kB only, is still an ODT."""
    big = zip_bytes(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", random.Random(1).randbytes(50_000)),
        ],
        stored_first=True,
    )
    assert sniff(big[:8192]) == "ODT"
    assert check_content("lettera.odt", Attachment.from_bytes("lettera.odt", big).head) == []


def test_every_local_header_in_the_head_is_read() -> None:
    """The part that names the kind may be any entry, not only the first or the last."""
    docx = zip_bytes(
        [
            ("[Content_Types].xml", CT),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<x/>"),
            ("docProps/core.xml", b"<x/>"),
        ]
    )
    assert sniff(docx) == "DOCX"


def test_a_local_header_may_follow_the_previous_signature_at_once() -> None:
    """A signature 4 bytes after the previous one is read as a header of its own."""
    # The first header's name and extra lengths (at 26) are 0; the second's (at 4 + 26) name it.
    lengths = (17).to_bytes(2, "little") + bytes(2)
    head = b"PK\x03\x04" * 2 + bytes(22) + lengths + b"word/document.xml"
    assert sniff(head) == "DOCX"


def test_a_part_name_over_32_kb_is_read_unsigned() -> None:
    """The zip's 16-bit name length is unsigned: a 40,000-byte part name is still read."""
    docx = zip_bytes([("word/" + "a" * 40_000, b"<x/>")])
    assert sniff(docx[:8192]) == "DOCX"


def test_a_relationships_part_alone_is_ooxml() -> None:
    """_rels/.rels without [Content_Types].xml in the head still tells an OOXML package."""
    assert sniff(zip_bytes([("_rels/.rels", b"<Relationships/>")])) == "OOXML"


def test_a_frame_header_needs_0xff_first() -> None:
    """Frame sync starts with 0xFF: 0xFE 0xFB is no MP3 frame."""
    assert sniff(b"\xfe\xfb" + bytes(100)) is None
