"""Per-test cost of the kit's sandbox fixtures: 40 tests with a fixture vs 40 without.

Claim (docs/testing.md): a fresh ``sportello_sandbox`` (or ``sportello_demo_sandbox``) costs at
most 10 ms per test: one server per session, reset before each test. For scale, the peer is
a server per test (what the plugin did before: ``SandboxServer`` started and stopped in each
test). Each suite runs in its own pytest subprocess, generated in a temporary directory; the
figure is (time with the fixture - time without) / 40, best of ``ROUNDS`` runs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

N = 40
ROUNDS = 3

SUITES = {
    "none": "def test_{i}():\n    assert True\n",
    "sportello_sandbox": "def test_{i}(sportello_sandbox):\n    assert sportello_sandbox.url\n",
    "sportello_demo_sandbox": (
        "def test_{i}(sportello_demo_sandbox):\n    assert sportello_demo_sandbox.url\n"
    ),
    "server per test": textwrap.dedent(
        """\
        def test_{i}(tmp_path):
            from sportello.sandbox import SandboxServer, Settings
            with SandboxServer(db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests()):
                pass
        """
    ),
}


def _run(directory: Path, name: str, body: str) -> float:
    path = directory / f"test_{name.replace(' ', '_')}.py"
    path.write_text("\n\n".join(body.format(i=i) for i in range(N)), encoding="utf-8")
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
            cwd=directory,
            check=True,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    """Print the per-test cost of each fixture and its ratio to a server per test."""
    with tempfile.TemporaryDirectory() as d:
        directory = Path(d)
        (directory / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        times = {name: _run(directory, name, body) for name, body in SUITES.items()}
    base = times["none"]
    peer = (times["server per test"] - base) / N
    print(f"{N} tests without a fixture: {base:.2f} s")
    for name in ("sportello_sandbox", "sportello_demo_sandbox", "server per test"):
        per_test = (times[name] - base) / N
        print(
            f"{name:24s} {times[name]:.2f} s, {per_test * 1000:6.1f} ms per test "
            f"({per_test / peer:.3f} x a server per test)"
        )


if __name__ == "__main__":
    main()
