"""The worked example suite of docs/testing.md runs, with two xdist workers, as a user runs it."""

import os
import subprocess
import sys
from pathlib import Path

SUITE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "testing_suite"


def test_example_suite_passes_under_xdist(tmp_path: Path) -> None:
    """pytest -p xdist -n 2 on docs/examples/testing_suite passes all five of its tests."""
    # A user's suite knows nothing of this project's Django test settings (pytest-django puts
    # them in the environment of the running session).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(SUITE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "xdist",
            "-n",
            "2",
            "--rootdir",
            str(tmp_path),
            "-c",
            os.devnull,
            str(SUITE),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "5 passed" in result.stdout
