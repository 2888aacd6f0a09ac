"""The contract's paths of the consumer desk's accounts: ``/v1/auth/*`` (AU-1..AU-4, PW-1..PW-4).

Part of :mod:`sportello.sandbox._openapi_paths` (moved here to keep each module short).
"""

from __future__ import annotations

from sportello.sandbox._openapi_paths import op
from sportello.sandbox._openapi_schemas import JSON

__all__ = ["auth_paths"]


def auth_paths() -> JSON:
    """The ``/v1/auth`` paths."""
    p: JSON = {}
    a = "auth"
    p["/v1/auth/registrazione"] = {
        "post": op(
            "registra",
            "AU-1/AU-2: register one account for conciliation and SMART services "
            "(202 with the same body whether or not the username was free; the activation "
            "code, or the news that the name is taken, goes by e-mail)",
            a,
            ("202", "RegistrazioneRicevuta", "accepted"),
            ("429",),
            body="RegistrazioneSportello",
            auth=False,
            post=True,
        ),
        "put": op(
            "completaRegistrazione",
            "AU-3: complete the registration data of a pre-06/10/2017 account "
            "(the form's password is the current one, checked like a login)",
            a,
            ("200", "Account"),
            ("429",),
            body="RegistrazioneSportello",
        ),
    }
    p["/v1/auth/attivazione"] = {
        "post": op(
            "attivaAccount",
            "AU-1/AU-2: activate the registered account with the e-mailed code",
            a,
            ("204", None, "activated"),
            body="Attivazione",
            auth=False,
            post=True,
        )
    }
    p["/v1/auth/me"] = {"get": op("me", "The account of the token", a, ("200", "Account"))}
    p["/v1/auth/login"] = {
        "post": op(
            "login",
            "AU-4: username + password -> bearer token",
            a,
            ("200", "Token"),
            ("401", "429"),
            body="Login",
            auth=False,
            post=True,
        )
    }
    p["/v1/auth/logout"] = {
        "post": op("logout", "Revoke the token", a, ("204", None, "revoked"), post=True)
    }
    p["/v1/auth/password"] = {
        "post": op(
            "cambiaPassword",
            "PW-1..PW-4: change the password (3-deep history; throttled like login; the "
            "account's other tokens are revoked)",
            a,
            ("204", None, "changed"),
            ("409", "429"),
            body="CambioPassword",
            post=True,
        )
    }
    p["/v1/auth/recupero-username"] = {
        "post": op(
            "recuperaUsername",
            "AU-4: username recovery by e-mail (202 whatever happens)",
            a,
            ("202", None, "accepted"),
            ("429",),
            body="RecuperoUsername",
            auth=False,
            post=True,
        )
    }
    p["/v1/auth/recupero-password"] = {
        "post": op(
            "recuperaPassword",
            "AU-4: password recovery by username (202 whatever happens)",
            a,
            ("202", None, "accepted"),
            ("429",),
            body="RecuperoPasswordSportello",
            auth=False,
            post=True,
        )
    }
    p["/v1/auth/reimposta-password"] = {
        "post": op(
            "reimpostaPassword",
            "Set a new password with the e-mailed token (AU-3 reset; every token revoked)",
            a,
            ("204", None, "reset"),
            ("409",),
            body="ReimpostaPassword",
            auth=False,
            post=True,
        )
    }
    return p
