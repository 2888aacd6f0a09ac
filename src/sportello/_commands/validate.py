"""``sportello validate FORM FILE.json``: check a form's JSON document, list every violation.

Exit codes: 0 valid (prints ``valido``/``valid``, or ``[]`` with ``--format json``); 1 invalid
(one line per violation, ``path: message [RULE code]``, or a JSON list of violation dicts);
2 a problem before validation: unknown form name, unreadable file, a file over
``--max-bytes`` (default :data:`DEFAULT_MAX_BYTES`; ``/dev/zero`` stops there), bad JSON (a
message on stderr, never a traceback). ``FILE`` ``-`` reads standard input.

The document is decoded by :func:`sportello._json.loads`, the sandbox's own decoder: nesting
over 64 levels, numbers of over 100 characters, NaN/Infinity, lone surrogates and duplicate
keys are refused here exactly as the sandbox refuses them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sportello._messages import Lang, render
from sportello._violations import ValidationError, Violation

#: The largest document read, in bytes, unless ``--max-bytes`` says otherwise (10 MB).
DEFAULT_MAX_BYTES = 10_000_000

NAME = "validate"
HELP = "Validate a form's JSON document; exit 1 listing every violation."


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments: the form's name, the file, the language, the format, the size cap."""
    parser.add_argument("form", metavar="FORM", help="form name: snake case or class name")
    parser.add_argument("file", metavar="FILE", help="the JSON document ('-' for stdin)")
    parser.add_argument("--lang", choices=("it", "en"), default="it", help="message language")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest document read, in bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def _positive(value: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {value!r}")
    return int(value)


def _fail(code: str, lang: Lang, **params: Any) -> int:
    sys.stderr.write(f"sportello: {render(code, params, lang)}\n")
    return 2


def _read(file: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``file`` (``-``: standard input)."""
    if file == "-":
        stdin: Any = sys.stdin
        binary = getattr(stdin, "buffer", None)
        if binary is None:  # a text stream put in place of stdin (tests, embedding apps)
            return str(stdin.read(limit + 1)).encode("utf-8", "surrogatepass")
        return bytes(binary.read(limit + 1))
    with open(file, "rb") as handle:
        return handle.read(limit + 1)


def read_document(file: str, lang: Lang, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, int]:
    """The decoded JSON of ``file`` and ``0``, or ``None`` and ``2`` after a message on stderr.

    At most ``max_bytes`` are read: a longer file (or an endless one, ``/dev/zero``) is
    ``forms.cli_file_too_large``. The JSON is decoded by :func:`sportello._json.loads`.
    """
    from sportello import _json

    try:
        raw = _read(file, max_bytes)
    except OSError as exc:
        return None, _fail(
            "forms.cli_file_not_found", lang, file=file, reason=exc.strerror or type(exc).__name__
        )
    if len(raw) > max_bytes:
        return None, _fail("forms.cli_file_too_large", lang, file=file, max_bytes=max_bytes)
    try:
        return _json.loads(raw), 0
    except ValidationError as err:
        v = err.violations[0]
        if v.code == "api.invalid_json":
            return None, _fail("forms.cli_bad_json", lang, file=file, **v.params)
        return None, _fail("forms.cli_refused_json", lang, file=file, reason=v.message(lang))


def line_of(v: Violation, lang: Lang) -> str:
    """``path: message [RULE code]`` (no path, no rule: those parts are left out)."""
    tag = f"{v.rule} {v.code}" if v.rule else v.code
    head = f"{v.path}: " if v.path else ""
    return f"{head}{v.message(lang)} [{tag}]"


def run(args: argparse.Namespace) -> int:
    """Validate the document; print the outcome."""
    from sportello.forms import form_class, load

    lang: Lang = args.lang
    try:
        cls = form_class(args.form)
    except ValidationError as err:
        v = err.violations[0]
        return _fail(v.code, lang, **v.params)
    data, status = read_document(args.file, lang, max_bytes=args.max_bytes)
    if status:
        return status
    out = sys.stdout
    try:
        load(cls, data, lang=lang)
    except ValidationError as err:
        if args.format == "json":
            out.write(json.dumps([v.to_dict(lang) for v in err.violations], ensure_ascii=False))
            out.write("\n")
        else:
            out.writelines(line_of(v, lang) + "\n" for v in err.violations)
        return 1
    out.write("[]\n" if args.format == "json" else render("forms.cli_valid", {}, lang) + "\n")
    return 0
