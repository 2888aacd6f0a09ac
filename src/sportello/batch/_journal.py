"""The journal of a batch: a SQLite file beside the input that remembers what was done.

``pratiche.csv`` -> ``pratiche.csv.journal.sqlite3``. For each row (by its ``riferimento``) it
keeps the submission's ``Idempotency-Key``, the case number once the server acknowledged it,
the case as last seen, and for each file its SHA-256, its upload key and the attachment's id;
the change feed's cursor and the events read from it; the documents downloaded.

A step is written to the journal in one transaction right after the server acknowledged it.
Keys are derived (:func:`sportello.batch.submission_key`,
:func:`sportello.client.upload_key`), so a step whose acknowledgement was lost (a kill -9
between the answer and the journal write, a network loss) is repeated with the same key and
the server answers with what it did the first time: nothing is created twice. WAL journal,
``synchronous=NORMAL``: a committed step survives the process being killed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sportello._violations import ValidationError, Violation

__all__ = ["ESITI", "SCHEMA", "Journal", "journal_path", "violations_of"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS righe (
    riferimento TEXT PRIMARY KEY,
    riga INTEGER NOT NULL,
    chiave TEXT NOT NULL,
    esito TEXT NOT NULL,
    numero TEXT UNIQUE,
    violazioni TEXT NOT NULL DEFAULT '[]',
    pratica TEXT,
    inviata_il TEXT,
    da_aggiornare INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS allegati (
    riferimento TEXT NOT NULL,
    nome TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    chiave TEXT NOT NULL,
    obbligatorio INTEGER NOT NULL,
    allegato TEXT,
    violazioni TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (riferimento, nome)
);
CREATE TABLE IF NOT EXISTS eventi (
    id TEXT PRIMARY KEY,
    numero TEXT NOT NULL,
    tipo TEXT NOT NULL,
    label TEXT NOT NULL,
    quando TEXT NOT NULL,
    dati TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS eventi_numero ON eventi (numero, quando);
CREATE TABLE IF NOT EXISTS documenti (
    id TEXT PRIMARY KEY,
    numero TEXT NOT NULL,
    titolo TEXT NOT NULL,
    tipo TEXT NOT NULL,
    creato_il TEXT NOT NULL,
    file TEXT
);
"""

#: What a row's ``esito`` may be.
ESITI = ("non_valida", "da_inviare", "inviata", "rifiutata")


def journal_path(file: str | Path) -> Path:
    """The journal beside ``file``: ``<file>.journal.sqlite3``.

    >>> journal_path("lotti/pratiche.csv").as_posix()
    'lotti/pratiche.csv.journal.sqlite3'
    """
    path = Path(file)
    return path.with_name(f"{path.name}.journal.sqlite3")


def _violations(items: Any) -> str:
    return json.dumps(
        [{"code": v.code, "path": v.path, "params": dict(v.params)} for v in items],
        ensure_ascii=False,
        default=str,
    )


def violations_of(text: str) -> tuple[Violation, ...]:
    """The violations a journal column holds."""
    return tuple(
        Violation.of(d["code"], path=d["path"], **d["params"]) for d in json.loads(text or "[]")
    )


