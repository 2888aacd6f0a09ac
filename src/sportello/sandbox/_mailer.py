"""Work that depends on whether an account exists, moved off the request path: :class:`Mailer`.

A recovery or a registration must answer the same, in the same time, for an existing account
and an unknown one (AU-4: the answers reveal nothing). So the request only counts itself
(the request limits) and queues a job: one row in ``mail_jobs``, the same row for a known and
an unknown name. The mailer then looks the account up, issues the code, writes the e-mail to
the outbox and deletes the job, in one transaction, after the answer has been sent.

Delivery runs in a worker thread right after each answer that queued a job (when
``Settings.deliver_mail``) and before ``GET /_sandbox/outbox`` answers, so a test that reads
the outbox always finds its e-mail. The queue is a table: jobs a stopped or killed sandbox
left are delivered by the next delivery, none is lost.
A handler is two steps: ``prepare(payload)`` runs outside any transaction (it may hash a
password, through the hash gate) and returns ``apply(db)``, run in the transaction that
deletes the job, so a job is applied exactly once.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from sportello.sandbox._store import Store

__all__ = ["Apply", "Mailer", "Prepare"]

_log = logging.getLogger("sportello.sandbox")

#: The second step of a job: its effect, inside the transaction that deletes the job.
Apply = Callable[[sqlite3.Connection], None]
#: The first step of a job: from its payload, outside any transaction, to its effect.
Prepare = Callable[[dict[str, Any]], Apply]


class Mailer:
    """The job queue of one sandbox: :meth:`enqueue` in a request, :meth:`deliver` after it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._handlers: dict[str, Prepare] = {}
        self._lock = threading.Lock()

    def handler(self, kind: str, prepare: Prepare) -> None:
        """Register the handler of the jobs of ``kind`` (once per kind)."""
        self._handlers[kind] = prepare

    @staticmethod
    def enqueue(db: sqlite3.Connection, kind: str, **payload: Any) -> None:
        """Queue a job (inside the request's transaction: it exists only if the request did)."""
        db.execute(
            "INSERT INTO mail_jobs (kind, payload) VALUES (?, ?)",
            (kind, json.dumps(payload, ensure_ascii=False)),
        )

    def deliver(self) -> int:
        """Run every queued job, oldest first (blocking: call from a worker thread); the count.

        A job whose handler fails is logged (its kind only, never its payload) and dropped,
        so one bad job cannot stop the queue.
        """
        done = 0
        with self._lock:
            while True:
                with self._store.read() as db:
                    row = db.execute(
                        "SELECT id, kind, payload FROM mail_jobs ORDER BY id LIMIT 1"
                    ).fetchone()
                if row is None:
                    return done
                done += self._run(row["id"], row["kind"], json.loads(row["payload"]))

    def _run(self, job: int, kind: str, payload: dict[str, Any]) -> int:
        try:
            apply = self._handlers[kind](payload)
            with self._store.transaction() as db:
                db.execute("DELETE FROM mail_jobs WHERE id = ?", (job,))
                apply(db)
        except Exception:  # noqa: BLE001 - any bug in a handler: log it, drop the job, go on
            _log.exception("mail job %s of kind %r failed and was dropped", job, kind)
            with self._store.transaction() as db:
                db.execute("DELETE FROM mail_jobs WHERE id = ?", (job,))
            return 0
        return 1
