"""Put a running sandbox back to a known state in about a millisecond: :func:`reset`.

A test suite keeps one server per session (per xdist worker) and resets it before each test
instead of starting a new one. A reset is generic over the schema and over the sandbox's
in-memory state, so a table or a cache added later needs nothing here:

* the **store**: restored page by page from an in-memory snapshot (SQLite's backup API). The
  empty snapshot is taken the first time: every table of ``sqlite_master`` emptied, the
  ``AUTOINCREMENT`` counters too, in one transaction. A seeded state (the demo data, a test
  suite's own) is built once on the empty one and snapshotted under a ``key``: later resets
  to the same key copy the pages back, without seeding again;
* the **files**: every attachment and partial upload under the data directory is deleted
  (no snapshot holds files: seeds write rows only);
* the **fault queue** is cleared, the **clock** set back to the settings' time source
  (``moment`` freezes it there), the **settings** replaced when given;
* every callable in :attr:`Sandbox.on_reset <sportello.sandbox._core.Sandbox.on_reset>` runs:
  state kept outside the store (throttling windows, caches) registers there.

Idempotency keys, tokens, login failures and lockouts live in the store, so they go with it.

``POST /_sandbox/reset`` does the same over HTTP (``{"seed": "demo"}`` for the demo data), for
suites written in other languages.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import attrs

from sportello.sandbox._clock import SandboxClock

if TYPE_CHECKING:
    from sportello.sandbox._core import Sandbox
    from sportello.sandbox._settings import Settings

__all__ = ["EMPTY", "reset"]

#: The snapshot key of the empty store.
EMPTY = ("sportello.sandbox", "empty")


def _empty_snapshot(sb: Sandbox) -> sqlite3.Connection:
    found = sb.snapshots.get(EMPTY)
    if found is None:
        with sb.store.transaction() as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in tables:
                db.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from sqlite_master
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                db.execute("DELETE FROM sqlite_sequence")
        found = sb.snapshots[EMPTY] = sb.store.snapshot()
    return found


def _clear_files(sb: Sandbox) -> None:
    for folder in (sb.files_dir, sb.tmp_dir):
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink(missing_ok=True)


def reset(
    sb: Sandbox,
    *,
    settings: Settings | None = None,
    moment: dt.datetime | None = None,
    seed: Callable[[Sandbox], object] | None = None,
    key: Hashable | None = None,
) -> None:
    """Make ``sb`` as a new sandbox would be, in about a millisecond.

    Args:
        sb: the running sandbox (no request in flight: call it between tests).
        settings: new settings (default: keep the current ones); the clock follows their
            ``clock`` from now on.
        moment: freeze the clock there (timezone-aware); default: the settings' time, running.
        seed: what to write on the empty store (``seed(sb)``); runs once per ``key``.
        key: the snapshot of the seeded state (``None`` with a seed: seed every time).

    >>> import tempfile, pathlib
    >>> from sportello.sandbox._core import Sandbox
    >>> from sportello.sandbox._settings import Settings
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sb = Sandbox(db_path=pathlib.Path(d) / "s.sqlite3", data_dir=pathlib.Path(d) / "f",
    ...                  settings=Settings.for_tests(), durable=False)
    ...     with sb.store.transaction() as db:
    ...         _ = db.execute("INSERT INTO meta VALUES ('a', '1')")
    ...     sb.faults.replace(["503"])
    ...     reset(sb, moment=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    ...     with sb.store.read() as db:
    ...         rows = db.execute("SELECT count(*) FROM meta WHERE key = 'a'").fetchone()[0]
    ...     sb.close()
    >>> rows, sb.faults.pending(), sb.clock().isoformat()
    (0, [], '2026-03-02T09:00:00+00:00')
    """
    sb.faults.clear()
    if settings is not None:
        if settings.hasher != sb.settings.hasher:
            sb._dummy = None  # the timing-safe dummy hash follows the hasher
        source = settings.clock
        if isinstance(source, SandboxClock):  # a running sandbox's settings given back
            source = source._source
        sb.clock = SandboxClock(source)
        sb.settings = attrs.evolve(settings, clock=sb.clock)
    else:
        sb.clock.reset()
    if moment is not None:
        sb.clock.freeze(moment)
    snapshot = sb.snapshots.get(key) if key is not None else None
    if snapshot is None:
        sb.store.restore(_empty_snapshot(sb))
        if seed is not None:
            seed(sb)
            if key is not None:
                sb.snapshots[key] = sb.store.snapshot()
    else:
        sb.store.restore(snapshot)
    _clear_files(sb)
    for hook in sb.on_reset:
        hook()
