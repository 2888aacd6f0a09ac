"""What a killed process left on disk, deleted at startup (the lock held, nothing served yet).

Partial uploads live in ``<data-dir>/tmp/`` and are never listed: every file there is garbage
at startup. A committed upload's file is renamed into ``<data-dir>/allegati/`` inside the
transaction that inserts its row and removed again when that transaction fails: only a
process killed between the rename and the commit leaves a file no row lists.
"""

from __future__ import annotations

from pathlib import Path

from sportello.sandbox._store import Store

__all__ = ["clean_tmp", "clean_unlisted"]


def clean_tmp(tmp_dir: Path) -> int:
    """Delete every file in ``tmp_dir`` (partial uploads); the count removed."""
    removed = 0
    for leftover in tmp_dir.iterdir():
        if leftover.is_file() or leftover.is_symlink():
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


def clean_unlisted(store: Store, files_dir: Path) -> int:
    """Delete the files of ``files_dir`` that no attachment row of ``store`` lists; the count."""
    with store.read() as db:
        listed = {row["file"] for row in db.execute("SELECT file FROM allegati")}
    removed = 0
    for found in files_dir.iterdir():
        if found.name not in listed and (found.is_file() or found.is_symlink()):
            found.unlink(missing_ok=True)
            removed += 1
    return removed
