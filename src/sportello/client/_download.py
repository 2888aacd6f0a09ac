"""Where a download's bytes go: :func:`sink_for` a path or a binary file.

A path is never half-written: the bytes go to a temporary file beside it (``.<name>.<random>
.part``, created with the usual permissions), which is flushed to disk and renamed over the
path only when the whole body has arrived; on any failure it is removed and the path is left
as it was. A binary file given by the caller is written in place; when it is seekable and
nothing follows its position, a failed download is cut back to that position (so a retry can
start again, and a failure leaves it as it was); otherwise the bytes already written stay and
the download is not retried.

>>> import io, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sink = sink_for(folder / "fattura.pdf")
>>> sink.write(b"%PDF-1.4 parziale")
>>> sink.rewind(), sink.write(b"%PDF-1.4"), sink.commit()
(True, None, 8)
>>> (folder / "fattura.pdf").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'%PDF-1.4', ['fattura.pdf'])
>>> buffer = io.BytesIO(b"gia' qui|")
>>> _ = buffer.seek(0, io.SEEK_END)
>>> sink = sink_for(buffer)
>>> sink.write(b"a meta")
>>> sink.discard()
>>> buffer.getvalue()
b"gia' qui|"
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
from pathlib import Path
from typing import IO

__all__ = ["FileSink", "PathSink", "Sink", "sink_for"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class Sink:
    """The destination of one download: ``write`` chunks, then ``commit`` or ``discard``."""

    written: int = 0

    def write(self, chunk: bytes) -> None:
        """Add ``chunk``."""
        raise NotImplementedError

    def rewind(self) -> bool:
        """Forget what was written, to start again (a retry); ``False`` when impossible."""
        raise NotImplementedError

    def commit(self) -> int:
        """The download is whole: put it in place; returns the bytes written."""
        raise NotImplementedError

    def discard(self) -> None:
        """The download failed: leave the destination as it was (as far as possible)."""
        raise NotImplementedError


class PathSink(Sink):
    """A path, written through a temporary file beside it and renamed on success."""

    def __init__(self, dest: Path) -> None:
        if dest.is_dir():
            raise IsADirectoryError(errno.EISDIR, "the destination is a directory", str(dest))
        self.dest = dest
        self.temp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        self._file = os.fdopen(os.open(self.temp, _FLAGS, 0o666), "wb")
        self.written = 0

    def write(self, chunk: bytes) -> None:
        """Append ``chunk`` to the temporary file."""
        self.written += self._file.write(chunk)

    def rewind(self) -> bool:
        """Empty the temporary file."""
        self._file.seek(0)
        self._file.truncate()
        self.written = 0
        return True

    def commit(self) -> int:
        """Flush the temporary file to disk and rename it over the destination."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.temp, self.dest)
        return self.written

    def discard(self) -> None:
        """Remove the temporary file; the destination is untouched."""
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)


class FileSink(Sink):
    """The caller's binary file, written in place from its current position."""

    def __init__(self, dest: IO[bytes]) -> None:
        self.dest = dest
        self.written = 0
        self._start: int | None = None
        try:
            if dest.seekable():
                start = dest.tell()
                if dest.seek(0, io.SEEK_END) == start:  # nothing after: safe to cut back
                    self._start = start
                dest.seek(start)
        except (OSError, ValueError):
            self._start = None

    def write(self, chunk: bytes) -> None:
        """Write ``chunk`` to the file."""
        self.written += self.dest.write(chunk) or 0

    def rewind(self) -> bool:
        """Cut the file back to where it was, when that is safe."""
        if self.written == 0:
            return True
        if self._start is None:
            return False
        try:
            self.dest.seek(self._start)
            self.dest.truncate()
        except (OSError, ValueError):
            return False
        self.written = 0
        return True

    def commit(self) -> int:
        """Flush the file (it stays open: it is the caller's)."""
        with contextlib.suppress(OSError, ValueError):
            self.dest.flush()
        return self.written

    def discard(self) -> None:
        """Cut the file back to where it was, when that is safe."""
        self.rewind()


def sink_for(dest: str | os.PathLike[str] | IO[bytes]) -> Sink:
    """The sink of ``dest``: a :class:`PathSink` for a path, a :class:`FileSink` for a file."""
    if isinstance(dest, str | os.PathLike):
        return PathSink(Path(dest))
    return FileSink(dest)