class Journal:
    """One batch's journal (created on first use; ``with Journal(path) as j: ...``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on exit, rolled back on an error."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # meta --------------------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        """A value of ``meta``."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set(self, db: sqlite3.Connection, key: str, value: str) -> None:
        """Set a value of ``meta`` (inside :meth:`transaction`)."""
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def bind(self, form: str) -> None:
        """Tie the journal to ``form`` (the first time), or refuse another form.

        Raises:
            ValidationError: ``batch.form_mismatch``.
        """
        found = self.get("form")
        if found is None:
            with self.transaction() as db:
                self.set(db, "form", form)
                self.set(db, "versione", "1")
        elif found != form:
            raise ValidationError(
                [
                    Violation.of(
                        "batch.form_mismatch", journal=str(self.path), found=found, form=form
                    )
                ]
            )

    # rows --------------------------------------------------------------------------------

    def plan(self, riga: Any, chiave: str) -> None:
        """Record a row read from the file: invalid, or to send with its files (not if sent)."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT esito FROM righe WHERE riferimento = ?", (riga.riferimento,)
            ).fetchone()
            if row is not None and row["esito"] == "inviata":
                db.execute(
                    "UPDATE righe SET riga = ? WHERE riferimento = ?", (riga.riga, riga.riferimento)
                )
            else:
                esito = "da_inviare" if riga.valid else "non_valida"
                db.execute(
                    "INSERT OR REPLACE INTO righe (riferimento, riga, chiave, esito, violazioni)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (riga.riferimento, riga.riga, chiave, esito, _violations(riga.violations)),
                )
            for f in riga.files:
                db.execute(
                    "INSERT OR IGNORE INTO allegati (riferimento, nome, sha256, chiave,"
                    " obbligatorio) VALUES (?, ?, ?, '', ?)",
                    (riga.riferimento, f.nome, f.sha256, int(f.obbligatorio)),
                )
                db.execute(
                    "UPDATE allegati SET sha256 = ? WHERE riferimento = ? AND nome = ?"
                    " AND allegato IS NULL",
                    (f.sha256, riga.riferimento, f.nome),
                )

    def row(self, riferimento: str) -> sqlite3.Row | None:
        """The journal's record of a row."""
        found: sqlite3.Row | None = self._db.execute(
            "SELECT * FROM righe WHERE riferimento = ?", (riferimento,)
        ).fetchone()
        return found

    def rows(self) -> list[sqlite3.Row]:
        """Every row, in the file's order."""
        return self._db.execute("SELECT * FROM righe ORDER BY riga").fetchall()

    def sent(self, riferimento: str, pratica: dict[str, Any]) -> None:
        """The case of a row was acknowledged."""
        with self.transaction() as db:
            db.execute(
                "UPDATE righe SET esito = 'inviata', numero = ?, pratica = ?, inviata_il ="
                " coalesce(inviata_il, ?), violazioni = '[]' WHERE riferimento = ?",
                (
                    pratica["numero"],
                    json.dumps(pratica, ensure_ascii=False, default=str),
                    pratica.get("creata_il", ""),
                    riferimento,
                ),
            )

    def refused(self, riferimento: str, violations: Any) -> None:
        """The server refused a row's case."""
        with self.transaction() as db:
            db.execute(
                "UPDATE righe SET esito = 'rifiutata', violazioni = ? WHERE riferimento = ?",
                (_violations(violations), riferimento),
            )

    def files(self, riferimento: str) -> list[sqlite3.Row]:
        """A row's files, in name order."""
        return self._db.execute(
            "SELECT * FROM allegati WHERE riferimento = ? ORDER BY nome", (riferimento,)
        ).fetchall()

    def attached(self, riferimento: str, nome: str, chiave: str, allegato: str) -> None:
        """A file was acknowledged as the attachment ``allegato`` (uploaded with ``chiave``)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE allegati SET allegato = ?, chiave = ?, violazioni = '[]'"
                " WHERE riferimento = ? AND nome = ?",
                (allegato, chiave, riferimento, nome),
            )

    def file_refused(self, riferimento: str, nome: str, violations: Any) -> None:
        """The server refused a file."""
        with self.transaction() as db:
            db.execute(
                "UPDATE allegati SET violazioni = ? WHERE riferimento = ? AND nome = ?",
                (_violations(violations), riferimento, nome),
            )

    def update_pratica(self, db: sqlite3.Connection, pratica: dict[str, Any]) -> None:
        """Keep the case as last seen (inside :meth:`transaction`); it is no longer stale."""
        db.execute(
            "UPDATE righe SET pratica = ?, da_aggiornare = 0 WHERE numero = ?",
            (json.dumps(pratica, ensure_ascii=False, default=str), pratica["numero"]),
        )

    def stale(self) -> list[sqlite3.Row]:
        """The rows whose case the feed said changed, not yet read again."""
        return self._db.execute(
            "SELECT * FROM righe WHERE da_aggiornare = 1 ORDER BY riga"
        ).fetchall()

    def numeri(self) -> dict[str, str]:
        """Case number -> riferimento, for every case the batch opened."""
        rows = self._db.execute("SELECT numero, riferimento FROM righe WHERE numero IS NOT NULL")
        return {r["numero"]: r["riferimento"] for r in rows}

    # follow-up ---------------------------------------------------------------------------

    def events(self, numero: str) -> list[sqlite3.Row]:
        """The events of a case read from the feed, oldest first."""
        return self._db.execute(
            "SELECT * FROM eventi WHERE numero = ? ORDER BY quando, rowid", (numero,)
        ).fetchall()

    def documents(self, numero: str) -> list[sqlite3.Row]:
        """The documents of a case read from the feed."""
        return self._db.execute(
            "SELECT * FROM documenti WHERE numero = ? ORDER BY creato_il, rowid", (numero,)
        ).fetchall()

    def counts(self) -> dict[str, int]:
        """How many rows have each ``esito``, and how many files are attached or pending."""
        found: dict[str, int] = dict.fromkeys(ESITI, 0)
        for row in self._db.execute("SELECT esito, count(*) AS n FROM righe GROUP BY esito"):
            found[row["esito"]] = row["n"]
        row = self._db.execute(
            "SELECT count(allegato) AS fatti, count(*) - count(allegato) AS mancanti FROM"
            " allegati JOIN righe USING (riferimento) WHERE righe.esito != 'non_valida'"
        ).fetchone()
        found["allegati"] = row["fatti"]
        found["allegati_mancanti"] = row["mancanti"]
        return found
