"""Issue 13: sessions and codes. Revocation on a password change or reset, one live reset code,
recoveries limited per account, password checks throttled like login, e-mail changes confirmed
by the current password (both realms).
"""

from pathlib import Path

import httpx
import pytest

from sportello.sandbox import SandboxServer, Settings

from .conftest import (
    PASSWORD,
    Clock,
    cliente_login,
    conforms,
    login,
    registrazione,
    token_of,
)

NEW = "Conguaglio#2027"
WRONG = "Sbagliata#2026"
AREA = "/v1/area-clienti"


def _change(current: str, new: str = NEW, username: str = "mrossi85") -> dict[str, str]:
    return {
        "username": username,
        "password_attuale": current,
        "nuova_password": new,
        "conferma_password": new,
    }


def _me(client: httpx.Client, headers: dict[str, str]) -> int:
    return client.get("/v1/auth/me", headers=headers).status_code


def _last_mail(client: httpx.Client, key: str) -> str:
    mails = client.get("/_sandbox/outbox").json()["items"]
    value: str = [m for m in mails if key in m["dati"]][-1]["dati"][key]
    return value


def test_pw4_a_password_change_revokes_every_other_token(client: httpx.Client) -> None:
    """PW-4: after a change the caller's token works; the account's other tokens do not."""
    mine = login(client)
    other_device = token_of(client, "mrossi85")
    answer = client.post("/v1/auth/password", json=_change(PASSWORD), headers=mine)
    assert answer.status_code == 204, answer.text
    assert (_me(client, mine), _me(client, other_device)) == (200, 401)


def test_a_password_reset_revokes_every_token(client: httpx.Client) -> None:
    """AU-3 reset: after the e-mailed code sets a password, no earlier token works."""
    tokens = [login(client), token_of(client, "mrossi85")]
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    body = {"token": _last_mail(client, "token"), "nuova_password": NEW}
    assert client.post("/v1/auth/reimposta-password", json=body).status_code == 204
    assert [_me(client, t) for t in tokens] == [401, 401]


def test_a_new_reset_code_voids_the_older_ones(client: httpx.Client) -> None:
    """AU-4: only the newest e-mailed reset code works."""
    login(client)
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    first = _last_mail(client, "token")
    client.post("/v1/auth/recupero-password", json={"username": "mrossi85"})
    second = _last_mail(client, "token")
    old = client.post("/v1/auth/reimposta-password", json={"token": first, "nuova_password": NEW})
    assert old.json()["violations"][0]["code"] == "auth.reset_token_invalid"
    new = {"token": second, "nuova_password": NEW}
    assert client.post("/v1/auth/reimposta-password", json=new).status_code == 204


@pytest.mark.parametrize(
    ("path", "known", "unknown"),
    [
        ("/v1/auth/recupero-password", {"username": "mrossi85"}, {"username": "nessuno"}),
        (
            "/v1/auth/recupero-username",
            {"email": "mrossi85@example.it"},
            {"email": "nessuno@example.it"},
        ),
        (f"{AREA}/recupero-password", {"codice_cliente": "000002"}, {"codice_cliente": "999999"}),
    ],
)
def test_au4_up3_recoveries_are_limited_per_account_known_or_not(
    client: httpx.Client, path: str, known: dict[str, str], unknown: dict[str, str]
) -> None:
    """AU-4, UP-3: three recoveries an hour per account; the 4th is 429, known or unknown."""
    login(client)
    cliente_login(client)
    for body in (known, unknown):
        statuses = [client.post(path, json=body).status_code for _ in range(4)]
        assert statuses == [202, 202, 202, 429], body
    refused = client.post(path, json=unknown)
    conforms(refused, "post", path)
    assert refused.json()["violations"][0]["code"] == "auth.too_many_requests"
    assert 3590 <= int(refused.headers["retry-after"]) <= 3600


def test_recovery_limit_window_ends_after_an_hour(tmp_path: Path) -> None:
    """The window of the recovery limit is one hour from the first request: then 202 again."""
    clock = Clock()
    with (
        SandboxServer(
            db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(clock=clock)
        ) as server,
        httpx.Client(base_url=server.url) as client,
    ):
        body = {"username": "nessuno"}
        assert [
            client.post("/v1/auth/recupero-password", json=body).status_code for _ in range(4)
        ] == [
            202,
            202,
            202,
            429,
        ]
        clock.advance(minutes=59, seconds=59)
        assert client.post("/v1/auth/recupero-password", json=body).status_code == 429
        clock.advance(seconds=1)
        assert client.post("/v1/auth/recupero-password", json=body).status_code == 202


