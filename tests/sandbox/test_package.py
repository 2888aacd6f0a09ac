"""The package around the server: lazy imports, the command line, the programmatic runner."""

import argparse
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import sportello.sandbox
from sportello import SportelloError
from sportello._commands import sandbox as command
from sportello.sandbox import SandboxServer, Settings, seed_demo


def test_import_sportello_does_not_import_starlette() -> None:
    """`import sportello` and `import sportello.sandbox` load neither starlette nor uvicorn."""
    code = (
        "import sys, sportello, sportello.sandbox; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names() -> None:
    """sportello.sandbox exports exactly its sorted __all__, each resolvable."""
    assert sportello.sandbox.__all__ == sorted(sportello.sandbox.__all__)
    for name in sportello.sandbox.__all__:
        value = getattr(sportello.sandbox, name)
        assert getattr(value, "__module__", "").startswith("sportello.sandbox"), name
        assert getattr(value, "__name__", name) == name
    with pytest.raises(AttributeError):
        _ = sportello.sandbox.nulla


def test_command_options() -> None:
    """`sportello sandbox` takes host, port, db, data dir and --seed-demo, with safe defaults."""
    parser = argparse.ArgumentParser()
    command.configure(parser)
    args = parser.parse_args(["--port", "0", "--db", "x.sqlite3", "--seed-demo"])
    assert (args.host, args.port, args.db, args.seed_demo) == (
        "127.0.0.1",
        0,
        Path("x.sqlite3"),
        True,
    )


def test_server_restarts_on_the_same_database(tmp_path: Path) -> None:
    """Data survive a restart on the same SQLite file; the demo seed is added once."""
    db = tmp_path / "s.sqlite3"
    settings = Settings.for_tests()
    with SandboxServer(db_path=db, settings=settings, seed_demo=True) as first:
        seeded = httpx.post(
            f"{first.url}/_sandbox/accounts",
            json={
                "username": "a.b",
                "password": "Xx#12345",
                "email": "a@b.it",
                "nome": "A",
                "cognome": "B",
            },
        )
        assert seeded.status_code == 201
    with SandboxServer(db_path=db, settings=settings) as second:
        assert seed_demo(second.sandbox) is False
        again = httpx.post(
            f"{second.url}/_sandbox/accounts",
            json={
                "username": "a.b",
                "password": "Xx#12345",
                "email": "a@b.it",
                "nome": "A",
                "cognome": "B",
            },
        )
        assert again.status_code == 409


def test_stopped_server_has_no_app(tmp_path: Path) -> None:
    """Asking a stopped server for its app raises SportelloError."""
    server = SandboxServer(db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests())
    with pytest.raises(SportelloError):
        _ = server.app
