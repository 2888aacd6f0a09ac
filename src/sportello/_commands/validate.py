"""``sportello validate FORM FILE.json``: check a form's JSON document, list every violation.

Exit codes: 0 valid (prints ``valido``/``valid``, or ``[]`` with ``--format json``); 1 invalid
(one line per violation, ``path: message [RULE code]``, or a JSON list of violation dicts);
2 a problem before validation: unknown form name, unreadable file, bad JSON (a message on
stderr, never a traceback). ``FILE`` ``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sportello._messages import Lang, render
from sportello._violations import ValidationError, Violation

NAME = "validate"
HELP = "Validate a form's JSON document; exit 1 listing every violation."


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments: the form's name, the file, the language and the output format."""
    parser.add_argument("form", metavar="FORM", help="form name: snake case or class name")
    parser.add_argument("file", metavar="FILE", help="the JSON document ('-' for stdin)")
    parser.add_argument("--lang", choices=("it", "en"), default="it", help="message language")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _fail(code: str, lang: Lang, **params: Any) -> int:
    sys.stderr.write(f"sportello: {render(code, params, lang)}\n")
    return 2


def read_document(file: str, lang: Lang) -> tuple[Any, int]:
    """The decoded JSON of ``file`` and ``0``, or ``None`` and ``2`` after a message on stderr."""
    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        return None, _fail(
            "forms.cli_file_not_found", lang, file=file, reason=exc.strerror or type(exc).__name__
        )
    except UnicodeDecodeError as exc:
        return None, _fail(
            "forms.cli_bad_json", lang, file=file, line=1, column=exc.start + 1, reason=exc.reason
        )
    try:
        return json.loads(text), 0
    except json.JSONDecodeError as exc:
        return None, _fail(
            "forms.cli_bad_json", lang, file=file, line=exc.lineno, column=exc.colno, reason=exc.msg
        )


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
    data, status = read_document(args.file, lang)
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
