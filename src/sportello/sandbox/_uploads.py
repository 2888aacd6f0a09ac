"""Attachments streamed to disk with their limits enforced while reading (AT-1..AT-4, CO-6).

The body is written chunk by chunk to a temporary file in the data directory; reading stops as
soon as the file exceeds its cap by one byte (the partial file is deleted, nothing is listed).
The name is checked as sent (a path separator or ``..`` is refused, never cut away). A
complete file is checked with the attachment rules (count, sizes, extension, name, content
sniffed from the first bytes, then the whole file: polyglots, and an office document's zip
inflated under a hard cap) and only then committed: the limits checked again inside the
committing transaction, the file renamed into place and listed by one row in it, so a
half-written attachment is never listed and a failed commit leaves no file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import attrs
from starlette.concurrency import run_in_threadpool

from sportello._violations import Violation
from sportello.rules.attachments import (
    HEAD_SIZE,
    Attachment,
    Service,
    check,
    check_file,
    check_name,
    policy_for,
)
from sportello.sandbox._problems import ProblemError

__all__ = [
    "DRAIN_MAX",
    "Received",
    "cap_for",
    "place",
    "precheck",
    "receive",
    "recheck",
    "refuse_raw_name",
    "sanitize_name",
    "service_for",
    "status_for",
]

#: Bytes read and dropped after the limit before the connection is given up.
DRAIN_MAX = 64 * 1024 * 1024

_SIZE_CODES = frozenset(
    {"attachments.too_many", "attachments.total_too_large", "attachments.file_too_large"}
)
_TYPE_CODES = frozenset(
    {
        "attachments.extension_not_allowed",
        "attachments.missing_extension",
        "attachments.executable",
        "attachments.content_mismatch",
        "attachments.content_unrecognized",
        "attachments.archive_bomb",
        "attachments.archive_invalid",
        "attachments.archive_nested",
        "attachments.archive_too_many_entries",
        "attachments.polyglot",
    }
)


def service_for(tipo: str) -> Service:
    """The attachment service of a case type: AT-3/AT-4 for conciliation, AT-1/AT-2 else.

    >>> service_for("conciliazione").value, service_for("segnalazione").value
    ('conciliazione', 'informazioni_segnalazioni')
    """
    return {
        "conciliazione": Service.CONCILIAZIONE,
        "smart_help": Service.SMART_HELP,
    }.get(tipo, Service.INFORMAZIONI_SEGNALAZIONI)


def sanitize_name(raw: str) -> str:
    """The file's own name: the last path component, NFC, trimmed (the rules check the rest).

    >>> sanitize_name("C:\\\\Documenti\\\\bolletta marzo.pdf"), sanitize_name("../../a.pdf")
    ('bolletta marzo.pdf', 'a.pdf')
    """
    name = re.split(r"[\\/]", raw)[-1]
    return unicodedata.normalize("NFC", name).strip()


def refuse_raw_name(raw: str) -> None:
    """Refuse a name as sent that holds a path separator, ``.``/``..`` or a control character.

    The check runs on the name exactly as the client sent it, before :func:`sanitize_name`:
    ``../../etc/passwd.pdf`` is refused with ``attachments.name_separator`` (it is never
    reduced to ``passwd.pdf``), so no name can point outside the attachment store (the check is
    :func:`sportello.rules.attachments.check_name`; the seeds name no rule for it).

    Raises:
        ProblemError: 422 with every violation of the name.
    """
    bad = check_name(raw, path="nome")
    if bad:
        raise ProblemError(422, bad)


def status_for(violations: Sequence[Violation]) -> int:
    """413 for a size or count limit (AT-1, AT-3), 415 for a type (AT-2, AT-4), else 422."""
    codes = {v.code for v in violations}
    if codes & _SIZE_CODES:
        return 413
    if codes & _TYPE_CODES:
        return 415
    return 422


def cap_for(service: Service, existing: Sequence[Attachment]) -> int | None:
    """The most bytes the next document may have, given those already on the case (AT-1, AT-3).

    >>> from sportello.rules.attachments import MB
    >>> cap_for(Service.SMART_HELP, [Attachment("a.pdf", 10 * MB)]) == 5 * MB
    True
    """
    policy = policy_for(service)
    caps = [c for c in (policy.max_file_bytes, policy.max_total_bytes) if c is not None]
    if policy.max_total_bytes is not None:
        caps.append(policy.max_total_bytes - sum(a.dimensione for a in existing))
    return max(0, min(caps)) if caps else None


@attrs.frozen
class Received:
    """A complete upload waiting to be committed: its temp file, size, digest and head."""

    temp: Path
    nome: str
    dimensione: int
    sha256: str
    head: bytes = attrs.field(repr=False)


def _refuse(
    service: Service, existing: Sequence[Attachment], new: Attachment, *, index: int
) -> ProblemError | None:
    found = check(service, [*existing, new])
    mine = [
        v
        for v in found
        if v.path in ("allegati", f"allegati[{index}]") or v.path.startswith(f"allegati[{index}].")
    ]
    if not mine:
        return None
    return ProblemError(
        status_for(mine),
        [attrs.evolve(v, path=v.path.replace(f"allegati[{index}]", "allegato")) for v in mine],
    )


def recheck(service: Service, existing: Sequence[Attachment], got: Received) -> None:
    """AT-1, AT-3 at commit: refuse ``got`` if the case's attachments now leave no room.

    Called inside the transaction that inserts the row, with the attachments read in that
    transaction: uploads to one case that arrive together are each checked against the ones
    committed before it, so 12 simultaneous uploads to a SMART Help case store 5, never 12.

    Raises:
        ProblemError: 413 ``attachments.too_many`` / ``attachments.total_too_large``.
    """
    new = Attachment(nome=got.nome, dimensione=got.dimensione, head=got.head)
    problem = _refuse(service, existing, new, index=len(existing))
    if problem is not None:
        raise problem


def place(got: Received, final: Path) -> None:
    """Rename the checked temp file to ``final`` and make the rename durable (the directory).

    Called inside the transaction that inserts the attachment's row: if that transaction
    fails the caller deletes ``final``, and a process killed in between leaves a file without
    a row, which the next start deletes (:func:`~sportello.sandbox._cleanup.clean_unlisted`).
    """
    os.replace(got.temp, final)
    if hasattr(os, "O_DIRECTORY"):  # POSIX: fsync the directory that holds the new name
        fd = os.open(final.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def precheck(service: Service, existing: Sequence[Attachment], nome: str) -> None:
    """Refuse before reading: a bad name or extension, or a send already full (AT-1..AT-4).

    Raises:
        ProblemError: 422 for the name, 415 for the extension, 413 for the count.
    """
    bad_name = check_name(nome, path="nome")
    if bad_name:
        raise ProblemError(422, bad_name)
    probe = Attachment(nome=nome, dimensione=1, head=b"")
    problem = _refuse(service, existing, probe, index=len(existing))
    if problem is not None:
        raise problem


def _check_whole(temp: Path, nome: str) -> list[Violation]:
    """:func:`sportello.rules.attachments.check_file` on the complete temp file."""
    with temp.open("rb") as done:
        return check_file(done, nome=nome, path="allegato")


async def receive(
    chunks: AsyncIterator[bytes],
    *,
    service: Service,
    existing: Sequence[Attachment],
    nome: str,
    tmp_dir: Path,
) -> Received:
    """Stream ``chunks`` to a temp file, stopping at the cap + 1 byte; check the whole file.

    A complete file that passes the head's checks is read whole, in the threadpool, by
    :func:`sportello.rules.attachments.check_file`: an executable or a zip hidden after a
    valid head, binary bytes in a text file, and for an office document the zip directory and
    every entry inflated under a hard cap (a zip bomb, lying sizes, nested archives) are
    refused like lying content.

    Raises:
        ProblemError: 413 over a limit (the partial file is deleted), 415 for content that
            does not match the extension or a zip bomb, 422 for an empty file.
    """
    cap = cap_for(service, existing)
    temp = tmp_dir / f"upload-{secrets.token_hex(16)}.part"
    digest = hashlib.sha256()
    head = bytearray()
    size = drained = 0
    over = False
    try:
        with temp.open("xb") as out:
            async for chunk in chunks:
                if over:
                    # Read (and drop) the rest, so the client can read our 413; give up on a
                    # body far over the limit (the connection is then closed).
                    drained += len(chunk)
                    if drained > DRAIN_MAX:
                        break
                    continue
                if not chunk:
                    continue
                if cap is not None and size + len(chunk) > cap:
                    chunk = chunk[: cap + 1 - size]  # noqa: PLW2901 - keep only limit + 1
                    over = True
                size += len(chunk)
                digest.update(chunk)
                if len(head) < HEAD_SIZE:
                    head.extend(chunk[: HEAD_SIZE - len(head)])
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        new = Attachment(nome=nome, dimensione=size, head=bytes(head))
        problem = _refuse(service, existing, new, index=len(existing))
        found = list(problem.violations) if problem is not None else []
        if not over:
            found.extend(await run_in_threadpool(_check_whole, temp, nome))
        if found:
            raise ProblemError(status_for(found), found)  # noqa: TRY301 - deleted below
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return Received(temp, nome, size, digest.hexdigest(), bytes(head))
