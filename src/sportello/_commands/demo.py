"""``sportello demo``: the main job, a tour of the rules with their Italian messages."""

from __future__ import annotations

import argparse
import sys

from sportello._messages import Lang
from sportello._violations import Violation

NAME = "demo"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the demo's options."""
    parser.add_argument("--lang", choices=("it", "en"), default="it", help="message language")


def run(args: argparse.Namespace) -> int:
    """Print what the rules say of good and bad inputs."""
    lang: Lang = args.lang
    out = sys.stdout
    out.write("sportello: giro delle regole\n")
    v = Violation.of("password.too_short", path="password", min_length=8, length=5)
    out.write(f"  [{v.rule}] {v.path}: {v.message(lang)}\n")
    return 0
