"""The servers of one test session (one pool per xdist worker): :class:`SandboxPool`.

Starting a sandbox server costs about 100 ms; resetting one costs about a millisecond. The
pool starts a server the first time a test needs one and lends it out again after each test,
reset; a test that asks for two sandboxes at once gets two servers (the second started once
per session too). Every server is ``durable=False`` (no fsync) and lives in one session
directory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from sportello.testing._sandbox import Sandbox
from sportello.testing._seed import Seed

if TYPE_CHECKING:
    from sportello.sandbox import SandboxServer, Settings

__all__ = ["SandboxFactory", "SandboxPool"]


class SandboxFactory(Protocol):
    """The ``sportello_sandbox_factory`` fixture: a fresh sandbox for each call.

    Each call lends the test one more sandbox, reset to ``seed`` (``"empty"``, ``"demo"`` or a
    :class:`~sportello.testing.Seed`), with ``settings`` (default ``Settings.for_tests()``)
    and the clock frozen at ``clock`` (a date: noon in Italy; default: real time, running).
    """

    def __call__(
        self,
        *,
        seed: Seed | Literal["empty", "demo"] = "empty",
        settings: Settings | None = None,
        clock: dt.datetime | dt.date | None = None,
    ) -> Sandbox:
        """A sandbox reset as asked, lent until the end of the test."""
        ...


class SandboxPool:
    """Sandbox servers started on demand in ``directory`` and lent to one test at a time."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._idle: list[Sandbox] = []
        self._servers: list[tuple[SandboxServer, Sandbox]] = []

    def acquire(self) -> Sandbox:
        """An idle sandbox (a new server when none is idle); the caller resets it."""
        if self._idle:
            return self._idle.pop()
        from sportello.sandbox import SandboxServer, Settings

        n = len(self._servers)
        server = SandboxServer(
            db_path=self.directory / f"sandbox-{n}.sqlite3",
            settings=Settings.for_tests(),
            durable=False,
        ).start()
        sandbox = Sandbox(server.url, server=server)
        self._servers.append((server, sandbox))
        return sandbox

    def release(self, sandbox: Sandbox) -> None:
        """Give a sandbox back (its faults cleared: nothing hits the next test's setup)."""
        if sandbox._server is not None:
            sandbox._server.sandbox.faults.clear()
        self._idle.append(sandbox)

    def close(self) -> None:
        """Stop every server."""
        for server, sandbox in self._servers:
            sandbox.close()
            server.stop()
        self._servers.clear()
        self._idle.clear()
