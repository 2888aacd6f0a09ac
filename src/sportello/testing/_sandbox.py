"""A running sandbox as a test sees it: :class:`Sandbox`, its clients and its controls.

The controls play the other side of the portal (the operator, the mail server, the network):
each is one call to ``/_sandbox/*`` through :meth:`Sandbox.control`, which raises
:class:`~sportello.testing.SandboxControlError` with the server's violations when refused.
A new control is a method of a few lines over :meth:`Sandbox.control`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import httpx

from sportello.testing._clock import Clock, as_moment
from sportello.testing._errors import SandboxControlError
from sportello.testing._seed import Seed, apply_seed

if TYPE_CHECKING:
    from sportello.client import AsyncClient, Client
    from sportello.sandbox import SandboxServer, Settings

__all__ = ["FaultKind", "Sandbox"]

#: What :meth:`Sandbox.fault` can do besides answering a status.
FaultKind = Literal["latency", "drop", "reset"]
_UNSET: Any = object()


class Sandbox:
    """A running sandbox: its URL, clients on it, and the controls tests drive it with.

    The fixtures yield one (``sportello_sandbox``, ``sportello_sandbox_factory(...)``,
    ``sportello_session_sandbox``); ``Sandbox(url)`` drives any sandbox served elsewhere
    (``sportello sandbox``), where :meth:`reset` works over HTTP.

    Attributes:
        url: the base URL (``http://127.0.0.1:<port>``).
        clock: the sandbox clock (:class:`~sportello.testing.Clock`).
    """

    def __init__(self, url: str, *, server: SandboxServer | None = None) -> None:
        self.url = url
        self._server = server
        self._http = httpx.Client(base_url=url, timeout=10.0)
        self.clock = Clock(self)

    def __repr__(self) -> str:
        return f"Sandbox(url={self.url!r})"

    @property
    def db_path(self) -> Path | None:
        """The SQLite file (``None`` for a sandbox served elsewhere)."""
        return self._server.db_path if self._server is not None else None

    @property
    def data_dir(self) -> Path | None:
        """Where attachments are kept (``None`` for a sandbox served elsewhere)."""
        return self._server.sandbox.data_dir if self._server is not None else None

    def close(self) -> None:
        """Close the controls' connection."""
        self._http.close()

    # -- clients ---------------------------------------------------------------------------

    def client(self, **options: Any) -> Client:
        """A :class:`~sportello.client.Client` on this sandbox (``options`` as the client's)."""
        from sportello.client import Client

        return Client(base_url=self.url, **options)

    def async_client(self, **options: Any) -> AsyncClient:
        """An :class:`~sportello.client.AsyncClient` on this sandbox."""
        from sportello.client import AsyncClient

        return AsyncClient(base_url=self.url, **options)

    def registered_client(
        self, username: str = "mario.rossi", *, password: str | None = None, **options: Any
    ) -> Client:
        """A client of a consumer just registered (the example form), activated with the
        e-mailed code and logged in.

        The caller closes it (``with sandbox.registered_client() as client: ...``).
        """
        from sportello.testing._forms import ESEMPIO_PASSWORD, esempio

        secret = password or ESEMPIO_PASSWORD
        client = self.client(**options)
        client.auth.register(esempio("RegistrazioneSportello", username=username, password=secret))
        client.auth.activate(self.activation_code(username))
        client.auth.login(username, secret)
        return client

    def mail_to(self, a: str, oggetto: str | None = None) -> dict[str, Any]:
        """The latest e-mail the sandbox "sent" to ``a``, with the subject ``oggetto`` if given.

        Safer than the outbox's last item, which may be anyone's e-mail about anything.

        Raises:
            LookupError: no such e-mail (the message lists the subjects sent to ``a``).
        """
        items = [m for m in self.outbox(a) if m["a"] == a]
        found = [m for m in items if oggetto in (None, m["oggetto"])]
        if not found:
            subjects = [m["oggetto"] for m in items]
            raise LookupError(f"no e-mail to {a} about {oggetto!r}; sent to {a}: {subjects}")
        return found[-1]

    def activation_code(self, username: str) -> str:
        """The activation code of the newest registration e-mail for ``username`` (AU-1).

        Raises:
            LookupError: no activation e-mail for ``username`` is in the outbox.
        """
        from sportello.rules.username import fold

        codes: list[str] = [
            m["dati"]["codice"]
            for m in self.outbox()
            if "codice" in m["dati"] and m["dati"].get("username") == fold(username)
        ]
        if not codes:
            raise LookupError(f"no activation e-mail for {username!r} in the outbox")
        return codes[-1]

    # -- the generic control ---------------------------------------------------------------

    def control(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
    ) -> Any:
        """Call a sandbox control; its JSON answer (``None`` for 204).

        A POST carries a fresh ``Idempotency-Key``.

        Raises:
            SandboxControlError: the control answered 4xx/5xx (its violations inside).
        """
        headers = {"Idempotency-Key": str(uuid.uuid4())} if method == "POST" else {}
        response = self._http.request(method, path, json=json, params=params, headers=headers)
        if response.status_code >= 400:
            raise _error(method, path, response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    # -- state -----------------------------------------------------------------------------

    def reset(
        self,
        *,
        seed: Seed | Literal["empty", "demo"] = "empty",
        settings: Settings | None = None,
        clock: dt.datetime | dt.date | None = None,
    ) -> Sandbox:
        """Back to a fresh state in about a millisecond; returns ``self``.

        The store (to ``seed``, from a snapshot after the first time), the files, the fault
        queue, the clock (real time, or frozen at ``clock``) and the settings (default
        ``Settings.for_tests()``) are all as a new sandbox's. Call it at the start of a
        Hypothesis example with ``sportello_session_sandbox``.

        A sandbox served elsewhere resets over HTTP: ``seed`` ``"empty"`` or ``"demo"`` only,
        and no ``settings``.
        """
        if isinstance(seed, str):
            seed = Seed(demo=seed == "demo")
        moment = as_moment(clock) if clock is not None else None
        if self._server is None:
            if settings is not None or seed.accounts or seed.clienti:
                raise ValueError("a sandbox served elsewhere resets to 'empty' or 'demo' only")
            body: dict[str, Any] = {"seed": "demo" if seed.demo else "empty"}
            if moment is not None:
                body["freeze"] = moment.isoformat()
            self.control("POST", "/_sandbox/reset", json=body)
            return self
        from sportello.sandbox import Settings

        core = self._server.sandbox
        chosen = settings if settings is not None else _default_settings(Settings)
        key = _snapshot_key(seed, chosen, moment)
        picked = seed
        core.reset(
            settings=chosen,
            moment=moment,
            seed=None if _empty(seed) else lambda sb: apply_seed(picked, sb),
            key=key,
        )
        return self

    # -- controls --------------------------------------------------------------------------

    def faults(self, *queue: str | Mapping[str, Any]) -> None:
        """Replace the fault queue: strings (``"503"``, ``"drop"``, ``"reset"``,
        ``"delay:1.5"``) or fault objects (see ``docs/testing.md``); nothing clears it.
        """
        self.control("POST", "/_sandbox/faults", json={"queue": [_plain(f) for f in queue]})

    def fault(
        self,
        kind: int | FaultKind,
        /,
        *,
        retry_after: int | None = _UNSET,
        latency: float = 0.0,
        path: str = "*",
        method: str = "*",
        count: int = 1,
        after_commit: bool = False,
    ) -> None:
        """Add one fault at the end of the queue.

        ``kind`` is a status (``503``: answered at once, nothing runs), ``"latency"`` (wait
        ``latency`` seconds, then run), ``"drop"`` (run and commit, then lose the answer) or
        ``"reset"`` (a TCP RST; ``after_commit=True`` runs the request first). ``path`` is a
        glob over the request path, ``method`` one method, ``count`` how many requests it
        hits, ``retry_after`` the seconds of ``Retry-After`` (0 allowed; ``None``: no header;
        default 1 on 429 and 503).
        """
        item: dict[str, Any] = {"path": path, "method": method, "count": count}
        if isinstance(kind, int):
            item.update(kind="status", status=kind)
            if retry_after is not _UNSET:
                item["retry_after"] = retry_after
        else:
            item["kind"] = kind
            if after_commit:
                item["after_commit"] = True
        if latency or kind == "latency":
            item["latency"] = latency
        self.control("POST", "/_sandbox/faults", json={"queue": [*self.pending_faults(), item]})

    def pending_faults(self) -> list[dict[str, Any]]:
        """The faults still queued, each with the requests it has yet to hit."""
        queue: list[dict[str, Any]] = self.control("GET", "/_sandbox/faults")["queue"]
        return queue

    def outbox(self, a: str | None = None) -> list[dict[str, Any]]:
        """The e-mails the sandbox "sent", oldest first (``a``: only those to that address)."""
        params = {"a": a} if a is not None else None
        items: list[dict[str, Any]] = self.control("GET", "/_sandbox/outbox", params=params)[
            "items"
        ]
        return items

    def acquire_readings(self) -> int:
        """Run the readings' acquisition pass now (RD-5); returns how many were acquired."""
        return int(self.control("POST", "/_sandbox/acquire-readings")["acquisite"])

    def seed_account(self, **fields: Any) -> dict[str, Any]:
        """Create a consumer account directly (``registrata_il`` before 2017-10-06: AU-3)."""
        body = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}
        account: dict[str, Any] = self.control("POST", "/_sandbox/accounts", json=body)
        return account

    def evento(self, numero: str, evento: str, **fields: Any) -> dict[str, Any]:
        """The operator adds a document (``nuovo_documento``, ``richiesta_integrazione``) or
        schedules the meeting (``incontro_programmato``, ``quando``) on a case, optionally
        moving it to ``stato`` (SH-4); returns the notification (NT-2).
        """
        body = {"evento": evento, **fields}
        if isinstance(body.get("quando"), dt.datetime):
            body["quando"] = body["quando"].isoformat()
        notifica: dict[str, Any] = self.control(
            "POST", f"/_sandbox/pratiche/{numero}/eventi", json=body
        )
        return notifica

    def operatore(self, numero: str, azione: str, **fields: Any) -> dict[str, Any]:
        """The Servizio's operator acts on a conciliation; returns the case (``Pratica``).

        ``azione`` is one of ``richiesta-integrazione`` (``documenti``), ``ammissione``,
        ``inammissibilita`` (``motivi``, CP-2), ``convocazione`` (``data`` and ``fascia``, or
        the first slot the customer declared; ``stanza``, ``modalita``: CP-5, CP-6), ``rinvio``
        (CP-7), ``proroga`` (``giorni``, CP-9), ``esito`` (``esito``: CP-10) and
        ``mancata-comparizione``; a refusal raises :class:`SandboxControlError` with the
        rules' violations.
        """
        body = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}
        pratica: dict[str, Any] = self.control(
            "POST", f"/_sandbox/pratiche/{numero}/conciliazione/{azione}", json=body
        )
        return pratica


