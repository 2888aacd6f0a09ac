"""``python -m tools.cli_doc [--check]``: write (or check) docs/cli.md."""

from __future__ import annotations

import argparse
import sys

from tools.cli_doc import PAGE, page


def main(argv: list[str] | None = None) -> int:
    """Write docs/cli.md; with ``--check``, 1 when the committed page is stale."""
    parser = argparse.ArgumentParser(prog="python -m tools.cli_doc", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args(argv)
    text = page()
    if args.check:
        if PAGE.read_text(encoding="utf-8") != text:
            sys.stderr.write("stale: docs/cli.md (run: make cli-doc)\n")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    sys.stdout.write("wrote docs/cli.md\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
