"""Build the API contract, ``sportello/openapi.json`` (OpenAPI 3.1), from Python.

The committed JSON is the contract; this module is how it is written, and
``tests/sandbox/test_openapi.py`` checks that the committed file equals :func:`build`.
Regenerate with ``python -m sportello.sandbox._openapi_build > src/sportello/openapi.json``.

Change rule: once published, the contract only grows (new paths, new optional fields,
new codes); nothing is renamed or removed.
"""

from __future__ import annotations

import json
import sys

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
        "servers": [{"url": "http://127.0.0.1:8000"}],
        "tags": [
            {"name": "auth", "description": "Consumer desk accounts (AU-1..AU-4, PW-1..PW-4)"},
            {"name": "pratiche", "description": "Cases, attachments, documents, notifications"},
            {"name": "area-clienti", "description": "A utility's customer area (UP, RD, EB)"},
            {"name": "sandbox", "description": "Sandbox controls, not part of the public API"},
        ],
        "paths": paths(),
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
