"""The ``sportello`` command line: ``sportello demo``, ``sportello validate``, ...

Every sub-command lives in :mod:`sportello._commands` and is imported only when chosen.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

__all__ = ["COMMANDS", "HelpFormatter", "build_parser", "main"]

#: name -> (module under sportello._commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo", "The client against a temporary local sandbox, told in Italian."),
    "validate": ("validate", "Validate a form's JSON document; exit 1 listing every violation."),
    "schema": ("schema", "Print a form's JSON Schema (2020-12)."),
    "sandbox": ("sandbox", "Run the local sandbox server (extra 'sandbox')."),
    "rules": ("rules", "Print the rule catalog with each rule's enforcement point."),
    "batch": (
        "batch",
        "Many cases from a CSV or XLSX file: template, check, submit, sync, export.",
    ),
}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, each option followed by its default: ``--port PORT  ... (default: 8000)``.

    Shown when the option has a value by default (not ``None``, ``False`` or an empty list) and
    its help does not already say ``default``; ``sportello sandbox --help`` hides nothing.
    """

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            not action.option_strings
            or "default" in text
            or default is None
            or default is False
            or default is argparse.SUPPRESS
            or default == []
        ):
            return text
        return f"{text} (default: %(default)s)"


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"sportello._commands.{COMMANDS[name][0]}")


def build_parser(*configured: str) -> argparse.ArgumentParser:
    """The command line's parser; the sub-commands named in ``configured`` get their options.

    Only those sub-commands' modules are imported (``main`` names the one chosen, so
    ``sportello --help`` stays fast); ``build_parser(*COMMANDS)`` is the whole command line,
    as ``tools/cli_doc.py`` and the tests of every ``--help`` read it.
    """
    parser = argparse.ArgumentParser(
        prog="sportello", description="sportello: rules, forms, client and sandbox."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        p = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=HelpFormatter
        )
        if name in configured:
            _load(name).configure(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in args_list if a in COMMANDS), None)
    parser = build_parser(*([chosen] if chosen else []))
    args = parser.parse_args(args_list)
    if args.version:
        from sportello import __version__

        sys.stdout.write(f"sportello {__version__}\n")
        return 0
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = _load(args.command).run(args)
    except BrokenPipeError:  # `sportello rules | head`: the reader left, nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code
