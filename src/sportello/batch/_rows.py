"""The rows of a batch file as forms: each row loaded, its files found and checked, all locally.

A row becomes the form's JSON document (cells by their column's dotted path), then goes
through :func:`sportello.forms.load`, so a row is refused exactly as the portal and the server
refuse the form (CO-1..CO-5, SH-1..SH-3 and the rest, each violation with its path, which is
the column's name). Cells are read as a spreadsheet user writes them:

- ``booleano``: ``sì``/``si``/``x``/``true``/``1`` or ``no``/``false``/``0``;
- ``data``: ``AAAA-MM-GG`` or ``GG/MM/AAAA`` (Excel's Italian format);
- ``scelta``: the value's code or its label, in any case;
- ``scelte``: several values separated by commas or semicolons;
- a list of records (``allegati[0].tipo``, ``allegati[2].nome``): the items filled in, in
  index order (a violation names the column the user wrote).

``riferimento`` is the caller's code of the row: required, unique in the file, 1 to 64 of
letters, digits, ``.``, ``_``, ``-``. A row's files are the regular files of
``<allegati>/<riferimento>/`` (names starting with a dot are skipped), checked as one send
before anything is sent (AT-1..AT-4, through the client's own check); for a conciliation the
documents the form lists (``allegati[i].nome``) must be there (CO-6), and those the procedure
requires are uploaded as ``obbligatorio``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from sportello._violations import ValidationError, Violation
from sportello.batch._columns import RIFERIMENTO, Colonna, columns
from sportello.batch._tables import Table

__all__ = [
    "CASE_FORMS",
    "KEY_PREFIX",
    "File",
    "Lotto",
    "Riga",
    "load_rows",
    "submission_key",
]

#: The forms a batch can submit, and the kind of case (``Pratica.tipo``) each opens.
CASE_FORMS: dict[str, str] = {
    "DomandaConciliazione": "conciliazione",
    "RichiestaSmartHelp": "smart_help",
    "RichiestaInformazioni": "informazioni",
    "Segnalazione": "segnalazione",
}
#: The start of every submission key (:func:`submission_key`).
KEY_PREFIX = "sportello-batch-v1-"

_RIF = re.compile(r"[A-Za-z0-9._-]{1,64}")
_INDEX = re.compile(r"\[(\d+)\]")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YES = {"sì", "si", "s", "x", "true", "vero", "1", "yes", "y"}
_NO = {"no", "n", "false", "falso", "0"}


def submission_key(form: str, riferimento: str) -> str:
    """The ``Idempotency-Key`` of the row ``riferimento`` of a batch of ``form``.

    ``"sportello-batch-v1-" + hex(SHA-256("sportello-batch-v1" NUL form NUL riferimento))``:
    the same reference always gets the same key, so a re-run (even without the journal)
    never opens a second case; the same reference with another content is refused by the
    server (409) rather than taken for a new case.

    >>> submission_key("RichiestaSmartHelp", "ASS-001")[:32]
    'sportello-batch-v1-c4ff5b86de6f2'
    """
    digest = hashlib.sha256(f"sportello-batch-v1\0{form}\0{riferimento}".encode())
    return KEY_PREFIX + digest.hexdigest()


@attrs.frozen
class File:
    """One file of a row: its name, where it is, its SHA-256 and the CO-6 flag."""

    nome: str
    path: Path
    sha256: str
    obbligatorio: bool = False


@attrs.frozen
class Riga:
    """One row of the file, loaded.

    Attributes:
        riga: its row number in the sheet (the header is row 1).
        riferimento: the caller's code of the row.
        form: the loaded form, ``None`` when the row has violations.
        violations: everything wrong with the row (paths: its columns, or its files).
        files: the files to attach, in name order.
    """

    riga: int
    riferimento: str
    form: Any = attrs.field(default=None, repr=False)
    violations: tuple[Violation, ...] = ()
    files: tuple[File, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the row may be sent."""
        return not self.violations


@attrs.frozen
class Lotto:
    """A whole file: the form, the rows, and what is wrong with the file itself."""

    form: type
    rows: tuple[Riga, ...]
    problems: tuple[Violation, ...] = ()

    @property
    def valid_rows(self) -> tuple[Riga, ...]:
        """The rows that may be sent."""
        return tuple(r for r in self.rows if r.valid)


def _generic(path: str) -> str:
    return _INDEX.sub("[0]", path)


def _boolean(text: str, path: str) -> tuple[Any, Violation | None]:
    low = text.lower()
    if low in _YES:
        return True, None
    if low in _NO:
        return False, None
    return None, Violation.of("batch.boolean_invalid", path=path)


def _value(  # noqa: PLR0911 - one return per kind of column
    col: Colonna, text: str, path: str
) -> tuple[Any, Violation | None]:
    if col.kind == "booleano":
        return _boolean(text, path)
    if col.kind == "data":
        found = _DMY.fullmatch(text)
        if found:
            day, month, year = found.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}", None
        return text, None
    if col.kind == "scelta":
        for code, label in col.values:
            if text.lower() in (code.lower(), label.lower()):
                return code, None
        return text, None
    if col.kind == "scelte":
        return [part.strip() for part in re.split(r"[,;]", text) if part.strip()], None
    return text, None


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at a dotted path with list indexes (``allegati[2].nome``)."""
    parts = path.split(".")
    node: Any = doc
    for i, part in enumerate(parts):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        last = i == len(parts) - 1
        if m:
            items = node.setdefault(m[1], {})
            index = int(m[2])
            if last:
                items[index] = value
            else:
                node = items.setdefault(index, {})
        elif last:
            node[part] = value
        else:
            node = node.setdefault(part, {})


def _lists(node: Any, where: str, remap: dict[str, str]) -> Any:
    """Index dicts as lists, in index order; ``remap`` maps each new path to the written one."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        out = []
        for new, old in enumerate(sorted(node)):
            remap[f"{where}[{new}]"] = f"{where}[{old}]"
            out.append(_lists(node[old], f"{where}[{new}]", remap))
        return out
    return {k: _lists(v, f"{where}.{k}" if where else k, remap) for k, v in node.items()}


