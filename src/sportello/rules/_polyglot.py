"""Polyglots: a file whose head is a document but whose body is also something else.

The content sniffer (:mod:`sportello.rules._sniff`) reads the first 8 kB. What follows them can
hide another format, and :func:`check_body` reads the whole file (in 1 MB steps) for it:

- an **executable anywhere** in the file (a PE program: ``MZ`` whose header offset points to
  ``PE\\0\\0``; an ELF program: ``\\x7fELF`` with a valid class, byte order and version) is
  ``attachments.polyglot``. A document followed by a program is the usual way to carry one past
  a type check; no PDF, image, audio or text file needs one. (The two signatures are checked
  structurally, so random bytes match about once in 2^48 positions: never in practice.)
- a **text** extension (``.txt .eml .html .xml .fods .fodp .fodg``) must be text to the end:
  a NUL or another binary control byte past the head is ``attachments.content_unrecognized``.
- a **hidden zip**: a file that is not zip-based but also opens as a zip archive (a readable
  zip directory at its end: the "GIFAR"/JAR trick, a PDF that Java runs) is
  ``attachments.polyglot``. Zip-based documents (office, see :mod:`sportello.rules._archive`)
  and ``.p7m`` envelopes (a signed document holds the document, zip or not) are exempt.

Re-exported by :mod:`sportello.rules.attachments`; import from there.
"""

from __future__ import annotations

import re
from typing import IO

from sportello._violations import Violation
from sportello.rules._attachment_records import ARCHIVE_EXTENSIONS, extension_of

__all__ = ["TEXT_EXTENSIONS", "ExecutableFinder", "check_body"]

#: The extensions whose files must be text from the first byte to the last.
TEXT_EXTENSIONS = frozenset({".txt", ".eml", ".html", ".xml", ".fods", ".fodp", ".fodg"})

#: Extensions exempt from the hidden-zip check: zip-based documents and signed envelopes.
_ZIP_EXEMPT = ARCHIVE_EXTENSIONS | {".p7m"}

#: ``MZ`` whose 4-byte header offset (at +0x3C) is below 64 kB: a candidate PE.
_MZ = re.compile(rb"MZ(?=[\s\S]{58}[\s\S]{2}\x00\x00)")
_ELF = re.compile(rb"\x7fELF[\x01\x02][\x01\x02]\x01")
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f]")
_LOOKAHEAD = 0x10000 + 4  # the farthest a PE header may be from its MZ, plus "PE\0\0"
_STEP = 1 << 20


def _first_executable(buf: bytes | bytearray, lo: int, hi: int) -> tuple[str, int] | None:
    """The first PE or ELF starting in ``buf[lo:hi]`` (``buf`` holds the lookahead)."""
    found: tuple[str, int] | None = None
    at = lo
    while (m := _MZ.search(buf, at)) is not None and m.start() < hi:
        start = m.start()
        offset = int.from_bytes(buf[start + 0x3C : start + 0x40], "little")
        if offset >= 0x40 and buf[start + offset : start + offset + 4] == b"PE\x00\x00":
            found = ("PE", start)
            break
        at = start + 1
    elf = _ELF.search(buf, lo)
    if elf is not None and elf.start() < hi and (found is None or elf.start() < found[1]):
        found = ("ELF", elf.start())
    return found


class ExecutableFinder:
    """Finds the first executable in a stream of bytes fed piece by piece.

    ``start`` is the first offset that counts (``1`` skips the file's own first byte, which
    the head sniffer already judged). Memory stays at one piece plus 64 kB.

    >>> finder = ExecutableFinder(start=1)
    >>> pe = b"MZ" + bytes(58) + (64).to_bytes(4, "little") + b"PE\\x00\\x00"
    >>> finder.feed(b"%PDF-1.7\\n" + bytes(1000)) is None
    True
    >>> finder.feed(pe, final=True)
    ('PE', 1009)
    """

    def __init__(self, *, start: int) -> None:
        self._buf = bytearray()
        self._base = 0  # the offset of _buf[0] in the stream
        self._start = start

    def feed(self, piece: bytes, *, final: bool = False) -> tuple[str, int] | None:
        """The kind and offset of the first executable seen so far, else ``None``."""
        self._buf += piece
        hi = len(self._buf) if final else len(self._buf) - _LOOKAHEAD
        if hi <= 0:
            return None
        found = _first_executable(self._buf, max(self._start - self._base, 0), hi)
        del self._buf[:hi]  # what is left starts at the first position not examined yet
        self._base += hi
        if found is None:
            return None
        return found[0], found[1] + self._base - hi


def _hidden_zip(fileobj: IO[bytes]) -> int | None:
    """Where the zip starts, when the whole file also opens as a zip with entries."""
    import zipfile

    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    return min((e.header_offset for e in entries), default=None)


def check_body(fileobj: IO[bytes], *, nome: str, path: str = "") -> list[Violation]:
    """What the whole file hides after its head: executables, binary text, a hidden zip.

    ``fileobj`` is read from its start in 1 MB steps (it must be seekable). At most one
    violation: ``attachments.polyglot`` (``rilevato`` ``PE``, ``ELF`` or ``ZIP``, with its
    byte offset ``posizione``), or ``attachments.content_unrecognized`` for a text extension
    with binary bytes (``posizione`` of the first). See the module for the reasons.

    >>> import io
    >>> check_body(io.BytesIO(b"Gentile Sportello,\\n" * 1000), nome="lettera.txt")
    []
    >>> pe = b"MZ" + bytes(58) + (64).to_bytes(4, "little") + b"PE\\x00\\x00" + bytes(200)
    >>> [v.params["rilevato"] for v in check_body(io.BytesIO(b"Ciao\\n" + pe), nome="a.txt")]
    ['PE']
    >>> [v.code for v in check_body(io.BytesIO(b"Ciao" + bytes(3)), nome="a.txt")]
    ['attachments.content_unrecognized']
    """
    ext = extension_of(nome)
    text = ext in TEXT_EXTENSIONS
    finder = ExecutableFinder(start=1)
    binary_at: int | None = None
    offset = 0
    fileobj.seek(0)
    found: tuple[str, int] | None = None
    while found is None:
        piece = fileobj.read(_STEP)
        found = finder.feed(piece, final=not piece)
        if text and binary_at is None and (m := _BINARY.search(piece)) is not None:
            binary_at = offset + m.start()
        offset += len(piece)
        if not piece:
            break
    if found is None and ext not in _ZIP_EXEMPT and not text:
        zip_at = _hidden_zip(fileobj)
        found = ("ZIP", zip_at) if zip_at is not None else None
    if found is not None:
        kind, where = found
        return [
            Violation.of(
                "attachments.polyglot", path=path, estensione=ext, rilevato=kind, posizione=where
            )
        ]
    if binary_at is not None:
        return [
            Violation.of(
                "attachments.content_unrecognized", path=path, estensione=ext, posizione=binary_at
            )
        ]
    return []
