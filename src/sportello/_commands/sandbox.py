"""``sportello sandbox``: run the local sandbox server (extra ``sandbox``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "sandbox"
HELP = "Run the local sandbox server (extra 'sandbox')."


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the sandbox's options."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (loopback)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)"
    )
    parser.add_argument(
        "--db", type=Path, default=Path("sandbox.sqlite3"), help="SQLite file (created)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="attachments directory (beside --db)"
    )
    parser.add_argument(
        "--seed-demo", action="store_true", help="add the demo customer 000002 and accounts"
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; exit 2 when the extra is not installed."""
    try:
        import uvicorn

        from sportello.sandbox import create_app, seed_demo
    except ImportError:
        sys.stderr.write("sportello sandbox needs the extra: pip install 'sportello[sandbox]'\n")
        return 2
    app = create_app(db_path=args.db, data_dir=args.data_dir)
    if args.seed_demo:
        seed_demo(app.state.sandbox)
    sys.stderr.write(f"sportello sandbox on http://{args.host}:{args.port} (db {args.db})\n")
    from sportello.sandbox._faults import tracking_protocol

    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        lifespan="off",
        http=tracking_protocol(app.state.sandbox.faults),
    )
    app.state.sandbox.close()
    return 0
