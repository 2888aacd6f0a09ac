"""``client.auth``: the consumer desk's accounts (AU-1..AU-4, PW-1..PW-4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sportello.client._models import Account, Token
from sportello.client.resources import _calls as calls

if TYPE_CHECKING:
    from sportello.client._async import AsyncClient
    from sportello.client._sync import Client

__all__ = ["AsyncAuth", "Auth"]


class Auth:
    """Registration, login and credentials of the consumer desk (``client.auth``).

    Username recovery and password recovery are two separate procedures (AU-4); an account
    registered before 06/10/2017 must reset its password and complete its data first (AU-3,
    :class:`~sportello.client.LegacyAccountError`).
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def register(self, form: object) -> None:
        """Register one account for every service (AU-1, AU-2); ``form`` is a
        ``sportello.forms.RegistrazioneSportello``, validated locally first.

        The portal answers the same whether the username was free or taken, so that
        registration does not reveal which accounts exist: when it was free an e-mail to
        ``form.email`` carries the activation code (pass it to :meth:`activate`; until then
        :meth:`login` fails as with a wrong password); when it was taken nothing is created
        and the e-mail says so. Form violations still raise :class:`~sportello.ValidationError`.
        """
        self._client._request(calls.register(form))

    def activate(self, codice: str) -> None:
        """Activate the account just registered with the e-mailed code (AU-1, AU-2).

        Raises :class:`~sportello.ValidationError` (``auth.activation_code_invalid``) for a
        code that is wrong, used or expired (24 hours in the sandbox).
        """
        self._client._request(calls.activate(codice))

    def complete_registration(self, form: object) -> Account:
        """Complete the data of a pre-06/10/2017 account (AU-3).

        ``form.password`` is the account's current password: it confirms the change (the
        e-mail among it); a wrong one raises :class:`~sportello.ValidationError`
        (``auth.wrong_current_password``).
        """
        return self._client._request(calls.complete_registration(form))

    def me(self) -> Account:
        """The logged-in account."""
        return self._client._request(calls.me())

    def login(self, username: str, password: str) -> Token:
        """Log in (AU-4); the token is kept by the client (and its ``with_options`` clones)."""
        token = self._client._request(calls.login(username, password))
        self._client._session.set(token.access_token, calls.SPORTELLO)
        return token

    def logout(self) -> None:
        """Revoke the token and forget it."""
        self._client._request(calls.logout(calls.SPORTELLO))
        self._client._session.set(None, calls.SPORTELLO)

    def change_password(self, form: object) -> None:
        """Change the password (PW-1..PW-4); ``form`` is a ``sportello.forms.CambioPassword``."""
        self._client._request(calls.change_password(form, calls.SPORTELLO))

    def recover_username(self, email: str) -> None:
        """Ask for the username by e-mail (AU-4; accepted whatever the address)."""
        self._client._request(calls.recover_username(email))

    def recover_password(self, username: str) -> None:
        """Ask for a password-reset e-mail (AU-4, the AU-3 reset)."""
        self._client._request(calls.recover_password(username))

    def reset_password(self, token: str, nuova_password: str) -> None:
        """Set a new password with the e-mailed reset token."""
        self._client._request(calls.reset_password(token, nuova_password))


class AsyncAuth:
    """The asynchronous :class:`Auth`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def register(self, form: object) -> None:
        """See :meth:`Auth.register` (AU-1, AU-2; the same answer for a taken username)."""
        await self._client._request(calls.register(form))

    async def activate(self, codice: str) -> None:
        """See :meth:`Auth.activate` (AU-1, AU-2)."""
        await self._client._request(calls.activate(codice))

    async def complete_registration(self, form: object) -> Account:
        """See :meth:`Auth.complete_registration` (AU-3)."""
        return await self._client._request(calls.complete_registration(form))

    async def me(self) -> Account:
        """See :meth:`Auth.me`."""
        return await self._client._request(calls.me())

    async def login(self, username: str, password: str) -> Token:
        """See :meth:`Auth.login` (AU-4)."""
        token = await self._client._request(calls.login(username, password))
        self._client._session.set(token.access_token, calls.SPORTELLO)
        return token

    async def logout(self) -> None:
        """See :meth:`Auth.logout`."""
        await self._client._request(calls.logout(calls.SPORTELLO))
        self._client._session.set(None, calls.SPORTELLO)

    async def change_password(self, form: object) -> None:
        """See :meth:`Auth.change_password` (PW-1..PW-4)."""
        await self._client._request(calls.change_password(form, calls.SPORTELLO))

    async def recover_username(self, email: str) -> None:
        """See :meth:`Auth.recover_username` (AU-4)."""
        await self._client._request(calls.recover_username(email))

    async def recover_password(self, username: str) -> None:
        """See :meth:`Auth.recover_password` (AU-4)."""
        await self._client._request(calls.recover_password(username))

    async def reset_password(self, token: str, nuova_password: str) -> None:
        """See :meth:`Auth.reset_password`."""
        await self._client._request(calls.reset_password(token, nuova_password))
