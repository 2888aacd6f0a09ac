"""``sportello schema FORM``: print a form's JSON Schema (2020-12), Italian titles included.

Exit 2 with a message on stderr when the form's name is unknown.
"""

from __future__ import annotations

import argparse
import json
import sys

from sportello._messages import render
from sportello._violations import ValidationError

NAME = "schema"
HELP = "Print a form's JSON Schema (2020-12)."


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the argument: the form's name."""
    parser.add_argument("form", metavar="FORM", help="form name: snake case or class name")
    parser.add_argument(
        "--lang",
        choices=("it", "en"),
        default="it",
        help="language of the error message when FORM is unknown; the schema's titles and"
        " descriptions are the portals' Italian labels in either language",
    )


def run(args: argparse.Namespace) -> int:
    """Print the schema, indented, UTF-8 text as is."""
    from sportello.forms import form_class, json_schema

    try:
        cls = form_class(args.form)
    except ValidationError as err:
        v = err.violations[0]
        sys.stderr.write(f"sportello: {render(v.code, v.params, args.lang)}\n")
        return 2
    sys.stdout.write(json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n")
    return 0
