"""The sandbox's SQLite store: the schema, one serialised connection, transactions.

One connection (``check_same_thread=False``) guarded by a lock: every read and every
transaction holds the lock, so work from the threadpool is serialised and a transaction sees
no one else's half-done writes. WAL journal with ``synchronous=FULL``: a committed answer
survives a crash, the machine's too; ``secure_delete``: a deleted row (an expired token
hash, a delivered e-mail job) is overwritten, not left in a free page. ``durable=False`` (the
test kit's sandboxes) uses ``synchronous=OFF``: a committed answer still survives the process
being killed, not a power loss, and a commit costs no fsync. Endpoints run their blocking store
work in the threadpool.

The schema is created on first start. A database made by an older sandbox whose
``idempotency`` table still holds answers in clear (no ``expires_at`` column) has that table
dropped and made again at start: stored answers are only a retry cache, and the old ones
held bearer tokens.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ADDED_COLUMNS", "SCHEMA", "Store"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT NOT NULL COLLATE NOCASE,
    nome TEXT NOT NULL,
    cognome TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]',
    registrata_il TEXT NOT NULL,
    reset_required INTEGER NOT NULL DEFAULT 0,
    incomplete INTEGER NOT NULL DEFAULT 0,
    dati TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS accounts_email ON accounts (email);
CREATE TABLE IF NOT EXISTS registrazioni (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT NOT NULL COLLATE NOCASE,
    nome TEXT NOT NULL,
    cognome TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    dati TEXT NOT NULL DEFAULT '{}',
    codice_hash TEXT NOT NULL UNIQUE,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS registrazioni_expiry ON registrazioni (expires_at);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    realm TEXT NOT NULL,
    subject INTEGER NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_subject ON tokens (realm, subject);
CREATE INDEX IF NOT EXISTS tokens_expiry ON tokens (expires_at);
CREATE TABLE IF NOT EXISTS reset_tokens (
    hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS reset_tokens_account ON reset_tokens (account_id);
CREATE INDEX IF NOT EXISTS reset_tokens_expiry ON reset_tokens (expires_at);
CREATE TABLE IF NOT EXISTS login_failures (
    realm TEXT NOT NULL,
    login TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until REAL NOT NULL,
    PRIMARY KEY (realm, login)
);
CREATE TABLE IF NOT EXISTS request_limits (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    window_start REAL NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS request_limits_window ON request_limits (window_start);
CREATE TABLE IF NOT EXISTS mail_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB,
    expires_at REAL NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at);
CREATE TABLE IF NOT EXISTS pratiche (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    numero TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL,
    tipo TEXT NOT NULL,
    stato TEXT NOT NULL,
    creata_il TEXT NOT NULL,
    aggiornata_il TEXT NOT NULL,
    modulo TEXT NOT NULL,
    destinatario TEXT NOT NULL,
    richiesti TEXT NOT NULL DEFAULT '[]',
    procedura TEXT,
    disponibilita TEXT,
    codice_spcen TEXT,
    spcen_entro TEXT
);
CREATE INDEX IF NOT EXISTS pratiche_account ON pratiche (account_id, seq);
CREATE TABLE IF NOT EXISTS allegati (
    id TEXT PRIMARY KEY,
    numero TEXT NOT NULL,
    nome TEXT NOT NULL,
    dimensione INTEGER NOT NULL,
    obbligatorio INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    caricato_il TEXT NOT NULL,
    file TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS allegati_numero ON allegati (numero);
CREATE TABLE IF NOT EXISTS documenti (
    id TEXT PRIMARY KEY,
    numero TEXT NOT NULL,
    titolo TEXT NOT NULL,
    tipo TEXT NOT NULL,
    creato_il TEXT NOT NULL,
    nome TEXT NOT NULL,
    media_type TEXT NOT NULL,
    contenuto BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS notifiche (
    id TEXT PRIMARY KEY,
    numero TEXT NOT NULL,
    evento TEXT NOT NULL,
    destinatario TEXT NOT NULL,
    oggetto TEXT NOT NULL,
    inviata_il TEXT NOT NULL,
    corpo TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    a TEXT NOT NULL,
    oggetto TEXT NOT NULL,
    corpo TEXT NOT NULL,
    dati TEXT NOT NULL,
    inviata_il TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clienti (
    id INTEGER PRIMARY KEY,
    codice_cliente TEXT NOT NULL UNIQUE,
    denominazione TEXT NOT NULL,
    codice_fiscale TEXT,
    partita_iva TEXT,
    indirizzo TEXT NOT NULL,
    telefono TEXT,
    fax TEXT,
    email TEXT,
    password_hash TEXT,
    history TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS punti (
    codice TEXT PRIMARY KEY,
    cliente_id INTEGER NOT NULL,
    fornitura TEXT NOT NULL,
    pod TEXT,
    pdr TEXT,
    indirizzo TEXT NOT NULL,
    correttore INTEGER NOT NULL,
    cifre INTEGER NOT NULL DEFAULT 8
);
CREATE TABLE IF NOT EXISTS contratti (
    codice TEXT PRIMARY KEY,
    cliente_id INTEGER NOT NULL,
    punto TEXT NOT NULL,
    offerta TEXT NOT NULL,
    data_inizio TEXT NOT NULL,
    domiciliazione INTEGER NOT NULL,
    iban TEXT,
    modalita TEXT NOT NULL,
    email TEXT
);
CREATE TABLE IF NOT EXISTS fatture (
    numero TEXT PRIMARY KEY,
    cliente_id INTEGER NOT NULL,
    punto TEXT NOT NULL,
    data_emissione TEXT NOT NULL,
    scadenza TEXT NOT NULL,
    importo TEXT NOT NULL,
    pdf BLOB
);
CREATE TABLE IF NOT EXISTS finestre (
    id INTEGER PRIMARY KEY,
    punto TEXT NOT NULL,
    dal TEXT NOT NULL,
    al TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS autoletture (
    id TEXT PRIMARY KEY,
    punto TEXT NOT NULL,
    data TEXT NOT NULL,
    contatore TEXT NOT NULL,
    correttore TEXT,
    stato TEXT NOT NULL,
    inserita_il TEXT NOT NULL,
    acquisita_il TEXT
);
CREATE TABLE IF NOT EXISTS prelievi (
    punto TEXT NOT NULL,
    anno INTEGER NOT NULL,
    mese INTEGER NOT NULL,
    energia TEXT NOT NULL,
    potenza TEXT NOT NULL,
    PRIMARY KEY (punto, anno, mese)
);
CREATE TABLE IF NOT EXISTS misure (
    punto TEXT NOT NULL,
    inizio TEXT NOT NULL,
    energia TEXT NOT NULL,
    PRIMARY KEY (punto, inizio)
);
CREATE TABLE IF NOT EXISTS schede (
    cliente_id INTEGER NOT NULL,
    punto TEXT NOT NULL,
    tipo TEXT NOT NULL,
    dati TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documenti_cliente (
    id TEXT PRIMARY KEY,
    cliente_id INTEGER NOT NULL,
    titolo TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket (
    id TEXT PRIMARY KEY,
    cliente_id INTEGER NOT NULL,
    oggetto TEXT NOT NULL,
    stato TEXT NOT NULL,
    aperto_il TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS eventi (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    numero TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    tipo TEXT NOT NULL,
    quando TEXT NOT NULL,
    dati TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS eventi_numero ON eventi (numero, seq);
CREATE INDEX IF NOT EXISTS eventi_account ON eventi (account_id, seq);
"""


