"""What both realms' session endpoints share: the token answer and the logout route."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sportello.sandbox import _auth as auth
from sportello.sandbox._core import Sandbox
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._replies import reply


def token_json(sb: Sandbox, token: str) -> dict[str, Any]:
    """The body of a successful login: the bearer token and its lifetime in seconds."""
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": int(sb.settings.token_ttl.total_seconds()),
    }


def logout_route(sb: Sandbox, realm: str) -> Callable[[Request], Awaitable[Response]]:
    """The logout endpoint of ``realm``: revoke the caller's token, answer 204."""

    async def logout(request: Request) -> Response:
        """Revoke the caller's token."""
        who = await sb.principal(request, realm)
        token = sb.bearer(request) or ""

        def effect(db: sqlite3.Connection) -> Reply:
            auth.revoke_token(db, token)
            return reply(None, 204)

        return await sb.mutate(request, who.scope, effect)

    return logout
