"""Attachment records: the services, their policies (AT-1..AT-4, AT-7), the :class:`Attachment`.

Re-exported by :mod:`sportello.rules.attachments`; import from there.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import attrs

from sportello._violations import ValidationError, Violation

__all__ = [
    "ARCHIVE_EXTENSIONS",
    "HEAD_SIZE",
    "MB",
    "Attachment",
    "AttachmentPolicy",
    "Service",
    "human_size",
    "policy_for",
]

#: One megabyte as the portals are read here: 10**6 bytes (decimal, the stricter reading).
MB = 1_000_000

#: How many leading bytes an :class:`Attachment` keeps for content sniffing.
HEAD_SIZE = 8192

#: Extensions whose files are zip archives (OOXML and ODF): ``check_archive`` reads them.
ARCHIVE_EXTENSIONS = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".odg"})


def human_size(n: int) -> str:
    """A byte count as people read it: whole units exactly, otherwise rounded *up*.

    Rounding up means a size just over a limit never prints as the limit itself.

    >>> human_size(15 * MB), human_size(15 * MB + 1), human_size(2048), human_size(12)
    ('15 MB', '15.01 MB', '2.05 kB', '12 byte')
    """
    for unit, size in (("MB", MB), ("kB", 1000)):
        if n >= size:
            if n % size == 0:
                return f"{n // size} {unit}"
            hundredths = -(-n * 100 // size)
            return f"{hundredths // 100}.{hundredths % 100:02d} {unit}".replace(".00 ", " ")
    return f"{n} byte"


def _extensions(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.lower() if v.startswith(".") else "." + v.lower() for v in values)


@attrs.frozen
class AttachmentPolicy:
    """What one service accepts in a send (AT-1..AT-4); ``None`` means "no limit stated".

    Attributes:
        max_count: most documents per send (AT-1: 5).
        max_total_bytes: most bytes in one send, all documents together (AT-1: 15 MB).
        max_file_bytes: most bytes per document (AT-3: 15 MB).
        extensions: the accepted extensions, lower case with the dot, in the seed's order.
        limit_rule: the rule ID reported for count and size violations.
        extension_rule: the rule ID reported for extension violations.

    A policy with other limits can be built and passed wherever a :class:`Service` is taken:

    >>> tight = AttachmentPolicy(max_count=2, max_total_bytes=MB, extensions=["PDF"])
    >>> tight.extensions, tight.max_file_bytes
    (('.pdf',), None)
    """

    max_count: int | None = attrs.field(default=None, kw_only=True)
    max_total_bytes: int | None = attrs.field(default=None, kw_only=True)
    max_file_bytes: int | None = attrs.field(default=None, kw_only=True)
    extensions: tuple[str, ...] = attrs.field(converter=_extensions, kw_only=True)
    limit_rule: str = attrs.field(default="AT-1", kw_only=True)
    extension_rule: str = attrs.field(default="AT-2", kw_only=True)

    def accepts_extension(self, nome: str) -> bool:
        """Whether the name's extension is listed (case-insensitive).

        >>> Service.SMART_HELP.policy.accepts_extension("Bolletta.PDF")
        True
        """
        return extension_of(nome) in self.extensions

    @property
    def file_cap(self) -> int | None:
        """The most bytes one document can ever have: per-file limit, else the total limit."""
        caps = [c for c in (self.max_file_bytes, self.max_total_bytes) if c is not None]
        return min(caps) if caps else None


def extension_of(nome: str) -> str:
    """The lower-case extension of a file name with its dot, ``""`` when there is none.

    >>> extension_of("Fattura.Marzo.PDF"), extension_of("LEGGIMI"), extension_of(".pdf")
    ('.pdf', '', '')
    """
    stem, dot, ext = nome.rpartition(".")
    if not dot or not stem or not ext:
        return ""
    return "." + ext.lower()


_AT2 = [
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".pdf",
    ".jpg",
    ".png",
    ".bmp",
    ".mp3",
    ".wav",
    ".mwa",
]
_AT4 = [
    ".docx",
    ".xlsx",
    ".odt",
    ".ods",
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".bmp",
    ".mp3",
    ".tiff",
    ".txt",
    ".eml",
    ".fods",
    ".odp",
    ".fodp",
    ".pptx",
    ".odg",
    ".fodg",
    ".p7m",
    ".html",
    ".xml",
    ".fodt",  # AT-7: the Servizio's current page adds it to AT-4's list
]

_SMART = AttachmentPolicy(max_count=5, max_total_bytes=15 * MB, extensions=_AT2)
_CONCILIAZIONE = AttachmentPolicy(
    max_file_bytes=15 * MB, extensions=_AT4, limit_rule="AT-3", extension_rule="AT-4"
)


class Service(enum.StrEnum):
    """The Sportello services that take attachments, each with its :attr:`policy`.

    AT-1 and AT-2 apply to SMART Help, SMART Info and information requests and reports;
    AT-3 and AT-4 to the conciliation service, whose list AT-7 extends with ``.fodt`` (the
    Servizio's current page; reported under AT-4, the list's rule).

    >>> Service.CONCILIAZIONE.policy.accepts_extension("memoria.fodt")
    True
    >>> Service.SMART_HELP.policy.accepts_extension("memoria.fodt")
    False

    >>> Service.SMART_INFO.policy.max_count, Service.CONCILIAZIONE.policy.max_count
    (5, None)
    """

    CONCILIAZIONE = "conciliazione"
    SMART_HELP = "smart_help"
    SMART_INFO = "smart_info"
    INFORMAZIONI_SEGNALAZIONI = "informazioni_segnalazioni"

    @property
    def policy(self) -> AttachmentPolicy:
        """The service's attachment policy (AT-1/AT-2 or AT-3/AT-4)."""
        return _CONCILIAZIONE if self is Service.CONCILIAZIONE else _SMART


