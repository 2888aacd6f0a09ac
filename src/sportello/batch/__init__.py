"""Batch work for associations: many cases from one CSV or XLSX file, followed and exported.

>>> from sportello.batch import columns, submission_key
>>> from sportello.forms import RichiestaSmartHelp
>>> [c.path for c in columns(RichiestaSmartHelp)][:3]
['riferimento', 'materia', 'canale']

The pieces, each usable from Python as the ``sportello batch`` command uses them:
:func:`columns` and :func:`write_template` (the template), :func:`read_table` and
:func:`load_rows` (every row as the form, checked, its files found, nothing sent),
:class:`Journal` (what was done, beside the input), :func:`submit` and :func:`sync` (against
an :class:`sportello.client.AsyncClient`), :func:`write_export`. See ``docs/batch.md``.
"""

from __future__ import annotations

from sportello.batch._columns import LIST_ROWS, RIFERIMENTO, Colonna, columns
from sportello.batch._export import (
    export_rows,
    report_rows,
    write_export,
    write_report,
    write_template,
)
from sportello.batch._journal import Journal, journal_path
from sportello.batch._rows import CASE_FORMS, File, Lotto, Riga, load_rows, submission_key
from sportello.batch._run import Esito, EsitoSync, UnavailableError, plan, submit, sync
from sportello.batch._tables import read_table, write_csv, write_xlsx

__all__ = [
    "CASE_FORMS",
    "LIST_ROWS",
    "RIFERIMENTO",
    "Colonna",
    "Esito",
    "EsitoSync",
    "File",
    "Journal",
    "Lotto",
    "Riga",
    "UnavailableError",
    "columns",
    "export_rows",
    "journal_path",
    "load_rows",
    "plan",
    "read_table",
    "report_rows",
    "submission_key",
    "submit",
    "sync",
    "write_csv",
    "write_export",
    "write_report",
    "write_template",
    "write_xlsx",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
