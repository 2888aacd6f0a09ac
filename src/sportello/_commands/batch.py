"""``sportello batch``: many cases from one CSV or XLSX file (docs/batch.md, "Invio massivo").

``template FORM``, ``check FORM FILE``, ``submit FORM FILE``, ``sync FILE``, ``export FILE``.

Exit codes (the same for every sub-command):

== =========================================================================================
0  everything done: every row valid and sent with its files (``check``: every row valid)
1  some rows invalid, or refused by the server (listed in the report); the rest is done
2  a usage or input error: unknown form, unreadable file, missing folder, no credentials
3  the server stayed unavailable after the retries: run the same command again to resume
4  the login was refused
130 interrupted (Ctrl-C): run the same command again to resume
== =========================================================================================
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from sportello._messages import Lang, render
from sportello._violations import ValidationError

NAME = "batch"
HELP = "Many cases from a CSV or XLSX file: template, check, submit, sync, export."

OK, INVALID, USAGE, UNAVAILABLE, LOGIN, INTERRUPTED = 0, 1, 2, 3, 4, 130
#: Retries of each call after the first attempt (the client's default is 3).
RETRIES = 5
#: Violations listed on screen before pointing at the report.
SHOWN = 10


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("it", "en"), default="it", help="message language")


def _server(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help="the API's base URL (default: $SPORTELLO_URL)")
    p.add_argument("--giornale", metavar="PATH", help="the journal (default: FILE.journal.sqlite3)")
    p.add_argument("--no-progress", action="store_true", help="no progress on stderr")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the sub-commands and their arguments."""
    sub = parser.add_subparsers(dest="azione", metavar="ACTION", required=True)
    fmt = parser.formatter_class
    p = sub.add_parser(
        "template", help="write an empty file with one column per field", formatter_class=fmt
    )
    p.add_argument("form", metavar="FORM", help="the form (domanda_conciliazione, ...)")
    p.add_argument("-o", "--output", help="the file to write, .csv or .xlsx (default FORM.csv)")
    _common(p)
    for name, text in (
        ("check", "check every row locally and write a report; nothing is sent"),
        ("submit", "check every row, then submit the valid ones with their files"),
    ):
        p = sub.add_parser(name, help=text, formatter_class=fmt)
        p.add_argument("form", metavar="FORM", help="the form of the rows")
        p.add_argument("file", metavar="FILE", help="the rows, .csv or .xlsx")
        p.add_argument("--allegati", metavar="DIR", help="DIR/<riferimento>/ holds a row's files")
        p.add_argument("--rapporto", metavar="OUT", help="the report (default FILE.rapporto.csv)")
        _common(p)
        if name == "submit":
            _server(p)
            p.add_argument("--concorrenza", type=int, default=4, metavar="N", help="rows in flight")
    p = sub.add_parser("sync", help="pull the change feed into the journal", formatter_class=fmt)
    p.add_argument("file", metavar="FILE", help="the batch's input file")
    p.add_argument("--documenti", metavar="DIR", help="download the documents here")
    _common(p)
    _server(p)
    p = sub.add_parser(
        "export",
        help="one row per case: state, deadlines, events, documents",
        formatter_class=fmt,
    )
    p.add_argument("file", metavar="FILE", help="the batch's input file")
    p.add_argument("--formato", choices=("csv", "xlsx"), default="csv", help="file format")
    p.add_argument("-o", "--output", help="the file to write (default FILE.export.csv|xlsx)")
    p.add_argument("--giornale", metavar="PATH", help="the journal (default: FILE.journal.sqlite3)")
    _common(p)


def _say(code: str, lang: Lang, **params: Any) -> None:
    sys.stderr.write(f"sportello: {render(code, params, lang)}\n")


def _violations(err: ValidationError, lang: Lang) -> int:
    for v in err.violations:
        sys.stderr.write(f"sportello: {v.message(lang)}\n")
    return USAGE


def run(args: argparse.Namespace) -> int:
    """Run the chosen sub-command; returns the exit code."""
    lang: Lang = args.lang
    try:
        handler = {
            "template": _template,
            "check": _check,
            "submit": _submit,
            "sync": _sync,
            "export": _export,
        }[args.azione]
        code: int = handler(args, lang)
    except ValidationError as err:
        return _violations(err, lang)
    except ImportError as err:
        if "openpyxl" not in str(err):
            raise
        _say("batch.cli_needs_openpyxl", lang)
        return USAGE
    except KeyboardInterrupt:
        _say("batch.cli_interrupted", lang)
        return INTERRUPTED
    return code


def _form(name: str) -> type:
    from sportello._violations import Violation
    from sportello.batch import CASE_FORMS
    from sportello.forms import form_class

    cls = form_class(name)
    if cls.__name__ not in CASE_FORMS:
        raise ValidationError([Violation.of("batch.form_not_a_case", form=name)])
    return cls


def _template(args: argparse.Namespace, lang: Lang) -> int:
    from sportello.batch import write_template
    from sportello.forms import form_name

    cls = _form(args.form)
    target = Path(args.output or f"{form_name(cls)}.csv")
    written, values, count = write_template(cls, target)
    sys.stdout.write(
        render(
            "batch.cli_template_written",
            {"form": form_name(cls), "file": written, "values": values, "columns": count},
            lang,
        )
        + "\n"
    )
    return OK