def _relocate(v: Violation, remap: dict[str, str]) -> Violation:
    path = v.path
    for new in sorted(remap, key=len, reverse=True):
        if path == new or path.startswith((f"{new}.", f"{new}[")):
            path = remap[new] + path[len(new) :]
            break
    return attrs.evolve(v, path=path) if path != v.path else v


def _files(form: Any, riferimento: str, folder: Path, tipo: str) -> tuple[list[File], list[Any]]:
    """The row's files and the violations of them (paths ``<riferimento>/<nome>``)."""
    from sportello.client.resources._calls import prepare_uploads

    where = folder / riferimento
    paths = (
        sorted(p for p in where.iterdir() if p.is_file() and not p.name.startswith("."))
        if where.is_dir()
        else []
    )
    found: list[Violation] = []
    declared = {a.nome: a for a in getattr(form, "allegati", None) or () if a.nome}
    names = {p.name for p in paths}
    for i, a in enumerate(getattr(form, "allegati", None) or ()):
        if a.nome and a.nome not in names:
            found.append(
                Violation.of(
                    "batch.allegato_missing",
                    path=f"allegati[{i}].nome",
                    nome=a.nome,
                    cartella=str(where),
                )
            )
    if paths:
        try:
            prepare_uploads(paths, tipo)
        except ValidationError as err:
            for v in err.violations:
                m = re.match(r"allegati\[(\d+)\](.*)", v.path)
                place = f"{riferimento}/{paths[int(m[1])].name}" if m else f"{riferimento}/"
                found.append(attrs.evolve(v, path=place))
    required: set[str] = set()
    if tipo == "conciliazione" and not found:
        from sportello.forms import required_attachments

        required = {t.value for t in required_attachments(form)}
    files = []
    for p in paths:
        flag = p.name in declared and str(getattr(declared[p.name].tipo, "value", "")) in required
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if not found else ""
        files.append(File(p.name, p, digest, flag))
    return files, found


def load_rows(form_cls: type, table: Table, *, allegati: str | Path | None = None) -> Lotto:
    """Every row of ``table`` as a :class:`Riga` of ``form_cls``, nothing sent.

    Raises:
        ValidationError: ``batch.allegati_dir_missing`` when ``allegati`` is not a folder.
    """
    folder = Path(allegati) if allegati is not None else None
    if folder is not None and not folder.is_dir():
        raise ValidationError([Violation.of("batch.allegati_dir_missing", cartella=str(folder))])
    tipo = CASE_FORMS.get(form_cls.__name__, "informazioni")
    cols = {c.path: c for c in columns(form_cls)}
    header, records = table
    problems = [
        Violation.of("batch.unknown_column", path=h, column=h)
        for h in header
        if _generic(h) not in cols
    ]
    seen: dict[str, int] = {}
    rows = [
        _load_one(form_cls, cols, number, cells, seen=seen, folder=folder, tipo=tipo)
        for number, cells in records
    ]
    return Lotto(form_cls, tuple(rows), tuple(problems))


def _load_one(
    form_cls: type,
    cols: dict[str, Colonna],
    number: int,
    cells: dict[str, str],
    *,
    seen: dict[str, int],
    folder: Path | None,
    tipo: str,
) -> Riga:
    """One row as a :class:`Riga` (``seen``: the references of the rows before it)."""
    from sportello import forms

    found: list[Violation] = []
    if "" in cells:
        found.append(Violation.of("batch.extra_cell"))
    rif = cells.get(RIFERIMENTO, "")
    if not rif:
        found.append(Violation.of("batch.riferimento_required", path=RIFERIMENTO))
    elif not _RIF.fullmatch(rif):
        found.append(Violation.of("batch.riferimento_invalid", path=RIFERIMENTO))
    elif rif in seen:
        found.append(
            Violation.of(
                "batch.riferimento_duplicate", path=RIFERIMENTO, riferimento=rif, riga=seen[rif]
            )
        )
    else:
        seen[rif] = number
    doc: dict[str, Any] = {}
    for path, text in cells.items():
        col = cols.get(_generic(path))
        if col is None or col.path == RIFERIMENTO or not text:
            continue
        value, bad = _value(col, text, path)
        if bad is not None:
            found.append(bad)
        else:
            _put(doc, path, value)
    remap: dict[str, str] = {}
    document = _lists(doc, "", remap)
    form: Any = None
    try:
        form = forms.load(form_cls, document)
    except ValidationError as err:
        found.extend(_relocate(v, remap) for v in err.violations)
    files: Sequence[File] = ()
    if form is not None and folder is not None and not found:
        files, bad_files = _files(form, rif, folder, tipo)
        found.extend(bad_files)
    return Riga(number, rif, form if not found else None, tuple(found), tuple(files))
