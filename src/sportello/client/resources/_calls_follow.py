"""The calls of following cases and of idempotent uploads, built without I/O.

Beside :mod:`sportello.client.resources._calls`: the list filters, the change feed
(``GET /v1/eventi``) and the ``Idempotency-Key`` of each upload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sportello.client._base import Call
from sportello.client._models import PaginaEventi
from sportello.client._upload import Upload, upload_key
from sportello.client.resources._calls import one

__all__ = ["feed", "list_filters", "upload_keys"]


def _values(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else [str(v) for v in value]


def list_filters(
    stato: str | Iterable[str] | None,
    tipo: str | Iterable[str] | None,
    aggiornata_dal: dt.datetime | None,
) -> dict[str, Any]:
    """The query of the list filters (``stato`` and ``tipo``: one value or several).

    Raises:
        ValueError: ``aggiornata_dal`` has no time zone (the server would not know which).
    """
    if aggiornata_dal is not None and aggiornata_dal.utcoffset() is None:
        raise ValueError("aggiornata_dal needs a time zone (e.g. datetime.now(UTC))")
    return {
        "stato": _values(stato),
        "tipo": _values(tipo),
        "aggiornata_dal": aggiornata_dal.isoformat() if aggiornata_dal is not None else None,
    }


def feed(since: str | None, limit: int | None) -> Call[PaginaEventi]:
    """GET /v1/eventi: the account's change feed after the cursor ``since``."""
    return Call("GET", "/v1/eventi", one(PaginaEventi), params={"since": since, "limit": limit})


def upload_keys(
    numero: str,
    uploads: list[Upload],
    idempotency_key: str | Sequence[str] | None,
    key_from_content: bool,
) -> list[str | None]:
    """One ``Idempotency-Key`` per upload: the caller's, derived from the content, or ``None``.

    ``None`` lets the client pick a random one, kept across the retries of that upload.

    Raises:
        TypeError: both a key and ``key_from_content``; a single key for several files; a
            count of keys that is not the count of files; content that cannot be hashed.
    """
    if idempotency_key is not None and key_from_content:
        raise TypeError("pass either idempotency_key= or key_from_content=True, not both")
    if key_from_content:
        return [upload_key(numero, u.nome, u.sha256()) for u in uploads]
    if idempotency_key is None:
        return [None] * len(uploads)
    keys = [idempotency_key] if isinstance(idempotency_key, str) else list(idempotency_key)
    if len(keys) != len(uploads):
        raise TypeError(f"{len(keys)} idempotency key(s) for {len(uploads)} file(s)")
    return list(keys)
