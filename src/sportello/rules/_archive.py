"""The zip check of office documents: directory, local headers, and every entry inflated, capped.

Office documents (OOXML ``.docx .xlsx .pptx``, ODF ``.odt .ods .odp .odg``) are zip archives.
:func:`check_archive` first reads the zip's central directory (sizes *declared*, a zip bomb
is refused there for the cost of its directory), then inflates every entry with its own
bounded inflater, because declared sizes can lie:

- the local header must agree with the directory (name, sizes, CRC), neither may flag
  encryption, the method must be *stored* or *deflated* (all that office suites write);
- each entry is inflated in 64 kB steps against one budget for the whole document
  (:data:`MAX_ARCHIVE_BYTES`, nested documents included): inflating stops the moment the
  budget is spent, however small the directory said the entry was;
- an entry must inflate to exactly its declared size, its deflate stream must end there, and
  its CRC-32 must match; anything else is ``attachments.archive_invalid``;
- every inflated entry is scanned for executables (:mod:`sportello.rules._polyglot`), so a
  program packed into a document (an OLE "package" object, a renamed ``.exe`` part) is
  refused as ``attachments.polyglot``;
- an entry that is itself a zip (an embedded workbook in a document: every chart does it) is
  checked the same way, in memory, on the same budget, up to :data:`MAX_ARCHIVE_DEPTH` levels;
  deeper is ``attachments.archive_nested``.

Re-exported by :mod:`sportello.rules.attachments`; import from there.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from sportello._violations import Violation
from sportello.rules._attachment_records import ARCHIVE_EXTENSIONS, MB, extension_of, human_size
from sportello.rules._polyglot import ExecutableFinder

if TYPE_CHECKING:
    import zipfile

__all__ = [
    "ARCHIVE_EXTENSIONS",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_DEPTH",
    "MAX_ARCHIVE_ENTRIES",
    "MAX_ARCHIVE_RATIO",
    "MAX_NESTED_BYTES",
    "RATIO_FROM_BYTES",
    "check_archive",
]

#: The most bytes all entries of a document may inflate to, nested documents included (100 MB).
MAX_ARCHIVE_BYTES = 100 * MB

#: The highest compression ratio (inflated : stored) an entry may declare.
MAX_ARCHIVE_RATIO = 100

#: The ratio is checked only for entries declaring more than this many inflated bytes (1 MB).
RATIO_FROM_BYTES = 1 * MB

#: The most entries an archive may hold.
MAX_ARCHIVE_ENTRIES = 10_000

#: How many zip levels a document may have: itself and one embedded document (2).
MAX_ARCHIVE_DEPTH = 2

#: The largest embedded document read into memory to be checked in turn (15 MB).
MAX_NESTED_BYTES = 15 * MB

_STEP = 64 * 1024
_LOCAL = struct.Struct("<4s5H3L2H")  # signature .. extra length: 30 bytes
_ZIP64 = 0xFFFFFFFF
_STORED, _DEFLATED = 0, 8
_ZIP_MAGIC = b"PK\x03\x04"


class _Refused(Exception):  # noqa: N818 - an internal signal: one violation ends the check
    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.code)
        self.violation = violation


class _Check:
    """One document's check: its name and path for the violations, and the shared budget."""

    def __init__(self, nome: str, path: str) -> None:
        self.nome = nome
        self.path = path
        self.ext = extension_of(nome)
        self.left = MAX_ARCHIVE_BYTES
        self.inflated = 0

    def invalid(self) -> _Refused:
        return _Refused(
            Violation.of(
                "attachments.archive_invalid", path=self.path, nome=self.nome, estensione=self.ext
            )
        )

    def bomb(self, total: int, ratio: int) -> _Refused:
        return _Refused(
            Violation.of(
                "attachments.archive_bomb",
                path=self.path,
                nome=self.nome,
                espanso=human_size(total),
                rapporto=ratio,
                max_espanso=human_size(MAX_ARCHIVE_BYTES),
                max_rapporto=MAX_ARCHIVE_RATIO,
            )
        )

    def spend(self, n: int) -> None:
        self.inflated += n
        self.left -= n
        if self.left < 0:
            raise self.bomb(self.inflated, 0)

    def archive(self, fileobj: IO[bytes], depth: int) -> None:
        """Check one zip (the document, or one embedded in it at ``depth``)."""
        import zipfile  # lazily: only office documents need it

        try:
            with zipfile.ZipFile(fileobj) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise self.invalid() from None
        if len(entries) > MAX_ARCHIVE_ENTRIES:
            raise _Refused(
                Violation.of(
                    "attachments.archive_too_many_entries",
                    path=self.path,
                    nome=self.nome,
                    voci=len(entries),
                    max_voci=MAX_ARCHIVE_ENTRIES,
                )
            )
        total = sum(e.file_size for e in entries)
        ratio = max(
            (
                e.file_size // max(e.compress_size, 1)
                for e in entries
                if e.file_size > RATIO_FROM_BYTES
            ),
            default=0,
        )
        if total > self.left or ratio > MAX_ARCHIVE_RATIO:
            raise self.bomb(self.inflated + total, ratio)
        for entry in entries:
            if not entry.is_dir():
                self.entry(fileobj, entry, depth)

    def _data_offset(self, fileobj: IO[bytes], entry: zipfile.ZipInfo) -> int:
        """Where the entry's data starts, once its local header agrees with the directory."""
        fileobj.seek(entry.header_offset)
        raw = fileobj.read(_LOCAL.size)
        if len(raw) != _LOCAL.size:
            raise self.invalid()
        magic, _version, flags, method, _t, _d, crc, csize, usize, nlen, elen = _LOCAL.unpack(raw)
        name = fileobj.read(nlen)
        sized = not flags & 0x08  # without a data descriptor the local header states the sizes
        lying = sized and (
            crc != entry.CRC
            or csize not in (_ZIP64, entry.compress_size)
            or usize not in (_ZIP64, entry.file_size)
        )
        if (
            magic != _ZIP_MAGIC
            or (flags | entry.flag_bits) & 0x01  # encrypted (either header): nothing to check
            or method != entry.compress_type
            or method not in (_STORED, _DEFLATED)
            or name != entry.orig_filename.encode("utf-8" if entry.flag_bits & 0x800 else "cp437")
            or lying
        ):
            raise self.invalid()
        return int(entry.header_offset) + _LOCAL.size + int(nlen) + int(elen)

    def entry(self, fileobj: IO[bytes], entry: zipfile.ZipInfo, depth: int) -> None:
        """Inflate one entry under the budget; scan it; check it in turn if it is a zip."""
        try:
            fileobj.seek(self._data_offset(fileobj, entry))
        except UnicodeEncodeError:
            raise self.invalid() from None
        finder = ExecutableFinder(start=0)
        nested: bytearray | None = None
        held: bytearray | None = bytearray()  # the first bytes, until they tell a zip or not
        for out in self._inflate(fileobj, entry):
            piece = out
            if held is not None:
                held += out
                if len(held) < len(_ZIP_MAGIC):
                    continue
                piece, held = bytes(held), None
                if piece.startswith(_ZIP_MAGIC):
                    nested = self._nested(entry, depth)
            self._scan(finder, piece, entry)
            if nested is not None:
                nested += piece
        self._scan(finder, bytes(held or b""), entry, final=True)
        if nested is not None:
            self.archive(io.BytesIO(bytes(nested)), depth + 1)

    def _nested(self, entry: zipfile.ZipInfo, depth: int) -> bytearray:
        """The buffer of an embedded zip, when one more level is allowed."""
        if depth + 1 >= MAX_ARCHIVE_DEPTH:
            raise _Refused(
                Violation.of(
                    "attachments.archive_nested",
                    path=self.path,
                    nome=self.nome,
                    parte=entry.filename[:100],
                    max_livelli=MAX_ARCHIVE_DEPTH,
                )
            )
        if entry.file_size > MAX_NESTED_BYTES:
            raise self.bomb(self.inflated + entry.file_size, 0)
        return bytearray()

    def _scan(
        self, finder: ExecutableFinder, piece: bytes, entry: zipfile.ZipInfo, *, final: bool = False
    ) -> None:
        found = finder.feed(piece, final=final)
        if found is not None:
            raise self.executable(found, entry.filename)

    def executable(self, found: tuple[str, int], parte: str) -> _Refused:
        kind, offset = found
        return _Refused(
            Violation.of(
                "attachments.polyglot",
                path=self.path,
                estensione=self.ext,
                rilevato=kind,
                posizione=offset,
                parte=parte[:100],
            )
        )

    def _inflate(self, fileobj: IO[bytes], entry: zipfile.ZipInfo) -> Iterator[bytes]:
        """The entry's bytes, at most 64 kB at a time, checked against what the zip declares."""
        crc = produced = 0
        remaining = entry.compress_size
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if entry.compress_type else None
        pending = b""
        while True:
            if inflater is None:  # stored: the bytes as they are
                if not remaining:
                    break
                out = fileobj.read(min(remaining, _STEP))
                if not out:
                    raise self.invalid()
                remaining -= len(out)
            else:
                if not pending and remaining:
                    pending = fileobj.read(min(remaining, _STEP))
                    if not pending:
                        raise self.invalid()
                    remaining -= len(pending)
                try:
                    out = inflater.decompress(pending, _STEP)
                except zlib.error:
                    raise self.invalid() from None
                pending = inflater.unconsumed_tail
                if not out:
                    if inflater.eof or (not pending and not remaining):
                        break
                    continue
            produced += len(out)
            if produced > entry.file_size:  # more than declared: the directory lies
                raise self.invalid()
            self.spend(len(out))
            crc = zlib.crc32(out, crc)
            yield out
        complete = inflater is None or (inflater.eof and not inflater.unused_data and not remaining)
        if not complete or produced != entry.file_size or crc != entry.CRC:
            raise self.invalid()


