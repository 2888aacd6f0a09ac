"""What the batch writes: the template, the check report and the export of the cases.

The export has one row per case the batch opened. Its columns are the row's reference and
number in the file, every field of the case as the client last read it (the ``Pratica``
record, nested records flattened to dotted columns, lists joined with ``; ``: a field the
server and the client add later, such as the conciliation's deadlines, becomes a column by
itself), the last event (its label and time), the documents (titles, and the files downloaded
by ``sync --documenti``) and the attachments uploaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sportello._messages import Lang
from sportello.batch._columns import Colonna, columns
from sportello.batch._journal import Journal
from sportello.batch._rows import Lotto
from sportello.batch._tables import write_csv, write_xlsx

__all__ = [
    "REPORT_HEADER",
    "VALUES_HEADER",
    "export_rows",
    "report_rows",
    "values_rows",
    "write_export",
    "write_report",
    "write_template",
]

#: The columns of the check report.
REPORT_HEADER = ("riga", "riferimento", "campo", "regola", "codice", "messaggio")
#: The columns of the allowed-values sheet.
VALUES_HEADER = ("colonna", "titolo", "obbligatorio", "tipo", "valore", "etichetta", "note")
#: Fields of the ``Pratica`` the export leaves out (the submitted form is the input file).
_SKIP = frozenset({"modulo"})


def _yes(flag: bool) -> str:
    return "sì" if flag else "no"


def values_rows(cols: Sequence[Colonna]) -> list[tuple[str, ...]]:
    """The allowed-values sheet: one row per value of a choice, one per other column."""
    hints = {
        "data": "AAAA-MM-GG oppure GG/MM/AAAA",
        "booleano": "sì / no",
        "scelte": "più valori separati da virgole",
    }
    out: list[tuple[str, ...]] = []
    for c in cols:
        note = hints.get(c.kind, c.description)
        if c.values:
            for code, label in c.values:
                out.append((c.path, c.title, _yes(c.required), c.kind, code, label, note))
        else:
            out.append((c.path, c.title, _yes(c.required), c.kind, "", "", note))
    return out


def write_template(form_cls: type, path: str | Path) -> tuple[Path, Path, int]:
    """Write the template of ``form_cls``: ``.xlsx`` (two sheets) or ``.csv`` (and its values).

    An XLSX has the sheet ``pratiche`` (the header, drop-down lists on the choices) and the
    sheet ``valori``; a CSV is the header alone, with the values in ``<name>.valori.csv``.
    Returns the template, where the values are, and the number of columns.
    """
    cols = columns(form_cls)
    header = [c.path for c in cols]
    values = values_rows(cols)
    target = Path(path)
    if target.suffix.lower() == ".xlsx":
        ranges: dict[int, str] = {}
        for i, c in enumerate(cols):
            lines = [n for n, v in enumerate(values, start=2) if v[0] == c.path]
            if c.kind == "scelta" and lines:
                ranges[i] = f"valori!$E${lines[0]}:$E${lines[-1]}"
        write_xlsx(
            target, [("pratiche", header, []), ("valori", VALUES_HEADER, values)], choices=ranges
        )
        return target, target, len(cols)
    guide = target.with_name(f"{target.stem}.valori.csv")
    write_csv(target, header, [])
    write_csv(guide, VALUES_HEADER, values)
    return target, guide, len(cols)


def report_rows(lotto: Lotto, lang: Lang) -> list[tuple[Any, ...]]:
    """One line per violation: the file's own first (row 1: the header), then each row's."""
    out: list[tuple[Any, ...]] = [
        (1, "", v.path, v.rule, v.code, v.message(lang)) for v in lotto.problems
    ]
    for riga in lotto.rows:
        out.extend(
            (riga.riga, riga.riferimento, v.path, v.rule, v.code, v.message(lang))
            for v in riga.violations
        )
    return out


def write_report(path: str | Path, lines: Iterable[Sequence[Any]]) -> None:
    """Write a report (CSV, or XLSX by the suffix)."""
    _write(path, REPORT_HEADER, list(lines))


def _flat(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(f"{prefix}.{k}" if prefix else str(k), v, out)
    elif isinstance(value, list):
        out[prefix] = "; ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
            for v in value
        )
    else:
        out[prefix] = value


def export_rows(journal: Journal) -> tuple[list[str], list[list[Any]]]:
    """The export's header and rows (one per case), from the journal."""
    records: list[dict[str, Any]] = []
    fields: dict[str, None] = {}
    for row in journal.rows():
        if row["numero"] is None:
            continue
        pratica = json.loads(row["pratica"] or "{}")
        flat: dict[str, Any] = {}
        _flat("", {k: v for k, v in pratica.items() if k not in _SKIP}, flat)
        fields.update(dict.fromkeys(flat))
        events = journal.events(row["numero"])
        docs = journal.documents(row["numero"])
        files = journal.files(row["riferimento"])
        last = events[-1] if events else None
        records.append(
            {
                **flat,
                "riferimento": row["riferimento"],
                "riga": row["riga"],
                "ultimo_evento": last["label"] if last else "",
                "ultimo_evento_il": last["quando"] if last else "",
                "documenti": "; ".join(d["titolo"] for d in docs),
                "documenti_file": "; ".join(d["file"] for d in docs if d["file"]),
                "allegati": "; ".join(f["nome"] for f in files if f["allegato"]),
                "allegati_mancanti": "; ".join(f["nome"] for f in files if not f["allegato"]),
            }
        )
    first = ["riferimento", "riga", "numero", "tipo", "stato", "stato_label"]
    tail = [
        "ultimo_evento",
        "ultimo_evento_il",
        "documenti",
        "documenti_file",
        "allegati",
        "allegati_mancanti",
    ]
    header = first + [f for f in fields if f not in first and f not in tail] + tail
    return header, [[r.get(h, "") for h in header] for r in records]


def write_export(journal: Journal, path: str | Path, *, formato: str | None = None) -> int:
    """Write the export, ``formato`` ``csv`` or ``xlsx`` (default: by the suffix); the count."""
    header, rows = export_rows(journal)
    _write(path, header, rows, formato)
    return len(rows)


def _write(
    path: str | Path, header: Sequence[str], rows: list[Any], formato: str | None = None
) -> None:
    if (formato or Path(path).suffix.lower().lstrip(".")) == "xlsx":
        write_xlsx(path, [("pratiche", header, rows)])
    else:
        write_csv(path, header, rows)
