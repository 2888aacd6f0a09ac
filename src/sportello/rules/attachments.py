"""Attachment rules of the Sportello portals (AT-1..AT-6).

Which documents a send may carry (count, sizes, extensions, names, content), how to split a
set that is too big over several sends, and when the further sends may follow.

>>> from sportello.rules.attachments import Attachment, Service, check, plan_sends
>>> files = [Attachment.from_bytes(f"doc{i}.pdf", b"%PDF-1.7" + bytes(10)) for i in range(7)]
>>> [v.code for v in check(Service.SMART_HELP, files)]
['attachments.too_many']
>>> [len(send) for send in plan_sends(Service.SMART_HELP, files)]
[5, 2]
>>> check(Service.CONCILIAZIONE, files)
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO

from sportello._violations import Violation
from sportello.rules._archive import (
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_DEPTH,
    MAX_ARCHIVE_ENTRIES,
    MAX_ARCHIVE_RATIO,
    MAX_NESTED_BYTES,
    RATIO_FROM_BYTES,
    check_archive,
)
from sportello.rules._attachment_records import (
    ARCHIVE_EXTENSIONS,
    HEAD_SIZE,
    MB,
    Attachment,
    AttachmentPolicy,
    Service,
    extension_of,
    human_size,
    policy_for,
)
from sportello.rules._polyglot import TEXT_EXTENSIONS, check_body
from sportello.rules._send_plan import (
    EXACT_UP_TO,
    SPCEN_WORKING_DAYS,
    SendSequence,
    compact_spcen,
    is_valid_spcen,
    plan_sends,
    spcen_due,
)
from sportello.rules._sniff import EXPECTED_KINDS, check_content, sniff

__all__ = [
    "ARCHIVE_EXTENSIONS",
    "EXACT_UP_TO",
    "EXPECTED_KINDS",
    "HEAD_SIZE",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_DEPTH",
    "MAX_ARCHIVE_ENTRIES",
    "MAX_ARCHIVE_RATIO",
    "MAX_NAME_BYTES",
    "MAX_NESTED_BYTES",
    "MB",
    "RATIO_FROM_BYTES",
    "SPCEN_WORKING_DAYS",
    "TEXT_EXTENSIONS",
    "Attachment",
    "AttachmentPolicy",
    "SendSequence",
    "Service",
    "check",
    "check_archive",
    "check_body",
    "check_content",
    "check_file",
    "check_name",
    "compact_spcen",
    "extension_of",
    "human_size",
    "is_valid_spcen",
    "plan_sends",
    "policy_for",
    "sniff",
    "spcen_due",
]

#: The longest file name accepted, in bytes of UTF-8 (the common file-system limit).
MAX_NAME_BYTES = 255


#: The control characters of a name: C0 (NUL included), DEL and C1.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

#: A name :func:`check_name` has nothing to say about, whatever the rest: at most 63
#: characters (so at most 252 bytes of UTF-8), none a control character, a path separator or a
#: lone surrogate (not encodable as UTF-8). Blank, ``.`` and ``..`` are still checked.
_PLAIN = re.compile(r"[^\x00-\x1f\x7f-\x9f/\\\ud800-\udfff]{1,63}")


def check_name(nome: str, *, path: str = "") -> list[Violation]:
    """Problems with a file name as such: empty, path separators, ``.``/``..``, control
    characters (NUL included), not encodable as UTF-8, longer than :data:`MAX_NAME_BYTES`.

    >>> [v.code for v in check_name("../etc/passwd")]
    ['attachments.name_separator']
    >>> [v.code for v in check_name("a\\x00.pdf", path="allegati[0].nome")]
    ['attachments.name_control']
    >>> check_name("Bolletta marzo 2026.pdf")
    []

    A ``nome`` that is not a ``str`` gives ``attachments.not_text``.
    """
    raw: object = nome  # callers without type checks may pass anything
    if type(raw) is str and _PLAIN.fullmatch(nome) and nome.strip() not in ("", ".", ".."):
        return []  # the common case, in one pass: :func:`_name_problems` would find nothing
    return _name_problems(raw, path)


def _name_problems(raw: object, path: str) -> list[Violation]:
    """:func:`check_name`, every check one by one."""
    if not isinstance(raw, str):
        return [Violation.of("attachments.not_text", path=path, type=type(raw).__name__)]
    nome = raw
    if not nome.strip():
        return [Violation.of("attachments.name_empty", path=path)]
    found: list[Violation] = []
    if "/" in nome or "\\" in nome:
        found.append(Violation.of("attachments.name_separator", path=path, nome=nome))
    elif nome.strip() in (".", ".."):
        found.append(Violation.of("attachments.name_traversal", path=path, nome=nome))
    control = _CONTROL.search(nome)
    if control:
        found.append(
            Violation.of(
                "attachments.name_control", path=path, carattere=f"U+{ord(control[0]):04X}"
            )
        )
    try:
        size = len(nome.encode("utf-8"))
    except UnicodeEncodeError:
        found.append(Violation.of("attachments.name_not_utf8", path=path))
    else:
        if size > MAX_NAME_BYTES:
            found.append(
                Violation.of(
                    "attachments.name_too_long", path=path, max_bytes=MAX_NAME_BYTES, bytes=size
                )
            )
    return found


def check_file(fileobj: IO[bytes], *, nome: str, path: str = "") -> list[Violation]:
    """Every check that needs the whole file, not just its head: polyglots, then archives.

    :func:`check_body` (an executable anywhere, binary bytes in a text file, a zip hidden
    in a file of another kind), then, for an office document, :func:`check_archive` (the zip
    directory and every entry inflated under a hard cap). ``fileobj`` must be seekable; it is
    read in steps of at most 1 MB. What the head says is :func:`check`'s job.

    >>> import io
    >>> check_file(io.BytesIO(b"%PDF-1.7\\n" + bytes(100)), nome="bolletta.pdf")
    []
    >>> jar = io.BytesIO()
    >>> import zipfile
    >>> with zipfile.ZipFile(jar, "w") as z:
    ...     z.writestr("Main.class", b"\\xca\\xfe\\xba\\xbe")
    >>> pdf_and_jar = io.BytesIO(b"%PDF-1.7\\n" + jar.getvalue())
    >>> [(v.code, v.params["rilevato"]) for v in check_file(pdf_and_jar, nome="a.pdf")]
    [('attachments.polyglot', 'ZIP')]
    """
    found = check_body(fileobj, nome=nome, path=path)
    if found:
        return found
    fileobj.seek(0)
    return check_archive(fileobj, nome=nome, path=path)


def _check_one(policy: AttachmentPolicy, a: Attachment, path: str) -> list[Violation]:
    """Every violation of one document taken alone (name, extension, size, content)."""
    name_path = f"{path}.nome"  # path is allegati[i]: never empty
    found = check_name(a.nome, path=name_path)
    ext = extension_of(a.nome)
    if not ext:
        found.append(
            Violation.of(
                "attachments.missing_extension",
                path=name_path,
                rule=policy.extension_rule,
                consentite=policy.extensions,
            )
        )
    elif ext not in policy.extensions:
        found.append(
            Violation.of(
                "attachments.extension_not_allowed",
                path=name_path,
                rule=policy.extension_rule,
                estensione=ext,
                consentite=policy.extensions,
            )
        )
    cap = policy.file_cap
    if a.dimensione <= 0:
        found.append(Violation.of("attachments.empty", path=path))
    elif cap is not None and a.dimensione > cap:
        found.append(
            Violation.of(
                "attachments.file_too_large",
                path=path,
                rule=policy.limit_rule,
                max_file_bytes=cap,
                size_bytes=a.dimensione,
                max_file=human_size(cap),
                size=human_size(a.dimensione),
            )
        )
    found.extend(check_content(a.nome, a.head, path=path))
    return found


def check(
    service: Service | AttachmentPolicy, attachments: Sequence[Attachment]
) -> list[Violation]:
    """Every violation of one send, all at once (AT-1, AT-2, AT-3, AT-4).

    Per document (path ``allegati[i]`` or ``allegati[i].nome``): the name (see
    :func:`check_name`), the extension (AT-2, AT-4), an empty file, a file over 15 MB (AT-3;
    for the AT-1 services a file over the 15 MB total too, reported besides the total), content
    that does not match the extension or is an executable (:func:`check_content`).
    For the send (path ``allegati``): more than 5 documents, more than 15 MB together (AT-1).

    >>> big = Attachment(nome="scansione.PDF", dimensione=16 * MB, head=b"%PDF-1.4")
    >>> for v in check(Service.SMART_INFO, [big]):
    ...     print(v.code, v.rule, v.path)
    attachments.file_too_large AT-1 allegati[0]
    attachments.total_too_large AT-1 allegati
    >>> check(Service.CONCILIAZIONE, [big])[0].message()
    'Il documento supera la dimensione massima di 15 MB (è di 16 MB).'
    """
    policy = policy_for(service)
    found: list[Violation] = []
    for i, a in enumerate(attachments):
        found.extend(_check_one(policy, a, f"allegati[{i}]"))
    count = len(attachments)
    if policy.max_count is not None and count > policy.max_count:
        found.append(
            Violation.of(
                "attachments.too_many",
                path="allegati",
                rule=policy.limit_rule,
                max_count=policy.max_count,
                count=count,
            )
        )
    total = sum(a.dimensione for a in attachments)
    if policy.max_total_bytes is not None and total > policy.max_total_bytes:
        found.append(
            Violation.of(
                "attachments.total_too_large",
                path="allegati",
                rule=policy.limit_rule,
                max_total_bytes=policy.max_total_bytes,
                total_bytes=total,
                max_total=human_size(policy.max_total_bytes),
                total=human_size(total),
            )
        )
    return found


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
