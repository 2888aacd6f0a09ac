"""Content sniffing: do a file's first bytes agree with its extension?

An own table of about twenty signatures, no dependency. Beyond what generic "magic" libraries
report it tells OOXML (``.docx``/``.xlsx``/``.pptx``) from ODF (``.odt``/``.ods``/``.odp``/
``.odg``) from a plain zip by reading the zip's first entry names, and it refuses executables
under any name. Re-exported by :mod:`sportello.rules.attachments`; import from there.
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Callable

from sportello._violations import Violation
from sportello.rules._attachment_records import extension_of

__all__ = ["EXPECTED_KINDS", "check_content", "sniff"]

_EXECUTABLES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "PE/DOS"),
    (b"\x7fELF", "ELF"),
    (b"\xfe\xed\xfa\xce", "Mach-O"),
    (b"\xfe\xed\xfa\xcf", "Mach-O"),
    (b"\xce\xfa\xed\xfe", "Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O"),
    (b"\xca\xfe\xba\xbe", "Mach-O"),
    (b"#!", "script"),
)

_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),
    (b"MM\x00+", "TIFF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2"),
    (b"ID3", "MP3"),
    (b"0&\xb2u\x8ef\xcf\x11", "ASF"),
)

#: The kinds each extension accepts (labels as :func:`sniff` returns them).
EXPECTED_KINDS: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"PDF"}),
    ".jpg": frozenset({"JPEG"}),
    ".jpeg": frozenset({"JPEG"}),
    ".png": frozenset({"PNG"}),
    ".bmp": frozenset({"BMP"}),
    ".tiff": frozenset({"TIFF"}),
    ".doc": frozenset({"OLE2"}),
    ".xls": frozenset({"OLE2"}),
    ".docx": frozenset({"DOCX", "OOXML"}),
    ".xlsx": frozenset({"XLSX", "OOXML"}),
    ".pptx": frozenset({"PPTX", "OOXML"}),
    ".odt": frozenset({"ODT"}),
    ".ods": frozenset({"ODS"}),
    ".odp": frozenset({"ODP"}),
    ".odg": frozenset({"ODG"}),
    ".mp3": frozenset({"MP3"}),
    ".wav": frozenset({"WAV"}),
    ".mwa": frozenset({"MP3", "WAV", "ASF"}),
    ".txt": frozenset({"TXT", "XML"}),
    ".eml": frozenset({"TXT", "XML"}),
    ".html": frozenset({"TXT", "XML"}),
    ".xml": frozenset({"XML"}),
    ".fods": frozenset({"XML"}),
    ".fodt": frozenset({"XML"}),  # AT-7
    ".fodp": frozenset({"XML"}),
    ".fodg": frozenset({"XML"}),
    ".p7m": frozenset({"PKCS7"}),
}

_ODF = {
    b"application/vnd.oasis.opendocument.text": "ODT",
    b"application/vnd.oasis.opendocument.spreadsheet": "ODS",
    b"application/vnd.oasis.opendocument.presentation": "ODP",
    b"application/vnd.oasis.opendocument.graphics": "ODG",
}
_OOXML_PARTS = ((b"word/", "DOCX"), (b"xl/", "XLSX"), (b"ppt/", "PPTX"))
_PKCS7_SIGNED_DATA = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"
_BINARY_CONTROLS = frozenset(range(32)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B}


def executable_kind(head: bytes) -> str | None:
    """The kind of executable ``head`` starts, or ``None``.

    >>> executable_kind(b"MZ\\x90\\x00"), executable_kind(b"%PDF-1.7")
    ('PE/DOS', None)
    """
    for magic, kind in _EXECUTABLES:
        if head.startswith(magic):
            return kind
    return None


def _zip_entries(head: bytes) -> list[tuple[bytes, int, bytes]]:
    """(name, compression method, first data bytes) of each local header found in ``head``."""
    entries = []
    at = head.find(b"PK\x03\x04")
    while at != -1 and at + 30 <= len(head):
        (method,) = struct.unpack_from("<H", head, at + 8)
        name_len, extra_len = struct.unpack_from("<HH", head, at + 26)
        name = head[at + 30 : at + 30 + name_len]
        data_at = at + 30 + name_len + extra_len
        entries.append((name, method, head[data_at : data_at + 64]))
        at = head.find(b"PK\x03\x04", at + 4)
    return entries


def _zip_kind(head: bytes) -> str:
    entries = _zip_entries(head)
    if not entries:
        return "ZIP"
    first_name, method, data = entries[0]
    if first_name == b"mimetype":
        if method == 0:
            for mimetype, kind in _ODF.items():
                if data.startswith(mimetype) and not data[len(mimetype) :].startswith(b"-"):
                    return kind
        return "ODF"
    names = [name for name, _, _ in entries]
    for prefix, kind in _OOXML_PARTS:
        if any(name.startswith(prefix) for name in names):
            return kind
    if any(name in (b"[Content_Types].xml", b"_rels/.rels") for name in names):
        return "OOXML"
    return "ZIP"


def _is_bmp(head: bytes) -> bool:
    return head.startswith(b"BM") and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00"


def _is_mp3_frame(head: bytes) -> bool:
    if len(head) < 2 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    return version != 1 and layer == 1  # MPEG audio layer III only


def _is_pkcs7(head: bytes) -> bool:
    stripped = head.lstrip()
    if stripped.startswith((b"-----BEGIN PKCS7", b"-----BEGIN CMS")):
        return True
    der = head
    if stripped.startswith(b"MI"):  # base64 DER without armour, common for Italian .p7m
        chunk = b"".join(stripped[:200].split())[:88]
        try:
            der = base64.b64decode(chunk[: len(chunk) // 4 * 4], validate=True)
        except (binascii.Error, ValueError):
            return False
    return (
        len(der) > 2
        and der[0] == 0x30
        and 0x80 <= der[1] <= 0x84
        and _PKCS7_SIGNED_DATA in der[:64]
    )


def _text_kind(head: bytes) -> str | None:
    if any(byte in _BINARY_CONTROLS for byte in head):
        return None
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "XML" if body.startswith(b"<") else "TXT"


def _prefix_kind(head: bytes) -> str | None:
    for magic, kind in _PREFIXES:
        if head.startswith(magic):
            return kind
    return None


def _container_kind(head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head)
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return "WAV"
    return None


def _loose_kind(head: bytes) -> str | None:
    """Kinds whose signature is short or may be preceded by other bytes."""
    if _is_bmp(head):
        return "BMP"
    if _is_mp3_frame(head):
        return "MP3"
    if _is_pkcs7(head):
        return "PKCS7"
    if b"%PDF-" in head[:1024]:
        return "PDF"
    return None


_DETECTORS: tuple[Callable[[bytes], str | None], ...] = (
    executable_kind,
    _prefix_kind,
    _container_kind,
    _loose_kind,
    _text_kind,
)


def sniff(head: bytes) -> str | None:
    """The kind of content ``head`` starts, as a short label, or ``None`` when unknown.

    Labels: PDF PNG JPEG BMP TIFF OLE2 DOCX XLSX PPTX OOXML ODT ODS ODP ODG ODF ZIP MP3 WAV
    ASF PKCS7 XML TXT, and for executables the executable's kind (PE/DOS, ELF, Mach-O, script).

    >>> sniff(b"%PDF-1.7"), sniff(b"\\x89PNG\\r\\n\\x1a\\n"), sniff(b"<?xml version='1.0'?>")
    ('PDF', 'PNG', 'XML')
    >>> sniff(b"RIFF\\x24\\x00\\x00\\x00WAVEfmt "), sniff(b"plain words"), sniff(b"\\x00\\x01")
    ('WAV', 'TXT', None)
    """
    for detect in _DETECTORS:
        kind = detect(head)
        if kind is not None:
            return kind
    return None


def check_content(nome: str, head: bytes, *, path: str = "") -> list[Violation]:
    """Whether the first bytes of a file agree with its name's extension.

    Executables are refused under any name (``attachments.executable``); a known extension
    whose content is another kind gives ``attachments.content_mismatch`` (or
    ``attachments.content_unrecognized`` when the kind is unknown). An extension outside the
    table, and an empty ``head``, give nothing here: :func:`~sportello.rules.attachments.check`
    reports those. Meant also for the first bytes of a streamed upload.

    >>> check_content("bolletta.pdf", b"%PDF-1.7\\n")
    []
    >>> [v.code for v in check_content("bolletta.pdf", b"MZ\\x90\\x00", path="allegati[0]")]
    ['attachments.executable']
    >>> check_content("foto.jpg", b"\\x89PNG\\r\\n\\x1a\\n")[0].params["rilevato"]
    'PNG'
    """
    if not head:
        return []
    ext = extension_of(nome)
    exe = executable_kind(head)
    if exe is not None:
        return [Violation.of("attachments.executable", path=path, estensione=ext, rilevato=exe)]
    expected = EXPECTED_KINDS.get(ext)
    if expected is None:
        return []
    kind = sniff(head)
    if kind in expected:
        return []
    if kind is None:
        return [Violation.of("attachments.content_unrecognized", path=path, estensione=ext)]
    return [Violation.of("attachments.content_mismatch", path=path, estensione=ext, rilevato=kind)]
