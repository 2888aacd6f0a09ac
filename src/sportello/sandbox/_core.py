"""The state of one sandbox (store, settings, files, faults) and the helpers every route uses.

Routes get the :class:`Sandbox` and call :meth:`Sandbox.principal` to authenticate,
:meth:`Sandbox.read` for queries and :meth:`Sandbox.mutate` for every change (the
``Idempotency-Key`` and the effect share one transaction). Blocking work runs in the
threadpool; password hashing through :attr:`Sandbox.hasher`, the gate that bounds it
(:mod:`sportello.sandbox._hashing`); e-mail that depends on whether an account exists through
:attr:`Sandbox.mailer` (:mod:`sportello.sandbox._mailer`), after the answer.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import attrs
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from sportello._violations import Violation
from sportello.sandbox import _auth as auth
from sportello.sandbox import _idempotency as idem
from sportello.sandbox import _throttle as throttle
from sportello.sandbox._auth import Principal, lookup_token, now_iso
from sportello.sandbox._cleanup import clean_tmp, clean_unlisted
from sportello.sandbox._clock import SandboxClock
from sportello.sandbox._daily import NewDay
from sportello.sandbox._faults import FaultQueue
from sportello.sandbox._hashing import HashGate
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._lock import DataLock
from sportello.sandbox._mailer import Mailer
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._replies import to_response
from sportello.sandbox._settings import Settings
from sportello.sandbox._store import Store

__all__ = ["Sandbox", "Sweep"]

T = TypeVar("T")

#: A sweep: what the passing of time does to the store (run in a write transaction with the
#: current time); returns how many records it changed.
Sweep = Callable[[sqlite3.Connection, dt.datetime], int]


#: Seconds of the clock between two sweeps of what has expired (at most one sweep a minute).
SWEEP_EVERY = 60.0


class Sandbox:
    """One sandbox: its store, settings, clock, data directory, fault queue, hash gate, mailer.

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
        """Lock the database and the data directory, open the store, sweep what a crash left.

        ``durable=False`` commits without fsync (the test kit's sandboxes).

        Raises:
            DataInUseError: another sandbox uses the database or the data directory; nothing
                was opened, created or deleted (see :mod:`sportello.sandbox._lock`).
        """
        db = Path(db_path)
        self.clock = SandboxClock(settings.clock)
        self.settings = attrs.evolve(settings, clock=self.clock)
        self.sweeps: list[Sweep] = []
        #: The day of the last sweep: the first request of a new day sweeps (see ``_daily``).
        self.new_day = NewDay()
        #: What :meth:`reset` calls after the store is restored: state kept outside the store
        #: (caches, counters) registers here to be cleared with it.
        self.on_reset: list[Callable[[], None]] = []
        self.snapshots: dict[Hashable, sqlite3.Connection] = {}
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / "allegati"
        self.tmp_dir = self.data_dir / "tmp"
        self.lock = DataLock([db.with_name(db.name + ".lock"), self.data_dir / ".lock"])
        self.lock.acquire()
        try:
            self.store = Store(db, durable=durable)
            self.files_dir.mkdir(parents=True, exist_ok=True)
            self.tmp_dir.mkdir(parents=True, exist_ok=True)
            clean_tmp(self.tmp_dir)
            clean_unlisted(self.store, self.files_dir)
        except BaseException:
            self.lock.release()
            raise
        self.faults = FaultQueue()
        self.mailer = Mailer(self.store)
        self._dummy: str | None = None
        self._secrets: dict[str, bytes] = {}
        self.sweeps.append(lambda db, _now: self.sweep_expired(db))
        self.on_reset.append(self._start)
        self.on_reset.append(self.new_day.forget)
        self._start()

    def _start(self) -> None:
        """The state kept beside the store, made from the settings and the store (again after
        a :meth:`reset`): the hash gate, the keys, the next expiry sweep."""
        self.hasher = HashGate(self.settings.hasher, self.settings.hash_concurrency)
        self._secrets.clear()
        with self.store.transaction() as conn:
            self._fingerprint_key = self.settings.secret_key or idem.secret_key(conn)
            self.sweep_expired(conn)
        self._next_sweep = self.clock().timestamp() + SWEEP_EVERY

    async def secret(self, name: str) -> bytes:
        """The sandbox's random secret ``name`` (32 bytes), made on first use, kept in ``meta``.

        Kept in the database, so what it signs (the list cursors) survives a restart.
        """
        found = self._secrets.get(name)
        if found is None:

            def work(db: sqlite3.Connection) -> bytes:
                key = f"secret:{name}"
                row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                if row is None:
                    value = secrets.token_hex(32)
                    db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
                    return bytes.fromhex(value)
                return bytes.fromhex(row["value"])

            found = self._secrets[name] = await self.write(work)
        return found

    def __repr__(self) -> str:
        return f"Sandbox(db={str(self.store.path)!r})"

    def dummy_hash(self) -> str:
        """A hash of a random password, verified when a login names no account.

        Verifying it costs what a real check costs, so the time of a failed login does not
        tell whether the account exists. Made on first use (blocking: call from a thread).
        """
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    async def hash_password(self, password: str) -> str:
        """A new hash of ``password`` through the gate, in a worker thread."""
        return await self.hasher.run(self.hasher.hash, password)

    async def hashing(self, fn: Callable[..., T], *args: object) -> T:
        """Run hashing work ``fn(*args)`` (a PW-4 history check, ...) through the gate."""
        return await self.hasher.run(fn, *args)

    async def check_password(
        self,
        *,
        realm: str,
        login: str,
        password: str,
        find: Callable[[sqlite3.Connection], sqlite3.Row | None],
    ) -> sqlite3.Row | None:
        """The one password check of the sandbox (logins, password and e-mail changes).

        AU-4, UP-3: the attempt is counted against ``login`` *before* the password is verified
        (:func:`~sportello.sandbox._throttle.reserve_attempt`, 429 while locked), in the
        transaction that runs ``find`` (the row with ``password_hash``, or ``None``); the
        verification goes through the hash gate, against a dummy hash when there is no row;
        a verified password clears the count. The row when verified, else ``None``.
        """

        def reserve(db: sqlite3.Connection) -> sqlite3.Row | None:
            throttle.reserve_attempt(db, self.settings, realm, login)
            return find(db)

        row = await self.write(reserve)

        def verify() -> bool:
            stored = row["password_hash"] if row is not None else None
            return self.hasher.verify(password, stored or self.dummy_hash()) and bool(stored)

        if not await self.hasher.run(verify):
            return None
        await self.write(lambda db: throttle.clear_failures(db, realm, login))
        return row

    def sweep_expired(self, db: sqlite3.Connection) -> int:
        """Delete what has expired: answers, tokens, codes, pending registrations, windows.

        Runs at start, at most once a minute on writes (``SWEEP_EVERY``), and as one of the
        :attr:`sweeps` whenever a test moves the clock.
        """
        now = self.settings.clock().timestamp()
        return (
            idem.sweep(db, now=now)
            + auth.sweep(db, self.settings)
            + throttle.sweep(db, self.settings)
        )

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
            changed = sum(sweep(db, now) for sweep in self.sweeps)
        self.new_day.seen(self.today())
        return changed

    def _owed(self) -> None:
        """Run the sweeps first if this is the first request of a new day (see ``_daily``)."""
        self.new_day.run(self.today(), self.sweep)

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a query function on the store, in the threadpool."""

        def work() -> T:
            self._owed()
            with self.store.read() as db:
                return fn(db)

        return await run_in_threadpool(work)

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one write transaction, in the threadpool (no idempotency)."""

        def work() -> T:
            self._owed()
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

    def idempotency_of(self, request: Request, raw: bytes = b"") -> tuple[str | None, str]:
        """The request's ``Idempotency-Key`` (``None`` if absent; 400 if malformed) and its
        fingerprint (HMAC under the server's key of method, path, query and ``raw`` body).
        """
        header = request.headers.get("idempotency-key")
        key = idem.valid_key(header) if header is not None else None
        fp = idem.fingerprint(
            self._fingerprint_key, request.method, request.url.path, request.url.query, raw
        )
        return key, fp

    async def replay(self, request: Request, scope: str, raw: bytes = b"") -> Response | None:
        """The stored answer of a repeated request, or ``None``: checked before slow work.

        A route that hashes or verifies a password before :meth:`mutate` asks first, so that
        the repeat of a change that succeeded (the current password has changed since) gets
        the stored answer instead of being verified again.
        """
        key, fp = self.idempotency_of(request, raw)
        if key is None:
            return None
        now = self.settings.clock().timestamp()
        stored = await self.read(lambda db: idem.lookup(db, scope, key, fp, now=now))
        if stored is None or stored.secret:
            return None
        return to_response(stored, replayed=True)

    async def mutate(
        self,
        request: Request,
        scope: str,
        effect: Callable[[sqlite3.Connection], Reply],
        raw: bytes = b"",
        *,
        deliver: bool = False,
    ) -> Response:
        """Run ``effect`` in one transaction with the request's ``Idempotency-Key``.

        A repeat (same scope, key and request) returns the stored answer and runs nothing;
        the repeat of an answer marked ``secret`` (a token) runs ``effect`` again. What has
        expired is swept here, at most once a minute. ``deliver``: the effect queued e-mail
        jobs, delivered after the answer is sent (``Settings.deliver_mail``).
        """
        key, fp = self.idempotency_of(request, raw)

        def work() -> tuple[Reply, bool]:
            self._owed()
            with self.store.transaction() as db:
                now = self.settings.clock().timestamp()
                if now >= self._next_sweep:
                    self.sweep_expired(db)
                    self._next_sweep = now + SWEEP_EVERY
                stored = idem.lookup(db, scope, key, fp, now=now) if key is not None else None
                if stored is not None and not stored.secret:
                    return stored, True
                answer = effect(db)
                if key is not None and stored is None:
                    expires = now + self.settings.idempotency_ttl.total_seconds()
                    idem.remember(db, scope, key, fp, answer, expires_at=expires)
                return answer, False

        answer, replayed = await run_in_threadpool(work)
        response = to_response(answer, replayed=replayed)
        if deliver and self.settings.deliver_mail:
            response.background = BackgroundTask(self.mailer.deliver)
        return response

    def send_mail(
        self, db: sqlite3.Connection, a: str, oggetto: str, corpo: str, **dati: str
    ) -> None:
        """'Send' an e-mail: it lands in the outbox (``GET /_sandbox/outbox``)."""
        db.execute(
            "INSERT INTO outbox (a, oggetto, corpo, dati, inviata_il) VALUES (?, ?, ?, ?, ?)",
            (a, oggetto, corpo, json.dumps(dati, ensure_ascii=False), self.now()),
        )

    def close(self) -> None:
        """Close the store and release the lock."""
        try:
            self.store.close()
        finally:
            self.lock.release()
