"""The Sportello account forms: registration, login, password change, portal-anomaly report.

Rules: AU-1 (every mandatory field, all at once; the codice fiscale matches the person),
AU-4 (login by username and password; every ``username`` field is a
:data:`~sportello.forms._fields.Username`, loaded in its canonical form by
:mod:`sportello.rules.username`), AU-5 (the anomaly report's contents), PW-1..PW-4 (the
password policy, via :mod:`sportello.rules.password`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._common import (
    Sesso,
    TipoCliente,
    check_codice_fiscale_matches,
    check_nome_or_ragione_sociale,
)
from sportello.forms._fields import CodiceFiscale, Email, Password, Telefono, Username
from sportello.forms._registry import check, form, info
from sportello.rules.password import DEFAULT_POLICY

#: The hints shown beside the password fields: the policy's own help text (one source with
#: Django's help text, :meth:`sportello.rules.password.PasswordPolicy.help_text`).
_HINT_NEW = attrs.evolve(DEFAULT_POLICY, history_depth=0).help_text() + " (PW-1..PW-3)"
_HINT_CHANGE = DEFAULT_POLICY.help_text() + " (PW-1..PW-4)"

__all__ = ["CambioPassword", "Login", "RegistrazioneSportello", "SegnalazioneAnomalia"]


@form(
    "registrazione_sportello",
    title="Registrazione al Portale dello Sportello",
    description=(
        "Registrazione unica ai servizi dello Sportello: i campi obbligatori sono contrassegnati "
        "con l'asterisco (AU-1)."
    ),
    required_rule="AU-1",
)
@attrs.frozen(kw_only=True)
class RegistrazioneSportello:
    """Registration to the Sportello portal (AU-1, PW-1..PW-3).

    AU-1: every mandatory field is reported at once when missing; nome and cognome, or the
    ragione sociale; a personal codice fiscale must match the names (and the birth date and
    sex when given). PW-1..PW-3: the password policy, against the username and the names.
    """

    username: Username = attrs.field(
        metadata=info(
            "Username",
            "3-40 tra lettere, cifre e . _ - (AU-4); maiuscole e minuscole"
            " sono lo stesso username.",
        )
    )
    password: Password = attrs.field(repr=False, metadata=info("Password", _HINT_NEW))
    tipo_cliente: TipoCliente = attrs.field(metadata=info("Tipo di cliente"))
    nome: str | None = attrs.field(default=None, metadata=info("Nome"))
    cognome: str | None = attrs.field(default=None, metadata=info("Cognome"))
    ragione_sociale: str | None = attrs.field(
        default=None, metadata=info("Ragione sociale", "In alternativa a nome e cognome.")
    )
    codice_fiscale: CodiceFiscale = attrs.field(
        repr=False,
        metadata=info("Codice fiscale o partita IVA", "16 caratteri, oppure 11 cifre."),
    )
    data_nascita: dt.date | None = attrs.field(
        default=None, repr=False, metadata=info("Data di nascita")
    )
    sesso: Sesso | None = attrs.field(default=None, repr=False, metadata=info("Sesso"))
    email: Email = attrs.field(metadata=info("E-mail", "Riceve ogni comunicazione (NT-1)."))
    telefono: Telefono | None = attrs.field(default=None, metadata=info("Telefono"))


check(RegistrazioneSportello)(check_nome_or_ragione_sociale)
check(RegistrazioneSportello)(check_codice_fiscale_matches)


def _password_rules(
    password: str, *, path: str, username: str, nome: str | None, cognome: str | None
) -> Iterator[Violation]:
    from sportello.rules import password as policy

    for v in policy.check(password, username=username, nome=nome, cognome=cognome):
        yield attrs.evolve(v, path=path)


@check(RegistrazioneSportello)
def check_password(f: Any) -> Iterator[Violation]:
    """PW-1, PW-2, PW-3: the password policy, against the username, nome and cognome."""
    yield from _password_rules(
        f.password, path="password", username=f.username, nome=f.nome, cognome=f.cognome
    )


@form(
    "login",
    title="Accesso al Portale dello Sportello",
    description="Username e password scelti in fase di registrazione (AU-4).",
    required_rule="AU-4",
)
@attrs.frozen(kw_only=True)
class Login:
    """AU-4: login with the username and the password chosen at registration."""

    username: Username = attrs.field(metadata=info("Username"))
    password: Password = attrs.field(repr=False, metadata=info("Password"))


@form(
    "cambio_password",
    title="Cambio password",
    description="Nuova password secondo le regole PW-1..PW-4, diversa da quella attuale.",
)
@attrs.frozen(kw_only=True)
class CambioPassword:
    """A password change (PW-1..PW-4).

    PW-1..PW-3 on ``nuova_password`` against the username and the names; PW-4 as far as the
    form can see: the new password differs from the current one (the older passwords of the
    last three are in the server's hashed history,
    :class:`sportello.rules.password.PasswordHistory`). ``conferma_password`` repeats it.
    """

    username: Username = attrs.field(metadata=info("Username"))
    password_attuale: Password = attrs.field(repr=False, metadata=info("Password attuale"))
    nuova_password: Password = attrs.field(
        repr=False, metadata=info("Nuova password", _HINT_CHANGE)
    )
    conferma_password: Password = attrs.field(repr=False, metadata=info("Conferma nuova password"))
    nome: str | None = attrs.field(default=None, metadata=info("Nome", "Per la regola PW-3."))
    cognome: str | None = attrs.field(default=None, metadata=info("Cognome", "Per la regola PW-3."))


@check(CambioPassword)
def check_nuova_password(f: Any) -> Iterator[Violation]:
    """PW-1..PW-3 on the new password; PW-4: it differs from the current one."""
    yield from _password_rules(
        f.nuova_password,
        path="nuova_password",
        username=f.username,
        nome=f.nome,
        cognome=f.cognome,
    )
    if f.nuova_password == f.password_attuale:
        yield Violation.of("forms.password_unchanged", path="nuova_password")


@check(CambioPassword)
def check_conferma(f: Any) -> Iterator[Violation]:
    """The confirmation repeats the new password."""
    if f.conferma_password != f.nuova_password:
        yield Violation.of("forms.password_confirmation_mismatch", path="conferma_password")


@form(
    "segnalazione_anomalia",
    title="Segnalazione di un'anomalia del Portale",
    description=(
        "Nome e cognome o ragione sociale, username, l'anomalia rilevata e, possibilmente, lo "
        "screenshot della videata (AU-5)."
    ),
    required_rule="AU-5",
)
@attrs.frozen(kw_only=True)
class SegnalazioneAnomalia:
    """AU-5: a portal-anomaly report: nome e cognome (or ragione sociale), username, the anomaly,
    optionally the screenshot's file name.
    """

    nome: str | None = attrs.field(default=None, metadata=info("Nome"))
    cognome: str | None = attrs.field(default=None, metadata=info("Cognome"))
    ragione_sociale: str | None = attrs.field(
        default=None, metadata=info("Ragione sociale", "In alternativa a nome e cognome.")
    )
    username: Username = attrs.field(metadata=info("Username"))
    anomalia: str = attrs.field(metadata=info("Anomalia rilevata"))
    screenshot: str | None = attrs.field(
        default=None, metadata=info("Screenshot", "Nome del file della videata (facoltativo).")
    )


check(SegnalazioneAnomalia)(check_nome_or_ragione_sociale)


@check(SegnalazioneAnomalia)
def check_screenshot(f: Any) -> Iterator[Violation]:
    """AU-5: the optional screenshot is a plain file name (via the attachment rules)."""
    if f.screenshot is not None:
        from sportello.rules.attachments import check_name

        yield from check_name(f.screenshot, path="screenshot")
