"""Errors as ``application/problem+json`` answers (RFC 9457), carrying sportello violations.

Every error answer has the same shape: ``type``, ``title``, ``status``, ``detail`` (the
violations' messages in the negotiated language), ``request_id`` and ``violations`` (never
empty: even a 404 or a 429 names its code, so a client maps codes, not texts).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sportello._messages import Lang
from sportello._violations import SportelloError, Violation

__all__ = ["KINDS", "ProblemError", "negotiate_lang", "problem_body", "seconds"]

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


class ProblemError(SportelloError):
    """An error answer the sandbox sends: a status, the violations and extra headers.

    >>> p = ProblemError(404, [Violation.of("api.not_found")])
    >>> p.status, p.violations[0].code
    (404, 'api.not_found')
    """

    def __init__(
        self,
        status: int,
        violations: Iterable[Violation],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.violations = tuple(violations)
        self.headers = dict(headers or {})
        super().__init__(status, [v.code for v in self.violations])

    @classmethod
    def of(cls, status: int, code: str, *, path: str = "", **params: Any) -> ProblemError:
        """One violation built from the catalog."""
        return cls(status, [Violation.of(code, path=path, **params)])


def seconds(value: float) -> int | float:
    """A number of seconds as a message shows it best: ``30`` for 30.0, ``0.5`` kept.

    >>> seconds(30.0), seconds(0.5)
    (30, 0.5)
    """
    return int(value) if float(value).is_integer() else value


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
    """The JSON body of a problem answer."""
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
