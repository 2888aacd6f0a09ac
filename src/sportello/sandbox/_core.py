"""The state of one sandbox (store, settings, files, faults) and the helpers every route uses.

Routes get the :class:`Sandbox` and call :meth:`Sandbox.principal` to authenticate,
:meth:`Sandbox.read` for queries and :meth:`Sandbox.mutate` for every change (the
``Idempotency-Key`` and the effect share one transaction). Blocking work runs in the
threadpool.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from sportello._violations import Violation
from sportello.sandbox import _idempotency as idem
from sportello.sandbox._auth import Principal, lookup_token, now_iso
from sportello.sandbox._clock import SandboxClock
from sportello.sandbox._faults import FaultQueue
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._settings import Settings
from sportello.sandbox._store import Store

__all__ = ["Sandbox", "Sweep", "reply"]

T = TypeVar("T")

#: A sweep: what the passing of time does to the store (run in a write transaction with the
#: current time); returns how many records it changed.
Sweep = Callable[[sqlite3.Connection, dt.datetime], int]


def reply(payload: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    """A stored-able answer: ``payload`` as JSON (``None``: no body)."""
    body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, dict(headers or {}))


def to_response(answer: Reply, *, replayed: bool = False) -> Response:
    """The HTTP answer of a :class:`Reply`."""
    headers = dict(answer.headers)
    if replayed:
        headers["Idempotency-Replayed"] = "true"
    if not answer.body:
        return Response(status_code=answer.status, headers=headers)
    return Response(
        answer.body, status_code=answer.status, headers=headers, media_type="application/json"
    )


class Sandbox:
    """One sandbox: its store, its settings, its clock, its data directory and its fault queue.

    ``settings.clock`` is wrapped in a :class:`~sportello.sandbox._clock.SandboxClock`
    (``self.clock``), and ``self.settings`` carries that clock, so everything that reads the
    time through the settings follows it when a test freezes or advances it.
    """

    def __init__(
        self,
        *,
        db_path: str | Path,
        data_dir: str | Path,
        settings: Settings,
        durable: bool = True,
    ) -> None:
        self.clock = SandboxClock(settings.clock)
        self.settings = attrs.evolve(settings, clock=self.clock)
        self.sweeps: list[Sweep] = []
        #: What :meth:`reset` calls after the store is restored: state kept outside the store
        #: (caches, counters) registers here to be cleared with it.
        self.on_reset: list[Callable[[], None]] = []
        self.snapshots: dict[Hashable, sqlite3.Connection] = {}
        self.store = Store(db_path, durable=durable)
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / "allegati"
        self.tmp_dir = self.data_dir / "tmp"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self.clean_tmp()
        self.faults = FaultQueue()
        self._dummy: str | None = None

    def clean_tmp(self) -> int:
        """Delete what a killed process left in ``<data-dir>/tmp/``; the count removed.

        Only partial uploads live there (never listed, never committed), so at startup,
        before any request is served, every file in it is garbage.
        """
        removed = 0
        for leftover in self.tmp_dir.iterdir():
            if leftover.is_file() or leftover.is_symlink():
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed

    def dummy_hash(self) -> str:
        """A hash of a random password, verified when a login names no account.

        Verifying it costs what a real check costs, so the time of a failed login does not
        tell whether the account exists.
        """
        if self._dummy is None:
            self._dummy = self.settings.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def now(self) -> str:
        """The current time, ISO 8601 UTC."""
        return now_iso(self.settings)

    def today(self) -> dt.date:
        """The sandbox clock's date in Italy (Europe/Rome): the forms' "today"."""
        from zoneinfo import ZoneInfo

        return self.clock().astimezone(ZoneInfo("Europe/Rome")).date()

    def reset(
        self,
        *,
        settings: Settings | None = None,
        moment: dt.datetime | None = None,
        seed: Callable[[Sandbox], object] | None = None,
        key: Hashable | None = None,
    ) -> None:
        """Back to a known state at once: see :func:`sportello.sandbox._reset.reset`."""
        from sportello.sandbox._reset import reset

        reset(self, settings=settings, moment=moment, seed=seed, key=key)

    def sweep(self) -> int:
        """Run every registered sweep now, in one write transaction; how many records changed.

        Sweeps are what time alone does (a deadline passing); the clock controls run them
        right after moving the clock, so a test never waits for one.
        """
        if not self.sweeps:
            return 0
        with self.store.transaction() as db:
            now = self.clock()
            return sum(sweep(db, now) for sweep in self.sweeps)

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a query function on the store, in the threadpool."""

        def work() -> T:
            with self.store.read() as db:
                return fn(db)

        return await run_in_threadpool(work)

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one write transaction, in the threadpool (no idempotency)."""

        def work() -> T:
            with self.store.transaction() as db:
                return fn(db)

        return await run_in_threadpool(work)

    @staticmethod
    def bearer(request: Request) -> str | None:
        """The bearer token of the request, if any."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        return token if scheme.lower() == "bearer" and token else None

    async def principal(self, request: Request, realm: str, *, services: bool = False) -> Principal:
        """The caller, or a 401 problem; ``services=True`` also enforces AU-3.

        AU-3: an account registered before 06/10/2017 that has not yet reset its password and
        completed its registration data gets 403 ``auth.legacy_account_reset_required`` from
        every service (cases, attachments, documents), while login, ``/v1/auth/me``, the
        password reset and ``PUT /v1/auth/registrazione`` stay open to let it comply.
        """
        token = self.bearer(request)

        def work(db: sqlite3.Connection) -> Principal:
            found = lookup_token(db, self.settings, token, realm) if token else None
            if found is None:
                raise ProblemError(
                    401, [Violation.of("api.unauthorized")], headers={"WWW-Authenticate": "Bearer"}
                )
            if services and realm == "sportello":
                row = db.execute(
                    "SELECT reset_required, incomplete FROM accounts WHERE id = ?",
                    (found.subject,),
                ).fetchone()
                if row is not None and (row["reset_required"] or row["incomplete"]):
                    azioni = [
                        a
                        for a, flag in (
                            ("reimposta_password", row["reset_required"]),
                            ("completa_registrazione", row["incomplete"]),
                        )
                        if flag
                    ]
                    raise ProblemError(
                        403, [Violation.of("auth.legacy_account_reset_required", azioni=azioni)]
                    )
            return found

        return await self.read(work)

    async def mutate(
        self,
        request: Request,
        scope: str,
        effect: Callable[[sqlite3.Connection], Reply],
        raw: bytes = b"",
    ) -> Response:
        """Run ``effect`` in one transaction with the request's ``Idempotency-Key``.

        A repeat (same scope, key and request) returns the stored answer and runs nothing.
        """
        header = request.headers.get("idempotency-key")
        key = idem.valid_key(header) if header is not None else None
        fp = idem.fingerprint(request.method, request.url.path, request.url.query, raw)

        def work() -> tuple[Reply, bool]:
            with self.store.transaction() as db:
                if key is not None:
                    stored = idem.lookup(db, scope, key, fp)
                    if stored is not None:
                        return stored, True
                answer = effect(db)
                if key is not None:
                    idem.remember(db, scope, key, fp, answer, created_at=self.now())
                return answer, False

        answer, replayed = await run_in_threadpool(work)
        return to_response(answer, replayed=replayed)

    def send_mail(
        self, db: sqlite3.Connection, a: str, oggetto: str, corpo: str, **dati: str
    ) -> None:
        """'Send' an e-mail: it lands in the outbox (``GET /_sandbox/outbox``)."""
        db.execute(
            "INSERT INTO outbox (a, oggetto, corpo, dati, inviata_il) VALUES (?, ?, ?, ?, ?)",
            (a, oggetto, corpo, json.dumps(dati, ensure_ascii=False), self.now()),
        )

    def close(self) -> None:
        """Close the store."""
        self.store.close()
