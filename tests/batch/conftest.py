"""Fixtures of the batch tests: rows as a spreadsheet holds them, a sandbox, the CLI in-process.

Every request and answer the in-process runs exchange with a sandbox is validated against the
shipped ``openapi.json`` (the autouse ``on_contract`` fixture, as in ``tests/client``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.interop.wire import watching

from sportello.testing._forms import ESEMPI, ESEMPIO_PASSWORD
from sportello.testing._plugin import sportello_sandbox

__all__ = [
    "PASSWORD",
    "PDF",
    "cells",
    "on_contract",
    "smart_rows",
    "sportello_sandbox",
    "write_rows",
]

PASSWORD = ESEMPIO_PASSWORD
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def on_contract() -> Iterator[None]:
    """Validate all this test's HTTP traffic against openapi.json (openapi-core)."""
    with watching() as wire:
        yield
    assert not wire.problems, "\n".join(wire.problems[:5])


def cells(doc: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """A form document as the cells of one row: dotted columns, list items by index."""
    out: dict[str, str] = {}
    for key, value in doc.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(cells(value, f"{path}."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                out.update(cells(item, f"{path}[{i}]."))
        elif isinstance(value, list):
            out[path] = ", ".join(value)
        elif isinstance(value, bool):
            out[path] = "sì" if value else "no"
        else:
            out[path] = str(value)
    return out


def smart_rows(count: int, *, bad: frozenset[int] = frozenset()) -> list[dict[str, str]]:
    """``count`` SMART Help rows ``ASS-0001``...; the indexes in ``bad`` have a wrong CF."""
    rows = []
    for i in range(count):
        doc = copy.deepcopy(ESEMPI["RichiestaSmartHelp"])
        doc["descrizione"] = f"Bonus mai erogato, pratica dell'associazione n. {i + 1}."
        if i in bad:
            doc["cliente"]["codice_fiscale"] = "RSSMRA85T10A562X"
        rows.append({"riferimento": f"ASS-{i + 1:04d}", **cells(doc)})
    return rows


def write_rows(path: Path, rows: list[dict[str, str]], *, sep: str = ";") -> Path:
    """Write ``rows`` as a CSV (header: the union of their columns, in order)."""
    import csv

    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=sep)
        out.writerow(header)
        for row in rows:
            out.writerow([row.get(h, "") for h in header])
    return path
