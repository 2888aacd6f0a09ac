"""``sportello sandbox``: run the local sandbox server (extra ``sandbox``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "sandbox"
HELP = "Run the local sandbox server (extra 'sandbox')."


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the sandbox's options."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (keep it on loopback)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    parser.add_argument(
        "--db", type=Path, default=Path("sandbox.sqlite3"), help="SQLite file (created if missing)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="attachments directory (default: beside --db)"
    )
    parser.add_argument(
        "--seed-demo", action="store_true", help="add the demo customer 000002 and accounts"
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host name answered besides localhost, loopback and --host (repeatable;"
        " default: none)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; exit 2 without the extra or when the data is in use."""
    try:
        import uvicorn

        from sportello.sandbox import Settings, create_app, seed_demo
        from sportello.sandbox._server import server_config, with_host
    except ImportError:
        sys.stderr.write("sportello sandbox needs the extra: pip install 'sportello[sandbox]'\n")
        return 2
    from sportello._violations import SportelloError

    settings = with_host(Settings(allowed_hosts=tuple(args.allow_host)), args.host)
    try:
        app = create_app(db_path=args.db, data_dir=args.data_dir, settings=settings)
    except SportelloError as err:  # another sandbox holds the database or the data directory
        sys.stderr.write(f"sportello: {err}\n")
        return 2
    try:
        if args.seed_demo:
            seed_demo(app.state.sandbox)
        sys.stderr.write(f"sportello sandbox on http://{args.host}:{args.port} (db {args.db})\n")
        config = server_config(app, settings, host=args.host, port=args.port, log_level="info")
        uvicorn.Server(config).run()
    finally:
        app.state.sandbox.close()
    return 0
