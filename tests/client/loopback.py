"""A tiny HTTP/1.1 server on a real loopback socket, for faults the sandbox cannot produce.

Each request is parsed (request line, headers, a ``Content-Length`` body), recorded in
:attr:`Loopback.received`, and answered by a function that returns the *script* of the answer:
``bytes`` are written as they come, a ``float`` is a pause in seconds. The connection closes
when the script ends (every answer says ``Connection: close``), so a script can trickle bytes,
stop mid-body or never finish. Pauses wake up at once when the server stops.

>>> with Loopback(lambda request: answer(200, b"ok")) as server:
...     import httpx
...     httpx.get(server.url + "/x").text, server.received[0].target
('ok', '/x')
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Self

import attrs

__all__ = ["Loopback", "Received", "Script", "answer", "each", "head", "trickle"]

#: What an answer is made of: bytes to write and pauses (seconds) between them.
Script = Iterable[bytes | float]


@attrs.frozen
class Received:
    """One request as the server read it (header names lower-cased)."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


def head(status: int, *, length: int | None = None, ctype: str = "application/json") -> bytes:
    """A status line and headers, ``Content-Length`` when ``length`` is given."""
    lines = [f"HTTP/1.1 {status} Status", f"Content-Type: {ctype}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer(
    status: int, body: bytes = b"", *, ctype: str = "application/json", **headers: str
) -> Script:
    """A whole answer at once; ``location="..."`` and the like become headers."""
    extra = "".join(f"{k.replace('_', '-').title()}: {v}\r\n" for k, v in headers.items())
    top = head(status, length=len(body), ctype=ctype)
    return [top[:-2] + extra.encode() + b"\r\n" + body]


def trickle(*, length: int, gap: float, ctype: str = "application/octet-stream") -> Script:
    """A 200 announcing ``length`` bytes, then one byte every ``gap`` seconds."""
    yield head(200, length=length, ctype=ctype)
    for _ in range(length):
        yield gap
        yield b"x"


class Loopback:
    """A threaded HTTP/1.1 server on ``127.0.0.1`` (a free port), answering with ``respond``.

    Use it as a context manager; :attr:`url` is its base URL, :attr:`received` the requests.
    """

    def __init__(self, respond: Callable[[Received], Script]) -> None:
        self._respond = respond
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.received: list[Received] = []
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Self:
        thread = threading.Thread(target=self._serve, name="loopback-accept", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(timeout=10)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                request = _read_request(conn)
                self.received.append(request)
                for part in self._respond(request):
                    if isinstance(part, float):
                        if self._stop.wait(part):
                            return
                    else:
                        conn.sendall(part)
            except OSError:
                return  # the client hung up: that is what most tests are about


def _read_request(conn: socket.socket) -> Received:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        data += chunk
    top, _, rest = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Received(method=method, target=target, headers=headers, body=rest[:length])


def each(*scripts: Script) -> Callable[[Received], Script]:
    """A responder giving the scripts in turn, one per request (the last one repeated)."""
    queue: Iterator[list[bytes | float]] = iter([list(s) for s in scripts])
    last: list[list[bytes | float]] = []

    def respond(_: Received) -> Script:
        last[:] = [next(queue, *last)]
        return last[0]

    return respond