def check_archive(fileobj: IO[bytes], *, nome: str, path: str = "") -> list[Violation]:
    """Problems of a zip-based document (``.docx``, ``.odt``, ...): directory, then contents.

    For a name whose extension is not in :data:`ARCHIVE_EXTENSIONS` the answer is ``[]``
    (nothing is read). Otherwise at most one violation (no rule ID: like
    ``attachments.content_mismatch`` these guard AT-2/AT-4's extensions, the seed is silent):

    - ``attachments.archive_invalid``: no readable zip directory; a local header that
      disagrees with it; encryption; a method other than stored or deflated; an entry that
      does not inflate to exactly its declared size and CRC;
    - ``attachments.archive_too_many_entries``: more than :data:`MAX_ARCHIVE_ENTRIES` entries;
    - ``attachments.archive_bomb``: more than :data:`MAX_ARCHIVE_BYTES` declared or actually
      inflated in all (nested documents included), or an entry declaring more than
      :data:`RATIO_FROM_BYTES` compressed over :data:`MAX_ARCHIVE_RATIO`:1;
    - ``attachments.archive_nested``: a zip inside an embedded document (past
      :data:`MAX_ARCHIVE_DEPTH` levels);
    - ``attachments.polyglot``: an executable (PE, ELF) inside any entry.

    Inflating is bounded: 64 kB at a time, stopped as soon as the budget is spent.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("[Content_Types].xml", bytes(5 * MB))
    >>> [v.code for v in check_archive(buf, nome="bomba.docx")]
    ['attachments.archive_bomb']
    >>> [v.code for v in check_archive(io.BytesIO(b"PK\\x03\\x04 broken"), nome="a.odt")]
    ['attachments.archive_invalid']
    >>> check_archive(io.BytesIO(b"%PDF-1.7"), nome="a.pdf")
    []
    """
    check = _Check(nome, path)
    if check.ext not in ARCHIVE_EXTENSIONS:
        return []
    try:
        check.archive(fileobj, 0)
    except _Refused as refused:
        return [refused.violation]
    return []
