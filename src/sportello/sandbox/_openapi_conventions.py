"""The conventions every operation of the contract follows, applied by :func:`conform`.

:func:`~sportello.sandbox._openapi_build.build` runs :func:`conform` over every path, so an
operation added by hand (or with :func:`~sportello.sandbox._openapi_paths.op`) gets them
without anyone remembering:

- a ``default`` answer: the ``application/problem+json`` :class:`Problem` (the 500 of an
  unexpected error among them); every answer declares ``X-Request-Id``;
- the shared problem answers carry their headers: ``WWW-Authenticate`` on 401,
  ``Retry-After`` on 429 and 503;
- every ``POST`` takes the ``Idempotency-Key`` header (and may answer 400 for a malformed key,
  409 for a key reused with another request); its 2xx answers declare
  ``Idempotency-Replayed``;
- every answer that is a file (any media type but JSON) declares ``Content-Disposition``;
- every operation takes ``Accept-Language``;
- every query parameter has bounds (:func:`query`, :func:`query_int`, :func:`query_text`
  build them; :func:`conform` refuses an unbounded one; a repeatable one, an array, needs
  ``maxItems`` and bounded items).
"""

from __future__ import annotations

from typing import Any

from sportello._violations import SportelloError

__all__ = [
    "CURSOR_PATTERN",
    "IDEMPOTENCY_KEY",
    "LANG",
    "conform",
    "query",
    "query_int",
    "query_text",
]

JSON = dict[str, Any]

#: The alphabet and length of a page cursor (base64url, opaque to the caller).
CURSOR_PATTERN = "^[A-Za-z0-9_-]{1,200}$"

IDEMPOTENCY_KEY: JSON = {"$ref": "#/components/parameters/IdempotencyKey"}
LANG: JSON = {"$ref": "#/components/parameters/AcceptLanguage"}
_METHODS = ("get", "put", "post", "delete", "patch")
_HEADER = {"schema": {"type": "string"}}
_REPLAYED = {
    "schema": {"type": "string", "enum": ["true"]},
    "description": "present on a repeat with the same Idempotency-Key: the stored answer",
}
_DISPOSITION = {
    "schema": {"type": "string"},
    "description": 'attachment; filename="..." (the name to save the file under)',
}


def query(name: str, schema: JSON, *, required: bool = False, desc: str = "") -> JSON:
    """A query parameter (its ``schema`` must bound it: enum, pattern, length or range)."""
    out: JSON = {"name": name, "in": "query", "required": required, "schema": schema}
    if desc:
        out["description"] = desc
    return out


def query_int(name: str, lo: int, hi: int, *, desc: str = "") -> JSON:
    """An integer query parameter in ``[lo, hi]`` (what ``_http.query_int`` enforces)."""
    return query(name, {"type": "integer", "minimum": lo, "maximum": hi}, desc=desc)


def query_text(name: str, *, max_length: int = 200, required: bool = False, desc: str = "") -> JSON:
    """A non-empty text query parameter of at most ``max_length`` characters."""
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    return query(name, schema, required=required, desc=desc)


def _bounded(schema: JSON) -> bool:
    if schema.get("type") == "array":  # a repeatable parameter: bounded count, bounded items
        return "maxItems" in schema and _bounded(schema.get("items", {}))
    keys = {"enum", "const", "pattern", "maxLength", "maximum", "format"}
    return schema.get("type") == "boolean" or bool(keys & set(schema))


def _refs(params: list[JSON]) -> set[str]:
    return {p.get("$ref", "") for p in params}


def conform(paths: JSON) -> JSON:  # noqa: PLR0912 - one branch per convention
    """``paths`` with the conventions above applied to every operation (in place, returned).

    Raises:
        SportelloError: a query parameter without bounds (a contract defect).
    """
    for path, item in paths.items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            params: list[JSON] = operation.setdefault("parameters", [])
            for p in params:
                if p.get("in") == "query" and not _bounded(p["schema"]):
                    raise SportelloError(f"{method.upper()} {path}: unbounded ?{p['name']}=")
            if LANG["$ref"] not in _refs(params):
                params.insert(0, dict(LANG))
            responses: JSON = operation["responses"]
            if method == "post" and path != "/openapi.json":
                if IDEMPOTENCY_KEY["$ref"] not in _refs(params):
                    params.insert(0, dict(IDEMPOTENCY_KEY))
                for code in ("400", "409"):
                    responses.setdefault(code, {"$ref": f"#/components/responses/Problem{code}"})
            for status, answer in responses.items():
                if "$ref" in answer:
                    continue
                headers = answer.setdefault("headers", {})
                headers.setdefault("X-Request-Id", dict(_HEADER))
                if method == "post" and status.startswith("2"):
                    headers.setdefault("Idempotency-Replayed", dict(_REPLAYED))
                if any(not m.endswith("json") for m in answer.get("content", {})):
                    headers.setdefault("Content-Disposition", dict(_DISPOSITION))
            responses.setdefault("default", {"$ref": "#/components/responses/Problem"})
            operation["responses"] = dict(sorted(responses.items(), key=_status_order))
    return paths


def _status_order(item: tuple[str, Any]) -> tuple[int, str]:
    return (1, item[0]) if item[0] == "default" else (0, item[0])