def policy_for(service: Service | AttachmentPolicy) -> AttachmentPolicy:
    """The policy of ``service`` (a policy is returned as it is).

    >>> policy_for(Service.CONCILIAZIONE).max_file_bytes
    15000000
    """
    return service if isinstance(service, AttachmentPolicy) else service.policy


def _head(value: bytes) -> bytes:
    return bytes(value[:HEAD_SIZE])


@attrs.frozen
class Attachment:
    """One document to send: its name, its size in bytes and its first bytes (for sniffing).

    Only the first :data:`HEAD_SIZE` bytes are kept, so a 15 MB file costs a few kB.

    >>> a = Attachment.from_bytes("bolletta.pdf", b"%PDF-1.7\\n...")
    >>> a.nome, a.dimensione, a.head[:5]
    ('bolletta.pdf', 12, b'%PDF-')
    """

    nome: str
    dimensione: int
    head: bytes = attrs.field(default=b"", converter=_head, repr=False)

    @classmethod
    def from_bytes(cls, nome: str, data: bytes) -> Attachment:
        """An attachment whose whole content is ``data``."""
        return cls(nome=nome, dimensione=len(data), head=data)

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], *, nome: str | None = None) -> Attachment:
        """An attachment read from a file: size from the file system, only the head is read."""
        p = Path(path)
        with p.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(HEAD_SIZE)
        return cls(nome=p.name if nome is None else nome, dimensione=size, head=head)

    @classmethod
    def from_file(cls, fileobj: BinaryIO, *, nome: str) -> Attachment:
        """An attachment from an open, seekable binary file; its position is restored.

        The size is measured by seeking to the end; the head is read from the start.

        >>> import io
        >>> f = io.BytesIO(b"%PDF-1.4 tiny")
        >>> _ = f.seek(3)
        >>> Attachment.from_file(f, nome="a.pdf").dimensione, f.tell()
        (13, 3)

        Raises:
            ValidationError: ``attachments.not_seekable`` when the file cannot seek.
        """
        if not fileobj.seekable():
            raise ValidationError([Violation.of("attachments.not_seekable", nome=nome)])
        position = fileobj.tell()
        try:
            size = fileobj.seek(0, os.SEEK_END)
            fileobj.seek(0)
            head = fileobj.read(HEAD_SIZE)
        finally:
            fileobj.seek(position)
        return cls(nome=nome, dimensione=size, head=head)
