"""`attribution serve` runs a production WSGI server (gunicorn, several workers), and tells
an operator with no API key how to get one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from attribution.cli import main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_runs_gunicorn_workers_and_says_how_to_get_a_key(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    env = {**os.environ, "DATABASE_URL": url}
    assert CliRunner().invoke(main, ["db", "upgrade"], env={"DATABASE_URL": url}).exit_code == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "attribution.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/outlets") as response:
                    assert response.status == 200
                    assert response.headers["Server"].startswith("gunicorn")
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "attribution keys create NAME" in output
    assert output.count("Booting worker") == 2
