"""The FastAPI example portal under a real uvicorn server, over a loopback socket."""

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from sportello.testing._plugin import Sandbox

from .conftest import make_app


@pytest.fixture
def base_url() -> Iterator[str]:
    """The example portal served by uvicorn on 127.0.0.1 (a free port), stopped afterwards."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a very wide margin: only a hang guard
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before starting"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        sock.close()


def test_problem_over_a_real_socket(base_url: str) -> None:
    """Over HTTP/1.1 the 422 answer is problem+json, in English when asked (rule: UP-2)."""
    answer = httpx.post(
        f"{base_url}/v1/area-clienti/recupero-password",
        json={"codice_cliente": "12"},
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["violations"][0]["message"].startswith("The customer code must have 6")


def test_valid_form_and_openapi_over_a_real_socket(base_url: str) -> None:
    """A valid form is accepted, and /openapi.json carries the forms' schemas."""
    with httpx.Client(base_url=base_url) as client:
        ok = client.post("/v1/area-clienti/recupero-password", json={"codice_cliente": "005007"})
        document = client.get("/openapi.json").json()
    assert ok.status_code == 202
    assert "RecuperoPassword" in document["components"]["schemas"]


def test_the_clients_error_mapping_reads_the_adapters_problems(
    base_url: str, sportello_sandbox: Sandbox
) -> None:
    """sportello.client maps the adapter's answer to the same typed error as the sandbox's."""
    from sportello.client import UnprocessableError
    from sportello.client._errors import error_from_problem

    raised = []
    for url in (base_url, sportello_sandbox.url):
        answer = httpx.post(
            f"{url}/v1/area-clienti/recupero-password", json={"codice_cliente": "12"}
        )
        raised.append(error_from_problem(answer.status_code, answer.json()))
    assert all(isinstance(e, UnprocessableError) for e in raised)
    assert raised[0].codes == raised[1].codes == ("codice_cliente.invalid_length",)  # rule: UP-2
