"""Build the API contract, ``sportello/openapi.json`` (OpenAPI 3.1), from Python.

The committed JSON is the contract; this module is how it is written, and
``tests/sandbox/test_openapi.py`` checks that the committed file equals :func:`build`.
Regenerate with ``make contract``.

How to add an operation (the conventions are applied for you):

- write it with :func:`sportello.sandbox._openapi_paths.op` in ``_openapi_paths.py`` (consumer
  desk) or ``_openapi_paths_clienti.py`` (customer area, sandbox controls): its success answer,
  its own error statuses, ``body=`` a component, ``post=True`` for a POST;
- every query parameter through :func:`~sportello.sandbox._openapi_conventions.query`,
  ``query_int`` or ``query_text`` with the bounds the route enforces (an unbounded one fails
  the build); path parameters with a pattern or ``minLength``;
- ``links=`` next to the operation whose answer names another's parameter
  (:func:`~sportello.sandbox._openapi_paths.link`, ``$response.body#/numero``): generated
  clients and schemathesis' stateful tests follow them; a session's navigation (a page reached
  after another, nothing passed) in :data:`~sportello.sandbox._openapi_links.NAVIGATION`;
- a new answer schema in ``_openapi_schemas.py``; a new form in its ``FORMS`` (its records and
  choices become components by themselves; a name clash fails the build); a body whose fields
  the path gives in ``PATH_DEFAULTS``;
- then :func:`~sportello.sandbox._openapi_conventions.conform` adds to every operation the
  ``default`` problem answer, ``X-Request-Id``, ``Accept-Language``, and to every POST the
  ``Idempotency-Key`` header, its 400/409 answers and ``Idempotency-Replayed``; to every file
  answer ``Content-Disposition``; the shared 401/429/503 answers carry ``WWW-Authenticate`` and
  ``Retry-After``.

Change rule: once published, the contract only grows (new paths, new optional fields,
new codes); nothing is renamed or removed.
"""

from __future__ import annotations

import json
import sys

from sportello.sandbox._openapi_conventions import conform
from sportello.sandbox._openapi_links import add_navigation
from sportello.sandbox._openapi_paths import paths, problem_responses
from sportello.sandbox._openapi_schemas import FORMS, JSON, schemas

__all__ = ["FORMS", "build", "render"]


def build() -> JSON:
    """The whole OpenAPI 3.1 document as a dict."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sportello API",
            "version": "1.0.0",
            "summary": "Consumer desk (Sportello) and a utility's customer area: the contract "
            "that sportello.client speaks and sportello.sandbox serves.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [
            {"url": "/", "description": "the host that serves this document"},
            {
                "url": "http://{host}:{port}",
                "description": "a sandbox (`sportello sandbox --port N`)",
                "variables": {
                    "host": {"default": "127.0.0.1"},
                    "port": {"default": "8000"},
                },
            },
        ],
        "tags": [
            {"name": "auth", "description": "Consumer desk accounts (AU-1..AU-4, PW-1..PW-4)"},
            {"name": "pratiche", "description": "Cases, attachments, documents, notifications"},
            {"name": "area-clienti", "description": "A utility's customer area (UP, RD, EB)"},
            {"name": "sandbox", "description": "Sandbox controls, not part of the public API"},
        ],
        "paths": conform(add_navigation(paths())),
        "components": {
            "schemas": schemas(),
            "responses": problem_responses(),
            "parameters": {
                "IdempotencyKey": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                    "description": "a repeat with the same key and caller returns the first "
                    "answer (same status and body) and changes nothing",
                },
                "AcceptLanguage": {
                    "name": "Accept-Language",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": "en for English messages; Italian otherwise",
                },
            },
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "opaque token from /v1/auth/login (consumer desk) or "
                    "/v1/area-clienti/login (customer area); each realm accepts only its own",
                }
            },
        },
    }


def render() -> str:
    """The document as committed: two-space indented JSON, keys in insertion order."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
