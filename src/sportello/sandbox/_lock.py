"""One sandbox per database and per data directory: an exclusive lock taken before anything else.

At startup a sandbox empties ``<data-dir>/tmp/`` and deletes unlisted files in
``<data-dir>/allegati/`` (what a killed process left). A second sandbox started on the same
database or the same data directory would delete the first one's uploads in flight, so each
sandbox first takes an exclusive, non-blocking lock on ``<db>.lock`` and on
``<data-dir>/.lock``; a second one gets :class:`DataInUseError` and touches nothing.

The locks are ``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows (one byte, the same
meaning); the operating system releases them when the process ends, even by ``kill -9``, so a
crash never leaves a stale lock. Locks are advisory: only sandboxes honour them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from sportello._messages import DEFAULT_LANG, Lang
from sportello._violations import SportelloError, Violation

__all__ = ["DataInUseError", "DataLock"]


class DataInUseError(SportelloError):
    """Another sandbox holds the database or the data directory (``api.sandbox_in_use``).

    ``str()`` is the Italian message; :meth:`message` gives either language.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.violation = Violation.of("api.sandbox_in_use", percorso=str(path))
        super().__init__(self.message())

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The message in ``lang``."""
        return self.violation.message(lang)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class DataLock:
    """Exclusive locks on some files, all taken or none (:meth:`acquire`), then released.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = DataLock([pathlib.Path(d) / "s.sqlite3.lock"])
    ...     first.acquire()
    ...     try:
    ...         DataLock([pathlib.Path(d) / "s.sqlite3.lock"]).acquire()
    ...     except DataInUseError as err:
    ...         print(err.violation.code)
    ...     first.release()
    api.sandbox_in_use
    """

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self._fds: list[int] = []

    def acquire(self) -> None:
        """Take every lock, or none.

        Raises:
            DataInUseError: another process (or another sandbox of this one) holds one.
        """
        try:
            for path in self.paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
                self._fds.append(fd)
                if not _try_lock(fd):
                    raise DataInUseError(path)  # noqa: TRY301 - released below
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Release every lock taken (closing the file releases it)."""
        while self._fds:
            with contextlib.suppress(OSError):
                os.close(self._fds.pop())