def _drop_legacy_idempotency(db: sqlite3.Connection) -> None:
    """Drop an ``idempotency`` table of the old layout (answers kept in clear, no expiry)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(idempotency)")}
    if columns and "expires_at" not in columns:
        db.execute("DROP TABLE idempotency")


#: Columns added after a table was first published: (table, column, its declaration). A
#: database made by an older sandbox gets them when it is opened.
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("notifiche", "corpo", "TEXT NOT NULL DEFAULT ''"),
    ("pratiche", "procedura", "TEXT"),
    ("pratiche", "disponibilita", "TEXT"),
    ("pratiche", "codice_spcen", "TEXT"),
    ("pratiche", "spcen_entro", "TEXT"),
)


def _migrate(db: sqlite3.Connection) -> None:
    for table, column, decl in ADDED_COLUMNS:
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


class Store:
    """The SQLite database of one sandbox (created on first use).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     store = Store(pathlib.Path(d) / "s.sqlite3")
    ...     with store.transaction() as db:
    ...         _ = db.execute("INSERT INTO meta VALUES ('a', '1')")
    ...     with store.read() as db:
    ...         print(db.execute("SELECT value FROM meta").fetchone()["value"])
    ...     store.close()
    1
    """

    def __init__(self, path: str | Path, *, durable: bool = True) -> None:
        self.path = Path(path)
        self.durable = durable
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'OFF'}")
        self._db.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed, not left behind
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._lock:
            _drop_legacy_idempotency(self._db)
            self._db.executescript(SCHEMA)
            _migrate(self._db)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed on exit, rolled back on error.

        A ``COMMIT`` that fails (a deferred constraint, a full disk) leaves SQLite's
        transaction open: it is rolled back too, so the error reaches the caller and the
        connection is ready for the next transaction.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (serialised with the writes)."""
        with self._lock:
            yield self._db

    def snapshot(self) -> sqlite3.Connection:
        """An in-memory copy of the whole database (SQLite's backup API), for :meth:`restore`.

        Every table is in it, whatever the schema holds by then: a table added later needs
        nothing to be snapshotted and restored.
        """
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        with self._lock:
            self._db.backup(copy)
        return copy

    def restore(self, snapshot: sqlite3.Connection) -> None:
        """Make the database exactly the ``snapshot`` again (pages copied, one lock held).

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as d:
        ...     store = Store(pathlib.Path(d) / "s.sqlite3", durable=False)
        ...     empty = store.snapshot()
        ...     with store.transaction() as db:
        ...         _ = db.execute("INSERT INTO meta VALUES ('a', '1')")
        ...     store.restore(empty)
        ...     with store.read() as db:
        ...         print(db.execute("SELECT count(*) FROM meta").fetchone()[0])
        ...     store.close()
        0
        """
        with self._lock:
            snapshot.backup(self._db)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()