def _load(args: argparse.Namespace, lang: Lang) -> tuple[Any, Path]:
    from sportello.batch import load_rows, read_table, report_rows, write_report

    cls = _form(args.form)
    table = read_table(args.file)
    lotto = load_rows(cls, table, allegati=args.allegati)
    report = Path(
        args.rapporto or Path(args.file).with_name(f"{Path(args.file).name}.rapporto.csv")
    )
    lines = report_rows(lotto, lang)
    write_report(report, lines)
    for riga, rif, path, rule, code, message in lines[:SHOWN]:
        tag = f"{rule} {code}" if rule else code
        where = f"{path}: " if path else ""
        sys.stdout.write(f"{riga} {rif}: {where}{message} [{tag}]\n".replace("  ", " "))
    if len(lines) > SHOWN:
        sys.stdout.write(render("batch.cli_more_violations", {"count": len(lines) - SHOWN}, lang))
        sys.stdout.write("\n")
    return lotto, report


def _check(args: argparse.Namespace, lang: Lang) -> int:
    from sportello._commands._batch_ui import summary

    lotto, report = _load(args, lang)
    invalid = len(lotto.rows) - len(lotto.valid_rows)
    summary(
        [
            ("batch.cli_summary_rows", len(lotto.rows)),
            ("batch.cli_summary_invalid", invalid),
            ("batch.cli_summary_report", report),
        ],
        lang,
    )
    return INVALID if invalid or lotto.problems else OK


def _url(args: argparse.Namespace, lang: Lang) -> str | None:
    from sportello._commands._batch_ui import ENV_URL

    url: str | None = args.url or os.environ.get(ENV_URL)
    if not url:
        _say("batch.cli_no_url", lang)
    return url


def _journal(args: argparse.Namespace, lang: Lang, *, must_exist: bool) -> Any:
    from sportello.batch import Journal, journal_path

    path = Path(args.giornale) if args.giornale else journal_path(args.file)
    if must_exist and not path.is_file():
        _say("batch.cli_no_journal", lang, journal=path)
        return None
    return Journal(path)


async def _session(url: str, lang: Lang, work: Any) -> int:
    """Log in (credentials from the environment or a prompt), then ``await work(client)``."""
    from sportello._commands._batch_ui import credentials
    from sportello.batch import UnavailableError
    from sportello.client import ApiError, AsyncClient, Unauthorized

    found = credentials(lang)
    if found is None:
        _say("batch.cli_no_credentials", lang)
        return USAGE
    async with AsyncClient(base_url=url, lang=lang, max_retries=RETRIES) as client:
        try:
            await client.auth.login(*found)
        except Unauthorized as err:
            _say("batch.cli_login_failed", lang, error=err)
            return LOGIN
        except ApiError as err:
            _say("batch.cli_unavailable", lang, error=err)
            return UNAVAILABLE
        try:
            code: int = await work(client)
        except UnavailableError as err:
            _say("batch.cli_unavailable", lang, error=err.error)
            return UNAVAILABLE
        return code


def _submit(args: argparse.Namespace, lang: Lang) -> int:
    from sportello._commands._batch_ui import progress, summary
    from sportello.batch import submit

    url = _url(args, lang)
    if url is None:
        return USAGE
    lotto, report = _load(args, lang)
    journal = _journal(args, lang, must_exist=False)

    async def work(client: Any) -> int:
        total = len(lotto.valid_rows)
        with progress(
            "batch.cli_progress_submit", total, lang, enabled=not args.no_progress
        ) as advance:
            done = await submit(
                lotto, journal, client, concurrency=args.concorrenza, progress=advance
            )
        summary(
            [
                ("batch.cli_summary_rows", done.rows),
                ("batch.cli_summary_invalid", done.invalid),
                ("batch.cli_summary_sent", done.sent),
                ("batch.cli_summary_already", done.already),
                ("batch.cli_summary_refused", done.refused),
                ("batch.cli_summary_attachments", done.attachments),
                ("batch.cli_summary_pending", done.pending),
                ("batch.cli_summary_journal", journal.path),
                ("batch.cli_summary_report", report),
            ],
            lang,
        )
        bad = done.invalid or done.refused or done.attachments_refused or lotto.problems
        return INVALID if bad else OK

    try:
        return asyncio.run(_session(url, lang, work))
    finally:
        journal.close()


def _sync(args: argparse.Namespace, lang: Lang) -> int:
    from sportello._commands._batch_ui import progress, summary
    from sportello.batch import sync

    url = _url(args, lang)
    journal = _journal(args, lang, must_exist=True)
    if url is None or journal is None:
        return USAGE

    async def work(client: Any) -> int:
        with progress("batch.cli_progress_sync", 0, lang, enabled=False) as advance:
            done = await sync(journal, client, documenti=args.documenti, progress=advance)
        summary(
            [
                ("batch.cli_summary_events", done.events),
                ("batch.cli_summary_changed", done.changed),
                ("batch.cli_summary_documents", done.documents),
                ("batch.cli_summary_journal", journal.path),
            ],
            lang,
        )
        return OK

    try:
        return asyncio.run(_session(url, lang, work))
    finally:
        journal.close()


def _export(args: argparse.Namespace, lang: Lang) -> int:
    from sportello.batch import write_export

    journal = _journal(args, lang, must_exist=True)
    if journal is None:
        return USAGE
    name = Path(args.file).name
    target = Path(args.output or Path(args.file).with_name(f"{name}.export.{args.formato}"))
    try:
        count = write_export(journal, target, formato=args.formato)
    finally:
        journal.close()
    sys.stdout.write(
        render("batch.cli_export_written", {"file": target, "pratiche": count}, lang) + "\n"
    )
    return OK
