"""A database outage answers 503 with the usual security headers, never a bare 500.

A real gunicorn serves the app with its database pointed at a closed port,
as after a crash of the database server; nothing is mocked.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_without_database():
    port, dead_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{dead_port}/gone",
        "CONN_MAX_AGE": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str):
    try:
        return urllib.request.urlopen(url, timeout=20)
    except urllib.error.HTTPError as error:
        return error


@pytest.mark.parametrize(
    "path",
    ["/", "/charters/virtual-charter/", "/charters/virtual-charter/clauses/1/", "/feeds/recent/"],
)
def test_pages_answer_503_with_security_headers_when_the_database_is_down(
    server_without_database, path
):
    response = _get(server_without_database + path)
    assert response.status == 503
    assert response.headers["Retry-After"] == "30"
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "database is out of reach" in response.read().decode()


def test_healthz_says_the_database_is_down(server_without_database):
    response = _get(server_without_database + "/healthz")
    assert response.status == 503
    assert b'"database": "OperationalError"' in response.read()
