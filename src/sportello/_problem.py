"""The ``application/problem+json`` body (RFC 9457) of sportello's errors, framework-free.

One shape for every answer that carries violations: the sandbox's error answers and the
Starlette/FastAPI adapter's (:mod:`sportello.contrib.starlette`) are built here, so a client
reads both the same way. ``type``, ``title``, ``status``, ``detail`` (the violations' messages
in the negotiated language), ``request_id`` and ``violations`` (never empty).

>>> import json
>>> from sportello import Violation
>>> doc = json.loads(problem_body(422, [Violation.of("identifiers.empty", path="pod")],
...                               lang="en", request_id="r-1"))
>>> doc["type"], doc["title"], doc["detail"], doc["violations"][0]["path"]
('urn:sportello:problem:validation', 'Validation failed', 'The value is empty.', 'pod')
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

from sportello._messages import Lang
from sportello._violations import Violation

__all__ = [
    "KINDS",
    "MEDIA_TYPE",
    "negotiate_lang",
    "problem_body",
    "problem_schemas",
    "request_id",
]

#: The media type of every problem answer.
MEDIA_TYPE = "application/problem+json"

#: status -> (the ``type`` suffix, the English title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    408: ("request-timeout", "Request timeout"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    421: ("misdirected-request", "Misdirected request"),
    422: ("validation", "Validation failed"),
    429: ("rate-limited", "Too many requests"),
    500: ("internal", "Internal error"),
    503: ("unavailable", "Service unavailable"),
}

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def request_id(given: str | None) -> str:
    """``given`` when it is a well-formed ``X-Request-Id``, else a new random id.

    >>> request_id("abc-123"), len(request_id("bad id!")), len(request_id(None))
    ('abc-123', 32, 32)
    """
    return given if given and _REQUEST_ID.match(given) else uuid.uuid4().hex


def negotiate_lang(accept_language: str | None) -> Lang:
    """``en`` when English is preferred to Italian in ``Accept-Language``, else ``it``.

    >>> negotiate_lang("en-GB,en;q=0.9"), negotiate_lang(None), negotiate_lang("it, en;q=0.5")
    ('en', 'it', 'it')
    >>> negotiate_lang("de, en;q=0.4, it;q=0.3")
    'en'
    """
    best: tuple[float, Lang] = (-1.0, "it")
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in ("it", "en"):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        lang: Lang = "en" if primary == "en" else "it"
        if quality > 0 and quality > best[0]:
            best = (quality, lang)
    return best[1]


def problem_body(
    status: int, violations: Iterable[Violation], *, lang: Lang, request_id: str
) -> bytes:
    """The JSON body (UTF-8) of a problem answer with ``status`` and ``violations``."""
    items = list(violations)
    kind, title = KINDS.get(status, ("error", "Error"))
    doc = {
        "type": f"urn:sportello:problem:{kind}",
        "title": title,
        "status": status,
        "detail": " ".join(v.message(lang) for v in items),
        "request_id": request_id,
        "violations": [v.to_dict(lang) for v in items],
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def problem_schemas(ref_template: str = "#/components/schemas/{name}") -> dict[str, Any]:
    """The JSON Schemas of a problem body and of its violations: ``Problem`` and ``Violation``.

    >>> sorted(problem_schemas())
    ['Problem', 'Violation']
    >>> problem_schemas("#/$defs/{name}")["Problem"]["properties"]["violations"]["items"]
    {'$ref': '#/$defs/Violation'}
    """

    def text(description: str = "") -> dict[str, Any]:
        return {"type": "string", "description": description} if description else {"type": "string"}

    return {
        "Violation": {
            "type": "object",
            "required": ["code", "rule", "path", "params", "message"],
            "properties": {
                "code": text("stable machine code, family.reason"),
                "rule": text("catalog rule ID (PW-1, AU-3, ...) or empty"),
                "path": text("dotted field path, list items in brackets, or empty"),
                "params": {
                    "type": "object",
                    "description": "the values the message refers to; a labelled value (a"
                    " state, a day, a matter) also as <name>_en, its English label",
                },
                "message": text(
                    "human message in the negotiated language (Accept-Language: it|en)"
                ),
            },
        },
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail", "request_id", "violations"],
            "properties": {
                "type": text("urn:sportello:problem:<kind>"),
                "title": text(),
                "status": {"type": "integer"},
                "detail": text(),
                "request_id": text(),
                "violations": {
                    "type": "array",
                    "items": {"$ref": ref_template.format(name="Violation")},
                },
            },
        },
    }
