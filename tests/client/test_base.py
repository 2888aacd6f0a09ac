"""Client configuration, clones, headers and the faults only a fake transport can produce.

A real sandbox cannot answer like a misconfigured proxy on demand (an HTML 502), so those
cases use ``httpx.MockTransport``; every other behaviour is tested against the sandbox.
"""

import io
import logging

import httpx
import pytest

from sportello.client import AsyncClient, Client, ServerError, TransportError
from sportello.client._base import Call
from sportello.client._upload import Upload


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"seen": dict(request.headers)})


def _echo(data: object) -> object:
    return data


def test_repr_shows_no_token() -> None:
    """A client's repr says whether it is authenticated, never the token."""
    with Client(base_url="http://sandbox.test/", token="tok-SEGRETO") as client:
        assert "tok-SEGRETO" not in repr(client)
        assert repr(client) == "Client(base_url='http://sandbox.test', authenticated=True)"


def test_options_are_keyword_only() -> None:
    """Options cannot be passed by position."""
    with pytest.raises(TypeError):
        Client("http://sandbox.test")  # type: ignore[call-arg]


def test_transport_and_http_client_are_exclusive() -> None:
    """Passing both transport= and http_client= is refused."""
    with httpx.Client() as http, pytest.raises(TypeError):
        Client(base_url="http://x", transport=httpx.MockTransport(_ok), http_client=http)


def test_with_options_shares_pool_and_session() -> None:
    """A clone changes its options, shares transport and token; closing it keeps the pool."""
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json={})

    client = Client(base_url="http://x", transport=httpx.MockTransport(handler), lang="it")
    client._session.set("tok")
    clone = client.with_options(lang="en", deadline=2.0)
    assert clone.options.lang == "en"
    assert clone.options.deadline == 2.0
    assert client.options.lang == "it"
    clone._request(Call("GET", "/a", _echo))
    clone.close()
    client._request(Call("GET", "/b", _echo))
    assert [c.headers["Accept-Language"] for c in calls] == ["en", "it"]
    assert all(c.headers["Authorization"] == "Bearer tok" for c in calls)
    anonymous = client.with_options(token=None)
    assert not anonymous.authenticated
    assert client.authenticated
    client.close()


def test_with_options_rejects_unknown_names() -> None:
    """with_options() refuses an option that does not exist."""
    with Client(base_url="http://x") as client, pytest.raises(TypeError, match="colour"):
        client.with_options(colour="red")


def test_proxy_html_502_is_retried_then_raised() -> None:
    """A non-JSON 502 from a proxy is retried max_retries times, then raised as ServerError."""
    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request.headers["Idempotency-Key"])
        return httpx.Response(502, text="<html>Bad Gateway</html>")

    transport = httpx.MockTransport(handler)
    with (
        Client(base_url="http://x", transport=transport, max_retries=2, backoff_base=0.001) as c,
        pytest.raises(ServerError) as caught,
    ):
        c._request(Call("POST", "/v1/x", _echo, json={"a": 1}))
    assert caught.value.status == 502
    assert caught.value.violations == ()
    assert len(attempts) == 3
    assert len(set(attempts)) == 1, "the Idempotency-Key is kept across retries"


def test_unseekable_upload_is_sent_once() -> None:
    """A body that cannot be replayed is never retried after a dropped connection."""
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        raise httpx.RemoteProtocolError("connection dropped")

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(b"%PDF-1.4 pipe")

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    upload = Upload.of(("pipe.pdf", io.BufferedReader(Pipe())))
    assert not upload.replayable
    transport = httpx.MockTransport(handler)
    with (
        Client(base_url="http://x", transport=transport, backoff_base=0.001) as client,
        pytest.raises(TransportError),
    ):
        client._request(Call("POST", "/up", _echo, upload=upload))
    assert sent == [b"%PDF-1.4 pipe"]


def test_logs_redact_the_url(caplog: pytest.LogCaptureFixture) -> None:
    """The client's log lines carry no codice fiscale even when the path holds one."""
    with (
        Client(base_url="http://x", transport=httpx.MockTransport(_ok)) as client,
        caplog.at_level(logging.DEBUG, logger="sportello.client"),
    ):
        client._request(Call("GET", "/v1/clienti/RSSMRA85T10A562S", _echo))
    assert caplog.records
    assert all("RSSMRA85T10A562S" not in r.getMessage() for r in caplog.records)


async def _async_headers() -> dict[str, str]:
    async with AsyncClient(
        base_url="http://x", transport=httpx.MockTransport(_ok), user_agent="prova/1"
    ) as client:
        data = await client._request(Call("GET", "/h", _echo))
    assert isinstance(data, dict)
    seen: dict[str, str] = data["seen"]
    return seen


def test_async_client_sends_the_configured_headers() -> None:
    """The async client sends User-Agent, Accept-Language and no Authorization when anonymous."""
    import anyio

    seen = anyio.run(_async_headers)
    assert seen["user-agent"] == "prova/1"
    assert seen["accept-language"] == "it"
    assert "authorization" not in seen


def test_answer_off_contract_is_an_api_error() -> None:
    """A 200 whose body does not fit the record raises ApiError, not a parsing exception."""
    from sportello.client import ApiError

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"numero": 3}, headers={"X-Request-Id": "r9"})

    with (
        Client(base_url="http://x", transport=httpx.MockTransport(handler)) as client,
        pytest.raises(ApiError) as caught,
    ):
        client.pratiche.get("SPCEN1")
    assert caught.value.status == 200
    assert caught.value.request_id == "r9"
    assert caught.value.codes == ("api.unexpected_answer",)
    assert str(caught.value) == (
        "200 OK [richiesta r9]: La risposta a GET /v1/pratiche/SPCEN1 non rispetta il contratto."
    )


def test_no_secret_in_reprs() -> None:
    """The call carrying a password, the session and the token show no secret in their reprs."""
    from sportello.client import Token
    from sportello.client._base import Session
    from sportello.client.resources import _calls

    call = _calls.login("mario.rossi", "Segreta#2026")
    session = Session()
    session.set("tok-SEGRETO")
    token = Token(access_token="tok-SEGRETO", expires_in=60)
    for shown in (repr(call), repr(session), repr(token)):
        assert "Segreta#2026" not in shown
        assert "tok-SEGRETO" not in shown