def test_customer_recovery_revokes_every_token(client: httpx.Client) -> None:
    """UP-3: the recovery's new password ends every session of the customer."""
    headers = cliente_login(client)
    assert client.get(f"{AREA}/anagrafica", headers=headers).status_code == 200
    client.post(f"{AREA}/recupero-password", json={"codice_cliente": "000002"})
    # The recovery runs off the request path; reading the outbox delivers it (the e-mail).
    mails = client.get("/_sandbox/outbox").json()["items"]
    assert [m["oggetto"] for m in mails][-1] == "Nuova password del portale clienti"
    assert client.get(f"{AREA}/anagrafica", headers=headers).status_code == 401


def test_customer_password_change_revokes_the_other_tokens(client: httpx.Client) -> None:
    """PW-4 in the customer area: the caller keeps its token, the other sessions end."""
    mine = cliente_login(client)
    first = _last_mail(client, "password")
    again = client.post(f"{AREA}/login", json={"codice_cliente": "000002", "password": first})
    other = {"Authorization": f"Bearer {again.json()['access_token']}"}
    change = _change(first, username="000002")
    assert client.post(f"{AREA}/password", json=change, headers=mine).status_code == 204
    statuses = [client.get(f"{AREA}/anagrafica", headers=h).status_code for h in (mine, other)]
    assert statuses == [200, 401]


def test_password_change_is_throttled_like_login(client: httpx.Client) -> None:
    """AU-4: 5 wrong current passwords lock the name: the change and the login answer 429."""
    headers = login(client)
    codes = [
        client.post("/v1/auth/password", json=_change(WRONG), headers=headers).status_code
        for _ in range(5)
    ]
    assert codes == [422] * 5
    locked = client.post("/v1/auth/password", json=_change(PASSWORD), headers=headers)
    conforms(locked, "post", "/v1/auth/password")
    assert locked.status_code == 429
    login_now = client.post("/v1/auth/login", json={"username": "mrossi85", "password": PASSWORD})
    assert login_now.status_code == 429


def test_customer_password_change_is_throttled_like_login(client: httpx.Client) -> None:
    """UP-3: the customer area's change counts against the customer code's lock too."""
    headers = cliente_login(client)
    codes = [
        client.post(
            f"{AREA}/password", json=_change(WRONG, username="000002"), headers=headers
        ).status_code
        for _ in range(6)
    ]
    assert codes == [422] * 5 + [429]


def test_consumer_email_change_needs_the_current_password(client: httpx.Client) -> None:
    """AU-3 completion: the form's password must be the current one; 5 wrong ones lock."""
    headers = login(client)
    doc = {**registrazione(email="nuova@example.it"), "password": WRONG}
    refused = client.put("/v1/auth/registrazione", json=doc, headers=headers)
    conforms(refused, "put", "/v1/auth/registrazione")
    assert refused.status_code == 422
    violation = refused.json()["violations"][0]
    assert (violation["code"], violation["path"]) == ("auth.wrong_current_password", "password")
    assert client.get("/v1/auth/me", headers=headers).json()["email"] == "mrossi85@example.it"
    doc["password"] = PASSWORD
    done = client.put("/v1/auth/registrazione", json=doc, headers=headers)
    assert done.json()["email"] == "nuova@example.it"
    for _ in range(4):
        client.put("/v1/auth/registrazione", json={**doc, "password": WRONG}, headers=headers)
    doc["password"] = WRONG
    client.put("/v1/auth/registrazione", json=doc, headers=headers)
    assert (
        client.put(
            "/v1/auth/registrazione", json={**doc, "password": PASSWORD}, headers=headers
        ).status_code
        == 429
    )


def test_customer_email_change_needs_the_current_password(client: httpx.Client) -> None:
    """UP-6: a new e-mail without password_attuale or with a wrong one is refused."""
    headers = cliente_login(client)
    password = _last_mail(client, "password")
    path = f"{AREA}/anagrafica"
    missing = client.patch(path, json={"email": "nuova@example.it"}, headers=headers)
    conforms(missing, "patch", path)
    assert [(v["code"], v["path"]) for v in missing.json()["violations"]] == [
        ("auth.current_password_required", "password_attuale")
    ]
    wrong = client.patch(
        path, json={"email": "nuova@example.it", "password_attuale": WRONG}, headers=headers
    )
    assert wrong.json()["violations"][0]["code"] == "auth.wrong_current_password"
    same = client.patch(
        path, json={"email": "Mario.Rossi@example.it", "telefono": "06 1234 5678"}, headers=headers
    )
    assert same.status_code == 200, same.text  # the e-mail does not change: no password needed
    done = client.patch(
        path, json={"email": "nuova@example.it", "password_attuale": password}, headers=headers
    )
    assert done.json()["email"] == "nuova@example.it"
