"""Files to upload: :class:`Upload`, streamed in 64 kB chunks, replayable on a retry."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

__all__ = ["CHUNK", "Upload", "achunks", "chunks"]

#: Bytes read from a file at a time.
CHUNK = 64 * 1024


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
