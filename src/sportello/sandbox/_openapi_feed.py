"""The contract of following changes: the list filters, the change feed and its page schema.

Part of :mod:`sportello.sandbox._openapi_build` (see :mod:`sportello.sandbox._feed` for what the
server does).
"""

from __future__ import annotations

from sportello.sandbox._openapi_conventions import CURSOR_PATTERN, query, query_int
from sportello.sandbox._openapi_schemas import JSON, ref

__all__ = ["feed_paths", "feed_schemas", "list_filter_params"]

_MAX_VALUES = 20


def list_filter_params() -> tuple[JSON, ...]:
    """The filters of ``GET /v1/pratiche``: ``stato``, ``tipo`` (repeatable), ``aggiornata_dal``."""
    from sportello.sandbox._feed import TIPI_PRATICA, known_states

    def many(name: str, values: tuple[str, ...], desc: str) -> JSON:
        schema = {
            "type": "array",
            "maxItems": _MAX_VALUES,
            "items": {"type": "string", "enum": list(values)},
        }
        return query(name, schema, desc=desc)

    return (
        many("stato", known_states(), "only cases in one of these states (repeat the parameter)"),
        many("tipo", TIPI_PRATICA, "only cases of one of these kinds (repeat the parameter)"),
        query(
            "aggiornata_dal",
            {"type": "string", "format": "date-time"},
            desc="only cases whose aggiornata_il is at or after this date-time (with offset)",
        ),
    )


def feed_paths() -> JSON:
    """``GET /v1/eventi``: the account's change feed."""
    from sportello.sandbox._feed import FEED_MAX
    from sportello.sandbox._openapi_paths import op

    return {
        "/v1/eventi": {
            "get": op(
                "feedEventi",
                "SH-4: every event of every case of the account since a cursor, in commit order",
                "pratiche",
                ("200", "PaginaEventi"),
                ("400",),
                params=(
                    query(
                        "since",
                        {"type": "string", "pattern": CURSOR_PATTERN},
                        desc="next_cursor of the previous page (opaque); none: from the start",
                    ),
                    query_int("limit", 1, FEED_MAX, desc="events per page (default 100)"),
                ),
            )
        }
    }


def feed_schemas() -> JSON:
    """``PaginaEventi``: one page of the change feed."""
    return {
        "PaginaEventi": {
            "type": "object",
            "required": ["items", "next_cursor", "has_more"],
            "properties": {
                "items": {"type": "array", "items": ref("Evento")},
                "next_cursor": {
                    "type": "string",
                    "pattern": CURSOR_PATTERN,
                    "description": "where to resume (after this page's last event): keep it "
                    "with what was done with the page; present on an empty page too",
                },
                "has_more": {
                    "type": "boolean",
                    "description": "more events are waiting: ask again with next_cursor now",
                },
            },
        }
    }
