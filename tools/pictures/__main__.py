"""``python -m tools.pictures [--check]``: write (or check) every picture under docs/img/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.pictures import PICTURES

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def main(argv: list[str] | None = None) -> int:
    """Write each picture of :data:`PICTURES`; with ``--check``, 1 when one is stale."""
    parser = argparse.ArgumentParser(prog="python -m tools.pictures", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args(argv)
    stale = []
    IMG.mkdir(parents=True, exist_ok=True)
    for name, draw in PICTURES.items():
        path = IMG / name
        text = draw()
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote docs/img/{name}\n")
    for name in stale:
        sys.stderr.write(f"stale: docs/img/{name} (run: make pictures)\n")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
