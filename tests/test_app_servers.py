"""Several app servers behind one PostgreSQL and one Redis behave as one site.

Two real gunicorn processes serve the test database with the shared cache
`make test` starts. What one server writes, the other shows at once (the
cache stamps live in Redis); a session opened on one is valid on the other;
a rate limit counts requests made to both.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django_ratelimit.core import _get_window

from tests.conftest import cache_url, make_clause, make_persona, make_user

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def servers():
    if connection.vendor != "postgresql":
        pytest.fail("Needs PostgreSQL (run it through `make test`).")
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.fail("Needs the shared Redis cache that `make test` starts (CACHE_URL).")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "two-servers-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": cache_url(),
        "CONN_MAX_AGE": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    processes, bases = [], []
    try:
        for _ in range(2):
            port = _free_port()
            processes.append(
                subprocess.Popen(
                    [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "-w", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait_for(base)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=5)
            return
        except OSError:  # refused while starting, or slow on a loaded machine
            time.sleep(0.2)
    pytest.fail(f"{base} did not start within {seconds} s")


class Browser:
    """A cookie jar shared by whichever server a request goes to, as behind a balancer."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, data: dict, *, referer: str) -> tuple[int, str]:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
            headers={"Referer": referer},
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log_in(self, base: str, username: str, password: str) -> None:
        self.get(f"{base}/accounts/login/")
        status, page = self.post(
            f"{base}/accounts/login/",
            {"username": username, "password": password},
            referer=f"{base}/accounts/login/",
        )
        assert status == 200 and username in page, status


@pytest.fixture
def world(db):
    clause = make_clause(title="Across servers", body="Shared words.")
    make_user("alice", persona=make_persona())
    return clause


def test_a_session_from_one_server_is_valid_on_the_other(servers, world):
    first, second = servers
    browser = Browser()
    browser.log_in(first, "alice", "pw-alice")
    status, page = browser.get(f"{second}/notifications/")
    assert status == 200 and "Notifications" in page and "alice" in page


def test_a_write_through_one_server_shows_at_once_through_the_other(servers, world):
    first, second = servers
    clause_url = world.get_absolute_url()
    visitor = Browser()
    assert "Shared words." in visitor.get(f"{second}{clause_url}")[1]  # now cached on Redis
    writer = Browser()
    writer.log_in(first, "alice", "pw-alice")
    writer.get(f"{first}{clause_url}")
    status, _ = writer.post(
        f"{first}{clause_url}comments/",
        {"body": "Said on the first server."},
        referer=f"{first}{clause_url}",
    )
    assert status == 200  # followed the redirect to the comment
    assert "Said on the first server." in visitor.get(f"{second}{clause_url}")[1]


def _inside_one_window(value: str, period: int, seconds_needed: int = 60) -> None:
    """Wait, if need be, until this key's window has time left for the whole test.

    The limits count in fixed windows (offset per key); attempts that
    straddled a window's end would see their count start again.
    """
    left = _get_window(value, period) - time.time()
    if left < seconds_needed:
        time.sleep(left + 0.5)


def _failed_logins_then_the_right_password(servers: list[str]) -> tuple[list[int], str]:
    """Ten wrong passwords for alice and then the right one, alternating between servers."""
    browser = Browser()
    statuses, page = [], ""
    for n in range(11):
        base = servers[n % 2]
        browser.get(f"{base}/accounts/login/")
        password = "pw-alice" if n == 10 else f"wrong-{n}"
        status, page = browser.post(
            f"{base}/accounts/login/",
            {"username": "alice", "password": password},
            referer=f"{base}/accounts/login/",
        )
        statuses.append(status)
    return statuses, page


def test_a_rate_limit_counts_requests_to_both_servers(servers, world):
    # The limit counts in fixed fifteen-minute windows. On a loaded machine the
    # attempts may straddle a window's end, and the count starts again; then
    # the attempts are run once more, from empty counters, in the new window.
    period = 15 * 60
    _inside_one_window("alice", period)
    for _ in range(2):
        window = _get_window("alice", period)
        statuses, page = _failed_logins_then_the_right_password(servers)
        if _get_window("alice", period) == window:
            break
        cache.clear()
    assert statuses[:10] == [200] * 10  # the form again, with "wrong password"
    assert statuses[10] == 429  # even the right password waits, on either server
    assert "Too many failed log-ins for this user name" in page
