"""Files to upload: :class:`Upload`, streamed in 64 kB chunks, replayable on a retry.

:func:`upload_key` derives an upload's ``Idempotency-Key`` from the case, the name and the
content, so a program that uploads the same file to the same case again (a re-run after a
crash) gets the first attachment back instead of a second one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

__all__ = ["CHUNK", "UPLOAD_KEY_PREFIX", "Upload", "achunks", "chunks", "upload_key"]

#: Bytes read from a file at a time.
CHUNK = 64 * 1024
#: The start of every key :func:`upload_key` derives (the version of the formula).
UPLOAD_KEY_PREFIX = "sportello-allegato-v1-"


def upload_key(numero: str, nome: str, sha256: str) -> str:
    """The ``Idempotency-Key`` of uploading content ``sha256`` as ``nome`` to case ``numero``.

    The formula (stable: a key written today matches tomorrow's)::

        "sportello-allegato-v1-" + hex(SHA-256("sportello-allegato-v1" NUL numero NUL nome
                                              NUL sha256))

    with the strings in UTF-8 and ``sha256`` the content's SHA-256 in lower-case hex (what
    ``Allegato.sha256`` shows). The same file, under the same name, to the same case always
    gets the same key; any change of the three gets another.

    >>> upload_key("SPCEN000000000001", "reclamo.pdf", hashlib.sha256(b"%PDF").hexdigest())
    'sportello-allegato-v1-39833107619165094395ac12dd7cff242dc6f4cdb08e9d96a78b0bf993e8e132'
    """
    digest = hashlib.sha256()
    for part in ("sportello-allegato-v1", numero, nome, sha256.lower()):
        digest.update(part.encode("utf-8") + b"\0")
    return UPLOAD_KEY_PREFIX + digest.hexdigest()


@attrs.frozen
class Upload:
    """One file to upload as a raw, streamed body: a path or an open binary file.

    A path is opened on each attempt; a file object is read from its position at the time of
    the call and rewound there before a retry (one that cannot seek is never retried).
    Content is read in 64 kB chunks: a file is never held whole in memory.
    """

    nome: str
    source: str | os.PathLike[str] | IO[bytes] = attrs.field(repr=False)
    start: int = 0

    @classmethod
    def of(cls, item: str | os.PathLike[str] | IO[bytes] | tuple[str, IO[bytes]]) -> Upload:
        """An upload from a path, a named binary file, or a ``(nome, file)`` pair."""
        source: str | os.PathLike[str] | IO[bytes]
        if isinstance(item, tuple):
            nome, source = item
        elif isinstance(item, str | os.PathLike):
            nome, source = Path(item).name, item
        else:
            nome, source = Path(str(getattr(item, "name", "allegato"))).name, item
        start = 0
        if not isinstance(source, str | os.PathLike) and source.seekable():
            start = source.tell()
        return cls(nome=nome, source=source, start=start)

    @property
    def replayable(self) -> bool:
        """Whether the content can be sent again on a retry."""
        return isinstance(self.source, str | os.PathLike) or self.source.seekable()

    def size(self) -> int | None:
        """Bytes that will be sent (``None`` when unknown: the body is then chunked)."""
        if isinstance(self.source, str | os.PathLike):
            return Path(self.source).stat().st_size
        if self.source.seekable():
            end = self.source.seek(0, os.SEEK_END)
            self.source.seek(self.start)
            return end - self.start
        return None

    def attachment(self) -> Any:
        """The :class:`sportello.rules.attachments.Attachment` to check (size and head only)."""
        from sportello.rules.attachments import Attachment

        if isinstance(self.source, str | os.PathLike):
            return Attachment.from_path(self.source, nome=self.nome)
        if self.source.seekable():
            return Attachment.from_file(self.source, nome=self.nome)  # type: ignore[arg-type]
        return None

    def sha256(self) -> str:
        """The SHA-256 of the content that will be sent, in hex (reads it once, in chunks).

        Raises:
            TypeError: the source is a file object that cannot seek (it would be consumed).
        """
        if not self.replayable:
            raise TypeError(f"cannot hash {self.nome!r} before sending: the file cannot seek")
        handle, owned = self.open()
        digest = hashlib.sha256()
        try:
            for chunk in chunks(handle):
                digest.update(chunk)
        finally:
            if owned:
                handle.close()
            elif handle.seekable():
                handle.seek(self.start)
        return digest.hexdigest()

    def open(self) -> tuple[IO[bytes], bool]:
        """The file to stream and whether the caller must close it."""
        if isinstance(self.source, str | os.PathLike):
            return Path(self.source).open("rb"), True
        if self.source.seekable():
            self.source.seek(self.start)
        return self.source, False


def chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """The file's content in chunks of 64 kB, read as they are sent."""
    while chunk := handle.read(CHUNK):
        yield chunk


async def achunks(handle: IO[bytes]) -> AsyncIterator[bytes]:
    """:func:`chunks` for an async client's request body."""
    while chunk := handle.read(CHUNK):
        yield chunk
