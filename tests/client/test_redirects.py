"""Redirects: never a body or a token to another host, even through a redirect-following pool.

Two real loopback servers: ``here`` (the base URL) answers with redirects, ``there`` (another
port, so another origin) records whatever reaches it. The caller's own ``http_client`` has
``follow_redirects=True``, which on its own would re-send a 307/308's body to ``there``.
"""

import json
from collections.abc import Iterator

import httpx
import pytest

from sportello.client import AsyncClient, Client, RedirectRefused
from sportello.client._redirects import MAX_REDIRECTS
from sportello.testing.strategies import esempio

from .loopback import Loopback, Received, Script, answer, each

TOKEN = "tok-SEGRETO"


@pytest.fixture
def there() -> Iterator[Loopback]:
    """Another origin, recording every request that reaches it."""
    with Loopback(each(answer(204))) as server:
        yield server


def _to(url: str, status: int = 307) -> Script:
    return answer(status, location=url)


def _change() -> object:
    return esempio("CambioPassword")


@pytest.mark.parametrize("status", [307, 308])
def test_cross_origin_307_308_send_no_body_and_no_token(there: Loopback, status: int) -> None:
    """A POST redirected to another origin raises RedirectRefused; nothing reaches it."""
    with (
        Loopback(each(_to(there.url + "/v1/auth/password", status))) as here,
        httpx.Client(follow_redirects=True) as pool,
        Client(base_url=here.url, token=TOKEN, http_client=pool) as client,
        pytest.raises(RedirectRefused) as caught,
    ):
        client.auth.change_password(_change())
    assert there.received == []
    assert len(here.received) == 1
    assert here.received[0].headers["authorization"] == f"Bearer {TOKEN}"
    err = caught.value
    assert err.status == status
    assert err.codes == ("api.redirect_other_origin",)
    assert err.location == there.url + "/v1/auth/password"
    assert "altra origine" in str(err)
    assert TOKEN not in str(err)


def test_cross_origin_redirect_of_a_get_is_refused_too(there: Loopback) -> None:
    """A GET redirected to another origin is not followed either (no token leaves)."""
    with (
        Loopback(each(_to(there.url + "/x", 302))) as here,
        httpx.Client(follow_redirects=True) as pool,
        Client(base_url=here.url, token=TOKEN, http_client=pool, lang="en") as client,
        pytest.raises(RedirectRefused) as caught,
    ):
        client.pratiche.get("SPCEN1")
    assert there.received == []
    assert str(caught.value).startswith("302 Found: Redirect to another origin refused")


def test_same_origin_307_resends_body_and_token(there: Loopback) -> None:
    """A 307 to the same origin is followed with the same method, body, token and key."""
    del there

    def respond(request: Received) -> Script:
        if request.target == "/v1/auth/password":
            return _to("/v2/auth/password")
        return answer(204)

    with (
        Loopback(respond) as here,
        Client(base_url=here.url, token=TOKEN) as client,
    ):
        client.auth.change_password(_change())
    first, second = here.received
    assert (second.method, second.target) == ("POST", "/v2/auth/password")
    assert second.body == first.body
    assert json.loads(second.body)["nuova_password"] == "Girasole#2027"
    assert second.headers["authorization"] == f"Bearer {TOKEN}"
    assert second.headers["idempotency-key"] == first.headers["idempotency-key"]


def test_same_origin_301_of_a_get_is_followed_with_its_own_query() -> None:
    """A GET moved on the same origin is followed, the Location's query replacing the call's."""

    def respond(request: Received) -> Script:
        if request.target.startswith("/v1/pratiche?"):
            return _to("/v1/pratiche-nuove?limit=5", 301)
        return answer(200, b'{"items": [], "next_cursor": null}')

    with Loopback(respond) as here, Client(base_url=here.url, token=TOKEN) as client:
        assert list(client.pratiche.list(page_size=2)) == []
    assert [r.target for r in here.received] == [
        "/v1/pratiche?limit=2",
        "/v1/pratiche-nuove?limit=5",
    ]


@pytest.mark.parametrize("status", [301, 302, 303])
def test_same_origin_method_changing_redirect_of_a_post_is_refused(status: int) -> None:
    """301/302/303 on a POST would become a GET without the body: refused, sent once."""
    with (
        Loopback(each(_to("/altrove", status))) as here,
        Client(base_url=here.url, token=TOKEN) as client,
        pytest.raises(RedirectRefused) as caught,
    ):
        client.auth.change_password(_change())
    assert caught.value.codes == ("api.redirect_changes_method",)
    assert len(here.received) == 1


def test_redirect_loop_stops_after_the_limit() -> None:
    """A same-origin loop is followed MAX_REDIRECTS times, then RedirectRefused."""
    with (
        Loopback(each(_to("/v1/pratiche/SPCEN1", 307))) as here,
        Client(base_url=here.url, token=TOKEN) as client,
        pytest.raises(RedirectRefused) as caught,
    ):
        client.pratiche.get("SPCEN1")
    assert caught.value.codes == ("api.too_many_redirects",)
    assert len(here.received) == MAX_REDIRECTS + 1


def test_redirect_of_an_unreplayable_upload_is_refused() -> None:
    """A 307 asking to send again a file that cannot be re-read is refused, not sent empty."""
    import io

    from sportello.client._base import Call
    from sportello.client._upload import Upload

    class Once(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(b"%PDF-1.4 una volta")

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    upload = Upload.of(("once.pdf", io.BufferedReader(Once())))
    with (
        Loopback(each(_to("/v2/up", 307))) as here,
        Client(base_url=here.url, token=TOKEN) as client,
        pytest.raises(RedirectRefused) as caught,
    ):
        client._request(Call("POST", "/up", lambda data: data, upload=upload))
    assert caught.value.codes == ("api.redirect_not_replayable",)
    assert len(here.received) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("status", [307, 308])
async def test_async_cross_origin_redirect_sends_nothing_there(
    there: Loopback, status: int
) -> None:
    """AsyncClient with a redirect-following pool: refused, nothing reaches the other origin."""
    with Loopback(each(_to(there.url + "/v1/auth/password", status))) as here:
        async with (
            httpx.AsyncClient(follow_redirects=True) as pool,
            AsyncClient(base_url=here.url, token=TOKEN, http_client=pool) as client,
        ):
            with pytest.raises(RedirectRefused):
                await client.auth.change_password(_change())
    assert there.received == []


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ("https://127.0.0.1:8000/a", "api.redirect_other_origin"),  # httpx keeps the token here
        ("http://localhost:8000/a", "api.redirect_other_origin"),
        ("http://127.0.0.1:8001/a", "api.redirect_other_origin"),
        ("http://[bad", "api.redirect_other_origin"),  # not a URL at all
        ("//127.0.0.1:8000/b", ""),  # scheme-relative, same origin
        ("http://127.0.0.1:8000/b?x=1", ""),
        ("/b", ""),
    ],
)
def test_target_follows_only_the_same_origin(location: str, code: str) -> None:
    """The redirect decision: scheme, host and port must all match the request's."""
    from sportello.client._redirects import target

    request = httpx.Request("GET", "http://127.0.0.1:8000/a")
    response = httpx.Response(302, headers={"Location": location}, request=request)
    if not code:
        followed = target(request, response, hops=0, replayable=True)
        assert (followed.host, followed.port) == ("127.0.0.1", 8000)
        return
    with pytest.raises(RedirectRefused) as caught:
        target(request, response, hops=0, replayable=True)
    assert caught.value.codes == (code,)