_DEFAULTS: dict[str, Any] = {}


def _default_settings(settings_cls: Any) -> Settings:
    """One ``Settings.for_tests()`` per process (its hasher equal every time: no re-hash)."""
    if "settings" not in _DEFAULTS:
        _DEFAULTS["settings"] = settings_cls.for_tests()
    found: Settings = _DEFAULTS["settings"]
    return found


def _empty(seed: Seed) -> bool:
    return not (seed.demo or seed.accounts or seed.clienti)


def _snapshot_key(seed: Seed, settings: Settings, moment: dt.datetime | None) -> Any:
    """The snapshot a seeded state is kept under, or ``None`` to seed every time.

    Seeds read the clock's date (the demo's invoices, accounts' ``registrata_il``) and hash
    passwords with the settings' hasher: both are in the key.
    """
    if _empty(seed):
        return None
    try:
        hash(settings.hasher)
    except TypeError:
        return None
    day = (moment or settings.clock()).date()
    return ("sportello.testing", seed, day, settings.hasher)


def _plain(item: str | Mapping[str, Any]) -> str | dict[str, Any]:
    return item if isinstance(item, str) else dict(item)


def _error(method: str, path: str, response: httpx.Response) -> SandboxControlError:
    from sportello.client._errors import violations_from_problem

    try:
        problem = response.json()
    except ValueError:
        problem = {}
    violations, _ = violations_from_problem(problem if isinstance(problem, dict) else {})
    return SandboxControlError(
        method,
        path,
        response.status_code,
        violations,
        request_id=response.headers.get("x-request-id", ""),
    )
