"""Run a sandbox in a background thread on a free loopback port: :class:`SandboxServer`.

>>> import tempfile, pathlib, httpx
>>> from sportello.sandbox import SandboxServer, Settings
>>> with tempfile.TemporaryDirectory() as d:
...     db = pathlib.Path(d) / "s.sqlite3"
...     with SandboxServer(db_path=db, settings=Settings.for_tests()) as server:
...         httpx.get(f"{server.url}/openapi.json").json()["openapi"]
'3.1.0'
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from sportello._violations import SportelloError
from sportello.sandbox._settings import Settings

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from sportello.sandbox._core import Sandbox

__all__ = ["SandboxServer", "server_config", "with_host"]

_WILDCARDS = frozenset({"", "0.0.0.0", "::"})  # noqa: S104 - names of "every address", compared


def with_host(settings: Settings, host: str) -> Settings:
    """``settings`` whose allowed hosts include the address bound (unless it is a wildcard).

    >>> with_host(Settings(), "192.168.1.20").allowed_hosts
    ('192.168.1.20',)
    >>> with_host(Settings(), "::").allowed_hosts
    ()
    """
    if host in _WILDCARDS or host in settings.allowed_hosts:
        return settings
    return attrs.evolve(settings, allowed_hosts=(*settings.allowed_hosts, host))


def server_config(
    app: Any, settings: Settings, *, host: str, port: int, log_level: str = "warning"
) -> Any:
    """The ``uvicorn.Config`` the sandbox serves with: its own h11 protocol with read timeouts.

    The header deadline and the bound on an unread body come from ``settings``
    (:mod:`sportello.sandbox._protocol`); idle keep-alive connections close after 5 s. The
    protocol also records each connection for the ``reset`` fault
    (:func:`~sportello.sandbox._faults.tracking_protocol`).
    """
    import uvicorn

    from sportello.sandbox._faults import tracking_protocol
    from sportello.sandbox._protocol import guarded_protocol

    guarded = guarded_protocol(
        header_timeout=settings.header_timeout, body_timeout=settings.body_timeout
    )
    protocol = tracking_protocol(app.state.sandbox.faults, guarded)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        log_level=log_level,
        lifespan="off",
        access_log=False,
        timeout_keep_alive=5,
    )


class SandboxServer:
    """A sandbox served by uvicorn in a daemon thread; ``url`` is its base URL.

    Use it as a context manager (or call :meth:`start` and :meth:`stop`)::

        with SandboxServer(db_path=tmp_path / "s.sqlite3", seed_demo=True) as server:
            client = sportello.client.Client(base_url=server.url)

    Args:
        db_path: the SQLite file (created if missing).
        data_dir: where attachments go (default beside ``db_path``).
        settings: the sandbox's settings.
        host: the loopback address to bind.
        port: the port; ``0`` picks a free one.
        seed_demo: add the demo data (:func:`sportello.sandbox.seed_demo`) before serving.
        startup_timeout: seconds to wait for the server to accept connections.
        durable: ``False`` commits without fsync (a test suite's sandbox: it survives the
            process being killed, not a power loss; see :mod:`sportello.sandbox._store`).
    """

    def __init__(
        self,
        *,
        db_path: str | Path,
        data_dir: str | Path | None = None,
        settings: Settings | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_demo: bool = False,
        startup_timeout: float = 10.0,
        durable: bool = True,
    ) -> None:
        self.db_path = Path(db_path)
        self.data_dir = data_dir
        self.settings = settings
        self.host = host
        self.port = port
        self.seed_demo = seed_demo
        self.startup_timeout = startup_timeout
        self.durable = durable
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._app: Starlette | None = None

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:<port>`` (valid once started)."""
        return f"http://{self.host}:{self.port}"

    @property
    def app(self) -> Starlette:
        """The running application."""
        if self._app is None:
            raise SportelloError("the sandbox server is not running")
        return self._app

    @property
    def sandbox(self) -> Sandbox:
        """The running sandbox's state (store, settings, fault queue)."""
        found: Sandbox = self.app.state.sandbox
        return found

    def start(self) -> SandboxServer:
        """Create the app, bind the port and serve in a background thread."""
        import uvicorn

        from sportello.sandbox._app import create_app
        from sportello.sandbox._seed import seed_demo

        settings = with_host(self.settings or Settings(), self.host)
        self._app = create_app(
            db_path=self.db_path, data_dir=self.data_dir, settings=settings, durable=self.durable
        )
        if self.seed_demo:
            seed_demo(self._app.state.sandbox)
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only for a
        # socket created with it, and without it every small answer waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = server_config(self._app, settings, host=self.host, port=self.port)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name=f"sportello-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise SportelloError("the sandbox server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving, wait for the thread, close the store."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._app is not None:
            self._app.state.sandbox.close()
        self._server = self._thread = self._app = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
